import { createRandom } from "@muonphilic/random";
import { describe, expect, test } from "vitest";
import { fit } from "../fit/fit.js";
import { chi2 } from "../likelihood/nll.js";
import { doubleSidedCrystalBall } from "../pdfs/index.js";
import { fitLeastSquares } from "./lsq.js";

describe("fitLeastSquares", () => {
  test("straight line: the weighted linear least-squares solution and covariance (closed form)", () => {
    const x = [0, 1, 2, 3, 4, 5];
    const y = [1.1, 2.9, 5.2, 7.1, 8.8, 11.2];
    const s = [0.2, 0.3, 0.2, 0.4, 0.3, 0.5];
    const r = fitLeastSquares({
      x,
      y,
      sigma: s,
      model:
        ([a, b]) =>
        (t) =>
          a! + b! * t,
      params: [
        { name: "a", value: 0, step: 0.1 },
        { name: "b", value: 1, step: 0.1 },
      ],
    });
    // normal equations: [[S, Sx], [Sx, Sxx]] (a, b) = (Sy, Sxy), cov = inverse
    let S = 0;
    let Sx = 0;
    let Sxx = 0;
    let Sy = 0;
    let Sxy = 0;
    x.forEach((xi, i) => {
      const w = 1 / s[i]! ** 2;
      S += w;
      Sx += w * xi;
      Sxx += w * xi * xi;
      Sy += w * y[i]!;
      Sxy += w * xi * y[i]!;
    });
    const det = S * Sxx - Sx * Sx;
    const a = (Sxx * Sy - Sx * Sxy) / det;
    const b = (S * Sxy - Sx * Sy) / det;
    expect(r.valid).toBe(true);
    // EDM below 2e-4 on a χ² (errordef 1): within ~0.02 σ; LM usually lands at 1e-8
    expect(r.values[0]).toBeCloseToRel(a, 0, 0.02 * Math.sqrt(Sxx / det));
    expect(r.values[1]).toBeCloseToRel(b, 0, 0.02 * Math.sqrt(S / det));
    // HESSE of a quadratic χ²: exact up to finite-difference rounding
    expect(Array.from(r.covariance)).toBeCloseToRel([Sxx / det, -Sx / det, -Sx / det, S / det], 1e-5);
    expect(r.ndf).toBe(4);
    expect(r.lmChi2).toBeGreaterThanOrEqual(r.chi2 - 1e-9);
  });

  test("double-sided Crystal Ball shape fitted to a simulated mass histogram agrees with MIGRAD on the same χ²", () => {
    const truth = { mean: 3, sigma: 0.005, alphaLow: 1.2, nLow: 3, alphaHigh: 1.8, nHigh: 6 };
    const low = 2.95;
    const high = 3.05;
    const pdf = doubleSidedCrystalBall({ ...truth, low, high });
    const events = pdf.sample(createRandom(11), 40_000);
    const nb = 100;
    const w = (high - low) / nb;
    const counts = new Float64Array(nb);
    for (const e of events) counts[Math.min(nb - 1, Math.floor((e - low) / w))]!++;
    const centres = Array.from({ length: nb }, (_, i) => low + (i + 0.5) * w);
    const sigma = Array.from(counts, (c) => Math.sqrt(Math.max(c, 1)));
    const model = ([norm, mean, s, aL, nL, aR, nR]: number[]) => {
      try {
        const p = doubleSidedCrystalBall({
          mean: mean!,
          sigma: s!,
          alphaLow: aL!,
          nLow: nL!,
          alphaHigh: aR!,
          nHigh: nR!,
          low,
          high,
        });
        return (x: number) => norm! * p.probability(x - w / 2, x + w / 2);
      } catch {
        return () => Number.NaN;
      }
    };
    const params = [
      { name: "norm", value: 39_000, step: 200 },
      { name: "mean", value: 3.001, step: 1e-4, lower: 2.99, upper: 3.01 },
      { name: "sigma", value: 0.006, step: 1e-4, lower: 0.001, upper: 0.02 },
      { name: "alphaLow", value: 1.5, step: 0.05, lower: 0.2, upper: 5 },
      { name: "nLow", value: 3, fixed: true },
      { name: "alphaHigh", value: 1.5, step: 0.05, lower: 0.2, upper: 5 },
      { name: "nHigh", value: 6, fixed: true },
    ];
    const r = fitLeastSquares({ x: centres, y: counts, sigma, model, params });
    expect(r.valid).toBe(true);
    // closure: each free parameter within 4σ of the truth (tail exponents fixed at their true values,
    // as shape calibrations usually do: they are poorly constrained by 40k events)
    const t = [40_000, truth.mean, truth.sigma, truth.alphaLow, truth.nLow, truth.alphaHigh, truth.nHigh];
    r.values.forEach((v, i) => {
      if (!params[i]!.fixed) expect(Math.abs(v - t[i]!)).toBeLessThan(4 * r.errors[i]!);
    });
    // the same χ² minimised by MIGRAD (χ² objective, errordef 1): same point and errors
    const c2 = chi2({
      x: centres,
      y: counts,
      sigma,
      names: params.map((p) => p.name),
      model: (x, p) => model(Array.from(p))(x),
    });
    const m = fit(c2, params, { tolerance: 0.01 });
    expect(m.valid).toBe(true);
    // both minima to EDM < 2e-5: values within ~0.01 σ, errors to 1e-2 (HESSE at slightly different points)
    r.values.forEach((v, i) => {
      expect(v).toBeCloseToRel(m.values[i]!, 0, 0.02 * m.errors[i]! + 1e-300);
    });
    expect(r.errors).toBeCloseToRel(m.errors, 1e-2);
    expect(r.chi2 / r.ndf).toBeLessThan(1.6);
  });

  test("bad input", () => {
    const base = {
      x: [0, 1, 2],
      y: [1, 2, 3],
      sigma: [1, 1, 1],
      model:
        ([a]: number[]) =>
        () =>
          a!,
      params: [{ name: "a", value: 0 }],
    };
    expect(() => fitLeastSquares({ ...base, sigma: [1, 0, 1] })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ argument: "sigma[1]" }) }),
    );
    expect(() => fitLeastSquares({ ...base, y: [1, 2] })).toThrow(
      expect.objectContaining({ code: "INCOMPATIBLE_SHAPES" }),
    );
    expect(() => fitLeastSquares({ ...base, params: [{ name: "a", value: 0, fixed: true }] })).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT" }),
    );
  });
});
