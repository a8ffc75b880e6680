/**
 * Profile-likelihood test statistics of Cowan, Cranmer, Gross, Vitells [CCGV2011] from the
 * minimised negative log-likelihoods, and their asymptotic p-values (Wald approximation).
 * Numeric kernels: no validation, NaN propagates.
 *
 * Inputs are values of −ln L: `nllMu` = −ln L(μ, θ̂̂(μ)), `nllHat` = −ln L(μ̂, θ̂),
 * `nllZero` = −ln L(0, θ̂̂(0)); `muHat` is the unconditional best fit.
 *
 * @packageDocumentation
 */
import { normalSf } from "@muonphilic/numeric";

/** The test statistics of CCGV2011. */
export type TestStatisticName = "tmu" | "tmutilde" | "qmu" | "qmutilde" | "q0";

/**
 * t_μ = −2 ln λ(μ) (CCGV2011 eqs. (7)-(8)), clipped at 0 against rounding.
 * @param nllMu - −ln L(μ, θ̂̂(μ))
 * @param nllHat - −ln L(μ̂, θ̂)
 * @returns t_μ ≥ 0
 * @example
 * ```ts
 * tMu(10.5, 10); // 1
 * ```
 */
export function tMu(nllMu: number, nllHat: number): number {
  const t = 2 * (nllMu - nllHat);
  return t > 0 ? t : Number.isNaN(t) ? t : 0;
}

/**
 * t̃_μ = −2 ln λ̃(μ) (CCGV2011 eqs. (10)-(11)): the denominator is L(0, θ̂̂(0)) when μ̂ < 0.
 * @param nllMu - −ln L(μ, θ̂̂(μ))
 * @param nllHat - −ln L(μ̂, θ̂)
 * @param nllZero - −ln L(0, θ̂̂(0))
 * @param muHat - unconditional best-fit μ̂
 * @returns t̃_μ ≥ 0
 * @example
 * ```ts
 * tMuTilde(3, 1, 2, -0.5); // 2 (μ̂ < 0: measured from μ = 0)
 * ```
 */
export function tMuTilde(nllMu: number, nllHat: number, nllZero: number, muHat: number): number {
  return muHat < 0 ? tMu(nllMu, nllZero) : tMu(nllMu, nllHat);
}

/**
 * q_μ for upper limits (CCGV2011 eq. (14)): t_μ if μ̂ ≤ μ, else 0.
 * @param nllMu - −ln L(μ, θ̂̂(μ))
 * @param nllHat - −ln L(μ̂, θ̂)
 * @param muHat - unconditional best fit
 * @param mu - tested value
 * @returns q_μ ≥ 0
 * @example
 * ```ts
 * qMu(10.5, 10, 0.2, 1); // 1
 * ```
 */
export function qMu(nllMu: number, nllHat: number, muHat: number, mu: number): number {
  return muHat > mu ? 0 : tMu(nllMu, nllHat);
}

/**
 * q̃_μ for upper limits with μ ≥ 0 (CCGV2011 eq. (16)): t̃_μ if μ̂ ≤ μ, else 0. With the POI bounded
 * below at 0 in the fits (μ̂ ≥ 0) this equals {@link qMu}, which is how pyhf computes it.
 * @param nllMu - −ln L(μ, θ̂̂(μ))
 * @param nllHat - −ln L(μ̂, θ̂)
 * @param nllZero - −ln L(0, θ̂̂(0))
 * @param muHat - unconditional best fit
 * @param mu - tested value
 * @returns q̃_μ ≥ 0
 * @example
 * ```ts
 * qMuTilde(4, 1, 2, -0.5, 1); // 4 = 2 (4 − 2)
 * ```
 */
export function qMuTilde(nllMu: number, nllHat: number, nllZero: number, muHat: number, mu: number): number {
  return muHat > mu ? 0 : tMuTilde(nllMu, nllHat, nllZero, muHat);
}

/**
 * q₀ for discovery (CCGV2011 eq. (12)): −2 ln λ(0) if μ̂ ≥ 0, else 0.
 * @param nllZero - −ln L(0, θ̂̂(0))
 * @param nllHat - −ln L(μ̂, θ̂)
 * @param muHat - unconditional best fit
 * @returns q₀ ≥ 0
 * @example
 * ```ts
 * q0(12.5, 10, 3); // 5
 * ```
 */
export function q0(nllZero: number, nllHat: number, muHat: number): number {
  return muHat < 0 ? 0 : tMu(nllZero, nllHat);
}

/**
 * Asymptotic p-value of a test statistic under the tested hypothesis μ' = μ (Wald approximation):
 * t_μ: 2(1 − Φ(√t)) (χ²₁, CCGV2011 §3.3, eq. (36)); q₀ and q_μ: 1 − Φ(√q) (§3.5 and §3.6,
 * eqs. (53) and (59)); the tilde statistics need the Asimov value q_A = μ²/σ²: q̃_μ gives
 * 1 − Φ(√q̃) if q̃ ≤ q_A, else 1 − Φ((q̃ + q_A)/(2√q_A)) (§3.7, eqs. (65)-(66)); t̃_μ gives
 * 2(1 − Φ(√t̃)) if t̃ ≤ q_A, else 1 − Φ(√t̃) + 1 − Φ((t̃ + q_A)/(2√q_A)) (§3.4).
 * @param name - which statistic
 * @param value - its observed value (≥ 0)
 * @param qA - the Asimov value μ²/σ² (needed for the tilde statistics only)
 * @returns the p-value in [0, 1]
 * @example
 * ```ts
 * asymptoticPValue("q0", 25); // ~2.87e-7 (5σ)
 * ```
 */
export function asymptoticPValue(name: TestStatisticName, value: number, qA = Number.NaN): number {
  const s = Math.sqrt(value);
  switch (name) {
    case "q0":
    case "qmu":
      return normalSf(s);
    case "tmu":
      return 2 * normalSf(s);
    case "qmutilde": {
      if (value <= qA) return normalSf(s);
      const sA = Math.sqrt(qA);
      return normalSf((value + qA) / (2 * sA));
    }
    case "tmutilde":
      return value <= qA ? 2 * normalSf(s) : normalSf(s) + normalSf((value + qA) / (2 * Math.sqrt(qA)));
  }
}

/**
 * Median-significance band ordering used everywhere: index 0..4 = −2σ, −1σ, median, +1σ, +2σ of
 * the background-only expectation (pyhf's order of `CLs_exp`).
 */
export const BAND_SIGMAS: readonly [number, number, number, number, number] = [-2, -1, 0, 1, 2];
