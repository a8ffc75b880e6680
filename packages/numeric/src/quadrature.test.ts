import { expectPhysError } from "@muonphilic/vitest-config/assertions";
import { describe, expect, it } from "vitest";
import ref from "../test/fixtures/special.json" with { type: "json" };
import { gaussLegendre, integrate, integrateSqrtEndpoints, QUADRATURE_DEFAULTS } from "./quadrature.js";

/** Wraps f to count its evaluations. */
function counted(f: (x: number) => number): { f: (x: number) => number; calls: () => number } {
  let n = 0;
  return {
    f: (x) => {
      n++;
      return f(x);
    },
    calls: () => n,
  };
}

describe("integrate (adaptive Gauss-Kronrod 7-15)", () => {
  it("integrates polynomials to rounding (K15 is exact to degree 22)", () => {
    expect(integrate((x) => x ** 5, 0, 2)).toBeCloseToRel(64 / 6, 1e-15);
    expect(integrate((x) => 3 * x * x - 2 * x + 7, -1, 4)).toBeCloseToRel(85, 1e-15);
  });
  it("√π/2 = ∫₀^∞ e^{−x²} (the tail beyond 10 is 2e-45) to 1e-14", () => {
    expect(integrate((x) => Math.exp(-x * x), 0, 10, { rtol: 1e-13 })).toBeCloseToRel(Math.sqrt(Math.PI) / 2, 1e-14);
  });
  it("uses break points at kinks: |x − 0.3| on [0, 1] in one Kronrod pass per piece", () => {
    const c = counted((x) => Math.abs(x - 0.3));
    expect(integrate(c.f, 0, 1, { breaks: [0.3, 7, -1] })).toBeCloseToRel(0.5 * (0.09 + 0.49), 1e-15);
    expect(c.calls()).toBe(30);
  });
  it("resolves a narrow Lorentzian peak: ∫₋₁¹ ε/(x² + ε²) = 2 atan(1/ε), ε = 1e-4", () => {
    const eps = 1e-4;
    const q = integrate((x) => eps / (x * x + eps * eps), -1, 1, { rtol: 1e-12 });
    // the error estimate |K − G| overestimates the true error by orders of magnitude
    expect(q).toBeCloseToRel(2 * Math.atan(1 / eps), 1e-12);
  });
  it("handles an integrable endpoint singularity (f evaluated at interior points only): ∫₀¹ x^{−1/2} = 2", () => {
    const q = integrate((x) => 1 / Math.sqrt(x), 0, 1, { rtol: 1e-10 });
    // no extrapolation (QAGS): bisection towards 0 reaches the tolerance within the interval limit
    expect(q).toBeCloseToRel(2, 1e-9);
  });
  it("orientation, empty and non-finite ranges, NaN integrands", () => {
    expect(integrate((x) => x, 1, 0)).toBeCloseToRel(-0.5, 1e-15);
    expect(integrate((x) => x, 2, 2)).toBe(0);
    expect(integrate((x) => x, 0, Number.POSITIVE_INFINITY)).toBeNaN();
    expect(integrate((x) => x, Number.NaN, 1)).toBeNaN();
    expect(integrate((x) => (x > 0.5 ? Number.NaN : x), 0, 1)).toBeNaN();
  });
  it("stops at the rounding floor 50 ε ∫|f| when the tolerance asked for is below it", () => {
    // rtol 1e-18 cannot be met in double precision; without the floor the whole interval budget
    // (2000 × 15 evaluations) would be spent reshuffling rounding errors
    const c = counted((x) => Math.cos(x) * Math.exp(-0.1 * x));
    const q = integrate(c.f, 0, 20, { rtol: 1e-18 });
    const exact = (0.1 - Math.exp(-2) * (0.1 * Math.cos(20) - Math.sin(20))) / 1.01;
    expect(q).toBeCloseToRel(exact, 1e-14);
    expect(c.calls()).toBeLessThan(600);
  });
  it("respects maxIntervals and the absolute tolerance", () => {
    const c = counted((x) => Math.sin(1 / x));
    integrate(c.f, 1e-3, 1, { rtol: 1e-15, maxIntervals: 20 });
    // one pass on the whole range, then two per bisection until 20 intervals
    expect(c.calls()).toBe(15 * (2 * 20 - 1));
    const d = counted((x) => Math.exp(x));
    const q = integrate(d.f, 0, 1, { atol: 1e-3 });
    expect(q).toBeCloseToRel(Math.E - 1, 1e-12);
    expect(d.calls()).toBe(15);
    expect(QUADRATURE_DEFAULTS.rtol).toBe(1e-10);
  });
});

describe("Gauss-Legendre rules", () => {
  it("nodes and weights agree with 50-digit zeros of mpmath's Pₙ to 5e-16 absolute", () => {
    for (const [n, [xs, ws]] of Object.entries(ref.gaussLegendre) as [string, number[][]][]) {
      const { x, w } = gaussLegendre(Number(n));
      // Newton converged to |dz| < 1e-16 on the double-precision recurrence: a few ulp of O(1)
      expect(Array.from(x)).toBeCloseToRel(xs!, 0, 5e-16);
      expect(Array.from(w)).toBeCloseToRel(ws!, 0, 5e-16);
    }
  });
  it("integrate polynomials of degree 2n − 1 exactly, and are cached", () => {
    for (const n of [3, 8, 13]) {
      const { x, w } = gaussLegendre(n);
      const deg = 2 * n - 1;
      let s = 0;
      for (let i = 0; i < n; i++) s += w[i]! * (x[i]! ** (deg - 1) + x[i]! ** deg);
      // ∫₋₁¹ x^{deg−1} = 2/deg (even power), odd power integrates to 0
      expect(s).toBeCloseToRel(2 / deg, 1e-14);
    }
    expect(gaussLegendre(8)).toBe(gaussLegendre(8));
  });
  it("rejects orders that are not positive integers", () => {
    expectPhysError(() => gaussLegendre(0), "INVALID_ARGUMENT", "n");
    expectPhysError(() => gaussLegendre(2.5), "INVALID_ARGUMENT", "n");
  });
});

describe("integrateSqrtEndpoints", () => {
  it("integrates √((t − a)(b − t)) = π(b − a)²/8 exactly (a trigonometric polynomial after t = a + (b − a) sin²u)", () => {
    expect(integrateSqrtEndpoints((t) => Math.sqrt((t - 1) * (4 - t)), 1, 4)).toBeCloseToRel((Math.PI * 9) / 8, 1e-14);
  });
  it("agrees with adaptive quadrature on a smooth weight times the square roots", () => {
    const f = (t: number): number => Math.sqrt(t * (2 - t)) * Math.exp(t);
    const q = integrate(f, 0, 2, { rtol: 1e-13 });
    expect(integrateSqrtEndpoints(f, 0, 2, 32)).toBeCloseToRel(q, 1e-12);
  });
});
