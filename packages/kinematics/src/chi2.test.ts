import { describe, expect, it } from "vitest";
import { expectPhysError } from "../test/helpers.js";
import { chi2PValue, gammaQ, logGamma } from "./chi2.js";

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
    expect(logGamma(0.5)).toBeCloseToRel(0.5 * Math.log(Math.PI), 1e-15);
    expect(logGamma(10)).toBeCloseToRel(Math.log(362880), 1e-15);
    expect(Number.isNaN(gammaQ(-1, 1))).toBe(true);
  });

  it("rejects bad input", () => {
    expectPhysError(() => chi2PValue(-1, 2), "OUT_OF_DOMAIN", "chi2");
    expectPhysError(() => chi2PValue(Number.NaN, 2), "INVALID_ARGUMENT", "chi2");
    expectPhysError(() => chi2PValue(1, 0), "INVALID_ARGUMENT", "ndf");
  });
});
