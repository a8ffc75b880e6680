/**
 * Initial-state radiation: the Kuraev-Fadin radiator and the ISR-convolved cross section.
 *
 * @packageDocumentation
 */
import { M_E } from "@muonphilic/units";

/**
 * The electron "β" of the radiator, β = (2α/π)(ln(s/m_e²) - 1) (≈ 0.088 at √s = 10.58 GeV).
 * @param s - s in GeV²
 * @param alpha - fine-structure constant
 */
export function isrBeta(s: number, alpha: number): number {
  return ((2 * alpha) / Math.PI) * (Math.log(s / (M_E * M_E)) - 1);
}

/**
 * The standard radiator of Kuraev1985 at O(β) with soft-photon exponentiation:
 * F(x, s) = β x^(β-1) (1 + 3β/4) - β (1 - x/2), x = 1 - s'/s the fraction of √s radiated
 * collinearly by the beams, σ_ISR(s) = ∫₀¹ F(x, s) σ(s(1 - x)) dx. ∫₀¹ F dx = 1 and F > 0 on (0, 1].
 * Kuraev1985 eq. (28) has Δ = 1 + 3β/4 + (α/π)(π²/3 - 1/2) + O(β²) in place of (1 + 3β/4): the
 * non-logarithmic soft and virtual term (α/π)(π²/3 - 1/2) = 0.0065 and the O(β²) terms are left
 * out, so that F is normalised (ISR moves events in s', it does not change the total); the full
 * eq. (28) would raise σ_ISR by ~0.65%. Checked in `isr.test.ts`: ∫F dx = 1, ⟨x⟩ and the
 * 1/s-cross-section factor ∫F/(1 - x) dx against closed forms.
 * @param x - radiated energy fraction, 0 < x ≤ 1
 * @param s - s in GeV²
 * @param alpha - fine-structure constant
 * @returns F (numeric kernel: `NaN` outside (0, 1])
 */
export function isrRadiator(x: number, s: number, alpha: number): number {
  if (!(x > 0 && x <= 1)) return Number.NaN;
  const b = isrBeta(s, alpha);
  return b * x ** (b - 1) * (1 + 0.75 * b) - b * (1 - x / 2);
}

/**
 * ∫₀^xmax F(x, s) g(x) dx for a bounded g, in w = x^β where F dx = [(1 + 3β/4) - (1 - x/2) x^(1-β)] dw
 * has no singularity. Used by `sigmaMuMuXWithIsr` and checked in the tests against the generator.
 */
export function isrConvolve(
  g: (x: number) => number,
  s: number,
  alpha: number,
  xMax: number,
  integrate: (f: (w: number) => number, a: number, b: number) => number,
): number {
  const b = isrBeta(s, alpha);
  return integrate(
    (w) => {
      const x = w ** (1 / b);
      return (1 + 0.75 * b - (1 - x / 2) * x ** (1 - b)) * g(x);
    },
    0,
    xMax ** b,
  );
}
