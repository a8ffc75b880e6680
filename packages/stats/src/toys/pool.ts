/**
 * Runners of toy batches: serial (any {@link ToyLikelihood}, in this thread) or on a pool of
 * worker threads (HistFactory workspaces, which are plain JSON and can be sent to workers). Toy i
 * always uses the same random stream, so results do not depend on the number of threads.
 *
 * @packageDocumentation
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { PhysError } from "@muonphilic/units";
import type { ModelOptions } from "../histfactory/model.js";
import type { Workspace } from "../histfactory/types.js";
import { runToyBatch, type ToyBatch, type ToyLikelihood } from "./core.js";
import type { ToyWorkerRequest, ToyWorkerResponse } from "./worker.js";

/** A batch without its index range. */
export type ToyBatchSpec = Omit<ToyBatch, "first" | "last">;

/** Runs batches of toys. */
export interface ToyRunner {
  /** Test statistics of toys 0 … count − 1 of the batch, in toy order. */
  run(spec: ToyBatchSpec, count: number): Promise<Float64Array>;
  /** Releases the workers. */
  close(): Promise<void>;
}

/** A runner that runs every toy in this thread. */
export function serialRunner(problem: ToyLikelihood): ToyRunner {
  return {
    run: async (spec, count) => runToyBatch(problem, { ...spec, first: 0, last: count }),
    close: async () => {},
  };
}

/**
 * The worker entry: next to this module in `dist/`; from the TypeScript sources (tests), the built
 * copy in the package's `dist/` (worker threads need JavaScript).
 */
export function toyWorkerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith(".ts") ? new URL("../../dist/toys/worker.js", here) : new URL("./worker.js", here);
}

/** `execArgv` without `--conditions` / `-C` flags. */
function withoutConditions(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--conditions" || a === "-C") i++;
    else if (!a.startsWith("--conditions=") && !a.startsWith("-C=")) out.push(a);
  }
  return out;
}

/** Compiled models a worker keeps (oldest dropped first; the main thread mirrors the order). */
const MODELS_PER_WORKER = 8;

interface Slot {
  readonly worker: Worker;
  /** Model keys the worker holds, oldest first. */
  readonly models: number[];
  /** Requests in flight (the worker is ref'd while > 0). */
  busy: number;
}

/**
 * The shared pool: workers persist between calls (their JIT-compiled code and compiled models
 * stay warm), unref'd while idle so that they never keep the process alive.
 */
const slots: Slot[] = [];
const pending = new Map<number, { resolve: (v: Float64Array) => void; reject: (e: Error) => void; slot: Slot }>();
let nextId = 1;
let nextModelKey = 1;
const modelKeys = new WeakMap<Workspace, Map<string, number>>();

function spawn(url: URL): Slot {
  // the workers load JavaScript from dist/: drop a "@muonphilic/source" resolution condition
  // inherited from a parent that runs on the TypeScript sources (vitest)
  const worker = new Worker(url, { execArgv: withoutConditions(process.execArgv) });
  worker.unref();
  const slot: Slot = { worker, models: [], busy: 0 };
  const settle = (id: number): { resolve: (v: Float64Array) => void; reject: (e: Error) => void } | undefined => {
    const p = pending.get(id);
    if (!p) return undefined;
    pending.delete(id);
    if (--slot.busy === 0) worker.unref();
    return p;
  };
  worker.on("message", (res: ToyWorkerResponse) => {
    const p = settle(res.id);
    if (!p) return;
    if (res.ok) p.resolve(res.values);
    else p.reject(new PhysError("INVALID_ARGUMENT", `toy worker failed: ${res.error}`, { argument: "workspace" }));
  });
  const fail = (e: Error): void => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    for (const [id, p] of pending) if (p.slot === slot) settle(id)?.reject(e);
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`toy worker exited with code ${code}`)));
  return slot;
}

function send(slot: Slot, req: ToyWorkerRequest): Promise<Float64Array> {
  return new Promise((resolve, reject) => {
    pending.set(req.id, { resolve, reject, slot });
    if (slot.busy++ === 0) slot.worker.ref();
    slot.worker.postMessage(req);
  });
}

/**
 * Terminates the shared toy workers (they are otherwise kept, idle and unref'd, for later calls).
 * @returns when every worker has exited
 * @example
 * ```ts
 * await closeToyWorkers();
 * ```
 */
export async function closeToyWorkers(): Promise<void> {
  const all = slots.splice(0, slots.length);
  await Promise.all(all.map((s) => s.worker.terminate()));
}

/**
 * A runner on `threads` workers of the shared pool for a HistFactory workspace. Each worker
 * compiles the model once (and keeps it for later calls with the same workspace object and
 * options); toys are split into chunks handed to idle workers.
 * @throws {@link PhysError} `IO_ERROR` if the built worker entry is missing
 */
export function workerRunner(workspace: Workspace, modelOptions: ModelOptions, threads: number): ToyRunner {
  const url = toyWorkerUrl();
  if (!existsSync(fileURLToPath(url))) {
    throw new PhysError(
      "IO_ERROR",
      `toy worker threads need the built package (${fileURLToPath(url)} is missing): run "pnpm --filter @muonphilic/stats build", or use threads: 1`,
      { argument: "options.threads", value: threads, allowed: "1 without a build" },
    );
  }
  let byOptions = modelKeys.get(workspace);
  if (!byOptions) {
    byOptions = new Map();
    modelKeys.set(workspace, byOptions);
  }
  const optionsKey = JSON.stringify(modelOptions);
  let modelKey = byOptions.get(optionsKey);
  if (modelKey === undefined) {
    modelKey = nextModelKey++;
    byOptions.set(optionsKey, modelKey);
  }
  const key = modelKey;

  const request = (slot: Slot, batch: ToyBatch): Promise<Float64Array> => {
    const id = nextId++;
    if (slot.models.includes(key)) return send(slot, { id, modelKey: key, batch });
    slot.models.push(key);
    if (slot.models.length > MODELS_PER_WORKER) slot.models.shift();
    return send(slot, { id, modelKey: key, workspace, modelOptions, batch });
  };

  return {
    async run(spec, count) {
      while (slots.length < threads) slots.push(spawn(url));
      const workers = slots.slice(0, threads);
      const out = new Float64Array(count);
      const chunk = Math.max(1, Math.ceil(count / (threads * 4)));
      let next = 0;
      await Promise.all(
        workers.map(async (slot) => {
          while (next < count) {
            const first = next;
            const last = Math.min(count, first + chunk);
            next = last;
            out.set(await request(slot, { ...spec, first, last }), first);
          }
        }),
      );
      return out;
    },
    // the workers stay in the shared pool
    close: async () => {},
  };
}
