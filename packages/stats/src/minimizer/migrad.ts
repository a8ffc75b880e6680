/**
 * Public entry points of the minimiser: {@link migrad}, {@link hesse}, {@link minos}.
 *
 * @packageDocumentation
 */
import { argumentError, PhysError, requireFinite, requirePositive } from "@muonphilic/units";
import { buildResult, computeHesse, type RunSettings, runMigrad, State } from "./core.js";
import { Problem, validateParams } from "./problem.js";
import type {
  HesseOptions,
  MigradOptions,
  MinimizerResult,
  MinimizerStatus,
  MinosError,
  MinosOptions,
  MinosSide,
  Objective,
  ParameterSpec,
} from "./types.js";

/** Defaults of the minimiser (Minuit2 / iminuit conventions, except errordef: see below). */
export const MINIMIZER_DEFAULTS = {
  /** Minuit strategy. */
  strategy: 1,
  /** EDM goal = 0.002 × tolerance × errordef (Minuit2 VariableMetricBuilder); iminuit's default tolerance. */
  tolerance: 0.1,
  /** errordef of an objective that does not say: 0.5, a negative log-likelihood. */
  errordef: 0.5,
  /** MINOS crossing accuracy as a fraction of errordef. */
  minosTolerance: 1e-4,
  /** MINOS profile fits per side. */
  minosMaxIterations: 30,
} as const;

/**
 * Minuit's default call limit 200 + 100 n + 5 n².
 * @param nFree - number of free parameters
 * @returns the call limit
 * @example
 * ```ts
 * defaultMaxfcn(4); // 680
 * ```
 */
export function defaultMaxfcn(nFree: number): number {
  return 200 + 100 * nFree + 5 * nFree * nFree;
}

function requireObjective(fcn: unknown): asserts fcn is Objective {
  if (typeof fcn !== "function") throw argumentError("INVALID_ARGUMENT", "fcn", typeof fcn, "a function");
  const g = (fcn as Objective).gradient;
  if (g !== undefined && typeof g !== "function") {
    throw argumentError("INVALID_ARGUMENT", "fcn.gradient", typeof g, "a function or undefined");
  }
}

function resolveErrordef(fcn: Objective, override: number | undefined): number {
  if (override !== undefined) return requirePositive("options.errordef", override);
  if (fcn.errordef !== undefined) return requirePositive("fcn.errordef", fcn.errordef);
  return MINIMIZER_DEFAULTS.errordef;
}

function requireStrategy(s: unknown): 0 | 1 | 2 {
  if (s !== 0 && s !== 1 && s !== 2) throw argumentError("INVALID_ARGUMENT", "options.strategy", s, "0, 1 or 2");
  return s;
}

function settings(options: MigradOptions | HesseOptions, nFree: number, fallbackStrategy: 0 | 1 | 2): RunSettings {
  const strategy = requireStrategy(options.strategy ?? fallbackStrategy);
  const tolerance =
    "tolerance" in options && options.tolerance !== undefined
      ? requirePositive("options.tolerance", options.tolerance)
      : MINIMIZER_DEFAULTS.tolerance;
  const maxfcn =
    options.maxfcn !== undefined ? requirePositive("options.maxfcn", options.maxfcn) : defaultMaxfcn(nFree);
  return { strategy, tolerance, maxfcn };
}

/**
 * MIGRAD: minimises `fcn` by Minuit's variable-metric method (Davidon-Fletcher-Powell with the
 * BFGS correction, parabolic line search), with numerical derivatives under Minuit's step
 * control unless `fcn.gradient` is given, bounds through Minuit's sin/sqrt transformations,
 * and convergence when EDM = ½ gᵀ V g < 0.002 × tolerance × errordef. With strategy 1 (the
 * default), a full HESSE is run at the end when the metric is not yet accurate (dcovar > 0.05),
 * as Minuit2 does, and iteration resumes if HESSE's EDM is above the goal; `hesse: true` always
 * ends with a HESSE (and resumes the same way), so the returned point and covariance agree.
 *
 * A failed minimisation is a result with `valid: false` and its `status`, never an exception.
 *
 * @param fcn - the objective (external coordinates); `errordef` 0.5 for an NLL (default), 1 for a χ²
 * @param params - parameter specs (start value, step ≈ expected error, bounds, fixed)
 * @param options - strategy, tolerance, call limit, errordef override, and `hesse: true` to run HESSE after
 * @returns the {@link MinimizerResult}
 * @throws {@link PhysError} for a non-function `fcn`, invalid parameter specs (duplicate names,
 *   non-finite values, inverted bounds, start values outside bounds) or invalid options
 * @example
 * ```ts
 * const f = Object.assign((x: Float64Array) => (x[0]! - 1) ** 2 + 10 * (x[1]! + 2) ** 2, { errordef: 1 });
 * const r = migrad(f, [{ name: "a", value: 0 }, { name: "b", value: 0 }]);
 * r.values; // ≈ [1, -2]; r.errors ≈ [1, 0.316]
 * ```
 */
export function migrad(fcn: Objective, params: readonly ParameterSpec[], options: MigradOptions = {}): MinimizerResult {
  requireObjective(fcn);
  validateParams(params);
  const up = resolveErrordef(fcn, options.errordef);
  const p = new Problem(fcn, params, up);
  const rs = settings(options, p.nf, MINIMIZER_DEFAULTS.strategy);
  if (p.nf === 0) {
    const s = new State(0);
    s.fval = fcn(p.ext);
    p.nfcn = 1;
    s.edm = 0;
    return buildResult(p, s, "no-free-parameters", rs, Float64Array.from(p.ext));
  }
  const s = new State(p.nf);
  const status = runMigrad(p, s, { ...rs, finalHesse: options.hesse === true });
  p.setExternal(s.x);
  return buildResult(p, s, status, rs, Float64Array.from(p.ext));
}

/**
 * HESSE: the covariance matrix from the full matrix of second derivatives at a point (Minuit2
 * MnHesse), V = 2·errordef·H⁻¹, transformed to external coordinates by the Jacobian of the
 * bound transformations. With an analytic gradient, H comes from central differences of the
 * gradient (2n gradient calls); otherwise from Minuit's iterated finite differences of the
 * function. A matrix that is not positive definite is made so (status
 * "forced-positive-definite"); failure leaves `covarianceStatus: "not-available"` and
 * `valid: false`.
 *
 * @param fcn - the objective
 * @param params - the parameter specs used for the fit (bounds, fixed flags, steps)
 * @param at - a {@link MinimizerResult} from {@link migrad}, or a point (external values, all parameters)
 * @param options - strategy, errordef, call limit
 * @returns a new result at the same point with HESSE errors and covariance (`fval`, `edm` recomputed)
 * @throws {@link PhysError} for invalid specs, a point of the wrong length or outside the bounds
 * @example
 * ```ts
 * const r = hesse(f, params, migrad(f, params));
 * r.covarianceStatus; // "accurate"
 * ```
 */
export function hesse(
  fcn: Objective,
  params: readonly ParameterSpec[],
  at: MinimizerResult | Float64Array,
  options: HesseOptions = {},
): MinimizerResult {
  requireObjective(fcn);
  validateParams(params);
  const isResult = !(at instanceof Float64Array);
  const values = isResult ? (at as MinimizerResult).values : (at as Float64Array);
  if (values.length !== params.length) {
    throw new PhysError("INCOMPATIBLE_SHAPES", `at must have ${params.length} values, got ${values.length}`, {
      argument: "at",
      value: values.length,
      allowed: `length ${params.length}`,
    });
  }
  values.forEach((v, i) => {
    requireFinite(`at[${i}]`, v);
    const lo = params[i]!.lower ?? Number.NEGATIVE_INFINITY;
    const hi = params[i]!.upper ?? Number.POSITIVE_INFINITY;
    if (v < lo || v > hi) throw argumentError("OUT_OF_DOMAIN", `at[${i}]`, v, `within [${lo}, ${hi}]`);
  });
  const up = resolveErrordef(fcn, options.errordef ?? (isResult ? (at as MinimizerResult).errordef : undefined));
  const p = new Problem(fcn, params, up, values);
  const fallback = isResult ? (at as MinimizerResult).strategy : MINIMIZER_DEFAULTS.strategy;
  const rs = settings(options, p.nf, fallback);
  const s = new State(p.nf);
  p.internalStart(s.x);
  // steps: user steps (Minuit's InitialGradientCalculator), refined by the previous covariance if any
  p.initialGradient(s.x, s.g, s.g2, s.gstep);
  if (isResult) {
    const r = at as MinimizerResult;
    const N = p.n;
    for (let i = 0; i < p.nf; i++) {
      const ei = p.free[i]!;
      const c = r.covariance[ei * N + ei]!;
      const d = p.dInt2Ext(i, s.x[i]!);
      if (c > 0 && d !== 0) {
        const sigInt = Math.sqrt(c) / Math.abs(d);
        s.V[i * p.nf + i] = (sigInt * sigInt) / (2 * up);
        s.g2[i] = 1 / s.V[i * p.nf + i]!;
        // Minuit keeps the gradient steps of the minimisation; a tenth of σ is its typical size
        s.gstep[i] = p.hasLimits(i) ? Math.min(0.1 * sigInt, 0.5) : 0.1 * sigInt;
      }
    }
  }
  let status: MinimizerStatus = isResult ? (at as MinimizerResult).status : "converged";
  if (p.nf === 0) {
    s.fval = p.value(s.x);
    return buildResult(p, s, "no-free-parameters", rs, Float64Array.from(values));
  }
  const h = computeHesse(p, s, rs.strategy, rs.maxfcn);
  if (!h.ok) {
    s.covStatus = "not-available";
    if (status === "converged") status = "not-pos-def";
  }
  const out = buildResult(p, s, status, rs, Float64Array.from(values));
  if (isResult) {
    const r = at as MinimizerResult;
    return {
      ...out,
      nfcn: r.nfcn + out.nfcn,
      ngrad: r.ngrad + out.ngrad,
      iterations: r.iterations,
      edmGoal: r.edmGoal,
      valid: out.valid && h.ok,
    };
  }
  return { ...out, valid: h.ok && Number.isFinite(out.fval) };
}

/**
 * MINOS: the asymmetric error of one parameter, from the points where the profile
 * min_{others} f(θ, others) crosses fmin + errordef × cl² (the likelihood-ratio interval).
 * Each side is found by a secant search on √(f_profile − fmin) (linear in θ for a parabolic
 * profile), each profile point a {@link migrad} with the parameter fixed, started from the
 * covariance prediction of the others (Minuit2 MnMinos/MnFunctionCross do the same with a
 * parabola in θ). A crossing beyond a bound returns the bound with `atLimit: true`.
 *
 * @param fcn - the objective
 * @param params - the parameter specs used for the fit
 * @param at - the {@link MinimizerResult} at the minimum (with a covariance)
 * @param name - the parameter's name
 * @param options - cl (number of σ), crossing tolerance, iteration limit, strategy
 * @returns the {@link MinosError}
 * @throws {@link PhysError} `UNKNOWN_NAME` for an unknown parameter, `INVALID_ARGUMENT` for a fixed one
 * @example
 * ```ts
 * const me = minos(nll, params, migrad(nll, params), "Ns");
 * me.lower; me.upper; // e.g. -12.4, +13.2
 * ```
 */
export function minos(
  fcn: Objective,
  params: readonly ParameterSpec[],
  at: MinimizerResult,
  name: string,
  options: MinosOptions = {},
): MinosError {
  requireObjective(fcn);
  validateParams(params);
  const k = params.findIndex((p) => p.name === name);
  if (k < 0) {
    throw new PhysError("UNKNOWN_NAME", `name must be one of the parameters, got ${JSON.stringify(name)}`, {
      argument: "name",
      value: name,
      allowed: params.map((p) => p.name).join(" | "),
    });
  }
  if (params[k]!.fixed === true) throw argumentError("INVALID_ARGUMENT", "name", name, "a free parameter");
  if (at.values.length !== params.length) {
    throw argumentError("INCOMPATIBLE_SHAPES", "at.values", at.values.length, `length ${params.length}`);
  }
  const up = resolveErrordef(fcn, options.errordef ?? at.errordef);
  const cl = options.cl !== undefined ? requirePositive("options.cl", options.cl) : 1;
  const tol =
    options.tolerance !== undefined
      ? requirePositive("options.tolerance", options.tolerance)
      : MINIMIZER_DEFAULTS.minosTolerance;
  const maxIter =
    options.maxIterations !== undefined
      ? requirePositive("options.maxIterations", options.maxIterations)
      : MINIMIZER_DEFAULTS.minosMaxIterations;
  const strategy = requireStrategy(options.strategy ?? at.strategy);
  const delta = up * cl * cl;
  const N = params.length;
  const x0 = at.values;
  const ck = at.covariance[k * N + k]!;
  const sigma = ck > 0 ? Math.sqrt(ck) : at.errors[k]! > 0 ? at.errors[k]! : (params[k]!.step ?? 0.1);
  const lo = params[k]!.lower ?? Number.NEGATIVE_INFINITY;
  const hi = params[k]!.upper ?? Number.POSITIVE_INFINITY;
  const fixedSpecs = params.map((p, i) => (i === k ? { ...p, fixed: true } : p));
  const profileTol = 0.1 * MINIMIZER_DEFAULTS.tolerance;
  const start = new Float64Array(N);

  const side = (dir: 1 | -1): MinosSide => {
    let nfcn = 0;
    let newMinimum = false;
    let callLimit = false;
    const bound = dir > 0 ? hi : lo;
    // profile: Δ(t) = f_profile(t) − fmin, evaluated by a fit with parameter k fixed at t
    const profile = (t: number): number => {
      for (let i = 0; i < N; i++) {
        let v = x0[i]! + (ck > 0 ? (at.covariance[i * N + k]! / ck) * (t - x0[k]!) : 0);
        const pl = params[i]!.lower ?? Number.NEGATIVE_INFINITY;
        const ph = params[i]!.upper ?? Number.POSITIVE_INFINITY;
        if (v < pl) v = pl;
        if (v > ph) v = ph;
        start[i] = params[i]!.fixed === true ? params[i]!.value : v;
      }
      start[k] = t;
      const specs = fixedSpecs.map((p, i) => ({ ...p, value: start[i]! }));
      const r = migrad(fcn, specs, { strategy, tolerance: profileTol, errordef: up });
      nfcn += r.nfcn;
      if (r.status === "call-limit") callLimit = true;
      const d = r.fval - at.fval;
      if (d < -tol * delta - at.edm) newMinimum = true;
      return d;
    };
    // secant on u(t) = sqrt(max(Δ,0)) − sqrt(delta) with anchor (x0, −sqrt(delta))
    let tPrev = x0[k]!;
    let uPrev = -Math.sqrt(delta);
    let t = x0[k]! + dir * sigma * cl;
    let atLimit = false;
    for (let iter = 0; iter < maxIter; iter++) {
      const beyond = (dir > 0 && t >= bound) || (dir < 0 && t <= bound);
      if (beyond) t = bound;
      const d = profile(t);
      if (beyond && d < delta) {
        atLimit = true;
        return { error: t - x0[k]!, valid: false, atLimit, newMinimum, callLimit, nfcn };
      }
      if (!Number.isFinite(d)) break;
      if (Math.abs(d - delta) <= tol * delta) {
        return { error: t - x0[k]!, valid: !newMinimum && !callLimit, atLimit, newMinimum, callLimit, nfcn };
      }
      const u = Math.sqrt(Math.max(d, 0)) - Math.sqrt(delta);
      let tNext: number;
      if (u !== uPrev) tNext = t - (u * (t - tPrev)) / (u - uPrev);
      else tNext = t + dir * sigma;
      // stay on this side and limit the jump to a factor 3 of the current distance
      const dist = Math.abs(t - x0[k]!);
      let distNext = dir * (tNext - x0[k]!);
      if (!(distNext > 0)) distNext = 0.5 * dist;
      distNext = Math.min(distNext, 3 * dist);
      tPrev = t;
      uPrev = u;
      t = x0[k]! + dir * distNext;
    }
    return { error: Number.NaN, valid: false, atLimit, newMinimum, callLimit: true, nfcn };
  };
  const upper = side(1);
  const lower = side(-1);
  return {
    name,
    value: x0[k]!,
    lower: lower.error,
    upper: upper.error,
    valid: lower.valid && upper.valid,
    lowerSide: lower,
    upperSide: upper,
  };
}
