export type {
  BinnedOptions,
  Chi2Options,
  ExtendedComponent,
  ExtendedUnbinnedOptions,
  GaussianConstraint,
  Likelihood,
  UnbinnedOptions,
} from "./nll.js";
export { binnedNLL, chi2, extendedUnbinnedNLL, unbinnedNLL } from "./nll.js";
export type { BoundShape, LinearForm, PolynomialShapeOptions, ShapeFamily } from "./shapes.js";
export { bernsteinShape, chebyshevShape, fixedShape, mixtureShape, pdfShape } from "./shapes.js";
