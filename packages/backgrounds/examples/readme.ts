import {
  belle2FourMuonToy,
  fillHistogram,
  jho2019Requirements,
  muMuMissingVariables,
  tauPairMuMuSigma,
  toyDataset,
} from "@muonphilic/backgrounds";
import { belle2 } from "@muonphilic/detectors";

// 1. The four-muon background toy the resonance scan runs on (Belle2-4mu, 178 fb⁻¹, fixed seed)
const toy = belle2FourMuonToy({ luminosityInvFb: 178, seed: 20240614 });
const masses = toy.candidates.mass; // candidate M(μ+μ-) in GeV, after the 4C kinematic fit
const inVeto = masses.filter((m) => m > 3.07 && m < 3.12).length; // the scan vetoes the J/ψ

// 2. A μμ + missing-energy toy (two identified muons, photon veto) at 1 fb⁻¹, and a
//    recoil-mass² × cos θ template of its τ pairs (Belle2-inv's two template axes)
const det = belle2({ muonId: "jho2019", tracking: "jho2019Flat" });
const mumu = toyDataset({
  processes: ["belle2.tauPairMuMu", "belle2.muMuGamma", "belle2.twoPhotonMuMu"],
  exposure: { luminosityInvFb: 1 },
  detector: det,
  selection: jho2019Requirements(det.beams).slice(0, 5), // muons, p > 0.6 GeV, photon veto
  seed: 7,
  poolEvents: 5000,
  variables: muMuMissingVariables(det.beams),
});
const pool = mumu.pools[0]!; // the tau pairs
const template = fillHistogram(
  pool.variables,
  [
    { variable: "missingMass2", edges: [-1, 0, 1, 4, 9, 16, 25, 50] },
    { variable: "cosRecoil", edges: [-1, -0.5, 0, 0.5, 1] },
  ],
  pool.weight,
);

export const example = { toy, inVeto, mumu, template, sigmaTau: tauPairMuMuSigma() };
