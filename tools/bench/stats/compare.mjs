// Benchmarks (a) and (b) of @muonphilic/stats against their reference implementations, run
// alternately so that both see the same machine load (the CI machine has 2 shared cores).
//   (a) extended NLL on 1e6 events vs the -O3 C loop nll_c.c (same grid data, same NLL)
//   (b) one scan-window fit with HESSE vs iminuit with a numpy-vectorised cost
// Needs: gcc, a built packages/stats (tsc -p tsconfig.build.json), /usr/bin/python3 with iminuit.
// Run from the repo root: node tools/bench/stats/compare.mjs
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const stats = await import(new URL("../../../packages/stats/dist/index.js", import.meta.url).href);
const { chebyshev, chebyshevShape, doubleCrystalBall, extendedUnbinnedNLL, fit, fixedShape, generateToy } = stats;
const { createRandom } = await import(new URL("../../../packages/random/dist/index.js", import.meta.url).href);

execFileSync("gcc", ["-O3", "-o", "/tmp/muonphilic_nll_c", `${here}nll_c.c`, "-lm"]);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const low = 2.85;
const high = 3.15;
const window = { low, high };
const signal = doubleCrystalBall({
  mean: 3,
  sigma1: 0.005,
  alpha1: 1.5,
  n1: 3,
  sigma2: 0.009,
  alpha2: 2.5,
  n2: 2,
  fraction1: 0.65,
  ...window,
});
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
const js = [];
const c = [];
let jsValue = 0;
let cValue = 0;
for (let round = 0; round < 7; round++) {
  const reps = 50;
  nll(x);
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < reps; r++) {
    x[0] = 0.02 * N * (1 + 1e-12 * r);
    jsValue = nll(x);
  }
  js.push(reps / (Number(process.hrtime.bigint() - t0) / 1e9));
  const out = JSON.parse(execFileSync("/tmp/muonphilic_nll_c", [String(N), String(reps)]).toString());
  c.push(out.evals_per_s);
  cValue = out.nll_last;
}
const a = {
  jsEvalsPerS: median(js),
  cEvalsPerS: median(c),
  ratio: median(js) / median(c),
  jsNll: jsValue,
  cNll: cValue,
};
console.log(
  `(a) NLL, 1e6 events: JS ${a.jsEvalsPerS.toFixed(1)} evals/s, C -O3 ${a.cEvalsPerS.toFixed(1)} evals/s, ratio ${a.ratio.toFixed(2)} (NLL ${jsValue} vs ${cValue})`,
);

// (b) scan-window fits: 200 datasets of 1000 events, Ns, Nb, c1, c2 free, MIGRAD + HESSE
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
const runFits = (analytic) => {
  const t0 = process.hrtime.bigint();
  let valid = 0;
  for (const data of datasets) {
    const l = extendedUnbinnedNLL({
      data,
      components: [
        { yield: "Ns", shape: sigShape },
        { yield: "Nb", shape: bkgShape },
      ],
    });
    const obj = analytic ? l : Object.assign((p) => l(p), { names: l.names, errordef: 0.5 });
    if (fit(obj, { Ns: 10, Nb: 990, c1: 0, c2: 0 }).valid) valid++;
  }
  return { us: Number(process.hrtime.bigint() - t0) / 1e3 / datasets.length, valid };
};
const ours = [];
const oursNum = [];
const imin = [];
const iminGrad = [];
runFits(true); // warm-up (JIT) of both paths
runFits(false);
for (let round = 0; round < 5; round++) {
  ours.push(runFits(true).us);
  oursNum.push(runFits(false).us);
  const py = JSON.parse(execFileSync("/usr/bin/python3", [`${here}iminuit_scan_fit.py`]).toString());
  imin.push(py.numerical_gradient.us_per_fit);
  iminGrad.push(py.analytic_gradient.us_per_fit);
}
console.log(
  `(b) scan-window fit + HESSE: ours ${median(ours).toFixed(0)} µs (analytic gradient), ${median(oursNum).toFixed(0)} µs (numerical); iminuit ${median(imin).toFixed(0)} µs (numerical), ${median(iminGrad).toFixed(0)} µs (analytic); speed-up ${(median(imin) / median(ours)).toFixed(1)}×`,
);
