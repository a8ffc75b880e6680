/**
 * Asymmetric e⁺e⁻ collider frames: the beams, √s, and the lab ↔ centre-of-mass (CM) boost.
 *
 * Geometry: the electron beam moves along +z, the positron beam along −z (Belle2-4mu sec. II:
 * "the direction of the electron beam"). With a full crossing angle α in the x–z plane, each beam is
 * tilted by α/2 so that their momenta have x components of the same sign:
 *   p⃗(e⁻) = p₋ (sin α/2, 0, cos α/2),   p⃗(e⁺) = p₊ (sin α/2, 0, −cos α/2),
 * and the angle between p⃗(e⁻) and −p⃗(e⁺) is α. Head-on (α = 0) and massless,
 *   √s = 2 √(E₋E₊),  β = (E₋ − E₊)/(E₋ + E₊)   (Jho2019 sec. 3.3).
 * In general the CM moves with β⃗ = (p⃗₋ + p⃗₊)/(E₋ + E₊) and lab → CM is the pure boost by −β⃗
 * (no rotation: with a crossing angle the beams are not along z in the CM).
 *
 * @packageDocumentation
 */
import {
  argumentError,
  type GeV,
  type GeV2,
  gev,
  gev2,
  M_E,
  type Rad,
  rad,
  requireFinite,
  requireInRange,
  requireNonNegative,
  requirePositive,
} from "@muonphilic/units";
import { boostKernel } from "./boost.js";
import { boostColumns, boostEvents } from "./columns.js";
import { requireFourVector } from "./fourvector.js";
import type { EventColumns, FourVector, FourVectorColumns, ThreeVector } from "./types.js";

/** Options of {@link beamSetup}. */
export interface BeamOptions {
  /** Electron-beam energy (GeV, > its mass). */
  readonly electronEnergy: number;
  /** Positron-beam energy (GeV, > its mass). */
  readonly positronEnergy: number;
  /** Full crossing angle in the x–z plane (rad, in [0, π)); 0 is head-on. */
  readonly crossingAngle?: number;
  /** The beam particles' mass (GeV); 0 reproduces the massless formulas of Jho2019 sec. 3.3. */
  readonly beamMass?: number;
}

/** A described e⁺e⁻ beam setup: the beams, √s and the CM boost. Build with {@link beamSetup} or {@link belle2Beams}. */
export interface BeamSetup {
  /** Electron-beam energy (GeV). */
  readonly electronEnergy: number;
  /** Positron-beam energy (GeV). */
  readonly positronEnergy: number;
  /** Full crossing angle (rad). */
  readonly crossingAngle: number;
  /** Beam-particle mass (GeV). */
  readonly beamMass: number;
  /** The electron beam's four-momentum in the lab (GeV). */
  readonly electron: FourVector;
  /** The positron beam's four-momentum in the lab (GeV). */
  readonly positron: FourVector;
  /** The total initial four-momentum in the lab, e⁻ + e⁺ (GeV). */
  readonly total: FourVector;
  /** Centre-of-mass energy √s (GeV). */
  readonly sqrtS: GeV;
  /** s (GeV²). */
  readonly s: GeV2;
  /** Velocity of the CM frame in the lab, β⃗ = P⃗/E (units of c): boosting by it maps CM → lab. */
  readonly boost: ThreeVector;
  /** |β⃗| of the CM frame. */
  readonly beta: number;
  /** γ = E/√s of the CM frame. */
  readonly gamma: number;
}

/** Defaults of the Belle II beams (Jho2019 sec. 3.3: E(e⁻) = 7.0 GeV, E(e⁺) = 4.0 GeV). */
export const BELLE2_DEFAULTS = {
  /** HER (electron) energy (GeV). */
  electronEnergy: 7.0,
  /** LER (positron) energy (GeV). */
  positronEnergy: 4.0,
  /** Head-on by default, as in Jho2019; SuperKEKB's real full crossing angle is 83 mrad. */
  crossingAngle: 0,
  /** The electron mass M_E (PDG 2022); pass 0 for the massless formulas. */
  beamMass: M_E as number,
} as const;

/**
 * Builds an e⁺e⁻ beam setup (see the module documentation for the geometry).
 * @param options - beam energies (GeV), crossing angle (rad), beam mass (GeV)
 * @returns the beams, √s, s and the CM velocity
 * @throws {@link PhysError} `INVALID_ARGUMENT` for non-finite input, `OUT_OF_DOMAIN` for a beam
 *   energy not above the beam mass, a negative mass or a crossing angle outside [0, π)
 * @example
 * ```ts
 * beamSetup({ electronEnergy: 7, positronEnergy: 4, beamMass: 0 }).sqrtS; // 10.583005244258363
 * ```
 */
export function beamSetup(options: BeamOptions): BeamSetup {
  const beamMass = requireNonNegative("beamMass", options.beamMass ?? BELLE2_DEFAULTS.beamMass, "GeV");
  const e1 = requirePositive("electronEnergy", options.electronEnergy, "GeV");
  const e2 = requirePositive("positronEnergy", options.positronEnergy, "GeV");
  requireInRange("electronEnergy", e1, beamMass, Number.POSITIVE_INFINITY, { lowInclusive: false, unit: "GeV" });
  requireInRange("positronEnergy", e2, beamMass, Number.POSITIVE_INFINITY, { lowInclusive: false, unit: "GeV" });
  const crossingAngle = requireInRange("crossingAngle", options.crossingAngle ?? 0, 0, Math.PI, {
    highInclusive: false,
    unit: "rad",
  });
  const p1 = Math.sqrt((e1 - beamMass) * (e1 + beamMass));
  const p2 = Math.sqrt((e2 - beamMass) * (e2 + beamMass));
  const sa = Math.sin(crossingAngle / 2);
  const ca = Math.cos(crossingAngle / 2);
  const electron: FourVector = { e: e1, px: p1 * sa, py: 0, pz: p1 * ca };
  const positron: FourVector = { e: e2, px: p2 * sa, py: 0, pz: -p2 * ca };
  const total: FourVector = { e: e1 + e2, px: (p1 + p2) * sa, py: 0, pz: (p1 - p2) * ca };
  // s = 2m² + 2(E₁E₂ − p⃗₁·p⃗₂), with p⃗₁·p⃗₂ = −p₁p₂ cos α: no cancellation for any energies.
  const s = 2 * beamMass * beamMass + 2 * (e1 * e2 + p1 * p2 * Math.cos(crossingAngle));
  const sqrtS = Math.sqrt(s);
  const boost = { x: total.px / total.e, y: 0, z: total.pz / total.e };
  return {
    electronEnergy: e1,
    positronEnergy: e2,
    crossingAngle,
    beamMass,
    electron,
    positron,
    total,
    sqrtS: gev(sqrtS),
    s: gev2(s),
    boost,
    beta: Math.hypot(boost.x, boost.z),
    gamma: total.e / sqrtS,
  };
}

/**
 * The Belle II beams: 7.0 GeV e⁻ along +z, 4.0 GeV e⁺ along −z (Jho2019 sec. 3.3), head-on by
 * default; every field of {@link BeamOptions} can be overridden.
 * @param options - overrides of {@link BELLE2_DEFAULTS}
 * @throws {@link PhysError} as {@link beamSetup}
 * @example
 * ```ts
 * const b = belle2Beams();
 * b.sqrtS; // 10.583 GeV
 * b.beta;  // 0.2727 (= 3/11 for massless beams)
 * belle2Beams({ crossingAngle: 0.083 }); // with SuperKEKB's crossing angle
 * ```
 */
export function belle2Beams(options: Partial<BeamOptions> = {}): BeamSetup {
  return beamSetup({ ...BELLE2_DEFAULTS, ...options });
}

/**
 * Transforms a lab four-vector into the CM frame of the beams (boost by −β⃗).
 * @param p - lab four-momentum (GeV)
 * @param beams - the beam setup
 * @throws {@link PhysError} `INVALID_ARGUMENT` for a non-finite four-vector
 * @example
 * ```ts
 * labToCm(muLab, belle2Beams()); // the muon in the CM frame
 * ```
 */
export function labToCm(p: FourVector, beams: BeamSetup): FourVector {
  requireFourVector("p", p);
  const b = beams.boost;
  return boostKernel(p, -b.x, -b.y, -b.z, b.x * b.x + b.y * b.y + b.z * b.z);
}

/**
 * Transforms a CM four-vector into the lab (boost by +β⃗).
 * @param p - CM four-momentum (GeV)
 * @param beams - the beam setup
 * @throws {@link PhysError} `INVALID_ARGUMENT` for a non-finite four-vector
 * @example
 * ```ts
 * cmToLab(fourVector(5.29, 0, 0, 5.29), belle2Beams()).e; // 7.0 GeV (massless beams)
 * ```
 */
export function cmToLab(p: FourVector, beams: BeamSetup): FourVector {
  requireFourVector("p", p);
  const b = beams.boost;
  return boostKernel(p, b.x, b.y, b.z, b.x * b.x + b.y * b.y + b.z * b.z);
}

/**
 * Columnar {@link labToCm}. `out` may alias `c`.
 * @param c - lab four-momenta (GeV)
 * @param beams - the beam setup
 * @param out - optional output (may alias c)
 * @example
 * ```ts
 * const cm = labToCmColumns(muLab, belle2Beams());
 * ```
 */
export function labToCmColumns(c: FourVectorColumns, beams: BeamSetup, out?: FourVectorColumns): FourVectorColumns {
  const b = beams.boost;
  return boostColumns(c, { x: -b.x, y: -b.y, z: -b.z }, out);
}

/**
 * Columnar {@link cmToLab}. `out` may alias `c`.
 * @param c - CM four-momenta (GeV)
 * @param beams - the beam setup
 * @param out - optional output (may alias c)
 * @example
 * ```ts
 * const lab = cmToLabColumns(muCm, belle2Beams());
 * ```
 */
export function cmToLabColumns(c: FourVectorColumns, beams: BeamSetup, out?: FourVectorColumns): FourVectorColumns {
  return boostColumns(c, beams.boost, out);
}

/**
 * Every particle of a lab event batch transformed into the CM frame (names and weights kept).
 * @param events - the batch in the lab (GeV)
 * @param beams - the beam setup
 * @throws {@link PhysError} `INCOMPATIBLE_SHAPES` for a malformed batch
 * @example
 * ```ts
 * const cm = labToCmEvents(reconstructed, belle2Beams());
 * ```
 */
export function labToCmEvents<P extends string>(events: EventColumns<P>, beams: BeamSetup): EventColumns<P> {
  const b = beams.boost;
  return boostEvents(events, { x: -b.x, y: -b.y, z: -b.z });
}

/**
 * Every particle of a CM event batch transformed into the lab (names and weights kept).
 * @param events - the batch in the CM frame (GeV)
 * @param beams - the beam setup
 * @throws {@link PhysError} `INCOMPATIBLE_SHAPES` for a malformed batch
 * @example
 * ```ts
 * const lab = cmToLabEvents(generated, belle2Beams());
 * ```
 */
export function cmToLabEvents<P extends string>(events: EventColumns<P>, beams: BeamSetup): EventColumns<P> {
  return boostEvents(events, beams.boost);
}

/**
 * The lab polar angle of a particle emitted in the CM frame at polar angle θ* with momentum p*,
 * for head-on beams (boost along z): tan θ = p* sin θ* / (γ (p* cos θ* + β E*)).
 * @param thetaCm - CM polar angle θ* (rad, in [0, π])
 * @param momentumCm - CM momentum p* (GeV, ≥ 0)
 * @param particleMass - the particle's mass (GeV, ≥ 0)
 * @param beams - the beam setup (its boost must be along z: no crossing angle)
 * @returns the lab polar angle θ ∈ [0, π] (rad)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for bad input or a setup with a crossing angle
 * @example
 * ```ts
 * cmToLabPolarAngle(Math.PI / 2, 5, 0.1057, belle2Beams()); // ≈ 1.30 rad: forward-shifted by the boost
 * ```
 */
export function cmToLabPolarAngle(thetaCm: number, momentumCm: number, particleMass: number, beams: BeamSetup): Rad {
  requireInRange("thetaCm", thetaCm, 0, Math.PI, { unit: "rad" });
  requireNonNegative("momentumCm", momentumCm, "GeV");
  requireNonNegative("particleMass", particleMass, "GeV");
  if (beams.crossingAngle !== 0) {
    throw argumentError(
      "OUT_OF_DOMAIN",
      "beams.crossingAngle",
      beams.crossingAngle,
      "0 (head-on beams; use cmToLab otherwise)",
    );
  }
  requireFinite("beams.gamma", beams.gamma);
  const eCm = Math.hypot(momentumCm, particleMass);
  const bz = beams.boost.z;
  return rad(Math.atan2(momentumCm * Math.sin(thetaCm), beams.gamma * (momentumCm * Math.cos(thetaCm) + bz * eCm)));
}
