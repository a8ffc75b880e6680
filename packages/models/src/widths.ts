/**
 * Partial and total widths, branching fractions, lifetime and decay length of the Z' and of S.
 *
 * @packageDocumentation
 */
import {
  ALPHA,
  type GeV,
  gev,
  HBARC_GEV_MM,
  M_MU,
  M_TAU,
  type Mm,
  mm,
  requireNonNegative,
  requirePositive,
  type Seconds,
  widthToLifetime,
} from "@muonphilic/units";
import { muonphilicScalar, type ScalarOptions, type ZPrimeOptions, zPrime } from "./models.js";

/**
 * Width of a vector boson of mass M into a Dirac pair of mass m through a vector coupling g, per g²:
 * Γ/g² = M/(12π) (1 + 2m²/M²) √(1 - 4m²/M²), zero below threshold.
 *
 * The (1 + 2m²/M²) factor is the standard one (|M|² summed: 4g²(M² + 2m²)). Jho2019 eqs. (2.4),
 * (3.8) and (3.9) print (1 + m²/M²): a misprint (it would make the width at threshold 5/6 of the
 * correct one for a massive fermion; the two agree for massless final states).
 *
 * @param mass - M in GeV
 * @param fermionMass - m in GeV
 * @returns Γ/g² in GeV (a numeric kernel: `NaN` for `NaN` input)
 */
export function vectorToDiracWidthPerG2(mass: number, fermionMass: number): number {
  const r = (fermionMass * fermionMass) / (mass * mass);
  if (!(4 * r < 1)) return Number.isNaN(r) ? Number.NaN : 0;
  return (mass / (12 * Math.PI)) * (1 + 2 * r) * Math.sqrt(1 - 4 * r);
}

/** Partial widths (GeV) and branching fractions of the Z'. */
export interface ZPrimeWidths {
  /** Γ(Z' → ν_μ ν̄_μ) = g'² m/(24π) (left-handed neutrinos only; Jho2019 eq. (3.8) with m_ν = 0). */
  readonly nuMu: GeV;
  /** Γ(Z' → ν_τ ν̄_τ) = g'² m/(24π). */
  readonly nuTau: GeV;
  /** Γ(Z' → μ+μ-). */
  readonly mu: GeV;
  /** Γ(Z' → τ+τ-). */
  readonly tau: GeV;
  /** Γ(Z' → χχ̄) (0 in the vanilla model). */
  readonly chi: GeV;
  /** Total width. */
  readonly total: GeV;
  /** BR(Z' → invisible) = (Γ_νμ + Γ_ντ + Γ_χ)/Γ. */
  readonly invisibleBR: number;
  /** BR(Z' → μ+μ-). */
  readonly muMuBR: number;
  /** BR(Z' → τ+τ-). */
  readonly tauTauBR: number;
  /** BR into charged leptons, 1 - invisibleBR. */
  readonly visibleBR: number;
}

/**
 * Partial widths, total width and branching fractions of the L_μ - L_τ Z'.
 *
 * Γ(ν_ℓ ν̄_ℓ) = g'² m/(24π) per flavour; Γ(ℓ+ℓ-) = g'² m/(12π)(1 + 2m_ℓ²/m²)√(1 - 4m_ℓ²/m²);
 * Γ(χχ̄) = g_D² m/(12π)(1 + 2m_χ²/m²)√(1 - 4m_χ²/m²) (Jho2019 eqs. (2.4), (3.8), (3.9) with the
 * corrected Dirac factor: see {@link vectorToDiracWidthPerG2}). Γ_minimal = g'² m/(12π) below the
 * dimuon threshold, as Jho2019 states under eq. (2.4). In the vanilla model the branching fractions
 * do not depend on g' (they are computed from the widths per g'², so g' = 0 is allowed); in the
 * fully-invisible model they do.
 *
 * @param options - mass m_Z' (GeV), coupling g', variant, darkCoupling g_D, darkMass m_χ (GeV)
 * @returns widths in GeV and branching fractions
 * @throws {@link PhysError} see {@link zPrime}
 * @example
 * ```ts
 * zPrimeWidths({ mass: 1, coupling: 1e-3 }).invisibleBR; // ≈ 0.50019
 * zPrimeWidths({ mass: 0.1, coupling: 5e-4 }).total;     // = 0.1 × 2.5e-7/(12π) ≈ 6.6e-10 GeV
 * ```
 */
export function zPrimeWidths(options: ZPrimeOptions): ZPrimeWidths {
  const model = zPrime(options);
  const m = model.mass;
  const g2 = model.coupling * model.coupling;
  const nu = m / (24 * Math.PI);
  const mu = vectorToDiracWidthPerG2(m, M_MU);
  const tau = vectorToDiracWidthPerG2(m, M_TAU);
  const totalSm = 2 * nu + mu + tau;
  const chi = model.darkCoupling ** 2 * vectorToDiracWidthPerG2(m, model.darkMass);
  // Branching fractions from g'-independent pieces where possible (vanilla: exact for any g').
  const denominator = chi === 0 ? totalSm : g2 * totalSm + chi;
  const scale = chi === 0 ? 1 : g2;
  const invisibleBR = (scale * 2 * nu + chi) / denominator;
  return {
    nuMu: gev(g2 * nu),
    nuTau: gev(g2 * nu),
    mu: gev(g2 * mu),
    tau: gev(g2 * tau),
    chi: gev(chi),
    total: gev(g2 * totalSm + chi),
    invisibleBR,
    muMuBR: (scale * mu) / denominator,
    tauTauBR: (scale * tau) / denominator,
    visibleBR: (scale * (mu + tau)) / denominator,
  };
}

// Series of arcsin²(√τ) = Σ a_n τⁿ, a_n = 2^(2n-1)/(n² C(2n, n)), used for small τ.
const ARCSIN2_SERIES: readonly number[] = (() => {
  const a: number[] = [];
  let binom = 2; // C(2n, n) at n = 1
  let pow = 2; // 2^(2n-1) at n = 1
  for (let n = 1; n <= 16; n++) {
    a.push(pow / (n * n * binom));
    binom = (binom * (2 * n + 1) * (2 * n + 2)) / ((n + 1) * (n + 1));
    pow *= 4;
  }
  return a;
})();

/**
 * The spin-½ loop amplitude of a scalar decaying to two photons, A_½(τ) = 2[τ + (τ - 1) f(τ)]/τ²,
 * with τ = m_S²/(4m_f²), f(τ) = arcsin²√τ for τ ≤ 1 and -¼[ln((1 + √(1 - 1/τ))/(1 - √(1 - 1/τ))) - iπ]²
 * above (the Higgs → γγ fermion loop, normalised to A_½ → 4/3 for a heavy fermion). Below τ = 0.05
 * the cancellation in τ + (τ - 1) f is done analytically on the series of f.
 *
 * @param tau - τ = m_S²/(4 m_f²) ≥ 0
 * @returns [Re A_½, Im A_½]; `[NaN, NaN]` for τ < 0 or `NaN`
 */
export function fermionLoopAmplitude(tau: number): [number, number] {
  if (!(tau >= 0)) return [Number.NaN, Number.NaN];
  if (tau < 0.05) {
    // τ + (τ - 1) f = Σ_{n≥2} (a_{n-1} - a_n) τⁿ
    let sum = 0;
    let p = 1;
    for (let n = 2; n <= ARCSIN2_SERIES.length; n++) {
      sum += ((ARCSIN2_SERIES[n - 2] as number) - (ARCSIN2_SERIES[n - 1] as number)) * p;
      p *= tau;
    }
    return [2 * sum, 0];
  }
  let reF: number;
  let imF = 0;
  if (tau <= 1) {
    const a = Math.asin(Math.sqrt(tau));
    reF = a * a;
  } else {
    const b = Math.sqrt(1 - 1 / tau);
    const l = Math.log((1 + b) / (1 - b));
    reF = -(l * l - Math.PI * Math.PI) / 4;
    imF = (Math.PI * l) / 2;
  }
  const t2 = tau * tau;
  return [(2 * (tau + (tau - 1) * reF)) / t2, (2 * (tau - 1) * imF) / t2];
}

/** Partial widths (GeV) and branching fractions of the muonphilic scalar. */
export interface ScalarWidths {
  /** Γ(S → μ+μ-) = g_S² m β³/(8π), β = √(1 - 4m_μ²/m²). */
  readonly mu: GeV;
  /** Γ(S → γγ) through the muon loop. */
  readonly gammaGamma: GeV;
  /** Total width. */
  readonly total: GeV;
  /** BR(S → μ+μ-). */
  readonly muMuBR: number;
  /** BR(S → γγ). */
  readonly gammaGammaBR: number;
}

/**
 * Widths of the muonphilic scalar S with L = -g_S S μ̄μ.
 *
 * Γ(S → μ+μ-) = g_S² m_S β³/(8π) (p-wave: β³). Γ(S → γγ) = α² g_S² m_S³ |A_½(τ)|²/(256 π³ m_μ²),
 * τ = m_S²/(4m_μ²): the Higgs → γγ fermion-loop formula with the Higgs Yukawa m_f/v replaced by g_S
 * (see {@link fermionLoopAmplitude}). Below the dimuon threshold S decays to γγ only.
 *
 * @param options - mass m_S (GeV) and coupling g_S
 * @returns widths in GeV and branching fractions
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for mass ≤ 0 or coupling < 0
 * @example
 * ```ts
 * scalarWidths({ mass: 1, coupling: 1e-3 }).muMuBR; // ≈ 0.99999
 * ```
 */
export function scalarWidths(options: ScalarOptions): ScalarWidths {
  const model = muonphilicScalar(options);
  const m = model.mass;
  const g2 = model.coupling * model.coupling;
  const r = (4 * M_MU * M_MU) / (m * m);
  const mu = r < 1 ? (m / (8 * Math.PI)) * (1 - r) ** 1.5 : 0;
  const [re, im] = fermionLoopAmplitude((m * m) / (4 * M_MU * M_MU));
  const gg = ((ALPHA * ALPHA * m * m * m) / (256 * Math.PI ** 3 * M_MU * M_MU)) * (re * re + im * im);
  const tot = mu + gg;
  return {
    mu: gev(g2 * mu),
    gammaGamma: gev(g2 * gg),
    total: gev(g2 * tot),
    muMuBR: mu / tot,
    gammaGammaBR: gg / tot,
  };
}

/**
 * Proper lifetime τ = ħ/Γ.
 * @param width - total width Γ in GeV, > 0
 * @returns τ in seconds
 * @throws {@link PhysError} `OUT_OF_DOMAIN` if width ≤ 0
 * @example
 * ```ts
 * properLifetime(zPrimeWidths({ mass: 0.1, coupling: 5e-4 }).total); // ≈ 1.0e-15 s
 * ```
 */
export function properLifetime(width: number): Seconds {
  return widthToLifetime(requirePositive("width", width, "GeV"));
}

/** Arguments of {@link labDecayLength}. */
export interface DecayLengthOptions {
  /** Boson mass in GeV, > 0. */
  readonly mass: number;
  /** Total width in GeV, > 0. */
  readonly width: number;
  /** Lab momentum |p| in GeV, ≥ 0. */
  readonly momentum: number;
}

/**
 * Mean lab decay length L = βγ cτ = (|p|/m) ħc/Γ.
 * @param options - mass (GeV), width (GeV), momentum (GeV)
 * @returns L in mm
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for mass ≤ 0, width ≤ 0 or momentum < 0
 * @example
 * ```ts
 * labDecayLength({ mass: 0.5, width: 1e-9, momentum: 3 }); // ≈ 1.2e-3 mm
 * ```
 */
export function labDecayLength(options: DecayLengthOptions): Mm {
  const mass = requirePositive("mass", options.mass, "GeV");
  const width = requirePositive("width", options.width, "GeV");
  const p = requireNonNegative("momentum", options.momentum, "GeV");
  return mm(((p / mass) * HBARC_GEV_MM) / width);
}
