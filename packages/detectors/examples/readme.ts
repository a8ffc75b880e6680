// The usage example of README.md (kept identical; test/readme.test.ts runs it).
import { belle2, formatCutFlow, type Requirement, select, selectedEvents } from "@muonphilic/detectors";
import { belle2Beams, cmToLabEvents, createRandom, ramboColumns } from "@muonphilic/kinematics";
import { M_MU } from "@muonphilic/units";

// 20 000 e+e- -> mu+ mu- gamma events (flat phase space), in the Belle II lab frame.
const n = 20_000;
const beams = belle2Beams();
const rng = createRandom(2024);
const { daughters } = ramboColumns(beams.sqrtS, [M_MU, M_MU, 0], n, rng);
const [muPlus, muMinus, gamma] = daughters as [(typeof daughters)[0], (typeof daughters)[0], (typeof daughters)[0]];
const events = cmToLabEvents({ size: n, particles: { muPlus, muMinus, gamma } }, beams);

// Jho2019's detector: eq. (3.10) tracking, 0.9 muon ID above 0.6 GeV, 1 - eps_gamma = 1e-5.
const detector = belle2({ tracking: "jho2019", muonId: "jho2019", trigger: "none", photonVeto: "conservative" });
const reco = detector.reconstruct(
  events,
  { muPlus: { species: "muon", charge: 1 }, muMinus: { species: "muon", charge: -1 }, gamma: "photon" },
  rng,
);

const requirements: Requirement[] = [
  { kind: "reconstructed", particles: ["muPlus", "muMinus"] },
  { kind: "identification", particles: ["muPlus", "muMinus"], muons: { min: 2 } },
  // Jho2019 sec. 3.2: veto photons above 1 GeV in the centre-of-mass frame.
  { kind: "photonVeto", maxPhotonEnergyGeV: 1, frameVelocity: beams.boost },
];
const expected = select(reco, requirements, { mode: "weight" }); // probabilities as weights
const sampled = select(reco, requirements); // outcomes drawn in reconstruct()
console.log(formatCutFlow(expected.cutFlow));
console.log(`weight mode: ${expected.sumWeight.toFixed(1)} expected, sample mode: ${sampled.count} selected`);

const data = selectedEvents(reco, sampled, ["muPlus", "muMinus"]); // EventColumns for the analysis
console.log(`${data.size} events; first mu+ energy ${data.particles.muPlus?.e[0]?.toFixed(3)} GeV`);

export const example = { expected, sampled, data };
