// The 4C-fitted reduced-mass resolution of e+e- -> mu+ mu- Z'(-> mu+ mu-) signal through the
// Belle II four-muon preset of @muonphilic/detectors: the study behind the preset's track angular
// resolution (BELLE2_TRACK_ANGLES), whose coefficients were chosen so that this resolution
// reproduces Belle2-4mu sec. V ("2-2.5 MeV/c^2 for m_Z' below 1 GeV/c^2, increases smoothly to
// 5 MeV/c^2 for m_Z' around 5 GeV/c^2, then decreases to 2.5 MeV/c^2 at 9 GeV/c^2").
//
// Per mass: generate Z' signal with ISR (@muonphilic/models generateMuMuX with its default
// matrix-element method, as the scan's calibration; --method splitting for the collinear
// splitting-function approximation), pass it
// through belle2() (the default four-muon preset: sigma_pT/pT = 0.1% pT + 0.3%, track angles
// a + b/(p beta)), apply the selection of Belle2-4mu sec. IV C that the detector model represents
// (four tracks, >= 3 identified muons, trigger, photon energy < 0.4 GeV, 10 < M(4mu) < 11 GeV), run the
// 4C fit (kinematics' createKinematicFitter) with the covariances of the smearing
// (trackCovariance(p, det.trackResolution("muon", px, py, pz, M_MU))), and fit a double Crystal Ball
// (@muonphilic/stats, unbinned ML, as the scan's calibration does) to M_R(fit) - M_R(true) of the
// true Z' pair. Printed per mass:
//   sigmaEff = sqrt(f sigma1^2 + (1 - f) sigma2^2) of the double Crystal Ball: the "resolution"
//              the scan uses for its step and window (apps/scan effectiveResolution), and the
//              number compared with the paper;
//   sigma1, sigma2, f: the two Crystal Ball widths and the core fraction;
//   s68: half the central 68% interval of M_R(fit) - M_R(true) (dominated by ISR tails above 3 GeV);
//   eff: selected events with a converged fit / generated.
// and the number of scan hypotheses the curve implies, sum over the mass range of dm / sigmaEff.
//
// Needs built packages (dist/):
//   export PATH=$PWD/node_modules/.bin:$PATH
//   turbo run build --filter=@muonphilic/detectors... --filter=@muonphilic/models... --filter=@muonphilic/stats...
//   node tools/studies/belle2-angular-resolution.mjs [--events 20000] [--seed 7] [--masses 0.212,0.5,1,...]
//        [--method matrix-element|splitting] [--theta-constant RAD --theta-scattering GEV_RAD]
// (--theta-constant/--theta-scattering replace the preset's a and b for both angles: the tuning scan.)
// About 1.5 s per mass for 20 000 events on one core. Mass k of the list uses random stream k of the seed,
// so the default list reproduces the README table exactly.
const dist = (pkg) => new URL(`../../packages/${pkg}/dist/index.js`, import.meta.url).href;
const { belle2, BELLE2_TRACK_ANGLES, select } = await import(dist("detectors"));
const { createKinematicFitter, createRandom, trackCovariance } = await import(dist("kinematics"));
const { generateMuMuX } = await import(dist("models"));
const { doubleCrystalBall, fit, pdfShape, unbinnedNLL } = await import(dist("stats"));
const { M_MU } = await import(dist("units"));

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

const MUONS = ["muPlus", "muMinus", "xMuPlus", "xMuMinus"];
const SPECIES = {
  muPlus: { species: "muon", charge: 1 },
  muMinus: { species: "muon", charge: -1 },
  xMuPlus: { species: "muon", charge: 1 },
  xMuMinus: { species: "muon", charge: -1 },
};
const REQUIREMENTS = [
  { kind: "reconstructed", particles: MUONS },
  { kind: "trackCount", min: 4, max: 4 },
  { kind: "identification", particles: MUONS, muons: { min: 3 } },
  { kind: "trigger" },
  { kind: "photonVeto", maxTotalEnergyGeV: 0.4 },
  {
    kind: "custom",
    name: "10 < M(4mu) < 11 GeV",
    test: (ev, i) => {
      let e = 0;
      let px = 0;
      let py = 0;
      let pz = 0;
      for (const n of MUONS) {
        const p = ev.particles[n];
        e += p.e[i];
        px += p.px[i];
        py += p.py[i];
        pz += p.pz[i];
      }
      const m = Math.sqrt(Math.max(0, e * e - px * px - py * py - pz * pz));
      return m > 10 && m < 11;
    },
  },
];
const fitter = createKinematicFitter({
  masses: [M_MU, M_MU, M_MU, M_MU],
  constraints: [{ type: "fourMomentum", total: det.beams.total }],
});
const reduced = (m) => Math.sqrt(Math.max(m * m - 4 * M_MU * M_MU, 0));

/** M_R(fit) - M_R(true) of the true X pair for the selected, fitted events. */
function offsets(mass, stream) {
  const rng = createRandom(seed, stream);
  const m = method;
  const sample = generateMuMuX(
    { mass, coupling: 0.01, spin: "vector", decay: "mumu", events, isr: true, method: m },
    rng.fork(1),
  );
  const reco = det.reconstruct(sample.events, { ...SPECIES, gammaIsr: "photon" }, rng.fork(2));
  const sel = select(reco, REQUIREMENTS);
  const momenta = new Float64Array(12);
  const cov = new Float64Array(36);
  const parts = MUONS.map((n) => reco.particles[n]);
  const trueReduced = reduced(mass);
  const out = [];
  for (let i = 0; i < reco.size; i++) {
    if (sel.passed[i] !== 1) continue;
    parts.forEach((q, j) => {
      const x = q.px[i];
      const y = q.py[i];
      const z = q.pz[i];
      momenta.set([x, y, z], 3 * j);
      cov.set(trackCovariance({ x, y, z }, det.trackResolution("muon", x, y, z, M_MU)), 9 * j);
    });
    const r = fitter.fit(momenta, cov);
    if (!r.valid) continue;
    const a = r.particles[2];
    const b = r.particles[3];
    const e = a.e + b.e;
    const m2 = e * e - (a.px + b.px) ** 2 - (a.py + b.py) ** 2 - (a.pz + b.pz) ** 2;
    out.push(reduced(Math.sqrt(Math.max(m2, 0))) - trueReduced);
  }
  return { offsets: Float64Array.from(out).sort(), method: m };
}

/** Double Crystal Ball fit (core tail low, second tail high) over median +- 35 robust widths, as the scan's calibration. */
function doubleCb(x) {
  const median = x[x.length >> 1];
  const dev = Float64Array.from(x, (v) => Math.abs(v - median)).sort();
  const rs = 1.4826 * dev[dev.length >> 1];
  const low = median - 35 * rs;
  const high = median + 35 * rs;
  const data = x.filter((v) => v > low && v < high);
  const names = ["mean", "sigma1", "alpha1", "n1", "sigma2", "alpha2", "n2", "fraction1"];
  const shape = pdfShape(
    names,
    ([mean, sigma1, alpha1, n1, sigma2, alpha2, n2, fraction1]) =>
      doubleCrystalBall({ mean, sigma1, alpha1, n1, sigma2, alpha2, n2, fraction1, low, high }),
    low,
    high,
  );
  const r = fit(unbinnedNLL({ data, shape }), {
    mean: { value: median, step: 0.1 * rs },
    sigma1: { value: 0.8 * rs, lower: 0.05 * rs, upper: 10 * rs, step: 0.1 * rs },
    alpha1: { value: 1.5, lower: 0.2, upper: 10 },
    n1: { value: 3, lower: 1.05, upper: 60 },
    sigma2: { value: 1.3 * rs, lower: 0.05 * rs, upper: 10 * rs, step: 0.1 * rs },
    alpha2: { value: -1.5, lower: -10, upper: -0.2 },
    n2: { value: 3, lower: 1.05, upper: 60 },
    fraction1: { value: 0.5, lower: 0, upper: 1 },
  });
  const v = (n) => r.parameters[n].value;
  const f = v("fraction1");
  return {
    valid: r.valid,
    sigma1: v("sigma1"),
    sigma2: v("sigma2"),
    f,
    sigmaEff: Math.sqrt(f * v("sigma1") ** 2 + (1 - f) * v("sigma2") ** 2),
  };
}

const mev = (x) => (1e3 * x).toFixed(2).padStart(6);
console.log(
  `Belle II four-muon preset: sigma_theta = sigma_phi = ${terms.constantRad * 1e3} mrad (+) ${terms.scatteringGeVRad * 1e3} mrad GeV/(p beta); ${events} events per mass, seed ${seed}`,
);
console.log("m_Z' (GeV)  method          sigmaEff  sigma1  sigma2     f     s68   (MeV)    eff  fit");
const rows = [];
masses.forEach((mass, k) => {
  const { offsets: x, method: m } = offsets(mass, k);
  const d = doubleCb(x);
  const s68 = (x[Math.floor(0.8413 * x.length)] - x[Math.floor(0.1587 * x.length)]) / 2;
  rows.push([mass, d.sigmaEff]);
  console.log(
    `${String(mass).padStart(10)}  ${m.padEnd(14)}  ${mev(d.sigmaEff)}  ${mev(d.sigma1)}  ${mev(d.sigma2)}  ${d.f.toFixed(2).padStart(5)}  ${mev(s68)}          ${(x.length / events).toFixed(2)}  ${d.valid ? "ok" : "invalid"}`,
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
