/**
 * HistFactory interpolation codes, as in pyhf's `interpolators` (pyhf 0.7) and ROOT's
 * `FlexibleInterpVar` / `PiecewiseInterpolation` [HistFactory]. Each kernel returns the value at α
 * and writes the derivative d/dα (for the analytic gradient of the likelihood).
 *
 * - additive codes give a shift Δ(α) of the nominal value: code0 (piecewise linear), code4p
 *   (piecewise linear outside |α| ≤ 1, a sixth-order polynomial inside, continuous up to the second
 *   derivative);
 * - multiplicative codes give a factor f(α): code1 (piecewise exponential), code4 (exponential
 *   outside |α| ≤ α₀ = 1, a sixth-order polynomial inside, continuous up to the second derivative).
 *
 * @packageDocumentation
 */

/** The interpolation codes supported (pyhf names). */
export type InterpolationCode = "code0" | "code1" | "code4" | "code4p";

/** Interpolation codes of the additive kind (a shift), and of the multiplicative kind (a factor). */
export const ADDITIVE_CODES: readonly InterpolationCode[] = ["code0", "code4p"];

/** Scratch for a derivative output. */
export interface Derivative {
  value: number;
}

/**
 * code0, piecewise linear shift: Δ(α) = α (up − nom) for α > 0, α (nom − down) for α ≤ 0.
 * @param alpha - nuisance parameter (σ units)
 * @param dUp - up − nom
 * @param dDown - nom − down
 * @param d - receives dΔ/dα
 * @returns Δ(α)
 */
export function code0(alpha: number, dUp: number, dDown: number, d: Derivative): number {
  const slope = alpha > 0 ? dUp : dDown;
  d.value = slope;
  return alpha * slope;
}

/**
 * code4p: linear beyond |α| > 1, inside α (S + α A (15 − 10 α² + 3 α⁴)) with S = (Δ₊ + Δ₋)/2,
 * A = (Δ₊ − Δ₋)/16 (pyhf `code4p`).
 * @param alpha - nuisance parameter (σ units)
 * @param dUp - Δ₊ = up − nom
 * @param dDown - Δ₋ = nom − down
 * @param d - receives dΔ/dα
 * @returns Δ(α)
 */
export function code4p(alpha: number, dUp: number, dDown: number, d: Derivative): number {
  if (alpha > 1) {
    d.value = dUp;
    return alpha * dUp;
  }
  if (alpha < -1) {
    d.value = dDown;
    return alpha * dDown;
  }
  const s = 0.5 * (dUp + dDown);
  const a = 0.0625 * (dUp - dDown);
  const a2 = alpha * alpha;
  d.value = s + a * alpha * (30 + a2 * (-40 + 18 * a2));
  return alpha * (s + alpha * a * (15 + a2 * (-10 + 3 * a2)));
}

/**
 * code1, piecewise exponential factor: f(α) = (up/nom)^α for α ≥ 0, (down/nom)^(−α) for α < 0.
 * @param alpha - nuisance parameter (σ units)
 * @param logUp - ln(up/nom)
 * @param logDown - ln(down/nom)
 * @param d - receives df/dα
 * @returns f(α)
 */
export function code1(alpha: number, logUp: number, logDown: number, d: Derivative): number {
  if (alpha >= 0) {
    const f = Math.exp(alpha * logUp);
    d.value = f * logUp;
    return f;
  }
  const f = Math.exp(-alpha * logDown);
  d.value = -f * logDown;
  return f;
}

/**
 * The six coefficients a₁…a₆ of the code4 polynomial 1 + Σ aᵢ αⁱ on |α| < 1, fixed by matching
 * the value, first and second derivatives of (up/nom)^α at α = 1 and (down/nom)^(−α) at α = −1
 * (pyhf `code4` with α₀ = 1: x = A⁻¹ b).
 * @param up - up/nom (> 0)
 * @param down - down/nom (> 0)
 * @returns a₁…a₆
 */
export function code4Coefficients(up: number, down: number): Float64Array {
  const lu = Math.log(up);
  const ld = Math.log(down);
  const b = [up - 1, down - 1, lu * up, -ld * down, lu * lu * up, ld * ld * down];
  const aInv = [
    [15 / 16, -15 / 16, -7 / 16, -7 / 16, 1 / 16, -1 / 16],
    [3 / 2, 3 / 2, -9 / 16, 9 / 16, 1 / 16, 1 / 16],
    [-5 / 8, 5 / 8, 5 / 8, 5 / 8, -1 / 8, 1 / 8],
    [-3 / 2, -3 / 2, 7 / 8, -7 / 8, -1 / 8, -1 / 8],
    [3 / 16, -3 / 16, -3 / 16, -3 / 16, 1 / 16, -1 / 16],
    [1 / 2, 1 / 2, -5 / 16, 5 / 16, 1 / 16, 1 / 16],
  ];
  const out = new Float64Array(6);
  for (let r = 0; r < 6; r++) {
    let s = 0;
    for (let c = 0; c < 6; c++) s += aInv[r]![c]! * b[c]!;
    out[r] = s;
  }
  return out;
}

/**
 * code4 factor: (up/nom)^α for α ≥ 1, (down/nom)^(−α) for α ≤ −1, 1 + Σ aᵢ αⁱ in between.
 * @param alpha - nuisance parameter (σ units)
 * @param logUp - ln(up/nom)
 * @param logDown - ln(down/nom)
 * @param coef - a₁…a₆ from {@link code4Coefficients}
 * @param d - receives df/dα
 * @returns f(α)
 */
export function code4(alpha: number, logUp: number, logDown: number, coef: Float64Array, d: Derivative): number {
  if (alpha >= 1 || alpha <= -1) return code1(alpha, logUp, logDown, d);
  let value = 0;
  let deriv = 0;
  for (let i = 5; i >= 0; i--) {
    value = value * alpha + coef[i]!;
    deriv = deriv * alpha + (i + 1) * coef[i]!;
  }
  d.value = deriv;
  return 1 + value * alpha;
}
