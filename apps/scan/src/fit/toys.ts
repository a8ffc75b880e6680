/**
 * Toy-based CLs upper limits for one scan window (Read2002; the hybrid frequentist procedure of
 * RooStats' HypoTestInverter with profiled nuisance parameters): for each tested signal yield μ
 * on a grid, datasets are generated from the model at the conditional maximum-likelihood
 * background θ̂̂(μ) (signal-plus-background toys) and at θ̂̂(0) (background-only toys, shared by
 * all μ); CLs(μ) = P(q̃_μ ≥ q̃_obs | s+b) / P(q̃_μ ≥ q̃_obs | b). The expected band at N standard
 * deviations replaces q̃_obs by the Φ(−N) quantile of the background-only distribution. The limit
 * is where CLs crosses 1 − CL, by linear interpolation between grid points.
 *
 * Seeded: toy k of point i uses `createRandom(seed, i).fork(k)`-independent streams, so a toy study
 * is reproducible whatever the number of workers.
 *
 * @packageDocumentation
 */
import { normalCdf } from "@muonphilic/numeric";
import { createRandom, type RandomSource } from "@muonphilic/random";
import { fitLinearMixture, type LinearMixture } from "@muonphilic/stats";
import { BAND_SIGMAS, conditionalFit, freeFit, startValues, type YieldLimits } from "./analyse.js";
import type { WindowModel } from "./window.js";

/** Options of {@link toysLimits}. */
export interface ToyOptions {
  readonly cl: number;
  /** Toys per tested μ and per hypothesis (s+b and b-only). */
  readonly toys: number;
  readonly seed: number;
  /** Stream index (the point index), so that every point has its own reproducible toys. */
  readonly stream: number;
  /** Largest μ tested, e.g. 1.5 × the asymptotic +2σ expected limit. */
  readonly muMax: number;
  /** Number of μ values tested on (0, muMax]. */
  readonly steps: number;
}

/** Sampler of events from the expected density λ(x; θ) of a window, by a tabulated inverse CDF. */
function makeSampler(window: WindowModel, theta: Float64Array): { total: number; draw: (rng: RandomSource) => number } {
  const G = 4096;
  const { low, high, region } = window.spec;
  const xs = new Float64Array(G + 1);
  for (let j = 0; j <= G; j++) xs[j] = low + ((high - low) * j) / G;
  const m = window.eventModel(xs);
  const lam = new Float64Array(G + 1);
  const inRegion = (x: number): boolean => region.some(([a, b]) => x >= a && x <= b);
  for (let j = 0; j <= G; j++) {
    let v = 0;
    for (let k = 0; k < m.p; k++) v += theta[k]! * m.phi[j * m.p + k]!;
    lam[j] = inRegion(xs[j]!) ? Math.max(v, 0) : 0;
  }
  const cdf = new Float64Array(G + 1);
  for (let j = 1; j <= G; j++) cdf[j] = cdf[j - 1]! + 0.5 * (lam[j - 1]! + lam[j]!) * (xs[j]! - xs[j - 1]!);
  const norm = cdf[G]!;
  let total = 0;
  for (let k = 0; k < m.p; k++) total += theta[k]! * m.integrals[k]!;
  const draw = (rng: RandomSource): number => {
    for (;;) {
      const u = rng.uniform() * norm;
      let lo = 0;
      let hi = G;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid]! <= u) lo = mid;
        else hi = mid;
      }
      const span = cdf[hi]! - cdf[lo]!;
      const x = span > 0 ? xs[lo]! + ((u - cdf[lo]!) / span) * (xs[hi]! - xs[lo]!) : xs[lo]!;
      if (inRegion(x)) return x;
    }
  };
  return { total: Math.max(total, 0), draw };
}

/** One toy dataset as a window event model. */
function toyModel(window: WindowModel, sampler: ReturnType<typeof makeSampler>, rng: RandomSource): LinearMixture {
  const n = rng.poisson(sampler.total);
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = sampler.draw(rng);
  return window.eventModel(xs);
}

/** q̃_μ of a dataset (NaN if a fit fails). */
function qTildeOf(model: LinearMixture, mu: number): number {
  const free = freeFit(model).result;
  if (!free.converged) return Number.NaN;
  const muHat = free.theta[0]!;
  if (muHat > mu) return 0;
  const cond = conditionalFit(model, mu, 0, startValues(model, 0));
  if (!cond.converged) return Number.NaN;
  let ref = free.nll;
  if (muHat < 0) {
    const zero = fitLinearMixture(model, { start: startValues(model, 0), fixed: [0] });
    if (!zero.converged) return Number.NaN;
    ref = zero.nll;
  }
  return Math.max(0, 2 * (cond.nll - ref));
}

/** Fraction of finite values ≥ q. */
function tailFraction(values: Float64Array, q: number): number {
  let k = 0;
  let n = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    n++;
    if (v >= q) k++;
  }
  return n > 0 ? k / n : Number.NaN;
}

/** The p-quantile of the finite values. */
function quantile(values: Float64Array, p: number): number {
  const v = Array.from(values).filter((x) => !Number.isNaN(x));
  v.sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const pos = p * (v.length - 1);
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < v.length ? v[i]! * (1 - f) + v[i + 1]! * f : v[i]!;
}

/** μ where the decreasing sampled curve crosses `alpha` (linear interpolation), NaN if it does not. */
function crossing(mus: readonly number[], cls: readonly number[], alpha: number): number {
  for (let j = 1; j < mus.length; j++) {
    if (cls[j]! < alpha && cls[j - 1]! >= alpha) {
      const t = (cls[j - 1]! - alpha) / (cls[j - 1]! - cls[j]!);
      return mus[j - 1]! + t * (mus[j]! - mus[j - 1]!);
    }
  }
  return Number.NaN;
}

/**
 * Toy-based CLs limits on the signal yield of one window, statistical uncertainties only.
 * @param window - the window model with the observed events
 * @param options - CL, toys, seed/stream, μ grid
 * @returns the limits, or `null` if the observed fit fails or CLs does not cross 1 − CL on the grid
 */
export function toysLimits(window: WindowModel, options: ToyOptions): YieldLimits | null {
  const alpha = 1 - options.cl;
  const data = window.data;
  const nullFit = fitLinearMixture(data, { start: startValues(data, 0), fixed: [0] });
  if (!nullFit.converged) return null;
  const base = createRandom(options.seed, options.stream);
  const bSampler = makeSampler(window, nullFit.theta);
  const bToys: LinearMixture[] = [];
  for (let k = 0; k < options.toys; k++) bToys.push(toyModel(window, bSampler, base.fork(2 * k)));
  const mus: number[] = [0];
  const obs: number[] = [1];
  const bands: number[][] = BAND_SIGMAS.map(() => [1]);
  let clbAtLimit = Number.NaN;
  for (let j = 1; j <= options.steps; j++) {
    const mu = (options.muMax * j) / options.steps;
    const cond = conditionalFit(data, mu, 0, nullFit.theta);
    if (!cond.converged) return null;
    const qObs = qTildeOf(data, mu);
    const sbSampler = makeSampler(window, cond.theta);
    const qsb = new Float64Array(options.toys);
    const qb = new Float64Array(options.toys);
    for (let k = 0; k < options.toys; k++) {
      const rng = base.fork(2 * k + 1 + 2 * options.toys * j);
      qsb[k] = qTildeOf(toyModel(window, sbSampler, rng), mu);
      qb[k] = qTildeOf(bToys[k]!, mu);
    }
    const clb = tailFraction(qb, qObs);
    mus.push(mu);
    obs.push(clb > 0 ? tailFraction(qsb, qObs) / clb : 1);
    if (obs[j - 1]! >= alpha && obs[j]! < alpha) clbAtLimit = clb;
    BAND_SIGMAS.forEach((nSigma, b) => {
      const q = quantile(qb, normalCdf(-nSigma));
      const cb = tailFraction(qb, q);
      bands[b]!.push(cb > 0 ? tailFraction(qsb, q) / cb : 1);
    });
  }
  const observed = crossing(mus, obs, alpha);
  const expected = bands.map((c) => crossing(mus, c, alpha));
  if (!Number.isFinite(observed) || expected.some((v) => !Number.isFinite(v))) return null;
  return { observed, expected: expected as unknown as YieldLimits["expected"], clb: clbAtLimit };
}
