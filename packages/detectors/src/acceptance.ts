/**
 * Geometric acceptance: whether a particle's direction reaches a subdetector.
 *
 * Two geometries: polar-angle coverage with gaps (collider detectors, angles quoted in degrees
 * in the lab frame, θ from the +z axis), and a square plane perpendicular to the beam at a
 * distance that depends on where along a segmented target the interaction happened
 * (fixed-target experiments such as MUonE).
 *
 * @packageDocumentation
 */
import { degToRad, PhysError, requireInRange, requireOneOf, requirePositive } from "@muonphilic/units";
import type { Provenance } from "./provenance.js";

/** A closed interval of polar angle, in degrees, `[low, high]`. */
export type AngleIntervalDeg = readonly [number, number];

/**
 * A geometric acceptance.
 *
 * - `all`: every direction.
 * - `polar`: θ (lab, degrees) in one of `rangesDeg` (closed) and in none of `gapsDeg` (open).
 * - `planar`: a square of half-width `halfWidthM` centred on the beam (+z) axis, perpendicular
 *   to it, at distance `distancesM[k]` from production point k; k is drawn uniformly once per
 *   event and shared by all its particles (equal-thickness targets in one beam).
 */
export type AcceptanceSpec =
  | { readonly kind: "all"; readonly provenance?: Provenance }
  | {
      readonly kind: "polar";
      readonly rangesDeg: readonly AngleIntervalDeg[];
      readonly gapsDeg?: readonly AngleIntervalDeg[];
      readonly provenance?: Provenance;
    }
  | {
      readonly kind: "planar";
      readonly halfWidthM: number;
      readonly distancesM: readonly number[];
      readonly provenance?: Provenance;
    };

/** A validated acceptance. */
export interface Acceptance {
  /** The validated description. */
  readonly spec: AcceptanceSpec;
  /** Number of production points (stations) the event must draw from; 0 when the acceptance does not depend on one. */
  readonly stations: number;
  /**
   * Whether a particle with this direction is accepted. A numeric kernel: false for NaN input.
   * @param theta - polar angle (rad)
   * @param px - momentum x component (GeV, any scale)
   * @param py - momentum y component
   * @param pz - momentum z component
   * @param station - the event's production point (planar acceptance only)
   */
  accepts(theta: number, px: number, py: number, pz: number, station: number): boolean;
}

function requireIntervals(argument: string, value: unknown): Float64Array {
  if (!Array.isArray(value)) {
    throw new PhysError("INVALID_ARGUMENT", `${argument} must be an array of [low, high] angles in degrees`, {
      argument,
      value,
      allowed: "[[low, high], ...] with 0 <= low < high <= 180",
    });
  }
  const out = new Float64Array(2 * value.length);
  value.forEach((iv: unknown, i: number) => {
    if (!Array.isArray(iv) || iv.length !== 2) {
      throw new PhysError("INVALID_ARGUMENT", `${argument}[${i}] must be [low, high] in degrees`, {
        argument: `${argument}[${i}]`,
        value: iv,
        allowed: "[low, high] with 0 <= low < high <= 180",
      });
    }
    const lo = requireInRange(`${argument}[${i}][0]`, iv[0], 0, 180, { unit: "deg" });
    const hi = requireInRange(`${argument}[${i}][1]`, iv[1], 0, 180, { unit: "deg" });
    if (!(hi > lo)) {
      throw new PhysError("INVALID_ARGUMENT", `${argument}[${i}] must have low < high, got [${lo}, ${hi}]`, {
        argument: `${argument}[${i}]`,
        value: iv,
        allowed: "low < high",
      });
    }
    out[2 * i] = degToRad(lo);
    out[2 * i + 1] = degToRad(hi);
  });
  return out;
}

/**
 * Validates an acceptance description.
 * @param argument - the argument name used in error messages
 * @param spec - the description
 * @returns the compiled {@link Acceptance}
 * @throws {@link PhysError} `UNKNOWN_NAME` for an unknown kind; `OUT_OF_DOMAIN` for an angle
 *   outside [0°, 180°] or a non-positive size or distance; `INVALID_ARGUMENT` for malformed intervals
 * @example
 * ```ts
 * const cdc = makeAcceptance("cdc", { kind: "polar", rangesDeg: [[17, 150]] });
 * cdc.accepts(Math.PI / 2, 1, 0, 0, 0); // true
 * ```
 */
export function makeAcceptance(argument: string, spec: AcceptanceSpec): Acceptance {
  if (spec === null || typeof spec !== "object") {
    throw new PhysError("INVALID_ARGUMENT", `${argument} must be an acceptance description`, {
      argument,
      value: spec,
      allowed: "{ kind: all | polar | planar, ... }",
    });
  }
  const kind = requireOneOf(`${argument}.kind`, spec.kind, ["all", "polar", "planar"] as const);
  if (kind === "all") return { spec, stations: 0, accepts: (theta) => !Number.isNaN(theta) };
  if (kind === "polar") {
    const s = spec as Extract<AcceptanceSpec, { kind: "polar" }>;
    const ranges = requireIntervals(`${argument}.rangesDeg`, s.rangesDeg);
    const gaps = requireIntervals(`${argument}.gapsDeg`, s.gapsDeg ?? []);
    return {
      spec,
      stations: 0,
      accepts: (theta) => {
        let inRange = false;
        for (let i = 0; i < ranges.length; i += 2) {
          if (theta >= ranges[i]! && theta <= ranges[i + 1]!) {
            inRange = true;
            break;
          }
        }
        if (!inRange) return false;
        for (let i = 0; i < gaps.length; i += 2) if (theta > gaps[i]! && theta < gaps[i + 1]!) return false;
        return true;
      },
    };
  }
  const s = spec as Extract<AcceptanceSpec, { kind: "planar" }>;
  const h = requirePositive(`${argument}.halfWidthM`, s.halfWidthM, "m");
  if (!Array.isArray(s.distancesM) || s.distancesM.length === 0) {
    throw new PhysError("INVALID_ARGUMENT", `${argument}.distancesM must be a non-empty array of distances in m`, {
      argument: `${argument}.distancesM`,
      value: s.distancesM,
      allowed: "a non-empty array of positive numbers",
    });
  }
  const d = Float64Array.from(s.distancesM, (x, i) => requirePositive(`${argument}.distancesM[${i}]`, x, "m"));
  return {
    spec,
    stations: d.length,
    accepts: (_theta, px, py, pz, station) => {
      const l = d[station];
      if (l === undefined || !(pz > 0)) return false;
      return Math.abs(px / pz) * l <= h && Math.abs(py / pz) * l <= h;
    },
  };
}

/**
 * The polar-angle interval hidden by a gap of width w at polar angle θ_c in a cylindrical
 * layer of radius R: θ_c ± atan(w / (2R)) (the gap runs parallel to the beam at 90°, so its
 * angular half-width seen from the interaction point is atan(w/2 / R)).
 *
 * @param centerDeg - polar angle of the gap (deg)
 * @param widthMm - gap width (mm)
 * @param radiusMm - radius of the layer (mm)
 * @returns `[low, high]` in degrees
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for a non-positive width or radius or a centre outside [0°, 180°]
 * @example
 * ```ts
 * cylindricalGapDeg(90, 1.5, 1250); // ≈ [89.9656, 90.0344]
 * ```
 */
export function cylindricalGapDeg(centerDeg: number, widthMm: number, radiusMm: number): AngleIntervalDeg {
  const c = requireInRange("centerDeg", centerDeg, 0, 180, { unit: "deg" });
  const w = requirePositive("widthMm", widthMm, "mm");
  const r = requirePositive("radiusMm", radiusMm, "mm");
  const half = (Math.atan(w / 2 / r) * 180) / Math.PI;
  return [c - half, c + half];
}
