/**
 * The statistical analysis of one scan window: the signal-plus-background and background-only
 * fits, the local significance, and asymptotic CLs upper limits on the signal yield with the
 * expected median and ±1σ/±2σ bands (CCGV2011; Read2002), optionally with a Gaussian-constrained
 * relative uncertainty on the expected signal yield (Belle2-4mu sec. VI: systematics as nuisance
 * parameters with Gaussian constraints on the signal efficiency).
 *
 * Test statistics (CCGV2011): q₀ = 2 (NLL(0) − NLL(μ̂)) for μ̂ > 0, else 0 (eq. (12)); local
 * significance Z = √q₀ (eq. (52)). For limits, q̃_μ (eq. (16)): 0 for μ̂ > μ, 2 (NLL(μ) − NLL(μ̂))
 * for 0 ≤ μ̂ ≤ μ and 2 (NLL(μ) − NLL(0)) for μ̂ < 0; its Asimov value q_{μ,A} comes from the
 * background-only Asimov data built from the background-only fit (as pyhf does). Then
 * (eqs. (65)-(66)) with x = √q̃ if q̃ ≤ q_A, else (q̃ + q_A)/(2√q_A):
 * CLs+b = 1 − Φ(x), CLb = 1 − Φ(x − √q_A), CLs = CLs+b/CLb; the expected CLs at N standard
 * deviations is (1 − Φ(√q_A − N))/Φ(N) (CCGV2011 sec. 4.5).
 *
 * @packageDocumentation
 */
import { normalCdf, normalIsf, normalSf } from "../numeric/special.js";
import { fitLinear, type LinearFitResult, type LinearModel } from "./linearFit.js";
import { asimovModel, type WindowModel } from "./window.js";

/** The five expected-band positions, in standard deviations (−2σ, −1σ, median, +1σ, +2σ). */
export const BAND_SIGMAS = [-2, -1, 0, 1, 2] as const;

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
  /** Observed CLb at the observed limit (diagnostic). */
  readonly clb: number;
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

/** Starting values: no signal, flat background with the observed (weighted) count. */
export function startValues(model: LinearModel, signal: number): Float64Array {
  const theta = new Float64Array(model.p);
  let total = 0;
  if (model.weights === null) total = model.n;
  else for (let i = 0; i < model.n; i++) total += model.weights[i]!;
  // A flat background: equal Bernstein coefficients (the basis sums to one).
  let norm = 0;
  for (let k = 1; k < model.p; k++) norm += model.integrals[k]!;
  theta[0] = signal;
  for (let k = 1; k < model.p; k++) theta[k] = Math.max(total, 1e-3) / norm;
  return theta;
}

/**
 * The signal-plus-background fit with retries: from the default start, then from starts with a
 * positive and a negative signal yield of the size of √N, then with a larger iteration budget.
 */
export function freeFit(model: LinearModel): { result: LinearFitResult; attempts: number } {
  const scale = Math.sqrt(Math.max(model.n, 1));
  const starts: [number, number][] = [
    [0, 60],
    [scale, 60],
    [-0.5 * scale, 60],
    [0, 400],
  ];
  let best: LinearFitResult | null = null;
  let attempts = 0;
  for (const [s, maxIterations] of starts) {
    attempts++;
    const r = fitLinear(model, { start: startValues(model, s), maxIterations });
    if (r.converged) return { result: r, attempts };
    if (best === null || r.nll < best.nll) best = r;
  }
  return { result: best!, attempts };
}

/** Conditional fit at signal μ: fixed (σ_rel = 0) or Gaussian-constrained around μ. */
export function conditionalFit(model: LinearModel, mu: number, relSyst: number, start: Float64Array): LinearFitResult {
  const s = Float64Array.from(start);
  s[0] = mu;
  if (relSyst > 0 && mu > 0) {
    return fitLinear(model, {
      start: s,
      constraint: { index: 0, mean: mu, sigma: relSyst * mu },
      covariance: false,
    });
  }
  return fitLinear(model, { start: s, fixed: [0], covariance: false });
}

/** Brent's method for f(x) = 0 on a bracket [a, b] with f(a), f(b) of opposite signs. */
function brent(f: (x: number) => number, a: number, b: number, fa: number, fb: number, xtol: number): number {
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let it = 0; it < 100; it++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * xtol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return b;
}

/**
 * Finds a root of g (monotone, positive at 0) near `guess` > 0: secant steps from guess and
 * 1.02 × guess until the root is bracketed (each step limited to a factor 4) or two iterates
 * agree within `xtol`, then Brent.
 * Returns NaN if no bracket is found.
 */
function solveNear(g: (mu: number) => number, guess: number, xtol: number): number {
  let a = guess;
  let fa = g(a);
  let b = guess * 1.02;
  let fb = g(b);
  for (let k = 0; k < 60 && fa * fb > 0; k++) {
    if (!Number.isFinite(fa) || !Number.isFinite(fb)) return Number.NaN;
    let x = fb !== fa ? b - (fb * (b - a)) / (fb - fa) : 2 * b;
    if (!Number.isFinite(x)) x = 2 * b;
    x = Math.min(Math.max(x, b / 4), 4 * b);
    if (x <= 0) x = b / 4;
    a = b;
    fa = fb;
    b = x;
    fb = g(b);
    // The secant steps converged from one side (the root is within the noise of the fits).
    if (Math.abs(b - a) <= xtol && Number.isFinite(fb)) return b;
  }
  if (!(fa * fb <= 0) || !Number.isFinite(fa) || !Number.isFinite(fb)) return Number.NaN;
  return fa === 0 ? a : brent(g, a, b, fa, fb, xtol);
}

/**
 * CLs upper limits (observed and expected bands) on the signal yield of one window.
 * @param window - the window model
 * @param free - the signal-plus-background fit
 * @param nullFit - the background-only fit
 * @param relSyst - relative Gaussian uncertainty on the signal yield (0: none)
 * @param cl - confidence level
 */
function limits(
  window: WindowModel,
  free: LinearFitResult,
  nullFit: LinearFitResult,
  relSyst: number,
  cl: number,
): YieldLimits | null {
  const alpha = 1 - cl;
  const data = window.data;
  const muHat = free.theta[0]!;
  const sigmaHat = Math.sqrt(Math.max(free.covariance![0]!, 1e-12));
  const nllHat = free.nll;
  const nllZero = nullFit.nll;
  const thetaA = Float64Array.from(nullFit.theta);
  thetaA[0] = 0;
  const asimov = asimovModel(window, thetaA);
  const fitA0 = fitLinear(asimov, { start: thetaA, fixed: [0], covariance: false });
  const nllA0 = fitA0.nll;
  let warmData: Float64Array = nullFit.theta;
  let warmA: Float64Array = thetaA;
  let failed = false;
  const qA = (mu: number): number => {
    const r = conditionalFit(asimov, mu, relSyst, warmA);
    if (!r.converged) failed = true;
    warmA = r.theta;
    return Math.max(0, 2 * (r.nll - nllA0));
  };
  const qTilde = (mu: number): number => {
    if (muHat > mu) return 0;
    const r = conditionalFit(data, mu, relSyst, warmData);
    if (!r.converged) failed = true;
    warmData = r.theta;
    const ref = muHat < 0 ? nllZero : nllHat;
    return Math.max(0, 2 * (r.nll - ref));
  };
  const clsObserved = (mu: number): { cls: number; clb: number } => {
    if (mu <= 0) return { cls: 1, clb: 1 };
    const q = qTilde(mu);
    const a = qA(mu);
    const sqA = Math.sqrt(a);
    const x = q <= a ? Math.sqrt(q) : (q + a) / (2 * sqA);
    const clsb = normalSf(x);
    const clb = normalSf(x - sqA);
    return { cls: clb > 0 ? clsb / clb : 1, clb };
  };
  const xtol = 1e-5 * Math.max(sigmaHat, 1e-6);
  // Starting points from the Gaussian (Wald) approximation, CCGV2011 eqs. (88)-(89).
  const z = (nSigma: number): number => nSigma + normalIsf(alpha * normalCdf(nSigma));
  const muPlus = Math.max(muHat, 0);
  const observed = solveNear(
    (mu) => clsObserved(mu).cls - alpha,
    muPlus + sigmaHat * normalIsf(alpha * normalCdf(muPlus / sigmaHat)),
    xtol,
  );
  const clb = Number.isFinite(observed) ? clsObserved(observed).clb : Number.NaN;
  // Expected band N: CLs = (1 − Φ(√q_A − N))/Φ(N) = α  ⇔  √q_A(μ) = N + Φ⁻¹(1 − α Φ(N)),
  // a root of a nearly linear function of μ.
  const expected = BAND_SIGMAS.map((nSigma) =>
    solveNear((mu) => z(nSigma) - Math.sqrt(qA(mu)), sigmaHat * z(nSigma), xtol),
  ) as unknown as [number, number, number, number, number];
  if (failed || !Number.isFinite(observed) || expected.some((v) => !Number.isFinite(v))) return null;
  return { observed, expected, clb };
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
  const nullFit = fitLinear(data, { start: startValues(data, 0), fixed: [0] });
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
  const q0 = muHat > 0 ? 2 * dNll : 0;
  const stat = limits(window, free, nullFit, 0, options.cl);
  const syst =
    options.relativeSystematic > 0 ? limits(window, free, nullFit, options.relativeSystematic, options.cl) : stat;
  const ok = stat !== null && syst !== null;
  return {
    status: ok ? (attempts > 1 ? "retried" : "ok") : "limit-failed",
    ...(ok ? {} : { message: "CLs root finding failed (a conditional fit did not converge or no bracket)" }),
    nEvents: data.n,
    signalYield: muHat,
    signalYieldError: Math.sqrt(cov[0]!),
    backgroundYield: nb,
    backgroundYieldError: Math.sqrt(Math.max(varNb, 0)),
    backgroundCoefficients: coefficients,
    q0,
    localSignificance: Math.sqrt(q0),
    signedSignificance: Math.sign(muHat) * Math.sqrt(2 * dNll),
    limits: stat,
    limitsWithSystematics: syst,
    fit: fitInfo,
  };
}
