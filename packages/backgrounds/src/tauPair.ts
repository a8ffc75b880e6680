/**
 * e+e- → τ+τ- → μ+μ- ν_μ ν̄_μ ν_τ ν̄_τ (Jho2019 sec. 3.2, eqs. (3.11)-(3.13)): the tau-pair
 * background of the μ+μ- + missing-energy searches.
 *
 * Rate: σ = σ(e+e- → τ+τ-) · BR(τ → μνν̄)² = 0.919 nb × 0.1739² = 27.79 pb, Jho2019 eq. (3.11)
 * (σ_ττ = 0.919 nb at the Υ(4S) with radiative corrections, Belle II Physics Book Table 1 (Kou2019);
 * the Born value would give 23.3 pb).
 *
 * Kinematics, exact at tree level with the τ and μ masses (the collinear spectrum of Jho2019 eq.
 * (3.12) is its β_τ → 1 limit, checked in the tests):
 * 1. ISR x from the radiator and the τ-pair Born cross section (optional), s' = s(1 − x);
 * 2. the τ- direction from 1 + cos²θ + sin²θ/γ² (γ*-exchange; the Z contribution, P_τ ≈ 0 at
 *    10.58 GeV, is neglected as Jho2019 does);
 * 3. each τ decays by the V-A matrix element |M|² ∝ (p_τ·k_ν̄)(q_μ·k_ν) (τ- → μ- ν̄_μ ν_τ; for τ+ the
 *    charge conjugate), i.e. the Michel spectrum with ρ = δ = 3/4, ξ = 1 and the muon mass;
 * 4. the spin correlation of the pair: the event is kept with probability (1 + Σ C_ij h₁ᵢ h₂ⱼ)/2,
 *    h₁ = n̂(ν̄_μ) in the τ- rest frame and h₂ = −n̂(ν_μ) in the τ+ rest frame (the exact V-A
 *    polarimeters of a leptonic decay), C the correlation matrix of γ* → τ+τ- in the helicity axes
 *    (x' in the production plane towards larger θ, z' along the τ-), with D = 1 + c² + s²/γ²:
 *    C_zz = (1 + c² − s²/γ²)/D, C_xx = s²(1 + 1/γ²)/D, C_yy = −β² s²/D, C_xz = C_zx = −sin2θ/(γD)
 *    ({@link tauSpinCorrelation}; Tsai1971; checked against explicit Dirac traces with spin projectors,
 *    tools/reference/backgrounds/traces.py, fixture `traces.json`).
 *
 * @packageDocumentation
 */
import {
  allocateColumns,
  type BeamSetup,
  belle2Beams,
  type EventColumns,
  type FourVectorColumns,
  type RandomSource,
  threeBodyMomentaAtRest,
} from "@muonphilic/kinematics";
import { ALPHA, BR_TAU_MUNUNU, M_MU, M_TAU, type Pb, PhysError, pb, requireNonNegative } from "@muonphilic/units";
import { boostArray, eventCount } from "./frames.js";
import { makeIsrSampler } from "./isrSampler.js";

/** Defaults of the tau-pair background. */
export const TAU_PAIR_DEFAULTS = {
  /**
   * σ(e+e- → τ+τ-) at √s = 10.58 GeV in pb: 0.919 nb (Belle II Physics Book, Kou2019 Table 1, with
   * radiative corrections), the cross section behind Jho2019 eq. (3.11).
   */
  sigmaTauTauPb: 919,
  /** Initial-state radiation in the kinematics (the normalisation stays σ_ττ · BR²). */
  isr: true,
} as const;

/**
 * σ(e+e- → τ+τ- → μ+μ- 4ν) = σ_ττ · BR(τ → μνν̄)², Jho2019 eq. (3.11).
 * @param sigmaTauTauPb - σ(e+e- → τ+τ-) in pb (default 919 pb)
 * @returns σ in pb (27.79 pb with the defaults)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for a negative cross section
 * @example
 * ```ts
 * tauPairMuMuSigma(); // ≈ 27.79 pb
 * ```
 */
export function tauPairMuMuSigma(sigmaTauTauPb: number = TAU_PAIR_DEFAULTS.sigmaTauTauPb): Pb {
  return pb(requireNonNegative("sigmaTauTauPb", sigmaTauTauPb, "pb") * BR_TAU_MUNUNU * BR_TAU_MUNUNU);
}

/** Options of {@link generateTauPairMuMu}. */
export interface TauPairOptions {
  /** Number of events (integer ≥ 0); exclusive with `luminosityInvPb`. */
  readonly events?: number;
  /** Integrated luminosity (pb⁻¹): the number of events is Poisson(σ L). */
  readonly luminosityInvPb?: number;
  /** Beams. @defaultValue `belle2Beams()` */
  readonly beams?: BeamSetup;
  /** ISR in the kinematics. @defaultValue {@link TAU_PAIR_DEFAULTS}.isr */
  readonly isr?: boolean;
  /** σ(e+e- → τ+τ-) (pb). @defaultValue {@link TAU_PAIR_DEFAULTS}.sigmaTauTauPb */
  readonly sigmaTauTauPb?: number;
  /** Keep the spin correlation of the pair. @defaultValue true */
  readonly spinCorrelation?: boolean;
}

/** A generated tau-pair sample. */
export interface TauPairSample {
  /** Lab-frame events: `muMinus`, `muPlus`, `neutrinos` (the sum of the four), `gammaIsr` if ISR is on. */
  readonly events: EventColumns<"muMinus" | "muPlus" | "neutrinos" | "gammaIsr">;
  /** Truth: x = E_μ/E_τ of each muon in the centre-of-mass frame of the hard process. */
  readonly xMinus: Float64Array;
  readonly xPlus: Float64Array;
  /** Truth: cos θ of the τ- to the electron beam in the hard-process frame. */
  readonly cosTheta: Float64Array;
  /** The cross section the sample is normalised to (pb). */
  readonly crossSectionPb: number;
}

const TWO_PI = 2 * Math.PI;

/** Draws a τ → μ ν ν̄ decay at rest (V-A), returning [μ, ν(the spin analyser), other ν] as 12 numbers, randomly oriented. */
function decayAtRest(rng: RandomSource, out: Float64Array): void {
  const M = M_TAU;
  const m = M_MU;
  const M2 = M * M;
  const m2 = m * m;
  // daughters (1, 2, 3) = (μ, analyser ν, other ν); |M|² ∝ (M² − m₁₃²)(m₁₃² − m²), max ((M² − m²)/2)²
  const max = ((M2 - m2) / 2) ** 2;
  let m12: number;
  let m23: number;
  for (;;) {
    m12 = m2 + (M2 - m2) * rng.uniform();
    m23 = (M - m) ** 2 * rng.uniform();
    // Dalitz limits of m23² at fixed m12² (m2 = m3 = 0)
    const e2 = (m12 - m2) / (2 * Math.sqrt(m12));
    const e3 = (M2 - m12) / (2 * Math.sqrt(m12));
    if (!(m23 <= 4 * e2 * e3)) continue; // massless 2, 3: 0 ≤ m₂₃² ≤ 4E₂*E₃*
    const m13 = M2 + m2 - m12 - m23;
    if (rng.uniform() * max < (M2 - m13) * (m13 - m2)) break;
  }
  const [a, b, c] = threeBodyMomentaAtRest(M, m, 0, 0, m12, m23);
  // random orientation: rotate by a uniform rotation (axis n isotropic, angle ψ about it)
  const nz = 2 * rng.uniform() - 1;
  const ns = Math.sqrt(Math.max(0, 1 - nz * nz));
  const ph = TWO_PI * rng.uniform();
  const n = [ns * Math.cos(ph), ns * Math.sin(ph), nz] as const;
  const ux0 = Math.abs(n[0]) < 0.9 ? 0 : -n[2];
  const uy0 = Math.abs(n[0]) < 0.9 ? n[2] : 0;
  const uz0 = Math.abs(n[0]) < 0.9 ? -n[1] : n[0];
  const un = Math.hypot(ux0, uy0, uz0);
  const psi = TWO_PI * rng.uniform();
  const cp = Math.cos(psi);
  const sp = Math.sin(psi);
  const u1 = [ux0 / un, uy0 / un, uz0 / un];
  const v1 = [n[1] * u1[2]! - n[2] * u1[1]!, n[2] * u1[0]! - n[0] * u1[2]!, n[0] * u1[1]! - n[1] * u1[0]!];
  const u = [cp * u1[0]! + sp * v1[0]!, cp * u1[1]! + sp * v1[1]!, cp * u1[2]! + sp * v1[2]!];
  const w = [n[1] * u[2]! - n[2] * u[1]!, n[2] * u[0]! - n[0] * u[2]!, n[0] * u[1]! - n[1] * u[0]!];
  let k = 0;
  for (const p of [a, b, c]) {
    out[k] = p.e;
    out[k + 1] = p.px * u[0]! + p.py * w[0]! + p.pz * n[0];
    out[k + 2] = p.px * u[1]! + p.py * w[1]! + p.pz * n[1];
    out[k + 3] = p.px * u[2]! + p.py * w[2]! + p.pz * n[2];
    k += 4;
  }
}

/**
 * The spin-correlation matrix of e+e- → γ* → τ-τ+ (unpolarised beams) in the helicity axes: z'
 * along the τ-, x' in the production plane towards larger θ, y' = z' × x' (module documentation;
 * numeric kernel). The joint decay rate is ∝ 1 + Σ C_ij h₁ᵢ h₂ⱼ for polarimeters h₁ (τ-), h₂ (τ+).
 * @param c - cos θ of the τ- to the electron beam
 * @param beta - τ velocity in the centre-of-mass frame
 * @returns the non-zero elements (C_xz = C_zx; C_xy = C_yz = 0)
 * @example
 * ```ts
 * tauSpinCorrelation(0, 1).zz; // 1: opposite helicities at β → 1
 * ```
 */
export function tauSpinCorrelation(c: number, beta: number): { xx: number; yy: number; zz: number; xz: number } {
  const s2 = 1 - c * c;
  const invG2 = 1 - beta * beta;
  const d = 1 + c * c + s2 * invG2;
  return {
    zz: (1 + c * c - s2 * invG2) / d,
    xx: (s2 * (1 + invG2)) / d,
    yy: (-beta * beta * s2) / d,
    xz: (-2 * Math.sqrt(s2) * c * Math.sqrt(invG2)) / d,
  };
}

/**
 * Generates e+e- → τ+τ- → μ+μ- 4ν events (module documentation), seeded and unweighted, lab frame.
 * @param options - `events` or `luminosityInvPb`, and overrides (see {@link TauPairOptions})
 * @param rng - the seeded random source
 * @returns the sample with its truth
 * @throws {@link PhysError} `INVALID_ARGUMENT` unless exactly one of `events`/`luminosityInvPb` is
 *   given or for a non-integer count; `OUT_OF_DOMAIN` for a negative luminosity or cross section
 * @example
 * ```ts
 * const taus = generateTauPairMuMu({ luminosityInvPb: 1000 }, createRandom(2)); // ≈ 27 790 events
 * ```
 */
export function generateTauPairMuMu(options: TauPairOptions, rng: RandomSource): TauPairSample {
  const sigma = tauPairMuMuSigma(options.sigmaTauTauPb ?? TAU_PAIR_DEFAULTS.sigmaTauTauPb);
  const n = eventCount(options, sigma, rng);
  const beams = options.beams ?? belle2Beams();
  const isr = options.isr ?? TAU_PAIR_DEFAULTS.isr;
  const correlate = options.spinCorrelation ?? true;
  const isrSampler = isr ? makeIsrSampler(beams.s, M_TAU, ALPHA) : undefined;
  const names = ["muMinus", "muPlus", "neutrinos", ...(isr ? (["gammaIsr"] as const) : [])] as const;
  const cols = Object.fromEntries(names.map((k) => [k, allocateColumns(n)])) as Record<
    (typeof names)[number],
    FourVectorColumns
  >;
  const xMinus = new Float64Array(n);
  const xPlus = new Float64Array(n);
  const cosOut = new Float64Array(n);
  const d1 = new Float64Array(12);
  const d2 = new Float64Array(12);
  const cm = beams.boost;
  for (let i = 0; i < n; ) {
    const x = isrSampler ? isrSampler.sample(rng) : 0;
    const sp = beams.s * (1 - x);
    const eTau = Math.sqrt(sp) / 2;
    const pTau = Math.sqrt(eTau * eTau - M_TAU * M_TAU);
    const beta = pTau / eTau;
    const invG2 = 1 - beta * beta;
    // τ- direction from D(θ) = 1 + c² + s²/γ² ≤ 2
    let c: number;
    do c = 2 * rng.uniform() - 1;
    while (rng.uniform() * 2 >= 1 + c * c + (1 - c * c) * invG2);
    const s = Math.sqrt(Math.max(0, 1 - c * c));
    const phi = TWO_PI * rng.uniform();
    const cf = Math.cos(phi);
    const sf = Math.sin(phi);
    const z = [s * cf, s * sf, c];
    const xa = [c * cf, c * sf, -s];
    const ya = [-sf, cf, 0];
    decayAtRest(rng, d1); // τ-: [μ-, ν̄_μ (analyser), ν_τ]
    decayAtRest(rng, d2); // τ+: [μ+, ν_μ (analyser), ν̄_τ]
    if (correlate) {
      const h1 = unitAlong(d1, 4, xa, ya, z);
      const h2 = unitAlong(d2, 4, xa, ya, z);
      // h₂ = −n̂(ν_μ)
      h2[0] = -h2[0]!;
      h2[1] = -h2[1]!;
      h2[2] = -h2[2]!;
      const C = tauSpinCorrelation(c, beta);
      const w =
        1 +
        C.xx * h1[0]! * h2[0]! +
        C.yy * h1[1]! * h2[1]! +
        C.zz * h1[2]! * h2[2]! +
        C.xz * (h1[0]! * h2[2]! + h1[2]! * h2[0]!);
      if (!(rng.uniform() * 2 < w)) continue;
    }
    // rest frames → hard-process frame: τ- moves along +z with β, τ+ along −z
    for (let k = 0; k < 12; k += 4) {
      boostArray(d1, k, beta * z[0]!, beta * z[1]!, beta * z[2]!);
      boostArray(d2, k, -beta * z[0]!, -beta * z[1]!, -beta * z[2]!);
    }
    xMinus[i] = (d1[0] as number) / eTau;
    xPlus[i] = (d2[0] as number) / eTau;
    cosOut[i] = c;
    // ISR: the hard system recoils along ∓z against a photon along ±z
    const sign = rng.uniform() < 0.5 ? 1 : -1;
    const v = (-sign * x) / (2 - x);
    const nu = [0, 0, 0, 0];
    for (const d of [d1, d2]) {
      for (let k = 0; k < 12; k += 4) {
        boostArray(d, k, 0, 0, v);
        boostArray(d, k, cm.x, cm.y, cm.z);
      }
      for (let j = 0; j < 4; j++) nu[j]! += (d[4 + j] as number) + (d[8 + j] as number);
    }
    set(cols.muMinus, i, d1, 0);
    set(cols.muPlus, i, d2, 0);
    set(cols.neutrinos, i, Float64Array.from(nu), 0);
    if (isr) {
      const g = Float64Array.of((x * Math.sqrt(beams.s)) / 2, 0, 0, (sign * x * Math.sqrt(beams.s)) / 2);
      boostArray(g, 0, cm.x, cm.y, cm.z);
      set((cols as Record<string, FourVectorColumns>).gammaIsr as FourVectorColumns, i, g, 0);
    }
    i++;
  }
  return {
    events: { size: n, particles: cols as Record<"muMinus" | "muPlus" | "neutrinos" | "gammaIsr", FourVectorColumns> },
    xMinus,
    xPlus,
    cosTheta: cosOut,
    crossSectionPb: sigma,
  };
}

function unitAlong(d: Float64Array, k: number, xa: number[], ya: number[], za: number[]): number[] {
  const px = d[k + 1] as number;
  const py = d[k + 2] as number;
  const pz = d[k + 3] as number;
  const p = Math.sqrt(px * px + py * py + pz * pz);
  return [
    (px * xa[0]! + py * xa[1]! + pz * xa[2]!) / p,
    (px * ya[0]! + py * ya[1]! + pz * ya[2]!) / p,
    (px * za[0]! + py * za[1]! + pz * za[2]!) / p,
  ];
}

function set(c: FourVectorColumns, i: number, d: Float64Array, k: number): void {
  c.e[i] = d[k] as number;
  c.px[i] = d[k + 1] as number;
  c.py[i] = d[k + 2] as number;
  c.pz[i] = d[k + 3] as number;
}
