import { expectPhysError } from "@muonphilic/vitest-config/assertions";
import { describe, expect, it, test } from "vitest";
import ref from "../test/fixtures/special.json" with { type: "json" };
import { dilog } from "./dilog.js";
import { erf, erfc } from "./erf.js";
import { chi2PValue, gammaP, gammaQ, logGamma, poissonCdf } from "./gamma.js";
import { normalCdf, normalIsf, normalProbability, normalQuantile, normalSf } from "./normal.js";
import { integrate } from "./quadrature.js";

// Reference values: mpmath at 50 digits (test/fixtures/scripts/special.py → special.json).

describe("erf / erfc", () => {
  it("agree with mpmath: erf to 4e-15 relative, erfc to 1e-13 relative into the far tail", () => {
    // erf: the positive series has no cancellation (a few ulp); erfc's continued fraction is
    // converged to 1e-16 and the split exponent keeps e^{−x²} to a few ulp: ≤ 5e-14 measured
    for (const [x, e, c] of ref.erf) {
      expect(erf(x!)).toBeCloseToRel(e!, 4e-15);
      expect(erf(-x!)).toBeCloseToRel(-e!, 4e-15);
      expect(erfc(x!)).toBeCloseToRel(c!, 1e-13);
      expect(erfc(-x!)).toBeCloseToRel(2 - c!, 1e-15);
    }
  });
  test("erfc by quadrature of 2/√π e^{−t²} at x = 1.3", () => {
    const q = integrate((t) => (2 / Math.sqrt(Math.PI)) * Math.exp(-t * t), 1.3, 12, { rtol: 1e-14 });
    expect(erfc(1.3)).toBeCloseToRel(q, 1e-13);
  });
  test("exact limits at ±∞ (regression: erfc(±∞) was NaN) and NaN in, NaN out", () => {
    expect(erfc(Number.POSITIVE_INFINITY)).toBe(0);
    expect(erfc(Number.NEGATIVE_INFINITY)).toBe(2);
    expect(erf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(erf(Number.NEGATIVE_INFINITY)).toBe(-1);
    expect(erf(Number.NaN)).toBeNaN();
    expect(erfc(Number.NaN)).toBeNaN();
    // beyond the underflow of erfc (x ≈ 27.2) the values are the limits
    expect(erfc(30)).toBe(0);
    // regression: large arguments gave NaN, by 0 · ∞ in the exponent split (|x| ≳ 1.4e4 off the
    // 1/16 grid) and by x² overflowing (|x| ≳ 1.3e154)
    for (const x of [27.5, 16000 - 0.03, 2e4 - 0.025, 1e8 - 0.03, 1.5e154, Number.MAX_VALUE]) {
      expect(erfc(x), `erfc(${x})`).toBe(0);
      expect(erfc(-x), `erfc(${-x})`).toBe(2);
      expect(erf(x), `erf(${x})`).toBe(1);
      expect(erf(-x), `erf(${-x})`).toBe(-1);
    }
    expect(erf(30)).toBe(1);
  });
});

describe("standard normal", () => {
  it("Φ and Q agree with mpmath to 1e-13 relative in both tails (down to 1e-316)", () => {
    // erfc is good to ≤ 5e-14 relative; the rounding of x/√2 adds x² ε (1.4e-13 at x = 38 in
    // relative terms of a 1e-316 value, but measured ≤ 5e-14 on this table)
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
    expect(normalIsf(-0.1)).toBeNaN();
    expect(normalCdf(Number.NaN)).toBeNaN();
    expect(normalSf(Number.POSITIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
  });

  it("normalProbability keeps its relative precision in both tails", () => {
    // mpmath: Φ(6) − Φ(5)
    expect(normalProbability(5, 6)).toBeCloseToRel(2.8566498423415623e-7, 1e-13);
    expect(normalProbability(-6, -5)).toBeCloseToRel(normalProbability(5, 6), 1e-15);
    expect(normalProbability(-1, 1)).toBeCloseToRel(0.6826894921370859, 1e-15);
    expect(normalProbability(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)).toBe(1);
  });
});

describe("logGamma", () => {
  it("agrees with mpmath (1e-14 relative, 5e-15 absolute near the zeros at 1 and 2)", () => {
    // Lanczos (g = 7, n = 9) is accurate to a few ulps of the terms it sums: ~1e-15 absolute.
    for (const [x, v] of ref.logGamma) expect(logGamma(x!)).toBeCloseToRel(v!, 1e-14, 5e-15);
  });
  it("ln Γ(1/2) = ln √π and ln 9! exactly to 1e-15", () => {
    expect(logGamma(0.5)).toBeCloseToRel(0.5 * Math.log(Math.PI), 1e-15);
    expect(logGamma(10)).toBeCloseToRel(Math.log(362880), 1e-15);
  });
  it("is NaN at the poles and for NaN, +∞ at +∞", () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-3)).toBeNaN();
    expect(logGamma(Number.NaN)).toBeNaN();
    expect(logGamma(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("incomplete gamma", () => {
  it("P and Q agree with mpmath to 1e-13 relative on both sides of the series/fraction switch", () => {
    // the prefactor e^{−x} x^a / Γ(a) carries ε·(x + a ln x + ln Γ(a)) of absolute error in its
    // exponent: 1e-13 relative at a = 150; the smaller of P and Q is computed directly
    for (const [a, x, p, q] of ref.gammaPQ) {
      expect(gammaP(a!, x!)).toBeCloseToRel(p!, 1e-13, 1e-300);
      expect(gammaQ(a!, x!)).toBeCloseToRel(q!, 1e-13, 1e-300);
    }
  });
  it("P + Q = 1 and the edges", () => {
    for (const [a, x] of [
      [0.5, 0.3],
      [3, 7],
      [20, 18],
    ] as const)
      expect(gammaP(a, x) + gammaQ(a, x)).toBeCloseToRel(1, 4 * Number.EPSILON);
    expect(gammaQ(2, 0)).toBe(1);
    expect(gammaP(2, 0)).toBe(0);
    expect(gammaQ(2, Number.POSITIVE_INFINITY)).toBe(0);
    expect(gammaQ(-1, 1)).toBeNaN();
    expect(gammaP(1, -1)).toBeNaN();
    expect(gammaQ(Number.NaN, 1)).toBeNaN();
  });
});

/** Even ndf: Q = e^(−x/2) Σ_{k<ndf/2} (x/2)^k / k! (closed form, independent of the algorithm). */
function evenClosedForm(x: number, ndf: number): number {
  let term = 1;
  let s = 1;
  for (let k = 1; k < ndf / 2; k++) {
    term *= x / 2 / k;
    s += term;
  }
  return Math.exp(-x / 2) * s;
}

describe("χ² p-values", () => {
  it("even ndf against the closed form, in the bulk and the far tail", () => {
    for (const ndf of [2, 4, 6, 10, 30]) {
      for (const x of [0.01, 0.5, 1, 3, ndf, 2 * ndf, 50, 200]) {
        // Both are accurate to ~1e-14 relative; the series/continued-fraction switch included.
        expect(chi2PValue(x, ndf)).toBeCloseToRel(evenClosedForm(x, ndf), 1e-12);
      }
    }
  });

  it("ndf = 1 and 3: the textbook quantiles and erfc values", () => {
    expect(chi2PValue(3.841458820694124, 1)).toBeCloseToRel(0.05, 1e-12);
    expect(chi2PValue(1, 1)).toBeCloseToRel(0.31731050786291415, 1e-13); // 2(1 − Φ(1))
    expect(chi2PValue(9, 1)).toBeCloseToRel(0.0026997960632601866, 1e-12); // 2(1 − Φ(3))
    expect(chi2PValue(7.814727903251178, 3)).toBeCloseToRel(0.05, 1e-12);
  });

  it("edge values", () => {
    expect(chi2PValue(0, 4)).toBe(1);
    expect(chi2PValue(Number.POSITIVE_INFINITY, 4)).toBe(0);
  });

  it("rejects bad input", () => {
    expectPhysError(() => chi2PValue(-1, 2), "OUT_OF_DOMAIN", "chi2");
    expectPhysError(() => chi2PValue(Number.NaN, 2), "INVALID_ARGUMENT", "chi2");
    expectPhysError(() => chi2PValue(1, 0), "INVALID_ARGUMENT", "ndf");
    expectPhysError(() => chi2PValue(1, 1.5), "INVALID_ARGUMENT", "ndf");
  });
});

describe("poissonCdf", () => {
  it("agrees with an mpmath direct sum to 1e-12 relative", () => {
    // the leading term exp(−λ + k ln λ − ln k!) inherits the absolute error ε·ln(k!) of its
    // exponent: 6e-13 relative at k = 1000, less for smaller counts
    for (const [k, lam, v] of ref.poissonCdf) expect(poissonCdf(k!, lam!)).toBeCloseToRel(v!, 1e-12, 1e-300);
  });
  it("equals Q(k + 1, λ)", () => {
    for (const [k, lam] of [
      [3, 2.5],
      [40, 37],
      [7, 20],
    ] as const)
      expect(poissonCdf(k, lam)).toBeCloseToRel(gammaQ(k + 1, lam), 1e-13);
  });
  it("is NaN for negative input", () => {
    expect(poissonCdf(-1, 2)).toBeNaN();
    expect(poissonCdf(1, -2)).toBeNaN();
    expect(poissonCdf(1, Number.POSITIVE_INFINITY)).toBeNaN();
  });
});

describe("dilogarithm", () => {
  it("agrees with mpmath polylog(2, x) to 8 ε relative on (−∞, 1]", () => {
    // the Bernoulli series reaches 1e-20; the reflections cost a few ulp
    for (const [x, v] of ref.dilog) expect(dilog(x!)).toBeCloseToRel(v!, 8 * Number.EPSILON, 1e-300);
  });
  it("Li₂(1/2) = π²/12 − ln²2/2, Li₂(−1) = −π²/12, Euler reflection", () => {
    expect(dilog(0.5)).toBeCloseToRel(Math.PI ** 2 / 12 - Math.log(2) ** 2 / 2, 4 * Number.EPSILON);
    expect(dilog(-1)).toBeCloseToRel(-(Math.PI ** 2) / 12, 4 * Number.EPSILON);
    for (const x of [0.05, 0.3, 0.77]) {
      // Li₂(x) + Li₂(1 − x) = π²/6 − ln x ln(1 − x)
      expect(dilog(x) + dilog(1 - x)).toBeCloseToRel(
        Math.PI ** 2 / 6 - Math.log(x) * Math.log(1 - x),
        8 * Number.EPSILON,
      );
    }
  });
  it("is NaN above 1 (complex there) and for NaN", () => {
    expect(dilog(1.5)).toBeNaN();
    expect(dilog(Number.NaN)).toBeNaN();
  });
});
