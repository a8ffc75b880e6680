import { createRandom } from "@muonphilic/random";
import { expectPhysError } from "@muonphilic/vitest-config/assertions";
import { describe, expect, it } from "vitest";
import { makeAsymptoticCalculator } from "../inference/calculator.js";
import { migrad } from "../minimizer/index.js";
import { gaussian } from "../pdfs/gaussian.js";
import { bernstein } from "../pdfs/polynomial.js";
import { fitRegion, regionQuadrature, restrictPdf } from "../pdfs/region.js";
import { fitLinearMixture, linearMixtureNll } from "./fit.js";
import { asimovMixture, type LinearMixture, linearMixture, mixtureDensity } from "./mixture.js";
import { isLinearMixtureObjective, linearMixtureMinimizer, linearMixtureProfile } from "./profile.js";

const MU = 0.5;
const S = 0.03;
const gauss = (x: number): number => Math.exp(-0.5 * ((x - MU) / S) ** 2) / (S * Math.sqrt(2 * Math.PI));

/** A mixture by hand: a Gaussian peak and a linear background on [0, 1] in the Bernstein basis. */
function handMixture(xs: readonly number[], weights: Float64Array | null, lower = [-Infinity, 0, 0]): LinearMixture {
  const n = xs.length;
  const phi = new Float64Array(3 * n);
  xs.forEach((x, i) => {
    phi.set([gauss(x), 1 - x, x], 3 * i);
  });
  return {
    p: 3,
    n,
    x: Float64Array.from(xs),
    phi,
    weights,
    integrals: Float64Array.from([1, 0.5, 0.5]),
    lowerBounds: Float64Array.from(lower),
    upperBounds: new Float64Array(3).fill(Infinity),
    positivity: new Float64Array(0),
  };
}

/** Events: a fraction of Gaussian signal at 0.5, background with density ∝ a mix of flat and x^(power−1). */
function toyEvents(n: number, signalFraction: number, seed: number, flat = 0.5, power = 2): number[] {
  const rng = createRandom(seed);
  const xs: number[] = [];
  while (xs.length < n) {
    const bkg = (): number => (rng.uniform() < flat ? rng.uniform() : rng.uniform() ** (1 / power));
    const x = rng.uniform() < signalFraction ? rng.normal(MU, S) : bkg();
    if (x >= 0 && x <= 1) xs.push(x);
  }
  return xs;
}

describe("fitLinearMixture (Newton with exact derivatives)", () => {
  it("reaches a point where the numerical gradient vanishes, with unit and with event weights", () => {
    for (const weighted of [false, true]) {
      const xs = toyEvents(2000, 0.05, 11);
      const w = weighted ? Float64Array.from(xs, (_, i) => 0.5 + (i % 3) * 0.25) : null;
      const m = handMixture(xs, w);
      const r = fitLinearMixture(m, { start: [0, 2000, 2000] });
      expect(r.converged).toBe(true);
      for (let k = 0; k < 3; k++) {
        const step = 1e-4 * Math.max(1, Math.abs(r.theta[k]!));
        const up = Float64Array.from(r.theta);
        const dn = Float64Array.from(r.theta);
        up[k] = up[k]! + step;
        dn[k] = dn[k]! - step;
        const d1 = (linearMixtureNll(m, up) - linearMixtureNll(m, dn)) / (2 * step);
        // |∂NLL/∂θ| at the minimum is below the rounding noise of the difference (1e-12 × |NLL| / step)
        expect(Math.abs(d1)).toBeLessThan((1e-12 * Math.abs(r.nll)) / step);
      }
    }
  });
  it("the inverse covariance equals the numerical Hessian (HESSE) to 1e-4", () => {
    const m = handMixture(toyEvents(3000, 0.05, 3), null);
    const r = fitLinearMixture(m, { start: [0, 3000, 3000] });
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
    const d2 = (linearMixtureNll(m, up) - 2 * r.nll + linearMixtureNll(m, dn)) / (step * step);
    // second differences of a smooth NLL with step 1e-3 σ: truncation ~1e-6, rounding ~1e-8
    expect(inv00).toBeCloseToRel(d2, 1e-4);
  });
  it("holds a background coefficient at its bound when the unconstrained optimum is negative (KKT)", () => {
    // background density ∝ x² (zero with zero slope at x = 0): the best line has b₀ < 0
    const xs = toyEvents(4000, 0, 5, 0, 3);
    const m = handMixture(xs, null);
    const r = fitLinearMixture(m, { start: [0, 4000, 4000], fixed: [0] });
    expect(r.converged).toBe(true);
    expect(r.theta[1]).toBe(0);
    expect(r.atBound).toEqual([1]);
    // the multiplier is positive: moving off the bound raises the NLL
    const off = Float64Array.from(r.theta);
    off[1] = 1;
    expect(linearMixtureNll(m, off)).toBeGreaterThan(r.nll);
    // without the bound the optimum moves below zero and has a lower NLL
    const free = fitLinearMixture(handMixture(xs, null, [-Infinity, -Infinity, -Infinity]), {
      start: [0, 4000, 4000],
      fixed: [0],
    });
    expect(free.theta[1]).toBeLessThan(0);
    expect(free.nll).toBeLessThanOrEqual(r.nll);
  });
  it("recovers the generating parameters from Asimov-weighted data exactly", () => {
    const n = 4000;
    const theta0 = [40, 900, 1100];
    const xs = Array.from({ length: n }, (_, i) => (i + 0.5) / n);
    const w = Float64Array.from(xs, (x) => (theta0[0]! * gauss(x) + theta0[1]! * (1 - x) + theta0[2]! * x) / n);
    const r = fitLinearMixture(handMixture(xs, w), { start: [0, 1000, 1000] });
    // midpoint rule error of ∫λ over 4000 nodes ~1e-7 relative
    expect(Array.from(r.theta)).toBeCloseToRel(theta0, 1e-5);
  });
  it("reports an infeasible start instead of throwing, and rejects malformed options", () => {
    const m = handMixture(toyEvents(100, 0, 1), null);
    const r = fitLinearMixture(m, { start: [0, -5, -5] });
    expect(r.converged).toBe(false);
    expect(r.reason).toBe("infeasible-start");
    expectPhysError(() => fitLinearMixture(m, { start: [0, 1] }), "INCOMPATIBLE_SHAPES", "options.start");
    expectPhysError(() => fitLinearMixture(m, { start: [0, 1, 1], fixed: [3] }), "OUT_OF_DOMAIN", "options.fixed[0]");
    expectPhysError(
      () => fitLinearMixture(m, { start: [0, 1, 1], constraints: [{ index: 0, mean: 0, sigma: 0 }] }),
      "OUT_OF_DOMAIN",
      "options.constraints[0].sigma",
    );
    expectPhysError(
      () => fitLinearMixture(m, { start: [0, 1, 1], constraints: [{ index: 5, mean: 0, sigma: 1 }] }),
      "OUT_OF_DOMAIN",
      "options.constraints[0].index",
    );
  });
});

describe("non-negativity of the total density over the region (regression: the 0.2120 GeV threshold points)", () => {
  // 16 background events, none within 10σ of the peak: without a constraint on the region the
  // signal yield runs to large negative values until λ → 0 at the nearest event (a singular
  // Hessian); with λ ≥ 0 at check points over the region it stops where λ(peak) = 0.
  const region = fitRegion(0, 1);
  const peak = gaussian({ mean: MU, sigma: S, low: 0, high: 1 });
  const basis = [bernstein({ coefs: [1, 0], low: 0, high: 1 }), bernstein({ coefs: [0, 1], low: 0, high: 1 })];
  const components = [peak, ...basis];
  const events = Float64Array.from(
    [0.02, 0.05, 0.09, 0.12, 0.15, 0.2, 0.24, 0.3, 0.7, 0.74, 0.8, 0.85, 0.88, 0.92, 0.95, 0.99].sort(),
  );
  const nodes = regionQuadrature(region, {
    panelWidth: 4 * S,
    zones: [{ low: MU - 8 * S, high: MU + 8 * S, panelWidth: S }],
  });
  const checks = Float64Array.from([...nodes.x, MU]);
  const lowerBounds = [-Infinity, 0, 0];
  const constrained = linearMixture(components, events, { region, lowerBounds, positivityPoints: checks });
  const unconstrained = linearMixture(components, events, { region, lowerBounds });
  const start = [0, 8, 8];

  it("without the constraint the fit fails (the old behaviour: no lower bound on the yield)", () => {
    const r = fitLinearMixture(unconstrained, { start });
    // the minimum sits where λ at an event tends to 0: either not found or far below −λ_b/f_s(peak)
    const lambdaPeak = mixtureDensity(linearMixture(components, Float64Array.of(MU), { region }), r.theta)[0]!;
    expect(r.converged && lambdaPeak >= 0).toBe(false);
  });

  it("with it the fit converges on the boundary λ(peak) = 0, and λ ≥ 0 at every check point", () => {
    const r = fitLinearMixture(constrained, { start });
    expect(r.converged).toBe(true);
    expect(r.theta[0]).toBeLessThan(0);
    expect(r.activePositivity).toContain(checks.length - 1); // the peak is the binding point
    const lam = new Float64Array(checks.length);
    const rows = constrained.positivity;
    for (let j = 0; j < checks.length; j++)
      lam[j] = rows[3 * j]! * r.theta[0]! + rows[3 * j + 1]! * r.theta[1]! + rows[3 * j + 2]! * r.theta[2]!;
    // the binding value is 0 to rounding (1e-12 of its terms)
    expect(Math.abs(lam[checks.length - 1]!)).toBeLessThan(1e-10 * r.theta[1]!);
    expect(Math.min(...lam)).toBeGreaterThan(-1e-10 * r.theta[1]!);
    expect(r.covariance).not.toBeNull();
  });

  it("agrees with MIGRAD on the boundary parametrisation (θ₀ eliminated by λ(peak) = 0) to 1e-7", () => {
    const r = fitLinearMixture(constrained, { start });
    const f0 = peak.density(MU);
    const b0 = basis[0]!.density(MU);
    const b1 = basis[1]!.density(MU);
    // on the face: θ₀ = −(θ₁ b₀(μ) + θ₂ b₁(μ)) / f₀(μ); an independent quasi-Newton minimisation
    const onFace = (t: Float64Array): Float64Array => Float64Array.of(-(t[0]! * b0 + t[1]! * b1) / f0, t[0]!, t[1]!);
    const fcn = (t: Float64Array): number => {
      const v = linearMixtureNll(constrained, onFace(t));
      return Number.isFinite(v) ? v : Number.NaN;
    };
    const m = migrad(
      fcn,
      [
        { name: "b0", value: 8, lower: 0 },
        { name: "b1", value: 8, lower: 0 },
      ],
      { tolerance: 1e-6 },
    );
    expect(m.valid).toBe(true);
    // MIGRAD to EDM 2e-9: NLL to ~1e-9 absolute, parameters to ~1e-4 σ
    expect(r.nll).toBeCloseToRel(m.fval, 1e-10);
    expect(Array.from(r.theta)).toBeCloseToRel(Array.from(onFace(m.values)), 1e-4);
  });

  it("the profile likelihood of such a window gives a finite CLs limit", () => {
    const template = linearMixture(components, nodes.x, {
      region,
      weights: nodes.w,
      lowerBounds,
      positivity: constrained.positivity,
    });
    const calc = makeAsymptoticCalculator(linearMixtureProfile({ data: constrained, template }), {
      minimizer: linearMixtureMinimizer,
    });
    const ul = calc.upperLimit({ cl: 0.9, range: [0, 100] });
    expect(ul.valid).toBe(true);
    // a negative μ̂ at the boundary: the observed limit is below the median expected (≈ 2.3 + …)
    expect(ul.observed).toBeGreaterThan(0);
    expect(ul.observed).toBeLessThan(ul.expected[2]);
  });
});

describe("linearMixture and asimovMixture", () => {
  const region = fitRegion(0, 1, [[0.7, 0.8]]);
  const peak = restrictPdf(gaussian({ mean: MU, sigma: S, low: 0, high: 1 }), region);
  const flat = bernstein({ coefs: [1], low: 0, high: 1 });
  it("evaluates the components at the points in the region and integrates them over it", () => {
    const m = linearMixture([peak, flat], Float64Array.of(0.1, 0.5, 0.75, 0.9), { region });
    expect(m.n).toBe(3); // 0.75 is vetoed
    expect(Array.from(m.x)).toEqual([0.1, 0.5, 0.9]);
    expect(m.phi[2]).toBeCloseToRel(peak.density(0.5), 1e-15);
    expect(m.phi[3]).toBeCloseToRel(1, 1e-15);
    // the restricted peak integrates to 1 over the region, the flat density to 1 − 0.1
    expect(Array.from(m.integrals)).toBeCloseToRel([1, 0.9], 1e-14);
  });
  it("an Asimov dataset returns its generating parameters (closure to the quadrature accuracy)", () => {
    const nodes = regionQuadrature(region, { panelWidth: 0.05, zones: [{ low: 0.25, high: 0.75, panelWidth: S }] });
    const template = linearMixture([peak, flat], nodes.x, { region, weights: nodes.w });
    const asimov = asimovMixture(template, [35, 800]);
    const r = fitLinearMixture(asimov, { start: [0, 500] });
    // 8-point Gauss-Legendre on panels of σ: quadrature error ≪ 1e-10; the fit stops at
    // EDM < 1e-10, i.e. within √(2 EDM) ≈ 1.4e-5 standard deviations (σ(θ₀) ≈ 7, σ(θ₁) ≈ 30)
    expect(Array.from(r.theta)).toBeCloseToRel([35, 800], 0, 5e-4);
  });
  it("rejects malformed input", () => {
    expectPhysError(() => linearMixture([], Float64Array.of(0.1)), "INVALID_ARGUMENT", "components");
    expectPhysError(() => linearMixture([flat], Float64Array.of(Number.NaN)), "INVALID_ARGUMENT", "x[0]");
    expectPhysError(
      () => linearMixture([flat], Float64Array.of(0.1), { weights: Float64Array.of(1, 2) }),
      "INCOMPATIBLE_SHAPES",
      "options.weights",
    );
    expectPhysError(
      () => linearMixture([flat], Float64Array.of(0.1), { lowerBounds: [0, 0] }),
      "INCOMPATIBLE_SHAPES",
      "options.lowerBounds",
    );
    const m = linearMixture([flat], Float64Array.of(0.1));
    expectPhysError(() => asimovMixture(m, [1]), "INVALID_ARGUMENT", "template.weights");
  });
});

describe("linearMixtureProfile and linearMixtureMinimizer", () => {
  const region = fitRegion(0, 1);
  const peak = gaussian({ mean: MU, sigma: S, low: 0, high: 1 });
  const basis = [bernstein({ coefs: [1, 0], low: 0, high: 1 }), bernstein({ coefs: [0, 1], low: 0, high: 1 })];
  const events = Float64Array.from(toyEvents(1500, 0.03, 21)).sort();
  const lowerBounds = [-Infinity, 0, 0];
  const data = linearMixture([peak, ...basis], events, { region, lowerBounds });
  const nodes = regionQuadrature(region, {
    panelWidth: 4 * S,
    zones: [{ low: MU - 8 * S, high: MU + 8 * S, panelWidth: S }],
  });
  const template = linearMixture([peak, ...basis], nodes.x, { region, weights: nodes.w, lowerBounds });

  it("solves the calculator's fits as MIGRAD does, with and without the relative uncertainty κ", () => {
    for (const r of [0, 0.2]) {
      const problem = linearMixtureProfile({ data, template, relativeUncertainty: r });
      expect(isLinearMixtureObjective(problem.nll)).toBe(true);
      for (const mu of [undefined, 0, 20, 60]) {
        const specs = problem.params.map((s, i) =>
          i === 0 && mu !== undefined ? { ...s, value: mu, fixed: true } : s,
        );
        const exact = linearMixtureMinimizer(problem.nll, specs);
        const quasi = migrad(problem.nll, specs, { tolerance: 1e-5, strategy: 2 });
        expect(exact.valid).toBe(true);
        expect(quasi.valid).toBe(true);
        // the exact minimum is at or below MIGRAD's (EDM goal 1e-8); both equal to ~1e-8
        expect(exact.fval).toBeLessThanOrEqual(quasi.fval + 1e-9);
        expect(exact.fval).toBeCloseToRel(quasi.fval, 0, 1e-7);
        // fval is the objective at the returned values
        expect(problem.nll(exact.values)).toBeCloseToRel(exact.fval, 1e-13);
      }
    }
  });
  it("the Asimov objective's free fit returns the generating parameters", () => {
    const problem = linearMixtureProfile({ data, template, relativeUncertainty: 0.1 });
    const gen = Float64Array.of(25, 700, 800, 1.05);
    const fit = linearMixtureMinimizer(problem.asimov(gen), problem.params);
    expect(fit.valid).toBe(true);
    // quadrature closure ≪ 1e-8; the fit stops within √(2 EDM) ≈ 1.4e-5 σ (σ(μ) ≈ 10, σ(θ) ≈ 40),
    // and κ̂ = κ̄ = 1.05 exactly (μ and κ are degenerate in a free fit)
    expect(Array.from(fit.values)).toBeCloseToRel(Array.from(gen), 0, 1e-3);
    expect(fit.values[3]).toBe(1.05);
  });
  it("falls back to MIGRAD for objectives without the structure", () => {
    const fcn = (x: Float64Array): number => (x[0]! - 1) ** 2 + (x[1]! + 2) ** 2;
    const r = linearMixtureMinimizer(fcn, [
      { name: "a", value: 0 },
      { name: "b", value: 0 },
    ]);
    expect(r.valid).toBe(true);
    expect(Array.from(r.values)).toBeCloseToRel([1, -2], 0, 1e-3);
  });
  it("rejects mismatched templates and bad options", () => {
    const small = linearMixture([peak], nodes.x, { region, weights: nodes.w });
    expectPhysError(() => linearMixtureProfile({ data, template: small }), "INCOMPATIBLE_SHAPES", "options.template");
    expectPhysError(() => linearMixtureProfile({ data, template, poi: 3 }), "OUT_OF_DOMAIN", "options.poi");
    expectPhysError(
      () => linearMixtureProfile({ data, template, relativeUncertainty: -1 }),
      "OUT_OF_DOMAIN",
      "options.relativeUncertainty",
    );
  });
});

describe("a check row parallel to a bound (regression: toys of the 3.1 GeV reference window)", () => {
  // The window's upper end holds no event, so the background's upper Bernstein coefficient sits at
  // its bound 0, and the check point at the end has the row (f_s, b₀, b₁) = (~1e-60, 0, 2): parallel
  // to the bound θ₂ ≥ 0 within rounding. With the row in the working set, the Newton step kept a
  // component 1e-60 below the step along θ₂ < 0, which the bound treated as blocking: a zero step,
  // repeated until max-iterations. It is rounding, and the fit now converges.
  const region = fitRegion(0, 1);
  const peak = gaussian({ mean: MU, sigma: S, low: 0, high: 1 });
  const basis = [bernstein({ coefs: [1, 0], low: 0, high: 1 }), bernstein({ coefs: [0, 1], low: 0, high: 1 })];
  const lowerBounds = [-Infinity, 0, 0];
  // background ∝ (1 − x) on [0, 1]: no event near x = 1; a small deficit at the peak
  const rng = createRandom(41);
  const xs: number[] = [];
  while (xs.length < 1500) {
    const x = 1 - Math.sqrt(rng.uniform());
    if (Math.abs(x - MU) > 0.5 * S || rng.uniform() < 0.5) xs.push(x);
  }
  const checks = Float64Array.from([0, 1, MU, ...Array.from({ length: 41 }, (_, i) => i / 40)]);
  const data = linearMixture([peak, ...basis], Float64Array.from(xs).sort(), {
    region,
    lowerBounds,
    positivityPoints: checks,
  });
  it("converges from a start on the bound, free and at fixed signal", () => {
    const free = fitLinearMixture(data, { start: [0, 3000, 0] });
    expect(free.reason).toBe("converged");
    expect(free.theta[2]).toBeLessThan(1e-9 * free.theta[1]!);
    expect(free.theta[0]).toBeLessThan(0);
    for (const mu of [-5, 5, 20]) {
      const fixed = fitLinearMixture(data, { start: [mu, 3000, 0], fixed: [0] });
      expect(fixed.reason).toBe("converged");
    }
  });
});
