/**
 * Vector mesons that appear in the virtual-photon spectral function (the γ* → μ+μ- and γ* → π+π-
 * conversion of the four-muon backgrounds) and the Υ(nS) → Υ(1S)π+π- transitions.
 *
 * Masses, total widths and μμ branching fractions come from `@muonphilic/units` where it has them.
 * The electronic widths Γ_ee, the ψ(2S), Υ(2S), Υ(3S), ω and φ parameters and the ππ-transition
 * branching fractions are not in `@muonphilic/units` (PDG 2022): they are recorded here with their
 * source, once, and should move to `@muonphilic/units` (reported to the coordinator).
 *
 * @packageDocumentation
 */
import { CONSTANTS, M_JPSI, M_RHO, M_UPSILON_1S } from "@muonphilic/units";

/** A vector meson V with the numbers its contribution to the γ* spectral function needs. */
export interface VectorMeson {
  /** Name, e.g. `"J/psi"`. */
  readonly name: string;
  /** Mass M_V (GeV). */
  readonly mass: number;
  /** Total width Γ_V (GeV). */
  readonly width: number;
  /** Electronic width Γ(V → e+e-) (GeV). */
  readonly gammaEE: number;
  /** BR(V → μ+μ-). */
  readonly brMuMu: number;
  /** BR(V → π+π-) (0 where negligible or not used). */
  readonly brPiPi: number;
  /** Where the numbers come from. */
  readonly source: string;
}

const KEV = 1e-6;
const PDG = "PDG 2022 (R. L. Workman et al., PTEP 2022, 083C01)";

/**
 * The vector mesons of the spectral function. The ρ(770) enters the π+π- channel through the
 * Gounaris-Sakurai form factor ({@link pionFormFactorSquared}); its μ+μ- decay is listed for
 * completeness (it is 4.55e-5 of its width and is included as a Breit-Wigner term).
 */
export const VECTOR_MESONS = {
  rho: {
    name: "rho(770)",
    mass: M_RHO,
    width: CONSTANTS.rhoWidth.value,
    gammaEE: 7.04 * KEV,
    brMuMu: CONSTANTS.brRhoToMuMu.value,
    brPiPi: 1,
    source: `${PDG}: Γ_ee(ρ) = 7.04 ± 0.06 keV; mass, width and BR(μμ) from @muonphilic/units`,
  },
  omega: {
    name: "omega(782)",
    mass: CONSTANTS.omegaMass.value,
    width: 8.68e-3,
    gammaEE: 0.6 * KEV,
    brMuMu: 7.4e-5,
    brPiPi: 0.0153,
    source: `${PDG}: Γ(ω) = 8.68 ± 0.13 MeV, Γ_ee = 0.60 ± 0.02 keV, BR(μμ) = (7.4 ± 1.8)e-5, BR(π+π-) = 1.53%`,
  },
  phi: {
    name: "phi(1020)",
    mass: CONSTANTS.phiMass.value,
    width: 4.249e-3,
    gammaEE: 1.27 * KEV,
    brMuMu: 2.86e-4,
    brPiPi: 0,
    source: `${PDG}: Γ(φ) = 4.249 ± 0.013 MeV, Γ_ee = 1.27 ± 0.04 keV, BR(μμ) = (2.86 ± 0.19)e-4`,
  },
  jpsi: {
    name: "J/psi",
    mass: M_JPSI,
    width: CONSTANTS.jpsiWidth.value,
    gammaEE: 5.53 * KEV,
    brMuMu: CONSTANTS.brJpsiToMuMu.value,
    brPiPi: 0,
    source: `${PDG}: Γ_ee(J/ψ) = 5.53 ± 0.10 keV; mass, width and BR(μμ) from @muonphilic/units`,
  },
  psi2S: {
    name: "psi(2S)",
    mass: 3.6861,
    width: 294 * KEV,
    gammaEE: 2.33 * KEV,
    brMuMu: 8.0e-3,
    brPiPi: 0,
    source: `${PDG}: M = 3686.10 MeV, Γ = 294 ± 8 keV, Γ_ee = 2.33 ± 0.04 keV, BR(μμ) = (8.0 ± 0.6)e-3`,
  },
  upsilon1S: {
    name: "Upsilon(1S)",
    mass: M_UPSILON_1S,
    width: CONSTANTS.upsilon1SWidth.value,
    gammaEE: 1.34 * KEV,
    brMuMu: CONSTANTS.brUpsilon1SToMuMu.value,
    brPiPi: 0,
    source: `${PDG}: Γ_ee(Υ(1S)) = 1.340 ± 0.018 keV; mass, width and BR(μμ) from @muonphilic/units`,
  },
  upsilon2S: {
    name: "Upsilon(2S)",
    mass: 10.02326,
    width: 31.98 * KEV,
    gammaEE: 0.612 * KEV,
    brMuMu: 0.0193,
    brPiPi: 0,
    source: `${PDG}: M = 10023.26 MeV, Γ = 31.98 keV, Γ_ee = 0.612 ± 0.011 keV, BR(μμ) = 1.93%`,
  },
  upsilon3S: {
    name: "Upsilon(3S)",
    mass: 10.3552,
    width: 20.32 * KEV,
    gammaEE: 0.443 * KEV,
    brMuMu: 0.0218,
    brPiPi: 0,
    source: `${PDG}: M = 10355.2 MeV, Γ = 20.32 keV, Γ_ee = 0.443 ± 0.008 keV, BR(μμ) = 2.18%`,
  },
} as const satisfies Record<string, VectorMeson>;

/** Names of {@link VECTOR_MESONS}. */
export type VectorMesonName = keyof typeof VECTOR_MESONS;

/**
 * BR(Υ(nS) → Υ(1S) π+π-) for the transitions that put Υ(1S) → μ+μ- into four-track events
 * (Belle2-4mu sec. III lists e+e- → Υ(nS)π+π- among the unsimulated backgrounds).
 */
export const UPSILON_TRANSITIONS = {
  upsilon2S: { br: 0.1785, source: `${PDG}: BR(Υ(2S) → Υ(1S)π+π-) = (17.85 ± 0.26)%` },
  upsilon3S: { br: 0.0437, source: `${PDG}: BR(Υ(3S) → Υ(1S)π+π-) = (4.37 ± 0.08)%` },
} as const;
