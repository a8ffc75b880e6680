/**
 * Worker-thread entry for toys of HistFactory workspaces: receives a workspace (JSON), model
 * options and a {@link ToyBatch}, compiles the model once per workspace, and returns the test
 * statistics. Loaded from `dist/` (JavaScript) by the pool.
 *
 * @packageDocumentation
 */
import { parentPort } from "node:worker_threads";
import type { ModelOptions } from "../histfactory/model.js";
import type { Workspace } from "../histfactory/types.js";
import { runToyBatch, type ToyBatch, type ToyLikelihood } from "./core.js";
import { histFactoryToyLikelihood } from "./histfactory.js";

/** A request to a toy worker. */
export interface ToyWorkerRequest {
  readonly id: number;
  /** Key of the model: requests with the same key reuse the compiled model. */
  readonly modelKey: number;
  readonly workspace?: Workspace;
  readonly modelOptions?: ModelOptions;
  readonly batch: ToyBatch;
}

/** A worker's answer. */
export type ToyWorkerResponse =
  | { readonly id: number; readonly ok: true; readonly values: Float64Array }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** Compiled models by key, oldest first (the pool mirrors this order: at most 8). */
const models = new Map<number, ToyLikelihood>();

parentPort?.on("message", (req: ToyWorkerRequest) => {
  try {
    let problem = models.get(req.modelKey);
    if (!problem || req.workspace) {
      if (!req.workspace) throw new Error(`no workspace for model ${req.modelKey}`);
      problem = histFactoryToyLikelihood(req.workspace, req.modelOptions ?? {});
      models.delete(req.modelKey);
      models.set(req.modelKey, problem);
      if (models.size > 8) models.delete(models.keys().next().value!);
    }
    const values = runToyBatch(problem, req.batch);
    parentPort!.postMessage({ id: req.id, ok: true, values } satisfies ToyWorkerResponse, [
      values.buffer as ArrayBuffer,
    ]);
  } catch (e) {
    parentPort!.postMessage({ id: req.id, ok: false, error: (e as Error).message } satisfies ToyWorkerResponse);
  }
});
