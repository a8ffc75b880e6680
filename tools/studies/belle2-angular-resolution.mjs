// The 4C-fitted reduced-mass resolution of e+e- -> mu+ mu- Z'(-> mu+ mu-) signal through the
// Belle II four-muon preset of @muonphilic/detectors: the study behind the preset's track angular
// resolution (BELLE2_TRACK_ANGLES), whose coefficients were chosen so that this resolution
// reproduces Belle2-4mu sec. V ("2-2.5 MeV/c^2 for m_Z' below 1 GeV/c^2, increases smoothly to
// 5 MeV/c^2 for m_Z' around 5 GeV/c^2, then decreases to 2.5 MeV/c^2 at 9 GeV/c^2").
//
// Per mass: the signal chain of the scan's calibration (apps/scan simulateSignalOffsets: Z' signal
// with ISR from @muonphilic/models generateMuMuX, its default matrix-element method unless --method
// splitting; the Belle II four-muon preset of @muonphilic/detectors with the track angles under
// study, sigma_pT/pT = 0.1% pT + 0.3%; the selection of Belle2-4mu sec. IV C that the detector model
// represents: four tracks, >= 3 identified muons, trigger, photon energy < 0.4 GeV, 10 < M(4mu) < 11
// GeV; the 4C fit with the covariances of the smearing), then the calibration's double-Crystal-Ball
// fit to M_R(fit) - M_R(true) of the true Z' pair (apps/scan fitSignalShape). Printed per mass:
//   sigmaEff = sqrt(f sigma1^2 + (1 - f) sigma2^2) of the double Crystal Ball: the "resolution"
//              the scan uses for its step and window, and the number compared with the paper;
//   sigma1, sigma2, f: the two Crystal Ball widths and the core fraction;
//   s68: half the central 68% interval of M_R(fit) - M_R(true) (dominated by ISR tails above 3 GeV);
//   eff: the calibration's efficiency (selected with the true pair inside the scan window / generated).
// and the number of scan hypotheses the curve implies, sum over the mass range of dm / sigmaEff.
//
// Needs built packages (dist/):
//   export PATH=$PWD/node_modules/.bin:$PATH
//   turbo run build --filter=@muonphilic/scan...
//   node tools/studies/belle2-angular-resolution.mjs [--events 20000] [--seed 7] [--masses 0.212,0.5,1,...]
//        [--method matrix-element|splitting] [--theta-constant RAD --theta-scattering GEV_RAD]
// (--theta-constant/--theta-scattering replace the preset's a and b for both angles: the tuning scan.)
// About 1.5 s per mass for 20 000 events on one core. Mass k of the list uses random stream k of the seed,
// so the default list reproduces the README table exactly.
const dist = (pkg) => new URL(`../../packages/${pkg}/dist/index.js`, import.meta.url).href;
const { belle2, BELLE2_TRACK_ANGLES } = await import(dist("detectors"));
const { fitSignalShape, simulateSignalOffsets } = await import(
  new URL("../../apps/scan/dist/index.js", import.meta.url).href
);

const args = {};
process.argv.slice(2).forEach((a, i, all) => {
  if (a.startsWith("--")) args[a.slice(2)] = all[i + 1];
});
const events = Number(args.events ?? 20000);
const seed = Number(args.seed ?? 7);
const method = args.method ?? "matrix-element";
const masses = (args.masses ?? "0.212,0.3,0.5,0.75,1,1.5,2,2.5,3,3.5,4,4.5,5,5.5,6,6.5,7,7.5,8,8.5,9")
  .split(",")
  .map(Number);
const terms =
  args["theta-constant"] === undefined
    ? BELLE2_TRACK_ANGLES
    : { constantRad: Number(args["theta-constant"]), scatteringGeVRad: Number(args["theta-scattering"] ?? 0) };
const det = belle2({ trackAngles: { theta: terms, phi: terms } });

const mev = (x) => (1e3 * x).toFixed(2).padStart(6);
console.log(
  `Belle II four-muon preset: sigma_theta = sigma_phi = ${terms.constantRad * 1e3} mrad (+) ${terms.scatteringGeVRad * 1e3} mrad GeV/(p beta); ${events} events per mass, seed ${seed}`,
);
console.log("m_Z' (GeV)  method          sigmaEff  sigma1  sigma2     f     s68   (MeV)    eff  fit");
const rows = [];
masses.forEach((mass, k) => {
  // mass k of the list uses random stream k of the seed
  const offsets = simulateSignalOffsets("zprime", mass, events, seed, k, { detector: det, method });
  const d = fitSignalShape(mass, offsets, events);
  const x = Float64Array.from(offsets).sort();
  const s68 = (x[Math.floor(0.8413 * x.length)] - x[Math.floor(0.1587 * x.length)]) / 2;
  rows.push([mass, d.resolutionGeV]);
  console.log(
    `${String(mass).padStart(10)}  ${method.padEnd(14)}  ${mev(d.resolutionGeV)}  ${mev(d.core.sigmaGeV)}  ${mev(d.tail.sigmaGeV)}  ${d.fraction.toFixed(2).padStart(5)}  ${mev(s68)}          ${d.efficiency.toFixed(2)}  ${d.fitStatus}`,
  );
});
// Scan hypotheses with step = sigmaEff (Belle2-4mu sec. V): trapezoid in 1/sigmaEff over the
// masses, minus the J/psi veto 3.07-3.12 GeV.
let hypotheses = 0;
for (let i = 1; i < rows.length; i++) {
  const [m0, s0] = rows[i - 1];
  const [m1, s1] = rows[i];
  hypotheses += 0.5 * (m1 - m0) * (1 / s0 + 1 / s1);
}
const sJpsi = rows.reduce((best, r) => (Math.abs(r[0] - 3.1) < Math.abs(best[0] - 3.1) ? r : best))[1];
if (rows.length > 1 && rows[0][0] < 3.07 && rows[rows.length - 1][0] > 3.12) hypotheses -= 0.05 / sJpsi;
console.log(
  `scan hypotheses at step = sigmaEff over ${rows[0][0]}-${rows[rows.length - 1][0]} GeV: ~${Math.round(hypotheses)} (Belle2-4mu: 2315)`,
);
