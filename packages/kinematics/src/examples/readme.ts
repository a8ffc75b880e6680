import { M_E, M_MU } from "@muonphilic/units";
import {
  allocateColumns,
  belle2Beams,
  cmToLabEvents,
  createRandom,
  decayChainColumns,
  fixedTargetElastic,
  fourVectorAt,
  invariantMassColumns,
  kinematicFit,
  reducedMassColumns,
  trackCovariance,
} from "../index.js";

// Belle II: 7 GeV e- on 4 GeV e+.
const beams = belle2Beams();
console.log(beams.sqrtS.toFixed(4), beams.beta.toFixed(4)); // 10.5830 0.2727

// 10 000 events e+e- -> mu+ mu- Z'(3 GeV), Z' -> mu+ mu-, generated in the CM and boosted to the lab.
const cm = allocateColumns(10_000);
cm.e.fill(beams.sqrtS);
const tree = {
  name: "cm",
  mass: beams.sqrtS,
  daughters: [
    { name: "muPlus1", mass: M_MU },
    { name: "muMinus1", mass: M_MU },
    {
      name: "zPrime",
      mass: 3,
      daughters: [
        { name: "muPlus2", mass: M_MU },
        { name: "muMinus2", mass: M_MU },
      ],
    },
  ],
};
const events = cmToLabEvents(decayChainColumns(tree, cm, createRandom(1)), beams);
const mass = invariantMassColumns([events.particles.muPlus2!, events.particles.muMinus2!]);
const reduced = reducedMassColumns(mass, M_MU); // Belle2-4mu: M_R = sqrt(M^2 - 4 m_mu^2)
console.log(mass[0]?.toFixed(6), reduced[0]?.toFixed(6)); // 3.000000 2.992548

// The 4C kinematic fit of one event (sum of the muons = beams), with a Belle II-like covariance.
const muons = ["muPlus1", "muMinus1", "muPlus2", "muMinus2"].map((name) => fourVectorAt(events.particles[name]!, 0));
const fit = kinematicFit(
  muons.map((p) => ({
    momentum: p,
    mass: M_MU,
    covariance: trackCovariance(p, { sigmaPt: 0.005, sigmaTheta: 1e-3, sigmaPhi: 1e-3 }),
  })),
  [{ type: "fourMomentum", total: beams.total }],
);
console.log(fit.valid, fit.ndf, fit.chi2 < 1e-12); // true 4 true (generated events satisfy the constraints)

// MUonE: 150 GeV muons on electrons at rest (Asai2022 eqs. (1)-(3)).
const muone = fixedTargetElastic({ beamEnergy: 150, beamMass: M_MU, targetMass: M_E });
console.log(
  (1000 * muone.sqrtS).toFixed(1),
  (1000 * muone.maxBeamAngle).toFixed(3),
  muone.minTargetEnergy(1.5e-3).toFixed(2),
);
// 405.5 4.836 37.94
