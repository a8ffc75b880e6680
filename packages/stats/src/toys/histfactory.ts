/**
 * HistFactory models as {@link ToyLikelihood}s: toy datasets sample the main counts (Poisson) and
 * the auxiliary data (global observables) from their constraint terms.
 *
 * @packageDocumentation
 */
import { histFactoryLikelihood } from "../histfactory/inference.js";
import { compileModel, type HistFactoryModel, type ModelOptions } from "../histfactory/model.js";
import type { Workspace } from "../histfactory/types.js";
import type { ToyLikelihood } from "./core.js";

/**
 * The toy-capable profile likelihood of a HistFactory model and dataset.
 * @param model - a compiled model
 * @param data - the observed dataset (main and auxiliary); default the workspace's
 * @returns a {@link ToyLikelihood}
 * @example
 * ```ts
 * const problem = histFactoryModelToyLikelihood(compileModel(ws));
 * ```
 */
export function histFactoryModelToyLikelihood(
  model: HistFactoryModel,
  data: Float64Array = model.observedData,
): ToyLikelihood {
  return { ...histFactoryLikelihood(model, data), toy: (pars, rng) => model.objective(model.sample(pars, rng)) };
}

/**
 * Compiles a workspace and returns its {@link ToyLikelihood} (observed data of the workspace).
 * @param workspace - a pyhf JSON workspace
 * @param options - model options
 * @returns a {@link ToyLikelihood}
 * @throws {@link PhysError} as {@link compileModel}
 * @example
 * ```ts
 * const r = await toyHypotest(histFactoryToyLikelihood(ws), 1, { toys: 500 }); // serial toys
 * ```
 */
export function histFactoryToyLikelihood(workspace: Workspace, options: ModelOptions = {}): ToyLikelihood {
  return histFactoryModelToyLikelihood(compileModel(workspace, options));
}
