export type { FitOptions, FitResult, FittedParameter, NamedObjective, ParameterInit, ProfileResult } from "./fit.js";
export { correlationMatrix, FIT_DEFAULTS, fit, profile, refit } from "./fit.js";
