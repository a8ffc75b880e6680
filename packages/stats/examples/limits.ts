import {
  countingUpperLimit,
  grossVitells,
  hypotest,
  poissonUpperLimit,
  upperLimit,
  type Workspace,
} from "@muonphilic/stats";

// A pyhf JSON workspace: 3 bins, a signal scaled by mu, a background with a ±10 % normalisation
// uncertainty (normsys) and per-bin MC statistical errors (staterror).
const ws: Workspace = {
  channels: [
    {
      name: "sr",
      samples: [
        { name: "signal", data: [3, 5, 2], modifiers: [{ name: "mu", type: "normfactor", data: null }] },
        {
          name: "background",
          data: [20, 25, 18],
          modifiers: [
            { name: "bkg_norm", type: "normsys", data: { hi: 1.1, lo: 0.9 } },
            { name: "stat", type: "staterror", data: [2, 2.5, 2] },
          ],
        },
      ],
    },
  ],
  observations: [{ name: "sr", data: [22, 27, 17] }],
  measurements: [{ name: "m", config: { poi: "mu", parameters: [] } }],
  version: "1.0.0",
};
const { clsObs, clsExp } = hypotest(ws, 1); // like pyhf.infer.hypotest(1, data, model, return_expected_set=True)
const ul = upperLimit(ws, { cl: 0.9 }); // { observed, expected: [-2σ, -1σ, median, +1σ, +2σ] }
const counting = countingUpperLimit(3, 3, 1, { cl: 0.9 }).observed; // n = 3 observed, b = 3, s = 1 per unit μ
const exact = poissonUpperLimit(3, 3, { cl: 0.9 });
const { zGlobal } = grossVitells(3.4 ** 2, 12); // q₀ = 3.4², 12 up-crossings of the scan at u0 = 0.5

console.log(clsObs.toFixed(3), clsExp.map((c) => c.toFixed(3)).join(" ")); // 0.439 0.074 0.168 0.351 0.626 0.877
console.log(ul.observed.toFixed(3), ul.expected.map((v) => v.toFixed(3)).join(" ")); // 2.030 0.895 1.234 1.782 2.600 3.650
console.log(counting.toFixed(4)); // 3.8138 (asymptotic CLs)
console.log(exact.toFixed(4)); // 4.3624 (exact Poisson CLs)
console.log(zGlobal.toFixed(2)); // 1.67: the global significance of the 3.4σ local excess

export { clsExp, clsObs, counting, exact, ul, zGlobal };
