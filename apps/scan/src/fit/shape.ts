/**
 * The signal shape of the resonance scan: the sum of two Crystal Ball functions sharing one mean
 * (Belle2-4mu sec. V), each normalised on the fit region of a scan window (the window minus the
 * J/ψ veto; RooAddPdf with a normalisation range), built from `@muonphilic/stats`' Crystal Ball
 * and `doubleCrystalBall` (RooCBShape convention: α > 0 puts the power-law tail on the low side,
 * α < 0 on the high side).
 *
 * @packageDocumentation
 */
import { crystalBall, doubleCrystalBall, type Pdf, type Region } from "@muonphilic/stats";

/** The shape parameters of one Crystal Ball (GeV for `sigma`). */
export interface CrystalBallShape {
  /** Gaussian width σ of the core, GeV. */
  readonly sigma: number;
  /** Tail start in units of σ; > 0 puts the tail on the low side, < 0 on the high side. */
  readonly alpha: number;
  /** Power of the tail, > 1. */
  readonly n: number;
}

/** A double Crystal Ball signal shape: two Crystal Balls sharing the mean, weights `fraction` and `1 − fraction`. */
export interface SignalShape {
  /** Common mean, GeV (reduced mass M_R). */
  readonly mean: number;
  /** The first Crystal Ball (by convention the one with the low-side tail). */
  readonly core: CrystalBallShape;
  /** The second Crystal Ball (by convention the one with the high-side tail). */
  readonly tail: CrystalBallShape;
  /** Weight of `core`, in [0, 1]. */
  readonly fraction: number;
}

export type { Region };

/**
 * One Crystal Ball of a shape as a `@muonphilic/stats` pdf on [low, high].
 * @param mean - peak, GeV
 * @param cb - its shape
 * @param low - window lower edge, GeV
 * @param high - window upper edge, GeV
 * @returns the pdf
 */
export function crystalBallPdf(mean: number, cb: CrystalBallShape, low: number, high: number): Pdf {
  return crystalBall({ mean, sigma: cb.sigma, alpha: cb.alpha, n: cb.n, low, high });
}

/**
 * The double Crystal Ball of a shape normalised on `region` (each component on the region, then
 * mixed: `doubleCrystalBall` with `region`), a vectorised stats pdf, density in GeV⁻¹.
 * @param shape - the signal shape (GeV)
 * @param region - the fit region (window minus vetoes), GeV, non-empty
 * @returns the pdf on [first low, last high] of the region, 0 in its gaps
 */
export function signalPdf(shape: SignalShape, region: Region): Pdf {
  return doubleCrystalBall({
    mean: shape.mean,
    sigma1: shape.core.sigma,
    alpha1: shape.core.alpha,
    n1: shape.core.n,
    sigma2: shape.tail.sigma,
    alpha2: shape.tail.alpha,
    n2: shape.tail.n,
    fraction1: shape.fraction,
    low: region[0]![0],
    high: region[region.length - 1]![1],
    region,
  });
}

/**
 * The effective resolution of a double Crystal Ball: √(f σ₁² + (1 − f) σ₂²), GeV. This is the
 * "mass resolution" that sets the scan step and the 60σ window (Belle2-4mu sec. V).
 */
export function effectiveResolution(shape: Pick<SignalShape, "core" | "tail" | "fraction">): number {
  const f = shape.fraction;
  return Math.sqrt(f * shape.core.sigma ** 2 + (1 - f) * shape.tail.sigma ** 2);
}
