/**
 * Asymptotic CLs from the observed and Asimov test statistics, in the convention of pyhf's
 * `AsymptoticCalculator` (pyhf 0.7, the "normal" base distribution) and of RooStats'
 * `AsymptoticCalculator`: the statistic is mapped to μ̂/σ space,
 *
 *   q_μ:  t = √q_μ − √q_{μ,A};
 *   q̃_μ:  t = √q̃_μ − √q_{μ,A} if √q̃_μ < √q_{μ,A}, else (q̃_μ − q_{μ,A}) / (2 √q_{μ,A})
 *         (CCGV2011 eq. (65)-(66) rewritten),
 *
 * with CLs+b = Φ(−(t + √q_{μ,A})), CLb = Φ(−t), CLs = CLs+b / CLb [Read2002]. The expected values
 * at N σ of the background-only expectation (N = −2…+2) take t = −N:
 * CLs(N) = Φ(−(√q_{μ,A} − N)) / Φ(N) (CCGV2011 §4, eq. (89) for the band of μ_up). Numeric kernels.
 *
 * @packageDocumentation
 */
import { normalIsf, normalSf } from "@muonphilic/numeric";
import { BAND_SIGMAS } from "./testStatistics.js";

/** Test statistics for upper limits: q̃_μ (μ ≥ 0, the default) or q_μ. */
export type LimitTestStatistic = "qtilde" | "q";

/** CLs+b, CLb and CLs for one value of the test statistic. */
export interface ClsValues {
  /** p-value of the signal-plus-background hypothesis. */
  readonly clsb: number;
  /** 1 − p-value of the background-only hypothesis. */
  readonly clb: number;
  /** CLs = CLs+b / CLb. */
  readonly cls: number;
}

/**
 * The pyhf/RooStats asymptotic test statistic in μ̂/σ space.
 * @param q - observed q_μ or q̃_μ (≥ 0)
 * @param qA - the Asimov value q_{μ,A} (> 0)
 * @param testStat - "qtilde" or "q"
 * @returns t
 * @example
 * ```ts
 * asymptoticTeststat(9, 4, "qtilde"); // 1.25 = (9 − 4)/(2·2)
 * ```
 */
export function asymptoticTeststat(q: number, qA: number, testStat: LimitTestStatistic): number {
  const s = Math.sqrt(q);
  const sA = Math.sqrt(qA);
  if (testStat === "q" || s < sA) return s - sA;
  return (q - qA) / (2 * sA);
}

/**
 * Observed asymptotic CLs+b, CLb, CLs (pyhf `AsymptoticCalculator.pvalues`).
 * With q_{μ,A} = 0 (μ = 0, or no sensitivity) the two hypotheses coincide: CLs = 1.
 * @param q - observed q̃_μ (or q_μ)
 * @param qA - Asimov q̃_{μ,A} (or q_{μ,A}) from the background-only Asimov dataset
 * @param testStat - "qtilde" (default) or "q"
 * @returns CLs+b, CLb, CLs
 * @example
 * ```ts
 * asymptoticCls(2.0, 0.9013877113318904).cls; // ~0.22477 (counting n = 0, b = 0.5, s = 1)
 * ```
 */
export function asymptoticCls(q: number, qA: number, testStat: LimitTestStatistic = "qtilde"): ClsValues {
  if (qA === 0) {
    const p = normalSf(Math.sqrt(q));
    return { clsb: p, clb: p, cls: 1 };
  }
  const t = asymptoticTeststat(q, qA, testStat);
  const clsb = normalSf(t + Math.sqrt(qA));
  const clb = normalSf(t);
  return { clsb, clb, cls: clsb / clb };
}

/**
 * Expected CLs at −2σ, −1σ, median, +1σ, +2σ of the background-only expectation
 * (pyhf `expected_pvalues`: CLs(N) = Φ(−(√q_A − N)) / Φ(N) for N = −2…2).
 * @param qA - Asimov q_{μ,A}
 * @returns the five expected CLs (1 when q_A = 0)
 * @example
 * ```ts
 * asymptoticExpectedCls(0.9013877113318904)[2]; // ~0.34241 (median)
 * ```
 */
export function asymptoticExpectedCls(qA: number): [number, number, number, number, number] {
  const sA = Math.sqrt(qA);
  return BAND_SIGMAS.map((n) => (qA === 0 ? 1 : normalSf(sA - n) / normalSf(-n))) as [
    number,
    number,
    number,
    number,
    number,
  ];
}

/**
 * The value of √q_{μ,A} at which the expected CLs of band N equals α: the expected limit of band
 * N is the μ where √q_{μ,A}(μ) reaches it (in the Wald approximation √q_{μ,A} = μ/σ, so
 * μ_up(N) = σ x_N, CCGV2011 eq. (89) for CLs).
 * @param alpha - 1 − CL, in (0, 1)
 * @param n - band in σ (−2…2; any real)
 * @returns x_N = Φ⁻¹(1 − α Φ(N)) + N
 * @example
 * ```ts
 * expectedLimitSqrtQA(0.05, 0); // ~1.95996 (Φ⁻¹(1 − 0.025))
 * ```
 */
export function expectedLimitSqrtQA(alpha: number, n: number): number {
  return normalIsf(alpha * normalSf(-n)) + n;
}
