/**
 * The signal-shape calibration artefact: double-Crystal-Ball shape parameters, resolution and
 * selection efficiency of the simulated signal at a grid of masses, for the Z' and the scalar
 * (Belle2-4mu secs. IV E and V), stored as versioned JSON so that later runs reuse it, and
 * interpolated linearly in mass between the simulated points (Belle2-4mu sec. VI: "interpolation
 * of the signal efficiency between simulated points").
 *
 * @packageDocumentation
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { argumentError, M_MU, PhysError } from "@muonphilic/units";
import type { SignalShape } from "./fit/shape.js";
import { interpolateSorted } from "./interpolate.js";

/** The schema name and version of the calibration file. */
export const CALIBRATION_SCHEMA = "muonphilic/signal-calibration" as const;
export const CALIBRATION_SCHEMA_VERSION = 1 as const;

/** The models the scan converts limits for. */
export type ModelName = "zprime" | "scalar";
export const MODEL_NAMES: readonly ModelName[] = ["zprime", "scalar"];

/** Shape of one Crystal Ball in the file (wire format: units in the field names). */
export interface CrystalBallRecord {
  readonly sigmaGeV: number;
  readonly alpha: number;
  readonly n: number;
}

/** One simulated mass point of one model. */
export interface CalibrationPoint {
  /** The generated boson mass, GeV. */
  readonly massGeV: number;
  /** Fitted mean of the reduced mass minus the true reduced mass, GeV. */
  readonly meanOffsetGeV: number;
  readonly core: CrystalBallRecord;
  readonly tail: CrystalBallRecord;
  /** Weight of the core Crystal Ball. */
  readonly fraction: number;
  /** Effective resolution √(f σ₁² + (1 − f) σ₂²) of the reduced mass, GeV. */
  readonly resolutionGeV: number;
  /**
   * Selection efficiency: events selected with the true pair's M_R inside the default scan window
   * (±30 resolutions of the fitted mean), over events generated.
   */
  readonly efficiency: number;
  /** Its binomial standard error. */
  readonly efficiencyError: number;
  /** Events generated and events in the shape fit. */
  readonly nGenerated: number;
  readonly nSelected: number;
  /** Status of the shape fit ("ok" or a reason). */
  readonly fitStatus: string;
}

/** The calibration file. */
export interface Calibration {
  readonly schema: typeof CALIBRATION_SCHEMA;
  readonly schemaVersion: typeof CALIBRATION_SCHEMA_VERSION;
  readonly createdAt: string;
  /** How the points were produced (generator, detector, settings, seed). */
  readonly provenance: Readonly<Record<string, unknown>>;
  /** Per model, points sorted by increasing mass. */
  readonly models: Readonly<Record<ModelName, readonly CalibrationPoint[]>>;
}

function isNumber(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

/**
 * Validates a parsed calibration document.
 * @throws {@link PhysError} `SCHEMA_VIOLATION` naming the offending field
 */
export function validateCalibration(doc: unknown, where = "calibration"): Calibration {
  const fail = (path: string, value: unknown, allowed: string): never => {
    throw new PhysError("SCHEMA_VIOLATION", `${where}: ${path} must be ${allowed}, got ${JSON.stringify(value)}`, {
      argument: path,
      value,
      allowed,
    });
  };
  if (typeof doc !== "object" || doc === null) fail("$", doc, "an object");
  const d = doc as Record<string, unknown>;
  if (d.schema !== CALIBRATION_SCHEMA) fail("schema", d.schema, JSON.stringify(CALIBRATION_SCHEMA));
  if (d.schemaVersion !== CALIBRATION_SCHEMA_VERSION) fail("schemaVersion", d.schemaVersion, "1");
  const models = d.models as Record<string, unknown> | undefined;
  if (typeof models !== "object" || models === null) fail("models", models, "an object");
  for (const name of MODEL_NAMES) {
    const pts = models![name];
    if (!Array.isArray(pts) || pts.length < 2) fail(`models.${name}`, pts, "an array of at least 2 points");
    let last = -Infinity;
    (pts as unknown[]).forEach((pt, i) => {
      const p = pt as Record<string, unknown>;
      const path = `models.${name}[${i}]`;
      if (!isNumber(p.massGeV) || !(p.massGeV > last)) fail(`${path}.massGeV`, p.massGeV, "increasing finite masses");
      last = p.massGeV as number;
      for (const k of ["meanOffsetGeV", "fraction", "resolutionGeV", "efficiency", "efficiencyError"]) {
        if (!isNumber(p[k])) fail(`${path}.${k}`, p[k], "a finite number");
      }
      if (!((p.fraction as number) >= 0 && (p.fraction as number) <= 1))
        fail(`${path}.fraction`, p.fraction, "in [0, 1]");
      if (!((p.efficiency as number) >= 0 && (p.efficiency as number) <= 1))
        fail(`${path}.efficiency`, p.efficiency, "in [0, 1]");
      for (const cb of ["core", "tail"]) {
        const c = p[cb] as Record<string, unknown> | undefined;
        if (typeof c !== "object" || c === null) fail(`${path}.${cb}`, c, "an object");
        if (!isNumber(c!.sigmaGeV) || !(c!.sigmaGeV > 0)) fail(`${path}.${cb}.sigmaGeV`, c!.sigmaGeV, "> 0");
        if (!isNumber(c!.alpha) || c!.alpha === 0) fail(`${path}.${cb}.alpha`, c!.alpha, "a non-zero number");
        if (!isNumber(c!.n) || !(c!.n > 1)) fail(`${path}.${cb}.n`, c!.n, "> 1");
      }
    });
  }
  return doc as Calibration;
}

/** Reads and validates a calibration file; returns it with the SHA-256 of its bytes. */
export function readCalibration(path: string): { calibration: Calibration; sha256: string } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new PhysError("IO_ERROR", `cannot read calibration file ${path}: ${(e as Error).message}`, {
      argument: "calibration",
      value: path,
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new PhysError("SCHEMA_VIOLATION", `calibration file ${path} is not JSON: ${(e as Error).message}`, {
      argument: "calibration",
      value: path,
    });
  }
  return { calibration: validateCalibration(doc, path), sha256: sha256(text) };
}

/** SHA-256 of a string or bytes, hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Linear interpolation of a calibration quantity in mass, flat beyond the ends. */
function interpolate(points: readonly CalibrationPoint[], mass: number, get: (p: CalibrationPoint) => number): number {
  return interpolateSorted(
    points.length,
    (i) => points[i]!.massGeV,
    (i) => get(points[i]!),
    mass,
  );
}

/** The reduced mass √(M² − 4 m_μ²) of a dimuon mass M (GeV); NaN below threshold. */
export function toReducedMass(mass: number): number {
  const d = mass * mass - 4 * M_MU * M_MU;
  return d >= 0 ? Math.sqrt(d) : Number.NaN;
}

/** The dimuon mass √(M_R² + 4 m_μ²) of a reduced mass (GeV). */
export function fromReducedMass(reduced: number): number {
  return Math.sqrt(reduced * reduced + 4 * M_MU * M_MU);
}

/** What the scan needs of the calibration at one mass. */
export interface SignalModelAt {
  /** The signal shape in the reduced mass (mean = true reduced mass + fitted offset). */
  readonly shape: SignalShape;
  /** Effective reduced-mass resolution, GeV. */
  readonly resolution: number;
  /** Efficiencies of the two models. */
  readonly efficiency: Readonly<Record<ModelName, number>>;
}

/**
 * The calibrated signal model at a dimuon mass: the Z' shape (the benchmark the analysis was
 * developed on, Belle2-4mu sec. I) and the efficiencies of both models, interpolated linearly.
 * @param calibration - the calibration
 * @param mass - the dimuon mass hypothesis, GeV
 * @throws {@link PhysError} `OUT_OF_DOMAIN` below the dimuon threshold
 */
export function signalModelAt(calibration: Calibration, mass: number): SignalModelAt {
  const reduced = toReducedMass(mass);
  if (!Number.isFinite(reduced)) throw argumentError("OUT_OF_DOMAIN", "mass", mass, `>= 2 m_mu = ${2 * M_MU} GeV`);
  const pts = calibration.models.zprime;
  const at = (get: (p: CalibrationPoint) => number): number => interpolate(pts, mass, get);
  const shape: SignalShape = {
    mean: reduced + at((p) => p.meanOffsetGeV),
    core: { sigma: at((p) => p.core.sigmaGeV), alpha: at((p) => p.core.alpha), n: at((p) => p.core.n) },
    tail: { sigma: at((p) => p.tail.sigmaGeV), alpha: at((p) => p.tail.alpha), n: at((p) => p.tail.n) },
    fraction: at((p) => p.fraction),
  };
  return {
    shape,
    resolution: at((p) => p.resolutionGeV),
    efficiency: {
      zprime: interpolate(calibration.models.zprime, mass, (p) => p.efficiency),
      scalar: interpolate(calibration.models.scalar, mass, (p) => p.efficiency),
    },
  };
}
