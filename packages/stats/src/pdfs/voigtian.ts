/**
 * Voigtian: a non-relativistic Breit-Wigner (full width Γ) convolved with a Gaussian (σ), by
 * the Faddeeva function.
 *
 * @packageDocumentation
 */
import { requireFinite } from "@muonphilic/units";
import { buildPdf, type Pdf, requireAbove, requireWindow } from "./pdf.js";
import { faddeeva } from "./special.js";

/** Parameters of {@link voigtian}. */
export interface VoigtianParams {
  /** Pole position (unit of x). */
  readonly mean: number;
  /** Breit-Wigner full width Γ > 0 (FWHM of the Lorentzian). */
  readonly width: number;
  /** Gaussian resolution σ > 0. */
  readonly sigma: number;
  /** Window lower edge. */
  readonly low: number;
  /** Window upper edge. */
  readonly high: number;
}

/**
 * Voigt profile V(x) = Re w(z)/(σ√(2π)), z = (x − M + iΓ/2)/(σ√2) (scipy.special.voigt_profile
 * with γ = Γ/2; RooVoigtian), normalised on the window by adaptive Gauss-Kronrod quadrature
 * (relative accuracy 1e-12). w is Weideman's rational approximation (absolute error ≲ 1e-13).
 * @param params - the shape parameters ({@link VoigtianParams}); positions and widths in the unit of x, the window [low, high] too
 * @returns a {@link Pdf}
 * @throws {@link PhysError} for non-finite parameters, Γ ≤ 0, σ ≤ 0, or an inverted window
 * @example
 * ```ts
 * voigtian({ mean: 1.019461, width: 0.004249, sigma: 0.0015, low: 0.99, high: 1.05 }).density(1.019461); // ≈ 118.982
 * ```
 */
export function voigtian(params: VoigtianParams): Pdf {
  const m = requireFinite("mean", params.mean);
  const gammaFull = requireAbove("width", params.width, 0);
  const sigma = requireAbove("sigma", params.sigma, 0);
  requireWindow(params.low, params.high);
  const s2 = sigma * Math.SQRT2;
  const im = (0.5 * gammaFull) / s2;
  const c = 1 / (sigma * Math.sqrt(2 * Math.PI));
  const w = new Float64Array(2);
  const width = Math.max(gammaFull, sigma);
  return buildPdf({
    low: params.low,
    high: params.high,
    shape: (x) => c * faddeeva((x - m) / s2, im, w)[0]!,
    breaks: [m - 3 * width, m - width, m, m + width, m + 3 * width],
  });
}
