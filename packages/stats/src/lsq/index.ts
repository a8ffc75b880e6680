export type { LeastSquaresOptions, LeastSquaresResult } from "./lsq.js";
export { fitLeastSquares, LSQ_DEFAULTS } from "./lsq.js";
