/**
 * Toy-based CLs upper limits for one scan window (Read2002; CCGV2011 §2 with profiled nuisance
 * parameters and randomised global observables), by `@muonphilic/stats`: the window as a
 * `linearMixtureToyLikelihood` (toy events drawn from the expected density on the fit region,
 * the global observable of the signal-yield systematic randomised) and `toyUpperLimitSync` with
 * the exact Newton minimiser `linearMixtureMinimizer`. For each signal yield μ of a grid on
 * (0, μ_max], signal-plus-background toys are generated at θ̂̂(μ) and background-only toys at
 * θ̂̂(0); CLs(μ) = P(q̃_μ ≥ q̃_obs | s+b) / P(q̃_μ ≥ q̃_obs | b), the expected band from the
 * quantiles of the background-only distribution, and the limit where CLs crosses 1 − CL
 * (interpolated linearly in ln CLs, from CLs(0) = 1 below the first grid point). This module adds the scan's policy: the grid, the random
 * streams of a point, and the per-point record.
 *
 * Seeded per point: toy i of point k uses the streams `createRandom(seed, 2·toys·k + 2i)` (s+b)
 * and `+ 1` (b-only), so a toy study is reproducible whatever the number of workers, and no two
 * points share toys. The statistical-only and the systematic limits of a point use the same
 * streams.
 *
 * @packageDocumentation
 */
import { linearMixtureMinimizer, linearMixtureToyLikelihood, toyUpperLimitSync } from "@muonphilic/stats";
import { isPhysError } from "@muonphilic/units";
import { freeFit, type YieldLimits } from "./analyse.js";
import type { WindowModel } from "./window.js";

/** Options of {@link toysLimits}. */
export interface ToyOptions {
  readonly cl: number;
  /** Toys per tested μ and per hypothesis (s+b and b-only). */
  readonly toys: number;
  readonly seed: number;
  /** Stream index (the point index): the point's toys use streams 2·toys·stream … 2·toys·(stream + 1) − 1. */
  readonly stream: number;
  /** Largest μ tested, e.g. 1.5 × the asymptotic +2σ expected limit. */
  readonly muMax: number;
  /** Number of μ values tested, evenly spaced on (0, muMax]. */
  readonly steps: number;
  /**
   * Relative Gaussian uncertainty on the signal yield (0: statistical only): the nuisance κ with
   * its global observable κ̄ randomised in each toy, κ̄ ~ N(κ̂̂, r).
   */
  readonly relativeSystematic: number;
}

/** Toy limits of a window, with the number of toys dropped because a fit failed. */
export interface ToyYieldLimits extends YieldLimits {
  /** Toys (over all tested μ, both hypotheses) whose fits failed; they are dropped from CLs. */
  readonly failedToys: number;
}

/**
 * Toy-based CLs limits on the signal yield of one window.
 * @param window - the window model with the observed events
 * @param options - CL, toys, seed/stream, μ grid, relative systematic
 * @returns the limits, or `null` if the observed fit fails or CLs does not cross 1 − CL on the grid
 */
export function toysLimits(window: WindowModel, options: ToyOptions): ToyYieldLimits | null {
  const data = window.data;
  const { result: free } = freeFit(data);
  if (!free.converged) return null;
  const problem = linearMixtureToyLikelihood({
    data,
    template: window.nodes,
    relativeUncertainty: options.relativeSystematic,
    start: free.theta,
    events: { model: window.eventModel, region: window.spec.region },
  });
  const grid = Array.from({ length: options.steps }, (_, j) => (options.muMax * (j + 1)) / options.steps);
  try {
    const ul = toyUpperLimitSync(problem, {
      cl: options.cl,
      grid,
      toys: options.toys,
      seed: options.seed,
      streamOffset: 2 * options.toys * options.stream,
      minimizer: linearMixtureMinimizer,
      // a limit below the first grid point (the band of a large observed limit) from CLs(0) = 1
      anchorAtZero: true,
    });
    const failedToys = ul.hypotests.reduce((n, r) => n + r.failed, 0);
    return { observed: ul.observed, expected: ul.expected, failedToys };
  } catch (e) {
    if (isPhysError(e) && e.code === "NO_BRACKET") return null;
    throw e;
  }
}
