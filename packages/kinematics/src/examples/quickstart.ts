/**
 * Quickstart: the Belle II frame and the four-muon kinematic fit of Belle2-4mu.
 *
 * Generates e⁺e⁻ → μ⁺μ⁻Z', Z' → μ⁺μ⁻ at Belle II for several Z' masses, smears the muons with a
 * Belle II-like tracking resolution, applies the 4C kinematic fit (Σ p(μ) = p(beams)) and prints the
 * Z' dimuon-mass resolution before and after. Deterministic for its seed.
 *
 * Run: `node dist/examples/quickstart.js` in packages/kinematics after a build (`npx turbo run build --filter=@muonphilic/kinematics...`).
 *
 * @packageDocumentation
 */
import { M_E, M_MU } from "@muonphilic/units";
import { belle2Beams, fixedTargetElastic } from "../index.js";
import { fourMuonStudy, STUDY_DEFAULTS } from "./fourMuonStudy.js";

const beams = belle2Beams();
const mev = (x: number) => (1000 * x).toFixed(2).padStart(7);

console.log("muonphilic quickstart: @muonphilic/kinematics");
console.log("");
console.log(`Belle II beams: e- ${beams.electronEnergy} GeV on e+ ${beams.positronEnergy} GeV (head-on)`);
console.log(
  `  sqrt(s) = ${beams.sqrtS.toFixed(5)} GeV, CM boost beta = ${beams.beta.toFixed(5)}, gamma = ${beams.gamma.toFixed(5)}`,
);
const muone = fixedTargetElastic({ beamEnergy: 150, beamMass: M_MU, targetMass: M_E });
console.log(
  `MUonE (150 GeV mu on e at rest): sqrt(s) = ${mev(muone.sqrtS).trim()} MeV, max muon angle = ${(1000 * muone.maxBeamAngle).toFixed(3)} mrad, min E_e for theta_mu > 1.5 mrad = ${muone.minTargetEnergy(1.5e-3).toFixed(2)} GeV`,
);
console.log("");
console.log(
  `e+e- -> mu+ mu- Z', Z' -> mu+ mu-: ${STUDY_DEFAULTS.events} events per mass, seed ${STUDY_DEFAULTS.seed}; ` +
    `sigma(pT)/pT = ${100 * STUDY_DEFAULTS.ptResolutionSlope}% pT (+) ${100 * STUDY_DEFAULTS.ptResolutionConstant}% in quadrature, ` +
    `sigma(theta) = sigma(phi) = ${1000 * STUDY_DEFAULTS.sigmaTheta} mrad`,
);
console.log("4C kinematic fit: sum of the four muon four-momenta = beam four-momentum");
console.log("");
console.log("  m(Z') [GeV]   sigma(M) before [MeV]   after [MeV]   improvement   <chi2>/ndf   converged");
for (const zPrimeMass of [0.5, 1, 3, 6, 9]) {
  const r = fourMuonStudy({ zPrimeMass });
  console.log(
    `  ${zPrimeMass.toFixed(1).padStart(10)}   ${mev(r.sigmaBefore).padStart(21)}   ${mev(r.sigmaAfter).padStart(11)}   ${(r.sigmaBefore / r.sigmaAfter).toFixed(2).padStart(11)}   ${(r.meanChi2 / 4).toFixed(3).padStart(10)}   ${((100 * r.converged) / r.events).toFixed(2).padStart(8)}%`,
  );
}
