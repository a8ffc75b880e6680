/**
 * The window fit against the independent scipy/iminuit reference of an extended unbinned fit
 * (double Crystal Ball with fixed shape + linear background on [2.7, 3.3] GeV), copied into
 * test/fixtures/unbinned-reference.json from shared/reference/stats.
 */
import { fitLinearMixture } from "@muonphilic/stats";
import { describe, expect, it } from "vitest";
import { analyseWindow, startValues } from "../../src/fit/analyse.js";
import { signalPdf } from "../../src/fit/shape.js";
import { model, ref, shape } from "../fixtures/reference-window.js";

const values = ref.unbinned.values;

describe("signal shape (sum of two Crystal Balls sharing a mean)", () => {
  it("matches the reference densities on [2.7, 3.3] to 1e-9 relative (analytic normalisation)", () => {
    const density = signalPdf(shape, [[2.7, 3.3]]);
    const xs: number[] = ref.shape.inputs.x;
    const expected: number[] = ref.shape.values.pdf;
    // atol: values below 1e-100 are far under any double-precision meaning for a fit
    xs.forEach((x, i) => {
      expect(density.density(x)).toBeCloseToRel(expected[i]!, 1e-9, 1e-200);
    });
  });
});

describe("extended unbinned fit vs scipy/iminuit", () => {
  const fit = fitLinearMixture(model.data, { start: startValues(model.data, 0) });
  // Linear background in the Bernstein basis, each basis density normalised on [2.7, 3.3]:
  // b(u) = 2(θ₁(1 − u) + θ₂u)/0.6, so that N_b = θ₁ + θ₂ and the Chebyshev coefficient is
  // c₁ = (θ₂ − θ₁)/(θ₁ + θ₂).
  const nb = fit.theta[1]! + fit.theta[2]!;
  it("converges on all 2029 events", () => {
    expect(model.data.n).toBe(values.n_events);
    expect(fit.converged).toBe(true);
  });
  it("reproduces the MLE (Ns, Nb, c1) to 1e-6 relative", () => {
    expect(fit.theta[0]).toBeCloseToRel(values.mle.Ns, 1e-6);
    expect(nb).toBeCloseToRel(values.mle.Nb, 1e-6);
    expect((fit.theta[2]! - fit.theta[1]!) / (fit.theta[1]! + fit.theta[2]!)).toBeCloseToRel(values.mle.c1, 1e-6);
  });
  it("reproduces the minimum NLL (Ns + Nb − Σ ln λ) to 1e-12 relative", () => {
    expect(fit.nll).toBeCloseToRel(values.nll_min, 1e-12);
  });
  it("reproduces the HESSE error of Ns to 1e-4 relative (invariant under the reparametrisation)", () => {
    expect(Math.sqrt(fit.covariance![0]!)).toBeCloseToRel(values.hesse_errors.Ns, 1e-4);
  });
  it("reproduces q0, the CLs limit and the expected band", () => {
    const a = analyseWindow(model, { cl: 0.9, relativeSystematic: 0, minEvents: 10 });
    expect(a.status).toBe("ok");
    expect(a.q0).toBeCloseToRel(values.q0, 1e-6);
    expect(a.localSignificance).toBeCloseToRel(values.local_significance_sqrt_2lnL_over_L0_signed, 1e-6);
    expect(a.signalYieldError).toBeCloseToRel(values.hesse_errors.Ns, 1e-4);
    // limits: root finding to 1e-5 σ, Asimov quadrature ~1e-8: 1e-4 relative is the reference's own tolerance
    const obs = values.upper_limit_90CL_CLs_asymptotic_qtilde;
    expect(a.limits!.observed).toBeCloseToRel(obs.obs, 1e-4);
    expect(a.limits!.expected).toBeCloseToRel(obs.exp_m2_m1_0_p1_p2, 1e-4);
  });
  it("a Gaussian-constrained signal systematic weakens the limit, and vanishes as it goes to 0", () => {
    const tiny = analyseWindow(model, { cl: 0.9, relativeSystematic: 1e-6, minEvents: 10 });
    const ten = analyseWindow(model, { cl: 0.9, relativeSystematic: 0.1, minEvents: 10 });
    const obs = values.upper_limit_90CL_CLs_asymptotic_qtilde.obs;
    expect(tiny.limitsWithSystematics!.observed).toBeCloseToRel(obs, 1e-4);
    expect(ten.limitsWithSystematics!.observed).toBeGreaterThan(obs * 1.001);
  });
});
