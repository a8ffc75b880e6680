/**
 * The signal shape of the resonance scan: the sum of two Crystal Ball functions sharing one mean
 * (Belle2-4mu sec. V), normalised on the fit region of one scan window (the window minus the
 * J/ψ veto), evaluated into `Float64Array` columns.
 *
 * Crystal Ball convention (Oreglia1980; ROOT's RooCBShape): with t = (x − μ)/σ, the Gaussian core
 * exp(−t²/2) continues for t < −α (α > 0) as the power law A (B − t)^(−n), A = (n/α)^n e^(−α²/2),
 * B = n/α − α. A negative α mirrors the function: the tail is on the high side.
 *
 * @packageDocumentation
 */
import { normalCdf } from "../numeric/special.js";

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** The shape parameters of one Crystal Ball (GeV for `sigma`). */
export interface CrystalBallParams {
  /** Gaussian width σ of the core, GeV. */
  readonly sigma: number;
  /** Tail start in units of σ; > 0 puts the tail on the low side, < 0 on the high side. */
  readonly alpha: number;
  /** Power of the tail, > 1. */
  readonly n: number;
}

/** A double Crystal Ball signal shape: two Crystal Balls sharing the mean `mean`, weights `fraction` and `1 − fraction`. */
export interface SignalShape {
  /** Common mean, GeV (reduced mass M_R). */
  readonly mean: number;
  /** The first Crystal Ball (by convention the one with the low-side tail). */
  readonly core: CrystalBallParams;
  /** The second Crystal Ball (by convention the one with the high-side tail). */
  readonly tail: CrystalBallParams;
  /** Weight of `core`, in [0, 1]. */
  readonly fraction: number;
}

/** A region of the fit variable: disjoint intervals [low, high] in increasing order, GeV. */
export type Region = readonly (readonly [number, number])[];

/** Unnormalised Crystal Ball at standardised, orientation-corrected t (tail for t < −a, a = |α|). */
function cbCore(t: number, a: number, n: number): number {
  if (t > -a) return Math.exp(-0.5 * t * t);
  const A = (n / a) ** n * Math.exp(-0.5 * a * a);
  const B = n / a - a;
  return A * (B - t) ** -n;
}

/** ∫_{t1}^{t2} of the unnormalised Crystal Ball in t (t1 ≤ t2), tail for t < −a. */
function cbCoreIntegral(t1: number, t2: number, a: number, n: number): number {
  let total = 0;
  const joint = -a;
  if (t1 < joint) {
    const hi = Math.min(t2, joint);
    const A = (n / a) ** n * Math.exp(-0.5 * a * a);
    const B = n / a - a;
    // ∫ A (B − t)^(−n) dt = A (B − t)^(1−n) / (n − 1)
    total += (A / (n - 1)) * ((B - hi) ** (1 - n) - (B - t1) ** (1 - n));
  }
  if (t2 > joint) {
    const lo = Math.max(t1, joint);
    total += SQRT_2PI * (normalCdf(t2) - normalCdf(lo));
  }
  return total;
}

/**
 * The unnormalised Crystal Ball at x (peak value 1).
 * @param x - the variable, GeV
 * @param mean - the mean, GeV
 * @param cb - σ (GeV), α, n
 */
export function crystalBallUnnormalised(x: number, mean: number, cb: CrystalBallParams): number {
  const t = (x - mean) / cb.sigma;
  return cb.alpha >= 0 ? cbCore(t, cb.alpha, cb.n) : cbCore(-t, -cb.alpha, cb.n);
}

/**
 * ∫_a^b of {@link crystalBallUnnormalised} dx (analytic: Gaussian core through Φ, power-law tail
 * in closed form), GeV.
 */
export function crystalBallIntegral(a: number, b: number, mean: number, cb: CrystalBallParams): number {
  const s = cb.sigma;
  if (cb.alpha >= 0) return s * cbCoreIntegral((a - mean) / s, (b - mean) / s, cb.alpha, cb.n);
  return s * cbCoreIntegral((mean - b) / s, (mean - a) / s, -cb.alpha, cb.n);
}

/** ∫ over a region of the unnormalised Crystal Ball. */
function regionIntegral(region: Region, mean: number, cb: CrystalBallParams): number {
  let sum = 0;
  for (const [a, b] of region) sum += crystalBallIntegral(a, b, mean, cb);
  return sum;
}

/**
 * A double Crystal Ball normalised on `region`: returns the density function and its two
 * component normalisations (so that the density integrates to one on the region).
 * @param shape - the signal shape (GeV)
 * @param region - the fit region (window minus vetoes), GeV
 * @returns `density(x)` in GeV⁻¹ and `fill(xs, out)` filling a column
 */
export function makeSignalDensity(
  shape: SignalShape,
  region: Region,
): { density: (x: number) => number; fill: (xs: Float64Array, out: Float64Array, stride?: number) => void } {
  const { mean, core, tail, fraction } = shape;
  // Each component is normalised on the region separately, then mixed (RooAddPdf with a fraction).
  const w1 = fraction / regionIntegral(region, mean, core);
  const w2 = (1 - fraction) / regionIntegral(region, mean, tail);
  const density = (x: number): number =>
    w1 * crystalBallUnnormalised(x, mean, core) + w2 * crystalBallUnnormalised(x, mean, tail);
  const fill = (xs: Float64Array, out: Float64Array, stride = 1): void => {
    for (let i = 0; i < xs.length; i++) out[i * stride] = density(xs[i]!);
  };
  return { density, fill };
}

/**
 * The effective resolution of a double Crystal Ball: √(f σ₁² + (1 − f) σ₂²), GeV. This is the
 * "mass resolution" that sets the scan step and the 60σ window (Belle2-4mu sec. V).
 */
export function effectiveResolution(shape: Pick<SignalShape, "core" | "tail" | "fraction">): number {
  const f = shape.fraction;
  return Math.sqrt(f * shape.core.sigma ** 2 + (1 - f) * shape.tail.sigma ** 2);
}
