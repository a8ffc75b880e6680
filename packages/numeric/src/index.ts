/**
 * `@muonphilic/numeric`: the numerical foundation shared by every muonphilic package: quadrature
 * (adaptive Gauss-Kronrod, Gauss-Legendre, square-root endpoints), special functions (erf/erfc,
 * the normal distribution, ln Γ, incomplete gamma, χ² and Poisson probabilities, the
 * dilogarithm), one-dimensional root finding (bracketing, Brent), small dense Cholesky
 * algebra, and the radix-2 FFT with the linear convolution of real sequences. Numbers in, numbers
 * out; depends on `@muonphilic/units` for its error class only.
 *
 * @packageDocumentation
 */

export { dilog } from "./dilog.js";
export { erf, erfc } from "./erf.js";
export { convolveReal, fft } from "./fft.js";
export { chi2PValue, gammaP, gammaQ, logGamma, poissonCdf } from "./gamma.js";
export { cholesky, choleskySolve } from "./linalg.js";
export { normalCdf, normalIsf, normalProbability, normalQuantile, normalSf } from "./normal.js";
export type { QuadratureOptions, QuadratureRule } from "./quadrature.js";
export { gaussLegendre, integrate, integrateSqrtEndpoints, QUADRATURE_DEFAULTS } from "./quadrature.js";
export type { BracketOutcome, RootPoint } from "./roots.js";
export { bracketRoot, brent } from "./roots.js";
