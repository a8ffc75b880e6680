export type {
  LinearMixtureConstraint,
  LinearMixtureFitOptions,
  LinearMixtureFitReason,
  LinearMixtureFitResult,
} from "./fit.js";
export { fitLinearMixture, LINEAR_MIXTURE_DEFAULTS, linearMixtureNll } from "./fit.js";
export type { LinearMixture, LinearMixtureOptions } from "./mixture.js";
export { asimovMixture, linearMixture, mixtureDensity } from "./mixture.js";
export type {
  LinearMixtureObjective,
  LinearMixtureProfileOptions,
  LinearMixtureStructure,
} from "./profile.js";
export { isLinearMixtureObjective, linearMixtureMinimizer, linearMixtureProfile } from "./profile.js";
