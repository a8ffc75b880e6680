/**
 * Gaussian pdf truncated to a window.
 *
 * @packageDocumentation
 */

import { normalProbability } from "@muonphilic/numeric";
import { requireFinite } from "@muonphilic/units";
import { buildPdf, type Pdf, requireAbove, requireWindow } from "./pdf.js";

/** Parameters of {@link gaussian}. */
export interface GaussianParams {
  /** Mean μ (unit of x). */
  readonly mean: number;
  /** Standard deviation σ > 0 (unit of x). */
  readonly sigma: number;
  /** Window lower edge. */
  readonly low: number;
  /** Window upper edge. */
  readonly high: number;
}

/**
 * Gaussian exp(−½((x − μ)/σ)²) normalised on [low, high]; the normalisation
 * σ√(2π) [Φ((high − μ)/σ) − Φ((low − μ)/σ)] is analytic (erf/erfc, accurate in both tails).
 * @param params - the shape parameters ({@link GaussianParams}); positions and widths in the unit of x, the window [low, high] too
 * @returns a {@link Pdf}
 * @throws {@link PhysError} for non-finite parameters, σ ≤ 0, or an inverted window
 * @example
 * ```ts
 * gaussian({ mean: 0, sigma: 1, low: -5, high: 5 }).density(0); // ≈ 0.398942
 * ```
 */
export function gaussian(params: GaussianParams): Pdf {
  const mean = requireFinite("mean", params.mean);
  const sigma = requireAbove("sigma", params.sigma, 0);
  requireWindow(params.low, params.high);
  const k = 1 / sigma;
  const s2pi = sigma * Math.sqrt(2 * Math.PI);
  return buildPdf({
    low: params.low,
    high: params.high,
    shape: (x) => {
      const t = (x - mean) * k;
      return Math.exp(-0.5 * t * t);
    },
    integral: (a, b) => s2pi * normalProbability((a - mean) * k, (b - mean) * k),
    breaks: [mean],
  });
}
