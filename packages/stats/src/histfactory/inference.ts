/**
 * pyhf-compatible inference on JSON workspaces: {@link hypotest} and {@link upperLimit} with the
 * conventions of `pyhf.infer.hypotest` and `pyhf.infer.intervals.upper_limits.upper_limit`
 * (asymptotic calculator, q̃_μ by default, the POI bounds of the measurement, Asimov data from the
 * conditional fit at μ = 0 including its auxiliary data), and a maximum-likelihood fit.
 *
 * @packageDocumentation
 */

import { requireFinite } from "@muonphilic/units";
import {
  type AsymptoticOptions,
  fitProfile,
  type HypotestResult,
  makeAsymptoticCalculator,
  type ProfileFit,
  type ProfileLikelihood,
  type UpperLimitOptions,
  type UpperLimitResult,
} from "../inference/calculator.js";
import { compileModel, type HistFactoryModel, type ModelOptions } from "./model.js";
import type { Workspace } from "./types.js";

/** Options of {@link hypotest}: model options (measurement, POI, interpolation) and calculator options. */
export interface HypotestOptions extends ModelOptions, AsymptoticOptions {}

/** Options of {@link upperLimit}: as {@link HypotestOptions}, plus CL, search range and tolerance. */
export interface WorkspaceUpperLimitOptions extends HypotestOptions, UpperLimitOptions {}

/**
 * The profile likelihood of a HistFactory model for a dataset (main counts followed by auxiliary
 * data, as {@link HistFactoryModel.observedData}); the Asimov generator is the model's expected data.
 * @param model - a compiled model
 * @param data - the dataset; default the workspace's observations and nominal auxdata
 * @returns the problem for {@link makeAsymptoticCalculator} or the toy calculators
 * @example
 * ```ts
 * const calc = makeAsymptoticCalculator(histFactoryLikelihood(compileModel(ws)));
 * ```
 */
export function histFactoryLikelihood(
  model: HistFactoryModel,
  data: Float64Array = model.observedData,
): ProfileLikelihood {
  return {
    params: model.parameters,
    poiIndex: model.poiIndex,
    nll: model.objective(data),
    asimov: (pars) => model.objective(model.expectedData(pars)),
  };
}

/**
 * Asymptotic CLs hypothesis test of μ on a pyhf workspace, like `pyhf.infer.hypotest(mu, data,
 * model, test_stat="qtilde", return_expected_set=True)`.
 * @param workspace - a pyhf JSON workspace (parsed JSON; validated)
 * @param mu - tested POI value (dimensionless signal strength)
 * @param options - measurement, POI, interpolation codes, test statistic ("qtilde" | "q"), fit tolerance
 * @returns `{ clsObs, clsExp }` (five expected values, −2σ…+2σ) and the test statistics and fit status
 * @throws {@link PhysError} `SCHEMA_VIOLATION`, `NO_POI`, `UNKNOWN_NAME` (see {@link compileModel});
 *   `INVALID_ARGUMENT` for a non-finite `mu`
 * @example
 * ```ts
 * const { clsObs, clsExp } = hypotest(ws, 1.0); // clsExp[2] is the median expected CLs
 * ```
 */
export function hypotest(workspace: Workspace, mu: number, options: HypotestOptions = {}): HypotestResult {
  requireFinite("mu", mu);
  const model = compileModel(workspace, options);
  return makeAsymptoticCalculator(histFactoryLikelihood(model), options).hypotest(mu);
}

/**
 * Asymptotic CLs upper limit on the POI of a pyhf workspace with its expected band, like
 * `pyhf.infer.intervals.upper_limits.upper_limit(data, model, level=1 - cl)` (pyhf finds the roots
 * with TOMS 748; here bracketing from a Wald estimate, then Brent's method to `rtol`).
 * @param workspace - a pyhf JSON workspace
 * @param options - `cl` (default 0.95), `range` (default the POI bounds), `rtol`, and the
 *   {@link HypotestOptions}
 * @returns `{ observed, expected }` with `expected` the limits at −2σ, −1σ, median, +1σ, +2σ
 * @throws {@link PhysError} as {@link hypotest}; `NO_BRACKET` when a limit lies outside the range;
 *   `OUT_OF_DOMAIN` for `cl` outside (0, 1)
 * @example
 * ```ts
 * const { observed, expected } = upperLimit(ws, { cl: 0.9 });
 * ```
 */
export function upperLimit(workspace: Workspace, options: WorkspaceUpperLimitOptions = {}): UpperLimitResult {
  const model = compileModel(workspace, options);
  return makeAsymptoticCalculator(histFactoryLikelihood(model), options).upperLimit(options);
}

/**
 * Maximum-likelihood fit of a workspace (pyhf `infer.mle.fit`, or `fixed_poi_fit` with `fixPoi`).
 * @param workspace - a pyhf JSON workspace
 * @param options - model options, fit tolerance, and `fixPoi` to fix the POI
 * @returns the fit: parameter values (in {@link HistFactoryModel.parameters} order), −ln L, status
 * @throws {@link PhysError} as {@link compileModel}
 * @example
 * ```ts
 * const fit = fitWorkspace(ws);
 * const twiceNll = 2 * fit.nll; // pyhf's twice_nll
 * ```
 */
export function fitWorkspace(
  workspace: Workspace,
  options: ModelOptions & AsymptoticOptions & { readonly fixPoi?: number } = {},
): ProfileFit & { readonly names: readonly string[] } {
  const model = compileModel(workspace, options);
  if (options.fixPoi !== undefined) requireFinite("options.fixPoi", options.fixPoi);
  const fit = fitProfile(
    model.objective(model.observedData),
    model.parameters,
    model.poiIndex,
    options.fixPoi,
    undefined,
    options,
  );
  return { ...fit, names: model.parameters.map((p) => p.name) };
}
