/**
 * e+e- → e+e- μ+μ- by two-photon fusion with both electrons lost along the beams (Jho2019 sec.
 * 3.2, Belle2-inv: "two-photon fusion ... with electrons outside the detector acceptance").
 *
 * A parametrisation in the equivalent-photon approximation (EPA; Budnev1975), not the exact
 * four-fermion calculation: each beam radiates a quasi-real photon with the flux
 *   dN/dx dQ² = (α/2π) [(1 + (1 − x)²)/x · 1/Q² − 2m_e² x/Q⁴],   Q² ∈ [m_e²x²/(1 − x), Q²_max(x)],
 * Q²_max = E²(1 − x)θ²_max for an electron scattered below θ_max (untagged), and the photons fuse
 * by the Breit-Wheeler cross section of γγ → μ+μ- (exact lowest order):
 *   σ(W) = (4πα²/W²)[(1 + r − r²/2) ln((1 + β)/(1 − β)) − β(1 + r)],   r = 4m²/W², β = √(1 − r),
 *   dσ/dcosθ* = (2πα²β/W²)[1 + 2β²(1 − β²)(1 − c²) − β⁴c⁴]/(1 − β²c²)².
 * The photons' virtuality enters only their transverse momenta (p_T² ≈ (1 − x)Q²); interference
 * with the bremsstrahlung and annihilation diagrams and the Q² dependence of γ*γ* → μμ are
 * neglected. Provenance: parametrised (EPA).
 *
 * @packageDocumentation
 */
import {
  allocateColumns,
  type BeamSetup,
  belle2Beams,
  type EventColumns,
  type RandomSource,
} from "@muonphilic/kinematics";
import { ALPHA, GEV2_PB, M_E, M_MU, requireInRange, requireInteger, requirePositive } from "@muonphilic/units";
import { writeArrayBoosted } from "./frames.js";

/** Defaults of the two-photon background. */
export const TWO_PHOTON_DEFAULTS = {
  /** Largest electron scattering angle (rad) for "lost" electrons: 12.4° (the ECL edge, Jho2019 sec. 3.3). */
  maxElectronAngle: (12.4 * Math.PI) / 180,
  /** Smallest μ+μ- invariant mass generated (GeV). */
  minPairMass: 2 * M_MU + 1e-6,
} as const;

/**
 * Breit-Wheeler σ(γγ → μ+μ-) (module documentation; numeric kernel: 0 below threshold).
 * @param w - γγ invariant mass W (GeV)
 * @param alpha - fine-structure constant
 * @returns σ in GeV⁻²
 * @example
 * ```ts
 * gammaGammaToMuMuInvGeV2(10) * GEV2_PB; // pb
 * ```
 */
export function gammaGammaToMuMuInvGeV2(w: number, alpha: number = ALPHA): number {
  const w2 = w * w;
  const r = (4 * M_MU * M_MU) / w2;
  if (!(r < 1)) return Number.isNaN(r) ? Number.NaN : 0;
  const b = Math.sqrt(1 - r);
  return ((4 * Math.PI * alpha * alpha) / w2) * ((1 + r - (r * r) / 2) * Math.log((1 + b) / (1 - b)) - b * (1 + r));
}

/**
 * dσ/dcosθ*(γγ → μ+μ-) in the γγ frame (numeric kernel).
 * @param w - W (GeV)
 * @param c - cos θ* of the μ- to the photon axis
 * @param alpha - fine-structure constant
 * @returns GeV⁻²
 * @example
 * ```ts
 * gammaGammaToMuMuDcos(1, 0) * GEV2_PB; // pb per unit cos θ* at W = 1 GeV
 * ```
 */
export function gammaGammaToMuMuDcos(w: number, c: number, alpha: number = ALPHA): number {
  const w2 = w * w;
  const r = (4 * M_MU * M_MU) / w2;
  if (!(r < 1)) return 0;
  const b2 = 1 - r;
  const b = Math.sqrt(b2);
  const den = 1 - b2 * c * c;
  return (
    ((2 * Math.PI * alpha * alpha * b) / w2) *
    ((1 + 2 * b2 * (1 - b2) * (1 - c * c) - b2 * b2 * c * c * c * c) / (den * den))
  );
}

/**
 * The Q²-integrated EPA flux dN/dx of a beam of energy E whose electron stays below θ_max.
 * @param x - photon energy fraction (0, 1)
 * @param beamEnergy - E (GeV)
 * @param maxAngle - θ_max (rad)
 * @param alpha - fine-structure constant
 * @returns dN/dx (0 when the Q² range is empty)
 * @example
 * ```ts
 * epaFlux(0.1, 5.29, 0.216); // photons per unit x at x = 0.1 from a 5.29 GeV beam
 * ```
 */
export function epaFlux(x: number, beamEnergy: number, maxAngle: number, alpha: number = ALPHA): number {
  if (!(x > 0 && x < 1)) return 0;
  const qMin = (M_E * M_E * x * x) / (1 - x);
  const qMax = beamEnergy * beamEnergy * (1 - x) * maxAngle * maxAngle;
  if (!(qMax > qMin)) return 0;
  return (
    (alpha / (2 * Math.PI)) *
    (((1 + (1 - x) ** 2) / x) * Math.log(qMax / qMin) - 2 * M_E * M_E * x * (1 / qMin - 1 / qMax))
  );
}

/** Options of {@link generateTwoPhotonMuMu}. */
export interface TwoPhotonOptions {
  /** Number of weighted events (integer ≥ 1). */
  readonly events: number;
  /** Beams. @defaultValue `belle2Beams()` */
  readonly beams?: BeamSetup;
  /** Largest angle of the lost electrons (rad). @defaultValue {@link TWO_PHOTON_DEFAULTS}.maxElectronAngle */
  readonly maxElectronAngle?: number;
  /** Smallest M(μμ) (GeV). @defaultValue {@link TWO_PHOTON_DEFAULTS}.minPairMass */
  readonly minPairMass?: number;
  /** Fine-structure constant. @defaultValue α(0) */
  readonly alpha?: number;
}

/** A weighted two-photon sample. */
export interface TwoPhotonSample {
  /** Lab-frame `muMinus`, `muPlus`, `eMinus`, `ePlus` (the lost electrons); weights in pb (Σ = σ). */
  readonly events: EventColumns<"muMinus" | "muPlus" | "eMinus" | "ePlus">;
  readonly crossSectionPb: number;
  readonly crossSectionErrorPb: number;
}

/**
 * Generates weighted e+e- → e+e-μ+μ- (EPA, module documentation) events in the lab frame: each
 * photon's x log-uniform and Q² log-uniform (the leading 1/x, 1/Q² of the flux), the muon angle
 * from dσ/dcosθ*, the weight flux × flux × dσ/dcosθ* / proposal in pb.
 * @param options - see {@link TwoPhotonOptions}
 * @param rng - the seeded random source
 * @returns the weighted sample
 * @throws {@link PhysError} `INVALID_ARGUMENT` for a bad event count; `OUT_OF_DOMAIN` for an
 *   angle outside (0, π/2) or a pair mass below 2m_μ
 * @example
 * ```ts
 * const gg = generateTwoPhotonMuMu({ events: 10000 }, createRandom(5));
 * ```
 */
export function generateTwoPhotonMuMu(options: TwoPhotonOptions, rng: RandomSource): TwoPhotonSample {
  const n = requireInteger("events", options.events, 1);
  const beams = options.beams ?? belle2Beams();
  const alpha = requirePositive("alpha", options.alpha ?? ALPHA);
  const thetaMax = requireInRange(
    "maxElectronAngle",
    options.maxElectronAngle ?? TWO_PHOTON_DEFAULTS.maxElectronAngle,
    0,
    Math.PI / 2,
    {
      lowInclusive: false,
      highInclusive: false,
      unit: "rad",
    },
  );
  const wMin = requireInRange(
    "minPairMass",
    options.minPairMass ?? TWO_PHOTON_DEFAULTS.minPairMass,
    2 * M_MU,
    beams.sqrtS,
    {
      lowInclusive: false,
      highInclusive: false,
      unit: "GeV",
    },
  );
  // in the CM frame the beams have E = √s/2 along ±z
  const eb = beams.sqrtS / 2;
  const s = beams.s;
  const xLo = (wMin * wMin) / s;
  const lx = Math.log(1 / xLo);
  const cols = {
    muMinus: allocateColumns(n),
    muPlus: allocateColumns(n),
    eMinus: allocateColumns(n),
    ePlus: allocateColumns(n),
  };
  const weight = new Float64Array(n);
  const cm = beams.boost;
  let sum = 0;
  let sum2 = 0;
  const q = [new Float64Array(4), new Float64Array(4)];
  const out = [new Float64Array(4), new Float64Array(4), new Float64Array(4), new Float64Array(4)];
  for (let i = 0; i < n; i++) {
    let wt = 1;
    // photons: x log-uniform on [xLo, 1), Q² log-uniform on [Q²min, Q²max]; e− along +z, e+ along −z
    for (let j = 0; j < 2; j++) {
      const x = xLo * Math.exp(lx * rng.uniform());
      const qMin = (M_E * M_E * x * x) / (1 - x);
      const qMax = eb * eb * (1 - x) * thetaMax * thetaMax;
      if (!(qMax > qMin)) {
        wt = 0;
        continue;
      }
      const lq = Math.log(qMax / qMin);
      const q2 = qMin * Math.exp(lq * rng.uniform());
      const dens = (alpha / (2 * Math.PI)) * ((1 + (1 - x) ** 2) / x / q2 - (2 * M_E * M_E * x) / (q2 * q2));
      wt *= Math.max(dens, 0) * x * lx * q2 * lq; // flux density / proposal density
      // scattered electron: energy (1 − x)E, angle from Q² ≈ E E' θ²
      const ep = (1 - x) * eb;
      const th = Math.min(Math.sqrt(q2 / (eb * ep)), thetaMax);
      const ph = 2 * Math.PI * rng.uniform();
      const sign = j === 0 ? 1 : -1;
      const pe = Math.sqrt(Math.max(ep * ep - M_E * M_E, 0));
      const el = out[2 + j] as Float64Array;
      el[0] = ep;
      el[1] = pe * Math.sin(th) * Math.cos(ph);
      el[2] = pe * Math.sin(th) * Math.sin(ph);
      el[3] = sign * pe * Math.cos(th);
      const qq = q[j] as Float64Array;
      qq[0] = eb - el[0];
      qq[1] = -el[1];
      qq[2] = -el[2];
      qq[3] = sign * Math.sqrt(eb * eb - M_E * M_E) - el[3];
    }
    const q1 = q[0] as Float64Array;
    const q2v = q[1] as Float64Array;
    const pe = (q1[0] as number) + (q2v[0] as number);
    const px = (q1[1] as number) + (q2v[1] as number);
    const py = (q1[2] as number) + (q2v[2] as number);
    const pz = (q1[3] as number) + (q2v[3] as number);
    const w2 = pe * pe - px * px - py * py - pz * pz;
    const w = Math.sqrt(Math.max(w2, 0));
    if (!(wt > 0 && w > wMin)) {
      wt = 0;
    }
    // γγ → μμ in the pair frame, angle to the z axis; proposal uniform in cos θ*
    const c = 2 * rng.uniform() - 1;
    if (wt > 0) wt *= gammaGammaToMuMuDcos(w, c, alpha) * 2 * GEV2_PB;
    const ph = 2 * Math.PI * rng.uniform();
    const pStar = Math.sqrt(Math.max(w2 / 4 - M_MU * M_MU, 0));
    const sn = Math.sqrt(Math.max(0, 1 - c * c));
    const dx = sn * Math.cos(ph);
    const dy = sn * Math.sin(ph);
    const bx = w > 0 ? px / pe : 0;
    const by = w > 0 ? py / pe : 0;
    const bz = w > 0 ? pz / pe : 0;
    const g = w > 0 ? pe / w : 1;
    const ed = w / 2;
    for (const [k, sign] of [
      [0, 1],
      [1, -1],
    ] as const) {
      const vx = sign * pStar * dx;
      const vy = sign * pStar * dy;
      const vz = sign * pStar * c;
      const bp = bx * vx + by * vy + bz * vz;
      const f = ((g * g) / (1 + g)) * bp + g * ed;
      const o = out[k] as Float64Array;
      o[0] = g * (ed + bp);
      o[1] = vx + f * bx;
      o[2] = vy + f * by;
      o[3] = vz + f * bz;
    }
    weight[i] = wt;
    sum += wt;
    sum2 += wt * wt;
    writeArrayBoosted(cols.muMinus, i, out[0] as Float64Array, 0, cm);
    writeArrayBoosted(cols.muPlus, i, out[1] as Float64Array, 0, cm);
    writeArrayBoosted(cols.eMinus, i, out[2] as Float64Array, 0, cm);
    writeArrayBoosted(cols.ePlus, i, out[3] as Float64Array, 0, cm);
  }
  for (let i = 0; i < n; i++) weight[i] = (weight[i] as number) / n;
  const mean = sum / n;
  return {
    events: { size: n, particles: cols, weight },
    crossSectionPb: mean,
    crossSectionErrorPb: Math.sqrt(Math.max(sum2 / n - mean * mean, 0) / n),
  };
}
