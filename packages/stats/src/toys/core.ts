/**
 * The serial core of toy-based inference: the test statistic of one toy dataset, and a batch of
 * toys with reproducible random streams (toy i of a batch uses `createRandom(seed, stream(i))`,
 * whatever thread runs it). Shared by the main thread and the worker threads.
 *
 * @packageDocumentation
 */
import { createRandom, type RandomSource } from "@muonphilic/random";
import type { LimitTestStatistic } from "../inference/asymptotic.js";
import {
  type FitSettings,
  type ProfileFitter,
  type ProfileLikelihood,
  type ProfileMinimizer,
  profileFitter,
} from "../inference/calculator.js";
import { qMu, qMuTilde } from "../inference/testStatistics.js";
import type { Objective } from "../minimizer/index.js";

/** A profile likelihood that can also generate toy datasets. */
export interface ToyLikelihood extends ProfileLikelihood {
  /**
   * −ln L of a toy dataset generated at `pars` with `rng`: main data sampled from the model and
   * global observables (auxiliary data) sampled from their constraint terms.
   */
  toy(pars: Float64Array, rng: RandomSource): Objective;
}

/** Fit settings used for every toy. */
export interface ToyFitSettings {
  readonly testStat: LimitTestStatistic;
  readonly tolerance: number;
  readonly strategy: 0 | 1 | 2;
  /**
   * The minimiser of every toy fit (as `makeAsymptoticCalculator`'s `minimizer`); default `migrad`
   * with `tolerance` and `strategy`. A function: only for toys run in the calling thread.
   */
  readonly minimizer?: ProfileMinimizer;
}

/**
 * The fitter of every toy of a problem: `settings.tolerance` and `settings.strategy`, with
 * `settings.minimizer` when given. Built once per batch (see {@link runToyBatch}).
 */
export function toyFitter(problem: ProfileLikelihood, settings: ToyFitSettings): ProfileFitter {
  const opts: FitSettings = {
    tolerance: settings.tolerance,
    strategy: settings.strategy,
    ...(settings.minimizer === undefined ? {} : { minimizer: settings.minimizer }),
  };
  return profileFitter(problem.params, problem.poiIndex, opts);
}

/**
 * The test statistic q̃_μ (or q_μ) of one dataset, from an unconditional fit and a fit at μ, both
 * started at `start` (the generating parameters), with `settings.minimizer` when given. For
 * μ̂ > μ the statistic is 0 (CCGV2011 eqs. (14), (16)) and the fit at μ is not made.
 * @param fit - the fitter, default {@link toyFitter}(problem, settings); pass one built once to
 *   reuse it across toys
 * @returns q, or NaN if a fit failed
 */
export function toyTestStatistic(
  problem: ProfileLikelihood,
  nll: Objective,
  mu: number,
  start: Float64Array,
  settings: ToyFitSettings,
  fit: ProfileFitter = toyFitter(problem, settings),
): number {
  const { poiIndex } = problem;
  const free = fit(nll, undefined, start);
  if (!free.valid) return Number.NaN;
  const muHat = free.values[poiIndex]!;
  // q_μ = q̃_μ = 0 for μ̂ > μ (CCGV2011 eqs. (14), (16)) whatever the fit at μ gives: skip it
  if (muHat > mu) return 0;
  const fixed = fit(nll, mu, start);
  if (!fixed.valid) return Number.NaN;
  if (settings.testStat === "q") return qMu(fixed.nll, free.nll, muHat, mu);
  let nllZero = free.nll;
  if (muHat < 0) {
    const zero = fit(nll, 0, start);
    if (!zero.valid) return Number.NaN;
    nllZero = zero.nll;
  }
  return qMuTilde(fixed.nll, free.nll, nllZero, muHat, mu);
}

/** A batch of toys: datasets generated at `pars`, tested at `mu`. */
export interface ToyBatch {
  /** Generating parameters. */
  readonly pars: Float64Array;
  /** Tested POI value. */
  readonly mu: number;
  /** Seed of the study. */
  readonly seed: number;
  /** Stream of toy i is `streamOffset + streamStride × i`. */
  readonly streamOffset: number;
  readonly streamStride: number;
  /** Toy indices [first, last). */
  readonly first: number;
  readonly last: number;
  readonly settings: ToyFitSettings;
}

/**
 * Runs toys `first … last − 1` of a batch serially.
 * @returns the test statistic of each toy (NaN where a fit failed)
 */
export function runToyBatch(problem: ToyLikelihood, batch: ToyBatch): Float64Array {
  const out = new Float64Array(batch.last - batch.first);
  const start = Float64Array.from(batch.pars);
  const fit = toyFitter(problem, batch.settings);
  for (let i = batch.first; i < batch.last; i++) {
    const rng = createRandom(batch.seed, batch.streamOffset + batch.streamStride * i);
    const nll = problem.toy(batch.pars, rng);
    out[i - batch.first] = toyTestStatistic(problem, nll, batch.mu, start, batch.settings, fit);
  }
  return out;
}
