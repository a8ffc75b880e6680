import { createRandom } from "@muonphilic/random";
import { expectPhysError } from "@muonphilic/vitest-config/assertions";
import { describe, expect, it } from "vitest";
import { makeAsymptoticCalculator } from "../inference/calculator.js";
import { type LinearMixture, linearMixture, mixtureDensity } from "../linear/mixture.js";
import { isLinearMixtureObjective, linearMixtureMinimizer, linearMixtureProfile } from "../linear/profile.js";
import { gaussian } from "../pdfs/gaussian.js";
import { bernstein } from "../pdfs/polynomial.js";
import { fitRegion, regionQuadrature, restrictPdf } from "../pdfs/region.js";
import { type LinearMixtureEvents, linearMixtureToyLikelihood } from "./linear.js";
import { type ToyUpperLimitResult, toyHypotestSync, toyUpperLimit, toyUpperLimitSync } from "./toys.js";

// A scan window on [0, 1] with a veto [0.7, 0.75]: a Gaussian peak at 0.5 (σ = 0.02, normalised on
// the region) over a linear background in the Bernstein basis, 2000 background-only events.
const MU = 0.5;
const S = 0.02;
const region = fitRegion(0, 1, [[0.7, 0.75]]);
const components = [
  restrictPdf(gaussian({ mean: MU, sigma: S, low: 0, high: 1 }), region),
  bernstein({ coefs: [1, 0], low: 0, high: 1 }),
  bernstein({ coefs: [0, 1], low: 0, high: 1 }),
];
const lowerBounds = [Number.NEGATIVE_INFINITY, 0, 0];
const panels = { panelWidth: 4 * S, zones: [{ low: MU - 8 * S, high: MU + 8 * S, panelWidth: S }] };
const nodes = regionQuadrature(region, panels);
const checks = Float64Array.from([...region.flat(), ...regionQuadrature(region, { ...panels, points: 2 }).x, MU]);
const template = linearMixture(components, nodes.x, {
  region,
  weights: nodes.w,
  lowerBounds,
  positivityPoints: checks,
});
/** Background density ∝ 1.2 − 0.4x (θ₁ = 1.2 k, θ₂ = 0.8 k in the Bernstein basis), accept-reject. */
function backgroundEvents(n: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  const xs: number[] = [];
  while (xs.length < n) {
    const x = rng.uniform();
    if (rng.uniform() * 1.2 < 1.2 - 0.4 * x) xs.push(x);
  }
  return Float64Array.from(xs).sort();
}
const data = linearMixture(components, backgroundEvents(2100, 5), {
  region,
  lowerBounds,
  positivity: template.positivity,
});
const events: LinearMixtureEvents = {
  region,
  model: (xs) =>
    linearMixture(components, xs, { region, integrals: data.integrals, lowerBounds, positivity: data.positivity }),
};
const problemOf = (r: number) =>
  linearMixtureToyLikelihood({ data, template, relativeUncertainty: r, start: [0, 1000, 1000], events });
const mixtureOf = (objective: unknown): LinearMixture => {
  expect(isLinearMixtureObjective(objective as never)).toBe(true);
  return (objective as { linearMixture: { mixture: LinearMixture } }).linearMixture.mixture;
};

describe("linearMixtureToyLikelihood: toy datasets", () => {
  const problem = problemOf(0);
  const pars = Float64Array.of(40, 1200, 800);
  // ν = Σ θ_k I_k over the region (the veto removes 5 % of the background)
  const nu = 40 * data.integrals[0]! + 1200 * data.integrals[1]! + 800 * data.integrals[2]!;

  it("is the profile likelihood of linearMixtureProfile plus toy()", () => {
    const plain = linearMixtureProfile({ data, template, start: [0, 1000, 1000] });
    expect(problem.params).toEqual(plain.params);
    expect(problem.nll(pars)).toBe(plain.nll(pars));
  });

  it("draws N ~ Poisson(ν): mean and variance of 400 toys within 4 standard errors", () => {
    const counts = Array.from({ length: 400 }, (_, i) => mixtureOf(problem.toy(pars, createRandom(3, i))).n);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    const variance = counts.reduce((a, b) => a + (b - mean) ** 2, 0) / (counts.length - 1);
    expect(Math.abs(mean - nu)).toBeLessThan(4 * Math.sqrt(nu / 400));
    // var(s²) ≈ 2ν²/(n − 1) for a Poisson with large ν
    expect(Math.abs(variance - nu)).toBeLessThan(4 * nu * Math.sqrt(2 / 399));
  });

  it("draws events from λ(x; θ) on the region: χ² of 40 bins of 200 pooled toys, none in the veto", () => {
    const edges = Array.from({ length: 41 }, (_, j) => j / 40);
    const observed = new Float64Array(40);
    let total = 0;
    let vetoed = 0;
    for (let t = 0; t < 200; t++) {
      for (const x of mixtureOf(problem.toy(pars, createRandom(4, t))).x) {
        if (x > 0.7 && x < 0.75) vetoed++;
        observed[Math.min(39, Math.floor(x * 40))]!++;
        total++;
      }
    }
    expect(vetoed).toBe(0);
    // expected counts per bin: ∫ λ over the bin ∩ region, normalised to the pooled total
    const expected = edges.slice(0, -1).map((a, j) => {
      let s = 0;
      for (const [lo, hi] of region) {
        const l = Math.max(a, lo);
        const h = Math.min(edges[j + 1]!, hi);
        if (h > l) for (const [k, c] of components.entries()) s += pars[k]! * c.probability(l, h);
      }
      return s;
    });
    const sum = expected.reduce((a, b) => a + b, 0);
    let chi2 = 0;
    let bins = 0;
    expected.forEach((e, j) => {
      if (e <= 0) return;
      const m = (e * total) / sum;
      chi2 += (observed[j]! - m) ** 2 / m;
      bins++;
    });
    // 38 non-empty bins − 1 (normalisation) = 37 dof: P(χ² > 70) ≈ 1e-3
    expect(bins).toBe(38);
    expect(chi2).toBeLessThan(70);
  });

  it("is reproducible for a stream and keeps every event where λ > 0", () => {
    const a = mixtureOf(problem.toy(pars, createRandom(9, 1)));
    const b = mixtureOf(problem.toy(pars, createRandom(9, 1)));
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    expect(mixtureOf(problem.toy(pars, createRandom(9, 2))).x).not.toEqual(a.x);
    // a signal yield at the edge of feasibility (λ = 0 at the peak): no event where λ ≤ 0
    const edge = Float64Array.of(-25, 1200, 800);
    for (let t = 0; t < 20; t++) {
      const m = mixtureOf(problem.toy(edge, createRandom(10, t)));
      expect(mixtureDensity(m, edge).every((v) => v > 0)).toBe(true);
    }
  });

  it("randomises the global observable κ̄ ~ N(κ, r) when r > 0, and keeps κ̄ = 1 without", () => {
    const r = 0.2;
    const withSyst = problemOf(r);
    const p4 = Float64Array.of(40, 1200, 800, 1.1);
    const kbar = Array.from(
      { length: 2000 },
      (_, i) =>
        (withSyst.toy(p4, createRandom(6, i)) as unknown as { linearMixture: { kappaMean: number } }).linearMixture
          .kappaMean,
    );
    const mean = kbar.reduce((a, b) => a + b, 0) / kbar.length;
    const sd = Math.sqrt(kbar.reduce((a, b) => a + (b - mean) ** 2, 0) / (kbar.length - 1));
    // standard errors: r/√n for the mean, r/√(2n) for the standard deviation
    expect(Math.abs(mean - 1.1)).toBeLessThan((4 * r) / Math.sqrt(2000));
    expect(Math.abs(sd - r)).toBeLessThan((4 * r) / Math.sqrt(4000));
    const stat = (problem.toy(pars, createRandom(6, 0)) as unknown as { linearMixture: { kappaMean: number } })
      .linearMixture;
    expect(stat.kappaMean).toBe(1);
    // the count follows the signal yield times κ: ν(θ, κ) = ν(θ) + 40 (κ − 1) I_s
    const n = Array.from({ length: 200 }, (_, i) => mixtureOf(withSyst.toy(p4, createRandom(8, i))).n);
    const nu4 = nu + 40 * 0.1 * data.integrals[0]!;
    expect(Math.abs(n.reduce((a, b) => a + b, 0) / 200 - nu4)).toBeLessThan(4 * Math.sqrt(nu4 / 200));
  });

  it("rejects malformed events with typed errors", () => {
    expectPhysError(
      () => linearMixtureToyLikelihood({ data, template, events: { region, model: undefined as never } }),
      "INVALID_ARGUMENT",
      "options.events.model",
    );
    expectPhysError(
      () => linearMixtureToyLikelihood({ data, template, events: { region, model: events.model, gridIntervals: 1 } }),
      "INVALID_ARGUMENT",
      "options.events.gridIntervals",
    );
    expectPhysError(
      () =>
        linearMixtureToyLikelihood({
          data,
          template,
          events: { region, model: (xs) => linearMixture(components.slice(0, 2), xs) },
        }),
      "INCOMPATIBLE_SHAPES",
      "options.events.model",
    );
  });
});

describe("toy CLs upper limit of a linear mixture (linearMixtureMinimizer)", () => {
  /**
   * Tolerance of a toy limit against the asymptotic one: 3 standard errors of the toy limit (the
   * binomial error of CLs at the grid point nearest the limit, through the local slope of ln CLs
   * between grid points), plus 3 % for the asymptotic approximation itself at ~120 background
   * events under the peak (±3σ) and the interpolation between grid points 0.2 × the median apart.
   */
  function tolerance(ul: ToyUpperLimitResult, limit: number): number {
    const h = ul.hypotests;
    let j = 1;
    while (j < h.length - 1 && h[j]!.mu < limit) j++;
    const a = h[j - 1]!;
    const b = h[j]!;
    const slope = Math.abs(Math.log(b.clsObs / a.clsObs) / (b.mu - a.mu));
    const near = Math.abs(a.mu - limit) < Math.abs(b.mu - limit) ? a : b;
    return (3 * (near.clsObsError / near.clsObs)) / slope + 0.03 * limit;
  }

  for (const r of [0, 0.15]) {
    it(`agrees with the asymptotic limit on 2000 events (r = ${r})`, () => {
      const problem = problemOf(r);
      const asym = makeAsymptoticCalculator(problem, { minimizer: linearMixtureMinimizer }).upperLimit({
        cl: 0.9,
        range: [0, 500],
      });
      const median = asym.expected[2];
      const grid = Array.from({ length: 12 }, (_, i) => median * (0.3 + 0.2 * i));
      const ul = toyUpperLimitSync(problem, { cl: 0.9, grid, toys: 400, seed: 2, minimizer: linearMixtureMinimizer });
      expect(ul.valid).toBe(true);
      expect(ul.hypotests.length).toBe(12);
      expect(Math.abs(ul.observed - asym.observed)).toBeLessThan(tolerance(ul, asym.observed));
      // the median uses the b-only quantile instead of q_obs: the same error budget, doubled
      expect(Math.abs(ul.expected[2] - median)).toBeLessThan(2 * tolerance(ul, median));
      expect(ul.expected[0]).toBeLessThan(ul.expected[2]);
      expect(ul.expected[4]).toBeGreaterThan(ul.expected[2]);
    }, 120_000);
  }

  it("is reproducible for a seed and stream offset, identical in the async form, and changes with either", async () => {
    const problem = problemOf(0.15);
    const opts = { cl: 0.9, toys: 40, seed: 4, minimizer: linearMixtureMinimizer };
    const h = toyHypotestSync(problem, 25, opts);
    const again = toyHypotestSync(problemOf(0.15), 25, opts);
    expect(Array.from(again.qSplusB)).toEqual(Array.from(h.qSplusB));
    expect(Array.from(again.qB)).toEqual(Array.from(h.qB));
    expect(toyHypotestSync(problem, 25, { ...opts, seed: 5 }).qB).not.toEqual(h.qB);
    // stream offset o: toy i of the s+b set uses stream o + 2i, of the b-only set o + 2i + 1
    const shifted = toyHypotestSync(problem, 25, { ...opts, toys: 20, streamOffset: 40 });
    expect(Array.from(shifted.qSplusB)).toEqual(Array.from(h.qSplusB.subarray(20)));
    expect(Array.from(shifted.qB)).toEqual(Array.from(h.qB.subarray(20)));
    // the synchronous and asynchronous upper limits are one computation
    const grid = [2, 4, 8, 12, 18, 25, 35, 50, 70];
    const sync = toyUpperLimitSync(problem, { ...opts, grid, toys: 150 });
    const async = await toyUpperLimit(problem, { ...opts, grid, toys: 150 });
    expect(async.observed).toBe(sync.observed);
    expect(async.expected).toEqual(sync.expected);
    expect(Array.from(async.hypotests[3]!.qB)).toEqual(Array.from(sync.hypotests[3]!.qB));
  }, 120_000);

  it("rejects a problem without toy() and bad stream offsets", () => {
    const plain = linearMixtureProfile({ data, template });
    expectPhysError(() => toyUpperLimitSync(plain as never, { grid: [1, 2] }), "INVALID_ARGUMENT", "problem");
    expectPhysError(
      () => toyHypotestSync(problemOf(0), 1, { streamOffset: -1 }),
      "INVALID_ARGUMENT",
      "options.streamOffset",
    );
  });
});
