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
  brRhoToMuMu: pdg(4.55e-5, 0.28e-5, "1", "BR(ρ⁰ → μ+μ-)"),
  omegaMass: pdg(0.78266, 0.00013, "GeV", "ω(782) mass"),
  phiMass: pdg(1.019461, 0.000016, "GeV", "φ(1020) mass"),
  jpsiMass: pdg(3.0969, 0.000006, "GeV", "J/ψ(1S) mass"),
  jpsiWidth: pdg(92.6e-6, 1.7e-6, "GeV", "J/ψ(1S) width"),
  brJpsiToMuMu: pdg(0.05961, 0.00033, "1", "BR(J/ψ → μ+μ-)"),
  upsilon1SMass: pdg(9.4603, 0.00026, "GeV", "Υ(1S) mass"),
  upsilon1SWidth: pdg(54.02e-6, 1.25e-6, "GeV", "Υ(1S) width"),
  brUpsilon1SToMuMu: pdg(0.0248, 0.0004, "1", "BR(Υ(1S) → μ+μ-)"),
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

/** The dimuon threshold 2 m_μ = 0.211317 GeV (Belle2-4mu scans from 0.212 GeV). */
export const DIMUON_THRESHOLD: GeV = gev(2 * CONSTANTS.muonMass.value);
