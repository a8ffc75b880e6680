/**
 * Trigger models: the probability that an event with a given set of reconstructed tracks is
 * recorded. Evaluated per event on the tracks present; combined triggers are a logical OR of
 * components assumed uncorrelated (as Belle2-4mu sec. IV A does for its muons).
 *
 * @packageDocumentation
 */
import {
  degToRad,
  PhysError,
  requireInRange,
  requireInteger,
  requireOneOf,
  requireProbability,
} from "@muonphilic/units";
import type { AngleIntervalDeg } from "./acceptance.js";
import { type Efficiency, type EfficiencyCurveSpec, type EfficiencySpec, makeEfficiency } from "./efficiency.js";
import type { Provenance } from "./provenance.js";

/**
 * A trigger model.
 *
 * - `none`: every event is recorded.
 * - `trackMultiplicity`: at least `minTracks` tracks with θ in `thetaRangeDeg`; the efficiency is
 *   the product of `turnOn(p_T)` over the `lowestTracks` tracks of lowest p_T among them
 *   (Belle2-4mu sec. IV A three-track trigger: "depends on the p_T of the two charged particles with
 *   lowest p_T").
 * - `singleMuon`: each true muon track fires with probability `efficiency(p, θ)`; the event
 *   efficiency is 1 − Π(1 − ε_i) (Belle2-4mu sec. IV A: "assuming no correlation").
 * - `trackPair`: at least one pair of tracks with θ in `thetaRangeDeg` and azimuthal opening
 *   angle ≥ `minOpeningAzimuthDeg`; then the event fires with probability `efficiency`.
 * - `or`: 1 − Π_k (1 − ε_k) over the components (uncorrelated).
 */
export type TriggerSpec =
  | { readonly kind: "none"; readonly provenance?: Provenance }
  | {
      readonly kind: "trackMultiplicity";
      readonly minTracks: number;
      readonly thetaRangeDeg: AngleIntervalDeg;
      readonly turnOn: EfficiencyCurveSpec;
      readonly lowestTracks: number;
      readonly provenance?: Provenance;
    }
  | { readonly kind: "singleMuon"; readonly efficiency: EfficiencySpec; readonly provenance?: Provenance }
  | {
      readonly kind: "trackPair";
      readonly thetaRangeDeg: AngleIntervalDeg;
      readonly minOpeningAzimuthDeg: number;
      readonly efficiency: number;
      readonly provenance?: Provenance;
    }
  | { readonly kind: "or"; readonly triggers: readonly TriggerSpec[]; readonly provenance?: Provenance };

/**
 * The tracks of one event, as parallel arrays (caller-owned scratch space, reused across
 * events): entries `0 … count − 1` are valid.
 */
export interface TrackView {
  /** Number of tracks. */
  count: number;
  /** Momentum (GeV). */
  readonly p: Float64Array;
  /** Transverse momentum (GeV). */
  readonly pt: Float64Array;
  /** Energy (GeV). */
  readonly e: Float64Array;
  /** Polar angle (rad). */
  readonly theta: Float64Array;
  /** Azimuth (rad). */
  readonly phi: Float64Array;
  /** 1 for a true muon, 0 otherwise. */
  readonly isMuon: Uint8Array;
}

/**
 * Allocates a {@link TrackView} for up to `capacity` tracks.
 * @param capacity - the largest number of tracks an event can have
 * @returns an empty view
 * @example
 * ```ts
 * const v = allocateTrackView(4); // v.count = 0
 * ```
 */
export function allocateTrackView(capacity: number): TrackView {
  return {
    count: 0,
    p: new Float64Array(capacity),
    pt: new Float64Array(capacity),
    e: new Float64Array(capacity),
    theta: new Float64Array(capacity),
    phi: new Float64Array(capacity),
    isMuon: new Uint8Array(capacity),
  };
}

/** A validated trigger model. */
export interface Trigger {
  /** The validated description. */
  readonly spec: TriggerSpec;
  /**
   * The probability that an event with these tracks fires the trigger, in [0, 1]. A numeric
   * kernel: never throws; `NaN` propagates from `NaN` kinematics.
   * @param tracks - the event's reconstructed tracks
   */
  probability(tracks: TrackView): number;
}

const TRIGGER_KINDS = ["none", "trackMultiplicity", "singleMuon", "trackPair", "or"] as const;

function window(argument: string, range: unknown): [number, number] {
  if (!Array.isArray(range) || range.length !== 2) {
    throw new PhysError("INVALID_ARGUMENT", `${argument} must be [low, high] in degrees`, {
      argument,
      value: range,
      allowed: "[low, high] with 0 <= low < high <= 180",
    });
  }
  const lo = requireInRange(`${argument}[0]`, range[0], 0, 180, { unit: "deg" });
  const hi = requireInRange(`${argument}[1]`, range[1], lo, 180, { lowInclusive: false, unit: "deg" });
  return [degToRad(lo), degToRad(hi)];
}

type Kernel = (t: TrackView) => number;

function compile(argument: string, spec: TriggerSpec): Kernel {
  if (spec === null || typeof spec !== "object") {
    throw new PhysError("INVALID_ARGUMENT", `${argument} must be a trigger description`, {
      argument,
      value: spec,
      allowed: `{ kind: ${TRIGGER_KINDS.join(" | ")}, ... }`,
    });
  }
  const kind = requireOneOf(`${argument}.kind`, spec.kind, TRIGGER_KINDS);
  switch (kind) {
    case "none":
      return () => 1;
    case "trackMultiplicity": {
      const s = spec as Extract<TriggerSpec, { kind: "trackMultiplicity" }>;
      const minTracks = requireInteger(`${argument}.minTracks`, s.minTracks, 1);
      const lowest = requireInteger(`${argument}.lowestTracks`, s.lowestTracks, 0);
      if (lowest > minTracks) {
        throw new PhysError(
          "OUT_OF_DOMAIN",
          `${argument}.lowestTracks must be <= minTracks = ${minTracks}, got ${lowest}`,
          { argument: `${argument}.lowestTracks`, value: lowest, allowed: `<= ${minTracks}` },
        );
      }
      const [lo, hi] = window(`${argument}.thetaRangeDeg`, s.thetaRangeDeg);
      if (s.turnOn?.variable !== "pt") {
        throw new PhysError("INVALID_ARGUMENT", `${argument}.turnOn must be a curve in "pt"`, {
          argument: `${argument}.turnOn.variable`,
          value: s.turnOn?.variable,
          allowed: '"pt"',
        });
      }
      const turnOn: Efficiency = makeEfficiency(`${argument}.turnOn`, s.turnOn);
      let pts = new Float64Array(16);
      return (t) => {
        if (t.count > pts.length) pts = new Float64Array(t.count);
        let n = 0;
        for (let i = 0; i < t.count; i++) {
          const th = t.theta[i]!;
          if (th >= lo && th <= hi) pts[n++] = t.pt[i]!;
        }
        if (n < minTracks) return 0;
        // Partial selection sort: the `lowest` smallest p_T to the front (n is a handful).
        let eff = 1;
        for (let k = 0; k < lowest; k++) {
          let m = k;
          for (let a = k + 1; a < n; a++) if (pts[a]! < pts[m]!) m = a;
          const pt = pts[m]!;
          pts[m] = pts[k]!;
          pts[k] = pt;
          eff *= turnOn.at(Number.NaN, pt, Number.NaN, Number.NaN);
        }
        return eff;
      };
    }
    case "singleMuon": {
      const s = spec as Extract<TriggerSpec, { kind: "singleMuon" }>;
      const eff = makeEfficiency(`${argument}.efficiency`, s.efficiency);
      return (t) => {
        let miss = 1;
        for (let i = 0; i < t.count; i++) {
          if (t.isMuon[i] === 1) miss *= 1 - eff.at(t.p[i]!, t.pt[i]!, t.e[i]!, t.theta[i]!);
        }
        return 1 - miss;
      };
    }
    case "trackPair": {
      const s = spec as Extract<TriggerSpec, { kind: "trackPair" }>;
      const [lo, hi] = window(`${argument}.thetaRangeDeg`, s.thetaRangeDeg);
      const minOpening = degToRad(requireInRange(`${argument}.minOpeningAzimuthDeg`, s.minOpeningAzimuthDeg, 0, 180));
      const plateau = requireProbability(`${argument}.efficiency`, s.efficiency);
      return (t) => {
        for (let i = 0; i < t.count; i++) {
          const ti = t.theta[i]!;
          if (!(ti >= lo && ti <= hi)) continue;
          for (let j = i + 1; j < t.count; j++) {
            const tj = t.theta[j]!;
            if (!(tj >= lo && tj <= hi)) continue;
            let d = Math.abs(t.phi[i]! - t.phi[j]!);
            if (d > Math.PI) d = 2 * Math.PI - d;
            if (d >= minOpening) return plateau;
          }
        }
        return 0;
      };
    }
    case "or": {
      const s = spec as Extract<TriggerSpec, { kind: "or" }>;
      if (!Array.isArray(s.triggers) || s.triggers.length === 0) {
        throw new PhysError("INVALID_ARGUMENT", `${argument}.triggers must be a non-empty array`, {
          argument: `${argument}.triggers`,
          value: s.triggers,
          allowed: "a non-empty array of trigger descriptions",
        });
      }
      const parts = s.triggers.map((c, i) => compile(`${argument}.triggers[${i}]`, c));
      return (t) => {
        let miss = 1;
        for (const part of parts) miss *= 1 - part(t);
        return 1 - miss;
      };
    }
  }
}

/**
 * Validates a trigger description.
 * @param argument - the argument name used in error messages
 * @param spec - the description
 * @returns the compiled {@link Trigger}
 * @throws {@link PhysError} `UNKNOWN_NAME` for an unknown kind; `OUT_OF_DOMAIN` for angles outside
 *   [0°, 180°] or efficiencies outside [0, 1]; `INVALID_ARGUMENT` for malformed fields
 * @example
 * ```ts
 * const t = makeTrigger("trigger", { kind: "singleMuon", efficiency: 0.9 });
 * const v = allocateTrackView(2);
 * v.count = 2; v.isMuon[0] = 1; v.isMuon[1] = 1;
 * t.probability(v); // 1 - 0.1² = 0.99
 * ```
 */
export function makeTrigger(argument: string, spec: TriggerSpec): Trigger {
  const kernel = compile(argument, spec);
  return { spec, probability: kernel };
}
