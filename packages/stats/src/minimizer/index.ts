export { defaultMaxfcn, hesse, MINIMIZER_DEFAULTS, migrad, minos } from "./migrad.js";
export type {
  CovarianceStatus,
  HesseOptions,
  MigradOptions,
  MinimizerResult,
  MinimizerStatus,
  MinosError,
  MinosOptions,
  MinosSide,
  Objective,
  ParameterSpec,
} from "./types.js";
