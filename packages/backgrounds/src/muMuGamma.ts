/**
 * e+e- → μ+μ-γ with initial- and final-state radiation and their interference (Jho2019 sec. 3.2,
 * the dominant μμ + missing-energy background when the photon escapes or is missed).
 *
 * Matrix element (photon exchange; the Z, a ~1% forward-backward effect at 10.58 GeV, is
 * neglected), in the factorised form of Berends and Kleiss (BerendsKleiss1981), exact for massless
 * fermions, with the masses kept in the eikonal current:
 *   Σ|M|²/4 = e⁶ · (t² + t'² + u² + u'²)/(s s') · (−J²),
 *   J = p₋/(p₋·k) − p₊/(p₊·k) − q₋/(q₋·k) + q₊/(q₊·k),
 * s = (p₊ + p₋)², s' = (q₊ + q₋)², t = −2p₊·q₊, t' = −2p₋·q₋, u = −2p₊·q₋, u' = −2p₋·q₊. −J² contains
 * the −m²/(p·k)² terms that regulate the collinear regions. Against the exact tree-level |M|² with
 * both masses (explicit Dirac traces, tools/reference/backgrounds/traces.py): equal to 1e-4 away
 * from collinear configurations; integrated over photons with p_T > 1.67 GeV it is 0.7% low
 * (the hard-collinear region, where the eikonal current is not the full splitting function).
 * One photon at fixed order: no exponentiation of soft photons.
 *
 * The generator is weighted: photon energy log-uniform, photon and muon directions from mixtures
 * that follow the ISR (1 ∓ β_e cos θ_γ)⁻¹ and FSR (1 ∓ β_μ cos θ*)⁻¹ peaks; each event's weight is
 * dσ/(proposal) in pb, so the weights sum to the cross section of the generated region.
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
import { directionAbout, writeArrayBoosted } from "./frames.js";

/** Defaults of {@link generateMuMuGamma}. */
export const MU_MU_GAMMA_DEFAULTS = {
  /** Smallest photon energy in the centre-of-mass frame (GeV). */
  minPhotonEnergy: 0.1,
  /** Largest |cos θ| of the photon to the beam axis in the centre-of-mass frame (1: no cut). */
  maxAbsCosTheta: 1,
} as const;

/**
 * Spin-averaged |M|²/e⁶ of e+(p₊) e-(p₋) → μ+(q₊) μ-(q₋) γ(k), photon polarisations summed
 * (module documentation; numeric kernel). Four-vectors as [E, px, py, pz] (GeV).
 * @param pPlus - e+ (GeV)
 * @param pMinus - e- (GeV)
 * @param qPlus - μ+ (GeV)
 * @param qMinus - μ- (GeV)
 * @param k - photon (GeV)
 * @returns |M|²/e⁶ in GeV⁻²
 * @example
 * ```ts
 * muMuGammaMsq(pPlus, pMinus, qPlus, qMinus, k) * (4 * Math.PI * ALPHA) ** 3; // Σ|M|²/4 in GeV⁻²
 * ```
 */
export function muMuGammaMsq(
  pPlus: ArrayLike<number>,
  pMinus: ArrayLike<number>,
  qPlus: ArrayLike<number>,
  qMinus: ArrayLike<number>,
  k: ArrayLike<number>,
): number {
  const d = (a: ArrayLike<number>, b: ArrayLike<number>) =>
    (a[0] as number) * (b[0] as number) -
    (a[1] as number) * (b[1] as number) -
    (a[2] as number) * (b[2] as number) -
    (a[3] as number) * (b[3] as number);
  const s = 2 * d(pPlus, pMinus) + d(pPlus, pPlus) + d(pMinus, pMinus);
  const sp = 2 * d(qPlus, qMinus) + d(qPlus, qPlus) + d(qMinus, qMinus);
  const t = -2 * d(pPlus, qPlus);
  const tp = -2 * d(pMinus, qMinus);
  const u = -2 * d(pPlus, qMinus);
  const up = -2 * d(pMinus, qPlus);
  const born = (t * t + tp * tp + u * u + up * up) / (s * sp);
  const a1 = 1 / d(pMinus, k);
  const a2 = -1 / d(pPlus, k);
  const a3 = -1 / d(qMinus, k);
  const a4 = 1 / d(qPlus, k);
  const vs = [pMinus, pPlus, qMinus, qPlus];
  const cs = [a1, a2, a3, a4];
  let j2 = 0;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++)
      j2 += (cs[i] as number) * (cs[j] as number) * d(vs[i] as ArrayLike<number>, vs[j] as ArrayLike<number>);
  }
  return born * -j2;
}

/** Options of {@link generateMuMuGamma}. */
export interface MuMuGammaOptions {
  /** Number of weighted events (integer ≥ 1). */
  readonly events: number;
  /** Beams. @defaultValue `belle2Beams()` */
  readonly beams?: BeamSetup;
  /** Smallest photon energy (GeV, centre-of-mass frame). @defaultValue {@link MU_MU_GAMMA_DEFAULTS}.minPhotonEnergy */
  readonly minPhotonEnergy?: number;
  /** Largest |cos θ_γ| in the centre-of-mass frame. @defaultValue {@link MU_MU_GAMMA_DEFAULTS}.maxAbsCosTheta */
  readonly maxAbsCosTheta?: number;
  /** Fine-structure constant. @defaultValue α(0) */
  readonly alpha?: number;
}

/** A weighted μμγ sample. */
export interface MuMuGammaSample {
  /** Lab-frame events `muMinus`, `muPlus`, `photon`; `weight` in pb per event (Σ = σ of the region). */
  readonly events: EventColumns<"muMinus" | "muPlus" | "photon">;
  /** Monte Carlo σ of the generated region (pb) and its statistical error. */
  readonly crossSectionPb: number;
  readonly crossSectionErrorPb: number;
}

const TWO_PI = 2 * Math.PI;

/** Draws c ∈ [−a, a] from ⅓ uniform + ⅓ ∝ 1/(1 − βc) + ⅓ ∝ 1/(1 + βc); returns c and writes its density. */
function samplePeaked(beta: number, a: number, u1: number, u2: number): number {
  const l = Math.log((1 + beta * a) / (1 - beta * a));
  if (u1 < 1 / 3) return -a + 2 * a * u2;
  // CDF of 1/(1 − βc) on [−a, a]: ln((1 + βa)/(1 − βc)) / L → c = (1 − (1 + βa) e^{−uL})/β
  const c = (1 - (1 + beta * a) * Math.exp(-u2 * l)) / beta;
  return u1 < 2 / 3 ? c : -c;
}

function peakedDensity(beta: number, a: number, c: number): number {
  const l = Math.log((1 + beta * a) / (1 - beta * a));
  return (1 / 3) * (1 / (2 * a)) + (1 / 3) * (beta / l) * (1 / (1 - beta * c) + 1 / (1 + beta * c));
}

/**
 * Generates weighted e+e- → μ+μ-γ events (module documentation) in the lab frame.
 * @param options - number of events, photon energy and angle range (see {@link MuMuGammaOptions})
 * @param rng - the seeded random source
 * @returns the sample; `events.weight` in pb per event
 * @throws {@link PhysError} `INVALID_ARGUMENT` for a non-integer or zero event count;
 *   `OUT_OF_DOMAIN` for a photon energy outside (0, E_max) or |cos θ| outside (0, 1]
 * @example
 * ```ts
 * const g = generateMuMuGamma({ events: 10000, minPhotonEnergy: 1 }, createRandom(3));
 * g.crossSectionPb; // σ(μμγ, E_γ* > 1 GeV) in pb
 * ```
 */
export function generateMuMuGamma(options: MuMuGammaOptions, rng: RandomSource): MuMuGammaSample {
  const n = requireInteger("events", options.events, 1);
  const beams = options.beams ?? belle2Beams();
  const alpha = requirePositive("alpha", options.alpha ?? ALPHA);
  const s = beams.s;
  const w = Math.sqrt(s);
  const eMaxKin = (s - 4 * M_MU * M_MU) / (2 * w);
  const eMin = requireInRange(
    "minPhotonEnergy",
    options.minPhotonEnergy ?? MU_MU_GAMMA_DEFAULTS.minPhotonEnergy,
    0,
    eMaxKin,
    {
      lowInclusive: false,
      highInclusive: false,
      unit: "GeV",
    },
  );
  const cMax = requireInRange("maxAbsCosTheta", options.maxAbsCosTheta ?? MU_MU_GAMMA_DEFAULTS.maxAbsCosTheta, 0, 1, {
    lowInclusive: false,
  });
  const eMax = eMaxKin * (1 - 1e-9);
  const logE = Math.log(eMax / eMin);
  const pe = Math.sqrt(s / 4 - M_E * M_E);
  const betaE = pe / (w / 2);
  const pPlus = Float64Array.of(w / 2, 0, 0, -pe);
  const pMinus = Float64Array.of(w / 2, 0, 0, pe);
  const e4 = (4 * Math.PI * alpha) ** 3;
  const cols = { muMinus: allocateColumns(n), muPlus: allocateColumns(n), photon: allocateColumns(n) };
  const weight = new Float64Array(n);
  const k = new Float64Array(4);
  const qm = new Float64Array(4);
  const qp = new Float64Array(4);
  const dir = new Float64Array(3);
  const cm = beams.boost;
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < n; i++) {
    const eg = eMin * Math.exp(logE * rng.uniform());
    const c = samplePeaked(betaE, cMax, rng.uniform(), rng.uniform());
    const sn = Math.sqrt(Math.max(0, 1 - c * c));
    const ph = TWO_PI * rng.uniform();
    k[0] = eg;
    k[1] = eg * sn * Math.cos(ph);
    k[2] = eg * sn * Math.sin(ph);
    k[3] = eg * c;
    // recoil system Q = P − k at rest frame: mass M, velocity −k⃗/(√s − E_γ)
    const eq = w - eg;
    const m2q = eq * eq - eg * eg;
    const mq = Math.sqrt(m2q);
    const bm = Math.sqrt(1 - (4 * M_MU * M_MU) / m2q);
    const pStar = (mq / 2) * bm;
    // photon direction seen from the Q rest frame is along −(velocity of Q) = +k̂ (collinear boost)
    const kx = k[1] / eg;
    const ky = k[2] / eg;
    const kz = k[3] / eg;
    const cs = samplePeaked(bm, 1, rng.uniform(), rng.uniform());
    const ps = TWO_PI * rng.uniform();
    directionAbout(kx, ky, kz, cs, ps, dir);
    const dx = dir[0] as number;
    const dy = dir[1] as number;
    const dz = dir[2] as number;
    // boost μ± from the Q rest frame: velocity b⃗ = −k⃗/E_Q
    const bx = -k[1] / eq;
    const by = -k[2] / eq;
    const bz = -k[3] / eq;
    const g = eq / mq;
    const ed = mq / 2;
    for (const [out, sign] of [
      [qm, 1],
      [qp, -1],
    ] as const) {
      const px = sign * pStar * dx;
      const py = sign * pStar * dy;
      const pz = sign * pStar * dz;
      const bp = bx * px + by * py + bz * pz;
      const f = ((g * g) / (1 + g)) * bp + g * ed;
      out[0] = g * (ed + bp);
      out[1] = px + f * bx;
      out[2] = py + f * by;
      out[3] = pz + f * bz;
    }
    // weight: |M̄|²/(2s) dΦ₃ / proposal; dΦ₃ = E_γ dE_γ dΩ_γ/(2(2π)³) · β_μ dΩ*/(32π²)
    const msq = e4 * muMuGammaMsq(pPlus, pMinus, qp, qm, k);
    const proposal = (1 / (eg * logE)) * (peakedDensity(betaE, cMax, c) / TWO_PI) * (peakedDensity(bm, 1, cs) / TWO_PI);
    const dPhi = (eg / (2 * (TWO_PI * TWO_PI * TWO_PI))) * (bm / (32 * Math.PI * Math.PI));
    const wt = ((msq / (2 * s)) * dPhi * GEV2_PB) / proposal;
    weight[i] = wt;
    sum += wt;
    sum2 += wt * wt;
    writeArrayBoosted(cols.muMinus, i, qm, 0, cm);
    writeArrayBoosted(cols.muPlus, i, qp, 0, cm);
    writeArrayBoosted(cols.photon, i, k, 0, cm);
  }
  for (let i = 0; i < n; i++) weight[i] = (weight[i] as number) / n;
  const mean = sum / n;
  return {
    events: { size: n, particles: cols, weight },
    crossSectionPb: mean,
    crossSectionErrorPb: Math.sqrt(Math.max(sum2 / n - mean * mean, 0) / n),
  };
}
