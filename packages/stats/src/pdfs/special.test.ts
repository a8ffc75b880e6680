import { erfc, integrate } from "@muonphilic/numeric";
import { describe, expect, test } from "vitest";
import { faddeeva } from "./special.js";

describe("Faddeeva w(z)", () => {
  test("w(iy) = e^{y²} erfc(y) on the imaginary axis", () => {
    const out = new Float64Array(2);
    for (const y of [0.01, 0.5, 1, 3, 10]) {
      faddeeva(0, y, out);
      expect(out[0]).toBeCloseToRel(Math.exp(y * y) * erfc(y), 1e-12);
      expect(out[1]).toBeCloseToRel(0, 0, 1e-13);
    }
  });
  test("w(x) on the real axis: Re = e^{−x²}, Im = (2/√π) Dawson(x) (by quadrature)", () => {
    const out = new Float64Array(2);
    for (const x of [0.3, 1.5, 4]) {
      faddeeva(x, 0, out);
      expect(out[0]).toBeCloseToRel(Math.exp(-x * x), 1e-11, 1e-13);
      const dawson = Math.exp(-x * x) * integrate((t) => Math.exp(t * t), 0, x, { rtol: 1e-14 });
      expect(out[1]).toBeCloseToRel((2 / Math.sqrt(Math.PI)) * dawson, 1e-11);
    }
  });
  test("asymptotic w(z) ≈ i/(√π z) (1 + 1/(2z²)) far from the origin", () => {
    const out = new Float64Array(2);
    faddeeva(30, 20, out);
    // i/(√π z) with z = 30 + 20i: 1/z = (30 − 20i)/1300; next term is 1/(2z²) ~ 4e-4 relative
    const re = 20 / 1300 / Math.sqrt(Math.PI);
    const im = 30 / 1300 / Math.sqrt(Math.PI);
    expect(out[0]).toBeCloseToRel(re, 1e-3);
    expect(out[1]).toBeCloseToRel(im, 1e-3);
  });
});
