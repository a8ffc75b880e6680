/**
 * `muonphilic scan recoil` end to end (Belle2-inv): the simulated model (signal templates and
 * background templates, `model.ts`), the data (the embedded toy drawn from the background model at
 * 79.7 fb⁻¹, or a user's CSV/Parquet/ROOT file of muon momenta passed through the kinematic
 * selection), injected signal, the grid of hypotheses stepping by one resolution in M²_recoil,
 * the worker pool with its crash-safe checkpoint and sharding (those of the resonance scan), the
 * conversion of cross-section limits to g' limits (vanilla and fully-invisible models), and the
 * outputs: results.json (last, atomically), points.csv, HEPData YAML, figures, and on request one
 * pyhf JSON workspace per window.
 *
 * @packageDocumentation
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { couplingLimitFromSigma, gm2FavouredBand } from "@muonphilic/models";
import { createRandom } from "@muonphilic/random";
import { FB_PER_PB, PhysError } from "@muonphilic/units";
import { sha256 } from "../calibration.js";
import { bandCoverageOf, globalSignificanceOf } from "../global.js";
import { type InputFormat, readNumericColumns } from "../io/readers.js";
import { statusSummary } from "../output/results.js";
import { gm2ExcludedRanges } from "../physics.js";
import { CHECKPOINT_KINDS, toJson } from "../run/checkpoint.js";
import {
  mergedRunSummary,
  RESULTS_FILE,
  readShards,
  runScanPoints,
  type ScanIo,
  toolInfo,
  writeScanOutputs,
} from "../run/scan.js";
import {
  MUON_COLUMNS,
  RECOIL_DEFAULTS,
  type RecoilConfig,
  type RecoilDataSource,
  recoilConfigFromSettings,
  recoilSettingsWire,
} from "./config.js";
import { type RecoilModel, recoilDetector, SHAPE_GRID, signalAt, simulateRecoilModel, sortedByFirst } from "./model.js";
import { recoilFigures, recoilHepData, recoilPointsCsv } from "./outputs.js";
import { selectRecoilData } from "./selection.js";
import type { RecoilPointOutput, RecoilPointRecord, RecoilResultsDocument, RecoilSpectrum } from "./types.js";
import {
  type RecoilData,
  type RecoilGridPoint,
  type WindowSettings,
  windowTemplates,
  windowWorkspace,
} from "./window.js";

/** The recoil scan's results schema. */
export const RECOIL_RESULTS_SCHEMA = "muonphilic/recoil-scan-results" as const;

/**
 * The hypotheses: from minMass to maxMass, each M² one signal resolution σ(M²) above the last
 * (Belle2-inv: "a squared-mass scan in steps corresponding to one unit of signal resolution").
 */
export function recoilGrid(model: RecoilModel, minMass: number, maxMass: number): RecoilGridPoint[] {
  const out: RecoilGridPoint[] = [];
  let m2 = minMass * minMass;
  for (let k = 0; ; k++) {
    const mass = Math.sqrt(m2);
    if (mass > maxMass * (1 + 1e-12)) break;
    const sigmaM2 = signalAt(model, mass).sigmaM2;
    out.push({ index: k, mass, sigmaM2 });
    m2 += sigmaM2;
  }
  return out;
}

/** A loaded recoil dataset. */
export interface RecoilDataset {
  readonly data: RecoilData;
  readonly input: RecoilResultsDocument["input"];
}

/** Draws `sigmaFb` × ε L signal events (Poisson) at `mass` from the simulated shape, uniformly inside its fine cells. */
function injectEvents(
  model: RecoilModel,
  mass: number,
  sigmaFb: number,
  seed: number,
): { m2: number[]; cos: number[]; events: number } {
  const s = signalAt(model, mass);
  const rng = createRandom(seed);
  const mean = sigmaFb * model.luminosityInvFb * s.shape.reduce((a, b) => a + b, 0);
  const n = rng.poisson(mean);
  const cum = new Float64Array(s.shape.length);
  let acc = 0;
  for (let i = 0; i < cum.length; i++) cum[i] = acc += s.shape[i]!;
  const { uMin, uStep, cosBins } = SHAPE_GRID;
  const m2: number[] = [];
  const cos: number[] = [];
  for (let j = 0; j < n; j++) {
    const u = rng.uniform() * acc;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    const ub = Math.floor(lo / cosBins);
    const cb = lo % cosBins;
    m2.push(mass * mass + (uMin + (ub + rng.uniform()) * uStep) * s.sigmaM2);
    cos.push(-1 + ((cb + rng.uniform()) * 2) / cosBins);
  }
  return { m2, cos, events: n };
}

/**
 * Loads the data: the embedded toy, or a file of muon momenta through the kinematic selection;
 * then adds injected signal and sorts by M².
 */
export async function loadRecoilData(
  config: RecoilConfig,
  model: RecoilModel,
  toy: { m2: Float64Array; cosTheta: Float64Array },
): Promise<RecoilDataset> {
  let m2: Float64Array;
  let cos: Float64Array;
  let input: Omit<RecoilResultsDocument["input"], "selectedEvents" | "injected">;
  if (config.data.kind === "embedded") {
    m2 = toy.m2;
    cos = toy.cosTheta;
    const bytes = Buffer.from(new Uint8Array(m2.buffer, m2.byteOffset, m2.byteLength));
    input = {
      description: `Belle II μμ + missing-energy background-only toy, ${config.luminosityInvFb} fb⁻¹`,
      path: "embedded",
      format: "embedded",
      sha256: sha256(bytes),
      rows: m2.length,
      cutFlow: [{ name: "toy events (full selection in the simulation)", events: m2.length }],
      invalid: { count: 0, examples: [] },
    };
  } else {
    const r = await readNumericColumns(config.data.path, MUON_COLUMNS, {
      ...(config.data.format === undefined ? {} : { format: config.data.format }),
      ...(config.data.tree === undefined ? {} : { tree: config.data.tree }),
    });
    if (r.invalid.count > 0 && !config.skipInvalid) {
      const ex = r.invalid.examples
        .slice(0, 3)
        .map((e) => `row ${e.row}: ${e.value} (${e.reason})`)
        .join("; ");
      throw new PhysError(
        "INVALID_ARGUMENT",
        `${config.data.path}: ${r.invalid.count} of ${r.rows} rows are invalid (e.g. ${ex}). Fix the file, or pass --skip-invalid to scan the ${r.rows - r.invalid.count} valid rows`,
        { argument: "data", value: r.invalid.count },
      );
    }
    const c = r.columns as Float64Array[];
    const sel = selectRecoilData([c[0]!, c[1]!, c[2]!], [c[3]!, c[4]!, c[5]!], recoilDetector().beams, config.cuts);
    m2 = sel.m2;
    cos = sel.cosTheta;
    input = {
      description: `${config.data.path}`,
      path: config.data.path,
      format: r.source.format,
      ...(config.data.tree === undefined ? {} : { tree: config.data.tree }),
      sha256: r.source.sha256,
      rows: r.rows,
      cutFlow: sel.cutFlow,
      invalid: {
        count: r.invalid.count,
        examples: r.invalid.examples.map((e) => ({ row: e.row, reason: `${e.reason}: ${e.value}` })),
      },
    };
  }
  const injected = config.inject.map((inj, k) => {
    const e = injectEvents(model, inj.mass, inj.sigmaFb, config.injectSeed + k);
    return { ...e, massGeV: inj.mass, sigmaFb: inj.sigmaFb };
  });
  const withInjected = (base: Float64Array, extra: readonly (readonly number[])[]): Float64Array => {
    const out = new Float64Array(base.length + extra.reduce((n, e) => n + e.length, 0));
    out.set(base);
    let at = base.length;
    for (const e of extra) {
      out.set(e, at);
      at += e.length;
    }
    return out;
  };
  const [sortedM2, sortedCos] = sortedByFirst([
    withInjected(
      m2,
      injected.map((i) => i.m2),
    ),
    withInjected(
      cos,
      injected.map((i) => i.cos),
    ),
  ]);
  const data = { m2: sortedM2, cosTheta: sortedCos };
  const lo = config.minMass ** 2 - 50;
  const inRange = data.m2.filter((x) => x > lo).length;
  return {
    data,
    input: {
      ...input,
      selectedEvents: inRange,
      injected: injected.map((i) => ({ massGeV: i.massGeV, sigmaFb: i.sigmaFb, events: i.events })),
    },
  };
}

/** Adds the coupling limits of the vanilla and fully-invisible models and the (g−2) band to a record. */
export function recoilPointOutput(
  r: RecoilPointRecord,
  c: Pick<RecoilConfig, "sqrtS" | "darkCoupling" | "darkMass" | "gm2Input" | "gm2Sigmas">,
): RecoilPointOutput {
  const g = (variant: "vanilla" | "fully-invisible", sigmaFb: number): number => {
    if (!Number.isFinite(sigmaFb)) return Number.NaN;
    try {
      return couplingLimitFromSigma({
        mass: r.mass,
        spin: "vector",
        channel: "invisible",
        variant,
        sigmaLimit: Math.max(0, sigmaFb) / FB_PER_PB,
        sqrtS: c.sqrtS,
        ...(variant === "fully-invisible" ? { darkCoupling: c.darkCoupling, darkMass: c.darkMass } : {}),
      });
    } catch {
      return Number.NaN;
    }
  };
  let band = { low: Number.NaN, high: Number.NaN };
  try {
    band = gm2FavouredBand({ spin: "vector", mass: r.mass, input: c.gm2Input, nSigma: c.gm2Sigmas });
  } catch {
    // outside the band's domain: NaN
  }
  return {
    ...r,
    upperLimitGPrimeVanilla: g("vanilla", r.upperLimitSigmaFb),
    expectedUpperLimitGPrimeVanilla: r.expectedUpperLimitSigmaFb.map((x) => g("vanilla", x)),
    upperLimitGPrimeFullyInvisible: g("fully-invisible", r.upperLimitSigmaFb),
    expectedUpperLimitGPrimeFullyInvisible: r.expectedUpperLimitSigmaFb.map((x) => g("fully-invisible", x)),
    gm2BandGPrime: [band.low, band.high],
  };
}

/** The spectrum of the data and the stacked backgrounds over the scanned range, in bins of one resolution. */
export function recoilSpectrum(model: RecoilModel, data: RecoilData, grid: readonly RecoilGridPoint[]): RecoilSpectrum {
  const edges =
    grid.length > 0
      ? [grid[0]!.mass ** 2 - grid[0]!.sigmaM2 / 2, ...grid.map((p) => p.mass ** 2 + p.sigmaM2 / 2)]
      : [0, 1];
  const hist = (x: Float64Array, w: Float64Array | null): number[] => {
    const h = new Array<number>(edges.length - 1).fill(0);
    let b = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v < edges[0]! || v >= edges[edges.length - 1]!) continue;
      while (v >= edges[b + 1]!) b++;
      while (v < edges[b]!) b--;
      h[b]! += w === null ? 1 : w[i]!;
    }
    return h;
  };
  return {
    edges,
    data: hist(data.m2, null),
    backgrounds: model.backgrounds.map((s) => ({ name: s.name, label: s.label, counts: hist(s.m2, s.weight) })),
  };
}

/** What a recoil scan returns. */
export interface RecoilOutcome {
  readonly doc: RecoilResultsDocument;
  readonly files: readonly string[];
  readonly warnings: readonly string[];
}

/** Builds results.json from the records (any order). */
export function buildRecoilDocument(
  records: readonly RecoilPointRecord[],
  ctx: Omit<
    RecoilResultsDocument,
    "schema" | "schemaVersion" | "complete" | "createdAt" | "summary" | "largestExcess" | "gm2" | "points"
  > & {
    readonly gridPoints: number;
    readonly wallSeconds: number;
    readonly workers: number;
    readonly resumedPoints: number;
  },
  config: RecoilConfig,
): RecoilResultsDocument {
  const points = [...records].sort((a, b) => a.index - b.index).map((r) => recoilPointOutput(r, config));
  const { byStatus, problems } = statusSummary(points);
  const full = ctx.shard === null;
  const valid = (p: RecoilPointOutput) => p.status === "ok" && Number.isFinite(p.q0);
  const g = full
    ? globalSignificanceOf(
        points.map((p) => (valid(p) ? p.q0 : Number.NaN)),
        config.referenceLevel,
      )
    : null;
  const best = g === null ? null : points[g.at]!;
  const gains = points
    .map((p) => p.expectedUpperLimitSigmaFb1d / p.expectedUpperLimitSigmaFb[2]!)
    .filter((x) => Number.isFinite(x))
    .sort((a, b) => a - b);
  const cov = full
    ? bandCoverageOf(points.map((p) => ({ observed: p.upperLimitSigmaFb, expected: p.expectedUpperLimitSigmaFb })))
    : null;
  const masses = points.map((p) => p.mass);
  const excluded = (pick: (p: RecoilPointOutput) => number) =>
    gm2ExcludedRanges(
      masses,
      points.map((p) => ({ upperLimitCoupling: pick(p), gm2BandLow: p.gm2BandGPrime[0]! })),
    );
  return {
    schema: RECOIL_RESULTS_SCHEMA,
    schemaVersion: 1,
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
      bandCoverage:
        cov === null
          ? null
          : { points: cov.points, fraction1Sigma: cov.fraction1Sigma, fraction2Sigma: cov.fraction2Sigma },
      twoDimensionalGain:
        gains.length > 0
          ? { median: gains[gains.length >> 1]!, min: gains[0]!, max: gains[gains.length - 1]!, points: gains.length }
          : null,
      wallSeconds: ctx.wallSeconds,
      workers: ctx.workers,
      resumedPoints: ctx.resumedPoints,
    },
    largestExcess:
      g === null || best === null
        ? null
        : {
            index: best.index,
            mass: best.mass,
            localSignificance: best.localSignificance,
            localPValue: g.localPValue,
            globalPValue: g.globalPValue,
            globalSignificance: g.globalSignificance,
            upcrossings: g.upcrossings,
            referenceLevel: config.referenceLevel,
            sigmaHatFb: best.sigmaHatFb,
          },
    gm2: {
      input: config.gm2Input,
      nSigma: config.gm2Sigmas,
      excludedRanges: full
        ? {
            vanilla: excluded((p) => p.upperLimitGPrimeVanilla),
            fullyInvisible: excluded((p) => p.upperLimitGPrimeFullyInvisible),
          }
        : null,
    },
    points,
  };
}

/** The simulated model (templates and embedded toy) of a configuration: deterministic in its settings. */
function simulateModelOf(config: RecoilConfig): ReturnType<typeof simulateRecoilModel> {
  return simulateRecoilModel({
    luminosityInvFb: config.luminosityInvFb,
    cuts: config.cuts,
    signalMasses: RECOIL_DEFAULTS.signalMasses,
    signalEvents: config.signalEvents,
    backgroundEvents: config.backgroundEvents,
    backgroundProcesses: RECOIL_DEFAULTS.backgroundProcesses,
    seed: config.mcSeed,
  });
}

/**
 * Runs (or resumes) a recoil scan.
 * @throws {@link PhysError} for bad input (files, columns, invalid rows, another run's output directory)
 */
export async function runRecoilScan(config: RecoilConfig, io: ScanIo): Promise<RecoilOutcome> {
  const t0 = performance.now();
  io.log(
    `simulating the signal templates (${config.signalEvents} events at each of ${RECOIL_DEFAULTS.signalMasses.length} masses) and the backgrounds (${config.backgroundEvents} events per process)...`,
  );
  const { model, toy } = simulateModelOf(config);
  const loaded = await loadRecoilData(config, model, toy);
  const settings = recoilSettingsWire(config);
  const grid = recoilGrid(model, config.minMass, config.maxMass);
  const shard = config.shard;
  const tool = toolInfo();
  const scanId = sha256(toJson({ analysis: "recoil", settings, data: loaded.input.sha256, tool: tool.version }));
  const ws: WindowSettings = config; // a RecoilConfig is a WindowSettings (its other fields ride along to the workers)
  const {
    runId,
    points: mine,
    records,
    resumed,
  } = await runScanPoints<RecoilPointRecord, RecoilGridPoint>(
    {
      grid,
      scanId,
      shard,
      out: config.out,
      fresh: config.fresh,
      checkpointKind: CHECKPOINT_KINDS.recoil,
      analysis: { kind: "recoil", model, data: loaded.data, settings: ws },
      workers: config.workers,
      batch: config.cls === "toys" ? 1 : 4,
      progress: config.progress,
      label: "recoil scan",
      dataText: `${loaded.input.selectedEvents} events`,
      barLabel: "recoil",
    },
    io,
  );
  const doc = buildRecoilDocument(
    records,
    {
      tool,
      runId,
      scanId,
      shard,
      input: loaded.input,
      settings,
      calibration: {
        source: "simulated at run time (apps/scan/src/recoil/model.ts)",
        sha256: sha256(toJson(settings.simulation)),
        provenance: model.backgrounds.map((b) => ({
          process: b.name,
          provenance: b.provenance,
          expected: b.expected,
          poolEvents: b.poolEvents,
        })),
      },
      gridPoints: grid.length,
      wallSeconds: (performance.now() - t0) / 1000,
      workers: config.workers,
      resumedPoints: resumed,
    },
    config,
  );
  if (config.exportWorkspaces !== null) {
    mkdirSync(config.exportWorkspaces, { recursive: true });
    for (const p of mine) {
      const w = windowWorkspace(windowTemplates(model, loaded.data, p, ws), p.mass * p.mass, ws);
      writeFileSync(join(config.exportWorkspaces, workspaceFileName(p)), `${JSON.stringify(w)}\n`);
    }
    io.log(`wrote ${mine.length} pyhf workspaces to ${config.exportWorkspaces}`);
  }
  const full = shard === null;
  const { files, warnings } = writeScanOutputs(config.out, {
    csv: recoilPointsCsv(doc),
    hepData: full ? recoilHepData(doc) : null,
    figures: full && config.plots ? recoilFigures(doc, recoilSpectrum(model, loaded.data, grid)) : [],
    plots: config.plots,
    document: doc,
  });
  return { doc, files, warnings };
}

/**
 * Joins the outputs of `scan recoil --shard i/N` runs into one scan (the resonance scan's checks,
 * {@link readShards}): the scan-wide quantities (largest excess and its global significance, band
 * coverage, the 2D/1D gain, (g−2) exclusions) are computed over all points and every output is
 * written. The spectrum figure needs the model and the data: the model is simulated again from the
 * recorded settings (deterministic) and the data re-read and checked against their SHA-256; when
 * the file is gone or changed, that figure is skipped with a warning.
 * @param dirs - the shards' output directories
 * @param out - the merged output directory
 * @throws {@link PhysError} `IO_ERROR`, `SCHEMA_VIOLATION` for missing, foreign, duplicate or incomplete shards
 */
export async function mergeRecoilShards(
  dirs: readonly string[],
  out: string,
  io: ScanIo,
  plots = true,
): Promise<RecoilOutcome> {
  const t0 = performance.now();
  const { docs, records } = readShards<RecoilResultsDocument, RecoilPointRecord>(dirs, RECOIL_RESULTS_SCHEMA);
  const first = docs[0]!;
  const { input } = first;
  const data: RecoilDataSource =
    input.path === "embedded"
      ? { kind: "embedded" }
      : {
          kind: "file",
          path: input.path,
          format: input.format as InputFormat,
          ...(input.tree === undefined ? {} : { tree: input.tree }),
        };
  const config = recoilConfigFromSettings(first.settings, data, { out, plots, skipInvalid: true });
  mkdirSync(out, { recursive: true });
  rmSync(join(out, RESULTS_FILE), { force: true });
  const doc = buildRecoilDocument(
    records,
    {
      tool: toolInfo(),
      runId: first.scanId,
      scanId: first.scanId,
      shard: null,
      input,
      settings: first.settings,
      calibration: first.calibration,
      gridPoints: first.summary.gridPoints,
      ...mergedRunSummary(docs, t0),
    },
    config,
  );
  const warnings: string[] = [];
  let spectrum: RecoilSpectrum | null = null;
  if (plots) {
    try {
      const { model, toy } = simulateModelOf(config);
      const loaded = await loadRecoilData(config, model, toy);
      if (loaded.input.sha256 !== input.sha256) throw new Error("the data file changed");
      spectrum = recoilSpectrum(model, loaded.data, recoilGrid(model, config.minMass, config.maxMass));
    } catch (e) {
      warnings.push(`spectrum figure skipped: ${(e as Error).message}`);
    }
  }
  const w = writeScanOutputs(out, {
    csv: recoilPointsCsv(doc),
    hepData: recoilHepData(doc),
    figures: plots ? recoilFigures(doc, spectrum) : [],
    plots,
    document: doc,
  });
  io.log(`merged ${docs.length} shards: ${records.length} points`);
  return { doc, files: w.files, warnings: [...warnings, ...w.warnings] };
}

/** The file name of a window's exported workspace. */
export function workspaceFileName(p: RecoilGridPoint): string {
  return `window-${String(p.index).padStart(4, "0")}-m${p.mass.toFixed(4)}.json`;
}
