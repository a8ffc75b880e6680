/**
 * The rare kaon decay K+ → μ+ ν_μ Z' (Ibe2017 eqs. (10)-(19), appendix A).
 *
 * @packageDocumentation
 */

import { integrate } from "@muonphilic/numeric";
import {
  argumentError,
  BR_K_MUNU,
  type GeV,
  gev,
  lifetimeToWidth,
  M_K,
  M_MU,
  requireInRange,
  requireNonNegative,
  requirePositive,
  TAU_K,
} from "@muonphilic/units";
import { dalitzEdges, kaonMsqIntegralT } from "./matrixElements.js";

const MK2 = M_K * M_K;
const MMU2 = M_MU * M_MU;

/**
 * f_K²|V_us|²G_F² from the main mode (Ibe2017 eqs. (13)-(15)) folded with the phase-space factor
 * 1/(32 M_K³ (2π)³) of eq. (16), the prefactor 4 g'² of |M|², and 1/Γ_K:
 * BR = BR(K → μν) g'² /(16π² m_μ² (M_K² - m_μ²)²) ∫∫ |M̂|² dm₁₂² dm₂₃². Independent of τ_K.
 */
const BR_PREFACTOR = BR_K_MUNU / (16 * Math.PI * Math.PI * MMU2 * (MK2 - MMU2) ** 2);

/**
 * ∫ |M̂|² dm₂₃² at fixed m₁₂² (particles 1 = ν, 2 = Z', 3 = μ; Ibe2017 eqs. (A3)-(A5)), in closed
 * form: t = m₂₃² - m_μ² runs from m_Z'² + 2(E₂*E₃* - p₂*p₃*) over a width 4p₂*p₃*.
 */
function innerIntegral(m12sq: number, M2: number): number {
  const { cross, width } = dalitzEdges(MK2, 0, Math.sqrt(M2), M_MU, m12sq);
  if (!(width > 0)) return 0;
  return kaonMsqIntegralT(m12sq, M2 + 2 * cross, width, MK2, MMU2, M2);
}

function requireKaonMass(massIn: number): number {
  const mass = requirePositive("mass", massIn, "GeV");
  if (!(mass < M_K - M_MU)) {
    throw argumentError("KINEMATICALLY_FORBIDDEN", "mass", mass, `< M_K - m_μ = ${M_K - M_MU} GeV`);
  }
  return mass;
}

/** Arguments of {@link kaonToMuNuZPrimeBR}. */
export interface KaonOptions {
  /** m_Z' in GeV, 0 < m_Z' < M_K - m_μ. */
  readonly mass: number;
  /** g' ≥ 0. */
  readonly coupling: number;
}

/**
 * BR(K+ → μ+ ν_μ Z') (Ibe2017 eqs. (13)-(16)): the width of eq. (16) over the Dalitz plot of
 * appendix A with the spin-summed |M|² derived from eq. (10) ({@link kaonMuNuZPrimeMsq}), normalised
 * to the main mode through eqs. (13)-(15), so f_K, V_us, G_F and τ_K drop out:
 * BR = BR(K → μν) g'²/(16π² m_μ²(M_K² - m_μ²)²) ∫∫ |M̂|² dm₁₂² dm₂₃².
 * The m₂₃² integral is done in closed form ({@link kaonMsqIntegralT}), the m₁₂² one numerically
 * in ln(m₁₂² - m_Z'²).
 * @param options - mass m_Z' (GeV), coupling g'
 * @returns the branching fraction
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for mass ≤ 0 or coupling < 0; `KINEMATICALLY_FORBIDDEN`
 *   (argument `mass`) for m_Z' ≥ M_K - m_μ
 * @example
 * ```ts
 * kaonToMuNuZPrimeBR({ mass: 0.01, coupling: 1e-3 }); // ≈ 2.173e-7
 * ```
 */
export function kaonToMuNuZPrimeBR(options: KaonOptions): number {
  const mass = requireKaonMass(options.mass);
  const g = requireNonNegative("coupling", options.coupling);
  const M2 = mass * mass;
  const top = Math.log((M_K - M_MU) ** 2 - M2);
  // Below m₁₂² - m_Z'² = e^(top - 46) the measure e^u makes the integrand < 1e-20 of the total.
  const integral = integrate(
    (u) => {
      const d = Math.exp(u);
      return d * innerIntegral(M2 + d, M2);
    },
    top - 46,
    top,
    { rtol: 1e-10 },
  );
  return g * g * BR_PREFACTOR * integral;
}

/**
 * Γ(K+ → μ+ ν_μ Z') = BR × ħ/τ_K, in GeV (see {@link kaonToMuNuZPrimeBR}).
 * @param options - mass (GeV), coupling
 * @returns the partial width in GeV
 * @throws {@link PhysError} as {@link kaonToMuNuZPrimeBR}
 */
export function kaonToMuNuZPrimeWidth(options: KaonOptions): GeV {
  return gev(kaonToMuNuZPrimeBR(options) * lifetimeToWidth(TAU_K));
}

/**
 * The muon-momentum endpoint in the kaon rest frame, Ibe2017 eq. (19):
 * p_max = √[(M_K² - (m_μ + m_Z')²)(M_K² - (m_μ - m_Z')²)]/(2M_K) (reached at m₁₂² = m_Z'², a
 * neutrino at rest); the lower end is 0 (m₁₂² = (M_K - m_μ)²).
 * @param mass - m_Z' in GeV, 0 < m_Z' < M_K - m_μ
 * @returns p_max in GeV
 * @throws {@link PhysError} as {@link kaonToMuNuZPrimeBR}
 * @example
 * ```ts
 * kaonMuonMomentumMax(0); // → 0.2355 GeV, the two-body K → μν momentum, in the limit
 * ```
 */
export function kaonMuonMomentumMax(mass: number): GeV {
  const m = requireInRange("mass", mass, 0, M_K - M_MU, { highInclusive: false, unit: "GeV" });
  const a = MK2 - (M_MU + m) ** 2;
  const b = MK2 - (M_MU - m) ** 2;
  return gev(Math.sqrt(a * b) / (2 * M_K));
}

/** Arguments of {@link kaonDBRdpMu}. */
export interface KaonSpectrumOptions extends KaonOptions {
  /** Muon momentum in the kaon rest frame, GeV, in [0, p_max]. */
  readonly pMu: number;
}

/**
 * The muon-momentum spectrum dBR/dp_μ (Ibe2017 eq. (17) divided by Γ_K):
 * dBR/dp_μ = BR(K → μν) g'²/(16π² m_μ²(M_K² - m_μ²)²) · (2M_K p_μ/E_μ) ∫ |M̂|² dm₂₃²,
 * with m₁₂² = M_K² + m_μ² - 2M_K E_μ (eq. (18)).
 * @param options - mass (GeV), coupling, pMu (GeV)
 * @returns dBR/dp_μ in GeV⁻¹ (0 at p_μ = 0 and p_max)
 * @throws {@link PhysError} as {@link kaonToMuNuZPrimeBR}; `OUT_OF_DOMAIN` for pMu outside [0, p_max]
 * @example
 * ```ts
 * kaonDBRdpMu({ mass: 0.01, coupling: 1e-3, pMu: 0.14 }); // ≈ 2.07e-7 GeV⁻¹
 * ```
 */
export function kaonDBRdpMu(options: KaonSpectrumOptions): number {
  const mass = requireKaonMass(options.mass);
  const g = requireNonNegative("coupling", options.coupling);
  const pMax = kaonMuonMomentumMax(mass);
  const p = requireInRange("pMu", options.pMu, 0, pMax, { unit: "GeV" });
  if (p === 0 || p === pMax) return 0;
  const e = Math.hypot(p, M_MU);
  const m12sq = MK2 + MMU2 - 2 * M_K * e;
  return g * g * BR_PREFACTOR * ((2 * M_K * p) / e) * innerIntegral(m12sq, mass * mass);
}
