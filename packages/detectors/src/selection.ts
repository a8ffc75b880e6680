/**
 * Event selection on reconstructed events, in two modes, with a cut flow.
 *
 * - `sample`: every random outcome is the one drawn in `reconstruct` (a track was or was not
 *   reconstructed, a muon was or was not identified, the trigger fired if its uniform deviate is
 *   below the trigger probability). Weights are the input weights; events pass or fail. Use it
 *   for toy datasets and signal-shape calibration.
 * - `weight`: each requirement multiplies the event weight by the probability that it is met,
 *   given the measured kinematics. Nothing is drawn; an event is removed only when that
 *   probability is 0 or a deterministic requirement fails. Use it for expected yields of rare
 *   survivals (a photon missed with probability 10⁻⁵, a 10⁻³ acceptance).
 *
 * Weight mode is the expectation of sample mode over the efficiency draws (the smearing is the
 * same), exactly, when the per-particle outcomes are independent and every stochastic outcome a
 * requirement depends on was either fixed by an earlier `reconstructed` requirement or is not
 * used again later. The usual order (reconstructed → track count → identification → trigger →
 * photon veto → analysis cuts) satisfies this. Two `identification` requirements are refused in
 * weight mode, because the muon and electron outcomes of one track are exclusive.
 *
 * @packageDocumentation
 */
import type { EventColumns, FourVectorColumns, ThreeVector } from "@muonphilic/kinematics";
import {
  degToRad,
  PhysError,
  requireInRange,
  requireInteger,
  requireNonNegative,
  requireOneOf,
} from "@muonphilic/units";
import { type CutFlow, makeCutFlow } from "./cutflow.js";
import type { ReconstructedEvents, ReconstructedParticle } from "./detector.js";
import type { Provenance } from "./provenance.js";
import { PID } from "./species.js";
import { allocateTrackView, type TrackView } from "./trigger.js";

/** An inclusive count range; a missing bound is unbounded. */
export interface CountRange {
  /** Minimum count (default 0). */
  readonly min?: number;
  /** Maximum count (default unbounded). */
  readonly max?: number;
}

/** Fields every requirement may carry. */
interface RequirementBase {
  /** Name in the cut flow (a default is derived from the requirement). */
  readonly name?: string;
  /** Where the requirement's numbers come from. */
  readonly provenance?: Provenance;
}

/**
 * One requirement of a selection.
 *
 * - `reconstructed`: every listed particle is reconstructed.
 * - `trackCount`: the number of reconstructed charged particles is in `[min, max]`.
 * - `identification`: among the listed particles, the numbers identified as muons and as
 *   electrons are in the given ranges (an unreconstructed particle is identified as nothing).
 * - `trigger`: the detector's trigger fires, given the reconstructed tracks.
 * - `photonVeto`: no reconstructed photon has energy above `maxPhotonEnergyGeV` and their total
 *   energy is at most `maxTotalEnergyGeV`, energies evaluated in the frame moving with
 *   `frameVelocity` (default: the lab); with a `cone`, no reconstructed photon, whatever its
 *   energy, lies within `cone.halfAngleDeg` of `cone.axis(events, i)` (angles in the lab, from
 *   the measured photon momentum; e.g. Belle2-inv's 15° around the recoil momentum). At least
 *   one of the three is required. In weight mode a photon in the cone is treated like one above
 *   `maxPhotonEnergyGeV`: factor 0 if already required present, (1 − ε_γ) otherwise, and it is
 *   left out of the total-energy budget (the event survives only if the photon is missed).
 * - `custom`: a deterministic predicate on the reconstructed event (analysis cuts).
 */
export type Requirement =
  | (RequirementBase & { readonly kind: "reconstructed"; readonly particles: readonly string[] })
  | (RequirementBase & { readonly kind: "trackCount"; readonly min?: number; readonly max?: number })
  | (RequirementBase & {
      readonly kind: "identification";
      readonly particles: readonly string[];
      readonly muons?: CountRange;
      readonly electrons?: CountRange;
    })
  | (RequirementBase & { readonly kind: "trigger" })
  | (RequirementBase & {
      readonly kind: "photonVeto";
      readonly maxTotalEnergyGeV?: number;
      readonly maxPhotonEnergyGeV?: number;
      readonly frameVelocity?: ThreeVector;
      /**
       * A cone around a per-event axis in which no reconstructed photon may lie, whatever its
       * energy: photon momentum p⃗ (measured, lab) is in the cone when p̂·â ≥ cos(halfAngleDeg).
       */
      readonly cone?: {
        /** Half-angle of the cone, degrees, in (0, 180]. */
        readonly halfAngleDeg: number;
        /** The cone axis for event i, in the lab frame (need not be normalised); a zero or non-finite axis vetoes nothing. */
        readonly axis: (events: ReconstructedEvents, i: number) => ThreeVector;
      };
    })
  | (RequirementBase & {
      readonly kind: "custom";
      readonly name: string;
      readonly description?: string;
      readonly test: (events: ReconstructedEvents, i: number) => boolean;
    });

/** The selection mode (see the module documentation). */
export type SelectionMode = "sample" | "weight";

/** Options of {@link select}. */
export interface SelectOptions {
  /** `"sample"` or `"weight"`. @defaultValue {@link SELECTION_DEFAULTS}.mode */
  readonly mode?: SelectionMode;
}

/** Defaults of this module. */
export const SELECTION_DEFAULTS = {
  /** Selections draw outcomes by default, like a real detector. */
  mode: "sample" as SelectionMode,
  /**
   * Most uncertain tracks enumerated exactly for the trigger in weight mode (2^16 subsets);
   * beyond it the drawn outcomes of the extra tracks are used.
   */
  maxEnumeratedTracks: 16,
} as const;

/** The result of {@link select}. */
export interface Selection {
  /** The mode used. */
  readonly mode: SelectionMode;
  /** Number of events examined. */
  readonly size: number;
  /** 1 for events passing every requirement. */
  readonly passed: Uint8Array;
  /** Final per-event weights: input weight × (weight mode) the probabilities; 0 for failed events. */
  readonly weight: Float64Array;
  /** Number of passing events. */
  readonly count: number;
  /** Sum of the final weights. */
  readonly sumWeight: number;
  /** What each requirement removed. */
  readonly cutFlow: CutFlow;
}

type Compiled =
  | { kind: "reconstructed"; idx: Int32Array }
  | { kind: "trackCount"; min: number; max: number }
  | { kind: "identification"; idx: Int32Array; mu: [number, number]; el: [number, number] }
  | { kind: "trigger" }
  | {
      kind: "photonVeto";
      total: number;
      single: number;
      bx: number;
      by: number;
      bz: number;
      gamma: number;
      /** The cone axis, or `undefined` without a cone. */
      axis: ((events: ReconstructedEvents, i: number) => ThreeVector) | undefined;
      /** Cosine of the cone half-angle. */
      cosHalf: number;
    }
  | { kind: "custom"; test: (events: ReconstructedEvents, i: number) => boolean };

function particleIndices(argument: string, value: unknown, names: readonly string[]): Int32Array {
  if (!Array.isArray(value) || value.length === 0) {
    throw new PhysError("INVALID_ARGUMENT", `${argument} must be a non-empty array of particle names`, {
      argument,
      value,
      allowed: names.join(" | "),
    });
  }
  return Int32Array.from(value, (name, k) => {
    const j = names.indexOf(name as string);
    if (j < 0) {
      throw new PhysError(
        "UNKNOWN_NAME",
        `${argument}[${k}] is not a particle of these events: ${JSON.stringify(name)}`,
        {
          argument: `${argument}[${k}]`,
          value: name,
          allowed: names.join(" | "),
        },
      );
    }
    return j;
  });
}

function countRange(
  argument: string,
  r: CountRange | undefined,
  lo = 0,
  hi = Number.POSITIVE_INFINITY,
): [number, number] {
  const min = r?.min === undefined ? lo : requireInteger(`${argument}.min`, r.min, 0);
  const max = r?.max === undefined ? hi : requireInteger(`${argument}.max`, r.max, 0);
  if (max < min) {
    throw new PhysError("OUT_OF_DOMAIN", `${argument}.max must be >= min = ${min}, got ${max}`, {
      argument: `${argument}.max`,
      value: max,
      allowed: `>= ${min}`,
    });
  }
  return [min, max];
}

function describe(r: Requirement): string {
  switch (r.kind) {
    case "reconstructed":
      return `reconstructed: ${r.particles.join(", ")}`;
    case "trackCount":
      return `tracks in [${r.min ?? 0}, ${r.max ?? "∞"}]`;
    case "identification":
      return `identified among ${r.particles.join(", ")}: muons in [${r.muons?.min ?? 0}, ${r.muons?.max ?? "∞"}], electrons in [${r.electrons?.min ?? 0}, ${r.electrons?.max ?? "∞"}]`;
    case "trigger":
      return "trigger";
    case "photonVeto":
      return `photon veto: total <= ${r.maxTotalEnergyGeV ?? "∞"} GeV, each <= ${r.maxPhotonEnergyGeV ?? "∞"} GeV${r.frameVelocity ? " (moving frame)" : " (lab)"}${r.cone ? `, none within ${r.cone.halfAngleDeg}° of the cone axis` : ""}`;
    case "custom":
      return r.description ?? r.name;
  }
}

function compileRequirement(argument: string, r: Requirement, names: readonly string[]): Compiled {
  if (r === null || typeof r !== "object") {
    throw new PhysError("INVALID_ARGUMENT", `${argument} must be a requirement`, {
      argument,
      value: r,
      allowed: "{ kind, ... }",
    });
  }
  const kind = requireOneOf(`${argument}.kind`, r.kind, [
    "reconstructed",
    "trackCount",
    "identification",
    "trigger",
    "photonVeto",
    "custom",
  ] as const);
  switch (kind) {
    case "reconstructed": {
      const q = r as Extract<Requirement, { kind: "reconstructed" }>;
      return { kind, idx: particleIndices(`${argument}.particles`, q.particles, names) };
    }
    case "trackCount": {
      const q = r as Extract<Requirement, { kind: "trackCount" }>;
      const [min, max] = countRange(argument, q);
      return { kind, min, max };
    }
    case "identification": {
      const q = r as Extract<Requirement, { kind: "identification" }>;
      return {
        kind,
        idx: particleIndices(`${argument}.particles`, q.particles, names),
        mu: countRange(`${argument}.muons`, q.muons),
        el: countRange(`${argument}.electrons`, q.electrons),
      };
    }
    case "trigger":
      return { kind };
    case "photonVeto": {
      const q = r as Extract<Requirement, { kind: "photonVeto" }>;
      if (q.maxTotalEnergyGeV === undefined && q.maxPhotonEnergyGeV === undefined && q.cone === undefined) {
        throw new PhysError("INVALID_ARGUMENT", `${argument} needs maxTotalEnergyGeV, maxPhotonEnergyGeV or cone`, {
          argument,
          value: q,
          allowed: "{ maxTotalEnergyGeV?, maxPhotonEnergyGeV?, cone? } with at least one",
        });
      }
      let axis: ((events: ReconstructedEvents, i: number) => ThreeVector) | undefined;
      let cosHalf = 1;
      if (q.cone !== undefined) {
        if (q.cone === null || typeof q.cone !== "object") {
          throw new PhysError("INVALID_ARGUMENT", `${argument}.cone must be { halfAngleDeg, axis }`, {
            argument: `${argument}.cone`,
            value: q.cone,
            allowed: "{ halfAngleDeg in (0, 180], axis(events, i) => ThreeVector }",
          });
        }
        const half = requireInRange(`${argument}.cone.halfAngleDeg`, q.cone.halfAngleDeg, 0, 180, {
          lowInclusive: false,
          unit: "deg",
        });
        if (typeof q.cone.axis !== "function") {
          throw new PhysError(
            "INVALID_ARGUMENT",
            `${argument}.cone.axis must be a function, got ${typeof q.cone.axis}`,
            {
              argument: `${argument}.cone.axis`,
              value: typeof q.cone.axis,
              allowed: "(events, i) => ThreeVector",
            },
          );
        }
        axis = q.cone.axis;
        // cos(π) is exactly −1, so a 180° cone holds every direction.
        cosHalf = half === 180 ? -1 : Math.cos(degToRad(half));
      }
      const total =
        q.maxTotalEnergyGeV === undefined
          ? Number.POSITIVE_INFINITY
          : requireNonNegative(`${argument}.maxTotalEnergyGeV`, q.maxTotalEnergyGeV, "GeV");
      const single =
        q.maxPhotonEnergyGeV === undefined
          ? Number.POSITIVE_INFINITY
          : requireNonNegative(`${argument}.maxPhotonEnergyGeV`, q.maxPhotonEnergyGeV, "GeV");
      const b = q.frameVelocity ?? { x: 0, y: 0, z: 0 };
      const b2 = b.x * b.x + b.y * b.y + b.z * b.z;
      if (!(b2 < 1)) {
        throw new PhysError("OUT_OF_DOMAIN", `${argument}.frameVelocity must have |β| < 1, got ${Math.sqrt(b2)}`, {
          argument: `${argument}.frameVelocity`,
          value: b,
          allowed: "|β| < 1",
        });
      }
      return { kind, total, single, bx: b.x, by: b.y, bz: b.z, gamma: 1 / Math.sqrt(1 - b2), axis, cosHalf };
    }
    case "custom": {
      const q = r as Extract<Requirement, { kind: "custom" }>;
      if (typeof q.test !== "function" || typeof q.name !== "string") {
        throw new PhysError("INVALID_ARGUMENT", `${argument} needs a name and a test function`, {
          argument,
          value: typeof q.test,
          allowed: "{ kind: 'custom', name, test(events, i) => boolean }",
        });
      }
      return { kind, test: q.test };
    }
  }
}

/** Distribution of the number of successes of independent trials with probabilities q (Poisson binomial). */
function countDistribution(q: Float64Array, n: number, out: Float64Array): void {
  out.fill(0, 0, n + 1);
  out[0] = 1;
  for (let k = 0; k < n; k++) {
    const p = q[k]!;
    for (let c = k + 1; c >= 1; c--) out[c] = out[c]! * (1 - p) + out[c - 1]! * p;
    out[0] = out[0]! * (1 - p);
  }
}

/** P(sum of the energies of the photons present ≤ budget), photons k… present independently with q[k]; e sorted descending. */
function probabilityTotalAtMost(
  e: Float64Array,
  q: Float64Array,
  tail: Float64Array,
  k: number,
  n: number,
  budget: number,
): number {
  if (k === n || tail[k]! <= budget) return 1;
  let r = (1 - q[k]!) * probabilityTotalAtMost(e, q, tail, k + 1, n, budget);
  if (e[k]! <= budget) r += q[k]! * probabilityTotalAtMost(e, q, tail, k + 1, n, budget - e[k]!);
  return r;
}

/** Scratch space for one selection. */
interface Scratch {
  readonly present: Uint8Array;
  readonly q: Float64Array;
  readonly dist: Float64Array;
  readonly joint: Float64Array;
  readonly energies: Float64Array;
  readonly tail: Float64Array;
  readonly view: TrackView;
  readonly uncertain: Int32Array;
}

function fillTrack(view: TrackView, reco: ReconstructedEvents, p: ReconstructedParticle, i: number): void {
  const c: FourVectorColumns = reco.generated.particles[p.name]!;
  const px = c.px[i]!;
  const py = c.py[i]!;
  const pz = c.pz[i]!;
  const k = view.count++;
  const pt = Math.sqrt(px * px + py * py);
  view.p[k] = Math.sqrt(pt * pt + pz * pz);
  view.pt[k] = pt;
  view.e[k] = c.e[i]!;
  view.theta[k] = Math.atan2(pt, pz);
  view.phi[k] = Math.atan2(py, px);
  view.isMuon[k] = p.species === "muon" ? 1 : 0;
}

/**
 * Applies requirements in order and records the cut flow.
 *
 * @param reco - reconstructed events from {@link DetectorModel.reconstruct}
 * @param requirements - the requirements, applied in order
 * @param options - the mode (`"sample"` or `"weight"`)
 * @returns the {@link Selection}: pass flags, final weights and the cut flow
 * @throws {@link PhysError} `UNKNOWN_NAME` for an unknown requirement kind, mode or particle
 *   name; `OUT_OF_DOMAIN` for an empty count range, a negative energy, |β| ≥ 1 or a cone
 *   half-angle outside (0, 180]°; `INVALID_ARGUMENT` for malformed requirements (a photon veto
 *   with no energy cut and no cone, a cone without an axis function) or two `identification`
 *   requirements in weight mode
 * @example
 * ```ts
 * const sel = select(reco, [
 *   { kind: "reconstructed", particles: ["mu1", "mu2"] },
 *   { kind: "identification", particles: ["mu1", "mu2"], muons: { min: 2 } },
 *   { kind: "trigger" },
 *   { kind: "photonVeto", maxTotalEnergyGeV: 0.4 },
 * ], { mode: "weight" });
 * sel.sumWeight; // expected number of selected events per unit input weight
 * // Belle2-inv: total photon energy < 0.5 GeV and no photon within 15° of the recoil momentum
 * // (recoilMomentum(events, i) => ThreeVector is the caller's).
 * const veto: Requirement = {
 *   kind: "photonVeto",
 *   maxTotalEnergyGeV: 0.5,
 *   cone: { halfAngleDeg: 15, axis: recoilMomentum },
 * };
 * ```
 */
export function select(
  reco: ReconstructedEvents,
  requirements: readonly Requirement[],
  options: SelectOptions = {},
): Selection {
  const mode = requireOneOf("options.mode", options.mode ?? SELECTION_DEFAULTS.mode, ["sample", "weight"] as const);
  if (!Array.isArray(requirements)) {
    throw new PhysError("INVALID_ARGUMENT", "requirements must be an array", {
      argument: "requirements",
      value: requirements,
      allowed: "an array of requirements",
    });
  }
  const names = reco.names;
  const compiled = requirements.map((r, k) => compileRequirement(`requirements[${k}]`, r, names));
  if (mode === "weight" && compiled.filter((c) => c.kind === "identification").length > 1) {
    throw new PhysError(
      "INVALID_ARGUMENT",
      "requirements may hold one identification requirement in weight mode (muon and electron outcomes of a track are exclusive); combine them",
      { argument: "requirements", value: "identification x2", allowed: "at most one identification requirement" },
    );
  }
  const parts = names.map((name) => reco.particles[name]!);
  const charged = Int32Array.from(parts.flatMap((p, j) => (p.charged ? [j] : [])));
  const photons = Int32Array.from(parts.flatMap((p, j) => (p.species === "photon" ? [j] : [])));
  const np = parts.length;
  const s: Scratch = {
    present: new Uint8Array(np),
    q: new Float64Array(np),
    dist: new Float64Array(np + 1),
    joint: new Float64Array((np + 1) * (np + 1)),
    energies: new Float64Array(np),
    tail: new Float64Array(np + 1),
    view: allocateTrackView(np),
    uncertain: new Int32Array(np),
  };
  const n = reco.size;
  const passed = new Uint8Array(n);
  const weight = new Float64Array(n);
  const stepEvents = new Float64Array(compiled.length);
  const stepWeight = new Float64Array(compiled.length);
  let initialWeight = 0;
  const weightMode = mode === "weight";

  for (let i = 0; i < n; i++) {
    const w0 = reco.weight[i]!;
    initialWeight += w0;
    let prob = 1;
    s.present.fill(0);
    let k = 0;
    for (; k < compiled.length; k++) {
      const c = compiled[k]!;
      let factor = 1;
      switch (c.kind) {
        case "reconstructed":
          for (let a = 0; a < c.idx.length; a++) {
            const j = c.idx[a]!;
            const p = parts[j]!;
            if (p.accepted[i] !== 1) factor = 0;
            else if (!weightMode) {
              if (p.reconstructed[i] !== 1) factor = 0;
            } else if (s.present[j] === 0) {
              factor *= p.efficiency[i]!;
              s.present[j] = 1;
            }
          }
          break;
        case "trackCount":
          factor = countFactor(c.min, c.max, charged, parts, i, weightMode, s);
          break;
        case "identification":
          factor = identificationFactor(c, parts, i, weightMode, s);
          break;
        case "trigger":
          factor = triggerFactor(reco, charged, parts, i, weightMode, s);
          break;
        case "photonVeto":
          factor = photonVetoFactor(c, reco, photons, parts, i, weightMode, s);
          break;
        case "custom":
          factor = c.test(reco, i) ? 1 : 0;
          break;
      }
      prob *= factor;
      if (!(prob > 0)) break;
      stepEvents[k]! += 1;
      stepWeight[k]! += w0 * prob;
    }
    if (k === compiled.length) {
      passed[i] = 1;
      weight[i] = w0 * prob;
    }
  }
  let count = 0;
  let sumWeight = 0;
  for (let i = 0; i < n; i++) {
    count += passed[i]!;
    sumWeight += weight[i]!;
  }
  const cutFlow = makeCutFlow(
    n,
    initialWeight,
    requirements.map((r, k) => ({
      name: r.name ?? r.kind,
      description: describe(r),
      ...(r.provenance === undefined ? {} : { provenance: r.provenance }),
      events: stepEvents[k]!,
      weight: stepWeight[k]!,
    })),
  );
  return { mode, size: n, passed, weight, count, sumWeight, cutFlow };
}

function countFactor(
  min: number,
  max: number,
  charged: Int32Array,
  parts: readonly ReconstructedParticle[],
  i: number,
  weightMode: boolean,
  s: Scratch,
): number {
  let certain = 0;
  let m = 0;
  for (let a = 0; a < charged.length; a++) {
    const j = charged[a]!;
    const p = parts[j]!;
    if (p.accepted[i] !== 1) continue;
    if (!weightMode) certain += p.reconstructed[i]!;
    else if (s.present[j] === 1) certain++;
    else s.q[m++] = p.efficiency[i]!;
  }
  if (m === 0) return certain >= min && certain <= max ? 1 : 0;
  countDistribution(s.q, m, s.dist);
  let r = 0;
  for (let c = 0; c <= m; c++) if (certain + c >= min && certain + c <= max) r += s.dist[c]!;
  return r;
}

function identificationFactor(
  c: Extract<Compiled, { kind: "identification" }>,
  parts: readonly ReconstructedParticle[],
  i: number,
  weightMode: boolean,
  s: Scratch,
): number {
  const inRange = (nm: number, ne: number) => nm >= c.mu[0] && nm <= c.mu[1] && ne >= c.el[0] && ne <= c.el[1];
  if (!weightMode) {
    let nm = 0;
    let ne = 0;
    for (let a = 0; a < c.idx.length; a++) {
      const p = parts[c.idx[a]!]!;
      if (p.accepted[i] !== 1 || p.reconstructed[i] !== 1) continue;
      if (p.pid[i] === PID.muon) nm++;
      else if (p.pid[i] === PID.electron) ne++;
    }
    return inRange(nm, ne) ? 1 : 0;
  }
  // Joint distribution of (muons, electrons) over the listed particles: dp[nm * w + ne].
  const w = c.idx.length + 1;
  const dp = s.joint;
  dp.fill(0, 0, w * w);
  dp[0] = 1;
  let seen = 0;
  for (let a = 0; a < c.idx.length; a++) {
    const j = c.idx[a]!;
    const p = parts[j]!;
    if (p.accepted[i] !== 1) continue;
    const present = s.present[j] === 1 ? 1 : p.efficiency[i]!;
    const qm = present * p.muonIdProbability[i]!;
    const qe = present * p.electronIdProbability[i]!;
    const q0 = 1 - qm - qe;
    seen++;
    for (let nm = seen; nm >= 0; nm--) {
      for (let ne = seen - nm; ne >= 0; ne--) {
        let v = dp[nm * w + ne]! * q0;
        if (nm > 0) v += dp[(nm - 1) * w + ne]! * qm;
        if (ne > 0) v += dp[nm * w + ne - 1]! * qe;
        dp[nm * w + ne] = v;
      }
    }
  }
  let r = 0;
  for (let nm = 0; nm <= seen; nm++) for (let ne = 0; ne <= seen - nm; ne++) if (inRange(nm, ne)) r += dp[nm * w + ne]!;
  return r;
}

function triggerFactor(
  reco: ReconstructedEvents,
  charged: Int32Array,
  parts: readonly ReconstructedParticle[],
  i: number,
  weightMode: boolean,
  s: Scratch,
): number {
  const view = s.view;
  view.count = 0;
  let m = 0;
  for (let a = 0; a < charged.length; a++) {
    const j = charged[a]!;
    const p = parts[j]!;
    if (p.accepted[i] !== 1) continue;
    const eff = p.efficiency[i]!;
    const drawn = p.reconstructed[i] === 1;
    if (!weightMode) {
      if (drawn) fillTrack(view, reco, p, i);
    } else if (s.present[j] === 1 || eff >= 1) fillTrack(view, reco, p, i);
    else if (eff > 0) {
      if (m < SELECTION_DEFAULTS.maxEnumeratedTracks) s.uncertain[m++] = j;
      else if (drawn) fillTrack(view, reco, p, i);
    }
  }
  if (!weightMode) return reco.triggerUniform[i]! < reco.trigger.probability(view) ? 1 : 0;
  if (m === 0) return reco.trigger.probability(view);
  // Exact expectation over the 2^m presence patterns of the uncertain tracks.
  const base = view.count;
  let r = 0;
  for (let mask = 0; mask < 1 << m; mask++) {
    view.count = base;
    let pr = 1;
    for (let b = 0; b < m; b++) {
      const p = parts[s.uncertain[b]!]!;
      const eff = p.efficiency[i]!;
      if (mask & (1 << b)) {
        pr *= eff;
        fillTrack(view, reco, p, i);
      } else pr *= 1 - eff;
    }
    if (pr > 0) r += pr * reco.trigger.probability(view);
  }
  return r;
}

/**
 * The photon veto's factor for event i. A photon that vetoes the event by itself (energy above
 * `single`, or inside the cone) gives 0 if certain and (1 − q) if uncertain, and is left out of
 * the total-energy enumeration, which then runs over the other uncertain photons:
 * Π_{vetoing}(1 − q_j) × P(Σ_{other detected} E_j ≤ budget).
 */
function photonVetoFactor(
  c: Extract<Compiled, { kind: "photonVeto" }>,
  reco: ReconstructedEvents,
  photons: Int32Array,
  parts: readonly ReconstructedParticle[],
  i: number,
  weightMode: boolean,
  s: Scratch,
): number {
  let certainTotal = 0;
  let factor = 1;
  let m = 0;
  // Cone axis (lab). A zero or non-finite axis leaves |a| = 0 or NaN, and then no photon is in the cone.
  let ax = 0;
  let ay = 0;
  let az = 0;
  let aNorm = 0;
  if (c.axis !== undefined && photons.length > 0) {
    const v = c.axis(reco, i);
    ax = v.x;
    ay = v.y;
    az = v.z;
    aNorm = Math.sqrt(ax * ax + ay * ay + az * az);
  }
  const cone = aNorm > 0 && aNorm < Number.POSITIVE_INFINITY;
  for (let a = 0; a < photons.length; a++) {
    const j = photons[a]!;
    const p = parts[j]!;
    if (p.accepted[i] !== 1) continue;
    const sure = weightMode ? s.present[j] === 1 : p.reconstructed[i] === 1;
    if (!sure && !weightMode) continue;
    const px = p.px[i]!;
    const py = p.py[i]!;
    const pz = p.pz[i]!;
    const e = c.gamma * (p.e[i]! - c.bx * px - c.by * py - c.bz * pz);
    let vetoes = e > c.single;
    if (cone && !vetoes) {
      // θ ≤ α ⇔ a·p ≥ cos α |a||p| (no acos; a photon with zero or NaN momentum has no direction).
      const pNorm = Math.sqrt(px * px + py * py + pz * pz);
      vetoes = pNorm > 0 && (c.cosHalf === -1 || ax * px + ay * py + az * pz >= c.cosHalf * aNorm * pNorm);
    }
    if (sure) {
      if (vetoes) return 0;
      certainTotal += e;
    } else {
      const q = p.efficiency[i]!;
      if (vetoes) factor *= 1 - q;
      else {
        s.energies[m] = e;
        s.q[m] = q;
        m++;
      }
    }
  }
  const budget = c.total - certainTotal;
  if (budget < 0) return 0;
  if (m === 0 || c.total === Number.POSITIVE_INFINITY) return factor;
  // Sort the uncertain photons by decreasing energy (insertion sort: a handful per event).
  for (let a = 1; a < m; a++) {
    const e = s.energies[a]!;
    const q = s.q[a]!;
    let b = a - 1;
    while (b >= 0 && s.energies[b]! < e) {
      s.energies[b + 1] = s.energies[b]!;
      s.q[b + 1] = s.q[b]!;
      b--;
    }
    s.energies[b + 1] = e;
    s.q[b + 1] = q;
  }
  s.tail[m] = 0;
  for (let a = m - 1; a >= 0; a--) s.tail[a] = s.tail[a + 1]! + s.energies[a]!;
  return factor * probabilityTotalAtMost(s.energies, s.q, s.tail, 0, m, budget);
}

/**
 * The selected events as generator-style columns: the measured four-vectors of the passing
 * events, with the selection's final weights. A particle that is absent has `NaN` entries:
 * in sample mode, one not reconstructed; in weight mode (where reconstruction is a probability
 * folded into the weight), one outside the acceptance.
 *
 * @param reco - the reconstructed events
 * @param selection - a selection of them
 * @param particles - the names to keep (default: every non-invisible particle)
 * @returns `EventColumns` of size `selection.count`
 * @throws {@link PhysError} `INCOMPATIBLE_SHAPES` if the selection is not of these events;
 *   `UNKNOWN_NAME` for an unknown particle name
 * @example
 * ```ts
 * const data = selectedEvents(reco, sel, ["mu1", "mu2"]);
 * data.size === sel.count; // true
 * ```
 */
export function selectedEvents(
  reco: ReconstructedEvents,
  selection: Selection,
  particles: readonly string[] = reco.names.filter((name) => reco.particles[name]!.species !== "invisible"),
): EventColumns {
  if (selection.size !== reco.size) {
    throw new PhysError(
      "INCOMPATIBLE_SHAPES",
      `selection has ${selection.size} events, the reconstructed batch ${reco.size}`,
      { argument: "selection", value: selection.size, allowed: `size ${reco.size}` },
    );
  }
  const idx = particleIndices("particles", particles, reco.names);
  const rows = new Int32Array(selection.count);
  let k = 0;
  for (let i = 0; i < reco.size; i++) if (selection.passed[i] === 1) rows[k++] = i;
  const out: Record<string, FourVectorColumns> = {};
  for (const j of idx) {
    const p = reco.particles[reco.names[j]!]!;
    const present = selection.mode === "sample" ? p.reconstructed : p.accepted;
    const pick = (col: Float64Array) => Float64Array.from(rows, (i) => (present[i] === 1 ? col[i]! : Number.NaN));
    out[p.name] = { e: pick(p.e), px: pick(p.px), py: pick(p.py), pz: pick(p.pz) };
  }
  return { size: rows.length, particles: out, weight: Float64Array.from(rows, (i) => selection.weight[i]!) };
}
