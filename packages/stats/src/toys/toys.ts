/**
 * Toy-based (frequentist) CLs [Read2002]: the distributions of q̃_μ (or q_μ) under the
 * signal-plus-background hypothesis (toys generated at μ, θ̂̂(μ)) and the background-only
 * hypothesis (toys at 0, θ̂̂(0)), with nuisance parameters profiled in every toy fit and the global
 * observables randomised (the LHC procedure, CCGV2011 §2 and ATL-PHYS-PUB-2011-011). Expected CLs
 * at −2σ…+2σ use the quantiles of the background-only distribution, as pyhf's `ToyCalculator`.
 *
 * Reproducible: toy i of the s+b set uses `createRandom(seed, o + 2i)`, of the b-only set
 * `createRandom(seed, o + 2i + 1)` (o = `streamOffset`, default 0), whatever the number of threads.
 * HistFactory workspaces run on worker threads; other likelihoods run in this thread, and
 * {@link toyHypotestSync} / {@link toyUpperLimitSync} run them synchronously (for callers that are
 * themselves worker threads). Both forms share one computation: a generator of toy batches,
 * driven by a serial loop or by the (async) runner.
 *
 * @packageDocumentation
 */
import { availableParallelism } from "node:os";
import { normalCdf } from "@muonphilic/numeric";
import {
  argumentError,
  PhysError,
  requireFinite,
  requireInRange,
  requireInteger,
  requireOneOf,
} from "@muonphilic/units";
import type { ModelOptions } from "../histfactory/model.js";
import type { Workspace } from "../histfactory/types.js";
import type { LimitTestStatistic } from "../inference/asymptotic.js";
import {
  INFERENCE_DEFAULTS,
  makeAsymptoticCalculator,
  type ProfileMinimizer,
  type UpperLimitResult,
} from "../inference/calculator.js";
import { BAND_SIGMAS } from "../inference/testStatistics.js";
import { runToyBatch, type ToyFitSettings, type ToyLikelihood } from "./core.js";
import { histFactoryToyLikelihood } from "./histfactory.js";
import { serialRunner, type ToyBatchSpec, type ToyRunner, workerRunner } from "./pool.js";

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
  /**
   * The minimiser of every fit (observed and toys), as `makeAsymptoticCalculator`'s: e.g.
   * `linearMixtureMinimizer` for a {@link linearMixtureToyLikelihood}. Default `migrad` with
   * `tolerance` and `strategy`. Functions cannot be sent to worker threads: with a workspace it
   * needs `threads: 1`.
   */
  readonly minimizer?: ProfileMinimizer;
  /**
   * Offset o of the random streams (non-negative integer): toy i of the s+b set uses stream
   * o + 2i, of the b-only set o + 2i + 1. Give each of several studies with one seed its own
   * range (e.g. o = 2 × toys × k for the k-th hypothesis of a scan). Default 0.
   */
  readonly streamOffset?: number;
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
  /**
   * Start the CLs curves at CLs(0) = 1 (at μ = 0 the s+b and b-only hypotheses coincide), so that
   * a limit below the first grid point is interpolated from μ = 0 instead of throwing `NO_BRACKET`:
   * for a grid on (0, μ_max] that must also hold the expected band of a large observed limit.
   * Default false.
   */
  readonly anchorAtZero?: boolean;
}

/** A toy upper limit with the hypothesis tests on its grid. */
export interface ToyUpperLimitResult extends UpperLimitResult {
  readonly method: "toys";
  /** The toy hypothesis test at each μ of the grid, in grid order. */
  readonly hypotests: readonly ToyHypotestResult[];
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
  readonly streamOffset: number;
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
  const streamOffset = requireInteger("options.streamOffset", options.streamOffset ?? 0, 0);
  if (!Number.isSafeInteger(streamOffset + 2 * toys)) {
    requireInRange("options.streamOffset", streamOffset, 0, Number.MAX_SAFE_INTEGER - 2 * toys);
  }
  if (options.minimizer !== undefined && typeof options.minimizer !== "function") {
    throw argumentError("INVALID_ARGUMENT", "options.minimizer", options.minimizer, "a ProfileMinimizer function");
  }
  return {
    toys,
    seed,
    threads,
    streamOffset,
    testStat,
    tolerance,
    strategy: options.strategy ?? TOY_CLS_DEFAULTS.strategy,
    ...(options.minimizer === undefined ? {} : { minimizer: options.minimizer }),
  };
}

/** A request for the test statistics of toys 0 … count − 1 of a batch. */
interface ToyRequest {
  readonly spec: ToyBatchSpec;
  readonly count: number;
}

/**
 * A toy computation as a generator: it yields the batches it needs and receives their test
 * statistics, so that one implementation serves the synchronous and the asynchronous forms.
 */
type Steps<T> = Generator<ToyRequest, T, Float64Array>;

/** Runs a toy computation in this thread, synchronously. */
function driveSync<T>(steps: Steps<T>, problem: ToyLikelihood): T {
  let step = steps.next();
  while (!step.done) step = steps.next(runToyBatch(problem, { ...step.value.spec, first: 0, last: step.value.count }));
  return step.value;
}

/** Runs a toy computation on a runner (worker threads for workspaces). */
async function driveAsync<T>(steps: Steps<T>, runner: ToyRunner): Promise<T> {
  let step = steps.next();
  while (!step.done) step = steps.next(await runner.run(step.value.spec, step.value.count));
  return step.value;
}

function* hypotestSteps(problem: ToyLikelihood, mu: number, s: Settings): Steps<ToyHypotestResult> {
  const calc = makeAsymptoticCalculator(problem, s);
  const q = calc.testStatistic(mu);
  const fit: ToyFitSettings = {
    testStat: s.testStat,
    tolerance: s.tolerance,
    strategy: s.strategy,
    ...(s.minimizer === undefined ? {} : { minimizer: s.minimizer }),
  };
  const base = { mu, seed: s.seed, streamStride: 2, settings: fit };
  const sbSpec = { ...base, pars: calc.fixedFit(mu).values, streamOffset: s.streamOffset };
  const qSplusB = yield { spec: sbSpec, count: s.toys };
  const bSpec = { ...base, pars: calc.fixedFit(0).values, streamOffset: s.streamOffset + 1 };
  const qB = yield { spec: bSpec, count: s.toys };
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

function isToyLikelihood(source: unknown): source is ToyLikelihood {
  return typeof source === "object" && source !== null && typeof (source as Partial<ToyLikelihood>).toy === "function";
}

/** The source of a synchronous toy computation: a {@link ToyLikelihood}. */
function requireToyLikelihood(problem: unknown): ToyLikelihood {
  if (!isToyLikelihood(problem)) {
    throw argumentError("INVALID_ARGUMENT", "problem", problem, "a ToyLikelihood (a ProfileLikelihood with toy())");
  }
  return problem;
}

/** A toy likelihood and its runner (workers for workspaces when threads > 1). */
function setup(
  source: ToyLikelihood | Workspace,
  modelOptions: ModelOptions,
  s: Settings,
): { problem: ToyLikelihood; runner: ToyRunner } {
  if (isToyLikelihood(source)) return { problem: source, runner: serialRunner(source) };
  const workspace = source as Workspace;
  if (s.minimizer !== undefined && s.threads > 1) {
    throw argumentError(
      "INVALID_ARGUMENT",
      "options.minimizer",
      "a function",
      "no minimiser with worker threads (a function cannot be sent to them): use threads: 1",
    );
  }
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
    return await driveAsync(hypotestSteps(problem, mu, s), runner);
  } finally {
    await runner.close();
  }
}

/**
 * {@link toyHypotest} for a {@link ToyLikelihood}, synchronously in this thread: the same
 * computation, toys and numbers as the asynchronous form (e.g. for a caller that is itself one
 * of many worker threads).
 * @param problem - a {@link ToyLikelihood}
 * @param mu - tested POI value
 * @param options - toys, seed, stream offset, test statistic, fit settings or minimiser
 * @returns observed and expected CLs with the toy distributions
 * @throws {@link PhysError} `INVALID_ARGUMENT` for a problem without `toy`, bad counts, seeds or
 *   stream offsets
 * @example
 * ```ts
 * const r = toyHypotestSync(problem, 12, { toys: 500, seed: 3, minimizer: linearMixtureMinimizer });
 * ```
 */
export function toyHypotestSync(
  problem: ToyLikelihood,
  mu: number,
  options: ToyCalculatorOptions = {},
): ToyHypotestResult {
  const source = requireToyLikelihood(problem);
  requireFinite("mu", mu);
  return driveSync(hypotestSteps(source, mu, settingsOf(options)), source);
}

/**
 * First crossing of c(μ) = α on the grid (from c ≥ α to c < α), linear in ln c between grid
 * points; linear in c when the value after the crossing is 0 (no toy in the tail: ln c = −∞ would
 * put the crossing at the previous grid point whatever the values). With `anchored`, the curve
 * starts at (0, 1): CLs = 1 at μ = 0, where the two hypotheses coincide.
 */
function crossing(grid: readonly number[], values: readonly number[], alpha: number, anchored: boolean): number {
  const mus = anchored ? [0, ...grid] : grid;
  const cs = anchored ? [1, ...values] : values;
  for (let i = 1; i < mus.length; i++) {
    const a = cs[i - 1]!;
    const b = cs[i]!;
    if (a >= alpha && b < alpha) {
      const la = Math.log(a);
      const t = b > 0 ? (la - Math.log(alpha)) / (la - Math.log(b)) : (a - alpha) / a;
      return mus[i - 1]! + t * (mus[i]! - mus[i - 1]!);
    }
  }
  return Number.NaN;
}

/** The μ grid of a toy upper limit: the option (validated), or one around the asymptotic limits. */
function gridOf(
  problem: ToyLikelihood,
  grid: readonly number[] | undefined,
  cl: number,
  s: Settings,
): readonly number[] {
  if (grid === undefined) {
    const asym = makeAsymptoticCalculator(problem, s).upperLimit({ cl });
    const lo = 0.5 * Math.min(asym.observed, asym.expected[0]);
    const hi = 1.5 * Math.max(asym.observed, asym.expected[4]);
    return Array.from(
      { length: TOY_CLS_DEFAULTS.gridPoints },
      (_, i) => lo + ((hi - lo) * i) / (TOY_CLS_DEFAULTS.gridPoints - 1),
    );
  }
  grid.forEach((mu, i) => {
    requireInRange(`options.grid[${i}]`, mu, 0, Number.POSITIVE_INFINITY, { lowInclusive: false });
    if (i > 0 && !(mu > grid[i - 1]!))
      requireInRange(`options.grid[${i}]`, mu, grid[i - 1]!, Number.POSITIVE_INFINITY, { lowInclusive: false });
  });
  return grid;
}

function clOf(options: ToyUpperLimitOptions): number {
  return requireInRange("options.cl", options.cl ?? INFERENCE_DEFAULTS.cl, 0, 1, {
    lowInclusive: false,
    highInclusive: false,
  });
}

function* upperLimitSteps(
  problem: ToyLikelihood,
  grid: readonly number[],
  cl: number,
  anchored: boolean,
  s: Settings,
): Steps<ToyUpperLimitResult> {
  const alpha = 1 - cl;
  const results: ToyHypotestResult[] = [];
  for (const mu of grid) results.push(yield* hypotestSteps(problem, mu, s));
  const observed = crossing(
    grid,
    results.map((r) => r.clsObs),
    alpha,
    anchored,
  );
  const expected = BAND_SIGMAS.map((_, k) =>
    crossing(
      grid,
      results.map((r) => r.clsExp[k]!),
      alpha,
      anchored,
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
  return {
    observed,
    expected,
    cl,
    method: "toys",
    testStat: s.testStat,
    evaluations: grid.length,
    valid,
    hypotests: results,
  };
}

/**
 * Toy-based CLs upper limit: toy CLs on a grid of μ (the same seed at every μ, so the curve is
 * smooth), and the crossing of CLs = 1 − cl interpolated linearly in ln CLs; the expected band
 * from the b-only quantiles at each μ.
 * @param source - a {@link ToyLikelihood} or a pyhf workspace (see {@link toyHypotest})
 * @param options - cl (default 0.95), grid, and the toy options
 * @returns `{ observed, expected }` (method "toys") and the hypothesis tests on the grid
 * @throws {@link PhysError} `NO_BRACKET` if CLs does not cross 1 − cl on the grid; as {@link toyHypotest}
 * @example
 * ```ts
 * const ul = await toyUpperLimit(ws, { cl: 0.9, toys: 1000, threads: 2 });
 * ```
 */
export async function toyUpperLimit(
  source: ToyLikelihood | Workspace,
  options: ToyUpperLimitOptions & ModelOptions = {},
): Promise<ToyUpperLimitResult> {
  const s = settingsOf(options);
  const cl = clOf(options);
  const { problem, runner } = setup(source, options, s);
  try {
    const grid = gridOf(problem, options.grid, cl, s);
    return await driveAsync(upperLimitSteps(problem, grid, cl, options.anchorAtZero === true, s), runner);
  } finally {
    await runner.close();
  }
}

/**
 * {@link toyUpperLimit} for a {@link ToyLikelihood}, synchronously in this thread: the same
 * computation, toys and numbers as the asynchronous form. The resonance scan computes each
 * hypothesis' toy limits this way inside its own worker threads.
 * @param problem - a {@link ToyLikelihood} (e.g. {@link linearMixtureToyLikelihood})
 * @param options - cl (default 0.95), grid, and the toy options (toys, seed, stream offset, minimiser)
 * @returns `{ observed, expected }` (method "toys") and the hypothesis tests on the grid
 * @throws {@link PhysError} `NO_BRACKET` if CLs does not cross 1 − cl on the grid;
 *   `INVALID_ARGUMENT` for a problem without `toy` and as {@link toyHypotestSync}
 * @example
 * ```ts
 * const grid = Array.from({ length: 16 }, (_, i) => (60 * (i + 1)) / 16);
 * const ul = toyUpperLimitSync(problem, { cl: 0.9, grid, toys: 500, minimizer: linearMixtureMinimizer });
 * ```
 */
export function toyUpperLimitSync(problem: ToyLikelihood, options: ToyUpperLimitOptions = {}): ToyUpperLimitResult {
  const source = requireToyLikelihood(problem);
  const s = settingsOf(options);
  const cl = clOf(options);
  const grid = gridOf(source, options.grid, cl, s);
  return driveSync(upperLimitSteps(source, grid, cl, options.anchorAtZero === true, s), source);
}
