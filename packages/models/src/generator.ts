/**
 * Seeded signal generator for e+e- → μ+μ- X, X radiated by either muon according to the massive
 * splitting functions, X → μ+μ- or invisible, optional initial-state radiation, in the lab frame.
 *
 * @packageDocumentation
 */
import {
  type BeamSetup,
  belle2Beams,
  boost,
  boostFromRestFrame,
  cmToLabEvents,
  type EventColumns,
  type FourVector,
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
import { DEFAULTS, type Spin } from "./defaults.js";
import { isrBeta } from "./isr.js";
import { requireSpin } from "./models.js";
import { bornMuMuInvGeV2, splittingPerG2 } from "./production.js";

/** Particle names of the generated events. */
export type SignalParticle = "muPlus" | "muMinus" | "xMuPlus" | "xMuMinus" | "x" | "gammaIsr";

/** Arguments of {@link generateMuMuX}. */
export interface SignalGeneratorOptions {
  /** m_X in GeV, > 0, with 2m_X/√s < 1 - 2m_μ/√s (Jho2019 eq. (3.5) range non-empty). */
  readonly mass: number;
  /** Coupling to muons, ≥ 0 (sets the cross section, not the shapes). */
  readonly coupling: number;
  /** "vector" (Z') or "scalar" (S). */
  readonly spin: Spin;
  /** "mumu": X → μ+μ- isotropically in its rest frame (Belle2-4mu); "invisible": X kept as `x`. */
  readonly decay: "mumu" | "invisible";
  /** Number of events to generate, integer ≥ 0. */
  readonly events: number;
  /** The beams. Default Belle II 7 × 4 GeV head-on (`belle2Beams()`). */
  readonly beams?: BeamSetup;
  /** Initial-state radiation with the Kuraev-Fadin radiator (one collinear photon `gammaIsr`). Default false. */
  readonly isr?: boolean;
  /** α. @defaultValue {@link DEFAULTS}.alpha */
  readonly alpha?: number;
}

/** A generated signal sample. */
export interface SignalSample {
  /**
   * Lab-frame events (unweighted). Particles: `muPlus`, `muMinus` (the pair X is radiated from);
   * with `decay: "mumu"` `xMuPlus`, `xMuMinus` (X's daughters), with `decay: "invisible"` `x`;
   * `gammaIsr` when ISR is on.
   */
  readonly events: EventColumns<SignalParticle>;
  /** The X four-momentum in the lab for every event (truth, also in the `mumu` mode). */
  readonly x: FourVectorColumns;
  /** z = 2E_X/√s' of each event in the centre-of-mass frame of the hard process. */
  readonly z: Float64Array;
  /** Which muon radiated X: -1 for μ-, +1 for μ+. */
  readonly emitter: Int8Array;
  /** Monte Carlo estimate of σ(e+e- → μ+μ- X) (with ISR if on), in pb, from the hit-or-miss acceptance. */
  readonly crossSection: Pb;
  /** Its statistical uncertainty in pb. */
  readonly crossSectionError: Pb;
  /** Number of hit-or-miss trials. */
  readonly trials: number;
}

interface Frame {
  readonly n: readonly [number, number, number];
  readonly u: readonly [number, number, number];
  readonly v: readonly [number, number, number];
}

/** An orthonormal frame (u, v, n) around the unit vector n. */
function frameAround(nx: number, ny: number, nz: number): Frame {
  const a: [number, number, number] = Math.abs(nx) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  // u = a × n normalised, v = n × u
  let ux = a[1] * nz - a[2] * ny;
  let uy = a[2] * nx - a[0] * nz;
  let uz = a[0] * ny - a[1] * nx;
  const un = Math.hypot(ux, uy, uz);
  ux /= un;
  uy /= un;
  uz /= un;
  return { n: [nx, ny, nz], u: [ux, uy, uz], v: [ny * uz - nz * uy, nz * ux - nx * uz, nx * uy - ny * ux] };
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

/**
 * Generates e+e- → μ+μ- X events (seeded, unweighted, lab frame).
 *
 * Per event, in the e+e- centre-of-mass frame:
 * 1. ISR (optional): x from the radiator F(x, s) (Kuraev1985), s' = s(1 - x), one photon of
 *    energy x√s/2 along either beam (probability ½ each); the hard process is boosted accordingly.
 * 2. z and the rate: hit-or-miss on σ₀(s') · 2D(s', z) (Jho2019 eqs. (3.3)-(3.5), D of
 *    `splittingPerG2` for the vector and the scalar) with a proposal 1/z (vector) or uniform (scalar)
 *    on eq. (3.5)'s range and an envelope that bounds the splitting function analytically, so that
 *    the accepted z follow dσ/dz exactly and the acceptance estimates σ (`crossSection`).
 * 3. Kinematics: the parent-muon direction n̂ from the Born distribution 1 + cos²Θ + (1 - β²) sin²Θ
 *    about the electron beam; the emitter (μ- or μ+, ½ each) radiates X at an angle θ to n̂ with
 *    the density ∝ 1/(1 - β_X cos θ) whose integral is the logarithm of eq. (3.4); the spectator
 *    muon recoils along -n̂ with the momentum that puts the emitter on shell (exact four-momentum
 *    conservation, all particles on shell).
 * 4. X → μ+μ- isotropic in the X rest frame (a scalar, or an unpolarised vector: Belle2-4mu), or X
 *    kept invisible. Everything is then boosted to the lab.
 *
 * @param options - see {@link SignalGeneratorOptions}
 * @param rng - the seeded random source (`createRandom(seed)` from `@muonphilic/kinematics`)
 * @returns the sample with its Monte Carlo cross section
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for bad mass or coupling, `KINEMATICALLY_FORBIDDEN`
 *   (argument `mass`) when eq. (3.5)'s z range is empty at √s, `UNKNOWN_NAME` for spin or decay,
 *   `INVALID_ARGUMENT` for a non-integer event count
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
  const decay = requireOneOf("decay", options.decay, ["mumu", "invisible"] as const);
  const n = requireInteger("events", options.events);
  const alpha = requirePositive("alpha", options.alpha ?? DEFAULTS.alpha);
  const beams = options.beams ?? belle2Beams();
  const isr = options.isr ?? false;
  const s = beams.s;
  const sqrtS = beams.sqrtS;
  const m = M_MU;
  if (!((2 * mass) / sqrtS < 1 - (2 * m) / sqrtS)) {
    throw argumentError("KINEMATICALLY_FORBIDDEN", "mass", mass, `< √s/2 - m_μ = ${sqrtS / 2 - m} GeV`);
  }
  if (decay === "mumu" && !(mass > 2 * m)) {
    throw argumentError("KINEMATICALLY_FORBIDDEN", "mass", mass, `> 2m_μ = ${2 * m} GeV for decay "mumu"`);
  }
  const g2 = g * g;
  // Envelope h(s') ≥ σ₀ · 2D/q over z (per g², GeV⁻²), q the z proposal density (see TSDoc step 2).
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
    bound *= 1.05; // the envelope is smooth in s'; 5% above its maximum on a 400-point grid
  }
  const beta = isrBeta(s, alpha);
  const eDir = labToCm(beams.electron, beams);
  const pe = Math.hypot(eDir.px, eDir.py, eDir.pz);
  const beamFrame = frameAround(eDir.px / pe, eDir.py / pe, eDir.pz / pe);

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
  let trials = 0;
  let accepted = 0;

  for (let i = 0; i < n; ) {
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
    const ratio = (bornMuMuInvGeV2(sp, alpha) * 2 * splittingPerG2(spin, sp, mass, z)) / q;
    if (rng.uniform() * bound >= ratio) continue;
    accepted++;
    // 3. Born direction of the parent muon about the electron beam
    const betaMu = Math.sqrt(1 - (4 * m * m) / sp);
    let c: number;
    do c = 2 * rng.uniform() - 1;
    while (rng.uniform() * 2 >= 1 + c * c + (1 - betaMu * betaMu) * (1 - c * c));
    const nHat = direction(beamFrame, c, 2 * Math.PI * rng.uniform());
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
    const spectator: FourVector = { e: eS, px: -P * nHat[0], py: -P * nHat[1], pz: -P * nHat[2] };
    const emit: FourVector = { e: A - eS, px: P * nHat[0] - qx, py: P * nHat[1] - qy, pz: P * nHat[2] - qz };
    const xv: FourVector = { e: eX, px: qx, py: qy, pz: qz };
    const muMinusFirst = rng.uniform() < 0.5;
    emitter[i] = muMinusFirst ? -1 : 1;
    // ISR: photon along ±beam; the hard system recoils
    let toCm: ((p: FourVector) => FourVector) | undefined;
    if (isr) {
      const eG = (x * sqrtS) / 2;
      const sign = rng.uniform() < 0.5 ? 1 : -1;
      const [bx, by, bz] = beamFrame.n;
      set(cols.gammaIsr, i, { e: eG, px: sign * eG * bx, py: sign * eG * by, pz: sign * eG * bz });
      const v = (-sign * eG) / (sqrtS - eG);
      toCm = (p) => boost(p, { x: v * bx, y: v * by, z: v * bz });
    }
    const place = (p: FourVector): FourVector => (toCm ? toCm(p) : p);
    set(cols.muMinus, i, place(muMinusFirst ? emit : spectator));
    set(cols.muPlus, i, place(muMinusFirst ? spectator : emit));
    const xCm = place(xv);
    set(xCols, i, xCm);
    if (decay === "mumu") {
      const pStar = Math.sqrt((mass * mass) / 4 - m * m);
      const d = rng.isotropic();
      const e = mass / 2;
      const a = { e, px: pStar * (d[0] as number), py: pStar * (d[1] as number), pz: pStar * (d[2] as number) };
      const b = { e, px: -a.px, py: -a.py, pz: -a.pz };
      set(cols.xMuPlus, i, boostFromRestFrame(a, xCm));
      set(cols.xMuMinus, i, boostFromRestFrame(b, xCm));
    } else {
      set(cols.x, i, xCm);
    }
    zOut[i] = z;
    i++;
  }
  const events = cmToLabEvents({ size: n, particles: cols }, beams);
  const xLab = cmToLabEvents({ size: n, particles: { x: xCols } }, beams).particles.x;
  const p = trials > 0 ? accepted / trials : 0;
  const sigma = g2 * bound * GEV2_PB;
  return {
    events,
    x: xLab,
    z: zOut,
    emitter,
    crossSection: pb(sigma * p),
    crossSectionError: pb(trials > 0 ? sigma * Math.sqrt((p * (1 - p)) / trials) : 0),
    trials,
  };
}

function alloc(n: number): FourVectorColumns {
  return { e: new Float64Array(n), px: new Float64Array(n), py: new Float64Array(n), pz: new Float64Array(n) };
}

function set(c: FourVectorColumns, i: number, p: FourVector): void {
  c.e[i] = p.e;
  c.px[i] = p.px;
  c.py[i] = p.py;
  c.pz[i] = p.pz;
}
