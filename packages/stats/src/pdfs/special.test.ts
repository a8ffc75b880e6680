import { describe, expect, test } from "vitest";
import { erf, erfc, faddeeva, integrate, normalProbability } from "./special.js";

describe("erf / erfc", () => {
  // values from mpmath (40 digits), rounded to 17 significant digits
  const cases: [number, number][] = [
    [0.1, 0.1124629160182849],
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [2, 0.9953222650189527],
    [2.4999, 0.9995928300996666],
    [3, 0.9999779095030014],
  ];
  test.each(cases)("erf(%f)", (x, v) => {
    expect(erf(x)).toBeCloseToRel(v, 4e-15);
    expect(erf(-x)).toBeCloseToRel(-v, 4e-15);
  });
  const tail: [number, number][] = [
    [2.5, 0.0004069520174449589],
    [5, 1.537459794428035e-12],
    [10, 2.088487583762545e-45],
    [26, 5.663192408856143e-296],
  ];
  test.each(tail)("erfc(%f) keeps relative precision in the tail", (x, v) => {
    expect(erfc(x)).toBeCloseToRel(v, 1e-13);
    expect(erfc(-x)).toBeCloseToRel(2 - v, 1e-15);
  });
  test("erfc by quadrature of 2/√π e^{−t²} at x = 1.3", () => {
    const q = integrate((t) => (2 / Math.sqrt(Math.PI)) * Math.exp(-t * t), 1.3, 12, 1e-14);
    expect(erfc(1.3)).toBeCloseToRel(q, 1e-13);
  });
  test("normalProbability is accurate in both tails", () => {
    // mpmath: Φ(6) − Φ(5)
    expect(normalProbability(5, 6)).toBeCloseToRel(2.8566498423415623e-7, 1e-13);
    expect(normalProbability(-6, -5)).toBeCloseToRel(normalProbability(5, 6), 1e-15);
    expect(normalProbability(-1, 1)).toBeCloseToRel(0.6826894921370859, 1e-15);
  });
});

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
      const dawson = Math.exp(-x * x) * integrate((t) => Math.exp(t * t), 0, x, 1e-14);
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

describe("integrate", () => {
  test("polynomial and a kinked function", () => {
    expect(integrate((x) => x ** 5, 0, 2)).toBeCloseToRel(64 / 6, 1e-14);
    expect(integrate((x) => Math.abs(x - 0.3), 0, 1, 1e-13, 0, [0.3])).toBeCloseToRel(0.5 * (0.09 + 0.49), 1e-14);
  });
});
