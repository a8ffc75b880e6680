/**
 * Special functions for the inference layer: the standard normal distribution (CDF, survival
 * function, quantiles) with full double precision in both tails, ln Γ, and the Poisson CDF.
 * Numeric kernels: they return `NaN` outside their domain and never throw.
 *
 * @packageDocumentation
 */
/**
 * Standard normal cumulative distribution function Φ(x) = ∫_{−∞}^x e^{−t²/2} dt / √(2π).
 * @param x - argument (dimensionless)
 * @returns Φ(x) in [0, 1]; `NaN` for `NaN`
 * @example
 * ```ts
 * normalCdf(1.6448536269514722); // ~0.95
 * ```
 */
export declare function normalCdf(x: number): number;
/**
 * Standard normal survival function Q(x) = 1 − Φ(x) = Φ(−x), accurate in the upper tail
 * (Q(10) ≈ 7.6e-24 to full relative precision).
 * @param x - argument (dimensionless)
 * @returns Q(x) in [0, 1]; `NaN` for `NaN`
 * @example
 * ```ts
 * normalSf(5); // ~2.8665e-7, the 5σ one-sided p-value
 * ```
 */
export declare function normalSf(x: number): number;
/**
 * Standard normal quantile Φ⁻¹(p).
 * @param p - probability in [0, 1]
 * @returns x with Φ(x) = p (−∞ at 0, +∞ at 1); `NaN` outside [0, 1]
 * @example
 * ```ts
 * normalQuantile(0.975); // ~1.959963984540054
 * ```
 */
export declare function normalQuantile(p: number): number;
/**
 * Inverse survival function: the x with Q(x) = 1 − Φ(x) = q, i.e. the one-sided significance Z of
 * a p-value (`normalIsf(2.8665e-7)` ≈ 5). Accurate for tiny q.
 * @param q - upper-tail probability in [0, 1]
 * @returns Z (+∞ at q = 0, −∞ at q = 1); `NaN` outside [0, 1]
 * @example
 * ```ts
 * normalIsf(0.05); // ~1.6448536269514722
 * ```
 */
export declare function normalIsf(q: number): number;
/**
 * ln Γ(x) for real x > 0 (Lanczos approximation, g = 7, nine terms; reflection below 1/2).
 * Absolute accuracy ~1e-15 near the zeros at 1 and 2, relative ~1e-15 elsewhere. Used for the
 * Poisson constant ln n! with non-integer n (Asimov data).
 * @param x - argument, > 0 (negative non-integers also work through the reflection formula)
 * @returns ln |Γ(x)|; `NaN` at 0 and the negative integers, and for `NaN`
 * @example
 * ```ts
 * logGamma(5); // ~3.1780538303479458 = ln 24
 * ```
 */
export declare function logGamma(x: number): number;
/**
 * Poisson cumulative probability P(N ≤ k | λ) = Σ_{i=0}^{k} e^{−λ} λ^i / i!, summed from the largest
 * term in the direction of decreasing terms (relative accuracy ~1e-14).
 * @param k - integer count ≥ 0 (a non-integer is floored)
 * @param lambda - mean ≥ 0
 * @returns P(N ≤ k); `NaN` for negative or non-finite input
 * @example
 * ```ts
 * poissonCdf(0, Math.LN10); // ~0.1
 * ```
 */
export declare function poissonCdf(k: number, lambda: number): number;
//# sourceMappingURL=special.d.ts.map
