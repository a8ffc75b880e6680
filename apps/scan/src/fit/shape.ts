/**
 * The signal shape of the resonance scan: the sum of two Crystal Ball functions sharing one mean
 * (Belle2-4mu sec. V), each normalised on the fit region of a scan window (the window minus the
 * J/ψ veto; RooAddPdf semantics), built from the Crystal Ball of `@muonphilic/stats` (RooCBShape
 * convention: α > 0 puts the power-law tail on the low side, α < 0 on the high side).
 *
 * @packageDocumentation
 */
import { crystalBall, type Pdf } from "@muonphilic/stats";

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

/** A region of the fit variable: disjoint intervals [low, high] in increasing order, GeV. */
export type Region = readonly (readonly [number, number])[];

/** One Crystal Ball of a shape as a `@muonphilic/stats` pdf on [low, high]. */
export function crystalBallPdf(mean: number, cb: CrystalBallShape, low: number, high: number): Pdf {
  return crystalBall({ mean, sigma: cb.sigma, alpha: cb.alpha, n: cb.n, low, high });
}

/**
 * The double Crystal Ball normalised on `region`: each component is normalised on the region
 * (its window density divided by its probability of the region), then mixed.
 * @param shape - the signal shape (GeV)
 * @param region - the fit region (window minus vetoes), GeV, non-empty
 * @returns the density in GeV⁻¹
 */
export function makeSignalDensity(shape: SignalShape, region: Region): (x: number) => number {
  const low = region[0]![0];
  const high = region[region.length - 1]![1];
  const c1 = crystalBallPdf(shape.mean, shape.core, low, high);
  const c2 = crystalBallPdf(shape.mean, shape.tail, low, high);
  let p1 = 0;
  let p2 = 0;
  for (const [a, b] of region) {
    p1 += c1.probability(a, b);
    p2 += c2.probability(a, b);
  }
  const w1 = shape.fraction / p1;
  const w2 = (1 - shape.fraction) / p2;
  return (x: number): number => w1 * c1.density(x) + w2 * c2.density(x);
}

/**
 * The effective resolution of a double Crystal Ball: √(f σ₁² + (1 − f) σ₂²), GeV. This is the
 * "mass resolution" that sets the scan step and the 60σ window (Belle2-4mu sec. V).
 */
export function effectiveResolution(shape: Pick<SignalShape, "core" | "tail" | "fraction">): number {
  const f = shape.fraction;
  return Math.sqrt(f * shape.core.sigma ** 2 + (1 - f) * shape.tail.sigma ** 2);
}
