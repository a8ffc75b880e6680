// Throughput of the detector models (runs on dist/). Run: pnpm --filter @muonphilic/detectors bench
// Events: e+e- -> 4 muons, flat phase space at sqrt(s) (RAMBO), boosted to the Belle II lab.
import { belle2Beams, cmToLabEvents, createRandom, ramboColumns, trackCovariance } from "@muonphilic/kinematics";
import { M_MU } from "@muonphilic/units";
import { belle2, e949, select } from "../dist/index.js";

function best(label, n, f, repeats = 9) {
  f(); // warm up
  let bestS = Number.POSITIVE_INFINITY;
  let out;
  for (let r = 0; r < repeats; r++) {
    const t0 = process.hrtime.bigint();
    out = f();
    bestS = Math.min(bestS, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  console.log(
    `${label.padEnd(52)} ${(n / bestS / 1e6).toFixed(2).padStart(6)} M events/s  (${(bestS * 1e3).toFixed(1)} ms)`,
  );
  return out;
}

const N = 100_000;
const beams = belle2Beams();
const rng = createRandom(2024);
const decay = ramboColumns(beams.sqrtS, [M_MU, M_MU, M_MU, M_MU], N, rng);
const cm = {
  size: N,
  particles: { mu1: decay.daughters[0], mu2: decay.daughters[1], mu3: decay.daughters[2], mu4: decay.daughters[3] },
};
const events = cmToLabEvents(cm, beams);
const species = { mu1: "muon", mu2: "muon", mu3: "muon", mu4: "muon" };
const names = ["mu1", "mu2", "mu3", "mu4"];
const requirements = [
  { kind: "reconstructed", particles: names },
  { kind: "trackCount", min: 4, max: 4 },
  { kind: "identification", particles: names, muons: { min: 3 } },
  { kind: "trigger" },
  { kind: "photonVeto", maxTotalEnergyGeV: 0.4 },
];

console.log(`Belle II, ${N} four-muon events (Node ${process.version})`);
const det = belle2();
const reco = best("belle2().reconstruct (4 muons/event)", N, () => det.reconstruct(events, species, createRandom(1)));
const noAngles = belle2({ trackAngles: "none" });
best("belle2({ trackAngles: 'none' }).reconstruct", N, () => noAngles.reconstruct(events, species, createRandom(1)));
const mu = reco.particles.mu1;
best("det.trackResolution + trackCovariance (4 tracks/event)", N, () => {
  let s = 0;
  for (let i = 0; i < N; i++) {
    for (const name of names) {
      const p = reco.particles[name];
      if (p.accepted[i] !== 1) continue;
      const c = trackCovariance(
        { x: p.px[i], y: p.py[i], z: p.pz[i] },
        det.trackResolution("muon", p.px[i], p.py[i], p.pz[i], M_MU),
      );
      s += c[0];
    }
  }
  return s + mu.px.length;
});
best("select, sample mode (5 requirements)", N, () => select(reco, requirements));
best("select, weight mode (5 requirements)", N, () => select(reco, requirements, { mode: "weight" }));
best("reconstruct + select (sample)", N, () => select(det.reconstruct(events, species, createRandom(2)), requirements));

const kaon = e949();
const k = ramboColumns(0.493677, [M_MU, 0, 0], N, rng);
const kev = { size: N, particles: { mu: k.daughters[0], nu: k.daughters[1], g: k.daughters[2] } };
best("e949().reconstruct + select weight (mu nu gamma)", N, () =>
  select(
    kaon.reconstruct(kev, { mu: "muon", nu: "invisible", g: "photon" }, createRandom(3)),
    [
      { kind: "reconstructed", particles: ["mu"] },
      { kind: "photonVeto", maxPhotonEnergyGeV: 0 },
    ],
    { mode: "weight" },
  ),
);
