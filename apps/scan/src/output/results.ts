/**
 * results.json: the versioned result document of a resonance scan (schema documented in the
 * README), built from the point records, the physics conversion and the scan-wide quantities.
 * Written atomically (temporary file, fsync, rename), so that a results.json that exists is
 * always complete.
 *
 * @packageDocumentation
 */
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Gm2InputName } from "@muonphilic/models";
import type { SettingsWire } from "../config.js";
import type { Dataset } from "../dataset.js";
import type { PointStatus } from "../fit/analyse.js";
import { type BandCoverage, bandCoverage, type LargestExcess, largestExcess } from "../global.js";
import { convertPoint, gm2ExcludedRanges, type PhysicsSettings } from "../physics.js";
import { toJson } from "../run/checkpoint.js";
import type { PointRecord } from "../run/point.js";

/** Schema name and version of results.json. */
export const RESULTS_SCHEMA = "muonphilic/resonance-scan-results" as const;
export const RESULTS_SCHEMA_VERSION = 1 as const;

/** One point of results.json: the record plus the physics conversion. */
export interface PointOutput extends PointRecord {
  /** Z': 90% CL limit on σ × B(Z' → μμ), fb, and its five expected band values. */
  readonly upperLimitSigmaBrFb: number;
  readonly expectedUpperLimitSigmaBrFb: readonly number[];
  /** Scalar: the same. */
  readonly upperLimitSigmaBrFbScalar: number;
  readonly expectedUpperLimitSigmaBrFbScalar: readonly number[];
  /** Coupling limits g' (Z') and g_S (scalar), observed and expected. */
  readonly upperLimitGPrime: number;
  readonly expectedUpperLimitGPrime: readonly number[];
  readonly upperLimitGS: number;
  readonly expectedUpperLimitGS: readonly number[];
  /** (g−2)-favoured coupling bands [low, high]. */
  readonly gm2BandGPrime: readonly number[];
  readonly gm2BandGS: readonly number[];
}

/** The input block of results.json. */
export interface InputSummary {
  readonly description: string;
  readonly path: string;
  readonly format: string;
  readonly column: string;
  readonly sha256: string;
  readonly rows: number;
  readonly validRows: number;
  readonly invalid: Dataset["invalid"];
  readonly injected: Dataset["injected"];
}

/** results.json. */
export interface ResultsDocument {
  readonly schema: typeof RESULTS_SCHEMA;
  readonly schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  /** Always true in a written file: an interrupted run never writes results.json. */
  readonly complete: true;
  readonly createdAt: string;
  readonly tool: { readonly name: string; readonly version: string; readonly node: string };
  /** Identity of the run (settings + data + calibration + shard) and of the unsharded scan. */
  readonly runId: string;
  readonly scanId: string;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly input: InputSummary;
  readonly settings: SettingsWire;
  readonly calibration: { readonly source: string; readonly sha256: string; readonly provenance: unknown };
  readonly summary: {
    readonly gridPoints: number;
    readonly points: number;
    readonly byStatus: Readonly<Record<string, number>>;
    readonly problems: readonly {
      readonly index: number;
      readonly mass: number;
      readonly status: PointStatus;
      readonly message: string;
    }[];
    readonly bandCoverage: BandCoverage | null;
    readonly systematicsEffect: { readonly meanRelativeChange: number } | null;
    readonly wallSeconds: number;
    readonly workers: number;
    readonly resumedPoints: number;
  };
  /** null for a shard (computed by `muonphilic merge`). */
  readonly largestExcess: LargestExcess | null;
  readonly gm2: {
    readonly input: Gm2InputName;
    readonly nSigma: number;
    /** Mass ranges (GeV) where each model is excluded as the explanation of (g−2)_μ; null for a shard. */
    readonly excludedRanges: {
      readonly zprime: readonly [number, number][];
      readonly scalar: readonly [number, number][];
    } | null;
  };
  readonly points: readonly PointOutput[];
}

/** Adds the physics conversion to point records. */
export function toOutputs(records: readonly PointRecord[], physics: PhysicsSettings): PointOutput[] {
  return records.map((r) => {
    const z = convertPoint(r, "zprime", physics);
    const s = convertPoint(r, "scalar", physics);
    return {
      ...r,
      upperLimitSigmaBrFb: z.upperLimitSigmaBrFb,
      expectedUpperLimitSigmaBrFb: z.expectedUpperLimitSigmaBrFb,
      upperLimitSigmaBrFbScalar: s.upperLimitSigmaBrFb,
      expectedUpperLimitSigmaBrFbScalar: s.expectedUpperLimitSigmaBrFb,
      upperLimitGPrime: z.upperLimitCoupling,
      expectedUpperLimitGPrime: z.expectedUpperLimitCoupling,
      upperLimitGS: s.upperLimitCoupling,
      expectedUpperLimitGS: s.expectedUpperLimitCoupling,
      gm2BandGPrime: [z.gm2BandLow, z.gm2BandHigh],
      gm2BandGS: [s.gm2BandLow, s.gm2BandHigh],
    };
  });
}

/** Everything besides the points that the document needs. */
export interface DocumentContext {
  readonly tool: ResultsDocument["tool"];
  readonly runId: string;
  readonly scanId: string;
  readonly shard: ResultsDocument["shard"];
  readonly input: InputSummary;
  readonly settings: SettingsWire;
  readonly calibration: ResultsDocument["calibration"];
  readonly gridPoints: number;
  readonly wallSeconds: number;
  readonly workers: number;
  readonly resumedPoints: number;
}

/** The points counted by status, and every point not "ok" with its message (any scan's summary). */
export function statusSummary<S extends string>(
  points: readonly { readonly index: number; readonly mass: number; readonly status: S; readonly message?: string }[],
): {
  byStatus: Record<string, number>;
  problems: { index: number; mass: number; status: S; message: string }[];
} {
  const byStatus: Record<string, number> = {};
  for (const p of points) byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
  const problems = points
    .filter((p) => p.status !== "ok")
    .map((p) => ({ index: p.index, mass: p.mass, status: p.status, message: p.message ?? "" }));
  return { byStatus, problems };
}

/**
 * Builds results.json from records (any order): sorts by index, converts, and for a full scan
 * (not a shard) computes the largest excess, its global significance, band coverage and the
 * (g−2) exclusion ranges.
 */
export function buildDocument(
  records: readonly PointRecord[],
  ctx: DocumentContext,
  physics: PhysicsSettings,
): ResultsDocument {
  const sorted = [...records].sort((a, b) => a.index - b.index);
  const points = toOutputs(sorted, physics);
  const { byStatus, problems } = statusSummary(points);
  const full = ctx.shard === null;
  let change = 0;
  let nChange = 0;
  for (const p of points) {
    const r = p.upperLimitYieldSyst / p.upperLimitYield - 1;
    if (Number.isFinite(r)) {
      change += r;
      nChange++;
    }
  }
  const masses = points.map((p) => p.mass);
  const lim = (model: "zprime" | "scalar") =>
    points.map((p) => ({
      upperLimitCoupling: model === "zprime" ? p.upperLimitGPrime : p.upperLimitGS,
      gm2BandLow: model === "zprime" ? p.gm2BandGPrime[0]! : p.gm2BandGS[0]!,
    }));
  return {
    schema: RESULTS_SCHEMA,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    complete: true,
    createdAt: new Date().toISOString(),
    tool: ctx.tool,
    runId: ctx.runId,
    scanId: ctx.scanId,
    shard: ctx.shard,
    input: ctx.input,
    settings: ctx.settings,
    calibration: ctx.calibration,
    summary: {
      gridPoints: ctx.gridPoints,
      points: points.length,
      byStatus,
      problems,
      bandCoverage: full ? bandCoverage(sorted) : null,
      systematicsEffect: nChange > 0 ? { meanRelativeChange: change / nChange } : null,
      wallSeconds: ctx.wallSeconds,
      workers: ctx.workers,
      resumedPoints: ctx.resumedPoints,
    },
    largestExcess: full ? largestExcess(sorted, ctx.settings.referenceLevel) : null,
    gm2: {
      input: physics.gm2Input,
      nSigma: physics.gm2Sigmas,
      excludedRanges: full
        ? {
            zprime: gm2ExcludedRanges(masses, lim("zprime")),
            scalar: gm2ExcludedRanges(masses, lim("scalar")),
          }
        : null,
    },
    points,
  };
}

/** Writes a file atomically: temporary file in the same directory, fsync, rename, fsync of the directory. */
export function writeAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${Date.now()}-${process.pid}.tmp`);
  const fd = openSync(tmp, "w");
  writeSync(fd, text);
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, path);
  const dir = openSync(dirname(path), "r");
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** Serialises a results.json document of any analysis (NaN as null). */
export function serialiseDocument(doc: object): string {
  return `${toJson(doc, 1)}\n`;
}
