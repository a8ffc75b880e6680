// Benchmarks of @muonphilic/stats on dist/ (build first: tsc -p tsconfig.build.json).
// Run: pnpm --filter @muonphilic/stats bench   (then every bench/*.bench.mjs of the other areas)
// Comparison programs (C loop, iminuit) live in tools/bench/stats/ (see tools/bench/README.md).
import { readdirSync } from "node:fs";
import { createRandom } from "@muonphilic/random";
import {
  bernstein,
  chebyshev,
  chebyshevShape,
  doubleCrystalBall,
  extendedUnbinnedNLL,
  fit,
  fitLinearMixture,
  fitRegion,
  fixedShape,
  generateToy,
  linearMixture,
  linearMixtureMinimizer,
  linearMixtureProfile,
  makeAsymptoticCalculator,
  migrad,
  pdfShape,
  regionQuadrature,
} from "../dist/index.js";

/** Median seconds of `reps` timed runs after one warm-up. */
function median(reps, f) {
  f();
  const times = [];
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    f();
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(reps / 2)];
}
const line = (label, value) => console.log(`${label.padEnd(66)} ${value}`);

console.log(`@muonphilic/stats benchmarks (Node ${process.version})`);

// (a) extended NLL, double CB (fixed shape) + quadratic Chebyshev, 1e6 events on the grid of
// tools/bench/stats/nll_c.c (x_i = low + (high − low)(i + 0.5)/N): same data, same NLL.
const low = 2.85;
const high = 3.15;
const window = { low, high };
const cbParams = {
  mean: 3,
  sigma1: 0.005,
  alpha1: 1.5,
  n1: 3,
  sigma2: 0.009,
  alpha2: 2.5,
  n2: 2,
  fraction1: 0.65,
  ...window,
};
const signal = doubleCrystalBall(cbParams);
const N = 1_000_000;
const grid = Float64Array.from({ length: N }, (_, i) => low + ((high - low) * (i + 0.5)) / N);
const nll = extendedUnbinnedNLL({
  data: grid,
  components: [
    { yield: "Ns", shape: fixedShape(signal) },
    { yield: "Nb", shape: chebyshevShape({ params: ["c1", "c2"], ...window }) },
  ],
});
const x = Float64Array.from([0.02 * N, 0.98 * N, -0.2, 0.05]);
const g = new Float64Array(4);
let value = 0;
const tv = median(15, () => {
  value = nll(x);
});
line(
  "(a) extended NLL value, 1e6 events, double CB + quadratic",
  `${(1 / tv).toFixed(1)} evals/s  (${((tv / N) * 1e9).toFixed(2)} ns/event; NLL ${value.toPrecision(17)})`,
);
const tg = median(15, () => nll.gradient(x, g));
line(
  "    analytic gradient (4 parameters)",
  `${(1 / tg).toFixed(1)} evals/s  (${((tg / N) * 1e9).toFixed(2)} ns/event)`,
);
// the shape recomputed at every call (floating shape parameters, generic path)
const floating = extendedUnbinnedNLL({
  data: grid,
  components: [
    { yield: "Ns", shape: pdfShape(["mean"], ([m]) => doubleCrystalBall({ ...cbParams, mean: m }), low, high) },
    { yield: "Nb", shape: chebyshevShape({ params: ["c1", "c2"], ...window }) },
  ],
});
const xf = Float64Array.from([0.02 * N, 0.98 * N, 3, -0.2, 0.05]);
let k = 0;
const tf = median(5, () => {
  xf[2] = 3 + 1e-9 * ++k;
  floating(xf);
});
line(
  "    same with the signal shape recomputed (floating mean)",
  `${(1 / tf).toFixed(1)} evals/s  (${((tf / N) * 1e9).toFixed(2)} ns/event)`,
);

// (b) one scan-window fit: 1000 events, Ns, Nb, c1, c2 free, shape fixed, MIGRAD + HESSE
const rng = createRandom(42);
const bkg = chebyshev({ coefs: [-0.2, 0.05], ...window });
const datasets = Array.from({ length: 200 }, (_, i) =>
  generateToy(
    [
      { yield: 20, pdf: signal },
      { yield: 980, pdf: bkg },
    ],
    rng.fork(i),
    { poisson: false },
  ),
);
const sigShape = fixedShape(signal);
const bkgShape = chebyshevShape({ params: ["c1", "c2"], ...window });
let fits = 0;
let valid = 0;
let nfcn = 0;
let ngrad = 0;
const tb = median(5, () => {
  for (const data of datasets) {
    const r = fit(
      extendedUnbinnedNLL({
        data,
        components: [
          { yield: "Ns", shape: sigShape },
          { yield: "Nb", shape: bkgShape },
        ],
      }),
      { Ns: 10, Nb: 990, c1: 0, c2: 0 },
    );
    fits++;
    if (r.valid) valid++;
    nfcn += r.nfcn;
    ngrad += r.ngrad;
  }
});
line(
  "(b) scan-window fit (1000 events, 4 free, MIGRAD + HESSE, incl. NLL build)",
  `${((tb / datasets.length) * 1e6).toFixed(0)} µs/fit  (${(datasets.length / tb).toFixed(0)} fits/s; ${(nfcn / fits).toFixed(1)} fcn + ${(ngrad / fits).toFixed(1)} grad per fit; ${valid}/${fits} valid)`,
);
const tbn = median(3, () => {
  for (const data of datasets.slice(0, 50)) {
    const l = extendedUnbinnedNLL({
      data,
      components: [
        { yield: "Ns", shape: sigShape },
        { yield: "Nb", shape: bkgShape },
      ],
    });
    fit(
      Object.assign((p) => l(p), { names: l.names, errordef: 0.5 }),
      { Ns: 10, Nb: 990, c1: 0, c2: 0 },
    );
  }
});
line("    same with numerical derivatives (no analytic gradient)", `${((tbn / 50) * 1e6).toFixed(0)} µs/fit`);

// (b‴) the same windows as linear mixtures (signal + quadratic Bernstein basis, Newton with exact
// derivatives, positivity of the density at ~60 check points), and a 90 % CL limit with its band
const region = fitRegion(low, high);
const components = [0, 1, 2].map((k) => bernstein({ coefs: [0, 1, 2].map((j) => (j === k ? 1 : 0)), ...window }));
components.unshift(signal);
const zones = [{ low: 3 - 0.04, high: 3 + 0.04, panelWidth: 0.005 }];
const nodes = regionQuadrature(region, { panelWidth: 0.02, zones });
const checks = Float64Array.from([low, high, ...regionQuadrature(region, { panelWidth: 0.02, zones, points: 2 }).x, 3]);
const lowerBounds = [Number.NEGATIVE_INFINITY, 0, 0, 0];
const template = linearMixture(components, nodes.x, {
  region,
  weights: nodes.w,
  lowerBounds,
  positivityPoints: checks,
});
let mixtures = [];
const tbuild = median(3, () => {
  mixtures = datasets.map((data) =>
    linearMixture(components, data, { region, lowerBounds, positivity: template.positivity }),
  );
});
let lvalid = 0;
const tl = median(5, () => {
  lvalid = 0;
  for (const m of mixtures) if (fitLinearMixture(m, { start: [0, 330, 330, 330] }).converged) lvalid++;
});
line(
  "(b‴) same windows as linear mixtures: fitLinearMixture + covariance",
  `${((tl / datasets.length) * 1e6).toFixed(0)} µs/fit  (${lvalid}/${datasets.length} converged; building the mixture ${((tbuild / datasets.length) * 1e6).toFixed(0)} µs)`,
);
const tlim = median(3, () => {
  for (const data of datasets.slice(0, 20)) {
    const m = linearMixture(components, data, { region, lowerBounds, positivity: template.positivity });
    const calc = makeAsymptoticCalculator(linearMixtureProfile({ data: m, template }), {
      minimizer: linearMixtureMinimizer,
    });
    calc.upperLimit({ cl: 0.9, range: [0, 500], rtol: 1e-5 });
  }
});
line("    90% CL CLs limit + band, linearMixtureMinimizer", `${((tlim / 20) * 1e3).toFixed(2)} ms/window`);

// minimiser scaling: 200-parameter correlated quadratic with an analytic gradient
const n = 200;
const r2 = createRandom(7);
const A = new Float64Array(n * n);
for (let i = 0; i < n; i++)
  for (let j = 0; j <= i; j++) {
    const v = (i === j ? 1 + r2.uniform() : 0) + 0.5 / n;
    A[i * n + j] = v;
    A[j * n + i] = v;
  }
const m = Float64Array.from({ length: n }, () => r2.normal());
const d = new Float64Array(n);
const quad = Object.assign(
  (p) => {
    for (let i = 0; i < n; i++) d[i] = p[i] - m[i];
    let s = 0;
    for (let i = 0; i < n; i++) {
      let t = 0;
      for (let j = 0; j < n; j++) t += A[i * n + j] * d[j];
      s += d[i] * t;
    }
    return s;
  },
  {
    errordef: 0.5,
    gradient: (p, gr) => {
      for (let i = 0; i < n; i++) d[i] = p[i] - m[i];
      for (let i = 0; i < n; i++) {
        let t = 0;
        for (let j = 0; j < n; j++) t += A[i * n + j] * d[j];
        gr[i] = 2 * t;
      }
    },
  },
);
const params = Array.from({ length: n }, (_, i) => ({ name: `p${i}`, value: 0, step: 0.5 }));
const tq = median(3, () => migrad(quad, params, { hesse: true }));
line("minimiser: 200-parameter quadratic, analytic gradient, MIGRAD + HESSE", `${(tq * 1e3).toFixed(0)} ms`);

// pull-study toy: generate 2050 events + fit (double CB + linear background)
const lin = chebyshev({ coefs: [-0.3], low: 2.7, high: 3.3 });
const sig3 = doubleCrystalBall({ ...cbParams, low: 2.7, high: 3.3 });
const s3 = fixedShape(sig3);
const b3 = chebyshevShape({ params: ["c1"], low: 2.7, high: 3.3 });
const tt = median(3, () => {
  for (let t = 0; t < 100; t++) {
    const data = generateToy(
      [
        { yield: 50, pdf: sig3 },
        { yield: 2000, pdf: lin },
      ],
      rng.fork(1000 + t),
    );
    fit(
      extendedUnbinnedNLL({
        data,
        components: [
          { yield: "Ns", shape: s3 },
          { yield: "Nb", shape: b3 },
        ],
      }),
      { Ns: 40, Nb: data.length, c1: 0 },
    );
  }
});
line("pull-study toy (generate 2050 events + fit + HESSE)", `${((tt / 100) * 1e3).toFixed(2)} ms/toy`);

// benchmarks of the other areas of the package
for (const file of readdirSync(new URL(".", import.meta.url))
  .filter((f) => f.endsWith(".bench.mjs"))
  .sort()) {
  await import(new URL(file, import.meta.url).href);
}
