/**
 * Polynomial background shapes in numerically stable bases: Chebyshev (RooChebychev) and
 * Bernstein (RooBernstein).
 *
 * Which to use: for fits with free coefficients use **Chebyshev** on the window mapped to
 * [−1, 1] with the constant fixed to 1 (RooChebychev): the basis is nearly orthogonal, so
 * coefficients are weakly correlated and MIGRAD converges fast; the density can go negative
 * (the likelihood then returns NaN and the minimiser backs off). Use **Bernstein** when the
 * density must stay non-negative: it is ≥ 0 whenever every coefficient is ≥ 0 (bound them at 0),
 * at the price of strongly correlated coefficients. Never use monomials xᵏ on a window far from 0.
 *
 * @packageDocumentation
 */
import { argumentError, requireAllFinite } from "@muonphilic/units";
import { buildPdf, type Pdf, requireWindow } from "./pdf.js";

/**
 * Σₖ cₖ Tₖ(u) for u in [−1, 1] with c₀ = 1 and coefs = [c₁, c₂, …] (Clenshaw recurrence).
 */
export function chebyshevSum(u: number, coefs: ArrayLike<number>): number {
  // Clenshaw: b_k = c_k + 2u b_{k+1} − b_{k+2}; sum = c_0 + u b_1 − b_2
  let b1 = 0;
  let b2 = 0;
  for (let k = coefs.length; k >= 1; k--) {
    const b0 = coefs[k - 1]! + 2 * u * b1 - b2;
    b2 = b1;
    b1 = b0;
  }
  return 1 + u * b1 - b2;
}

/** Primitive of 1 + Σ cₖ Tₖ(u) in u, using ∫Tₖ = T_{k+1}/(2(k+1)) − T_{k−1}/(2(k−1)) (k ≥ 2), ∫T₁ = u²/2. */
function chebyshevPrimitive(u: number, coefs: ArrayLike<number>): number {
  const K = coefs.length;
  // Tₖ(u) for k = 0..K+1
  const t = new Float64Array(K + 2);
  t[0] = 1;
  t[1] = u;
  for (let k = 2; k <= K + 1; k++) t[k] = 2 * u * t[k - 1]! - t[k - 2]!;
  let s = u; // ∫T₀
  for (let k = 1; k <= K; k++) {
    const c = coefs[k - 1]!;
    if (k === 1) s += c * 0.5 * u * u;
    else s += c * (t[k + 1]! / (2 * (k + 1)) - t[k - 1]! / (2 * (k - 1)));
  }
  return s;
}

/** Parameters of {@link chebyshev}. */
export interface ChebyshevParams {
  /** Coefficients [c₁, c₂, …] of T₁, T₂, … (c₀ = 1); length = order. */
  readonly coefs: ArrayLike<number>;
  /** Window lower edge. */
  readonly low: number;
  /** Window upper edge. */
  readonly high: number;
}

/**
 * Chebyshev polynomial 1 + Σₖ cₖ Tₖ(u), u = (2x − low − high)/(high − low), normalised on the
 * window (RooChebychev convention); analytic integral.
 * @param params - coefficients (dimensionless) and window ({@link ChebyshevParams})
 * @returns a {@link Pdf}
 * @throws {@link PhysError} for non-finite coefficients, an inverted window, or a non-positive integral
 * @example
 * ```ts
 * chebyshev({ coefs: [0.3, -0.1], low: 2.7, high: 3.3 }).density(3.0); // ≈ 1.7741935
 * ```
 */
export function chebyshev(params: ChebyshevParams): Pdf {
  requireWindow(params.low, params.high);
  requireAllFinite("coefs", params.coefs);
  const c = Float64Array.from(params.coefs);
  const { low, high } = params;
  const half = 0.5 * (high - low);
  const mid = 0.5 * (high + low);
  return buildPdf({
    low,
    high,
    shape: (x) => chebyshevSum((x - mid) / half, c),
    integral: (a, b) => half * (chebyshevPrimitive((b - mid) / half, c) - chebyshevPrimitive((a - mid) / half, c)),
  });
}

/** Parameters of {@link bernstein}. */
export interface BernsteinParams {
  /** Coefficients [c₀, …, cₙ] of the degree-n Bernstein basis. */
  readonly coefs: ArrayLike<number>;
  /** Window lower edge. */
  readonly low: number;
  /** Window upper edge. */
  readonly high: number;
}

/**
 * Bernstein polynomial Σᵢ cᵢ C(n, i) uⁱ (1 − u)ⁿ⁻ⁱ, u = (x − low)/(high − low), normalised on the
 * window (RooBernstein convention); ∫ = (high − low) Σ cᵢ/(n + 1). Evaluated by de Casteljau.
 * @param params - coefficients (dimensionless) and window ({@link BernsteinParams})
 * @returns a {@link Pdf}
 * @throws {@link PhysError} for an empty or non-finite coefficient list, an inverted window, or a non-positive integral
 * @example
 * ```ts
 * bernstein({ coefs: [1, 2, 0.5], low: 0.1, high: 1 }).density(0.1); // ≈ 0.952381
 * ```
 */
export function bernstein(params: BernsteinParams): Pdf {
  requireWindow(params.low, params.high);
  if (!params.coefs || params.coefs.length < 1) {
    throw argumentError("INVALID_ARGUMENT", "coefs", params.coefs, "at least one coefficient");
  }
  requireAllFinite("coefs", params.coefs);
  const c = Float64Array.from(params.coefs);
  const n = c.length - 1;
  const { low, high } = params;
  const w = high - low;
  const work = new Float64Array(n + 1);
  const [c0 = 0, c1 = 0, c2 = 0] = c;
  // de Casteljau; degrees 0-2 (the backgrounds of a scan) unrolled on scalars, same operations
  const value = (u: number): number => {
    const v = 1 - u;
    if (n === 0) return c0;
    if (n === 1) return v * c0 + u * c1;
    if (n === 2) return v * (v * c0 + u * c1) + u * (v * c1 + u * c2);
    work.set(c);
    for (let r = 1; r <= n; r++) for (let i = 0; i <= n - r; i++) work[i] = v * work[i]! + u * work[i + 1]!;
    return work[0]!;
  };
  // primitive: ∫₀ᵘ B = (1/(n+1)) Σ_{j=1}^{n+1} B_{j,n+1}(u) Σ_{i<j} cᵢ, a degree-(n+1) Bernstein form
  const pc = new Float64Array(n + 2);
  for (let j = 1; j <= n + 1; j++) pc[j] = pc[j - 1]! + c[j - 1]!;
  const pwork = new Float64Array(n + 2);
  const primitive = (u: number): number => {
    pwork.set(pc);
    for (let r = 1; r <= n + 1; r++)
      for (let i = 0; i <= n + 1 - r; i++) pwork[i] = (1 - u) * pwork[i]! + u * pwork[i + 1]!;
    return pwork[0]! / (n + 1);
  };
  return buildPdf({
    low,
    high,
    shape: (x) => value((x - low) / w),
    shapeArray: (x, out) => {
      for (let i = 0; i < x.length; i++) out[i] = value((x[i]! - low) / w);
    },
    integral: (a, b) => w * (primitive((b - low) / w) - primitive((a - low) / w)),
  });
}
