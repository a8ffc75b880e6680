import { describe, expect, it } from "vitest";
import { code0, code1, code4, code4Coefficients, code4p, type Derivative } from "./interpolation.js";

const d: Derivative = { value: 0 };
const up = 1.3;
const down = 0.75;
const lu = Math.log(up);
const ld = Math.log(down);
const coef = code4Coefficients(up, down);

/** f(α) of each code for a histogram with nom = 10, up = 13, down = 7.5 (factors 1.3, 0.75). */
const kernels: Record<string, (a: number) => number> = {
  code0: (a) => code0(a, 3, 2.5, d),
  code4p: (a) => code4p(a, 3, 2.5, d),
  code1: (a) => code1(a, lu, ld, d),
  code4: (a) => code4(a, lu, ld, coef, d),
};

describe("interpolation codes (pyhf interpolators)", () => {
  it("reproduce the nominal at α = 0 and the variations at α = ±1", () => {
    expect(kernels.code0!(0)).toBe(0);
    expect(kernels.code4p!(0)).toBe(0);
    expect(kernels.code1!(0)).toBe(1);
    expect(kernels.code4!(0)).toBe(1);
    for (const k of ["code0", "code4p"]) {
      expect(kernels[k]!(1)).toBeCloseToRel(3, 1e-14);
      expect(kernels[k]!(-1)).toBeCloseToRel(-2.5, 1e-14);
    }
    for (const k of ["code1", "code4"]) {
      expect(kernels[k]!(1)).toBeCloseToRel(up, 1e-14);
      expect(kernels[k]!(-1)).toBeCloseToRel(down, 1e-14);
    }
  });

  it("extrapolate linearly (code0, code4p) or exponentially (code1, code4) beyond |α| = 1", () => {
    expect(kernels.code0!(2.5)).toBeCloseToRel(7.5, 1e-14);
    expect(kernels.code4p!(-3)).toBeCloseToRel(-7.5, 1e-14);
    expect(kernels.code1!(2)).toBeCloseToRel(up * up, 1e-14);
    expect(kernels.code4!(-2)).toBeCloseToRel(down * down, 1e-14);
  });

  it("return derivatives that match central finite differences", () => {
    // h = 1e-6: truncation h² f''' ~ 1e-12, rounding ε/h ~ 1e-10
    for (const [name, f] of Object.entries(kernels)) {
      for (const a of [-2.3, -1.2, -0.7, -0.1, 0.2, 0.55, 0.99, 1.7]) {
        f(a);
        const analytic = d.value;
        const numeric = (f(a + 1e-6) - f(a - 1e-6)) / 2e-6;
        expect(analytic, `${name} at ${a}`).toBeCloseToRel(numeric, 1e-7, 1e-8);
      }
    }
  });

  it("code4 and code4p are continuous with continuous first and second derivatives at α = ±1", () => {
    // one-sided differences with h = 1e-4 on each side of the joint: O(h) agreement of f' and f''
    for (const name of ["code4", "code4p"]) {
      const f = kernels[name]!;
      for (const joint of [-1, 1]) {
        const h = 1e-4;
        const inside = joint - Math.sign(joint) * 1e-12;
        const outside = joint + Math.sign(joint) * 1e-12;
        expect(f(inside), `${name} value at ${joint}`).toBeCloseToRel(f(outside), 1e-10);
        const d1 = (x: number, s: number) => (s * (f(x + s * h) - f(x))) / h;
        const d2 = (x: number, s: number) => (f(x + 2 * s * h) - 2 * f(x + s * h) + f(x)) / (h * h);
        const sIn = -Math.sign(joint);
        const sOut = Math.sign(joint);
        expect(d1(joint, sIn), `${name} f' at ${joint}`).toBeCloseToRel(d1(joint, sOut), 2e-3, 2e-3);
        expect(d2(joint, sIn), `${name} f'' at ${joint}`).toBeCloseToRel(d2(joint, sOut), 5e-3, 5e-3);
      }
    }
  });

  it("code0 has a kink at 0 (different slopes), code4p smooths it", () => {
    const f = kernels.code0!;
    expect((f(1e-6) - f(0)) / 1e-6).toBeCloseToRel(3, 1e-9);
    expect((f(0) - f(-1e-6)) / 1e-6).toBeCloseToRel(2.5, 1e-9);
    code4p(0, 3, 2.5, d);
    expect(d.value).toBeCloseToRel(2.75, 1e-14); // S = (Δ+ + Δ−)/2
  });
});
