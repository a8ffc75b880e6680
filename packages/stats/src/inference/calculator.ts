/**
 * Asymptotic hypothesis tests, upper limits and discovery significance for any profile
 * likelihood: an objective (−ln L of the data), parameter specs, the index of the parameter of
 * interest, and a function that returns the −ln L of the Asimov dataset generated at given
 * parameters. Works for HistFactory models and for unbinned extended likelihoods alike.
 *
 * Fits are cached and warm-started: the unconditional fit, the conditional fit at μ = 0 (which
 * also defines the background-only Asimov dataset, CCGV2011 §5) and the Asimov unconditional fit
 * are done once; each tested μ costs one conditional fit to the data and one to the Asimov data,
 * each started from the nearest μ already fitted.
 *
 * @packageDocumentation
 */
import { bracketRoot, brent, normalSf } from "@muonphilic/numeric";
import { argumentError, PhysError, requireFinite, requireInRange, requireOneOf } from "@muonphilic/units";
import type { MinimizerResult, MinimizerStatus, Objective, ParameterSpec } from "../minimizer/index.js";
import { migrad } from "../minimizer/index.js";
import {
  asymptoticCls,
  asymptoticExpectedCls,
  type ClsValues,
  expectedLimitSqrtQA,
  type LimitTestStatistic,
} from "./asymptotic.js";
import { BAND_SIGMAS, q0 as q0Stat, qMu, qMuTilde } from "./testStatistics.js";

/** A profile-likelihood problem. */
export interface ProfileLikelihood {
  /** Parameters: start values, bounds (the POI's bounds define its physical range), fixed flags. */
  readonly params: readonly ParameterSpec[];
  /** Index of the parameter of interest in `params`. */
  readonly poiIndex: number;
  /** −ln L of the observed data (with an analytic `gradient` for speed). */
  readonly nll: Objective;
  /**
   * −ln L of the Asimov dataset generated at the full parameter vector `pars` (POI included):
   * the dataset whose maximum-likelihood estimate is `pars` itself.
   */
  asimov(pars: Float64Array): Objective;
}

/** Defaults of the inference layer. */
export const INFERENCE_DEFAULTS = {
  /** Test statistic for upper limits. */
  testStat: "qtilde",
  /** Confidence level of upper limits (pyhf's 95 %; the Belle II searches use 0.9). */
  cl: 0.95,
  /** MIGRAD tolerance: EDM goal 0.002 × tolerance × 0.5 = 1e-6 in −ln L. */
  tolerance: 1e-3,
  /**
   * MIGRAD strategy of the fits: 0, since the profile fits are warm-started and need no
   * covariance (identical limits on the pyhf reference workspaces, 3.4× faster than strategy 1).
   */
  strategy: 0,
  /** Relative tolerance on limits found by root finding. */
  rtol: 1e-6,
} as const satisfies {
  testStat: LimitTestStatistic;
  cl: number;
  tolerance: number;
  strategy: 0 | 1 | 2;
  rtol: number;
};

/**
 * A minimiser for the profile fits: minimises `fcn` over `params` (start values, bounds, fixed
 * flags as given) and reports whether it converged. `migrad` has this shape; a problem-specific
 * minimiser (Newton for a model linear in its yields, say) can be plugged in for speed.
 */
export type ProfileMinimizer = (
  fcn: Objective,
  params: readonly ParameterSpec[],
) => Pick<MinimizerResult, "valid" | "values" | "fval"> & Partial<Pick<MinimizerResult, "status" | "nfcn" | "ngrad">>;

/** Fit settings shared by the calculators. */
export interface FitSettings {
  /** MIGRAD tolerance of every fit; default {@link INFERENCE_DEFAULTS}.tolerance. */
  readonly tolerance?: number;
  /** MIGRAD strategy; default 0. */
  readonly strategy?: 0 | 1 | 2;
  /** The minimiser; default `migrad` with `tolerance` and `strategy`. */
  readonly minimizer?: ProfileMinimizer;
}

/** Options of {@link makeAsymptoticCalculator}. */
export interface AsymptoticOptions extends FitSettings {
  /** "qtilde" (default) or "q". */
  readonly testStat?: LimitTestStatistic;
}

/** One maximum-likelihood fit. */
export interface ProfileFit {
  /** The minimiser converged. */
  readonly valid: boolean;
  /** MIGRAD's status (absent for a custom minimiser that does not report one). */
  readonly status?: MinimizerStatus;
  /** Best-fit parameters (all, POI included). */
  readonly values: Float64Array;
  /** −ln L at the minimum. */
  readonly nll: number;
  /** Objective evaluations (gradient calls included). */
  readonly calls: number;
}

/** The result of a hypothesis test at one μ. */
export interface HypotestResult {
  /** Tested μ. */
  readonly mu: number;
  /** Observed CLs. */
  readonly clsObs: number;
  /** Expected CLs at −2σ, −1σ, median, +1σ, +2σ. */
  readonly clsExp: [number, number, number, number, number];
  /** Observed CLs+b. */
  readonly clsbObs: number;
  /** Observed CLb. */
  readonly clbObs: number;
  /** Observed test statistic q̃_μ (or q_μ). */
  readonly q: number;
  /** The Asimov (background-only) test statistic q_{μ,A}. */
  readonly qA: number;
  /** Unconditional best-fit μ̂. */
  readonly muHat: number;
  /** Test statistic used. */
  readonly testStat: LimitTestStatistic;
  /** All fits converged. */
  readonly valid: boolean;
}

/** Options of an upper-limit search. */
export interface UpperLimitOptions {
  /** Confidence level in (0, 1); default 0.95 (pyhf's `level` = 1 − cl). */
  readonly cl?: number;
  /** Search range for μ; default the POI bounds (with a negative lower bound replaced by 0). */
  readonly range?: readonly [number, number];
  /** Relative tolerance on each limit; default 1e-6. */
  readonly rtol?: number;
}

/** An upper limit on the POI with its expected band. */
export interface UpperLimitResult {
  /** Observed upper limit. */
  readonly observed: number;
  /** Expected limits at −2σ, −1σ, median, +1σ, +2σ. */
  readonly expected: [number, number, number, number, number];
  /** Confidence level. */
  readonly cl: number;
  /** How the limit was computed. */
  readonly method: "asymptotic" | "toys";
  /** Test statistic used. */
  readonly testStat: LimitTestStatistic;
  /** Distinct μ values at which fits were made. */
  readonly evaluations: number;
  /** All fits converged. */
  readonly valid: boolean;
}

/** Discovery test: q₀, its p-value and significance. */
export interface DiscoveryResult {
  /** q₀ = −2 ln λ(0) if μ̂ ≥ 0, else 0 (CCGV2011 eq. (12)). */
  readonly q0: number;
  /** p₀ = 1 − Φ(√q₀) (CCGV2011 eq. (52)). */
  readonly p0: number;
  /** Z₀ = √q₀ (CCGV2011 eq. (53)); the local significance √(2 ln(L/L₀)) of Belle2-4mu. */
  readonly z: number;
  readonly muHat: number;
  readonly valid: boolean;
}

/** An asymptotic calculator bound to one problem (see {@link makeAsymptoticCalculator}). */
export interface AsymptoticCalculator {
  /** CLs at μ (observed and expected), pyhf's `hypotest` with `return_expected_set`. */
  hypotest(mu: number): HypotestResult;
  /** Upper limit on μ at `cl`, observed and expected band, by bracketing and Brent's method. */
  upperLimit(options?: UpperLimitOptions): UpperLimitResult;
  /** Discovery significance from q₀. */
  discovery(): DiscoveryResult;
  /** The observed test statistic q̃_μ (or q_μ) at μ. */
  testStatistic(mu: number): number;
  /** The unconditional fit to the data. */
  freeFit(): ProfileFit;
  /** The conditional fit to the data at μ. */
  fixedFit(mu: number): ProfileFit;
}

/**
 * Fits `nll` (MIGRAD unless `options.minimizer` is given), optionally with the POI fixed at
 * `fixPoi` (its bounds are then dropped, so μ may lie outside the POI range).
 * @param nll - the objective
 * @param params - parameter specs
 * @param poiIndex - index of the POI
 * @param fixPoi - value to fix the POI at, or undefined for a free fit
 * @param start - start values (clamped into bounds), default the specs' values
 * @param options - tolerance and strategy, or a minimiser
 * @returns the fit (a failed fit is returned with `valid: false`, never thrown)
 * @example
 * ```ts
 * const fit = fitProfile(nll, params, 0, 0, undefined); // conditional fit at μ = 0
 * ```
 */
export function fitProfile(
  nll: Objective,
  params: readonly ParameterSpec[],
  poiIndex: number,
  fixPoi: number | undefined,
  start: Float64Array | undefined,
  options: FitSettings = {},
): ProfileFit {
  return profileFitter(params, poiIndex, options)(nll, fixPoi, start);
}

/** A parameter spec whose value and fixed flag a {@link profileFitter} rewrites between fits. */
type MutableSpec = { -readonly [K in keyof ParameterSpec]: ParameterSpec[K] };

/** A fit of {@link profileFitter}: the POI fixed at `fixPoi` (free when undefined), started at `start`. */
export type ProfileFitter = (nll: Objective, fixPoi: number | undefined, start: Float64Array | undefined) => ProfileFit;

/**
 * The fits of {@link fitProfile} for one problem, reusing one set of parameter specs (values
 * rewritten before each fit; minimisers read them and keep no reference), so that the hundreds of
 * fits of an upper limit (or a batch of toys) do not allocate a spec per parameter each. Internal to
 * the package (not exported from its index).
 */
export function profileFitter(params: readonly ParameterSpec[], poiIndex: number, options: FitSettings): ProfileFitter {
  const freeSpecs: MutableSpec[] = params.map((p) => ({ ...p }));
  const poiFixed: MutableSpec = { name: params[poiIndex]!.name, value: 0, fixed: true };
  const fixedSpecs: MutableSpec[] = freeSpecs.map((p, i) => (i === poiIndex ? poiFixed : p));
  const migradOptions = {
    tolerance: options.tolerance ?? INFERENCE_DEFAULTS.tolerance,
    strategy: options.strategy ?? INFERENCE_DEFAULTS.strategy,
  };
  return (nll, fixPoi, start) => {
    const specs = fixPoi === undefined ? freeSpecs : fixedSpecs;
    for (let i = 0; i < params.length; i++) {
      const p = params[i]!;
      if (i === poiIndex && fixPoi !== undefined) poiFixed.value = fixPoi;
      else if (start === undefined || p.fixed) specs[i]!.value = p.value;
      else {
        const lo = p.lower ?? Number.NEGATIVE_INFINITY;
        const hi = p.upper ?? Number.POSITIVE_INFINITY;
        specs[i]!.value = Math.min(hi, Math.max(lo, start[i]!));
      }
    }
    const r = options.minimizer ? options.minimizer(nll, specs) : migrad(nll, specs, migradOptions);
    // every parameter fixed (e.g. a counting experiment at fixed μ): the value is exact
    const valid = r.valid || (r.status === "no-free-parameters" && Number.isFinite(r.fval));
    const fit = { valid, values: r.values, nll: r.fval, calls: (r.nfcn ?? 0) + (r.ngrad ?? 0) };
    return r.status === undefined ? fit : { ...fit, status: r.status };
  };
}

function validateProblem(problem: ProfileLikelihood): void {
  if (problem === null || typeof problem !== "object") {
    throw argumentError("INVALID_ARGUMENT", "problem", problem, "a ProfileLikelihood");
  }
  if (typeof problem.nll !== "function")
    throw argumentError("INVALID_ARGUMENT", "problem.nll", problem.nll, "a function");
  if (typeof problem.asimov !== "function") {
    throw argumentError("INVALID_ARGUMENT", "problem.asimov", problem.asimov, "a function");
  }
  const i = problem.poiIndex;
  if (!(Number.isInteger(i) && i >= 0 && i < problem.params.length)) {
    throw new PhysError(
      "NO_POI",
      `problem.poiIndex must index a parameter (0..${problem.params.length - 1}), got ${i}`,
      {
        argument: "problem.poiIndex",
        value: i,
        allowed: `0..${problem.params.length - 1}`,
      },
    );
  }
}

/** Nearest cached key to x, or undefined. */
function nearest<T>(cache: Map<number, T>, x: number): T | undefined {
  let best: T | undefined;
  let dist = Number.POSITIVE_INFINITY;
  for (const [k, v] of cache) {
    const d = Math.abs(k - x);
    if (d < dist) {
      dist = d;
      best = v;
    }
  }
  return best;
}

/**
 * Creates an asymptotic calculator (CCGV2011) for a profile likelihood: observed and expected
 * CLs (pyhf's `AsymptoticCalculator` conventions), upper limits, discovery significance.
 * @param problem - the likelihood, its parameters, POI index and Asimov generator
 * @param options - test statistic ("qtilde" default), fit tolerance and strategy
 * @returns the calculator (it caches fits; use one per dataset)
 * @throws {@link PhysError} `NO_POI` if `poiIndex` is not a parameter index; `INVALID_ARGUMENT`
 *   for a malformed problem; `UNKNOWN_NAME` for an unknown test statistic
 * @example
 * ```ts
 * const calc = makeAsymptoticCalculator({ params, poiIndex: 0, nll, asimov });
 * calc.hypotest(1).clsObs;
 * calc.upperLimit({ cl: 0.9 }).observed;
 * ```
 */
export function makeAsymptoticCalculator(
  problem: ProfileLikelihood,
  options: AsymptoticOptions = {},
): AsymptoticCalculator {
  validateProblem(problem);
  const testStat = requireOneOf("options.testStat", options.testStat ?? INFERENCE_DEFAULTS.testStat, [
    "qtilde",
    "q",
  ] as const);
  const fitOptions: FitSettings = options;
  const { params, poiIndex, nll } = problem;
  const fitOne = profileFitter(params, poiIndex, fitOptions);
  const poiSpec = params[poiIndex]!;

  let free: ProfileFit | undefined;
  const fixedData = new Map<number, ProfileFit>();
  const fixedAsimov = new Map<number, ProfileFit>();
  let asimovNll: Objective | undefined;
  let asimovFree: ProfileFit | undefined;

  const freeFit = (): ProfileFit => {
    free ??= fitOne(nll, undefined, undefined);
    return free;
  };
  /**
   * The fit at μ, warm-started from the cached fit at the nearest μ. A warm start can be unusable:
   * a fit at a larger μ may pull a bin's background below zero where the signal keeps the rate
   * positive, and at a smaller μ that rate is ≤ 0 (−ln L = ∞ at the start). When the warm-started
   * fit fails, the fit is repeated from the unconditional fit's values and the better one kept.
   */
  const fitAt = (objective: Objective, mu: number, cache: Map<number, ProfileFit>, cold: Float64Array): ProfileFit => {
    const near = nearest(cache, mu);
    const f = fitOne(objective, mu, near?.values ?? cold);
    if (near === undefined || (f.valid && Number.isFinite(f.nll))) return f;
    const g = fitOne(objective, mu, cold);
    const usable = (x: ProfileFit): boolean => Number.isFinite(x.nll);
    if (!usable(g)) return f;
    if (!usable(f) || (g.valid && !f.valid) || (g.valid === f.valid && g.nll < f.nll)) return g;
    return f;
  };
  const fixedFit = (mu: number): ProfileFit => {
    let f = fixedData.get(mu);
    if (!f) {
      f = fitAt(nll, mu, fixedData, freeFit().values);
      fixedData.set(mu, f);
    }
    return f;
  };
  const asimov = (): { nll: Objective; free: ProfileFit } => {
    if (!asimovNll || !asimovFree) {
      const gen = fixedFit(0);
      asimovNll = problem.asimov(gen.values);
      asimovFree = fitOne(asimovNll, undefined, gen.values);
    }
    return { nll: asimovNll, free: asimovFree };
  };
  const fixedAsimovFit = (mu: number): ProfileFit => {
    let f = fixedAsimov.get(mu);
    if (!f) {
      const a = asimov();
      f = fitAt(a.nll, mu, fixedAsimov, a.free.values);
      fixedAsimov.set(mu, f);
    }
    return f;
  };

  /** q for data (observed) at μ. */
  const qObserved = (mu: number): number => {
    const hat = freeFit();
    const muHat = hat.values[poiIndex]!;
    const nllMu = fixedFit(mu).nll;
    if (testStat === "q") return qMu(nllMu, hat.nll, muHat, mu);
    return qMuTilde(nllMu, hat.nll, muHat < 0 ? fixedFit(0).nll : hat.nll, muHat, mu);
  };
  /** q_{μ,A} for the background-only Asimov dataset. */
  const qAsimov = (mu: number): number => {
    const a = asimov();
    const muHatA = a.free.values[poiIndex]!;
    const nllMu = fixedAsimovFit(mu).nll;
    if (testStat === "q") return qMu(nllMu, a.free.nll, muHatA, mu);
    return qMuTilde(nllMu, a.free.nll, muHatA < 0 ? fixedAsimovFit(0).nll : a.free.nll, muHatA, mu);
  };

  const validAt = (mu: number): boolean =>
    freeFit().valid && fixedFit(mu).valid && fixedFit(0).valid && asimov().free.valid && fixedAsimovFit(mu).valid;

  const hypotest = (mu: number): HypotestResult => {
    requireFinite("mu", mu);
    const q = qObserved(mu);
    const qA = qAsimov(mu);
    const obs: ClsValues = asymptoticCls(q, qA, testStat);
    return {
      mu,
      clsObs: obs.cls,
      clsExp: asymptoticExpectedCls(qA),
      clsbObs: obs.clsb,
      clbObs: obs.clb,
      q,
      qA,
      muHat: freeFit().values[poiIndex]!,
      testStat,
      valid: validAt(mu),
    };
  };

  const upperLimit = (opts: UpperLimitOptions = {}): UpperLimitResult => {
    const cl = requireInRange("options.cl", opts.cl ?? INFERENCE_DEFAULTS.cl, 0, 1, {
      lowInclusive: false,
      highInclusive: false,
    });
    const alpha = 1 - cl;
    const rtol = requireInRange("options.rtol", opts.rtol ?? INFERENCE_DEFAULTS.rtol, 0, 0.1, { lowInclusive: false });
    const lo = Math.max(0, opts.range?.[0] ?? poiSpec.lower ?? 0);
    const hi = opts.range?.[1] ?? poiSpec.upper ?? Number.POSITIVE_INFINITY;
    if (!(Number.isFinite(hi) && hi > lo)) {
      throw argumentError(
        "OUT_OF_DOMAIN",
        "options.range",
        opts.range ?? [lo, hi],
        "a finite range [lo, hi] with 0 <= lo < hi",
      );
    }
    // Wald estimate σ = μ/√q_{μ,A}, from one Asimov fit and refined as limits are found
    const sigmaAt = (mu: number): number => mu / Math.sqrt(qAsimov(mu));
    const trial = poiSpec.value > lo && poiSpec.value <= hi ? poiSpec.value : Math.min(hi, Math.max(1, lo));
    let sigma = sigmaAt(trial);
    if (!(Number.isFinite(sigma) && sigma > 0)) sigma = hi;

    const solve = (f: (mu: number) => number, fZero: number, guess: number, what: string): number => {
      const br = bracketRoot(f, guess, lo, hi, lo === 0 ? fZero : undefined);
      if (!br.ok) {
        const end = br.side === "above" ? "upper" : "lower";
        throw new PhysError(
          "NO_BRACKET",
          Number.isNaN(br.last.f)
            ? `the ${what} upper limit at CL ${cl} cannot be found in [${lo}, ${hi}]: CLs is NaN at mu = ${br.last.x} (a fit failed there)`
            : `the ${what} upper limit at CL ${cl} is not bracketed in [${lo}, ${hi}]: CLs - alpha keeps its sign up to mu = ${br.last.x} (the ${end} end); widen options.range or the POI bounds`,
          { argument: "options.range", value: [lo, hi], allowed: `a range containing the ${what} limit` },
        );
      }
      return brent(f, br.a, br.b, 1e-12 * Math.max(1, hi), rtol);
    };

    // expected: √q_{μ,A}(μ) = x_N, increasing in μ (0 at μ = 0)
    const expected = BAND_SIGMAS.map((n) => {
      const target = expectedLimitSqrtQA(alpha, n);
      const f = (mu: number): number => target - Math.sqrt(qAsimov(mu));
      const mu = solve(f, target, sigma * target, `expected (${n >= 0 ? "+" : ""}${n} sigma)`);
      const s = sigmaAt(mu);
      if (Number.isFinite(s) && s > 0) sigma = s;
      return mu;
    }) as [number, number, number, number, number];

    // observed: ln CLs(μ) = ln α (CLs = 1 at μ = 0)
    const h = (mu: number): number => Math.log(hypotest(mu).clsObs / alpha);
    const muHat = Math.max(0, freeFit().values[poiIndex]!);
    const observed = solve(h, -Math.log(alpha), muHat + expected[2], "observed");

    const mus = new Set([...fixedData.keys(), ...fixedAsimov.keys()]);
    let valid = freeFit().valid && asimov().free.valid;
    for (const f of fixedData.values()) valid &&= f.valid;
    for (const f of fixedAsimov.values()) valid &&= f.valid;
    return { observed, expected, cl, method: "asymptotic", testStat, evaluations: mus.size, valid };
  };

  const discovery = (): DiscoveryResult => {
    const hat = freeFit();
    const zero = fixedFit(0);
    const muHat = hat.values[poiIndex]!;
    const q = q0Stat(zero.nll, hat.nll, muHat);
    const z = Math.sqrt(q);
    return { q0: q, p0: normalSf(z), z, muHat, valid: hat.valid && zero.valid };
  };

  return { hypotest, upperLimit, discovery, freeFit, fixedFit, testStatistic: qObserved };
}
