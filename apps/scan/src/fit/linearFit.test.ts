import { createRandom } from "@muonphilic/random";
import { describe, expect, it } from "vitest";
import { fitLinear, type LinearModel, linearNll } from "./linearFit.js";

/** A model with a Gaussian peak and a linear background on [0, 1] in the Bernstein basis. */
function toyModel(
  n: number,
  signalFraction: number,
  seed: number,
  weights = false,
  flat = 0.5,
  power = 2,
): LinearModel {
  const rng = createRandom(seed);
  const mu = 0.5;
  const s = 0.03;
  const xs: number[] = [];
  while (xs.length < n) {
    // background: a fraction `flat` uniform, the rest with density ∝ x^(power − 1) (vanishing at x = 0)
    const bkg = (): number => (rng.uniform() < flat ? rng.uniform() : rng.uniform() ** (1 / power));
    const x = rng.uniform() < signalFraction ? rng.normal(mu, s) : bkg();
    if (x >= 0 && x <= 1) xs.push(x);
  }
  const g = (x: number): number => Math.exp(-0.5 * ((x - mu) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
  const phi = new Float64Array(3 * n);
  xs.forEach((x, i) => {
    phi[3 * i] = g(x);
    phi[3 * i + 1] = 1 - x;
    phi[3 * i + 2] = x;
  });
  return {
    p: 3,
    n,
    phi,
    weights: weights ? Float64Array.from(xs, (_, i) => 0.5 + (i % 3) * 0.25) : null,
    integrals: Float64Array.from([1, 0.5, 0.5]),
    lowerBounds: [Number.NEGATIVE_INFINITY, 0, 0],
  };
}

describe("fitLinear", () => {
  it("reaches a point where the numerical gradient vanishes", () => {
    for (const weights of [false, true]) {
      const m = toyModel(2000, 0.05, 11, weights);
      const r = fitLinear(m, { start: Float64Array.from([0, 2000, 2000]) });
      expect(r.converged).toBe(true);
      const h = 1e-4;
      for (let k = 0; k < 3; k++) {
        const up = Float64Array.from(r.theta);
        const dn = Float64Array.from(r.theta);
        const step = h * Math.max(1, Math.abs(r.theta[k]!));
        up[k] = up[k]! + step;
        dn[k] = dn[k]! - step;
        const d1 = (linearNll(m, up) - linearNll(m, dn)) / (2 * step);
        // |∂NLL/∂θ| at the minimum is below the rounding noise of the difference (1e-12 × |NLL| / step)
        expect(Math.abs(d1)).toBeLessThan((1e-12 * Math.abs(r.nll)) / step);
      }
    }
  });
  it("the inverse covariance equals the numerical Hessian (HESSE) to 1e-4", () => {
    const m = toyModel(3000, 0.05, 3);
    const r = fitLinear(m, { start: Float64Array.from([0, 3000, 3000]) });
    // invert the analytic covariance (3 × 3) and compare with central second differences
    const c = r.covariance!;
    const det =
      c[0]! * (c[4]! * c[8]! - c[5]! * c[7]!) -
      c[1]! * (c[3]! * c[8]! - c[5]! * c[6]!) +
      c[2]! * (c[3]! * c[7]! - c[4]! * c[6]!);
    const inv00 = (c[4]! * c[8]! - c[5]! * c[7]!) / det;
    const step = 1e-3 * Math.abs(r.theta[0]!) + 1e-3;
    const up = Float64Array.from(r.theta);
    const dn = Float64Array.from(r.theta);
    up[0] = up[0]! + step;
    dn[0] = dn[0]! - step;
    const d2 = (linearNll(m, up) - 2 * r.nll + linearNll(m, dn)) / (step * step);
    expect(inv00).toBeCloseToRel(d2, 1e-4);
  });
  it("holds a background coefficient at its bound when the unconstrained optimum is negative (KKT)", () => {
    // Background density ∝ x² (zero with zero slope at x = 0): the best line has b_0 < 0.
    const m = toyModel(4000, 0, 5, false, 0, 3);
    const r = fitLinear(m, { start: Float64Array.from([0, 4000, 4000]), fixed: [0] });
    expect(r.converged).toBe(true);
    expect(r.theta[1]).toBe(0);
    expect(r.atBound).toEqual([1]);
    // Without the bound the optimum moves below zero and has a lower NLL.
    const free = fitLinear(
      { ...m, lowerBounds: [-Infinity, -Infinity, -Infinity] },
      { start: Float64Array.from([0, 4000, 4000]), fixed: [0] },
    );
    expect(free.theta[1]).toBeLessThan(0);
    expect(free.nll).toBeLessThanOrEqual(r.nll);
  });
  it("recovers the generating parameters from Asimov-weighted data exactly", () => {
    // Asimov data: nodes on a fine grid weighted by λ(x; θ₀) Δx: the fit returns θ₀.
    const n = 4000;
    const theta0 = [40, 900, 1100];
    const phi = new Float64Array(3 * n);
    const w = new Float64Array(n);
    const s = 0.03;
    for (let i = 0; i < n; i++) {
      const x = (i + 0.5) / n;
      const g = Math.exp(-0.5 * ((x - 0.5) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
      phi.set([g, 1 - x, x], 3 * i);
      w[i] = (theta0[0]! * g + theta0[1]! * (1 - x) + theta0[2]! * x) / n;
    }
    const m: LinearModel = { p: 3, n, phi, weights: w, integrals: Float64Array.from([1, 0.5, 0.5]) };
    const r = fitLinear(m, { start: Float64Array.from([0, 1000, 1000]) });
    // midpoint rule error of ∫λ over 4000 nodes ~1e-7 relative
    expect(Array.from(r.theta)).toBeCloseToRel(theta0, 1e-5);
  });
  it("reports an infeasible start instead of throwing", () => {
    const m = toyModel(100, 0, 1);
    const r = fitLinear(m, { start: Float64Array.from([0, -5, -5]) });
    expect(r.converged).toBe(false);
    expect(r.reason).toBe("infeasible-start");
  });
});
