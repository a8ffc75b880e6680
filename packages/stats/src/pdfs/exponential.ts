/**
 * Exponential pdf exp(λx) on a window (RooExponential convention: the slope multiplies x).
 *
 * @packageDocumentation
 */
import { requireFinite } from "@muonphilic/units";
import { buildPdf, type Pdf, requireWindow } from "./pdf.js";

/** Parameters of {@link exponential}. */
export interface ExponentialParams {
  /** Slope λ (1/unit of x); negative for a falling spectrum, 0 for uniform. */
  readonly slope: number;
  /** Window lower edge. */
  readonly low: number;
  /** Window upper edge. */
  readonly high: number;
}

/**
 * Exponential e^{λ(x − x_ref)} normalised on [low, high] (x_ref = high for λ > 0, low otherwise, so
 * that nothing overflows); ∫ = (e^{λ(b−x_ref)} − e^{λ(a−x_ref)})/λ evaluated with expm1, and the
 * λ → 0 limit is the uniform density.
 * @param params - slope λ (1/unit of x) and window ({@link ExponentialParams})
 * @returns a {@link Pdf}
 * @throws {@link PhysError} for a non-finite slope or an inverted window
 * @example
 * ```ts
 * exponential({ slope: -2, low: 0, high: 1 }).density(0); // 2/(1 − e^{−2}) ≈ 2.31304
 * ```
 */
export function exponential(params: ExponentialParams): Pdf {
  const lambda = requireFinite("slope", params.slope);
  requireWindow(params.low, params.high);
  const ref = lambda > 0 ? params.high : params.low;
  return buildPdf({
    low: params.low,
    high: params.high,
    shape: (x) => Math.exp(lambda * (x - ref)),
    integral: (a, b) => {
      const ea = lambda * (a - ref);
      const d = lambda * (b - a);
      // ∫ₐᵇ e^{λ(x−ref)} = e^{λ(a−ref)} expm1(λ(b − a))/λ
      return Math.abs(d) < 1e-300 ? b - a : (Math.exp(ea) * Math.expm1(d)) / lambda;
    },
  });
}
