/**
 * The extended unbinned fit of shared/reference/stats/unbinned.json (copied to
 * test/fixtures/unbinned.json; data in test/fixtures/unbinned_sig_linear.csv): double-CB signal
 * with the shape of shapes.json record "double_cb_same_side_tails_task3" (fixed) + linear
 * Chebyshev background on [2.7, 3.3] GeV; Ns, Nb, c1 free.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { fit, refit } from "../../src/fit/index.js";
import { chebyshevShape, extendedUnbinnedNLL, fixedShape } from "../../src/likelihood/index.js";
import { doubleCrystalBall } from "../../src/pdfs/index.js";
import fixture from "../fixtures/unbinned.json" with { type: "json" };

const ref = fixture.records[0]!.values;
const data = Float64Array.from(
  readFileSync(new URL("../fixtures/unbinned_sig_linear.csv", import.meta.url), "utf8")
    .trim()
    .split("\n")
    .map(Number),
);
const signal = doubleCrystalBall({
  mean: 3,
  sigma1: 0.005,
  alpha1: 1.5,
  n1: 3,
  sigma2: 0.009,
  alpha2: 2.5,
  n2: 2,
  fraction1: 0.65,
  low: 2.7,
  high: 3.3,
});
const nll = extendedUnbinnedNLL({
  data,
  components: [
    { yield: "Ns", shape: fixedShape(signal) },
    { yield: "Nb", shape: chebyshevShape({ params: ["c1"], low: 2.7, high: 3.3 }) },
  ],
});
const numericalNll = Object.assign((x: Float64Array) => nll(x), { names: nll.names, errordef: 0.5 as const });
const start = { Ns: 50, Nb: 2000, c1: 0 };
const mle = [ref.mle.Ns, ref.mle.Nb, ref.mle.c1];
const hesseErrors = [ref.hesse_errors.Ns, ref.hesse_errors.Nb, ref.hesse_errors.c1];

describe("extended unbinned fit, reference dataset", () => {
  test("data: 2029 events", () => expect(data.length).toBe(ref.n_events));

  test("the NLL at the reference MLE equals the reference minimum (same model, same constant)", () => {
    // Σ of 2029 logs with blocked compensated summation: ~1e-13 relative
    expect(nll(Float64Array.from(mle))).toBeCloseToRel(ref.nll_min, 1e-12);
  });

  test.each([
    ["analytic gradient", nll],
    ["numerical gradient", numericalNll],
  ] as const)("%s: MLE to 1e-5, Hesse errors and correlations to 1e-3, MINOS to 1e-3", (_label, objective) => {
    const r = fit(objective, start, { minos: ["Ns"] });
    expect(r.valid).toBe(true);
    expect(r.covarianceStatus).toBe("accurate");
    // EDM < 1e-7 (fit default) puts the point within ~5e-4 σ: ≤ 1e-5 relative here
    expect(r.values).toBeCloseToRel(mle, 1e-5);
    expect(r.nllMin).toBeCloseToRel(ref.nll_min, 1e-12);
    // HESSE by gradient differences (analytic) or Minuit's finite differences on the offset NLL
    expect(r.errors).toBeCloseToRel(hesseErrors, 1e-3);
    const corr = ref.correlation.flat();
    expect(Array.from(r.correlation)).toBeCloseToRel(corr, 1e-3, 1e-4);
    // MINOS (Δ NLL = 1/2 crossings) vs the reference profile-likelihood 68 % interval
    const [lo, hi] = ref["wilks_profile_interval_68CL_(2dNLL=1,_MINOS-like)"];
    expect(r.values[0]! + r.minos.Ns!.lower).toBeCloseToRel(lo!, 1e-3);
    expect(r.values[0]! + r.minos.Ns!.upper).toBeCloseToRel(hi!, 1e-3);
  });

  test("conditional fit Ns = 0, q0 and the local significance", () => {
    const r = fit(nll, start);
    const r0 = refit(nll, r, { Ns: 0 });
    expect(r0.valid).toBe(true);
    expect(r0.values[1]).toBeCloseToRel(ref.conditional_fit_Ns0.Nb, 1e-5);
    expect(r0.values[2]).toBeCloseToRel(ref.conditional_fit_Ns0.c1, 1e-5);
    expect(r0.nllMin).toBeCloseToRel(ref.nll_Ns0, 1e-12);
    const q0 = 2 * (r0.nllMin - r.nllMin);
    // q0 is a difference of two ~1.45e4 minima, each within ~1e-7 of the true minimum
    expect(q0).toBeCloseToRel(ref.q0, 1e-5);
    expect(Math.sqrt(q0)).toBeCloseToRel(ref.local_significance_sqrt_2lnL_over_L0_signed, 0, 1e-4);
  });

  test("90 % two-sided profile interval (2ΔNLL = 2.7055) by MINOS with cl = √2.7055", () => {
    const [lo, hi] = ref["wilks_profile_interval_90CL_two_sided_(2dNLL=2.7055)"];
    const r = fit(nll, start, { minos: ["Ns"], minosOptions: { cl: Math.sqrt(2.7055) } });
    expect(r.valid).toBe(true);
    expect(r.values[0]! + r.minos.Ns!.lower).toBeCloseToRel(lo!, 1e-3);
    expect(r.values[0]! + r.minos.Ns!.upper).toBeCloseToRel(hi!, 1e-3);
  });
});
