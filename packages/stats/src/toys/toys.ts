/**
 * Toy-based (frequentist) CLs [Read2002]: the distributions of q̃_μ (or q_μ) under the
 * signal-plus-background hypothesis (toys generated at μ, θ̂̂(μ)) and the background-only
 * hypothesis (toys at 0, θ̂̂(0)), with nuisance parameters profiled in every toy fit and the global
 * observables randomised (the LHC procedure, CCGV2011 §2 and ATL-PHYS-PUB-2011-011). Expected CLs
 * at −2σ…+2σ use the quantiles of the background-only distribution, as pyhf's `ToyCalculator`.
 *
 * Reproducible: toy i of the s+b set uses `createRandom(seed, 2i)`, of the b-only set
 * `createRandom(seed, 2i + 1)`, whatever the number of threads. HistFactory workspaces run on
 * worker threads; other likelihoods run in this thread.
 *
 * @packageDocumentation
 */
import { availableParallelism } from "node:os";
import { normalCdf } from "@muonphilic/numeric";
import { PhysError, requireFinite, requireInRange, requireInteger, requireOneOf } from "@muonphilic/units";
import type { ModelOptions } from "../histfactory/model.js";
import type { Workspace } from "../histfactory/types.js";
import type { LimitTestStatistic } from "../inference/asymptotic.js";
import { INFERENCE_DEFAULTS, makeAsymptoticCalculator, type UpperLimitResult } from "../inference/calculator.js";
import { BAND_SIGMAS } from "../inference/testStatistics.js";
import type { ToyFitSettings, ToyLikelihood } from "./core.js";
import { histFactoryToyLikelihood } from "./histfactory.js";
import { serialRunner, type ToyRunner, workerRunner } from "./pool.js";

/** Defaults of the toy calculators. */
export const TOY_CLS_DEFAULTS = {
  /** Toys per hypothesis. */
  toys: 1000,
  /** Seed of the study. */
  seed: 1,
  /** Points of the μ grid of a toy upper limit. */
  gridPoints: 10,
  /**
   * Toy statistics within this of the observed value count as ties (q ≥ q_obs): discrete data give
   * exactly equal q up to fit rounding (2 × the EDM goal of 1e-6 at the default tolerance).
   */
  tieTolerance: 1e-5,
  /**
   * MIGRAD strategy of the toy fits: 1, whose tighter convergence keeps the q of tied discrete
   * outcomes within {@link TOY_CLS_DEFAULTS}.tieTolerance (strategy 0 does not, for counting data).
   */
  strategy: 1,
} as const;

/** Options of the toy calculators. */
export interface ToyCalculatorOptions {
  /** Toys per hypothesis (s+b and b-only); default 1000. */
  readonly toys?: number;
  /** Seed (non-negative integer); default 1. */
  readonly seed?: number;
  /** Worker threads for workspaces (default: all cores); other likelihoods always run with 1. */
  readonly threads?: number;
  /** "qtilde" (default) or "q". */
  readonly testStat?: LimitTestStatistic;
  /** MIGRAD tolerance of every fit; default 1e-3. */
  readonly tolerance?: number;
  /** MIGRAD strategy; default 1. */
  readonly strategy?: 0 | 1 | 2;
}

/** A toy-based hypothesis test at one μ. */
export interface ToyHypotestResult {
  readonly mu: number;
  /** Observed CLs = CLs+b / CLb. */
  readonly clsObs: number;
  /** Its binomial standard error. */
  readonly clsObsError: number;
  /** Expected CLs at −2σ, −1σ, median, +1σ, +2σ (quantiles of the b-only distribution). */
  readonly clsExp: [number, number, number, number, number];
  /** P(q ≥ q_obs | s+b). */
  readonly clsbObs: number;
  /** P(q ≥ q_obs | b). */
  readonly clbObs: number;
  /** Observed test statistic. */
  readonly q: number;
  /** Test statistics of the s+b toys (NaN where a fit failed). */
  readonly qSplusB: Float64Array;
  /** Test statistics of the b-only toys. */
  readonly qB: Float64Array;
  /** Toys dropped because a fit failed. */
  readonly failed: number;
  readonly testStat: LimitTestStatistic;
  readonly method: "toys";
}

/** Options of {@link toyUpperLimit}. */
export interface ToyUpperLimitOptions extends ToyCalculatorOptions {
  /** Confidence level in (0, 1); default 0.95. */
  readonly cl?: number;
  /**
   * μ values to test (ascending, > 0); default {@link TOY_CLS_DEFAULTS}.gridPoints points from half the
   * smallest to 1.5 × the largest asymptotic limit (observed and band).
   */
  readonly grid?: readonly number[];
}

/** Fraction of finite values ≥ x (ties within {@link TOY_CLS_DEFAULTS}.tieTolerance included). */
function tailFraction(values: Float64Array, x: number): { p: number; n: number } {
  let k = 0;
  let n = 0;
  const cut = x - TOY_CLS_DEFAULTS.tieTolerance;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    n++;
    if (v >= cut) k++;
  }
  return { p: n > 0 ? k / n : Number.NaN, n };
}

/**
 * Quantile by the inverted empirical CDF (Hyndman-Fan type 1): always an attained toy value, so
 * discrete data (counting experiments) give the expected CLs of an actual outcome. pyhf's
 * `EmpiricalDistribution` interpolates linearly (numpy's default); both agree for continuous
 * distributions as the number of toys grows.
 */
function quantile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  return sorted[Math.min(n - 1, Math.max(0, Math.ceil(n * p) - 1))]!;
}

interface Settings extends ToyFitSettings {
  readonly toys: number;
  readonly seed: number;
  readonly threads: number;
}

function settingsOf(options: ToyCalculatorOptions): Settings {
  const toys = requireInteger("options.toys", options.toys ?? TOY_CLS_DEFAULTS.toys, 1);
  const seed = requireInteger("options.seed", options.seed ?? TOY_CLS_DEFAULTS.seed, 0);
  const threads = requireInteger("options.threads", options.threads ?? availableParallelism(), 1);
  const testStat = requireOneOf("options.testStat", options.testStat ?? INFERENCE_DEFAULTS.testStat, [
    "qtilde",
    "q",
  ] as const);
  const tolerance = requireInRange("options.tolerance", options.tolerance ?? INFERENCE_DEFAULTS.tolerance, 0, 10, {
    lowInclusive: false,
  });
  return { toys, seed, threads, testStat, tolerance, strategy: options.strategy ?? TOY_CLS_DEFAULTS.strategy };
}

async function hypotestWith(
  problem: ToyLikelihood,
  runner: ToyRunner,
  mu: number,
  s: Settings,
): Promise<ToyHypotestResult> {
  const calc = makeAsymptoticCalculator(problem, s);
  const q = calc.testStatistic(mu);
  const fit = { testStat: s.testStat, tolerance: s.tolerance, strategy: s.strategy };
  const base = { mu, seed: s.seed, streamStride: 2, settings: fit };
  const qSplusB = await runner.run({ ...base, pars: calc.fixedFit(mu).values, streamOffset: 0 }, s.toys);
  const qB = await runner.run({ ...base, pars: calc.fixedFit(0).values, streamOffset: 1 }, s.toys);
  const sb = tailFraction(qSplusB, q);
  const b = tailFraction(qB, q);
  const cls = sb.p / b.p;
  const relSb = sb.p > 0 ? Math.sqrt((1 - sb.p) / (sb.p * sb.n)) : Number.POSITIVE_INFINITY;
  const relB = b.p > 0 ? Math.sqrt((1 - b.p) / (b.p * b.n)) : Number.POSITIVE_INFINITY;
  const sortedB = qB.filter((v) => !Number.isNaN(v)).sort();
  const clsExp = BAND_SIGMAS.map((n) => {
    const qn = quantile(sortedB, normalCdf(-n));
    return tailFraction(qSplusB, qn).p / tailFraction(qB, qn).p;
  }) as [number, number, number, number, number];
  return {
    mu,
    clsObs: cls,
    clsObsError: sb.p > 0 ? cls * Math.hypot(relSb, relB) : Number.NaN,
    clsExp,
    clsbObs: sb.p,
    clbObs: b.p,
    q,
    qSplusB,
    qB,
    failed: 2 * s.toys - sb.n - b.n,
    testStat: s.testStat,
    method: "toys",
  };
}

/** A toy likelihood and its runner (workers for workspaces when threads > 1). */
function setup(
  source: ToyLikelihood | Workspace,
  modelOptions: ModelOptions,
  s: Settings,
): { problem: ToyLikelihood; runner: ToyRunner } {
  if ("toy" in source && typeof source.toy === "function") {
    return { problem: source, runner: serialRunner(source) };
  }
  const workspace = source as Workspace;
  const problem = histFactoryToyLikelihood(workspace, modelOptions);
  return { problem, runner: s.threads > 1 ? workerRunner(workspace, modelOptions, s.threads) : serialRunner(problem) };
}

/**
 * Toy-based CLs at μ.
 * @param source - a {@link ToyLikelihood} (runs in this thread), or a pyhf workspace (runs on
 *   `threads` worker threads; needs the built package when `threads > 1`)
 * @param mu - tested POI value
 * @param options - toys, seed, threads, test statistic, fit settings, and model options for a workspace
 * @returns observed and expected CLs with the toy distributions
 * @throws {@link PhysError} `INVALID_ARGUMENT` for bad counts or seeds; `IO_ERROR` if worker threads
 *   are requested without a build; the errors of {@link compileModel} for a workspace
 * @example
 * ```ts
 * const r = await toyHypotest(ws, 1, { toys: 2000, seed: 7, threads: 2 });
 * r.clsObs; // ± r.clsObsError
 * ```
 */
export async function toyHypotest(
  source: ToyLikelihood | Workspace,
  mu: number,
  options: ToyCalculatorOptions & ModelOptions = {},
): Promise<ToyHypotestResult> {
  requireFinite("mu", mu);
  const s = settingsOf(options);
  const { problem, runner } = setup(source, options, s);
  try {
    return await hypotestWith(problem, runner, mu, s);
  } finally {
    await runner.close();
  }
}

/** First crossing of ln c(μ) = ln α on the grid, linear in ln c between grid points. */
function crossing(grid: readonly number[], values: readonly number[], alpha: number): number {
  for (let i = 1; i < grid.length; i++) {
    const a = values[i - 1]!;
    const b = values[i]!;
    if (a >= alpha && b < alpha) {
      const la = Math.log(a);
      const lb = Math.log(Math.max(b, 1e-300));
      const t = (la - Math.log(alpha)) / (la - lb);
      return grid[i - 1]! + t * (grid[i]! - grid[i - 1]!);
    }
  }
  return Number.NaN;
}

/**
 * Toy-based CLs upper limit: toy CLs on a grid of μ (the same seed at every μ, so the curve is
 * smooth), and the crossing of CLs = 1 − cl interpolated linearly in ln CLs; the expected band
 * from the b-only quantiles at each μ.
 * @param source - a {@link ToyLikelihood} or a pyhf workspace (see {@link toyHypotest})
 * @param options - cl (default 0.95), grid, and the toy options
 * @returns `{ observed, expected }` (method "toys")
 * @throws {@link PhysError} `NO_BRACKET` if CLs does not cross 1 − cl on the grid; as {@link toyHypotest}
 * @example
 * ```ts
 * const ul = await toyUpperLimit(ws, { cl: 0.9, toys: 1000, threads: 2 });
 * ```
 */
export async function toyUpperLimit(
  source: ToyLikelihood | Workspace,
  options: ToyUpperLimitOptions & ModelOptions = {},
): Promise<UpperLimitResult> {
  const s = settingsOf(options);
  const cl = requireInRange("options.cl", options.cl ?? INFERENCE_DEFAULTS.cl, 0, 1, {
    lowInclusive: false,
    highInclusive: false,
  });
  const alpha = 1 - cl;
  const { problem, runner } = setup(source, options, s);
  try {
    let grid = options.grid;
    if (grid === undefined) {
      const asym = makeAsymptoticCalculator(problem, s).upperLimit({ cl });
      const lo = 0.5 * Math.min(asym.observed, asym.expected[0]);
      const hi = 1.5 * Math.max(asym.observed, asym.expected[4]);
      grid = Array.from(
        { length: TOY_CLS_DEFAULTS.gridPoints },
        (_, i) => lo + ((hi - lo) * i) / (TOY_CLS_DEFAULTS.gridPoints - 1),
      );
    }
    grid.forEach((mu, i) => {
      requireInRange(`options.grid[${i}]`, mu, 0, Number.POSITIVE_INFINITY, { lowInclusive: false });
      if (i > 0 && !(mu > grid![i - 1]!))
        requireInRange(`options.grid[${i}]`, mu, grid![i - 1]!, Number.POSITIVE_INFINITY, { lowInclusive: false });
    });
    const results: ToyHypotestResult[] = [];
    for (const mu of grid) results.push(await hypotestWith(problem, runner, mu, s));
    const observed = crossing(
      grid,
      results.map((r) => r.clsObs),
      alpha,
    );
    const expected = BAND_SIGMAS.map((_, k) =>
      crossing(
        grid!,
        results.map((r) => r.clsExp[k]!),
        alpha,
      ),
    ) as [number, number, number, number, number];
    if (Number.isNaN(observed) || expected.some(Number.isNaN)) {
      throw new PhysError(
        "NO_BRACKET",
        `toy CLs does not cross ${alpha} on the grid [${grid[0]}, ${grid[grid.length - 1]}]; extend options.grid`,
        {
          argument: "options.grid",
          value: grid,
          allowed: `a grid over which CLs falls through ${alpha}`,
        },
      );
    }
    const valid = results.every((r) => r.failed === 0);
    return { observed, expected, cl, method: "toys", testStat: s.testStat, evaluations: grid.length, valid };
  } finally {
    await runner.close();
  }
}
