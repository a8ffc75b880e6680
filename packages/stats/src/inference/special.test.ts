import { describe, expect, it } from "vitest";
import ref from "../../test/fixtures/inference-special.json" with { type: "json" };
import { logGamma, normalCdf, normalIsf, normalQuantile, normalSf, poissonCdf } from "./special.js";

// Reference values: mpmath at 50 digits (test/fixtures/scripts/inference_special.py).
describe("standard normal", () => {
  it("Φ and Q agree with mpmath to 1e-13 relative in both tails (down to 1e-316)", () => {
    // erfc (pdfs) is good to ≤ 5e-14 relative; the rounding of x/√2 adds x² ε (1.4e-13 at x = 38
    // in relative terms of a 1e-316 value, but measured ≤ 5e-14 on this table)
    for (const [x, v] of ref.normalCdf) expect(normalCdf(x!)).toBeCloseToRel(v!, 1e-13, 1e-320);
    for (const [x, v] of ref.normalSf) expect(normalSf(x!)).toBeCloseToRel(v!, 1e-13, 1e-320);
  });

  it("Φ⁻¹ agrees with mpmath to 5e-14 relative from p = 1e-300 to 1 − 1e-6", () => {
    // two Halley steps converge onto Φ's own error (≤ 5e-14), divided by the log-slope
    // |x| φ(x)/Φ(x) ≥ ~1 in the lower tail
    for (const [p, x] of ref.normalQuantile) expect(normalQuantile(p!)).toBeCloseToRel(x!, 5e-14, 1e-15);
  });

  it("normalIsf inverts normalSf (Z of a p-value) and handles the edges", () => {
    expect(normalIsf(normalSf(5))).toBeCloseToRel(5, 1e-14);
    expect(normalIsf(0.5)).toBeCloseToRel(0, 0, 1e-16);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalCdf(Number.NaN)).toBeNaN();
    expect(normalSf(Number.POSITIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
  });
});

describe("logGamma", () => {
  it("agrees with mpmath (1e-14 relative, 5e-15 absolute near the zeros at 1 and 2)", () => {
    // Lanczos (g = 7, n = 9) is accurate to a few ulps of the terms it sums: ~1e-15 absolute.
    for (const [x, v] of ref.logGamma) expect(logGamma(x!)).toBeCloseToRel(v!, 1e-14, 5e-15);
  });
  it("is NaN at the poles", () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-3)).toBeNaN();
  });
});

describe("poissonCdf", () => {
  it("agrees with an mpmath direct sum to 1e-12 relative", () => {
    // the leading term exp(−λ + k ln λ − ln k!) inherits the absolute error ε·ln(k!) of its
    // exponent: 6e-13 relative at k = 1000, less for smaller counts
    for (const [k, lam, v] of ref.poissonCdf) expect(poissonCdf(k!, lam!)).toBeCloseToRel(v!, 1e-12, 1e-300);
  });
  it("is NaN for negative input", () => {
    expect(poissonCdf(-1, 2)).toBeNaN();
    expect(poissonCdf(1, -2)).toBeNaN();
  });
});
