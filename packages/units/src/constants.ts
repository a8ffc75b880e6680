/**
 * Physical constants: one module, every value with its source.
 *
 * Edition: the Review of Particle Physics 2022, R. L. Workman et al. (Particle Data Group),
 * Prog. Theor. Exp. Phys. 2022, 083C01 ("PDG 2022"), whose fundamental constants are CODATA 2018.
 * The seeds (Jho2019, Ibe2017, Belle2-4mu) and the independent reference values in the tests use
 * the same numbers, so one edition serves the whole project. Where a seed quotes its own input,
 * the seed is named.
 *
 * Derived constants are computed, never retyped.
 *
 * @packageDocumentation
 */
import { type GeV, gev, type Seconds, seconds } from "./brands.js";

/** The edition every constant in this module is taken from. */
export const PDG_EDITION = "PDG 2022 (R. L. Workman et al., PTEP 2022, 083C01; constants from CODATA 2018)" as const;

/** A measured input: central value, 1σ uncertainty (0 when exact or negligible), unit, and where it comes from. */
export interface Measured {
  readonly value: number;
  readonly uncertainty: number;
  readonly unit: string;
  readonly source: string;
}

const pdg = (value: number, uncertainty: number, unit: string, what: string): Measured => ({
  value,
  uncertainty,
  unit,
  source: `${PDG_EDITION}: ${what}`,
});

/**
 * Every tabulated input with its uncertainty and source. The named exports below
 * (`ALPHA`, `M_MU`, ...) are the central values of these records.
 */
export const CONSTANTS = {
  /** Inverse fine-structure constant at zero momentum transfer (Thomson limit). */
  alphaInverse: pdg(137.035999084, 0.000000021, "1", "α⁻¹(0), CODATA 2018"),
  /** Inverse fine-structure constant at m_Z (MS-bar). */
  alphaInverseMz: pdg(127.951, 0.009, "1", "α̂⁻¹(m_Z) in MS-bar"),
  /** Fermi constant G_F/(ħc)³. */
  fermiConstant: pdg(1.1663787e-5, 0.0000006e-5, "GeV^-2", "G_F/(ħc)³"),
  /** Weak mixing angle sin²θ_W (MS-bar at m_Z). */
  sin2ThetaW: pdg(0.23122, 0.00004, "1", "sin²θ̂(M_Z) in MS-bar"),
  electronMass: pdg(0.00051099895, 0.00000000000015, "GeV", "electron mass"),
  muonMass: pdg(0.1056583755, 0.0000000023, "GeV", "muon mass"),
  tauMass: pdg(1.77686, 0.00012, "GeV", "τ mass"),
  chargedPionMass: pdg(0.13957039, 0.00000018, "GeV", "π± mass"),
  neutralPionMass: pdg(0.1349768, 0.0000005, "GeV", "π⁰ mass"),
  chargedKaonMass: pdg(0.493677, 0.000016, "GeV", "K± mass (Ibe2017 quotes M_K ≈ 493.7 MeV)"),
  /** K± mean life. */
  chargedKaonLifetime: pdg(1.238e-8, 0.002e-8, "s", "K± mean life (Ibe2017 quotes 1.2380e-8 s)"),
  /** BR(K+ → μ+ ν_μ). */
  brKaonToMuNu: pdg(0.6356, 0.0011, "1", "BR(K+ → μ+ ν) (Ibe2017 quotes 0.6356)"),
  /** Kaon decay constant f_K (for f_π-normalised amplitudes; cancels in Ibe2017's BR ratio). */
  kaonDecayConstant: pdg(0.1557, 0.0003, "GeV", "f_K+ (FLAG average quoted by the PDG)"),
  zMass: pdg(91.1876, 0.0021, "GeV", "Z mass"),
  zWidth: pdg(2.4952, 0.0023, "GeV", "Z total width"),
  wMass: pdg(80.377, 0.012, "GeV", "W mass"),
  /** BR(Z → e+e-): Jho2019 eq. (2.8), equal to the PDG average. */
  brZToEE: pdg(0.033632, 0.000042, "1", "BR(Z → e+e-) = 3.3632 ± 0.0042 %, as quoted in Jho2019 eq. (2.8)"),
  /** BR(Z → μ+μ-): Jho2019 eq. (2.9), equal to the PDG average. */
  brZToMuMu: pdg(0.033662, 0.000066, "1", "BR(Z → μ+μ-) = 3.3662 ± 0.0066 %, as quoted in Jho2019 eq. (2.9)"),
  /** BR(τ → μ ν ν̄). */
  brTauToMuNuNu: pdg(0.1739, 0.0004, "1", "BR(τ- → μ- ν̄_μ ν_τ)"),
  /** BR(τ → e ν ν̄). */
  brTauToENuNu: pdg(0.1782, 0.0004, "1", "BR(τ- → e- ν̄_e ν_τ)"),
  tauLifetime: pdg(2.903e-13, 0.005e-13, "s", "τ mean life"),
  muonLifetime: pdg(2.1969811e-6, 0.0000022e-6, "s", "μ mean life"),
  rhoMass: pdg(0.77526, 0.00023, "GeV", "ρ(770) mass (e+e- and τ average)"),
  rhoWidth: pdg(0.1474, 0.0008, "GeV", "ρ(770) width"),
  rhoGammaEE: pdg(7.04e-6, 0.06e-6, "GeV", "Γ(ρ(770) → e+e-) = 7.04 ± 0.06 keV"),
  brRhoToMuMu: pdg(4.55e-5, 0.28e-5, "1", "BR(ρ⁰ → μ+μ-)"),
  omegaMass: pdg(0.78266, 0.00013, "GeV", "ω(782) mass"),
  omegaWidth: pdg(8.68e-3, 0.13e-3, "GeV", "ω(782) width = 8.68 ± 0.13 MeV"),
  omegaGammaEE: pdg(0.6e-6, 0.02e-6, "GeV", "Γ(ω(782) → e+e-) = 0.60 ± 0.02 keV"),
  brOmegaToMuMu: pdg(7.4e-5, 1.8e-5, "1", "BR(ω(782) → μ+μ-) = (7.4 ± 1.8)e-5"),
  brOmegaToPiPi: pdg(0.0153, 0.0013, "1", "BR(ω(782) → π+π-) = (1.53 +0.11 −0.13)%, the larger error kept"),
  phiMass: pdg(1.019461, 0.000016, "GeV", "φ(1020) mass"),
  phiWidth: pdg(4.249e-3, 0.013e-3, "GeV", "φ(1020) width = 4.249 ± 0.013 MeV"),
  phiGammaEE: pdg(1.27e-6, 0.04e-6, "GeV", "Γ(φ(1020) → e+e-) = 1.27 ± 0.04 keV"),
  brPhiToMuMu: pdg(2.86e-4, 0.19e-4, "1", "BR(φ(1020) → μ+μ-) = (2.86 ± 0.19)e-4"),
  jpsiMass: pdg(3.0969, 0.000006, "GeV", "J/ψ(1S) mass"),
  jpsiWidth: pdg(92.6e-6, 1.7e-6, "GeV", "J/ψ(1S) width"),
  jpsiGammaEE: pdg(5.53e-6, 0.1e-6, "GeV", "Γ(J/ψ(1S) → e+e-) = 5.53 ± 0.10 keV"),
  brJpsiToMuMu: pdg(0.05961, 0.00033, "1", "BR(J/ψ → μ+μ-)"),
  psi2SMass: pdg(3.6861, 0.00006, "GeV", "ψ(2S) mass = 3686.10 ± 0.06 MeV"),
  psi2SWidth: pdg(294e-6, 8e-6, "GeV", "ψ(2S) width = 294 ± 8 keV"),
  psi2SGammaEE: pdg(2.33e-6, 0.04e-6, "GeV", "Γ(ψ(2S) → e+e-) = 2.33 ± 0.04 keV"),
  brPsi2SToMuMu: pdg(8.0e-3, 0.6e-3, "1", "BR(ψ(2S) → μ+μ-) = (8.0 ± 0.6)e-3"),
  upsilon1SMass: pdg(9.4603, 0.00026, "GeV", "Υ(1S) mass"),
  upsilon1SWidth: pdg(54.02e-6, 1.25e-6, "GeV", "Υ(1S) width"),
  upsilon1SGammaEE: pdg(1.34e-6, 0.018e-6, "GeV", "Γ(Υ(1S) → e+e-) = 1.340 ± 0.018 keV"),
  brUpsilon1SToMuMu: pdg(0.0248, 0.0004, "1", "BR(Υ(1S) → μ+μ-)"),
  upsilon2SMass: pdg(10.02326, 0.00031, "GeV", "Υ(2S) mass = 10023.26 ± 0.31 MeV"),
  upsilon2SWidth: pdg(31.98e-6, 2.63e-6, "GeV", "Υ(2S) width = 31.98 ± 2.63 keV"),
  upsilon2SGammaEE: pdg(0.612e-6, 0.011e-6, "GeV", "Γ(Υ(2S) → e+e-) = 0.612 ± 0.011 keV"),
  brUpsilon2SToMuMu: pdg(0.0193, 0.0017, "1", "BR(Υ(2S) → μ+μ-) = (1.93 ± 0.17)%"),
  brUpsilon2SToUpsilon1SPiPi: pdg(0.1785, 0.0026, "1", "BR(Υ(2S) → Υ(1S)π+π-) = (17.85 ± 0.26)%"),
  upsilon3SMass: pdg(10.3552, 0.0005, "GeV", "Υ(3S) mass = 10355.2 ± 0.5 MeV"),
  upsilon3SWidth: pdg(20.32e-6, 1.85e-6, "GeV", "Υ(3S) width = 20.32 ± 1.85 keV"),
  upsilon3SGammaEE: pdg(0.443e-6, 0.008e-6, "GeV", "Γ(Υ(3S) → e+e-) = 0.443 ± 0.008 keV"),
  brUpsilon3SToMuMu: pdg(0.0218, 0.0021, "1", "BR(Υ(3S) → μ+μ-) = (2.18 ± 0.21)%"),
  brUpsilon3SToUpsilon1SPiPi: pdg(0.0437, 0.0008, "1", "BR(Υ(3S) → Υ(1S)π+π-) = (4.37 ± 0.08)%"),
  /** Avogadro's constant; exact since the 2019 SI redefinition. */
  avogadro: pdg(6.02214076e23, 0, "mol^-1", "Avogadro constant N_A, exact (SI 2019; physical constants table)"),
  /** Beryllium (MUonE targets): atomic number, molar mass and density. */
  berylliumAtomicNumber: pdg(4, 0, "1", "atomic and nuclear properties of materials: beryllium, Z = 4"),
  berylliumMolarMass: pdg(
    9.0121831,
    0.0000005,
    "g/mol",
    "atomic and nuclear properties of materials: beryllium, A = 9.0121831(5) g/mol",
  ),
  berylliumDensity: pdg(1.848, 0, "g/cm^3", "atomic and nuclear properties of materials: beryllium, ρ = 1.848 g/cm³"),
} as const satisfies Record<string, Measured>;

/** Fine-structure constant at zero momentum transfer, α(0) = 1/137.035999084 (what the seeds use). */
export const ALPHA: number = 1 / CONSTANTS.alphaInverse.value;
/** MS-bar fine-structure constant at m_Z, α̂(m_Z) = 1/127.951. */
export const ALPHA_MZ: number = 1 / CONSTANTS.alphaInverseMz.value;
/** Fermi constant in GeV⁻². */
export const G_F: number = CONSTANTS.fermiConstant.value;
/** sin²θ_W (MS-bar at m_Z). */
export const SIN2_THETA_W: number = CONSTANTS.sin2ThetaW.value;
/** Electron mass. */
export const M_E: GeV = gev(CONSTANTS.electronMass.value);
/** Muon mass. */
export const M_MU: GeV = gev(CONSTANTS.muonMass.value);
/** τ mass. */
export const M_TAU: GeV = gev(CONSTANTS.tauMass.value);
/** Charged-pion mass. */
export const M_PI: GeV = gev(CONSTANTS.chargedPionMass.value);
/** Neutral-pion mass. */
export const M_PI0: GeV = gev(CONSTANTS.neutralPionMass.value);
/** Charged-kaon mass. */
export const M_K: GeV = gev(CONSTANTS.chargedKaonMass.value);
/** Charged-kaon mean life. */
export const TAU_K: Seconds = seconds(CONSTANTS.chargedKaonLifetime.value);
/** BR(K+ → μ+ ν). */
export const BR_K_MUNU: number = CONSTANTS.brKaonToMuNu.value;
/** Kaon decay constant f_K. */
export const F_K: GeV = gev(CONSTANTS.kaonDecayConstant.value);
/** Z mass. */
export const M_Z: GeV = gev(CONSTANTS.zMass.value);
/** Z width. */
export const GAMMA_Z: GeV = gev(CONSTANTS.zWidth.value);
/** W mass. */
export const M_W: GeV = gev(CONSTANTS.wMass.value);
/** BR(Z → e+e-), Jho2019 eq. (2.8). */
export const BR_Z_EE: number = CONSTANTS.brZToEE.value;
/** BR(Z → μ+μ-), Jho2019 eq. (2.9). */
export const BR_Z_MUMU: number = CONSTANTS.brZToMuMu.value;
/** BR(τ → μ ν ν̄). */
export const BR_TAU_MUNUNU: number = CONSTANTS.brTauToMuNuNu.value;
/** BR(τ → e ν ν̄). */
export const BR_TAU_ENUNU: number = CONSTANTS.brTauToENuNu.value;
/** J/ψ mass. */
export const M_JPSI: GeV = gev(CONSTANTS.jpsiMass.value);
/** Υ(1S) mass. */
export const M_UPSILON_1S: GeV = gev(CONSTANTS.upsilon1SMass.value);
/** ρ(770) mass. */
export const M_RHO: GeV = gev(CONSTANTS.rhoMass.value);

/** ψ(2S) mass. */
export const M_PSI_2S: GeV = gev(CONSTANTS.psi2SMass.value);
/** Υ(2S) mass. */
export const M_UPSILON_2S: GeV = gev(CONSTANTS.upsilon2SMass.value);
/** Υ(3S) mass. */
export const M_UPSILON_3S: GeV = gev(CONSTANTS.upsilon3SMass.value);
/** ω(782) mass. */
export const M_OMEGA: GeV = gev(CONSTANTS.omegaMass.value);
/** φ(1020) mass. */
export const M_PHI: GeV = gev(CONSTANTS.phiMass.value);

/** Avogadro's constant N_A (mol⁻¹), exact since the 2019 SI redefinition. */
export const AVOGADRO_PER_MOL: number = CONSTANTS.avogadro.value;

/** A material by atomic number, molar mass and density (targets, absorbers). */
export interface Material {
  /** Atomic number Z (electrons per atom). */
  readonly z: number;
  /** Molar mass A (g/mol). */
  readonly molarMassGPerMol: number;
  /** Density (g/cm³). */
  readonly densityGPerCm3: number;
}

/** Beryllium: Z = 4, A = 9.0121831 g/mol, ρ = 1.848 g/cm³ (PDG atomic and nuclear properties of materials). */
export const BERYLLIUM: Material = {
  z: CONSTANTS.berylliumAtomicNumber.value,
  molarMassGPerMol: CONSTANTS.berylliumMolarMass.value,
  densityGPerCm3: CONSTANTS.berylliumDensity.value,
};

/** The dimuon threshold 2 m_μ = 0.211317 GeV (Belle2-4mu scans from 0.212 GeV). */
export const DIMUON_THRESHOLD: GeV = gev(2 * CONSTANTS.muonMass.value);
