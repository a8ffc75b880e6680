/**
 * Kinetic mixing of the L_μ - L_τ Z' with the photon, induced by μ and τ loops.
 *
 * @packageDocumentation
 */

import { integrate } from "@muonphilic/numeric";
import { ALPHA, M_MU, M_TAU, requireInRange, requireNonNegative } from "@muonphilic/units";

/** Arguments of {@link kineticMixing}. */
export interface KineticMixingOptions {
  /** g' ≥ 0. */
  readonly coupling: number;
  /** Momentum transfer q² in GeV², below the dimuon threshold 4m_μ² (default 0). */
  readonly q2?: number;
}

/**
 * Loop-induced kinetic mixing ε (L ⊃ ½ ε F_μν F'^μν, Ibe2017 eq. (7)) from the μ and τ loops,
 * which carry opposite L_μ - L_τ charges:
 * ε(q²) = (e g'/2π²) ∫₀¹ dx x(1-x) ln[(m_τ² - x(1-x)q²)/(m_μ² - x(1-x)q²)],
 * which at q² = 0 is Ibe2017 eq. (8): ε = (8/3) (e g'/16π²) ln(m_τ/m_μ) = e g' ln(m_τ/m_μ)/(6π²).
 * e = √(4πα(0)). For q² → -∞ the logarithm, hence ε, vanishes.
 *
 * @param options - coupling g', optional q² in GeV² (q² < 4 m_μ²)
 * @returns ε (dimensionless)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for coupling < 0 or q² ≥ 4 m_μ²
 * @example
 * ```ts
 * kineticMixing({ coupling: 1e-3 }); // ≈ 1.44e-5
 * ```
 */
export function kineticMixing(options: KineticMixingOptions): number {
  const g = requireNonNegative("coupling", options.coupling);
  const q2 = requireInRange("q2", options.q2 ?? 0, Number.NEGATIVE_INFINITY, 4 * M_MU * M_MU, {
    highInclusive: false,
    unit: "GeV²",
  });
  const e = Math.sqrt(4 * Math.PI * ALPHA);
  if (q2 === 0) return (e * g * Math.log(M_TAU / M_MU)) / (6 * Math.PI * Math.PI);
  const f = (x: number): number => {
    const k = x * (1 - x) * q2;
    return x * (1 - x) * Math.log((M_TAU * M_TAU - k) / (M_MU * M_MU - k));
  };
  return ((e * g) / (2 * Math.PI * Math.PI)) * integrate(f, 0, 1, { rtol: 1e-12 });
}
