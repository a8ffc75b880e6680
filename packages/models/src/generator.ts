/**
 * Seeded signal generator for e+e- → μ+μ- X, X → μ+μ-, invisible (the Z') or not decayed, optional initial-state
 * radiation, in the lab frame: from the exact tree-level matrix element (default, the whole
 * kinematic range) or from the massive splitting functions of Jho2019 eqs. (3.3)-(3.5).
 *
 * @packageDocumentation
 */
import {
  type BeamSetup,
  belle2Beams,
  boostFromRestFrameInPlace,
  boostInPlace,
  cmToLabEvents,
  type EventColumns,
  type FourVectorColumns,
  labToCm,
  type RandomSource,
} from "@muonphilic/kinematics";
import {
  argumentError,
  GEV2_PB,
  M_MU,
  type Pb,
  pb,
  requireInteger,
  requireNonNegative,
  requireOneOf,
  requirePositive,
} from "@muonphilic/units";
import { DEFAULTS, type GeneratorMethod, type Spin } from "./defaults.js";
import { type Frame, frameAround } from "./frame.js";
import { createMatrixElementSampler, type HardEvent } from "./generatorMatrixElement.js";
import { isrBeta } from "./isr.js";
import { requireSpin } from "./models.js";
import { bornMuMuInvGeV2, splittingPerG2 } from "./production.js";

/** Particle names of the generated events. */
export type SignalParticle = "muPlus" | "muMinus" | "xMuPlus" | "xMuMinus" | "x" | "gammaIsr";

/**
 * What {@link generateMuMuX} does with X: `"mumu"` decays it to μ+μ-; `"invisible"` keeps it as an
 * invisible particle `x` (the Z' only: Z' → νν̄, χχ̄); `"none"` keeps it undecayed as `x` (either
 * spin; the generated events of `"invisible"` and `"none"` are the same, only the meaning differs).
 */
export type SignalDecay = "mumu" | "invisible" | "none";

/** Arguments of {@link generateMuMuX}. */
export interface SignalGeneratorOptions {
  /**
   * m_X in GeV, > 0: below √s - 2m_μ with `method: "matrix-element"`, below √s/2 - m_μ with
   * `"splitting"` (Jho2019 eq. (3.5) range non-empty); above 2m_μ for `decay: "mumu"`.
   */
  readonly mass: number;
  /** Coupling to muons, ≥ 0 (sets the cross section, not the shapes). */
  readonly coupling: number;
  /** "vector" (Z') or "scalar" (S). */
  readonly spin: Spin;
  /**
   * What becomes of X (see {@link SignalDecay}): "mumu": X → μ+μ- (Belle2-4mu): with the matrix
   * element the vector's decay carries the spin correlations of the production, the scalar's is
   * isotropic; with the splitting functions both are isotropic in the X rest frame. "invisible":
   * the Z' → νν̄ (or χχ̄) of Jho2019 and Belle2-inv, X kept as `x`; vector only (the muonphilic
   * scalar has no invisible decay, as in `sigmaTimesBR`). "none": X not decayed, kept as `x`, for
   * either spin (the production alone: rates, z spectra, acceptance studies).
   */
  readonly decay: SignalDecay;
  /** Number of events to generate, integer ≥ 0. */
  readonly events: number;
  /** The beams. Default Belle II 7 × 4 GeV head-on (`belle2Beams()`). */
  readonly beams?: BeamSetup;
  /** Initial-state radiation with the Kuraev-Fadin radiator (one collinear photon `gammaIsr`). Default false. */
  readonly isr?: boolean;
  /** α. @defaultValue {@link DEFAULTS}.alpha */
  readonly alpha?: number;
  /** How the hard process is sampled (see {@link GeneratorMethod}). @defaultValue {@link DEFAULTS}.generatorMethod */
  readonly method?: GeneratorMethod;
}

/** A generated signal sample. */
export interface SignalSample {
  /**
   * Lab-frame events (unweighted). Particles: `muPlus`, `muMinus` (the pair X is radiated from);
   * with `decay: "mumu"` `xMuPlus`, `xMuMinus` (X's daughters), with `decay: "invisible"` or `"none"` `x`;
   * `gammaIsr` when ISR is on.
   */
  readonly events: EventColumns<SignalParticle>;
  /** The X four-momentum in the lab for every event (truth, also in the `mumu` mode). */
  readonly x: FourVectorColumns;
  /** z = 2E_X/√s' of each event in the centre-of-mass frame of the hard process. */
  readonly z: Float64Array;
  /**
   * Which muon radiated X: -1 for μ-, +1 for μ+. With the matrix element (where both diagrams
   * interfere) the muon closer to X: -1 if (k_μ- + q)² < (k_μ+ + q)².
   */
  readonly emitter: Int8Array;
  /** Monte Carlo estimate of σ(e+e- → μ+μ- X) (with ISR if on), in pb, from the hit-or-miss acceptance. */
  readonly crossSection: Pb;
  /** Its statistical uncertainty in pb. */
  readonly crossSectionError: Pb;
  /** Number of hit-or-miss trials. */
  readonly trials: number;
  /** The method that generated the sample. */
  readonly method: GeneratorMethod;
  /**
   * The largest ratio of the sampled density to its envelope met during generation: ≤ 1 means
   * every rejection step was exact. The splitting method's envelope is analytic (≤ 1 by
   * construction); the matrix-element method's (x, z) envelope is tabulated with a margin and
   * checked on every trial.
   */
  readonly maxWeight: number;
}

/** Unit vector at polar cosine c and azimuth phi around the frame's n. */
function direction(f: Frame, c: number, phi: number): [number, number, number] {
  const s = Math.sqrt(Math.max(0, 1 - c * c));
  const cp = s * Math.cos(phi);
  const sp = s * Math.sin(phi);
  return [
    c * f.n[0] + cp * f.u[0] + sp * f.v[0],
    c * f.n[1] + cp * f.u[1] + sp * f.v[1],
    c * f.n[2] + cp * f.u[2] + sp * f.v[2],
  ];
}

/** A hard-process sampler: σ/g² (GeV⁻²) = bound × hits/trials. */
interface HardSampler {
  readonly bound: number;
  next(rng: RandomSource, out: HardEvent): number;
  maxWeight(): number;
}

/**
 * The splitting-function hard process (Jho2019 eqs. (3.3)-(3.5)), see {@link generateMuMuX}.
 * Hit-or-miss on σ₀(s′)·2D(s′, z) with a proposal 1/z (vector) or uniform (scalar) and an
 * analytic envelope h(s′) ≥ σ₀·2D/q; with ISR the radiator F(x) is sampled first and the bound is
 * the envelope's maximum over s′ (on a 400-point grid, times 1.05: it is smooth in s′).
 */
function splittingSampler(spin: Spin, mass: number, s: number, alpha: number, isr: boolean, beam: Frame): HardSampler {
  const m = M_MU;
  const sqrtS = Math.sqrt(s);
  const zRange = (sp: number): [number, number] => {
    const r = Math.sqrt(sp);
    return [(2 * mass) / r, 1 - (2 * m) / r];
  };
  const envelope = (sp: number): number => {
    const [zMin, zMax] = zRange(sp);
    if (!(zMin < zMax)) return 0;
    const lambda = Math.log((sp * zMax * zMax) / (mass * mass));
    const sigma0 = bornMuMuInvGeV2(sp, alpha);
    return spin === "vector"
      ? (sigma0 * 4 * lambda * Math.log(zMax / zMin)) / (8 * Math.PI * Math.PI)
      : (sigma0 * 2 * zMax * lambda * (zMax - zMin)) / (16 * Math.PI * Math.PI);
  };
  const xMax = 1 - ((2 * mass + 2 * m) / sqrtS) ** 2;
  let bound = envelope(s);
  if (isr) {
    for (let i = 0; i <= 400; i++) bound = Math.max(bound, envelope(s * (1 - xMax * (i / 400))));
    bound *= 1.05;
  }
  const beta = isrBeta(s, alpha);
  let maxRatio = 0;
  const next = (rng: RandomSource, out: HardEvent): number => {
    let trials = 0;
    for (;;) {
      trials++;
      // 1. ISR energy fraction from F(x, s): proposal β x^(β-1), accept with F/proposal/(1 + 3β/4)
      let x = 0;
      if (isr) {
        for (;;) {
          x = rng.uniformOpen() ** (1 / beta);
          if (rng.uniform() * (1 + 0.75 * beta) < 1 + 0.75 * beta - x ** (1 - beta) * (1 - x / 2)) break;
        }
      }
      const sp = s * (1 - x);
      const w = Math.sqrt(sp);
      const [zMin, zMax] = zRange(sp);
      if (!(zMin < zMax)) continue;
      // 2. z from the proposal; hit-or-miss against the global bound
      const z = spin === "vector" ? zMin * (zMax / zMin) ** rng.uniform() : zMin + (zMax - zMin) * rng.uniform();
      const q = spin === "vector" ? 1 / (z * Math.log(zMax / zMin)) : 1 / (zMax - zMin);
      const ratio = (bornMuMuInvGeV2(sp, alpha) * 2 * splittingPerG2(spin, sp, mass, z)) / q / bound;
      if (ratio > maxRatio) maxRatio = ratio;
      if (rng.uniform() >= ratio) continue;
      // 3. Born direction of the parent muon about the electron beam
      const betaMu = Math.sqrt(1 - (4 * m * m) / sp);
      let c: number;
      do c = 2 * rng.uniform() - 1;
      while (rng.uniform() * 2 >= 1 + c * c + (1 - betaMu * betaMu) * (1 - c * c));
      const nHat = direction(beam, c, 2 * Math.PI * rng.uniform());
      const eX = (z * w) / 2;
      const pX = Math.sqrt(Math.max(eX * eX - mass * mass, 0));
      const bX = pX / eX;
      // cos θ from 1/(1 - β cos θ): inverse CDF
      const u = rng.uniform();
      const cosT = (1 - (1 + bX) ** (1 - u) * (1 - bX) ** u) / bX;
      const xDir = direction(
        frameAround(nHat[0], nHat[1], nHat[2]),
        Math.min(1, Math.max(-1, cosT)),
        2 * Math.PI * rng.uniform(),
      );
      const qx = pX * xDir[0];
      const qy = pX * xDir[1];
      const qz = pX * xDir[2];
      // spectator along -n̂ with |p| = P: A √(P² + m²) = R²/2 + P q∥, A = √s' - E_X, R² = A² - |q|²
      const A = w - eX;
      const r2 = A * A - pX * pX;
      const qPar = qx * nHat[0] + qy * nHat[1] + qz * nHat[2];
      const den = A * A - qPar * qPar;
      const root = A * Math.sqrt(Math.max(r2 * r2 - 4 * m * m * den, 0));
      const P = (r2 * qPar + root) / (2 * den);
      const eS = Math.hypot(P, m);
      const muMinusEmits = rng.uniform() < 0.5;
      const o = out.p;
      const emitAt = muMinusEmits ? 0 : 4;
      const specAt = muMinusEmits ? 4 : 0;
      o[specAt] = eS;
      o[specAt + 1] = -P * nHat[0];
      o[specAt + 2] = -P * nHat[1];
      o[specAt + 3] = -P * nHat[2];
      o[emitAt] = A - eS;
      o[emitAt + 1] = P * nHat[0] - qx;
      o[emitAt + 2] = P * nHat[1] - qy;
      o[emitAt + 3] = P * nHat[2] - qz;
      o[8] = eX;
      o[9] = qx;
      o[10] = qy;
      o[11] = qz;
      out.x = x;
      out.sp = sp;
      out.z = z;
      out.emitter = muMinusEmits ? -1 : 1;
      out.decayed = false;
      return trials;
    }
  };
  return { bound, next, maxWeight: () => maxRatio };
}

/**
 * Generates e+e- → μ+μ- X events (seeded, unweighted, lab frame).
 *
 * **`method: "matrix-element"` (default)**, valid for 0 < m_X < √s - 2m_μ: per event, in the e+e-
 * centre-of-mass frame,
 * 1. ISR (optional) and the hard process are sampled jointly and exactly from
 *    F(x, s) · α²/(48π s′³) · H over the Dalitz plot of γ*(√s′) → μ-μ+X, with F the Kuraev-Fadin
 *    radiator (Kuraev1985, `isrRadiator`), s′ = s(1 - x), and H = `gammaStarMuMuXMsq`, the tree-level
 *    |M|² with the full muon and X masses (both diagrams and their interference); the hit rate gives
 *    `crossSection`, which reproduces `sigmaMuMuX({ method: "exact" })` (with ISR
 *    `sigmaMuMuXWithIsr({ method: "exact" })`). Technique in `generatorMatrixElement.ts`.
 * 2. Orientation: the full production angular distribution, |M|² ∝ L_{μν}H^{μν} =
 *    (s′/2)(Tr H - ê·H·ê) with ê the beam axis in the γ* frame (`gammaStarHadronicTensor`), sampled
 *    given the momenta (massless beams: m_e²/s ~ 2e-9).
 *
 * **`method: "splitting"`**, valid for m_X < √s/2 - m_μ, accurate for small m_X/√s:
 * 1. ISR (optional): x from the radiator, one photon along either beam.
 * 2. z and the rate: hit-or-miss on σ₀(s') · 2D(s', z) (Jho2019 eqs. (3.3)-(3.5), D of
 *    `splittingPerG2` for the vector and the scalar) with a proposal 1/z (vector) or uniform (scalar)
 *    on eq. (3.5)'s range and an envelope that bounds the splitting function analytically, so that
 *    the accepted z follow dσ/dz exactly and the acceptance estimates σ (`crossSection`).
 * 3. Kinematics: the parent-muon direction n̂ from the Born distribution 1 + cos²Θ + (1 - β²) sin²Θ
 *    about the electron beam; the emitter (μ- or μ+, ½ each) radiates X at an angle θ to n̂ with
 *    the density ∝ 1/(1 - β_X cos θ) whose integral is the logarithm of eq. (3.4); the spectator
 *    muon recoils along -n̂ with the momentum that puts the emitter on shell.
 *
 * 3. X → μ+μ- of the vector with spin correlations: the decay direction from the X spin density of
 *    the production (`gammaStarVectorPolarisedMsq`); the Z' comes out mostly transverse (helicity
 *    angle ∝ 1 + 0.25 cos²θ*, where Belle2-4mu sec. IV D describes an unpolarised vector as uniform).
 *    The scalar decays isotropically (exact).
 *
 * Both: the ISR photon (energy x√s/2) goes along either beam with probability ½ and the hard system
 * recoils against it; with the splitting method X → μ+μ- is isotropic in the X rest frame (the
 * vector treated as unpolarised), or X is kept as `x` (`"invisible"`, `"none"`). Every particle is on shell and four-momentum is conserved to round-off; then
 * everything is boosted to the lab.
 *
 * @param options - see {@link SignalGeneratorOptions}
 * @param rng - the seeded random source (`createRandom(seed)` from `@muonphilic/kinematics`)
 * @returns the sample with its Monte Carlo cross section
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for bad mass, coupling or alpha; `KINEMATICALLY_FORBIDDEN`
 *   (argument `mass`) for m_X ≥ √s - 2m_μ (matrix element), m_X ≥ √s/2 - m_μ (splitting: eq. (3.5)'s
 *   z range empty) or m_X ≤ 2m_μ with `decay: "mumu"`; `UNKNOWN_NAME` for spin, decay or method;
 *   `INVALID_ARGUMENT` for a non-integer event count, or (argument `decay`) for `decay: "invisible"`
 *   with `spin: "scalar"` (S has no invisible decay; `"none"` generates its production alone)
 * @example
 * ```ts
 * const sample = generateMuMuX({ mass: 1, coupling: 1e-3, spin: "vector", decay: "mumu", events: 1000 }, createRandom(7));
 * sample.events.particles.xMuPlus.e; // Float64Array of 1000 lab energies
 * ```
 */
export function generateMuMuX(options: SignalGeneratorOptions, rng: RandomSource): SignalSample {
  const spin = requireSpin(options.spin);
  const mass = requirePositive("mass", options.mass, "GeV");
  const g = requireNonNegative("coupling", options.coupling);
  const decay = requireOneOf("decay", options.decay, ["mumu", "invisible", "none"] as const);
  if (spin === "scalar" && decay === "invisible") {
    throw argumentError(
      "INVALID_ARGUMENT",
      "decay",
      decay,
      '"mumu" or "none" for the scalar (the muonphilic S has no invisible decay in this model; "none" keeps X undecayed)',
    );
  }
  const method = requireOneOf("method", options.method ?? DEFAULTS.generatorMethod, [
    "matrix-element",
    "splitting",
  ] as const);
  const n = requireInteger("events", options.events);
  const alpha = requirePositive("alpha", options.alpha ?? DEFAULTS.alpha);
  const beams = options.beams ?? belle2Beams();
  const isr = options.isr ?? false;
  const s = beams.s;
  const sqrtS = beams.sqrtS;
  const m = M_MU;
  if (method === "splitting" && !((2 * mass) / sqrtS < 1 - (2 * m) / sqrtS)) {
    throw argumentError(
      "KINEMATICALLY_FORBIDDEN",
      "mass",
      mass,
      `< √s/2 - m_μ = ${sqrtS / 2 - m} GeV for method "splitting" (use "matrix-element" up to √s - 2m_μ)`,
    );
  }
  if (method === "matrix-element" && !(mass < sqrtS - 2 * m)) {
    throw argumentError("KINEMATICALLY_FORBIDDEN", "mass", mass, `< √s - 2m_μ = ${sqrtS - 2 * m} GeV`);
  }
  if (decay === "mumu" && !(mass > 2 * m)) {
    throw argumentError("KINEMATICALLY_FORBIDDEN", "mass", mass, `> 2m_μ = ${2 * m} GeV for decay "mumu"`);
  }
  const eDir = labToCm(beams.electron, beams);
  const pe = Math.hypot(eDir.px, eDir.py, eDir.pz);
  const beamFrame = frameAround(eDir.px / pe, eDir.py / pe, eDir.pz / pe);
  const sampler: HardSampler =
    method === "splitting"
      ? splittingSampler(spin, mass, s, alpha, isr, beamFrame)
      : (() => {
          const me = createMatrixElementSampler(spin, mass, s, alpha, isr, beamFrame, decay === "mumu");
          return { bound: me.envelopeIntegral, next: me.next, maxWeight: me.maxWeight };
        })();

  const names: SignalParticle[] = [
    "muPlus",
    "muMinus",
    ...(decay === "mumu" ? (["xMuPlus", "xMuMinus"] as const) : (["x"] as const)),
    ...(isr ? (["gammaIsr"] as const) : []),
  ];
  const cols = Object.fromEntries(names.map((k) => [k, alloc(n)])) as Record<SignalParticle, FourVectorColumns>;
  const xCols = alloc(n);
  const zOut = new Float64Array(n);
  const emitter = new Int8Array(n);
  const hard: HardEvent = { x: 0, sp: s, z: 0, emitter: -1, p: new Float64Array(20), decayed: false };
  const d = new Float64Array(8);
  const dir = new Float64Array(3);
  const [bx, by, bz] = beamFrame.n;
  const pStar = decay === "mumu" ? Math.sqrt((mass / 2 - m) * (mass / 2 + m)) : 0;
  let trials = 0;

  for (let i = 0; i < n; i++) {
    trials += sampler.next(rng, hard);
    const p = hard.p;
    // ISR: photon along ±beam; the hard system recoils
    if (isr) {
      const eG = (hard.x * sqrtS) / 2;
      const sign = rng.uniform() < 0.5 ? 1 : -1;
      const gam = cols.gammaIsr;
      gam.e[i] = eG;
      gam.px[i] = sign * eG * bx;
      gam.py[i] = sign * eG * by;
      gam.pz[i] = sign * eG * bz;
      const v = (-sign * eG) / (sqrtS - eG);
      const end = hard.decayed ? 20 : 12;
      if (v !== 0) for (let k = 0; k < end; k += 4) boostInPlace(p, k, v * bx, v * by, v * bz);
    }
    put(cols.muMinus, i, p, 0);
    put(cols.muPlus, i, p, 4);
    put(xCols, i, p, 8);
    if (decay === "mumu" && hard.decayed) {
      put(cols.xMuPlus, i, p, 12);
      put(cols.xMuMinus, i, p, 16);
    } else if (decay === "mumu") {
      rng.isotropic(dir);
      const e = mass / 2;
      d[0] = e;
      d[1] = pStar * (dir[0] as number);
      d[2] = pStar * (dir[1] as number);
      d[3] = pStar * (dir[2] as number);
      d[4] = e;
      d[5] = -(d[1] as number);
      d[6] = -(d[2] as number);
      d[7] = -(d[3] as number);
      const xe = p[8] as number;
      const xpx = p[9] as number;
      const xpy = p[10] as number;
      const xpz = p[11] as number;
      boostFromRestFrameInPlace(d, 0, xe, xpx, xpy, xpz, mass);
      boostFromRestFrameInPlace(d, 4, xe, xpx, xpy, xpz, mass);
      put(cols.xMuPlus, i, d, 0);
      put(cols.xMuMinus, i, d, 4);
    } else {
      put(cols.x, i, p, 8);
    }
    zOut[i] = hard.z;
    emitter[i] = hard.emitter;
  }
  const events = cmToLabEvents({ size: n, particles: cols }, beams);
  const xLab = cmToLabEvents({ size: n, particles: { x: xCols } }, beams).particles.x;
  const prob = trials > 0 ? n / trials : 0;
  const sigma = g * g * sampler.bound * GEV2_PB;
  return {
    events,
    x: xLab,
    z: zOut,
    emitter,
    crossSection: pb(sigma * prob),
    crossSectionError: pb(trials > 0 ? sigma * Math.sqrt((prob * (1 - prob)) / trials) : 0),
    trials,
    method,
    maxWeight: sampler.maxWeight(),
  };
}

function alloc(n: number): FourVectorColumns {
  return { e: new Float64Array(n), px: new Float64Array(n), py: new Float64Array(n), pz: new Float64Array(n) };
}

function put(c: FourVectorColumns, i: number, p: Float64Array, offset: number): void {
  c.e[i] = p[offset] as number;
  c.px[i] = p[offset + 1] as number;
  c.py[i] = p[offset + 2] as number;
  c.pz[i] = p[offset + 3] as number;
}
