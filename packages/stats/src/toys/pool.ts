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

let nextModelKey = 1;

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

/**
 * A runner on `threads` worker threads for a HistFactory workspace. Each worker compiles the model
 * once; toys are split into chunks handed to idle workers.
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
  const modelKey = nextModelKey++;
  const workers: { worker: Worker; hasModel: boolean }[] = [];
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: Float64Array) => void; reject: (e: Error) => void }>();
  const spawn = (): { worker: Worker; hasModel: boolean } => {
    // the workers load JavaScript from dist/: drop a "@muonphilic/source" resolution condition
    // inherited from a parent that runs on the TypeScript sources (vitest)
    const worker = new Worker(url, { execArgv: withoutConditions(process.execArgv) });
    worker.on("message", (res: ToyWorkerResponse) => {
      const p = pending.get(res.id);
      if (!p) return;
      pending.delete(res.id);
      if (res.ok) p.resolve(res.values);
      else p.reject(new PhysError("INVALID_ARGUMENT", `toy worker failed: ${res.error}`, { argument: "workspace" }));
    });
    worker.on("error", (e) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
    return { worker, hasModel: false };
  };
  const send = (slot: { worker: Worker; hasModel: boolean }, batch: ToyBatch): Promise<Float64Array> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const req: ToyWorkerRequest = slot.hasModel
        ? { id, modelKey, batch }
        : { id, modelKey, workspace, modelOptions, batch };
      slot.hasModel = true;
      slot.worker.postMessage(req);
    });

  return {
    async run(spec, count) {
      while (workers.length < threads) workers.push(spawn());
      const out = new Float64Array(count);
      const chunk = Math.max(1, Math.ceil(count / (threads * 4)));
      let next = 0;
      await Promise.all(
        workers.map(async (slot) => {
          while (next < count) {
            const first = next;
            const last = Math.min(count, first + chunk);
            next = last;
            out.set(await send(slot, { ...spec, first, last }), first);
          }
        }),
      );
      return out;
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
      workers.length = 0;
    },
  };
}
