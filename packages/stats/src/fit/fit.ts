/**
 * The fit API: minimise a named objective (a {@link Likelihood}, or any {@link Objective} with
 * `names`), then HESSE and optional MINOS; profile one parameter; refit with parameters fixed.
 * A non-converged fit is a result with `valid: false` and its diagnostics, never an exception.
 *
 * @packageDocumentation
 */
import { argumentError, PhysError, requireAllFinite, requireFinite } from "@muonphilic/units";
import { migrad, minos } from "../minimizer/migrad.js";
import type {
  CovarianceStatus,
  MinimizerResult,
  MinimizerStatus,
  MinosError,
  MinosOptions,
  Objective,
  ParameterSpec,
} from "../minimizer/types.js";

/** An objective whose argument vector is described by parameter names. */
export interface NamedObjective extends Objective {
  /** Parameter names, in the order of the argument vector. */
  readonly names: readonly string[];
}

/** Start value and settings of one parameter (the name is the key). */
export type ParameterInit = number | Omit<ParameterSpec, "name">;

/** Defaults of {@link fit}. */
export const FIT_DEFAULTS = {
  /** Run HESSE after MIGRAD. */
  hesse: true,
  /** Subtract the objective's start value during the minimisation (RooFit's offsetting), so that
   * Minuit's finite-difference steps, which scale with |f|, are set by the change of f. */
  offset: true,
  /** Minuit strategy. */
  strategy: 1,
  /**
   * MIGRAD tolerance: EDM < 0.002 × 1e-4 × errordef = 1e-7 for an NLL, i.e. within ~5e-4 σ of the
   * minimum (iminuit's default 0.1 stops at ~2e-2 σ). A few extra calls buy agreement with
   * reference MLEs to ~1e-6 relative.
   */
  tolerance: 1e-4,
} as const;

/** Options of {@link fit}. */
export interface FitOptions {
  /** Minuit strategy (0, 1, 2); default 1. */
  readonly strategy?: 0 | 1 | 2;
  /** MIGRAD tolerance (EDM goal 0.002 × tolerance × errordef); default {@link FIT_DEFAULTS}.tolerance. */
  readonly tolerance?: number;
  /** Call limit of MIGRAD. */
  readonly maxfcn?: number;
  /** Run HESSE after MIGRAD; default true. */
  readonly hesse?: boolean;
  /** Parameters to run MINOS on (`true`: every free parameter); default none. */
  readonly minos?: readonly string[] | boolean;
  /** Offset the objective by its start value during minimisation; default true. */
  readonly offset?: boolean;
  /** Options of the MINOS runs (cl, tolerance, …). */
  readonly minosOptions?: MinosOptions;
}

/** Per-parameter summary of a {@link FitResult}. */
export interface FittedParameter {
  readonly value: number;
  /** Parabolic (HESSE) error; 0 for a fixed parameter. */
  readonly error: number;
  readonly fixed: boolean;
  /** Within half an error of a bound. */
  readonly atLimit: boolean;
  /** MINOS errors when requested. */
  readonly minos?: MinosError;
}

/** The result of {@link fit}. */
export interface FitResult {
  /** MIGRAD converged, covariance available, and every requested MINOS side valid. */
  readonly valid: boolean;
  readonly status: MinimizerStatus;
  readonly covarianceStatus: CovarianceStatus;
  readonly names: readonly string[];
  readonly values: Float64Array;
  readonly errors: Float64Array;
  /** n × n row-major covariance (0 rows/columns for fixed parameters). */
  readonly covariance: Float64Array;
  /** n × n correlation matrix (diagonal 1 for free parameters, 0 for fixed). */
  readonly correlation: Float64Array;
  /** Objective at the minimum (the NLL itself, offset removed). */
  readonly nllMin: number;
  readonly edm: number;
  readonly nfcn: number;
  readonly ngrad: number;
  readonly paramsAtLimit: readonly string[];
  /** By-name view of values, errors and MINOS intervals. */
  readonly parameters: Readonly<Record<string, FittedParameter>>;
  /** MINOS errors by name (those requested). */
  readonly minos: Readonly<Record<string, MinosError>>;
  /** The parameter specs used (for {@link refit} and {@link profile}). */
  readonly specs: readonly ParameterSpec[];
  /** The raw minimiser result. */
  readonly minimizer: MinimizerResult;
}

function requireNamed(objective: unknown): asserts objective is NamedObjective {
  if (typeof objective !== "function")
    throw argumentError("INVALID_ARGUMENT", "objective", typeof objective, "a function");
  const names = (objective as NamedObjective).names;
  if (!Array.isArray(names))
    throw argumentError("INVALID_ARGUMENT", "objective.names", names, "an array of parameter names");
}

/**
 * Builds the ordered specs from a by-name map (or a spec array), checking that every objective
 * parameter has a start value and no unknown name is given.
 * @throws {@link PhysError} `UNKNOWN_NAME` / `INVALID_ARGUMENT`
 */
export function resolveSpecs(
  names: readonly string[],
  params: Readonly<Record<string, ParameterInit>> | readonly ParameterSpec[],
): ParameterSpec[] {
  const byName = new Map<string, ParameterInit>();
  if (Array.isArray(params)) for (const p of params as readonly ParameterSpec[]) byName.set(p.name, p);
  else for (const [k, v] of Object.entries(params as Record<string, ParameterInit>)) byName.set(k, v);
  for (const k of byName.keys()) {
    if (!names.includes(k)) {
      throw new PhysError("UNKNOWN_NAME", `params.${k} is not a parameter of the objective (${names.join(", ")})`, {
        argument: `params.${k}`,
        value: k,
        allowed: names.join(" | "),
      });
    }
  }
  return names.map((name) => {
    const v = byName.get(name);
    if (v === undefined) throw argumentError("INVALID_ARGUMENT", `params.${name}`, v, "a start value (number or spec)");
    if (typeof v === "number") return { name, value: requireFinite(`params.${name}`, v) };
    const { name: _ignored, ...rest } = v as ParameterSpec;
    return { ...rest, name };
  });
}

function offsetObjective(objective: NamedObjective, offset: number): Objective {
  const f = (x: Float64Array): number => objective(x) - offset;
  return Object.assign(f, {
    errordef: objective.errordef,
    ...(objective.gradient ? { gradient: objective.gradient } : {}),
  });
}

/**
 * Correlation matrix ρᵢⱼ = Vᵢⱼ/√(VᵢᵢVⱼⱼ) from a covariance (0 where a variance is 0).
 * @param cov - n × n row-major covariance
 * @param n - dimension
 * @returns n × n row-major correlations
 * @example
 * ```ts
 * correlationMatrix(Float64Array.of(4, 1, 1, 1), 2); // [1, 0.5, 0.5, 1]
 * ```
 */
export function correlationMatrix(cov: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = Math.sqrt(cov[i * n + i]! * cov[j * n + j]!);
      out[i * n + j] = d > 0 ? cov[i * n + j]! / d : 0;
    }
  }
  return out;
}

/**
 * Fits an objective: MIGRAD, then HESSE (default) and MINOS on request.
 * @param objective - a {@link Likelihood} or any objective with `names` (errordef 0.5 for an NLL, 1 for a χ²)
 * @param params - start values by name (a number, or a spec with step, bounds, fixed), or a spec array
 * @param options - strategy, tolerance, call limit, hesse, minos, offset
 * @returns a {@link FitResult}; `valid: false` (with status) when the fit did not converge
 * @throws {@link PhysError} for unknown names, missing start values, invalid specs
 * @example
 * ```ts
 * const r = fit(nll, { Ns: 50, Nb: { value: 2000, lower: 0 }, c1: 0 }, { minos: ["Ns"] });
 * r.parameters.Ns.value; r.parameters.Ns.error; r.minos.Ns.upper;
 * ```
 */
export function fit(
  objective: NamedObjective,
  params: Readonly<Record<string, ParameterInit>> | readonly ParameterSpec[],
  options: FitOptions = {},
): FitResult {
  requireNamed(objective);
  const specs = resolveSpecs(objective.names, params);
  return fitSpecs(objective, specs, options);
}

function fitSpecs(objective: NamedObjective, specs: readonly ParameterSpec[], options: FitOptions): FitResult {
  const useOffset = options.offset ?? FIT_DEFAULTS.offset;
  let offset = 0;
  if (useOffset) {
    const f0 = objective(Float64Array.from(specs, (p) => p.value));
    if (Number.isFinite(f0)) offset = f0;
  }
  const f = useOffset ? offsetObjective(objective, offset) : objective;
  const strategy = options.strategy ?? FIT_DEFAULTS.strategy;
  const r = migrad(f, specs, {
    strategy,
    tolerance: options.tolerance ?? FIT_DEFAULTS.tolerance,
    hesse: options.hesse ?? FIT_DEFAULTS.hesse,
    ...(options.maxfcn !== undefined ? { maxfcn: options.maxfcn } : {}),
  });
  const n = specs.length;
  const minosNames =
    options.minos === true
      ? specs.filter((p) => !p.fixed).map((p) => p.name)
      : Array.isArray(options.minos)
        ? options.minos
        : [];
  const minosOut: Record<string, MinosError> = {};
  if (r.valid) {
    for (const name of minosNames) minosOut[name] = minos(f, specs, r, name, options.minosOptions);
  }
  const parameters: Record<string, FittedParameter> = {};
  specs.forEach((p, i) => {
    const me = minosOut[p.name];
    parameters[p.name] = {
      value: r.values[i]!,
      error: r.errors[i]!,
      fixed: p.fixed === true,
      atLimit: r.paramsAtLimit.includes(p.name),
      ...(me ? { minos: me } : {}),
    };
  });
  const minosValid = Object.values(minosOut).every((m) => m.valid);
  return {
    valid: r.valid && minosValid && (minosNames.length === 0 || Object.keys(minosOut).length === minosNames.length),
    status: r.status,
    covarianceStatus: r.covarianceStatus,
    names: objective.names,
    values: r.values,
    errors: r.errors,
    covariance: r.covariance,
    correlation: correlationMatrix(r.covariance, n),
    nllMin: r.fval + offset,
    edm: r.edm,
    nfcn: r.nfcn,
    ngrad: r.ngrad,
    paramsAtLimit: r.paramsAtLimit,
    parameters,
    minos: minosOut,
    specs,
    minimizer: r,
  };
}

/**
 * Refits from a previous result's values with some parameters fixed at given values (others keep
 * their specs): e.g. the conditional fit with the signal yield fixed at 0 for a significance.
 * @param fixed - values of the parameters to fix, by name
 * @returns the conditional {@link FitResult}
 * @throws {@link PhysError} `UNKNOWN_NAME` for a name not in the fit, a value outside its bounds
 * @example
 * ```ts
 * const r0 = refit(nll, r, { Ns: 0 }); const q0 = 2 * (r0.nllMin - r.nllMin);
 * ```
 */
export function refit(
  objective: NamedObjective,
  result: FitResult,
  fixed: Readonly<Record<string, number>>,
  options: FitOptions = {},
): FitResult {
  requireNamed(objective);
  for (const k of Object.keys(fixed)) {
    if (!result.names.includes(k)) {
      throw new PhysError("UNKNOWN_NAME", `fixed.${k} is not a parameter of the fit`, {
        argument: `fixed.${k}`,
        value: k,
        allowed: result.names.join(" | "),
      });
    }
    requireFinite(`fixed.${k}`, fixed[k]);
  }
  const specs = result.specs.map((p, i) => {
    const v = fixed[p.name];
    const start = result.values[i]!;
    if (v !== undefined) return { ...p, value: v, fixed: true };
    const err = result.errors[i]!;
    return { ...p, value: start, ...(err > 0 ? { step: err } : {}) };
  });
  return fitSpecs(objective, specs, { ...options, minos: options.minos ?? false });
}

/** The result of {@link profile}. */
export interface ProfileResult {
  /** Profiled parameter. */
  readonly name: string;
  /** Grid values of the parameter. */
  readonly grid: Float64Array;
  /** Minimum of the objective over the other parameters at each grid value. */
  readonly nll: Float64Array;
  /** nll − the unconditional minimum (≥ 0 up to fit precision). */
  readonly deltaNll: Float64Array;
  /** Whether each conditional fit converged. */
  readonly valid: readonly boolean[];
}

/**
 * Profile of one parameter: conditional fits on a grid (each started from the previous one),
 * with Δ = nll − result.nllMin (2Δ is the profile-likelihood-ratio test statistic).
 * @param objective - the objective of the fit
 * @param result - the unconditional fit
 * @param name - the parameter to profile
 * @param grid - its values (unit of the parameter)
 * @param options - fit options of the conditional fits
 * @returns a {@link ProfileResult}
 * @throws {@link PhysError} `UNKNOWN_NAME`, non-finite grid values
 * @example
 * ```ts
 * const p = profile(nll, r, "Ns", [0, 20, 40, 60, 80]); p.deltaNll;
 * ```
 */
export function profile(
  objective: NamedObjective,
  result: FitResult,
  name: string,
  grid: ArrayLike<number>,
  options: FitOptions = {},
): ProfileResult {
  requireNamed(objective);
  const k = result.names.indexOf(name);
  if (k < 0)
    throw new PhysError("UNKNOWN_NAME", `name must be a parameter of the fit, got ${JSON.stringify(name)}`, {
      argument: "name",
      value: name,
      allowed: result.names.join(" | "),
    });
  requireAllFinite("grid", grid);
  const g = Float64Array.from(grid);
  const nll = new Float64Array(g.length);
  const valid: boolean[] = [];
  let prev = result;
  for (let i = 0; i < g.length; i++) {
    const r = refit(objective, prev, { [name]: g[i]! }, { ...options, hesse: false });
    nll[i] = r.nllMin;
    // with a single parameter the conditional "fit" is one evaluation: valid too
    const ok = r.status === "converged" || r.status === "no-free-parameters";
    valid.push(ok);
    if (ok)
      prev = {
        ...r,
        specs: r.specs.map((s) => (s.name === name ? { ...s, fixed: result.specs[k]!.fixed ?? false } : s)),
      };
  }
  return { name, grid: g, nll, deltaNll: nll.map((v) => v - result.nllMin), valid };
}
