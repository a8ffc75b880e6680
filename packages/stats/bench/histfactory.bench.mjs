// Benchmarks of the limit-setting layer (part 2) on dist/: the 100-bin pyhf reference workspaces
// (20 mass bins x 5 angular bins, free normalisation, 200 per-bin nuisance parameters; 202 in all)
// against pyhf's timings on the same machine kind (numpy backend, scipy optimiser, one thread,
// median of 3: test/fixtures/histfactory/pyhf_results_*_scipy.json), and toy throughput.
// Run: pnpm --filter @muonphilic/stats bench (bench/run.mjs imports every *.bench.mjs).
import { readFileSync } from "node:fs";
import { fitWorkspace, hypotest, parseWorkspace, toyHypotest, upperLimit } from "../dist/index.js";

const fixture = (name) => readFileSync(new URL(`../test/fixtures/histfactory/${name}`, import.meta.url), "utf8");

/** Median seconds of `reps` timed runs (no warm-up: each run compiles the model and fits afresh). */
async function median(reps, f) {
  const times = [];
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    await f();
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(reps / 2)];
}
const line = (label, value) => console.log(`${label.padEnd(66)} ${value}`);

console.log("\nlimits (part 2): 100-bin workspaces, 202 parameters, median of 3");
for (const kind of ["gauss", "shapesys"]) {
  const ws = parseWorkspace(fixture(`recoil_template_100bin_${kind}.json`));
  const pyhf = JSON.parse(fixture(`pyhf_results_${kind}_scipy.json`)).timing_seconds;
  const fitS = await median(3, () => fitWorkspace(ws));
  const hypoS = await median(3, () => hypotest(ws, 1));
  let ul;
  const ulS = await median(3, () => {
    ul = upperLimit(ws, { cl: 0.9 });
  });
  const x = (ours, theirs) =>
    `${ours.toFixed(3)} s (pyhf ${theirs.toFixed(2)} s, ${(theirs / ours).toFixed(0)}x faster)`;
  line(`${kind}: maximum-likelihood fit`, x(fitS, pyhf.fit_median));
  line(`${kind}: hypotest at mu = 1 (q-tilde, observed + 5 expected)`, x(hypoS, pyhf.hypotest_median));
  line(`${kind}: asymptotic 90% CL upper limit + band (${ul.evaluations} mu values)`, x(ulS, pyhf.upper_limit_median));
}

const counting = parseWorkspace({
  channels: [
    {
      name: "c",
      samples: [
        { name: "sig", data: [1], modifiers: [{ name: "mu", type: "normfactor", data: null }] },
        { name: "bkg", data: [3], modifiers: [] },
      ],
    },
  ],
  observations: [{ name: "c", data: [3] }],
  measurements: [{ name: "m", config: { poi: "mu", parameters: [{ name: "mu", bounds: [[0, 200]], inits: [1] }] } }],
  version: "1.0.0",
});
const gauss = parseWorkspace(fixture("recoil_template_100bin_gauss.json"));
for (const threads of [1, 2]) {
  const s = await median(3, () => toyHypotest(counting, 4, { toys: 5000, seed: 1, threads }));
  line(
    `toy CLs, counting workspace, 2 x 5000 toys, ${threads} thread(s)`,
    `${s.toFixed(2)} s (${((2 * 5000) / s).toFixed(0)} toys/s)`,
  );
  const g = await median(1, () => toyHypotest(gauss, 1, { toys: 100, seed: 1, threads }));
  line(
    `toy CLs, 100-bin gauss workspace, 2 x 100 toys, ${threads} thread(s)`,
    `${g.toFixed(2)} s (${((2 * 100) / g).toFixed(1)} toys/s)`,
  );
}
