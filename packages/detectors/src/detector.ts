/**
 * The detector-model interface and the columnar engine that implements it: generator-level
 * particles in, reconstructed particles out, with every random outcome drawn from a seeded
 * {@link RandomSource} and every probability kept alongside it.
 *
 * For each particle of each event the engine
 * 1. tests the geometric acceptance on the generated direction,
 * 2. merges photons into an electron's calorimeter cluster when they are closer than the
 *    detector's separation angle (MUonE),
 * 3. smears the momentum (tracks) or energy (clusters) and the direction (track angles θ, φ with
 *    σ = a ⊕ b/(p β) at fixed p_T, or an isotropic rotation at fixed |p|),
 * 4. applies the reconstruction threshold to the measured quantity,
 * 5. evaluates the reconstruction efficiency and the identification probabilities on the
 *    generated kinematics, and draws the outcomes.
 *
 * It never knows which process made the particles: only their declared species matter.
 *
 * @packageDocumentation
 */
import {
  createRandom,
  type EventColumns,
  type RandomSource,
  requireEvents,
  type TrackResolution,
} from "@muonphilic/kinematics";
import { PhysError, requireOneOf, requirePositive } from "@muonphilic/units";
import { type Acceptance, type AcceptanceSpec, makeAcceptance } from "./acceptance.js";
import { type Efficiency, type EfficiencySpec, makeEfficiency } from "./efficiency.js";
import { assumption, type Provenance } from "./provenance.js";
import {
  angleResolution,
  makeResolution,
  makeTrackAngularResolution,
  type Resolution,
  type ResolutionSpec,
  type TrackAngularResolutionSpec,
} from "./resolution.js";
import {
  CHARGED_SPECIES,
  normaliseDeclaration,
  PID,
  type PidCode,
  SPECIES,
  type Species,
  type SpeciesDeclaration,
} from "./species.js";
import { makeTrigger, type Trigger, type TriggerSpec } from "./trigger.js";

/** A reconstruction threshold on a measured quantity: the particle is kept if `variable ≥ minGeV`. */
export interface ThresholdSpec {
  /** The measured quantity: momentum, transverse momentum or energy. */
  readonly variable: "p" | "pt" | "e";
  /** The minimum (GeV). */
  readonly minGeV: number;
  /** Where the number comes from. */
  readonly provenance?: Provenance;
}

/** How a detector responds to one species. */
export interface ParticleResponseSpec {
  /** Geometric acceptance, tested on the generated direction. */
  readonly acceptance: AcceptanceSpec;
  /** Threshold on the measured quantity (default: none). */
  readonly threshold?: ThresholdSpec;
  /** Probability of reconstructing an accepted particle, on generated kinematics. */
  readonly efficiency: EfficiencySpec;
  /** Momentum or energy resolution. */
  readonly resolution: ResolutionSpec;
  /**
   * Gaussian width of each of the two angles transverse to the direction (rad, default 0): an
   * isotropic direction smearing at fixed |p| (σ(θ) = σ, σ(φ) = σ/sin θ). Exclusive with
   * `trackAngularResolution`.
   */
  readonly angularResolutionRad?: number;
  /** Where the angular resolution comes from. */
  readonly angularProvenance?: Provenance;
  /**
   * Track angular resolution σ_θ, σ_φ = a ⊕ b/(p β) (default none): θ and φ smeared independently
   * at fixed measured p_T. Only for responses that measure a momentum; exclusive with
   * `angularResolutionRad`.
   */
  readonly trackAngularResolution?: TrackAngularResolutionSpec;
  /**
   * Whether the magnitude of the momentum is measured (default true). When false (MUonE muons:
   * no magnet), the output four-vector is `NaN` and only the direction is filled.
   */
  readonly measuresMomentum?: boolean;
  /** Probability that a reconstructed particle of this species is identified as a muon (default 0). */
  readonly muonId?: EfficiencySpec;
  /** Probability that it is identified as an electron (default 0). */
  readonly electronId?: EfficiencySpec;
}

/** Merging of photons into an electron's calorimeter cluster when they are closer than `separationRad`. */
export interface ClusterMergingSpec {
  /** Opening angle below which a photon and an electron form one cluster (rad). */
  readonly separationRad: number;
  /** Where the number comes from. */
  readonly provenance?: Provenance;
}

/**
 * A complete, data-only detector description: per-species responses, a trigger, optional
 * cluster merging. Species without a response (and `invisible`) are never detected.
 */
export interface DetectorConfig {
  /** The detector's name. */
  readonly name: string;
  /** The response to each detected species. */
  readonly responses: { readonly [S in Species]?: ParticleResponseSpec };
  /** The trigger model. */
  readonly trigger: TriggerSpec;
  /** Photon-electron cluster merging (default: none). */
  readonly clusterMerging?: ClusterMergingSpec;
  /** Free-text notes for the description (conventions, known limitations). */
  readonly notes?: readonly string[];
}

/**
 * Everything a detector model uses, with provenance: the validated configuration plus any
 * detector-specific parameters (beams, exposure). JSON-serialisable.
 */
export interface DetectorDescription {
  /** The validated configuration (efficiencies normalised). */
  readonly config: DetectorConfig;
  /** Detector-specific parameters (beam energies, target, exposure), each with its provenance. */
  readonly parameters: { readonly [key: string]: { readonly value: unknown; readonly provenance: Provenance } };
}

/** One reconstructed particle name across all events (structure of arrays, length = events). */
export interface ReconstructedParticle {
  /** The particle name. */
  readonly name: string;
  /** Its declared species. */
  readonly species: Species;
  /** Its declared charge (units of e), if given. */
  readonly charge: number | undefined;
  /** Whether the species is charged (leaves a track). */
  readonly charged: boolean;
  /**
   * Measured energy (GeV); `NaN` when not accepted or not measured. Measured kinematics are
   * filled for every accepted particle, whether or not the efficiency draw reconstructed it
   * (weight-mode selections need them): in sample mode, check `reconstructed` in custom cuts.
   */
  readonly e: Float64Array;
  /** Measured momentum x (GeV); `NaN` when not accepted or not measured. */
  readonly px: Float64Array;
  /** Measured momentum y (GeV). */
  readonly py: Float64Array;
  /** Measured momentum z (GeV). */
  readonly pz: Float64Array;
  /** Measured polar angle (rad); `NaN` when not accepted. */
  readonly theta: Float64Array;
  /** Measured azimuth (rad, in (−π, π]); `NaN` when not accepted. */
  readonly phi: Float64Array;
  /** 1 if inside the geometric acceptance and above threshold after smearing. */
  readonly accepted: Uint8Array;
  /** Reconstruction probability given acceptance (0 when not accepted). */
  readonly efficiency: Float64Array;
  /** 1 if reconstructed (drawn: accepted and u < efficiency). */
  readonly reconstructed: Uint8Array;
  /** Probability of being identified as a muon, given reconstruction. */
  readonly muonIdProbability: Float64Array;
  /** Probability of being identified as an electron, given reconstruction. */
  readonly electronIdProbability: Float64Array;
  /** Drawn identification code ({@link PID}); `PID.none` when not reconstructed. */
  readonly pid: Uint8Array;
}

/** The output of {@link DetectorModel.reconstruct}: the reconstructed particles of every event. */
export interface ReconstructedEvents {
  /** Number of events (the input's size; nothing is dropped here: selections decide). */
  readonly size: number;
  /** Per-event input weights (1 when the input had none). */
  readonly weight: Float64Array;
  /** The particle names, in declaration order. */
  readonly names: readonly string[];
  /** The reconstructed particles by name. */
  readonly particles: { readonly [name: string]: ReconstructedParticle };
  /** The generator-level events (kept for efficiency evaluation and truth matching). */
  readonly generated: EventColumns;
  /** Per-event uniform deviates for drawing the trigger decision in selections. */
  readonly triggerUniform: Float64Array;
  /** Per-event production station (segmented targets), or `undefined` if the detector has none. */
  readonly station: Int32Array | undefined;
  /** The trigger model, evaluated by selections on the tracks present. */
  readonly trigger: Trigger;
  /** The detector description (parameters, efficiency maps, provenance). */
  readonly detector: DetectorDescription;
}

/** A detector model: maps generator-level events to reconstructed ones. */
export interface DetectorModel {
  /** The detector's name. */
  readonly name: string;
  /** Everything the model uses, with provenance. */
  readonly description: DetectorDescription;
  /**
   * The Gaussian resolution with which a track of this species and momentum is measured, in the
   * (p_T, θ, φ) parametrisation of `trackCovariance` (`@muonphilic/kinematics`): the inputs of a
   * kinematic fit's covariance that match the smearing. σ(p_T) = p_T σ_rel(p, p_T, E, β) of the
   * momentum resolution; σ(θ), σ(φ) of `trackAngularResolution`, or σ and σ/sin θ of an isotropic
   * `angularResolutionRad`, or 0 when angles are not smeared. Evaluate it at the measured momentum.
   * Numbers outside the domain (p_T = 0, a negative mass) give `NaN` widths; it never throws for them.
   * @param species - a charged species with a response in this detector
   * @param px - momentum x (GeV)
   * @param py - momentum y (GeV)
   * @param pz - momentum z (GeV)
   * @param mass - the mass hypothesis (GeV), for β
   * @returns `{ sigmaPt }` (GeV), `{ sigmaTheta, sigmaPhi }` (rad)
   * @throws {@link PhysError} `UNKNOWN_NAME` for an unknown species; `INVALID_ARGUMENT` for a
   *   species this detector does not track (no response, or a calorimeter response)
   * @example
   * ```ts
   * const det = belle2();
   * const res = det.trackResolution("muon", px, py, pz, M_MU); // { sigmaPt, sigmaTheta, sigmaPhi }
   * cov.set(trackCovariance({ x: px, y: py, z: pz }, res), 9 * j); // the 4C fit's covariance of track j
   * ```
   */
  trackResolution(species: Species, px: number, py: number, pz: number, mass: number): TrackResolution;
  /**
   * Reconstructs a batch of generator-level events.
   * @param events - lab-frame events (GeV); every particle name must be declared in `species`
   * @param species - the species (and optionally charge) of every particle name
   * @param rng - the seeded random source (one call draws two numbers from it to seed its streams)
   * @returns the reconstructed events, the same size as the input
   * @throws {@link PhysError} `UNKNOWN_NAME` for an undeclared or unknown name or species;
   *   `INCOMPATIBLE_SHAPES` for columns whose length differs from `events.size`;
   *   `INVALID_ARGUMENT` for malformed events
   */
  reconstruct(events: EventColumns, species: SpeciesDeclaration, rng: RandomSource): ReconstructedEvents;
}

/** The identification probability of a response that gives none. */
const NEVER_IDENTIFIED: EfficiencySpec = {
  constant: 0,
  provenance: assumption("no identification probability given: never identified as this species"),
};

interface CompiledResponse {
  readonly acceptance: Acceptance;
  readonly threshold: { variable: "p" | "pt" | "e"; min: number } | undefined;
  readonly efficiency: Efficiency;
  readonly resolution: Resolution;
  readonly angular: number;
  readonly trackAngles: TrackAngularResolutionSpec | undefined;
  readonly measuresMomentum: boolean;
  readonly muonId: Efficiency;
  readonly electronId: Efficiency;
}

function compileResponse(
  argument: string,
  r: ParticleResponseSpec,
): { compiled: CompiledResponse; spec: ParticleResponseSpec } {
  if (r === null || typeof r !== "object") {
    throw new PhysError("INVALID_ARGUMENT", `${argument} must be a particle response`, {
      argument,
      value: r,
      allowed: "{ acceptance, efficiency, resolution, ... }",
    });
  }
  const acceptance = makeAcceptance(`${argument}.acceptance`, r.acceptance);
  let threshold: CompiledResponse["threshold"];
  if (r.threshold !== undefined) {
    const variable = requireOneOf(`${argument}.threshold.variable`, r.threshold.variable, ["p", "pt", "e"] as const);
    const min = requirePositive(`${argument}.threshold.minGeV`, r.threshold.minGeV, "GeV");
    threshold = { variable, min };
  }
  const efficiency = makeEfficiency(`${argument}.efficiency`, r.efficiency);
  const resolution = makeResolution(`${argument}.resolution`, r.resolution);
  const angular = r.angularResolutionRad ?? 0;
  if (!(Number.isFinite(angular) && angular >= 0)) {
    throw new PhysError("OUT_OF_DOMAIN", `${argument}.angularResolutionRad must be >= 0 rad, got ${angular}`, {
      argument: `${argument}.angularResolutionRad`,
      value: angular,
      allowed: ">= 0 rad",
    });
  }
  let trackAngles: TrackAngularResolutionSpec | undefined;
  if (r.trackAngularResolution !== undefined) {
    trackAngles = makeTrackAngularResolution(`${argument}.trackAngularResolution`, r.trackAngularResolution);
    if (angular > 0) {
      throw new PhysError(
        "INVALID_ARGUMENT",
        `${argument}: give either angularResolutionRad or trackAngularResolution, not both`,
        {
          argument: `${argument}.trackAngularResolution`,
          value: r.trackAngularResolution,
          allowed: "undefined when angularResolutionRad > 0",
        },
      );
    }
    if (resolution.smears === "energy") {
      throw new PhysError(
        "INVALID_ARGUMENT",
        `${argument}.trackAngularResolution needs a momentum resolution (tracks), not a calorimeter one`,
        {
          argument: `${argument}.trackAngularResolution`,
          value: r.trackAngularResolution,
          allowed: "a response with a momentum or no resolution",
        },
      );
    }
  }
  const muonId = makeEfficiency(`${argument}.muonId`, r.muonId ?? NEVER_IDENTIFIED);
  const electronId = makeEfficiency(`${argument}.electronId`, r.electronId ?? NEVER_IDENTIFIED);
  const spec: ParticleResponseSpec = {
    ...r,
    efficiency: efficiency.spec,
    muonId: muonId.spec,
    electronId: electronId.spec,
  };
  return {
    compiled: {
      acceptance,
      threshold,
      efficiency,
      resolution,
      angular,
      trackAngles,
      measuresMomentum: r.measuresMomentum ?? true,
      muonId,
      electronId,
    },
    spec,
  };
}

/** A validated configuration, ready to reconstruct. */
interface CompiledDetector {
  readonly responses: Partial<Record<Species, CompiledResponse>>;
  readonly trigger: Trigger;
  readonly stations: number;
  readonly separation: number;
  readonly config: DetectorConfig;
}

function compileConfig(config: DetectorConfig): CompiledDetector {
  if (config === null || typeof config !== "object" || typeof config.name !== "string") {
    throw new PhysError("INVALID_ARGUMENT", "config must be a detector configuration with a name", {
      argument: "config",
      value: config,
      allowed: "{ name, responses, trigger, ... }",
    });
  }
  const responses: Partial<Record<Species, CompiledResponse>> = {};
  const specs: { [S in Species]?: ParticleResponseSpec } = {};
  let stations = 0;
  for (const key of Object.keys(config.responses ?? {})) {
    const s = requireOneOf("config.responses", key, SPECIES);
    const r = config.responses[s];
    if (r === undefined) continue;
    const { compiled, spec } = compileResponse(`config.responses.${s}`, r);
    const n = compiled.acceptance.stations;
    if (n > 0) {
      if (stations > 0 && n !== stations) {
        throw new PhysError(
          "INCOMPATIBLE_SHAPES",
          `config.responses.${s}.acceptance.distancesM has ${n} stations, other responses ${stations}`,
          { argument: `config.responses.${s}.acceptance.distancesM`, value: n, allowed: `${stations} stations` },
        );
      }
      stations = n;
    }
    responses[s] = compiled;
    specs[s] = spec;
  }
  const trigger = makeTrigger("config.trigger", config.trigger);
  let separation = 0;
  if (config.clusterMerging !== undefined) {
    separation = requirePositive("config.clusterMerging.separationRad", config.clusterMerging.separationRad, "rad");
  }
  return { responses, trigger, stations, separation, config: { ...config, responses: specs } };
}

function requireEventBatch(events: EventColumns, species: SpeciesDeclaration): string[] {
  requireEvents("events", events);
  if (species === null || typeof species !== "object") {
    throw new PhysError("INVALID_ARGUMENT", "species must map every particle name to a species", {
      argument: "species",
      value: species,
      allowed: "{ [name]: species | { species, charge } }",
    });
  }
  const names = Object.keys(events.particles);
  for (const name of names) {
    if (!(name in species)) {
      throw new PhysError("UNKNOWN_NAME", `species has no declaration for particle "${name}"`, {
        argument: `species.${name}`,
        value: undefined,
        allowed: `a species for every particle: ${names.join(", ")}`,
      });
    }
  }
  for (const name of Object.keys(species)) {
    if (!names.includes(name)) {
      throw new PhysError("UNKNOWN_NAME", `species declares "${name}", which is not a particle of events`, {
        argument: `species.${name}`,
        value: name,
        allowed: names.join(" | "),
      });
    }
  }
  return names;
}

function nanColumn(n: number): Float64Array {
  return new Float64Array(n).fill(Number.NaN);
}

/**
 * Rotates the unit vector (ux, uy, uz) by independent Gaussian angles of width `sigma` in two
 * orthogonal directions transverse to it; writes the result to `out`.
 */
function smearDirection(ux: number, uy: number, uz: number, sigma: number, rng: RandomSource, out: Float64Array): void {
  // e1: a unit vector orthogonal to u, built from the axis least aligned with u.
  let ax = 0;
  const ay = 0;
  let az = 0;
  if (Math.abs(uz) < 0.9) az = 1;
  else ax = 1;
  let e1x = ay * uz - az * uy;
  let e1y = az * ux - ax * uz;
  let e1z = ax * uy - ay * ux;
  const n1 = Math.sqrt(e1x * e1x + e1y * e1y + e1z * e1z);
  e1x /= n1;
  e1y /= n1;
  e1z /= n1;
  const e2x = uy * e1z - uz * e1y;
  const e2y = uz * e1x - ux * e1z;
  const e2z = ux * e1y - uy * e1x;
  const a = sigma * rng.normal();
  const b = sigma * rng.normal();
  // Exact rotation by the angle √(a² + b²) towards a e1 + b e2.
  const t = Math.sqrt(a * a + b * b);
  if (t === 0) {
    out[0] = ux;
    out[1] = uy;
    out[2] = uz;
    return;
  }
  const c = Math.cos(t);
  const s = Math.sin(t) / t;
  out[0] = c * ux + s * (a * e1x + b * e2x);
  out[1] = c * uy + s * (a * e1y + b * e2y);
  out[2] = c * uz + s * (a * e1z + b * e2z);
}

/** Calorimeter energy of each electron after merging photons closer than `separation` (MUonE). */
function mergeClusters(
  events: EventColumns,
  names: readonly string[],
  species: readonly Species[],
  responses: Partial<Record<Species, CompiledResponse>>,
  station: Int32Array | undefined,
  separation: number,
): { energy: Map<string, Float64Array>; merged: Map<string, Uint8Array> } {
  const n = events.size;
  const energy = new Map<string, Float64Array>();
  const merged = new Map<string, Uint8Array>();
  const electrons = names.filter((_, j) => species[j] === "electron");
  const photons = names.filter((_, j) => species[j] === "photon");
  const re = responses.electron;
  const rg = responses.photon;
  for (const name of electrons) energy.set(name, Float64Array.from(events.particles[name]!.e));
  for (const name of photons) merged.set(name, new Uint8Array(n));
  if (re === undefined || rg === undefined || electrons.length === 0 || photons.length === 0) return { energy, merged };
  const cosSep = Math.cos(separation);
  for (let i = 0; i < n; i++) {
    const st = station === undefined ? 0 : station[i]!;
    for (const g of photons) {
      const pg = events.particles[g]!;
      const gx = pg.px[i]!;
      const gy = pg.py[i]!;
      const gz = pg.pz[i]!;
      const gp = Math.sqrt(gx * gx + gy * gy + gz * gz);
      if (!rg.acceptance.accepts(Math.acos(gz / gp), gx, gy, gz, st)) continue;
      for (const el of electrons) {
        const pe = events.particles[el]!;
        const ex = pe.px[i]!;
        const ey = pe.py[i]!;
        const ez = pe.pz[i]!;
        const ep = Math.sqrt(ex * ex + ey * ey + ez * ez);
        if (!re.acceptance.accepts(Math.acos(ez / ep), ex, ey, ez, st)) continue;
        if ((gx * ex + gy * ey + gz * ez) / (gp * ep) >= cosSep) {
          energy.get(el)![i]! += pg.e[i]!;
          merged.get(g)![i] = 1;
          break;
        }
      }
    }
  }
  return { energy, merged };
}

function reconstructWith(
  det: CompiledDetector,
  description: DetectorDescription,
  events: EventColumns,
  speciesDecl: SpeciesDeclaration,
  rng: RandomSource,
): ReconstructedEvents {
  const names = requireEventBatch(events, speciesDecl);
  const decl = names.map((name) => normaliseDeclaration(name, speciesDecl[name]!));
  const species = decl.map((d) => d.species);
  const n = events.size;
  // Two draws from the caller's source seed this call's independent streams: stream 0 the
  // trigger uniforms, 1 the stations, 2 + 2j the smearing of particle j, 3 + 2j its efficiency draws.
  const callSeed = rng.nextUint32() * 2097152 + (rng.nextUint32() >>> 11);
  const triggerUniform = createRandom(callSeed, 0).fillUniform(new Float64Array(n));
  let station: Int32Array | undefined;
  if (det.stations > 0) {
    const s = createRandom(callSeed, 1);
    station = new Int32Array(n);
    for (let i = 0; i < n; i++) station[i] = s.integer(det.stations);
  }
  const merging =
    det.separation > 0 ? mergeClusters(events, names, species, det.responses, station, det.separation) : undefined;
  const weight = events.weight === undefined ? new Float64Array(n).fill(1) : Float64Array.from(events.weight);
  const particles: Record<string, ReconstructedParticle> = {};
  const dir = new Float64Array(3);
  names.forEach((name, j) => {
    const sp = species[j]!;
    const out: ReconstructedParticle = {
      name,
      species: sp,
      charge: decl[j]!.charge,
      charged: CHARGED_SPECIES.includes(sp),
      e: nanColumn(n),
      px: nanColumn(n),
      py: nanColumn(n),
      pz: nanColumn(n),
      theta: nanColumn(n),
      phi: nanColumn(n),
      accepted: new Uint8Array(n),
      efficiency: new Float64Array(n),
      reconstructed: new Uint8Array(n),
      muonIdProbability: new Float64Array(n),
      electronIdProbability: new Float64Array(n),
      pid: new Uint8Array(n),
    };
    particles[name] = out;
    const r = det.responses[sp];
    if (r === undefined || sp === "invisible") return;
    const gen = events.particles[name]!;
    const smear = createRandom(callSeed, 2 + 2 * j);
    const draw = createRandom(callSeed, 3 + 2 * j);
    const calo = merging?.energy.get(name);
    const merged = merging?.merged.get(name);
    const { acceptance, resolution, threshold, angular, trackAngles } = r;
    // σ = a ⊕ b/(p β) of the track angles (angleResolution), with its coefficients hoisted.
    const thetaA2 = (trackAngles?.theta.constantRad ?? 0) ** 2;
    const thetaB = trackAngles?.theta.scatteringGeVRad ?? 0;
    const phiA2 = (trackAngles?.phi.constantRad ?? 0) ** 2;
    const phiB = trackAngles?.phi.scatteringGeVRad ?? 0;
    for (let i = 0; i < n; i++) {
      const e = gen.e[i]!;
      const px = gen.px[i]!;
      const py = gen.py[i]!;
      const pz = gen.pz[i]!;
      // Math.sqrt rather than Math.hypot: several times faster in V8, and GeV-scale momenta
      // cannot overflow.
      const pt = Math.sqrt(px * px + py * py);
      const p = Math.sqrt(pt * pt + pz * pz);
      const theta = Math.atan2(pt, pz);
      if (!(p > 0) || !acceptance.accepts(theta, px, py, pz, station === undefined ? 0 : station[i]!)) continue;
      if (merged !== undefined && merged[i] === 1) continue;
      const m = Math.sqrt(Math.max(e * e - p * p, 0));
      // Measured momentum magnitude and energy.
      let pm = p;
      let em = e;
      if (resolution.smears === "momentum") {
        const f = 1 + resolution.relativeSigma(p, pt, e, p / e) * smear.normal();
        if (!(f > 0)) continue;
        pm = p * f;
        em = Math.sqrt(pm * pm + m * m);
      } else if (resolution.smears === "energy") {
        const ecal = calo === undefined ? e : calo[i]!;
        em = ecal * (1 + resolution.relativeSigma(p, pt, ecal, p / e) * smear.normal());
        if (!(em > m)) continue;
        pm = Math.sqrt((em - m) * (em + m));
      }
      // Measured direction: unit vector `dir` and its angles.
      let thOut: number;
      let phOut: number;
      if (trackAngles !== undefined) {
        // (p_T, θ, φ) measured independently: θ and φ smeared, p_T of the momentum smearing kept.
        const pbeta = (p * p) / e;
        const sTheta = Math.sqrt(thetaA2 + (thetaB / pbeta) ** 2);
        const sPhi = Math.sqrt(phiA2 + (phiB / pbeta) ** 2);
        let th = theta + sTheta * smear.normal();
        let ph = Math.atan2(py, px) + sPhi * smear.normal();
        if (th < 0) {
          th = -th;
          ph += Math.PI;
        } else if (th > Math.PI) {
          th = 2 * Math.PI - th;
          ph += Math.PI;
        }
        const st = Math.sin(th);
        if (!(st > 0 && pbeta > 0)) continue;
        pm *= pt / p / st;
        em = Math.sqrt(pm * pm + m * m);
        dir[0] = st * Math.cos(ph);
        dir[1] = st * Math.sin(ph);
        dir[2] = Math.cos(th);
        thOut = th;
        phOut = ph > Math.PI ? ph - 2 * Math.PI : ph <= -Math.PI ? ph + 2 * Math.PI : ph;
      } else if (angular > 0) {
        smearDirection(px / p, py / p, pz / p, angular, smear, dir);
        thOut = Math.atan2(Math.sqrt(dir[0]! * dir[0]! + dir[1]! * dir[1]!), dir[2]!);
        phOut = Math.atan2(dir[1]!, dir[0]!);
      } else {
        dir[0] = px / p;
        dir[1] = py / p;
        dir[2] = pz / p;
        thOut = theta;
        phOut = Math.atan2(py, px);
      }
      const ptm = pm * Math.sin(thOut);
      if (threshold !== undefined) {
        const v = threshold.variable === "p" ? pm : threshold.variable === "pt" ? ptm : em;
        if (!(v >= threshold.min)) continue;
      }
      out.accepted[i] = 1;
      out.theta[i] = thOut;
      out.phi[i] = phOut;
      if (r.measuresMomentum) {
        out.e[i] = em;
        out.px[i] = pm * dir[0]!;
        out.py[i] = pm * dir[1]!;
        out.pz[i] = pm * dir[2]!;
      }
      const eff = r.efficiency.at(p, pt, e, theta);
      const pmu = r.muonId.at(p, pt, e, theta);
      const pel = Math.min(r.electronId.at(p, pt, e, theta), 1 - pmu);
      out.efficiency[i] = eff;
      out.muonIdProbability[i] = pmu;
      out.electronIdProbability[i] = pel;
      const u1 = draw.uniform();
      const u2 = draw.uniform();
      if (u1 < eff) {
        out.reconstructed[i] = 1;
        out.pid[i] = (u2 < pmu ? PID.muon : u2 < pmu + pel ? PID.electron : PID.none) satisfies PidCode;
      }
    }
  });
  return {
    size: n,
    weight,
    names,
    particles,
    generated: events,
    triggerUniform,
    station,
    trigger: det.trigger,
    detector: description,
  };
}

function trackResolutionOf(
  det: CompiledDetector,
  speciesIn: Species,
  px: number,
  py: number,
  pz: number,
  mass: number,
): TrackResolution {
  const species = requireOneOf("species", speciesIn, SPECIES);
  const r = det.responses[species];
  if (r === undefined || !CHARGED_SPECIES.includes(species) || r.resolution.smears === "energy") {
    throw new PhysError("INVALID_ARGUMENT", `species ${species} is not tracked by ${det.config.name}`, {
      argument: "species",
      value: species,
      allowed: CHARGED_SPECIES.filter(
        (s) => det.responses[s] !== undefined && det.responses[s]?.resolution.smears !== "energy",
      ).join(" | "),
    });
  }
  const pt = Math.sqrt(px * px + py * py);
  const p = Math.sqrt(pt * pt + pz * pz);
  if (!(pt > 0 && mass >= 0)) return { sigmaPt: Number.NaN, sigmaTheta: Number.NaN, sigmaPhi: Number.NaN };
  const e = Math.sqrt(p * p + mass * mass);
  const beta = p / e;
  const sigmaPt = r.resolution.smears === "momentum" ? pt * r.resolution.relativeSigma(p, pt, e, beta) : 0;
  if (r.trackAngles !== undefined) {
    return {
      sigmaPt,
      sigmaTheta: angleResolution(r.trackAngles.theta, p, beta),
      sigmaPhi: angleResolution(r.trackAngles.phi, p, beta),
    };
  }
  return { sigmaPt, sigmaTheta: r.angular, sigmaPhi: r.angular / (pt / p) };
}

/**
 * Builds a detector model from a data-only configuration.
 *
 * Conventions: the lab frame, θ from +z. Acceptance is tested on the generated direction; the
 * threshold on the measured quantity; efficiencies, identification and trigger probabilities
 * on the generated kinematics. Smearing keeps the particle's generated mass. The identification
 * outcome is drawn once per reconstructed particle: muon with probability P_μ, electron with
 * min(P_e, 1 − P_μ), otherwise none. A smeared momentum or energy that comes out unphysical
 * (factor ≤ 0, energy below the mass) leaves the particle unreconstructed.
 *
 * @param config - the detector configuration
 * @param parameters - detector-specific parameters for the description (beams, exposure)
 * @returns the {@link DetectorModel}
 * @throws {@link PhysError} for any invalid part of the configuration (the codes of
 *   {@link makeEfficiency}, {@link makeResolution}, {@link makeAcceptance}, {@link makeTrigger});
 *   `UNKNOWN_NAME` for an unknown species key; `INCOMPATIBLE_SHAPES` for planar acceptances
 *   with different numbers of stations
 * @example
 * ```ts
 * const det = createDetector({
 *   name: "toy",
 *   responses: { muon: { acceptance: { kind: "all" }, efficiency: 1, resolution: { kind: "relativeMomentum", sigma: 0.01 }, muonId: 0.9 } },
 *   trigger: { kind: "none" },
 * });
 * const reco = det.reconstruct(events, { mu: "muon" }, createRandom(1));
 * ```
 */
export function createDetector(
  config: DetectorConfig,
  parameters: DetectorDescription["parameters"] = {},
): DetectorModel {
  const det = compileConfig(config);
  const description: DetectorDescription = { config: det.config, parameters };
  return {
    name: config.name,
    description,
    trackResolution: (species, px, py, pz, mass) => trackResolutionOf(det, species, px, py, pz, mass),
    reconstruct: (events, species, rng) => reconstructWith(det, description, events, species, rng),
  };
}
