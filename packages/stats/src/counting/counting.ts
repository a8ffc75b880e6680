/**
 * Counting experiments (one bin, known background b, signal s): simple significances, exact
 * Poisson upper limits (classical and CLs), the closed-form asymptotic CLs of CCGV2011 with
 * q̃_μ, and the Poisson deviance of Ibe2017 eq. (22).
 *
 * @packageDocumentation
 */
import { bracketRoot, brent, normalQuantile, poissonCdf } from "@muonphilic/numeric";
import {
  argumentError,
  PhysError,
  requireInRange,
  requireInteger,
  requireNonNegative,
  requireOneOf,
  requirePositive,
} from "@muonphilic/units";
import {
  asymptoticCls,
  asymptoticExpectedCls,
  type ClsValues,
  expectedLimitSqrtQA,
  type LimitTestStatistic,
} from "../inference/asymptotic.js";
import { INFERENCE_DEFAULTS, type UpperLimitResult } from "../inference/calculator.js";
import { BAND_SIGMAS } from "../inference/testStatistics.js";

/** Defaults of the counting functions. */
export const COUNTING_DEFAULTS = {
  /** Confidence level of the upper limits. */
  cl: 0.95,
  /** Relative tolerance of the limits found by root finding. */
  rtol: 1e-10,
} as const;

/**
 * Simple significance S/√B.
 * @param s - expected signal events (≥ 0)
 * @param b - expected background events (> 0)
 * @returns S/√B
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for s < 0 or b ≤ 0
 * @example
 * ```ts
 * significanceSOverSqrtB(10, 100); // 1
 * ```
 */
export function significanceSOverSqrtB(s: number, b: number): number {
  requireNonNegative("s", s);
  requirePositive("b", b);
  return s / Math.sqrt(b);
}

/**
 * The sensitivity criterion of Jho2019 eq. (3.16): S/√(S+B) (≥ 3 for their 3σ sensitivity).
 * @param s - expected signal events (≥ 0)
 * @param b - expected background events (≥ 0; s + b > 0)
 * @returns S/√(S+B)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for negative counts or s + b = 0
 * @example
 * ```ts
 * significanceSOverSqrtSB(9, 0); // 3: nine signal events on no background reach 3σ
 * ```
 */
export function significanceSOverSqrtSB(s: number, b: number): number {
  requireNonNegative("s", s);
  requireNonNegative("b", b);
  if (!(s + b > 0)) throw argumentError("OUT_OF_DOMAIN", "s + b", s + b, "> 0");
  return s / Math.sqrt(s + b);
}

/**
 * The signal S needed for S/√(S+B) = Z (inverse of Jho2019 eq. (3.16)):
 * S = (Z² + Z √(Z² + 4B)) / 2.
 * @param z - target significance (≥ 0), e.g. 3
 * @param b - expected background events (≥ 0)
 * @returns S
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for negative input
 * @example
 * ```ts
 * signalForSOverSqrtSB(3, 0); // 9
 * ```
 */
export function signalForSOverSqrtSB(z: number, b: number): number {
  requireNonNegative("z", z);
  requireNonNegative("b", b);
  return 0.5 * (z * z + z * Math.sqrt(z * z + 4 * b));
}

/**
 * Median discovery significance of the Asimov dataset (CCGV2011 eq. (97)):
 * Z_A = √(2 ((s + b) ln(1 + s/b) − s)); → s/√b for s ≪ b.
 * @param s - expected signal events (≥ 0)
 * @param b - expected background events (> 0)
 * @returns Z_A
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for s < 0 or b ≤ 0
 * @example
 * ```ts
 * asimovSignificance(10, 100); // ~0.98399 (s/√b = 1)
 * ```
 */
export function asimovSignificance(s: number, b: number): number {
  requireNonNegative("s", s);
  requirePositive("b", b);
  const t = (s + b) * Math.log1p(s / b) - s;
  return Math.sqrt(2 * Math.max(0, t));
}

/** Options of the counting upper limits. */
export interface CountingLimitOptions {
  /** Confidence level in (0, 1); default 0.95. */
  readonly cl?: number;
  /** "cls" (default, Read2002) or "classical" (Neyman, CLs+b). */
  readonly method?: "cls" | "classical";
}

function checkCounts(nObs: number, b: number): void {
  requireInteger("nObs", nObs, 0);
  requireNonNegative("b", b);
}

/**
 * Exact Poisson upper limit on the signal s for n observed events and known background b:
 * CLs: P(N ≤ n | s + b) / P(N ≤ n | b) = 1 − cl [Read2002]; classical: P(N ≤ n | s + b) = 1 − cl
 * (with b = 0 both give ½ χ²_{2(n+1)}(cl), e.g. 2.303 events at 90 % CL for n = 0). The classical
 * limit is negative when n is far below b (the pathology CLs avoids); it is returned as such.
 * @param nObs - observed events (integer ≥ 0)
 * @param b - expected background (≥ 0)
 * @param options - cl (default 0.95), method ("cls" default, "classical")
 * @returns the upper limit on s (events)
 * @throws {@link PhysError} `INVALID_ARGUMENT` for a non-integer count, `OUT_OF_DOMAIN` for b < 0 or cl ∉ (0, 1)
 * @example
 * ```ts
 * poissonUpperLimit(0, 0.5, { cl: 0.9 }); // ~2.302585 (= ln 10, independent of b for n = 0)
 * ```
 */
export function poissonUpperLimit(nObs: number, b: number, options: CountingLimitOptions = {}): number {
  checkCounts(nObs, b);
  const cl = requireInRange("options.cl", options.cl ?? COUNTING_DEFAULTS.cl, 0, 1, {
    lowInclusive: false,
    highInclusive: false,
  });
  const alpha = 1 - cl;
  const method = requireOneOf("options.method", options.method ?? "cls", ["cls", "classical"] as const);
  // solve in λ = s + b ≥ b (CLs) or λ ≥ 0 (classical): ln P(N ≤ n | λ) = ln(α P(N ≤ n | b)), decreasing in λ
  const target = Math.log(alpha * (method === "cls" ? poissonCdf(nObs, b) : 1));
  const f = (lambda: number): number => Math.log(poissonCdf(nObs, lambda)) - target;
  const lo = method === "cls" ? b : 0;
  const br = bracketRoot(f, lo + nObs + 3 * Math.sqrt(nObs + 1) + 1, lo, Number.MAX_VALUE, f(lo));
  if (!br.ok)
    throw new PhysError("NO_BRACKET", `poissonUpperLimit: no crossing for n = ${nObs}, b = ${b}`, {
      argument: "nObs",
      value: nObs,
    });
  return brent(f, br.a, br.b, 1e-300, COUNTING_DEFAULTS.rtol) - b;
}

/**
 * The Poisson deviance of Ibe2017 eq. (22): −2 ln L = 2 (N − n + n ln(n/N)), the likelihood ratio
 * of expectation N against the saturated model (n ln(n/N) → 0 at n = 0). Ibe2017 sets N = N_s, the
 * expected events in the signal bin, with no background term.
 * @param nObs - observed events (≥ 0; non-integer allowed)
 * @param nExpected - expected events N (> 0)
 * @returns the deviance ≥ 0
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for negative counts or N ≤ 0
 * @example
 * ```ts
 * poissonDeviance(0, 1.921); // ~3.842, Ibe2017's 95 % threshold
 * ```
 */
export function poissonDeviance(nObs: number, nExpected: number): number {
  requireNonNegative("nObs", nObs);
  requirePositive("nExpected", nExpected);
  return 2 * (nExpected - nObs + (nObs > 0 ? nObs * Math.log(nObs / nExpected) : 0));
}

/**
 * The largest N excluded by Ibe2017's criterion −2 ln L > χ²₁(cl) with the deviance of
 * eq. (22): the N > n where {@link poissonDeviance}(n, N) = χ²₁(cl) = (Φ⁻¹((1 + cl)/2))²
 * (3.841 at 95 %; the paper rounds it to 3.842 and assumes N_s ≫ 1: a two-sided Wilks threshold,
 * so the limit is looser than a one-sided test).
 * @param nObs - observed events (≥ 0)
 * @param options - cl (default 0.95)
 * @returns N_up (events)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for nObs < 0 or cl ∉ (0, 1)
 * @example
 * ```ts
 * devianceUpperLimit(0); // ~1.9207 = 3.8415 / 2
 * ```
 */
export function devianceUpperLimit(nObs: number, options: { readonly cl?: number } = {}): number {
  requireNonNegative("nObs", nObs);
  const cl = requireInRange("options.cl", options.cl ?? COUNTING_DEFAULTS.cl, 0, 1, {
    lowInclusive: false,
    highInclusive: false,
  });
  const threshold = normalQuantile(0.5 * (1 + cl)) ** 2;
  const f = (n: number): number => threshold - poissonDeviance(nObs, n);
  const lo = Math.max(nObs, 1e-300);
  const br = bracketRoot(f, nObs + 2 * Math.sqrt(nObs + 1) + 1, lo, Number.MAX_VALUE, threshold);
  if (!br.ok)
    throw new PhysError("NO_BRACKET", "devianceUpperLimit: no crossing found", { argument: "nObs", value: nObs });
  return brent(f, br.a, br.b, 1e-300, COUNTING_DEFAULTS.rtol);
}

/** Options of the asymptotic counting functions. */
export interface CountingAsymptoticOptions {
  /** "qtilde" (default) or "q". */
  readonly testStat?: LimitTestStatistic;
}

/**
 * Closed-form q̃_μ (or q_μ) and q_{μ,A} for one Poisson bin with known background (no nuisance
 * parameters): μ̂ = max(0, (n − b)/s) for q̃ (unbounded for q), −ln L(μ) = μs + b − n ln(μs + b),
 * and the background-only Asimov value q_{μ,A} = 2 (μs − b ln(1 + μs/b)).
 */
function countingQ(
  nObs: number,
  b: number,
  s: number,
  mu: number,
  testStat: LimitTestStatistic,
): { q: number; qA: number } {
  const nll = (m: number): number => {
    const l = m * s + b;
    return l > 0 ? l - (nObs > 0 ? nObs * Math.log(l) : 0) : nObs === 0 && l === 0 ? 0 : Number.POSITIVE_INFINITY;
  };
  let muHat = (nObs - b) / s;
  if (testStat === "qtilde" && muHat < 0) muHat = 0;
  const q = muHat > mu ? 0 : Math.max(0, 2 * (nll(mu) - nll(muHat)));
  const qA = Math.max(0, 2 * (mu * s - b * Math.log1p((mu * s) / b)));
  return { q, qA };
}

/**
 * Asymptotic CLs at μ for one bin with known background b and signal μ s (CCGV2011; pyhf's
 * `hypotest` on the equivalent workspace gives the same numbers).
 * @param nObs - observed events (≥ 0; non-integer allowed)
 * @param b - expected background (> 0)
 * @param s - expected signal at μ = 1 (> 0)
 * @param mu - tested signal strength (≥ 0)
 * @param options - test statistic
 * @returns observed CLs+b, CLb, CLs, the five expected CLs, q and q_A
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for negative counts, b ≤ 0, s ≤ 0
 * @example
 * ```ts
 * countingHypotest(0, 0.5, 1, 1).cls; // ~0.224766
 * ```
 */
export function countingHypotest(
  nObs: number,
  b: number,
  s: number,
  mu: number,
  options: CountingAsymptoticOptions = {},
): ClsValues & { readonly clsExp: [number, number, number, number, number]; readonly q: number; readonly qA: number } {
  requireNonNegative("nObs", nObs);
  requirePositive("b", b);
  requirePositive("s", s);
  requireNonNegative("mu", mu);
  const { q, qA } = countingQ(nObs, b, s, mu, options.testStat ?? INFERENCE_DEFAULTS.testStat);
  return {
    ...asymptoticCls(q, qA, options.testStat ?? INFERENCE_DEFAULTS.testStat),
    clsExp: asymptoticExpectedCls(qA),
    q,
    qA,
  };
}

/**
 * Asymptotic CLs upper limit on μ for one bin with known background, with the expected band.
 * @param nObs - observed events (≥ 0)
 * @param b - expected background (> 0)
 * @param s - expected signal at μ = 1 (> 0)
 * @param options - cl (default 0.95) and test statistic
 * @returns `{ observed, expected }` in units of μ
 * @throws {@link PhysError} as {@link countingHypotest}; `OUT_OF_DOMAIN` for cl ∉ (0, 1)
 * @example
 * ```ts
 * countingUpperLimit(3, 3, 1, { cl: 0.9 }).observed; // ~3.81377
 * ```
 */
export function countingUpperLimit(
  nObs: number,
  b: number,
  s: number,
  options: CountingAsymptoticOptions & { readonly cl?: number } = {},
): UpperLimitResult {
  requireNonNegative("nObs", nObs);
  requirePositive("b", b);
  requirePositive("s", s);
  const cl = requireInRange("options.cl", options.cl ?? INFERENCE_DEFAULTS.cl, 0, 1, {
    lowInclusive: false,
    highInclusive: false,
  });
  const testStat = options.testStat ?? INFERENCE_DEFAULTS.testStat;
  const alpha = 1 - cl;
  const solve = (f: (mu: number) => number, fZero: number, guess: number): number => {
    const br = bracketRoot(f, guess, 0, Number.MAX_VALUE, fZero);
    return br.ok ? brent(f, br.a, br.b, 1e-300, COUNTING_DEFAULTS.rtol) : Number.NaN;
  };
  const sigma = Math.sqrt(b) / s;
  const expected = BAND_SIGMAS.map((n) => {
    const x = expectedLimitSqrtQA(alpha, n);
    return solve((mu) => x - Math.sqrt(countingQ(nObs, b, s, mu, testStat).qA), x, sigma * x);
  }) as [number, number, number, number, number];
  const h = (mu: number): number => {
    const { q, qA } = countingQ(nObs, b, s, mu, testStat);
    return Math.log(asymptoticCls(q, qA, testStat).cls / alpha);
  };
  const observed = solve(h, -Math.log(alpha), Math.max(0, (nObs - b) / s) + expected[2]);
  return { observed, expected, cl, method: "asymptotic", testStat, evaluations: 0, valid: Number.isFinite(observed) };
}
