/**
 * Indirect constraints on the Z' as functions of its mass: the Z-pole μ/e universality bound, the
 * neutrino-trident bound, and the BBN mass bound as documented data.
 *
 * @packageDocumentation
 */

import { dilog } from "@muonphilic/numeric";
import {
  ALPHA,
  argumentError,
  BR_Z_EE,
  BR_Z_MUMU,
  CONSTANTS,
  G_F,
  type GeV,
  gev,
  M_MU,
  M_Z,
  requireNonNegative,
  requireOneOf,
  requirePositive,
  SIN2_THETA_W,
} from "@muonphilic/units";

/**
 * The Z-vertex loop function F₂(x), x = m_X²/m_Z² (Jho2019 eq. (2.6)):
 * F₂(x) = -2{7/4 + x + (x + 3/2) ln x + (1 + x)²[Li₂(x/(1+x)) + ½ ln²(x/(1+x)) - π²/6]}.
 * It equals Re Λ₂ of Hollik's vertex function; F₂ → -ln²x - 3 ln x - 7/2 + π²/3 for x → 0 (so that
 * F₁ + F₂ → 3/2: real and virtual emission combine into the infrared-finite (3/2)(g²/8π²)), and
 * F₂ → (2/3 ln x + 11/9)/x (decoupling) for x → ∞; above x = 200 that expansion (to 1/x⁴) is used.
 * @param x - m_X²/m_Z² > 0
 * @returns F₂(x) (numeric kernel: `NaN` for x ≤ 0)
 */
export function zPoleF2(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x > 200) {
    // The closed form cancels to O(ln x / x) among O(x²) terms: use its expansion in
    // ε = 1/(1 + x), L = ln ε (derived from the reflected dilogarithm; truncation < 1e-10 here).
    const e = 1 / (1 + x);
    const l = Math.log(e);
    return e * (11 / 9 - (2 * l) / 3 + e * (3 / 8 - l / 2 + e * (2 / 25 - (2 * l) / 5 + e * (-l / 3 - 1 / 18))));
  }
  const y = x / (1 + x);
  const ly = Math.log(y);
  const lx = Math.log(x);
  return -2 * (1.75 + x + (x + 1.5) * lx + (1 + x) * (1 + x) * (dilog(y) + 0.5 * ly * ly - (Math.PI * Math.PI) / 6));
}

/** Arguments of {@link zPoleExcludedCoupling}. */
export interface ZPoleOptions {
  /** m_X in GeV, > 0. */
  readonly mass: number;
  /**
   * Extra allowance in standard deviations of R = BR(Z→μμ)/BR(Z→ee) (uncorrelated errors of
   * Jho2019 eqs. (2.8)-(2.9)) added to Jho2019's criterion |R - 1| (eq. (2.7)). Default 0: Jho2019.
   */
  readonly nSigma?: number;
  /**
   * `corrected` (default): ΔΓ/Γ = (g²/8π²) F₂; `as-printed`: Jho2019 eq. (2.5)'s g²/(16π²). The
   * vertex correction is (g²/16π²) F₂ on the amplitude, so the width ratio gets twice that; g²/8π² is
   * also what makes the real emission of eq. (3.1) and the virtual correction combine into the
   * infrared-finite (3/2)(g²/8π²). The printed prefactor gives a bound weaker by √2.
   */
  readonly convention?: "corrected" | "as-printed";
}

/**
 * The coupling above which the X vertex correction to Z → μμ exceeds the measured lepton
 * universality, Jho2019 eqs. (2.5)-(2.9): |k g² F₂(m_X²/m_Z²)| < |R - 1| (+ nσ_R),
 * R = BR(Z → μμ)/BR(Z → ee), k = 1/8π² (corrected) or 1/16π² (as printed).
 * @param options - mass (GeV), nSigma, convention
 * @returns the excluded-above coupling g_max
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for mass ≤ 0 or nSigma < 0; `UNKNOWN_NAME` for a bad convention
 * @example
 * ```ts
 * zPoleExcludedCoupling({ mass: 0.1 }); // ≈ 0.0221
 * ```
 */
export function zPoleExcludedCoupling(options: ZPoleOptions): number {
  const mass = requirePositive("mass", options.mass, "GeV");
  const n = requireNonNegative("nSigma", options.nSigma ?? 0);
  const convention = requireOneOf("convention", options.convention ?? "corrected", [
    "corrected",
    "as-printed",
  ] as const);
  const r = BR_Z_MUMU / BR_Z_EE;
  const sigmaR = r * Math.hypot(CONSTANTS.brZToMuMu.uncertainty / BR_Z_MUMU, CONSTANTS.brZToEE.uncertainty / BR_Z_EE);
  const allowed = Math.abs(r - 1) + n * sigmaR;
  const k = convention === "corrected" ? 1 / (8 * Math.PI * Math.PI) : 1 / (16 * Math.PI * Math.PI);
  return Math.sqrt(allowed / (k * Math.abs(zPoleF2((mass * mass) / (M_Z * M_Z)))));
}

/** Neutrino-trident inputs (Jho2019 sec. 2, Ibe2017 eq. (6)). */
export const TRIDENT: {
  /** CCFR σ/σ_SM central value. */
  readonly ccfrRatio: number;
  /** CCFR σ/σ_SM uncertainty. */
  readonly ccfrUncertainty: number;
  /** CCFR mean neutrino energy in GeV (Jho2019: "E_ν ≃ 160 GeV"). */
  readonly neutrinoEnergy: GeV;
  /**
   * Typical momentum transfer to the iron nucleus in coherent trident production, in GeV: the
   * nuclear form factor cuts |q| at ~ √6/R_Fe ≈ 0.1 GeV. An order-of-magnitude modelling choice.
   */
  readonly coherentMomentum: GeV;
} = {
  ccfrRatio: 0.82,
  ccfrUncertainty: 0.28,
  neutrinoEnergy: gev(160),
  coherentMomentum: gev(0.1),
};

/** Arguments of {@link tridentRatio}. */
export interface TridentOptions {
  /** m_X in GeV, 0 < m_X < m_μ (eq. (2.10) is the light-X limit). */
  readonly mass: number;
  /** g' ≥ 0. */
  readonly coupling: number;
  /**
   * Invariant mass squared ŝ of the ν γ* subprocess in GeV², > m_μ² e^{19/6} (so that σ_SM > 0).
   * Default 2 E_ν |q| with {@link TRIDENT} (≈ 32 GeV²): eq. (2.10) is a leading-log formula at fixed ŝ,
   * not the equivalent-photon convolution, so the bound is indicative.
   */
  readonly sHat?: number;
}

const defaultSHat = (): number => 2 * TRIDENT.neutrinoEnergy * TRIDENT.coherentMomentum;

function tridentPieces(mass: number, sHat: number): { sm: number; inter: number; x: number } {
  const cv = 0.5 + 2 * SIN2_THETA_W;
  const ca = 0.5;
  const l = Math.log(sHat / (M_MU * M_MU));
  return {
    sm: 0.5 * (cv * cv + ca * ca) * ((2 * G_F * G_F * ALPHA * sHat) / (9 * Math.PI * Math.PI)) * (l - 19 / 6),
    inter: ((G_F * cv * ALPHA) / (Math.SQRT2 * 3 * Math.PI * Math.PI)) * l * l, // × g²
    x: ((1 / (M_MU * M_MU)) * 7 * ALPHA * Math.log((M_MU * M_MU) / (mass * mass))) / (72 * Math.PI * Math.PI), // × g⁴
  };
}

function validateTrident(massIn: number, sHatIn: number | undefined): { mass: number; sHat: number } {
  const mass = requirePositive("mass", massIn, "GeV");
  if (!(mass < M_MU)) {
    throw argumentError("OUT_OF_DOMAIN", "mass", mass, `< m_μ = ${M_MU} GeV (Jho2019 eq. (2.10) is the light-X limit)`);
  }
  const sHat = requirePositive("sHat", sHatIn ?? defaultSHat(), "GeV²");
  const sMin = M_MU * M_MU * Math.exp(19 / 6);
  if (!(sHat > sMin)) throw argumentError("OUT_OF_DOMAIN", "sHat", sHat, `> m_μ² e^(19/6) = ${sMin} GeV² (σ_SM > 0)`);
  return { mass, sHat };
}

/**
 * σ(SM + X)/σ(SM) of neutrino trident production ν N → ν N μ+μ-, Jho2019 eq. (2.10):
 * σ_SM = ½(C_V² + C_A²)(2G_F²αŝ/9π²)(ln(ŝ/m_μ²) - 19/6), σ_int = G_F g² C_V α ln²(ŝ/m_μ²)/(3√2 π²),
 * σ_X = (7g⁴α/72π²m_μ²) ln(m_μ²/m_X²), with C_V = ½ + 2 sin²θ_W, C_A = ½ (ν_μ: W and Z).
 * @param options - mass (GeV), coupling, sHat (GeV²)
 * @returns the ratio (≥ 1)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for mass outside (0, m_μ), coupling < 0, sHat too small
 * @example
 * ```ts
 * tridentRatio({ mass: 0.01, coupling: 1e-3 }); // ≈ 1.077
 * ```
 */
export function tridentRatio(options: TridentOptions): number {
  const { mass, sHat } = validateTrident(options.mass, options.sHat);
  const g2 = requireNonNegative("coupling", options.coupling) ** 2;
  const p = tridentPieces(mass, sHat);
  return 1 + (p.inter * g2 + p.x * g2 * g2) / p.sm;
}

/** Arguments of {@link tridentExcludedCoupling}. */
export interface TridentBoundOptions {
  /** m_X in GeV, 0 < m_X < m_μ. */
  readonly mass: number;
  /** ŝ in GeV² (see {@link TridentOptions.sHat}). */
  readonly sHat?: number;
  /** Number of standard deviations above the CCFR central value, ≥ 0 (default 1.96: 95% CL two-sided). */
  readonly nSigma?: number;
}

/**
 * The coupling above which σ(SM+X)/σ(SM) exceeds CCFR's 0.82 + n × 0.28 (Jho2019 eq. (2.10)):
 * the positive root of (σ_X/σ_SM) y² + (σ_int/σ_SM) y = R_max - 1, y = g².
 * @param options - mass (GeV), sHat (GeV²), nSigma
 * @returns g_max (0 if even g = 0 exceeds R_max)
 * @throws {@link PhysError} as {@link tridentRatio}; `OUT_OF_DOMAIN` for nSigma < 0
 * @example
 * ```ts
 * tridentExcludedCoupling({ mass: 0.01 }); // ≈ 1.8e-3
 * ```
 */
export function tridentExcludedCoupling(options: TridentBoundOptions): number {
  const { mass, sHat } = validateTrident(options.mass, options.sHat);
  const n = requireNonNegative("nSigma", options.nSigma ?? 1.96);
  const excess = TRIDENT.ccfrRatio + n * TRIDENT.ccfrUncertainty - 1;
  if (!(excess > 0)) return 0;
  const p = tridentPieces(mass, sHat);
  const a = p.x / p.sm;
  const b = p.inter / p.sm;
  // a y² + b y - excess = 0, stable positive root
  const y = (2 * excess) / (b + Math.sqrt(b * b + 4 * a * excess));
  return Math.sqrt(y);
}

/** A BBN (ΔN_eff) lower bound on the mass of a Z' in equilibrium with ν_μ, ν_τ. */
export interface BbnBound {
  /** The ΔN_eff requirement. */
  readonly deltaNeffMax: number;
  /** Masses below this (GeV) are disfavoured. */
  readonly massMin: GeV;
  /** Where it comes from. */
  readonly source: string;
}

/**
 * BBN bounds as documented data: a Z' that thermalises with ν_μ, ν_τ (g' ≳ 4e-9, Jho2019 sec. 2)
 * heats them after neutrino decoupling and raises N_eff.
 */
export const BBN_BOUNDS: readonly BbnBound[] = [
  {
    deltaNeffMax: 0.7,
    massMin: gev(5.3e-3),
    source: "Jho2019 sec. 2 (Kamada & Yu 2015): ΔN_eff < 0.7 disfavours m_X ≲ 5.3 MeV",
  },
  {
    deltaNeffMax: 0.1,
    massMin: gev(10e-3),
    source: "Jho2019 sec. 2 (Kamada & Yu 2015): ΔN_eff < 0.1 disfavours m_X ≲ 10 MeV",
  },
  { deltaNeffMax: 1, massMin: gev(5e-3), source: "Ibe2017 sec. II.E: ΔN_eff ≲ 1 gives m_Z' ≳ 5 MeV" },
];

/** The coupling above which the Z' thermalises, so that the BBN bounds apply (Jho2019 sec. 2). */
export const BBN_THERMALISATION_COUPLING = 4e-9;
