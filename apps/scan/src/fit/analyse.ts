/**
 * The statistical analysis of one scan window: the signal-plus-background and background-only
 * fits, the local significance, and asymptotic CLs upper limits on the signal yield with the
 * expected median and ±1σ/±2σ bands (CCGV2011; Read2002), optionally with a Gaussian-constrained
 * relative uncertainty on the expected signal yield (Belle2-4mu sec. VI: systematics as nuisance
 * parameters with Gaussian constraints on the signal efficiency).
 *
 * Everything statistical is `@muonphilic/stats`: the fits are `fitLinearMixture` (Newton with
 * exact derivatives; the total density stays ≥ 0 over the window), the limits come from
 * `makeAsymptoticCalculator` on `linearMixtureProfile` with `linearMixtureMinimizer` (q̃_μ,
 * CCGV2011 eq. (16), with its Asimov value from the background-only Asimov dataset, eqs. (65)-(66)
 * and the expected band of sec. 4.5), q₀ is CCGV2011 eq. (12) and the local significance
 * Z = √q₀ (eq. (52)). This module adds the scan's policy: the retries of a failing fit, the
 * minimum number of events, the search range of the limits, and the per-point record.
 *
 * @packageDocumentation
 */
import {
  BAND_SIGMAS,
  fitLinearMixture,
  type LinearMixture,
  type LinearMixtureFitResult,
  linearMixtureMinimizer,
  linearMixtureProfile,
  makeAsymptoticCalculator,
  q0 as q0Statistic,
} from "@muonphilic/stats";
import { isPhysError } from "@muonphilic/units";
import type { WindowModel } from "./window.js";

/** The five expected-band positions, in standard deviations (−2σ, −1σ, median, +1σ, +2σ). */
export { BAND_SIGMAS };

/** Options of {@link analyseWindow}. */
export interface AnalyseOptions {
  /** CL of the upper limits (0.9 for Belle2-4mu). */
  readonly cl: number;
  /** Relative Gaussian uncertainty on the expected signal yield for the second set of limits (0: none). */
  readonly relativeSystematic: number;
  /** Minimum events in the fit region for a fit to be attempted. */
  readonly minEvents: number;
}

/** Upper limits on the signal yield: observed and the five expected band values. */
export interface YieldLimits {
  readonly observed: number;
  /** Expected limits at −2σ, −1σ, median, +1σ, +2σ. */
  readonly expected: readonly [number, number, number, number, number];
}

/** Why a point has no valid result. */
export type PointStatus = "ok" | "retried" | "fit-failed" | "limit-failed" | "too-few-events" | "error";

/** The statistical result of one window. */
export interface WindowAnalysis {
  readonly status: PointStatus;
  /** Human-readable details when the status is not "ok". */
  readonly message?: string;
  readonly nEvents: number;
  /** Fitted signal yield μ̂ (may be negative) and its HESSE error. */
  readonly signalYield: number;
  readonly signalYieldError: number;
  /** Fitted background yield in the fit region and its error. */
  readonly backgroundYield: number;
  readonly backgroundYieldError: number;
  /** Bernstein coefficients of the background shape, normalised to sum to one. */
  readonly backgroundCoefficients: readonly number[];
  /** q₀ and the one-sided local significance √q₀ (0 when μ̂ ≤ 0). */
  readonly q0: number;
  readonly localSignificance: number;
  /** sign(μ̂) √|2ΔNLL|: the signed significance used in plots. */
  readonly signedSignificance: number;
  /** Limits without systematic uncertainties (statistical only). */
  readonly limits: YieldLimits | null;
  /** Limits with the Gaussian-constrained relative systematic (equal to `limits` if it is 0). */
  readonly limitsWithSystematics: YieldLimits | null;
  /** Newton iterations and EDM of the signal-plus-background fit. */
  readonly fit: { readonly iterations: number; readonly edm: number; readonly attempts: number };
}

/** Relative tolerance of the limits' root finding: Brent stops within rtol/2 (5e-6 of a limit, the old xtol of 1e-5 σ̂). */
const LIMIT_RTOL = 1e-5;

/** Starting values: no signal, flat background with the observed (weighted) count. */
export function startValues(model: LinearMixture, signal: number): Float64Array {
  const theta = new Float64Array(model.p);
  let total = 0;
  if (model.weights === null) total = model.n;
  else for (let i = 0; i < model.n; i++) total += model.weights[i]!;
  // A flat background: equal Bernstein coefficients (the basis sums to a constant).
  let norm = 0;
  for (let k = 1; k < model.p; k++) norm += model.integrals[k]!;
  theta[0] = signal;
  for (let k = 1; k < model.p; k++) theta[k] = Math.max(total, 1e-3) / norm;
  return theta;
}

/**
 * The signal-plus-background fit with retries: from the default start, then from starts with a
 * positive and a negative signal yield of the size of √N, then with a larger iteration budget.
 * A start that is not feasible (a negative yield where the density would go below 0) is skipped.
 */
export function freeFit(model: LinearMixture): { result: LinearMixtureFitResult; attempts: number } {
  const scale = Math.sqrt(Math.max(model.n, 1));
  const starts: [number, number][] = [
    [0, 60],
    [scale, 60],
    [-0.5 * scale, 60],
    [0, 400],
  ];
  let best: LinearMixtureFitResult | null = null;
  let attempts = 0;
  for (const [s, maxIterations] of starts) {
    attempts++;
    const r = fitLinearMixture(model, { start: startValues(model, s), maxIterations });
    if (r.converged) return { result: r, attempts };
    if (best === null || !(r.nll >= best.nll)) best = r;
  }
  return { result: best!, attempts };
}

/**
 * CLs upper limits (observed and expected bands) on the signal yield of one window, by the
 * asymptotic calculator of `@muonphilic/stats` with the exact linear-mixture minimiser.
 * @param window - the window model
 * @param free - the signal-plus-background fit
 * @param relSyst - relative Gaussian uncertainty on the signal yield (0: none)
 * @param cl - confidence level
 * @returns the limits, or a reason why there are none
 */
function limits(
  window: WindowModel,
  free: LinearMixtureFitResult,
  relSyst: number,
  cl: number,
): { limits: YieldLimits } | { reason: string } {
  const muHat = free.theta[0]!;
  const sigmaHat = Math.sqrt(Math.max(free.covariance![0]!, 1e-12));
  // start the calculator at the fit, with a POI of at least σ̂ (its Wald estimate of σ comes from there)
  const start = Float64Array.from(free.theta);
  start[0] = Math.max(muHat, sigmaHat);
  const problem = linearMixtureProfile({
    data: window.data,
    template: window.nodes,
    relativeUncertainty: relSyst,
    start,
  });
  const calc = makeAsymptoticCalculator(problem, { minimizer: linearMixtureMinimizer });
  const hi = Math.max(muHat, 0) + 100 * Math.max(sigmaHat, 1);
  try {
    const ul = calc.upperLimit({ cl, range: [0, hi], rtol: LIMIT_RTOL });
    if (!ul.valid) return { reason: "a conditional fit of the CLs scan did not converge" };
    return { limits: { observed: ul.observed, expected: ul.expected } };
  } catch (e) {
    if (isPhysError(e)) return { reason: `CLs root finding failed: ${e.message}` };
    throw e;
  }
}

/**
 * Analyses one window: fits, local significance and CLs limits (statistical only, and with the
 * relative systematic). Never throws: a failure is reported in `status` and `message`.
 * @param window - the window model (events, nodes)
 * @param options - CL, relative systematic, minimum events
 */
export function analyseWindow(window: WindowModel, options: AnalyseOptions): WindowAnalysis {
  const data = window.data;
  const base = {
    nEvents: data.n,
    signalYield: Number.NaN,
    signalYieldError: Number.NaN,
    backgroundYield: Number.NaN,
    backgroundYieldError: Number.NaN,
    backgroundCoefficients: [] as number[],
    q0: Number.NaN,
    localSignificance: Number.NaN,
    signedSignificance: Number.NaN,
    limits: null,
    limitsWithSystematics: null,
  };
  if (data.n < options.minEvents) {
    return {
      ...base,
      status: "too-few-events",
      message: `${data.n} events in the fit region, fewer than the minimum ${options.minEvents}`,
      fit: { iterations: 0, edm: Number.NaN, attempts: 0 },
    };
  }
  const { result: free, attempts } = freeFit(data);
  const nullFit = fitLinearMixture(data, { start: startValues(data, 0), fixed: [0] });
  const fitInfo = { iterations: free.iterations, edm: free.edm, attempts };
  if (!free.converged || !nullFit.converged) {
    return {
      ...base,
      status: "fit-failed",
      message: `signal+background fit: ${free.reason} after ${attempts} attempts; background-only fit: ${nullFit.reason}`,
      fit: fitInfo,
    };
  }
  const p = data.p;
  const cov = free.covariance!;
  const theta = free.theta;
  // Background yield = Σ_k θ_k I_k over the background components; its variance from the covariance.
  let nb = 0;
  let varNb = 0;
  for (let k = 1; k < p; k++) {
    nb += theta[k]! * data.integrals[k]!;
    for (let l = 1; l < p; l++) varNb += data.integrals[k]! * data.integrals[l]! * cov[k * p + l]!;
  }
  let sumCoef = 0;
  for (let k = 1; k < p; k++) sumCoef += theta[k]!;
  const coefficients: number[] = [];
  for (let k = 1; k < p; k++) coefficients.push(theta[k]! / sumCoef);
  const dNll = Math.max(0, nullFit.nll - free.nll);
  const muHat = theta[0]!;
  const q0 = q0Statistic(nullFit.nll, free.nll, muHat);
  const stat = limits(window, free, 0, options.cl);
  const syst = options.relativeSystematic > 0 ? limits(window, free, options.relativeSystematic, options.cl) : stat;
  const ok = "limits" in stat && "limits" in syst;
  const reasons = [stat, syst].flatMap((l) => ("reason" in l ? [l.reason] : []));
  return {
    status: ok ? (attempts > 1 ? "retried" : "ok") : "limit-failed",
    ...(ok ? {} : { message: [...new Set(reasons)].join("; ") }),
    nEvents: data.n,
    signalYield: muHat,
    signalYieldError: Math.sqrt(cov[0]!),
    backgroundYield: nb,
    backgroundYieldError: Math.sqrt(Math.max(varNb, 0)),
    backgroundCoefficients: coefficients,
    q0,
    localSignificance: Math.sqrt(q0),
    signedSignificance: Math.sign(muHat) * Math.sqrt(2 * dNll),
    limits: "limits" in stat ? stat.limits : null,
    limitsWithSystematics: "limits" in syst ? syst.limits : null,
    fit: fitInfo,
  };
}
