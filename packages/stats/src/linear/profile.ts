/**
 * A {@link LinearMixture} as a profile likelihood for the asymptotic calculator, and the exact
 * Newton minimiser that solves its fits.
 *
 * Parameters: the p yields θ_k, the one at `poi` being the parameter of interest μ, and, with a
 * relative uncertainty r on the POI's yield (a signal efficiency known to r, Belle2-4mu sec. VI),
 * a nuisance κ with the Gaussian constraint (κ − κ̄)²/2r² that multiplies it: the expected
 * density is μ κ f_poi + Σ_{k≠poi} θ_k f_k. At fixed μ ≠ 0 the model is linear in (s = μκ, θ) with
 * a Gaussian constraint on s of mean μκ̄ and width r|μ|, which {@link fitLinearMixture} minimises
 * exactly; with μ free, μ and κ are degenerate and the minimum has κ = κ̄, μ = s/κ̄.
 *
 * @packageDocumentation
 */
import { argumentError, PhysError, requireFinite, requireInteger } from "@muonphilic/units";
import type { ProfileLikelihood, ProfileMinimizer } from "../inference/calculator.js";
import { INFERENCE_DEFAULTS } from "../inference/calculator.js";
import type { Objective, ParameterSpec } from "../minimizer/index.js";
import { migrad } from "../minimizer/index.js";
import {
  evaluate,
  evaluateConstrained,
  fitLinearMixture,
  type LinearMixtureConstraint,
  packConstraints,
} from "./fit.js";
import { asimovMixture, type LinearMixture } from "./mixture.js";

/** The structure of a {@link LinearMixtureObjective}: what {@link linearMixtureMinimizer} solves exactly. */
export interface LinearMixtureStructure {
  /** The data (events, or Asimov nodes). */
  readonly mixture: LinearMixture;
  /** Index of the POI's yield among the p yields (and among the parameters). */
  readonly poi: number;
  /** Index of κ among the parameters (p), or −1 without a relative uncertainty. */
  readonly kappa: number;
  /** Relative uncertainty r of the POI's yield (0: none). */
  readonly relativeUncertainty: number;
  /** Mean κ̄ of κ's Gaussian constraint (1 for the data; the generating κ for an Asimov dataset). */
  readonly kappaMean: number;
}

/** An objective (−ln L, with gradient) that carries its linear-mixture structure. */
export interface LinearMixtureObjective extends Objective {
  /** The model behind the objective. */
  readonly linearMixture: LinearMixtureStructure;
}

/** Options of {@link linearMixtureProfile}. */
export interface LinearMixtureProfileOptions {
  /** The observed data. */
  readonly data: LinearMixture;
  /**
   * The Asimov node template: the same components at quadrature nodes over the fit region with
   * their quadrature weights (`linearMixture(components, nodes.x, { weights: nodes.w, … })`).
   */
  readonly template: LinearMixture;
  /** Index of the component whose yield is the parameter of interest. @defaultValue 0 */
  readonly poi?: number;
  /** Relative Gaussian uncertainty r ≥ 0 of the POI's yield (adds the nuisance κ). @defaultValue 0 */
  readonly relativeUncertainty?: number;
  /** Start values of the p yields (a previous fit's θ). Default: the POI at 0, the others sharing the observed count. */
  readonly start?: ArrayLike<number>;
  /** Names of the p yields. Default "theta0", "theta1", … ("kappa" for κ). */
  readonly names?: readonly string[];
}

/**
 * The objective (−ln L with gradient, errordef 0.5) of a mixture with the POI (and κ) structure:
 * the data, Asimov and toy objectives of {@link linearMixtureProfile} and
 * `linearMixtureToyLikelihood`. Internal to the package (not exported from its index).
 * @param structure - mixture, POI and κ indices, r and κ̄
 * @returns a {@link LinearMixtureObjective}
 */
export function mixtureObjective(structure: LinearMixtureStructure): LinearMixtureObjective {
  const { mixture, poi, kappa, relativeUncertainty: r, kappaMean } = structure;
  const p = mixture.p;
  const theta = new Float64Array(p);
  const g = new Float64Array(p);
  const rows = mixture.positivity;
  const m = rows.length / p;
  const load = (x: Float64Array): number => {
    for (let k = 0; k < p; k++) theta[k] = x[k]!;
    const kap = kappa >= 0 ? x[kappa]! : 1;
    theta[poi] = x[poi]! * kap;
    return kap;
  };
  const feasible = (): boolean => {
    for (let j = 0; j < m; j++) {
      let s = 0;
      let scale = 0;
      for (let k = 0; k < p; k++) {
        const v = rows[j * p + k]! * theta[k]!;
        s += v;
        scale += Math.abs(v);
      }
      if (s < -1e-12 * scale) return false;
    }
    return true;
  };
  const constraintTerm = (kap: number): number => (kappa >= 0 ? (0.5 * (kap - kappaMean) ** 2) / (r * r) : 0);
  const f = ((x: Float64Array): number => {
    const kap = load(x);
    if (!feasible()) return Number.NaN;
    const v = evaluate(mixture, theta, null, null);
    return Number.isFinite(v) ? v + constraintTerm(kap) : Number.NaN;
  }) as LinearMixtureObjective & { gradient: NonNullable<Objective["gradient"]>; errordef: number };
  f.gradient = (x: Float64Array, grad: Float64Array): void => {
    const kap = load(x);
    evaluate(mixture, theta, g, null);
    for (let k = 0; k < p; k++) grad[k] = g[k]!;
    grad[poi] = kap * g[poi]!;
    if (kappa >= 0) grad[kappa] = x[poi]! * g[poi]! + (kap - kappaMean) / (r * r);
  };
  f.errordef = 0.5;
  Object.defineProperty(f, "linearMixture", { value: structure, enumerable: true });
  return f;
}

/**
 * True when an objective carries a linear-mixture structure ({@link LinearMixtureObjective}).
 * @param fcn - any objective
 * @returns whether {@link linearMixtureMinimizer} can solve it exactly
 * @example
 * ```ts
 * isLinearMixtureObjective(problem.nll); // true for linearMixtureProfile(...).nll
 * ```
 */
export function isLinearMixtureObjective(fcn: Objective): fcn is LinearMixtureObjective {
  return typeof (fcn as Partial<LinearMixtureObjective>).linearMixture === "object";
}

/**
 * The profile likelihood of a linear mixture for {@link makeAsymptoticCalculator}: parameters
 * (θ₀ … θ_{p−1}[, κ]) with the POI's bounds from the mixture (a free signal yield may be negative;
 * the positivity check points bound it), −ln L of the data and the Asimov generator, which
 * weights the template's nodes by the expected density at the given parameters (CCGV2011
 * eq. (24)) and sets κ̄ to the generating κ. Use {@link linearMixtureMinimizer} as the
 * calculator's minimiser: it solves every fit exactly by Newton's method.
 * @param options - data, Asimov template, POI index, relative uncertainty, start values ({@link LinearMixtureProfileOptions})
 * @returns the {@link ProfileLikelihood}
 * @throws {@link PhysError} `INCOMPATIBLE_SHAPES` when data and template differ in p or the
 *   start has the wrong length, `OUT_OF_DOMAIN` for a bad POI index or r < 0,
 *   `INVALID_ARGUMENT` for a template without weights
 * @example
 * ```ts
 * const problem = linearMixtureProfile({ data, template, relativeUncertainty: 0.05 });
 * const calc = makeAsymptoticCalculator(problem, { minimizer: linearMixtureMinimizer });
 * calc.upperLimit({ cl: 0.9, range: [0, 100] });
 * ```
 */
export function linearMixtureProfile(options: LinearMixtureProfileOptions): ProfileLikelihood {
  const { data, template } = options;
  const p = data.p;
  if (template.p !== p) {
    throw new PhysError("INCOMPATIBLE_SHAPES", `template has ${template.p} components, data ${p}`, {
      argument: "options.template",
      value: template.p,
      allowed: `${p} components`,
    });
  }
  if (template.weights === null) {
    throw argumentError("INVALID_ARGUMENT", "options.template.weights", null, "quadrature weights");
  }
  const poi = requireInteger("options.poi", options.poi ?? 0, 0);
  if (poi >= p) throw argumentError("OUT_OF_DOMAIN", "options.poi", poi, `< ${p}`);
  const r = requireFinite("options.relativeUncertainty", options.relativeUncertainty ?? 0);
  if (r < 0) throw argumentError("OUT_OF_DOMAIN", "options.relativeUncertainty", r, ">= 0");
  const kappa = r > 0 ? p : -1;
  let start: ArrayLike<number>;
  if (options.start !== undefined) {
    if (options.start.length !== p) {
      throw new PhysError("INCOMPATIBLE_SHAPES", `options.start must have ${p} entries, got ${options.start.length}`, {
        argument: "options.start",
        value: options.start.length,
        allowed: `length ${p}`,
      });
    }
    start = options.start;
  } else {
    let total = 0;
    if (data.weights === null) total = data.n;
    else for (let i = 0; i < data.n; i++) total += data.weights[i]!;
    let norm = 0;
    for (let k = 0; k < p; k++) if (k !== poi) norm += data.integrals[k]!;
    start = Array.from({ length: p }, (_, k) => (k === poi ? 0 : Math.max(total, 1e-3) / (norm > 0 ? norm : 1)));
  }
  const names = options.names ?? Array.from({ length: p }, (_, k) => `theta${k}`);
  const params: ParameterSpec[] = names.map((name, k): ParameterSpec => {
    const lo = data.lowerBounds[k]!;
    const hi = data.upperBounds[k]!;
    const v = Math.min(hi, Math.max(lo, start[k]!));
    const spec: ParameterSpec = { name, value: v };
    return {
      ...spec,
      ...(lo > Number.NEGATIVE_INFINITY ? { lower: lo } : {}),
      ...(hi < Number.POSITIVE_INFINITY ? { upper: hi } : {}),
    };
  });
  if (kappa >= 0) params.push({ name: "kappa", value: 1, step: r });
  const structure = (mixture: LinearMixture, kappaMean: number): LinearMixtureStructure => ({
    mixture,
    poi,
    kappa,
    relativeUncertainty: r,
    kappaMean,
  });
  return {
    params,
    poiIndex: poi,
    nll: mixtureObjective(structure(data, 1)),
    asimov: (pars: Float64Array): Objective => {
      const theta = Float64Array.from(pars.subarray(0, p));
      const kap = kappa >= 0 ? pars[kappa]! : 1;
      theta[poi] = pars[poi]! * kap;
      return mixtureObjective(structure(asimovMixture(template, theta), kap));
    },
  };
}

/** A fallback fit by MIGRAD with the inference defaults (objectives without the structure). */
function migradFit(fcn: Objective, params: readonly ParameterSpec[]): ReturnType<ProfileMinimizer> {
  return migrad(fcn, params, { tolerance: INFERENCE_DEFAULTS.tolerance, strategy: INFERENCE_DEFAULTS.strategy });
}

/**
 * Raises the free non-POI yields until the start is feasible (λ > 0 at every point and the
 * check points ≥ 0), for a warm start carried over from another μ that the fit found
 * infeasible. Returns false if it cannot.
 */
function repairStart(
  mixture: LinearMixture,
  start: Float64Array,
  free: readonly number[],
  poi: number,
  constraints: readonly LinearMixtureConstraint[],
): boolean {
  const feasible = (): boolean => {
    if (!Number.isFinite(evaluateConstrained(mixture, start, packConstraints(constraints), null, null))) return false;
    const { p, positivity: rows } = mixture;
    for (let j = 0; j < rows.length / p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += rows[j * p + k]! * start[k]!;
      if (s < 0) return false;
    }
    return true;
  };
  let total = 0;
  if (mixture.weights === null) total = mixture.n;
  else for (let i = 0; i < mixture.n; i++) total += mixture.weights[i]!;
  const others = free.filter((k) => k !== poi);
  let norm = 0;
  for (const k of others) norm += mixture.integrals[k]!;
  if (others.length === 0 || !(norm > 0)) return false;
  const base = Float64Array.from(start);
  for (const factor of [1, 10, 100, 1e4]) {
    for (const k of others) start[k] = Math.max(base[k]!, 0) + (factor * Math.max(total, 1)) / norm;
    if (feasible()) return true;
  }
  start.set(base);
  return false;
}

/**
 * A {@link ProfileMinimizer} for {@link makeAsymptoticCalculator} that solves the fits of a
 * {@link linearMixtureProfile} exactly by {@link fitLinearMixture} (Newton with exact derivatives,
 * bounds and positivity by an active set; EDM < 1e-10): the POI fixed (with κ profiled through the
 * Gaussian constraint on s = μκ) or free (κ = κ̄). Objectives without the structure, and bounds on
 * κ or on a free POI together with a free κ, fall back to MIGRAD with the inference defaults.
 * @param fcn - the objective (a {@link LinearMixtureObjective} for the exact path)
 * @param params - parameter specs as the calculator passes them (the POI fixed or free)
 * @returns `valid`, `values` (all parameters), `fval` (the objective at `values`), `nfcn` (Newton iterations)
 * @example
 * ```ts
 * makeAsymptoticCalculator(problem, { minimizer: linearMixtureMinimizer });
 * ```
 */
export const linearMixtureMinimizer: ProfileMinimizer = (fcn, params) => {
  if (!isLinearMixtureObjective(fcn)) return migradFit(fcn, params);
  const { mixture, poi, kappa, relativeUncertainty: r, kappaMean } = fcn.linearMixture;
  const p = mixture.p;
  if (params.length !== p + (kappa >= 0 ? 1 : 0)) return migradFit(fcn, params);
  const poiSpec = params[poi]!;
  const kSpec = kappa >= 0 ? params[kappa]! : undefined;
  const kappaFree = kSpec !== undefined && !kSpec.fixed;
  const kappaBounded =
    kSpec !== undefined && ((kSpec.lower ?? -Infinity) > -Infinity || (kSpec.upper ?? Infinity) < Infinity);
  const poiBounded = (poiSpec.lower ?? -Infinity) > -Infinity || (poiSpec.upper ?? Infinity) < Infinity;
  if (kappaFree && (kappaBounded || (!poiSpec.fixed && poiBounded))) return migradFit(fcn, params);
  const k0 = kSpec === undefined ? 1 : kappaFree ? kappaMean : kSpec.value;
  if (!poiSpec.fixed && !(k0 > 0)) return migradFit(fcn, params);

  const lower = new Float64Array(p);
  const upper = new Float64Array(p);
  const start = new Float64Array(p);
  const fixed: number[] = [];
  for (let k = 0; k < p; k++) {
    const s = params[k]!;
    lower[k] = s.lower ?? Number.NEGATIVE_INFINITY;
    upper[k] = s.upper ?? Number.POSITIVE_INFINITY;
    start[k] = s.value;
    if (s.fixed) fixed.push(k);
  }
  const constraints: LinearMixtureConstraint[] = [];
  const mu = poiSpec.value;
  let kappaOf: (s: number) => number = () => k0;
  let muOf: (s: number) => number = () => mu;
  if (poiSpec.fixed) {
    lower[poi] = Number.NEGATIVE_INFINITY;
    upper[poi] = Number.POSITIVE_INFINITY;
    if (kappaFree && mu !== 0) {
      // s = μκ free with the constraint (s − μκ̄)²/(2 r² μ²) = (κ − κ̄)²/(2r²)
      fixed.splice(fixed.indexOf(poi), 1);
      constraints.push({ index: poi, mean: mu * kappaMean, sigma: r * Math.abs(mu) });
      start[poi] = mu * (kSpec!.value > 0 ? kSpec!.value : kappaMean);
      kappaOf = (s) => s / mu;
    } else start[poi] = mu * k0;
  } else {
    // μ free: s = μ κ₀ with κ₀ = κ̄ (κ free: the constraint's minimum) or κ's fixed value
    lower[poi] = lower[poi]! * k0;
    upper[poi] = upper[poi]! * k0;
    start[poi] = Math.min(upper[poi]!, Math.max(lower[poi]!, mu * k0));
    muOf = (s) => s / k0;
  }
  const free: number[] = [];
  for (let k = 0; k < p; k++) if (!fixed.includes(k)) free.push(k);
  const fitFrom = (s: Float64Array) =>
    fitLinearMixture(mixture, {
      start: s,
      fixed,
      constraints,
      lowerBounds: lower,
      upperBounds: upper,
      covariance: false,
    });
  let fit = fitFrom(start);
  if (fit.reason === "infeasible-start" && repairStart(mixture, start, free, poi, constraints)) fit = fitFrom(start);
  const values = new Float64Array(params.length);
  for (let k = 0; k < p; k++) values[k] = fit.theta[k]!;
  const s = fit.theta[poi]!;
  const kap = kappaOf(s);
  values[poi] = muOf(s);
  if (kappa >= 0) values[kappa] = kap;
  // the objective at the returned values: the fit's NLL, whose Gaussian term equals (κ − κ̄)²/2r²
  const constraintTerm = kappa >= 0 && constraints.length === 0 ? (0.5 * (kap - kappaMean) ** 2) / (r * r) : 0;
  return {
    valid: fit.converged,
    values,
    fval: fit.nll + constraintTerm,
    nfcn: fit.iterations,
    ngrad: 0,
  };
};
