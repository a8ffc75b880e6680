/**
 * MUonE backgrounds of μ e → μ e Z'(→ νν̄) (Asai2022 sec. III): the elastic scattering μ e → μ e,
 * the radiative μ e → μ e γ, and the electroweak μ e → μ e ν ν̄ (negligible, Asai2022: "the number
 * of events ... turns out to be negligibly small"; not generated).
 *
 * Elastic (exact tree-level QED, target electron at rest, both masses kept):
 *   dσ/dt = (2πα²/λ(s, m², M²)) [2a²/t² + 2(a + m² + M²)/t + 1],   a = s − m² − M²,
 * from |M|² = 2e⁴[(s − m² − M²)² + (u − m² − M²)² + 2t(m² + M²)]/t²; the electron energy is
 * E_e = m_e − t/(2m_e). Radiative: the crossing of e+e- → μ+μ-γ (`muMuGamma.ts`, exact for massless
 * fermions with massive eikonal currents): p₊ → −p_e(out), q₊ → −p_μ(in).
 *
 * @packageDocumentation
 */
import {
  type EventColumns,
  type FourVectorColumns,
  fixedTargetElastic,
  type RandomSource,
  ramboColumns,
} from "@muonphilic/kinematics";
import {
  ALPHA,
  GEV2_PB,
  M_E,
  M_MU,
  type Pb,
  pb,
  requireInRange,
  requireInteger,
  requirePositive,
} from "@muonphilic/units";
import { muMuGammaMsq } from "./muMuGamma.js";

/** Defaults of the MUonE backgrounds: Asai2022 secs. II-III. */
export const MUONE_BACKGROUND_DEFAULTS = {
  /** Muon beam energy (GeV): Asai2022, 150 GeV. */
  beamEnergy: 150,
  /** The signal region: θ_μ > 1.5 mrad and 1 < E_e < 25 GeV (Asai2022 cuts (i), (ii)). */
  minMuonAngleRad: 1.5e-3,
  electronEnergyWindowGeV: [1, 25] as readonly [number, number],
} as const;

const kallen = (a: number, b: number, c: number) => a * a + b * b + c * c - 2 * (a * b + a * c + b * c);

/**
 * dσ/dt(μ e → μ e) for a muon of energy E on an electron at rest (module documentation).
 * @param t - momentum transfer to the electron (GeV², < 0)
 * @param beamEnergy - E_μ (GeV)
 * @param alpha - fine-structure constant
 * @returns GeV⁻⁴ (numeric kernel)
 * @example
 * ```ts
 * muonElectronDsigmaDt(-0.01) * GEV2_PB; // pb/GeV² at t = −0.01 GeV² (E_e ≈ 9.8 GeV)
 * ```
 */
export function muonElectronDsigmaDt(
  t: number,
  beamEnergy: number = MUONE_BACKGROUND_DEFAULTS.beamEnergy,
  alpha: number = ALPHA,
): number {
  const m2 = M_E * M_E;
  const M2 = M_MU * M_MU;
  const s = M2 + m2 + 2 * M_E * beamEnergy;
  const a = s - m2 - M2;
  return ((2 * Math.PI * alpha * alpha) / kallen(s, m2, M2)) * ((2 * a * a) / (t * t) + (2 * (a + m2 + M2)) / t + 1);
}

/**
 * σ(μ e → μ e) with the electron energy in [eMin, eMax] (closed-form integral of
 * {@link muonElectronDsigmaDt}): ∫ = [−2a²/t + 2(a + m² + M²) ln|t| + t] between the t limits.
 * @param options.minElectronEnergy - GeV (> m_e)
 * @param options.maxElectronEnergy - GeV (≤ the kinematic maximum)
 * @param options.beamEnergy - GeV @defaultValue 150
 * @returns σ in pb
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for energies outside (m_e, E_max] or reversed
 * @example
 * ```ts
 * muonElectronSigma({ minElectronEnergy: 1, maxElectronEnergy: 25 }); // pb
 * ```
 */
export function muonElectronSigma(options: {
  readonly minElectronEnergy: number;
  readonly maxElectronEnergy: number;
  readonly beamEnergy?: number;
  readonly alpha?: number;
}): Pb {
  const e = requirePositive("beamEnergy", options.beamEnergy ?? MUONE_BACKGROUND_DEFAULTS.beamEnergy, "GeV");
  const alpha = requirePositive("alpha", options.alpha ?? ALPHA);
  const kin = fixedTargetElastic({ beamEnergy: e, beamMass: M_MU, targetMass: M_E });
  const lo = requireInRange("minElectronEnergy", options.minElectronEnergy, M_E, kin.maxTargetEnergy, {
    lowInclusive: false,
    unit: "GeV",
  });
  const hi = requireInRange("maxElectronEnergy", options.maxElectronEnergy, lo, kin.maxTargetEnergy, { unit: "GeV" });
  const m2 = M_E * M_E;
  const M2 = M_MU * M_MU;
  const s = kin.s;
  const a = s - m2 - M2;
  const tOf = (ee: number) => -2 * M_E * (ee - M_E);
  const prim = (t: number) => (-2 * a * a) / t + 2 * (a + m2 + M2) * Math.log(-t) + t;
  // t decreases with E_e: ∫_{t(hi)}^{t(lo)}
  return pb(((2 * Math.PI * alpha * alpha) / kallen(s, m2, M2)) * (prim(tOf(lo)) - prim(tOf(hi))) * GEV2_PB);
}

/** A generated elastic μ e sample. */
export interface MuonElectronSample {
  /** Lab-frame `muon` and `electron` (beam along +z). */
  readonly events: EventColumns<"muon" | "electron">;
  /** σ of the generated electron-energy range (pb). */
  readonly crossSectionPb: number;
}

/**
 * Unweighted elastic μ e → μ e events with E_e in [eMin, eMax]: t from 1/t² by inversion, kept
 * with the rest of the bracket (≤ 1 on the range), the final state from
 * `@muonphilic/kinematics` `fixedTargetElastic`.
 * @param options.events - number of events (integer ≥ 0)
 * @param options.minElectronEnergy - GeV
 * @param options.maxElectronEnergy - GeV
 * @param options.beamEnergy - GeV @defaultValue 150
 * @param rng - the seeded random source
 * @returns the sample
 * @throws {@link PhysError} as {@link muonElectronSigma}; `INVALID_ARGUMENT` for a bad count
 * @example
 * ```ts
 * const el = generateMuonElectronElastic({ events: 1000, minElectronEnergy: 1, maxElectronEnergy: 100 }, createRandom(2));
 * ```
 */
export function generateMuonElectronElastic(
  options: {
    readonly events: number;
    readonly minElectronEnergy: number;
    readonly maxElectronEnergy: number;
    readonly beamEnergy?: number;
  },
  rng: RandomSource,
): MuonElectronSample {
  const n = requireInteger("events", options.events);
  const sigma = muonElectronSigma(options);
  const e = options.beamEnergy ?? MUONE_BACKGROUND_DEFAULTS.beamEnergy;
  const kin = fixedTargetElastic({ beamEnergy: e, beamMass: M_MU, targetMass: M_E });
  const m2 = M_E * M_E;
  const M2 = M_MU * M_MU;
  const a = kin.s - m2 - M2;
  const t1 = -2 * M_E * (options.minElectronEnergy - M_E); // closer to 0
  const t2 = -2 * M_E * (options.maxElectronEnergy - M_E);
  const pStar2 = kin.momentumCm * kin.momentumCm;
  const cols = {
    muon: { e: new Float64Array(n), px: new Float64Array(n), py: new Float64Array(n), pz: new Float64Array(n) },
    electron: { e: new Float64Array(n), px: new Float64Array(n), py: new Float64Array(n), pz: new Float64Array(n) },
  };
  // the bracket over 2a²/t², 1 + (a + m² + M²) t/a² + t²/(2a²), is convex in t: its sup on [t2, t1] is at an end
  const bracket = (t: number) => 1 + ((a + m2 + M2) * t) / (a * a) + (t * t) / (2 * a * a);
  const rMax = Math.max(bracket(t1), bracket(t2));
  for (let i = 0; i < n; ) {
    // 1/t² between t2 < t1 < 0: 1/t uniform
    const it = 1 / t1 + (1 / t2 - 1 / t1) * rng.uniform();
    const t = 1 / it;
    if (!(rng.uniform() * rMax < bracket(t))) continue;
    const cosCm = 1 + t / (2 * pStar2);
    const f = kin.finalState(Math.max(-1, Math.min(1, cosCm)), 2 * Math.PI * rng.uniform());
    for (const [name, v] of [
      ["muon", f.beam],
      ["electron", f.target],
    ] as const) {
      const c = cols[name];
      c.e[i] = v.e;
      c.px[i] = v.px;
      c.py[i] = v.py;
      c.pz[i] = v.pz;
    }
    i++;
  }
  return { events: { size: n, particles: cols }, crossSectionPb: sigma };
}

/**
 * Spin-averaged |M|²/e⁶ of μ-(p₁) e-(p₂) → μ-(p₃) e-(p₄) γ(k), by crossing the e+e- → μ+μ-γ form
 * ({@link muMuGammaMsq}): e+(p₊) → e-(−p₄), μ+(q₊) → μ-(−p₁); two crossed fermions, no sign change.
 * Four-vectors as [E, px, py, pz] (GeV).
 * @param p1 - incoming μ- (GeV)
 * @param p2 - incoming e- (GeV)
 * @param p3 - outgoing μ- (GeV)
 * @param p4 - outgoing e- (GeV)
 * @param k - photon (GeV)
 * @returns |M|²/e⁶ in GeV⁻² (numeric kernel)
 * @example
 * ```ts
 * muonElectronGammaMsq(p1, p2, p3, p4, k); // |M|²/e⁶ in GeV⁻²
 * ```
 */
export function muonElectronGammaMsq(
  p1: ArrayLike<number>,
  p2: ArrayLike<number>,
  p3: ArrayLike<number>,
  p4: ArrayLike<number>,
  k: ArrayLike<number>,
): number {
  const neg = (v: ArrayLike<number>) => [-(v[0] as number), -(v[1] as number), -(v[2] as number), -(v[3] as number)];
  return muMuGammaMsq(neg(p4), p2, neg(p1), p3, k);
}

/** A weighted μ e → μ e γ sample. */
export interface MuonElectronGammaSample {
  /** Lab-frame `muon`, `electron`, `photon`; `weight` in pb per event (Σ = σ of the generated region). */
  readonly events: EventColumns<"muon" | "electron" | "photon">;
  readonly crossSectionPb: number;
  readonly crossSectionErrorPb: number;
}

/**
 * Weighted μ e → μ e γ events (electron at rest): flat three-body phase space in the centre-of-mass
 * frame (RAMBO, `@muonphilic/kinematics`), weight |M|²/(2λ^{1/2}(s, m², M²)) × phase-space weight in
 * pb, photons below `minPhotonEnergy` (CM frame) dropped (weight 0). Unbiased but with large
 * weight fluctuations near the collinear peaks: use it for regions away from them (Asai2022's
 * signal region) and for kinematic limits.
 * @param options.events - number of weighted events (integer ≥ 1)
 * @param options.minPhotonEnergy - CM photon energy threshold (GeV, > 0)
 * @param options.beamEnergy - GeV @defaultValue 150
 * @param rng - the seeded random source
 * @returns the weighted sample
 * @throws {@link PhysError} `INVALID_ARGUMENT` for a bad count, `OUT_OF_DOMAIN` for a bad threshold
 * @example
 * ```ts
 * const r = generateMuonElectronGamma({ events: 100000, minPhotonEnergy: 0.01 }, createRandom(4));
 * ```
 */
export function generateMuonElectronGamma(
  options: {
    readonly events: number;
    readonly minPhotonEnergy: number;
    readonly beamEnergy?: number;
    readonly alpha?: number;
  },
  rng: RandomSource,
): MuonElectronGammaSample {
  const n = requireInteger("events", options.events, 1);
  const e = requirePositive("beamEnergy", options.beamEnergy ?? MUONE_BACKGROUND_DEFAULTS.beamEnergy, "GeV");
  const alpha = requirePositive("alpha", options.alpha ?? ALPHA);
  const kin = fixedTargetElastic({ beamEnergy: e, beamMass: M_MU, targetMass: M_E });
  const kMin = requireInRange("minPhotonEnergy", options.minPhotonEnergy, 0, kin.sqrtS / 2, {
    lowInclusive: false,
    unit: "GeV",
  });
  const sqrtS = kin.sqrtS;
  const { daughters, weight: phase } = ramboColumns(sqrtS, [M_MU, M_E, 0], n, rng);
  const [mu, el, ph] = daughters as [FourVectorColumns, FourVectorColumns, FourVectorColumns];
  const p = kin.momentumCm;
  const p1 = [Math.hypot(p, M_MU), 0, 0, p]; // incoming muon along +z in the CM
  const p2 = [Math.hypot(p, M_E), 0, 0, -p];
  const flux = 2 * Math.sqrt(kallen(kin.s, M_E * M_E, M_MU * M_MU));
  const e6 = (4 * Math.PI * alpha) ** 3;
  const weight = new Float64Array(n);
  let sum = 0;
  let sum2 = 0;
  const v = (c: FourVectorColumns, i: number) => [
    c.e[i] as number,
    c.px[i] as number,
    c.py[i] as number,
    c.pz[i] as number,
  ];
  for (let i = 0; i < n; i++) {
    const k = v(ph, i);
    const w =
      (k[0] as number) > kMin
        ? ((e6 * muonElectronGammaMsq(p1, p2, v(mu, i), v(el, i), k)) / flux) * (phase[i] as number) * GEV2_PB
        : 0;
    weight[i] = w / n;
    sum += w;
    sum2 += w * w;
  }
  // CM → lab: boost along +z with the CM velocity
  const toLab = (c: FourVectorColumns): FourVectorColumns => {
    const g = kin.gamma;
    const b = kin.beta;
    const out = {
      e: new Float64Array(n),
      px: Float64Array.from(c.px),
      py: Float64Array.from(c.py),
      pz: new Float64Array(n),
    };
    for (let i = 0; i < n; i++) {
      out.e[i] = g * ((c.e[i] as number) + b * (c.pz[i] as number));
      out.pz[i] = g * ((c.pz[i] as number) + b * (c.e[i] as number));
    }
    return out;
  };
  const mean = sum / n;
  return {
    events: { size: n, particles: { muon: toLab(mu), electron: toLab(el), photon: toLab(ph) }, weight },
    crossSectionPb: mean,
    crossSectionErrorPb: Math.sqrt(Math.max(sum2 / n - mean * mean, 0) / n),
  };
}
