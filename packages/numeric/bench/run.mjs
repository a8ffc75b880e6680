// Throughput of @muonphilic/numeric on dist/ (build first: tsc -p tsconfig.build.json).
// Run: pnpm --filter @muonphilic/numeric bench
import {
  cholesky,
  choleskySolve,
  dilog,
  erfc,
  gammaQ,
  integrate,
  logGamma,
  normalCdf,
  normalQuantile,
} from "../dist/index.js";

/** Median time of `reps` timed runs (after one warm-up), printed as a rate of `items`. */
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
  const ns = (s / items) * 1e9;
  const shown = ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(1)} ns`;
  console.log(`${label.padEnd(60)} ${shown.padStart(10)} per call`);
}

const N = 1_000_000;
const xs = Float64Array.from({ length: N }, (_, i) => -8 + (16 * (i + 0.5)) / N);
const ps = Float64Array.from({ length: N }, (_, i) => (i + 0.5) / N);
let sink = 0;

console.log(`@muonphilic/numeric benchmarks (Node ${process.version})`);
rate("erfc(x), x in [-8, 8]", N, 7, () => {
  for (let i = 0; i < N; i++) sink += erfc(xs[i]);
});
rate("normalCdf(x), x in [-8, 8]", N, 7, () => {
  for (let i = 0; i < N; i++) sink += normalCdf(xs[i]);
});
rate("normalQuantile(p), p in (0, 1)", N, 5, () => {
  for (let i = 0; i < N; i++) sink += normalQuantile(ps[i]);
});
rate("logGamma(x), x in (0, 16)", N, 7, () => {
  for (let i = 0; i < N; i++) sink += logGamma(xs[i] + 8.000001);
});
rate("gammaQ(5, x), x in (0, 16) (chi2 p-value, 10 dof)", N / 10, 5, () => {
  for (let i = 0; i < N; i += 10) sink += gammaQ(5, xs[i] + 8);
});
rate("dilog(x), x in [-8, 1)", N, 7, () => {
  for (let i = 0; i < N; i++) sink += dilog(xs[i] / 2 - 3.5);
});
const M = 2000;
rate("integrate: Gaussian on a 60-sigma window, rtol 1e-10", M, 5, () => {
  for (let i = 0; i < M; i++) sink += integrate((x) => Math.exp(-0.5 * x * x), -30, 30 + i * 1e-6);
});
rate("integrate: Lorentzian of width 1e-4, rtol 1e-12", M / 10, 5, () => {
  for (let i = 0; i < M / 10; i++) sink += integrate((x) => 1e-4 / (x * x + 1e-8), -1, 1 + i * 1e-6, { rtol: 1e-12 });
});
for (const n of [4, 200]) {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = 1 / (i + j + 1) + (i === j ? 1 : 0);
  const l = new Float64Array(n * n);
  const b = new Float64Array(n).fill(1);
  const x = new Float64Array(n);
  const reps = n === 4 ? 100_000 : 50;
  rate(`cholesky + choleskySolve, ${n} x ${n}`, reps, 5, () => {
    for (let r = 0; r < reps; r++) {
      l.set(a);
      cholesky(l, n);
      sink += choleskySolve(l, n, b, x)[0];
    }
  });
}
if (Number.isNaN(sink)) console.log("(NaN in the sink)");
