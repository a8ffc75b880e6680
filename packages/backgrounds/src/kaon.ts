/**
 * Stopped-kaon backgrounds of K+ → μ+ + invisible (Ibe2017 sec. III, the E949 search):
 *
 * - K+ → μ+ν_μ: a monochromatic muon, p_μ = (M_K² − m_μ²)/(2M_K) = 235.5 MeV ("236 MeV", Ibe2017),
 *   BR = 0.6356;
 * - K+ → μ+ν_μγ, inner bremsstrahlung (IB; it dominates for 140 < p_μ < 200 MeV, Ibe2017 footnote 11)
 *   (BijnensEckerGasser1993):
 *     dΓ/(dx dy) = Γ(K → μν) (α/2π) (1 − r)⁻² f_IB(x, y),
 *     f_IB = [(1 − y + r)/(x²(x + y − 1 − r))] [x² + 2(1 − x)(1 − r) − 2xr(1 − r)/(x + y − 1 − r)],
 *   x = 2E_γ/M_K, y = 2E_μ/M_K, r = m_μ²/M_K² (the normalisation is checked against Low's soft-photon
 *   theorem in the tests). The structure-dependent terms (≲ 10% here) are not included;
 * - K+ → μ+ν_μνν̄: Standard-Model BR O(1e-16) (Ibe2017 footnote 8): negligible, not generated.
 *
 * @packageDocumentation
 */
import type { EventColumns, FourVectorColumns, RandomSource } from "@muonphilic/kinematics";
import { integrate } from "@muonphilic/numeric";
import {
  ALPHA,
  BR_K_MUNU,
  M_K,
  M_MU,
  PhysError,
  requireInRange,
  requireInteger,
  requireNonNegative,
} from "@muonphilic/units";

const R = (M_MU * M_MU) / (M_K * M_K);

/** Defaults of the kaon backgrounds. */
export const KAON_DEFAULTS = {
  /** The E949 muon-momentum window (GeV): Ibe2017 sec. III, 140-200 MeV. */
  momentumWindowGeV: [0.14, 0.2] as readonly [number, number],
  /** Smallest photon energy generated for K → μνγ (GeV), far below any photon veto threshold. */
  minPhotonEnergyGeV: 0.001,
  /** SM BR(K+ → μ+ν ν ν̄) = O(1e-16), Ibe2017 footnote 8: negligible. */
  muNuNuNuBR: 1e-16,
} as const;

/**
 * The muon momentum of K+ → μ+ν at rest, (M_K² − m_μ²)/(2M_K) ≈ 0.2355 GeV (Ibe2017: 236 MeV).
 * @returns p_μ in GeV
 * @example
 * ```ts
 * kaonMuNuMomentum(); // 0.23553 GeV
 * ```
 */
export function kaonMuNuMomentum(): number {
  return (M_K * M_K - M_MU * M_MU) / (2 * M_K);
}

/**
 * (α/2π)(1 − r)⁻² f_IB(x, y): the K → μνγ inner-bremsstrahlung density per Γ(K → μν) (module
 * documentation; numeric kernel, 0 outside the Dalitz region).
 * @param x - 2E_γ/M_K
 * @param y - 2E_μ/M_K
 * @param alpha - fine-structure constant
 * @returns d²(Γ/Γ_μν)/(dx dy)
 * @example
 * ```ts
 * kaonMuNuGammaDensity(0.3, 0.8); // d²(Γ/Γ_μν)/(dx dy) at E_γ ≈ 74 MeV
 * ```
 */
export function kaonMuNuGammaDensity(x: number, y: number, alpha: number = ALPHA): number {
  const [lo, hi] = muonEnergyRange(x);
  if (!(y >= lo && y <= hi) || !(x > 0)) return 0;
  const d = x + y - 1 - R;
  if (!(d > 0)) return 0;
  const f = ((1 - y + R) / (x * x * d)) * (x * x + 2 * (1 - x) * (1 - R) - (2 * x * R * (1 - R)) / d);
  return ((alpha / (2 * Math.PI)) * f) / ((1 - R) * (1 - R));
}

/** Range of y = 2E_μ/M_K at fixed x (Dalitz limits of K → μνγ). */
function muonEnergyRange(x: number): [number, number] {
  if (!(x > 0 && x < 1 - R)) return [Number.NaN, Number.NaN];
  const m12sq = M_K * M_K * (1 - x);
  const m12 = Math.sqrt(m12sq);
  const eStar = (m12sq + M_MU * M_MU) / (2 * m12);
  const pStar = (m12sq - M_MU * M_MU) / (2 * m12);
  const eg = (x * M_K) / 2;
  const g = (M_K - eg) / m12;
  const gb = eg / m12;
  return [(2 * (g * eStar - gb * pStar)) / M_K, (2 * (g * eStar + gb * pStar)) / M_K];
}

const yOfP = (p: number) => (2 * Math.sqrt(p * p + M_MU * M_MU)) / M_K;

/**
 * BR(K+ → μ+νγ) from inner bremsstrahlung with the muon momentum in [pMin, pMax] and E_γ ≥ a
 * threshold: BR(K → μν) ∫∫ density dx dy (adaptive quadrature).
 * @param options.pMinGeV - lower muon momentum (GeV) @defaultValue 0.14
 * @param options.pMaxGeV - upper muon momentum (GeV) @defaultValue 0.2
 * @param options.minPhotonEnergyGeV - photon energy threshold (GeV) @defaultValue 0 (the window keeps E_γ away from 0)
 * @returns the branching fraction (Ibe2017 eq. (20) quotes (1.4 ± 0.2)e-3 for 140-200 MeV)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for a momentum window outside [0, p(Kμ2)] or reversed
 * @example
 * ```ts
 * kaonMuNuGammaBR(); // ≈ 1.19e-3
 * ```
 */
export function kaonMuNuGammaBR(
  options: { readonly pMinGeV?: number; readonly pMaxGeV?: number; readonly minPhotonEnergyGeV?: number } = {},
): number {
  const pMaxKin = kaonMuNuMomentum();
  const pMin = requireInRange("pMinGeV", options.pMinGeV ?? KAON_DEFAULTS.momentumWindowGeV[0], 0, pMaxKin, {
    unit: "GeV",
  });
  const pMax = requireInRange("pMaxGeV", options.pMaxGeV ?? KAON_DEFAULTS.momentumWindowGeV[1], pMin, pMaxKin, {
    unit: "GeV",
  });
  const eMin = requireNonNegative("minPhotonEnergyGeV", options.minPhotonEnergyGeV ?? 0, "GeV");
  const yLo = yOfP(pMin);
  const yHi = yOfP(pMax);
  const xLo = Math.max((2 * eMin) / M_K, 1e-12);
  const inner = (x: number): number => {
    const [a, b] = muonEnergyRange(x);
    const lo = Math.max(a, yLo);
    const hi = Math.min(b, yHi);
    return hi > lo ? integrate((y) => kaonMuNuGammaDensity(x, y), lo, hi, { rtol: 1e-9 }) : 0;
  };
  // x where the window opens: the muon can reach yHi only if E_γ is large enough; integrate in ln x
  return (
    BR_K_MUNU * integrate((lx) => inner(Math.exp(lx)) * Math.exp(lx), Math.log(xLo), Math.log(1 - R), { rtol: 1e-8 })
  );
}

/** The kaon decay channels generated by {@link generateKaonDecays}. */
export type KaonChannel = "muNu" | "muNuGamma";

/** A generated stopped-kaon sample. */
export interface KaonDecaySample {
  /** Lab-frame (kaon at rest) `muPlus`, `neutrino`, `photon` (zero four-vector for K → μν). */
  readonly events: EventColumns<"muPlus" | "neutrino" | "photon">;
  /** The channel of each event: 0 = μν, 1 = μνγ. */
  readonly channel: Uint8Array;
  /** Branching fractions used: K → μν and K → μνγ (IB, E_γ ≥ the threshold). */
  readonly branchingFractions: { readonly muNu: number; readonly muNuGamma: number };
}

/**
 * Decays of stopped K+ into μ+ν and μ+νγ (IB), seeded and unweighted: a Poisson number of each
 * channel for `kaons` stopped kaons (N_K × BR), or exactly `events` of one channel.
 * @param options.kaons - number of stopped kaons (≥ 0); exclusive with `events`
 * @param options.events - number of events of `channel`
 * @param options.channel - with `events`: "muNu" or "muNuGamma"
 * @param options.minPhotonEnergyGeV - photon threshold of μνγ (GeV) @defaultValue 0.001
 * @param rng - the seeded random source
 * @returns the sample
 * @throws {@link PhysError} `INVALID_ARGUMENT` for a missing or non-integer count; `UNKNOWN_NAME` for an unknown channel
 * @example
 * ```ts
 * const k = generateKaonDecays({ events: 1000, channel: "muNuGamma" }, createRandom(1));
 * ```
 */
export function generateKaonDecays(
  options: {
    readonly kaons?: number;
    readonly events?: number;
    readonly channel?: KaonChannel;
    readonly minPhotonEnergyGeV?: number;
  },
  rng: RandomSource,
): KaonDecaySample {
  const eMin = requireInRange(
    "minPhotonEnergyGeV",
    options.minPhotonEnergyGeV ?? KAON_DEFAULTS.minPhotonEnergyGeV,
    0,
    M_K / 2,
    {
      lowInclusive: false,
      unit: "GeV",
    },
  );
  const brGamma = kaonMuNuGammaBR({ pMinGeV: 0, pMaxGeV: kaonMuNuMomentum(), minPhotonEnergyGeV: eMin });
  let nMu: number;
  let nGamma: number;
  if (options.kaons !== undefined) {
    const kaons = requireNonNegative("kaons", options.kaons);
    nMu = rng.poisson(kaons * BR_K_MUNU);
    nGamma = rng.poisson(kaons * brGamma);
  } else {
    const n = requireInteger("events", options.events);
    const ch = options.channel ?? "muNu";
    if (ch !== "muNu" && ch !== "muNuGamma") {
      throw new PhysError("UNKNOWN_NAME", `channel must be "muNu" or "muNuGamma", got ${JSON.stringify(ch)}`, {
        argument: "channel",
        value: ch,
        allowed: "muNu | muNuGamma",
      });
    }
    nMu = ch === "muNu" ? n : 0;
    nGamma = ch === "muNuGamma" ? n : 0;
  }
  const n = nMu + nGamma;
  const cols = { muPlus: alloc(n), neutrino: alloc(n), photon: alloc(n) };
  const channel = new Uint8Array(n);
  const p0 = kaonMuNuMomentum();
  const xLo = (2 * eMin) / M_K;
  const lx = Math.log((1 - R) / xLo);
  // proposal: ln x uniform, y uniform on its Dalitz range; target/proposal ∝ density · x · (y range).
  // Its sup on a 400 × 400 grid (+20%; bounded: density ~ 1/x² on a y range ~ x as x → 0)
  const ratio = (x: number, y: number): number => {
    const [a, b] = muonEnergyRange(x);
    return kaonMuNuGammaDensity(x, y) * x * (b - a);
  };
  let bound = 0;
  for (let i = 0; i <= 400; i++) {
    const x = xLo * Math.exp((lx * i) / 400) * (1 - 1e-12);
    const [a, b] = muonEnergyRange(x);
    for (let j = 0; j <= 400; j++) bound = Math.max(bound, ratio(x, a + ((b - a) * j) / 400));
  }
  bound *= 1.2;
  for (let i = 0; i < n; i++) {
    const dir = rng.isotropic();
    if (i < nMu) {
      const e = Math.hypot(p0, M_MU);
      set(cols.muPlus, i, e, p0 * dir[0]!, p0 * dir[1]!, p0 * dir[2]!);
      set(cols.neutrino, i, p0, -p0 * dir[0]!, -p0 * dir[1]!, -p0 * dir[2]!);
      set(cols.photon, i, 0, 0, 0, 0);
      continue;
    }
    channel[i] = 1;
    let x: number;
    let y: number;
    for (;;) {
      x = xLo * Math.exp(lx * rng.uniform());
      const [a, b] = muonEnergyRange(x);
      y = a + (b - a) * rng.uniform();
      if (rng.uniform() * bound < ratio(x, y)) break;
    }
    // energies and the angle between μ and γ from the invariants
    const eg = (x * M_K) / 2;
    const em = (y * M_K) / 2;
    const pm = Math.sqrt(Math.max(em * em - M_MU * M_MU, 0));
    const en = M_K - eg - em;
    // |p⃗_ν|² = |p⃗_μ + p⃗_γ|² → cos θ_μγ
    const c = Math.max(-1, Math.min(1, (en * en - pm * pm - eg * eg) / (2 * pm * eg)));
    const sn = Math.sqrt(1 - c * c);
    const ortho = rng.isotropic();
    // photon direction: c along dir plus sn along a unit vector ⟂ dir
    const dot = ortho[0]! * dir[0]! + ortho[1]! * dir[1]! + ortho[2]! * dir[2]!;
    let ux = ortho[0]! - dot * dir[0]!;
    let uy = ortho[1]! - dot * dir[1]!;
    let uz = ortho[2]! - dot * dir[2]!;
    const un = Math.hypot(ux, uy, uz);
    ux /= un;
    uy /= un;
    uz /= un;
    const gx = eg * (c * dir[0]! + sn * ux);
    const gy = eg * (c * dir[1]! + sn * uy);
    const gz = eg * (c * dir[2]! + sn * uz);
    set(cols.muPlus, i, em, pm * dir[0]!, pm * dir[1]!, pm * dir[2]!);
    set(cols.photon, i, eg, gx, gy, gz);
    set(cols.neutrino, i, en, -pm * dir[0]! - gx, -pm * dir[1]! - gy, -pm * dir[2]! - gz);
  }
  return { events: { size: n, particles: cols }, channel, branchingFractions: { muNu: BR_K_MUNU, muNuGamma: brGamma } };
}

function alloc(n: number): FourVectorColumns {
  return { e: new Float64Array(n), px: new Float64Array(n), py: new Float64Array(n), pz: new Float64Array(n) };
}

function set(c: FourVectorColumns, i: number, e: number, px: number, py: number, pz: number): void {
  c.e[i] = e;
  c.px[i] = px;
  c.py[i] = py;
  c.pz[i] = pz;
}
