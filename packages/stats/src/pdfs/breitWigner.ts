/**
 * Breit-Wigner line shapes: non-relativistic (Cauchy) and relativistic (fixed width).
 *
 * @packageDocumentation
 */
import { requireFinite } from "@muonphilic/units";
import { buildPdf, type Pdf, requireAbove, requireWindow } from "./pdf.js";

/** Parameters of {@link breitWigner} and {@link relativisticBreitWigner}. */
export interface BreitWignerParams {
  /** Pole mass M (unit of x). */
  readonly mean: number;
  /** Full width Γ > 0 (FWHM for the non-relativistic form). */
  readonly width: number;
  /** Window lower edge. */
  readonly low: number;
  /** Window upper edge. */
  readonly high: number;
}

/**
 * Non-relativistic Breit-Wigner (Cauchy) (Γ/2π)/((x − M)² + Γ²/4) normalised on the window;
 * analytic integral (1/π)[atan(2(b − M)/Γ) − atan(2(a − M)/Γ)] (RooBreitWigner).
 * @param params - the shape parameters ({@link BreitWignerParams}); positions and widths in the unit of x, the window [low, high] too
 * @returns a {@link Pdf}
 * @throws {@link PhysError} for non-finite parameters, Γ ≤ 0, or an inverted window
 * @example
 * ```ts
 * breitWigner({ mean: 1.019461, width: 0.004249, low: 0.99, high: 1.05 }).density(1.019461);
 * ```
 */
export function breitWigner(params: BreitWignerParams): Pdf {
  const m = requireFinite("mean", params.mean);
  const g = requireAbove("width", params.width, 0);
  requireWindow(params.low, params.high);
  const hg = 0.5 * g;
  return buildPdf({
    low: params.low,
    high: params.high,
    shape: (x) => hg / Math.PI / ((x - m) * (x - m) + hg * hg),
    integral: (a, b) => {
      // atan difference in a cancellation-free form: atan(u) − atan(v) = atan((u − v)/(1 + uv))  (uv > −1)
      const u = (b - m) / hg;
      const v = (a - m) / hg;
      const d = u * v > -1 ? Math.atan((u - v) / (1 + u * v)) : Math.atan(u) - Math.atan(v);
      return d / Math.PI;
    },
    breaks: [m],
  });
}

/**
 * Relativistic Breit-Wigner with a fixed width, k/((x² − M²)² + M²Γ²), k = 2√2 MΓγ/(π√(M² + γ)),
 * γ = M√(M² + Γ²) (normalised to 1 on [0, ∞); TMath::BreitWignerRelativistic), renormalised on
 * the window. The window integral is numerical (adaptive Gauss-Kronrod, relative accuracy 1e-12).
 * @param params - the shape parameters ({@link BreitWignerParams}); positions and widths in the unit of x, the window [low, high] too
 * @returns a {@link Pdf}
 * @throws {@link PhysError} for non-finite parameters, M ≤ 0, Γ ≤ 0, or an inverted window
 * @example
 * ```ts
 * relativisticBreitWigner({ mean: 91.1876, width: 2.4952, low: 80, high: 100 }).density(91.1876);
 * ```
 */
export function relativisticBreitWigner(params: BreitWignerParams): Pdf {
  const m = requireAbove("mean", params.mean, 0);
  const g = requireAbove("width", params.width, 0);
  requireWindow(params.low, params.high);
  const gamma = m * Math.sqrt(m * m + g * g);
  const k = (2 * Math.SQRT2 * m * g * gamma) / (Math.PI * Math.sqrt(m * m + gamma));
  const m2 = m * m;
  const mg2 = m2 * g * g;
  return buildPdf({
    low: params.low,
    high: params.high,
    shape: (x) => {
      const d = x * x - m2;
      return k / (d * d + mg2);
    },
    breaks: [m, m - g, m + g],
  });
}
