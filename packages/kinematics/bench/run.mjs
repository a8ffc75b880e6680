// Throughput of @muonphilic/kinematics on dist/ (build first: tsc -p tsconfig.build.json).
// Run: pnpm --filter @muonphilic/kinematics bench
import { M_MU } from "@muonphilic/units";
import { fourMuonDecayTree } from "../dist/examples/fourMuonStudy.js";
import {
  allocateColumns,
  belle2Beams,
  boostColumns,
  boostToRestFrameColumns,
  cmToLabEvents,
  createKinematicFitter,
  createRandom,
  decayChainColumns,
  invariantMassColumns,
  ramboColumns,
  trackCovariance,
  twoBodyDecayColumns,
} from "../dist/index.js";

const N = 1_000_000;
const beams = belle2Beams();

/** Median rate of `reps` timed runs (after one warm-up), in items per second. */
function rate(label, items, reps, f) {
  f();
  const times = [];
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    f();
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  times.sort((a, b) => a - b);
  const s = times[Math.floor(reps / 2)];
  const perSecond = items / s;
  const shown = perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(1)} M/s` : `${(perSecond / 1e3).toFixed(1)} k/s`;
  console.log(`${label.padEnd(52)} ${shown.padStart(11)}   (${(s * 1e3).toFixed(1)} ms per run)`);
}

// 1e6 events of two muons from a moving 3 GeV parent.
const rng = createRandom(1);
const parent = allocateColumns(N);
for (let i = 0; i < N; i++) {
  const px = rng.normal(0, 1);
  const py = rng.normal(0, 1);
  const pz = rng.normal(2, 2);
  parent.px[i] = px;
  parent.py[i] = py;
  parent.pz[i] = pz;
  parent.e[i] = Math.sqrt(9 + px * px + py * py + pz * pz);
}
const { first: mu1, second: mu2 } = twoBodyDecayColumns(parent, M_MU, M_MU, createRandom(2));
const out = allocateColumns(N);
const masses = new Float64Array(N);

console.log(`@muonphilic/kinematics benchmarks (Node ${process.version}, ${N.toExponential(0)} columnar events)`);
rate("boostColumns (one velocity, CM -> lab)", N, 9, () => boostColumns(mu1, beams.boost, out));
rate("boostToRestFrameColumns (per-event frame)", N, 9, () => boostToRestFrameColumns(mu1, parent, out));
rate("invariantMassColumns (pairs)", N, 9, () => invariantMassColumns([mu1, mu2], masses));
rate("invariantMassColumns (four particles)", N, 9, () => invariantMassColumns([mu1, mu2, mu1, mu2], masses));
rate("twoBodyDecayColumns (isotropic, moving parents)", N, 3, () => twoBodyDecayColumns(parent, M_MU, M_MU, rng));
rate("ramboColumns (4 massive muons at 10.58 GeV)", N / 10, 3, () =>
  ramboColumns(10.58, [M_MU, M_MU, M_MU, M_MU], N / 10, rng),
);

// Kinematic fits: e+e- -> mu+ mu- Z'(3 GeV), Z' -> mu+ mu- in the lab, Belle II-like covariances,
// momenta smeared with them; 4C (sum p = p(beams)) and 5C (+ the Z' mass).
const events = 20_000;
const cm = allocateColumns(events);
cm.e.fill(beams.sqrtS);
const lab = cmToLabEvents(decayChainColumns(fourMuonDecayTree(beams.sqrtS, 3), cm, createRandom(3)), beams);
const momenta = new Float64Array(12 * events);
const covs = new Float64Array(36 * events);
for (let i = 0; i < events; i++) {
  ["muPlus1", "muMinus1", "muPlus2", "muMinus2"].forEach((name, j) => {
    const d = lab.particles[name];
    const p = { x: d.px[i], y: d.py[i], z: d.pz[i] };
    const pt = Math.hypot(p.x, p.y);
    const v = trackCovariance(p, { sigmaPt: pt * Math.hypot(0.001 * pt, 0.003), sigmaTheta: 1e-3, sigmaPhi: 1e-3 });
    covs.set(v, 36 * i + 9 * j);
    momenta[12 * i + 3 * j] = p.x + rng.normal(0, Math.sqrt(v[0]));
    momenta[12 * i + 3 * j + 1] = p.y + rng.normal(0, Math.sqrt(v[4]));
    momenta[12 * i + 3 * j + 2] = p.z + rng.normal(0, Math.sqrt(v[8]));
  });
}
for (const [label, constraints] of [
  ["kinematic fit, 4 muons, 4C", [{ type: "fourMomentum", total: beams.total }]],
  [
    "kinematic fit, 4 muons, 4C + mass (5C)",
    [
      { type: "fourMomentum", total: beams.total },
      { type: "mass", particles: [2, 3], mass: 3 },
    ],
  ],
]) {
  const fitter = createKinematicFitter({ masses: [M_MU, M_MU, M_MU, M_MU], constraints });
  let valid = 0;
  let iterations = 0;
  rate(label, events, 3, () => {
    valid = 0;
    for (let i = 0; i < events; i++) {
      const r = fitter.fit(momenta.subarray(12 * i, 12 * i + 12), covs.subarray(36 * i, 36 * i + 36));
      if (r.valid) valid++;
      iterations += r.iterations;
    }
  });
  console.log(
    `${"".padEnd(4)}converged ${((100 * valid) / events).toFixed(1)}%, ${(iterations / events / 4).toFixed(2)} iterations per fit`,
  );
}
