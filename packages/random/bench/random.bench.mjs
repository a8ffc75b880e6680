// Throughput of the seeded random source. Run: pnpm --filter @muonphilic/random bench
import { createRandom } from "../dist/index.js";

function time(label, n, f) {
  f(Math.min(n, 1e5)); // warm up
  const t0 = process.hrtime.bigint();
  const sink = f(n);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${label.padEnd(28)} ${(n / s / 1e6).toFixed(1).padStart(7)} M/s   (sink ${sink.toFixed(3)})`);
}

const rng = createRandom(1);
const N = 2e7;
time("uniform()", N, (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += rng.uniform();
  return s / n;
});
time("normal()", N, (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += rng.normal();
  return s / n;
});
time("poisson(3)", N / 4, (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += rng.poisson(3);
  return s / n;
});
time("poisson(500)", N / 4, (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += rng.poisson(500);
  return s / n;
});
const buf = new Float64Array(1e6);
time("fillUniform (1e6 block)", N, (n) => {
  let s = 0;
  for (let i = 0; i < n / 1e6; i++) s += rng.fillUniform(buf)[0];
  return s;
});
