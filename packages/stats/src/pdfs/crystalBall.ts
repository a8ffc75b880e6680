/**
 * Crystal Ball shapes: the single-sided Crystal Ball (RooCBShape), the double-sided Crystal
 * Ball (RooCrystalBall), and the sum of two Crystal Balls sharing one mean (Belle2-4mu sec. V).
 *
 * @packageDocumentation
 */

import { normalProbability } from "@muonphilic/numeric";
import { requireFinite, requireProbability } from "@muonphilic/units";
import { sumPdf } from "./combine.js";
import { buildPdf, type Pdf, requireAbove, requireWindow } from "./pdf.js";
import { type Region, restrictPdf } from "./region.js";

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * Power-law tail of a Crystal Ball in the frame where the tail is on the low side (t < −a):
 * A (B − t)^{−n} with A = (n/a)ⁿ e^{−a²/2}, B = n/a − a, written as
 * exp(−a²/2 − n log1p(−(a/n)(a + t))) to avoid overflow of Aⁿ for large n.
 */
export function cbTail(t: number, a: number, n: number): number {
  return Math.exp(-0.5 * a * a - n * Math.log1p(-(a / n) * (a + t)));
}

/**
 * ∫_{t1}^{t2} of the Crystal Ball core+tail (tail on the low side, |α| = a, exponent n), t1 ≤ t2:
 * Gaussian part √(2π)[Φ(t2) − Φ(max(t1, −a))], tail part
 * A/(n−1) [(B − t2')^{1−n} − (B − t1)^{1−n}] = tail(t2') (B − t2') expm1((1−n)L)/(1−n),
 * L = ln((B − t1)/(B − t2')), t2' = min(t2, −a) (the n → 1 limit ln is taken smoothly).
 */
export function cbIntegralT(t1: number, t2: number, a: number, n: number): number {
  let s = 0;
  if (t2 > -a) s += SQRT_2PI * normalProbability(Math.max(t1, -a), t2);
  if (t1 < -a) {
    const te = Math.min(t2, -a);
    const B = n / a - a;
    const X = B - te;
    const L = Math.log((B - t1) / X);
    const u = 1 - n;
    const ratio = Math.abs(u * L) < 1e-12 ? L : Math.expm1(u * L) / u;
    s += cbTail(te, a, n) * X * ratio;
  }
  return s;
}

/** Parameters of {@link crystalBall}. */
export interface CrystalBallParams {
  /** Peak position m₀ (unit of x). */
  readonly mean: number;
  /** Core width σ > 0 (unit of x). */
  readonly sigma: number;
  /** Tail start in units of σ; α > 0 puts the tail on the low side, α < 0 on the high side (RooCBShape); α ≠ 0. */
  readonly alpha: number;
  /** Tail exponent n > 0 (n > 1 for a tail that is integrable to infinity; any n > 0 on a finite window). */
  readonly n: number;
  /** Window lower edge. */
  readonly low: number;
  /** Window upper edge. */
  readonly high: number;
}

/**
 * Crystal Ball (Oreglia1980 app. D; RooFit RooCBShape, scipy.stats.crystalball for α > 0), normalised on [low, high]:
 * with t = (x − m₀)/σ (t → −t if α < 0), f ∝ exp(−t²/2) for t ≥ −|α| and
 * A (B − t)^{−n} below, A = (n/|α|)ⁿ e^{−α²/2}, B = n/|α| − |α|; value and slope are continuous.
 * The window integral is analytic ({@link cbIntegralT}).
 * @param params - the shape parameters ({@link CrystalBallParams}); positions and widths in the unit of x, the window [low, high] too
 * @returns a {@link Pdf}
 * @throws {@link PhysError} for non-finite parameters, σ ≤ 0, α = 0, n ≤ 0, or an inverted window
 * @example
 * ```ts
 * crystalBall({ mean: 0, sigma: 1, alpha: 1.5, n: 3, low: -10, high: 5 }).density(0); // ≈ 0.3770682
 * ```
 */
export function crystalBall(params: CrystalBallParams): Pdf {
  const m = requireFinite("mean", params.mean);
  const sigma = requireAbove("sigma", params.sigma, 0);
  const alpha = requireFinite("alpha", params.alpha);
  if (alpha === 0) requireAbove("alpha", Math.abs(alpha), 0);
  const n = requireAbove("n", params.n, 0);
  requireWindow(params.low, params.high);
  const a = Math.abs(alpha);
  const sign = alpha > 0 ? 1 : -1;
  const k = sign / sigma;
  const shape = (x: number): number => {
    const t = (x - m) * k;
    return t >= -a ? Math.exp(-0.5 * t * t) : cbTail(t, a, n);
  };
  const integral = (x1: number, x2: number): number => {
    const t1 = (x1 - m) * k;
    const t2 = (x2 - m) * k;
    return sigma * (sign > 0 ? cbIntegralT(t1, t2, a, n) : cbIntegralT(t2, t1, a, n));
  };
  const shapeArray = (x: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < x.length; i++) {
      const t = (x[i]! - m) * k;
      out[i] = t >= -a ? Math.exp(-0.5 * t * t) : cbTail(t, a, n);
    }
  };
  return buildPdf({
    low: params.low,
    high: params.high,
    shape,
    shapeArray,
    integral,
    breaks: [m, m - sign * a * sigma],
  });
}

/** Parameters of {@link doubleSidedCrystalBall}. */
export interface DoubleSidedCrystalBallParams {
  /** Peak position m₀ (unit of x). */
  readonly mean: number;
  /** Core width σ > 0 (left side, and right side unless `sigmaHigh` is given). */
  readonly sigma: number;
  /** Width of the right (high) half of the core; default `sigma` (RooCrystalBall sigmaR). */
  readonly sigmaHigh?: number;
  /** Low-side tail start in units of σ, > 0. */
  readonly alphaLow: number;
  /** Low-side tail exponent, > 0. */
  readonly nLow: number;
  /** High-side tail start in units of σ_high, > 0. */
  readonly alphaHigh: number;
  /** High-side tail exponent, > 0. */
  readonly nHigh: number;
  /** Window lower edge. */
  readonly low: number;
  /** Window upper edge. */
  readonly high: number;
}

/**
 * Double-sided Crystal Ball (RooCrystalBall with alphaL, nL, alphaR, nR, sigmaL, sigmaR),
 * normalised on [low, high]: t = (x − m₀)/σ_L below the mean and (x − m₀)/σ_R above;
 * f ∝ A_L (B_L − t)^{−n_L} for t < −α_L, exp(−t²/2) in between, A_R (B_R + t)^{−n_R} for t > α_R.
 * Analytic window integral.
 * @param params - the shape parameters ({@link DoubleSidedCrystalBallParams}); positions and widths in the unit of x, the window [low, high] too
 * @returns a {@link Pdf}
 * @throws {@link PhysError} for non-finite parameters, widths ≤ 0, α ≤ 0, n ≤ 0, or an inverted window
 * @example
 * ```ts
 * doubleSidedCrystalBall({ mean: 0, sigma: 1, alphaLow: 1, nLow: 3, alphaHigh: 2, nHigh: 5, low: -15, high: 15 }).density(0); // ≈ 0.3313559
 * ```
 */
export function doubleSidedCrystalBall(params: DoubleSidedCrystalBallParams): Pdf {
  const m = requireFinite("mean", params.mean);
  const sL = requireAbove("sigma", params.sigma, 0);
  const sR = params.sigmaHigh === undefined ? sL : requireAbove("sigmaHigh", params.sigmaHigh, 0);
  const aL = requireAbove("alphaLow", params.alphaLow, 0);
  const nL = requireAbove("nLow", params.nLow, 0);
  const aR = requireAbove("alphaHigh", params.alphaHigh, 0);
  const nR = requireAbove("nHigh", params.nHigh, 0);
  requireWindow(params.low, params.high);
  const shape = (x: number): number => {
    if (x < m) {
      const t = (x - m) / sL;
      return t >= -aL ? Math.exp(-0.5 * t * t) : cbTail(t, aL, nL);
    }
    const t = (x - m) / sR;
    return t <= aR ? Math.exp(-0.5 * t * t) : cbTail(-t, aR, nR);
  };
  const integral = (x1: number, x2: number): number => {
    let s = 0;
    if (x1 < m) s += sL * cbIntegralT((x1 - m) / sL, (Math.min(x2, m) - m) / sL, aL, nL);
    // mirror the high side: t → −t turns it into a low-side tail
    if (x2 > m) s += sR * cbIntegralT(-(x2 - m) / sR, -(Math.max(x1, m) - m) / sR, aR, nR);
    return s;
  };
  const shapeArray = (x: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < x.length; i++) out[i] = shape(x[i]!);
  };
  return buildPdf({
    low: params.low,
    high: params.high,
    shape,
    shapeArray,
    integral,
    breaks: [m - aL * sL, m, m + aR * sR],
  });
}

/** Parameters of {@link doubleCrystalBall}. */
export interface DoubleCrystalBallParams {
  /** Shared peak position (unit of x). */
  readonly mean: number;
  /** Width of the first Crystal Ball, > 0. */
  readonly sigma1: number;
  /** Tail parameter of the first (RooCBShape sign convention). */
  readonly alpha1: number;
  /** Tail exponent of the first, > 0. */
  readonly n1: number;
  /** Width of the second, > 0. */
  readonly sigma2: number;
  /** Tail parameter of the second. */
  readonly alpha2: number;
  /** Tail exponent of the second, > 0. */
  readonly n2: number;
  /** Fraction of the first, in [0, 1]. */
  readonly fraction1: number;
  /** Window lower edge. */
  readonly low: number;
  /** Window upper edge. */
  readonly high: number;
  /**
   * Normalisation region inside [low, high] (the window minus vetoes, see `fitRegion`): each
   * Crystal Ball is normalised on it ({@link restrictPdf}) before the two are mixed, and the
   * density is 0 in its gaps. Default: the whole window.
   */
  readonly region?: Region;
}

/**
 * Sum of two Crystal Balls sharing one mean, f = f₁ CB₁ + (1 − f₁) CB₂, each CB normalised on
 * the window, or on `region` when given (RooAddPdf semantics with a normalisation range): the
 * signal model of Belle2-4mu sec. V, in the scan's windows with the J/ψ veto.
 * @param params - the shape parameters ({@link DoubleCrystalBallParams}); positions and widths in the unit of x, the window [low, high] and the region too
 * @returns a {@link Pdf} (on the region's span [first low, last high] when `region` is given)
 * @throws {@link PhysError} as {@link crystalBall}, for a fraction outside [0, 1], and as
 *   {@link restrictPdf} for a region outside the window
 * @example
 * ```ts
 * doubleCrystalBall({ mean: 3, sigma1: 0.005, alpha1: 1.5, n1: 3, sigma2: 0.009, alpha2: 2.5, n2: 2, fraction1: 0.65, low: 2.7, high: 3.3 }).density(3); // ≈ 64.208
 * ```
 */
export function doubleCrystalBall(params: DoubleCrystalBallParams): Pdf {
  const f1 = requireProbability("fraction1", params.fraction1);
  const { mean, low, high } = params;
  const cb1 = crystalBall({ mean, sigma: params.sigma1, alpha: params.alpha1, n: params.n1, low, high });
  const cb2 = crystalBall({ mean, sigma: params.sigma2, alpha: params.alpha2, n: params.n2, low, high });
  const region = params.region;
  if (region === undefined) return sumPdf([cb1, cb2], [f1]);
  return sumPdf([restrictPdf(cb1, region), restrictPdf(cb2, region)], [f1]);
}
