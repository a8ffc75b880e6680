/**
 * The virtual-photon spectral function: the probability density, per unit q², that a virtual photon
 * emitted by a conserved current (computed as the emission of a massive vector of mass² q² with
 * the photon's coupling e) turns into a given final state of invariant mass² q².
 *
 * For a point-like pair of fermions of mass m (Kroll-Wada; the standard "dilepton conversion"):
 *   dP/dq² = (α / (3π q²)) · R_μμ(q²),   R_μμ = β (1 + 2m²/q²),   β = √(1 − 4m²/q²).
 * For a hadronic final state f, R_f(q²) = σ(e+e- → f)/σ_pt(q²) with σ_pt = 4πα²/(3q²):
 * - π+π-: R_ππ = β_π³ |F_π(q²)|² / 4 with the Gounaris-Sakurai ρ(770) form factor (GS1968);
 * - a narrow vector meson V → f: R = (9π/α²) M Γ_ee BR(V → f) δ(q² − M²) (vector-meson
 *   dominance with the measured Γ_ee), so that ∫dP = 3 Γ_ee BR(V → f)/(α M), spread over a
 *   relativistic Breit-Wigner of the total width.
 * Interference between resonances and the continuum is neglected (it integrates to zero for a
 * narrow state; the ρ → μμ term is 4.55e-5 of the ρ and only listed for completeness).
 *
 * Numeric kernels: they return 0 below threshold and `NaN` for non-numeric input; no validation.
 *
 * @packageDocumentation
 */
import { ALPHA, M_MU, M_PI } from "@muonphilic/units";
import { VECTOR_MESONS, type VectorMeson } from "./resonances.js";

/** Final states of a virtual photon used by the four-muon backgrounds. */
export type ConversionChannel = "mumu" | "pipi";

/**
 * R_μμ(q²) = β(1 + 2m²/q²) = β(3 − β²)/2: the point-like fermion pair ratio (0 below threshold).
 * @param q2 - invariant mass² of the pair (GeV²)
 * @param mass - fermion mass (GeV); default the muon mass
 * @returns R (dimensionless, ≤ 1)
 * @example
 * ```ts
 * pointLikeR(100); // ≈ 0.99999 (β ≈ 1)
 * ```
 */
export function pointLikeR(q2: number, mass: number = M_MU): number {
  const r = (mass * mass) / q2;
  if (!(r < 0.25)) return Number.isNaN(r) ? Number.NaN : 0;
  return Math.sqrt(1 - 4 * r) * (1 + 2 * r);
}

/**
 * The μ+μ- continuum density dP/dq² = α R_μμ(q²)/(3π q²) (Kroll-Wada; Belle2-4mu sec. IV D's
 * "off-shell photon ... and subsequent dimuon production").
 * @param q2 - dimuon mass² (GeV²)
 * @param alpha - fine-structure constant (default α(0))
 * @returns the density in GeV⁻²
 * @example
 * ```ts
 * dimuonContinuumDensity(1); // ≈ 7.7e-4 GeV⁻² (α/(3π) at q² = 1 GeV²)
 * ```
 */
export function dimuonContinuumDensity(q2: number, alpha: number = ALPHA): number {
  return (alpha / (3 * Math.PI * q2)) * pointLikeR(q2);
}

/**
 * The integrated conversion probability of a narrow vector meson, P = 3 Γ_ee BR(V → f)/(α M).
 * @param meson - the vector meson
 * @param channel - "mumu" or "pipi"
 * @param alpha - fine-structure constant (default α(0))
 * @returns P (dimensionless)
 * @example
 * ```ts
 * resonanceConversionProbability(VECTOR_MESONS.jpsi, "mumu"); // ≈ 4.4e-5
 * ```
 */
export function resonanceConversionProbability(
  meson: VectorMeson,
  channel: ConversionChannel,
  alpha: number = ALPHA,
): number {
  const br = channel === "mumu" ? meson.brMuMu : meson.brPiPi;
  return (3 * meson.gammaEE * br) / (alpha * meson.mass);
}

/**
 * The normalised relativistic Breit-Wigner in q²: (1/π) MΓ / ((q² − M²)² + M²Γ²).
 * @param q2 - GeV²
 * @param mass - M (GeV)
 * @param width - Γ (GeV)
 * @returns density in GeV⁻²
 * @example
 * ```ts
 * breitWignerQ2(3.0969 ** 2, 3.0969, 92.6e-6); // peak density 1/(πMΓ)
 * ```
 */
export function breitWignerQ2(q2: number, mass: number, width: number): number {
  const mg = mass * width;
  const d = q2 - mass * mass;
  return mg / (Math.PI * (d * d + mg * mg));
}

/**
 * Density of one narrow vector meson in a channel: P · BW(q²) (see the module documentation),
 * zero below the channel's threshold.
 * @param meson - the vector meson
 * @param channel - "mumu" or "pipi"
 * @param q2 - GeV²
 * @param alpha - fine-structure constant (default α(0))
 * @returns density in GeV⁻²
 * @example
 * ```ts
 * resonanceDensity(VECTOR_MESONS.phi, "mumu", 1.0195 ** 2); // GeV⁻² on the φ peak
 * ```
 */
export function resonanceDensity(
  meson: VectorMeson,
  channel: ConversionChannel,
  q2: number,
  alpha: number = ALPHA,
): number {
  const m = channel === "mumu" ? M_MU : M_PI;
  if (!(q2 > 4 * m * m)) return Number.isNaN(q2) ? Number.NaN : 0;
  return resonanceConversionProbability(meson, channel, alpha) * breitWignerQ2(q2, meson.mass, meson.width);
}

const GS = (() => {
  const m = VECTOR_MESONS.rho.mass;
  const g = VECTOR_MESONS.rho.width;
  const mp = M_PI;
  const km = Math.sqrt((m * m) / 4 - mp * mp);
  const hm = (2 / Math.PI) * (km / m) * Math.log((m + 2 * km) / (2 * mp));
  // dh/ds at s = M²: h [1/(8k²) − 1/(2s)] + 1/(2πs)
  const dhm = hm * (1 / (8 * km * km) - 1 / (2 * m * m)) + 1 / (2 * Math.PI * m * m);
  const d =
    (((3 / Math.PI) * (mp * mp)) / (km * km)) * Math.log((m + 2 * km) / (2 * mp)) +
    m / (2 * Math.PI * km) -
    (mp * mp * m) / (Math.PI * km * km * km);
  return { m, g, mp, km, hm, dhm, d };
})();

/**
 * |F_π(q²)|² of the Gounaris-Sakurai ρ(770) form factor (GS1968), above the ππ threshold:
 * F = M²(1 + dΓ/M) / (M² − q² + f(q²) − i M Γ(q²)), Γ(q²) = Γ (k/k_M)³ (M/√q²),
 * f(q²) = Γ M²/k_M³ [k²(h(q²) − h(M²)) + (M² − q²) k_M² h'(M²)], h = (2/π)(k/√q²) ln((√q² + 2k)/(2m_π)),
 * k = √(q²/4 − m_π²), with the PDG ρ mass and width. A parametrisation (ρ(770) only: no ω
 * interference, no ρ', ρ''), not a prediction.
 * @param q2 - GeV² (> 4m_π²)
 * @returns |F_π|² (0 at or below threshold)
 * @example
 * ```ts
 * pionFormFactorSquared(0.775 ** 2); // ≈ 35 at the ρ peak
 * ```
 */
export function pionFormFactorSquared(q2: number): number {
  const { m, g, mp, km, hm, dhm, d } = GS;
  if (!(q2 > 4 * mp * mp)) return Number.isNaN(q2) ? Number.NaN : 0;
  const w = Math.sqrt(q2);
  const k = Math.sqrt(q2 / 4 - mp * mp);
  const h = (2 / Math.PI) * (k / w) * Math.log((w + 2 * k) / (2 * mp));
  const f = ((g * m * m) / (km * km * km)) * (k * k * (h - hm) + (m * m - q2) * km * km * dhm);
  const gq = g * (k / km) ** 3 * (m / w);
  const re = m * m - q2 + f;
  const im = m * gq;
  const num = m * m * (1 + (d * g) / m);
  return (num * num) / (re * re + im * im);
}

/**
 * The π+π- density dP/dq² = α R_ππ/(3π q²), R_ππ = β_π³|F_π|²/4 (Gounaris-Sakurai ρ), plus the
 * ω → π+π- Breit-Wigner.
 * @param q2 - GeV²
 * @param alpha - fine-structure constant (default α(0))
 * @returns density in GeV⁻²
 * @example
 * ```ts
 * dipionDensity(0.6); // GeV⁻² near the ρ peak
 * ```
 */
export function dipionDensity(q2: number, alpha: number = ALPHA): number {
  const r = (M_PI * M_PI) / q2;
  if (!(r < 0.25)) return Number.isNaN(r) ? Number.NaN : 0;
  const b = Math.sqrt(1 - 4 * r);
  return (
    ((alpha / (3 * Math.PI * q2)) * b * b * b * pionFormFactorSquared(q2)) / 4 +
    resonanceDensity(VECTOR_MESONS.omega, "pipi", q2, alpha)
  );
}

/** The narrow vector mesons included in the μ+μ- channel by default. */
export const DIMUON_RESONANCES: readonly VectorMeson[] = [
  VECTOR_MESONS.rho,
  VECTOR_MESONS.omega,
  VECTOR_MESONS.phi,
  VECTOR_MESONS.jpsi,
  VECTOR_MESONS.psi2S,
  VECTOR_MESONS.upsilon1S,
  VECTOR_MESONS.upsilon2S,
  VECTOR_MESONS.upsilon3S,
];

/**
 * The full density of a channel: for "mumu" the Kroll-Wada continuum plus
 * {@link DIMUON_RESONANCES}; for "pipi" {@link dipionDensity}.
 * @param channel - "mumu" or "pipi"
 * @param q2 - GeV²
 * @param alpha - fine-structure constant (default α(0))
 * @returns density in GeV⁻²
 * @example
 * ```ts
 * virtualPhotonDensity("mumu", 3.0969 ** 2) / dimuonContinuumDensity(3.0969 ** 2); // ≫ 1 on the J/ψ peak
 * ```
 */
export function virtualPhotonDensity(channel: ConversionChannel, q2: number, alpha: number = ALPHA): number {
  if (channel === "pipi") return dipionDensity(q2, alpha);
  let d = dimuonContinuumDensity(q2, alpha);
  for (const v of DIMUON_RESONANCES) d += resonanceDensity(v, "mumu", q2, alpha);
  return d;
}
