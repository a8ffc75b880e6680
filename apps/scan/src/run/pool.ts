/**
 * Runs grid points on all cores: a pool of worker threads sharing the sorted data through a
 * `SharedArrayBuffer`, fed with small batches (dynamic load balancing: windows at high mass hold
 * more events than at low mass). With one worker, or when the compiled worker script is not
 * available (tests running on the TypeScript sources), the points run in the calling thread with
 * the same code.
 *
 * @packageDocumentation
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Calibration } from "../calibration.js";
import type { GridPoint } from "../grid.js";
import type { RecoilModel } from "../recoil/model.js";
import type { RecoilPointRecord } from "../recoil/types.js";
import { analyseRecoilPoint, type RecoilData, type RecoilGridPoint, type WindowSettings } from "../recoil/window.js";
import { analysePoint, type PointRecord, type PointSettings } from "./point.js";

/** What the workers of a pool analyse: the resonance scan or the recoil scan, with their shared inputs. */
export type PoolAnalysis =
  | {
      readonly kind: "resonance";
      readonly sorted: Float64Array;
      readonly calibration: Calibration;
      readonly settings: PointSettings;
    }
  | {
      readonly kind: "recoil";
      readonly model: RecoilModel;
      readonly data: RecoilData;
      readonly settings: WindowSettings;
    };

/** A grid point of either analysis. */
export type PoolPoint = GridPoint | RecoilGridPoint;
/** A finished point of either analysis. */
export type PoolRecord = PointRecord | RecoilPointRecord;

/** The init message's payload: the resonance data travel as shared memory, the recoil inputs by structured clone. */
type WireAnalysis =
  | (Omit<Extract<PoolAnalysis, { kind: "resonance" }>, "sorted"> & {
      readonly sorted: SharedArrayBuffer;
      readonly length: number;
    })
  | Extract<PoolAnalysis, { kind: "recoil" }>;

/** Messages between the pool and its workers. */
export type WorkerMessage =
  | { readonly type: "init"; readonly analysis: WireAnalysis }
  | { readonly type: "task"; readonly points: readonly PoolPoint[] }
  | { readonly type: "result"; readonly records: readonly PoolRecord[] };

/** The analysis of a worker from its init message. */
export function fromWire(w: WireAnalysis): PoolAnalysis {
  return w.kind === "resonance" ? { ...w, sorted: new Float64Array(w.sorted, 0, w.length) } : w;
}

/** Analyses a batch of points of either analysis; a point that throws becomes a record with status "error". */
export function analysePoolBatch(analysis: PoolAnalysis, points: readonly PoolPoint[]): PoolRecord[] {
  if (analysis.kind === "resonance") {
    return analyseBatch(analysis.sorted, analysis.calibration, points as readonly GridPoint[], analysis.settings);
  }
  return (points as readonly RecoilGridPoint[]).map((point) => {
    try {
      return analyseRecoilPoint(analysis.model, analysis.data, point, analysis.settings);
    } catch (e) {
      return recoilErrorRecord(point, e);
    }
  });
}

function recoilErrorRecord(point: RecoilGridPoint, e: unknown): RecoilPointRecord {
  const nan = Number.NaN;
  return {
    index: point.index,
    mass: point.mass,
    massSquared: point.mass * point.mass,
    resolutionM2: point.sigmaM2,
    windowLow: nan,
    windowHigh: nan,
    massBins: 0,
    cosBins: 0,
    signalModel: "narrow",
    widthGeV: nan,
    status: "error",
    message: e instanceof Error ? e.message : String(e),
    nEvents: 0,
    expectedBackground: nan,
    efficiency: nan,
    signalPerFb: nan,
    sigmaHatFb: nan,
    backgroundNorm: nan,
    q0: nan,
    localSignificance: nan,
    signedSignificance: nan,
    upperLimitSigmaFb: nan,
    expectedUpperLimitSigmaFb: [nan, nan, nan, nan, nan],
    limitMethod: "asymptotic",
    expectedUpperLimitSigmaFb1d: nan,
    fit: { valid: false, nll: nan, parameters: 0 },
  };
}

/** Analyses a batch of points; a point that throws becomes a record with status "error". */
export function analyseBatch(
  sorted: Float64Array,
  calibration: Calibration,
  points: readonly GridPoint[],
  settings: PointSettings,
): PointRecord[] {
  return points.map((point) => {
    try {
      return analysePoint(sorted, calibration, point, settings);
    } catch (e) {
      return errorRecord(point, e);
    }
  });
}

function errorRecord(point: GridPoint, e: unknown): PointRecord {
  const nan = Number.NaN;
  const nan5 = [nan, nan, nan, nan, nan];
  return {
    index: point.index,
    mass: point.mass,
    reducedMass: point.reducedMass,
    resolution: nan,
    windowLow: nan,
    windowHigh: nan,
    backgroundOrder: 0,
    status: "error",
    message: e instanceof Error ? e.message : String(e),
    nEvents: 0,
    signalYield: nan,
    signalYieldError: nan,
    backgroundYield: nan,
    backgroundYieldError: nan,
    backgroundCoefficients: [],
    q0: nan,
    localSignificance: nan,
    signedSignificance: nan,
    upperLimitYield: nan,
    expectedUpperLimitYield: nan5,
    upperLimitYieldSyst: nan,
    expectedUpperLimitYieldSyst: nan5,
    relativeSystematic: nan,
    efficiencyZprime: nan,
    efficiencyScalar: nan,
    limitMethod: "asymptotic",
    fit: { iterations: 0, edm: nan, attempts: 0 },
  };
}

/** The compiled worker script next to this module, or null when running from sources. */
export function workerScript(): URL | null {
  const here = new URL("./worker.js", import.meta.url);
  return existsSync(fileURLToPath(here)) ? here : null;
}

/** Options of {@link runPool}. */
export interface PoolOptions<R extends PoolRecord = PoolRecord> {
  /** Number of worker threads (1: run in the calling thread). */
  readonly workers: number;
  /** Points per task message. */
  readonly batch: number;
  /** Called with each finished batch, in completion order. */
  readonly onRecords: (records: readonly R[]) => void;
}

/**
 * Analyses `points` on a pool of workers; resolves when all are done.
 * @param analysis - which analysis, with its shared inputs (the resonance scan's sorted reduced
 *   masses are copied once into shared memory)
 * @param points - the hypotheses to run
 * @param options - workers, batch size, result callback
 */
export async function runPool<R extends PoolRecord>(
  analysis: PoolAnalysis,
  points: readonly PoolPoint[],
  options: PoolOptions<R>,
): Promise<void> {
  const script = workerScript();
  const nWorkers = Math.max(1, Math.min(options.workers, Math.ceil(points.length / options.batch)));
  const batches: PoolPoint[][] = [];
  for (let i = 0; i < points.length; i += options.batch) batches.push(points.slice(i, i + options.batch));
  if (nWorkers === 1 || script === null) {
    for (const b of batches) {
      options.onRecords(analysePoolBatch(analysis, b) as R[]);
      // Let timers (progress bar, signals) run between batches.
      await new Promise((r) => setImmediate(r));
    }
    return;
  }
  let wire: WireAnalysis;
  if (analysis.kind === "resonance") {
    const shared = new SharedArrayBuffer(analysis.sorted.byteLength);
    new Float64Array(shared).set(analysis.sorted);
    wire = { ...analysis, sorted: shared, length: analysis.sorted.length };
  } else wire = analysis;
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    let running = nWorkers;
    const workers: Worker[] = [];
    const fail = (e: unknown): void => {
      for (const w of workers) void w.terminate();
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    for (let w = 0; w < nWorkers; w++) {
      const worker = new Worker(script);
      workers.push(worker);
      const feed = (): void => {
        if (next < batches.length) worker.postMessage({ type: "task", points: batches[next++]! });
        else {
          void worker.terminate();
          if (--running === 0) resolve();
        }
      };
      worker.on("message", (msg: WorkerMessage) => {
        if (msg.type !== "result") return;
        try {
          options.onRecords(msg.records as R[]);
        } catch (e) {
          fail(e);
          return;
        }
        feed();
      });
      worker.on("error", fail);
      worker.postMessage({ type: "init", analysis: wire });
      feed();
    }
  });
}
