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
import { analysePoint, type PointRecord, type PointSettings } from "./point.js";

/** Messages between the pool and its workers. */
export type WorkerMessage =
  | {
      readonly type: "init";
      readonly sorted: SharedArrayBuffer;
      readonly length: number;
      readonly calibration: Calibration;
      readonly settings: PointSettings;
    }
  | { readonly type: "task"; readonly points: readonly GridPoint[] }
  | { readonly type: "result"; readonly records: readonly PointRecord[] };

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
export interface PoolOptions {
  /** Number of worker threads (1: run in the calling thread). */
  readonly workers: number;
  /** Points per task message. */
  readonly batch: number;
  /** Called with each finished batch, in completion order. */
  readonly onRecords: (records: readonly PointRecord[]) => void;
}

/**
 * Analyses `points` on a pool of workers; resolves when all are done.
 * @param sorted - the sorted reduced masses (copied once into shared memory)
 * @param calibration - the signal calibration
 * @param points - the hypotheses to run
 * @param settings - the statistical settings
 * @param options - workers, batch size, result callback
 */
export async function runPool(
  sorted: Float64Array,
  calibration: Calibration,
  points: readonly GridPoint[],
  settings: PointSettings,
  options: PoolOptions,
): Promise<void> {
  const script = workerScript();
  const nWorkers = Math.max(1, Math.min(options.workers, Math.ceil(points.length / options.batch)));
  const batches: GridPoint[][] = [];
  for (let i = 0; i < points.length; i += options.batch) batches.push(points.slice(i, i + options.batch));
  if (nWorkers === 1 || script === null) {
    for (const b of batches) {
      options.onRecords(analyseBatch(sorted, calibration, b, settings));
      // Let timers (progress bar, signals) run between batches.
      await new Promise((r) => setImmediate(r));
    }
    return;
  }
  const shared = new SharedArrayBuffer(sorted.byteLength);
  new Float64Array(shared).set(sorted);
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
          options.onRecords(msg.records);
        } catch (e) {
          fail(e);
          return;
        }
        feed();
      });
      worker.on("error", fail);
      worker.postMessage({ type: "init", sorted: shared, length: sorted.length, calibration, settings });
      feed();
    }
  });
}
