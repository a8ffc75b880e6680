/**
 * The resonance scan end to end: data and calibration in, the grid of hypotheses, the worker
 * pool with its crash-safe checkpoint, and the outputs (results.json last and atomically, tables,
 * HEPData YAML, figures as SVG and PNG). Also the `merge` of shard outputs.
 *
 * @packageDocumentation
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PhysError } from "@muonphilic/units";
import { type Calibration, readCalibration, sha256, signalModelAt, toReducedMass } from "../calibration.js";
import { DEFAULTS, type ScanConfig, type SettingsWire, settingsWire } from "../config.js";
import { type Dataset, loadDataset } from "../dataset.js";
import { freeFit } from "../fit/analyse.js";
import { type GridPoint, massGrid, reducedVetoes } from "../grid.js";
import { excessFitFigure, type Figure, limitFigure, significanceFigure, spectrumFigure } from "../output/figures.js";
import { renderPng } from "../output/png.js";
import {
  buildDocument,
  type DocumentContext,
  type InputSummary,
  type ResultsDocument,
  serialiseDocument,
  writeAtomic,
} from "../output/results.js";
import { hepDataTables, pointsCsv } from "../output/tables.js";
import type { PhysicsSettings } from "../physics.js";
import { CHECKPOINT_FILE, CHECKPOINT_KINDS, Checkpoint, reviveRecord, toJson } from "./checkpoint.js";
import { type PointRecord, type PointSettings, windowAt } from "./point.js";
import { type PoolAnalysis, type PoolPoint, type PoolRecord, runPool } from "./pool.js";
import { ProgressBar, type ProgressSink } from "./progress.js";

/** The results file name. */
export const RESULTS_FILE = "results.json";

/** The packaged default calibration (produced by `muonphilic calibrate`). */
export function defaultCalibrationPath(): string {
  return fileURLToPath(new URL("../../calibration/belle2-4mu-default.json", import.meta.url));
}

/** The tool's name and version. */
export function toolInfo(): ResultsDocument["tool"] {
  const pkg = createRequire(import.meta.url)("../../package.json") as { name: string; version: string };
  return { name: pkg.name, version: pkg.version, node: process.version };
}

/** Where the scan reports what it does (the CLI passes stderr). */
export interface ScanIo {
  readonly log: (line: string) => void;
  readonly progress: ProgressSink | null;
}

function physicsOf(s: SettingsWire): PhysicsSettings {
  return {
    luminosityInvFb: s.luminosityInvFb,
    yieldCorrection: s.yieldCorrection,
    efficiencyCorrection: s.efficiencyCorrection,
    sqrtS: s.sqrtSGeV,
    gm2Input: s.gm2Input,
    gm2Sigmas: s.gm2Sigmas,
  };
}

function pointSettingsOf(s: SettingsWire): PointSettings {
  return {
    cl: s.cl,
    windowInResolutions: s.windowInResolutions,
    orderLow: s.backgroundOrderBelowSwitch,
    orderHigh: s.backgroundOrderAboveSwitch,
    orderSwitchMass: s.orderSwitchMassGeV,
    reducedVetoes: reducedVetoes(s.vetoesGeV),
    minEvents: s.minEvents,
    systematics: s.systematics,
    efficiency: s.efficiency ?? null,
    cls: s.cls,
    toys: s.toys,
    seed: s.seed,
  };
}

function describeInvalid(d: Dataset): string {
  const reasons = Object.entries(d.invalid.byReason)
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${n} ${r}`)
    .join(", ");
  const ex = d.invalid.examples
    .slice(0, 3)
    .map((e) => `row ${e.row}: ${JSON.stringify(e.value)} (${e.reason})`)
    .join("; ");
  return `${d.invalid.count} of ${d.rows} rows are invalid (${reasons}); e.g. ${ex}`;
}

/** Sorted reduced masses of a dataset. */
export function sortedReducedMasses(masses: Float64Array): Float64Array {
  const r = new Float64Array(masses.length);
  for (let i = 0; i < masses.length; i++) r[i] = toReducedMass(masses[i]!);
  return r.sort();
}

/** The figures of a full scan (the spectrum and the excess fit need the data). */
export function makeFigures(
  doc: ResultsDocument,
  data: { masses: Float64Array; sorted: Float64Array; calibration: Calibration } | null,
): Figure[] {
  const figs: Figure[] = [];
  if (data !== null) {
    figs.push(spectrumFigure(data.masses, doc));
    const ex = doc.largestExcess;
    if (ex !== null) {
      const p = doc.points.find((q) => q.index === ex.index)!;
      const { signal, model } = windowAt(data.sorted, data.calibration, p, pointSettingsOf(doc.settings));
      const fit = freeFit(model.data).result;
      figs.push(excessFitFigure(model, fit.theta, data.sorted, doc, signal.resolution));
    }
  }
  figs.push(significanceFigure(doc));
  for (const model of ["zprime", "scalar"] as const) {
    figs.push(limitFigure(doc, model, "sigma"));
    figs.push(limitFigure(doc, model, "coupling"));
  }
  return figs;
}

/** The tables and figures of a finished scan (or shard) of any analysis. */
export interface ScanOutputs {
  /** points.csv. */
  readonly csv: string;
  /** HEPData tables and submission; null for a shard (written by the merge). */
  readonly hepData: {
    readonly tables: readonly { readonly file: string; readonly yaml: string }[];
    readonly submission: string;
  } | null;
  /** Figures (rendered only with `plots` and for a full scan). */
  readonly figures: readonly Figure[];
  readonly plots: boolean;
  /** results.json, written last and atomically. */
  readonly document: object;
}

/**
 * Writes the outputs of a finished scan of any analysis: points.csv, hepdata/, plots/ (SVG and
 * PNG), and results.json last and atomically.
 * @returns the files written (relative to `out`) and warnings
 */
export function writeScanOutputs(out: string, outputs: ScanOutputs): { files: string[]; warnings: string[] } {
  const files: string[] = [];
  const warnings: string[] = [];
  const put = (rel: string, content: string | Buffer): void => {
    writeFileSync(join(out, rel), content);
    files.push(rel);
  };
  put("points.csv", outputs.csv);
  if (outputs.hepData !== null) {
    mkdirSync(join(out, "hepdata"), { recursive: true });
    for (const t of outputs.hepData.tables) put(join("hepdata", t.file), t.yaml);
    put(join("hepdata", "submission.yaml"), outputs.hepData.submission);
    if (outputs.plots) {
      mkdirSync(join(out, "plots"), { recursive: true });
      let font = "bundled";
      for (const f of outputs.figures) {
        put(join("plots", `${f.name}.svg`), f.svg);
        const png = renderPng(f.svg);
        font = png.font;
        put(join("plots", `${f.name}.png`), png.png);
      }
      if (font !== "bundled")
        warnings.push("the DejaVu font of dejavu-fonts-ttf was not found: PNG text uses system fonts");
    }
  }
  writeAtomic(join(out, RESULTS_FILE), serialiseDocument(outputs.document));
  files.push(RESULTS_FILE);
  return { files, warnings };
}

/**
 * Writes every output of a finished resonance scan (or shard); results.json last and atomically.
 * @returns the files written (relative to `out`) and warnings
 */
export function writeOutputs(
  out: string,
  doc: ResultsDocument,
  figures: readonly Figure[],
  plots: boolean,
): { files: string[]; warnings: string[] } {
  return writeScanOutputs(out, {
    csv: pointsCsv(doc),
    hepData: doc.shard === null ? hepDataTables(doc) : null,
    figures,
    plots,
    document: doc,
  });
}

/**
 * Prepares the output directory of run `runId` of any analysis: creates it, discards a previous
 * checkpoint and results with `fresh`, refuses the directory of another run, opens (or resumes)
 * the checkpoint of `kind`, and removes a stale results.json of this run, so that the directory
 * never looks finished before the run is.
 * @returns the open checkpoint and the points finished before
 * @throws {@link PhysError} `SCHEMA_VIOLATION` for another run's directory or checkpoint
 */
export function openRun<R extends { readonly index: number }>(
  out: string,
  runId: string,
  fresh: boolean,
  kind: string,
): { checkpoint: Checkpoint<R>; done: Map<number, R> } {
  mkdirSync(out, { recursive: true });
  if (fresh) {
    rmSync(join(out, CHECKPOINT_FILE), { force: true });
    rmSync(join(out, RESULTS_FILE), { force: true });
  }
  const previous = existingRunId(out);
  if (previous !== null && previous !== runId) {
    throw new PhysError(
      "SCHEMA_VIOLATION",
      `${out} holds the results of another run (run id ${previous}): use another --out directory, or --fresh to replace them`,
      { argument: "out", value: out },
    );
  }
  const opened = Checkpoint.open<R>(out, runId, kind);
  rmSync(join(out, RESULTS_FILE), { force: true });
  return opened;
}

/** What {@link runScanPoints} needs of either analysis. */
export interface ScanPointsRun<P extends PoolPoint> {
  /** The scan's grid (all shards). */
  readonly grid: readonly P[];
  /** The unsharded scan's identity; the run's is derived from it and the shard. */
  readonly scanId: string;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly out: string;
  readonly fresh: boolean;
  /** Checkpoint kind of the analysis ({@link CHECKPOINT_KINDS}). */
  readonly checkpointKind: string;
  /** What the workers analyse. */
  readonly analysis: PoolAnalysis;
  readonly workers: number;
  /** Points per task. */
  readonly batch: number;
  readonly progress: boolean;
  /** The log line's name of the scan ("scan", "recoil scan") and its data ("20000 candidates"); the progress bar's label. */
  readonly label: string;
  readonly dataText: string;
  readonly barLabel: string;
}

/**
 * The part every scan shares: this shard's points of the grid, the run's identity, the output
 * directory opened ({@link openRun}) with the points finished before, the remaining points on the
 * worker pool with each batch checkpointed as it arrives, and a progress bar.
 * @returns the run id, this shard's points, their records (resumed ones included) and how many were resumed
 */
export async function runScanPoints<R extends PoolRecord, P extends PoolPoint>(
  run: ScanPointsRun<P>,
  io: ScanIo,
): Promise<{ runId: string; points: P[]; records: R[]; resumed: number }> {
  const { grid, shard } = run;
  const mine = shard === null ? [...grid] : grid.filter((p) => p.index % shard.count === shard.index - 1);
  const runId = shard === null ? run.scanId : sha256(`${run.scanId}/${shard.index}/${shard.count}`);
  const { checkpoint, done } = openRun<R>(run.out, runId, run.fresh, run.checkpointKind);
  const todo = mine.filter((p) => !done.has(p.index));
  const resumed = mine.length - todo.length;
  io.log(
    `${run.label} ${runId.slice(0, 12)}: ${mine.length} mass hypotheses${shard ? ` (shard ${shard.index}/${shard.count} of ${grid.length})` : ""}, ` +
      `${run.dataText}, ${resumed > 0 ? `${resumed} done before (resumed), ` : ""}${run.workers} worker(s)`,
  );
  const bar = new ProgressBar(mine.length, resumed, run.progress ? io.progress : null, run.barLabel);
  const records = new Map<number, R>(done);
  try {
    await runPool<R>(run.analysis, todo, {
      workers: run.workers,
      batch: run.batch,
      onRecords: (recs) => {
        checkpoint.append(recs);
        for (const r of recs) records.set(r.index, r);
        bar.tick(recs.length);
      },
    });
  } finally {
    checkpoint.close();
  }
  bar.finish();
  return { runId, points: mine, records: [...records.values()], resumed };
}

/** What a scan returns. */
export interface ScanOutcome {
  readonly doc: ResultsDocument;
  readonly files: readonly string[];
  readonly warnings: readonly string[];
}

/** Reads an existing results.json's run id, or null. */
function existingRunId(out: string): string | null {
  const path = join(out, RESULTS_FILE);
  if (!existsSync(path)) return null;
  try {
    return (JSON.parse(readFileSync(path, "utf8")) as { runId?: string }).runId ?? null;
  } catch {
    return "unreadable";
  }
}

/**
 * Runs (or resumes) a resonance scan.
 * @param config - the configuration
 * @param io - logging and progress sinks
 * @throws {@link PhysError} for bad input (files, columns, invalid rows, another run's output directory)
 */
export async function runResonanceScan(config: ScanConfig, io: ScanIo): Promise<ScanOutcome> {
  const t0 = performance.now();
  const calPath = config.calibration ?? defaultCalibrationPath();
  const { calibration, sha256: calSha } = readCalibration(calPath);
  const dataset = await loadDataset(
    config.data,
    DEFAULTS.maxInputMass,
    calibration,
    config.inject,
    config.injectSeed,
    config.window,
  );
  if (dataset.invalid.count > 0) {
    const msg = describeInvalid(dataset);
    if (!config.skipInvalid) {
      throw new PhysError(
        "INVALID_ARGUMENT",
        `${dataset.description}: ${msg}. Fix the file, or pass --skip-invalid to scan the ${dataset.masses.length} valid rows`,
        {
          argument: "data",
          value: dataset.invalid,
        },
      );
    }
    io.log(`warning: ${msg}; skipped (--skip-invalid)`);
  }
  const settings = settingsWire(config);
  const sorted = sortedReducedMasses(dataset.masses);
  const grid = massGrid(
    { minMass: config.minMass, maxMass: config.maxMass, stepInResolutions: config.step, vetoes: config.vetoes },
    (m) => signalModelAt(calibration, m).resolution,
  );
  const shard = config.shard;
  const tool = toolInfo();
  const scanId = sha256(toJson({ settings, data: dataset.source.sha256, calibration: calSha, tool: tool.version }));
  const { runId, records, resumed } = await runScanPoints<PointRecord, GridPoint>(
    {
      grid,
      scanId,
      shard,
      out: config.out,
      fresh: config.fresh,
      checkpointKind: CHECKPOINT_KINDS.resonance,
      analysis: { kind: "resonance", sorted, calibration, settings: pointSettingsOf(settings) },
      workers: config.workers,
      batch: config.cls === "toys" ? 1 : 8,
      progress: config.progress,
      label: "scan",
      dataText: `${sorted.length} candidates`,
      barLabel: "scan",
    },
    io,
  );
  const input: InputSummary = {
    description: dataset.description,
    path: dataset.source.path,
    format: dataset.source.format,
    column: dataset.source.column,
    sha256: dataset.source.sha256,
    rows: dataset.rows,
    validRows: dataset.masses.length - dataset.injected.reduce((s, i) => s + i.events, 0),
    invalid: dataset.invalid,
    injected: dataset.injected,
  };
  const ctx: DocumentContext = {
    tool,
    runId,
    scanId,
    shard,
    input,
    settings,
    calibration: { source: calPath, sha256: calSha, provenance: calibration.provenance },
    gridPoints: grid.length,
    wallSeconds: (performance.now() - t0) / 1000,
    workers: config.workers,
    resumedPoints: resumed,
  };
  const doc = buildDocument(records, ctx, physicsOf(settings));
  const figures =
    shard === null && config.plots ? makeFigures(doc, { masses: dataset.masses, sorted, calibration }) : [];
  const { files, warnings } = writeOutputs(config.out, doc, figures, config.plots);
  return { doc, files, warnings };
}

/** The part of any analysis's results.json that `merge` reads. */
export interface ShardDocument {
  readonly schema: string;
  readonly complete: boolean;
  readonly scanId: string;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly summary: {
    readonly gridPoints: number;
    readonly wallSeconds: number;
    readonly workers: number;
    readonly resumedPoints: number;
  };
  readonly points: readonly object[];
}

/** The analyses whose shards `merge` joins, by results schema. */
export const MERGEABLE_SCHEMAS = {
  "muonphilic/resonance-scan-results": "resonance",
  "muonphilic/recoil-scan-results": "recoil",
} as const;

function readResults(dir: string): ShardDocument {
  const path = join(dir, RESULTS_FILE);
  if (!existsSync(path)) {
    throw new PhysError(
      "IO_ERROR",
      `${dir} has no ${RESULTS_FILE}: the shard is not finished (or not a shard output)`,
      {
        argument: "shards",
        value: dir,
      },
    );
  }
  try {
    return JSON.parse(readFileSync(path, "utf8")) as ShardDocument;
  } catch (e) {
    throw new PhysError("SCHEMA_VIOLATION", `${path} is not valid JSON: ${(e as Error).message}`, {
      argument: "shards",
      value: dir,
    });
  }
}

/**
 * Which analysis a shard output directory holds (from its results.json's schema).
 * @throws {@link PhysError} `IO_ERROR` without results.json, `SCHEMA_VIOLATION` for another schema
 */
export function shardAnalysis(dir: string): (typeof MERGEABLE_SCHEMAS)[keyof typeof MERGEABLE_SCHEMAS] {
  const schema = readResults(dir).schema;
  const analysis = MERGEABLE_SCHEMAS[schema as keyof typeof MERGEABLE_SCHEMAS];
  if (analysis === undefined) {
    throw new PhysError(
      "SCHEMA_VIOLATION",
      `${join(dir, RESULTS_FILE)} has schema ${JSON.stringify(schema)}, not that of a scan (${Object.keys(MERGEABLE_SCHEMAS).join(" | ")})`,
      { argument: "shards", value: dir },
    );
  }
  return analysis;
}

/**
 * Reads the shards of one scan of any analysis for `merge`: checks that every directory holds a
 * finished shard of `schema`, that they are shards of the same scan, given once each and all
 * there, and that together they hold every point of the grid.
 * @param dirs - the shards' output directories
 * @param schema - the analysis's results schema
 * @returns the shards' documents (in the order given) and their point records (nulls revived as NaN)
 * @throws {@link PhysError} `IO_ERROR`, `SCHEMA_VIOLATION` for missing, foreign, duplicate or incomplete shards
 */
export function readShards<D extends ShardDocument, R extends { readonly index: number }>(
  dirs: readonly string[],
  schema: keyof typeof MERGEABLE_SCHEMAS,
): { docs: D[]; records: R[] } {
  const analysis = MERGEABLE_SCHEMAS[schema];
  const docs = dirs.map((d) => {
    const doc = readResults(d) as D;
    if (doc.schema !== schema || doc.complete !== true || doc.shard === null) {
      throw new PhysError(
        "SCHEMA_VIOLATION",
        `${join(d, RESULTS_FILE)} is not a finished shard of a ${analysis} scan`,
        {
          argument: "shards",
          value: d,
        },
      );
    }
    return doc;
  });
  const first = docs[0]!;
  const count = first.shard!.count;
  const seen = new Set<number>();
  for (const [i, d] of docs.entries()) {
    if (d.scanId !== first.scanId || d.shard!.count !== count) {
      throw new PhysError(
        "SCHEMA_VIOLATION",
        `${dirs[i]} is a shard of another scan (scan id ${d.scanId}, expected ${first.scanId})`,
        {
          argument: "shards",
          value: dirs[i],
        },
      );
    }
    if (seen.has(d.shard!.index)) {
      throw new PhysError("SCHEMA_VIOLATION", `shard ${d.shard!.index}/${count} is given twice`, {
        argument: "shards",
        value: dirs[i],
      });
    }
    seen.add(d.shard!.index);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) {
    throw new PhysError("SCHEMA_VIOLATION", `missing shard(s) ${missing.map((k) => `${k}/${count}`).join(", ")}`, {
      argument: "shards",
      value: missing,
    });
  }
  const records = docs.flatMap((d) => d.points.map((p) => reviveRecord<R>(p as Record<string, unknown>)));
  const gridPoints = first.summary.gridPoints;
  if (records.length !== gridPoints) {
    throw new PhysError("SCHEMA_VIOLATION", `the shards hold ${records.length} points, the scan has ${gridPoints}`, {
      argument: "shards",
      value: records.length,
    });
  }
  return { docs, records };
}

/** The merged run's bookkeeping: wall time and workers summed over the shards, plus the merge's own time. */
export function mergedRunSummary(
  docs: readonly ShardDocument[],
  t0: number,
): { wallSeconds: number; workers: number; resumedPoints: number } {
  return {
    wallSeconds: docs.reduce((s, d) => s + d.summary.wallSeconds, 0) + (performance.now() - t0) / 1000,
    workers: docs.reduce((s, d) => s + d.summary.workers, 0),
    resumedPoints: docs.reduce((s, d) => s + d.summary.resumedPoints, 0),
  };
}

/**
 * Joins the outputs of `scan resonance --shard i/N` runs into one scan: checks that they are shards
 * of the same scan and cover every point once ({@link readShards}), then computes the scan-wide
 * quantities and writes all outputs.
 * The spectrum and excess-fit figures need the data: the file recorded in the shards is re-read
 * (and checked against its SHA-256) when it is still there, else those two figures are skipped.
 * @param dirs - the shards' output directories
 * @param out - the merged output directory
 * @throws {@link PhysError} `IO_ERROR`, `SCHEMA_VIOLATION` for missing, foreign, duplicate or incomplete shards
 */
export async function mergeShards(
  dirs: readonly string[],
  out: string,
  io: ScanIo,
  plots = true,
): Promise<ScanOutcome> {
  const t0 = performance.now();
  const { docs, records } = readShards<ResultsDocument, PointRecord>(dirs, "muonphilic/resonance-scan-results");
  const first = docs[0]!;
  const gridPoints = first.summary.gridPoints;
  mkdirSync(out, { recursive: true });
  rmSync(join(out, RESULTS_FILE), { force: true });
  const ctx: DocumentContext = {
    tool: toolInfo(),
    runId: first.scanId,
    scanId: first.scanId,
    shard: null,
    input: first.input,
    settings: first.settings,
    calibration: first.calibration,
    gridPoints,
    ...mergedRunSummary(docs, t0),
  };
  const doc = buildDocument(records, ctx, physicsOf(first.settings));
  let data: Parameters<typeof makeFigures>[1] = null;
  const warnings: string[] = [];
  try {
    const { calibration, sha256: calSha } = readCalibration(first.calibration.source);
    if (calSha !== first.calibration.sha256) throw new Error("the calibration file changed");
    const inj = first.settings.inject.map((i) => ({ mass: i.massGeV, yield: i.yield }));
    const source =
      first.input.path === "embedded"
        ? ({ kind: "embedded" } as const)
        : ({ kind: "file", path: first.input.path, column: first.input.column } as const);
    const ds = await loadDataset(
      source,
      DEFAULTS.maxInputMass,
      calibration,
      inj,
      first.settings.injectSeed,
      first.settings.windowInResolutions,
    );
    if (ds.source.sha256 !== first.input.sha256) throw new Error("the data file changed");
    data = { masses: ds.masses, sorted: sortedReducedMasses(ds.masses), calibration };
  } catch (e) {
    warnings.push(`spectrum and excess-fit figures skipped: ${(e as Error).message}`);
  }
  const figures = plots ? makeFigures(doc, data) : [];
  const w = writeOutputs(out, doc, figures, plots);
  io.log(`merged ${docs.length} shards: ${records.length} points`);
  return { doc, files: w.files, warnings: [...warnings, ...w.warnings] };
}
