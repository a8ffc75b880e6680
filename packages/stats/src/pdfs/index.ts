export type { BreitWignerParams } from "./breitWigner.js";
export { breitWigner, relativisticBreitWigner } from "./breitWigner.js";
export type { Pdf2D } from "./combine.js";
export { productPdf, sumPdf } from "./combine.js";
export type { ConvolutionOptions } from "./convolution.js";
export { CONVOLUTION_DEFAULTS, fftConvolution } from "./convolution.js";
export type { CrystalBallParams, DoubleCrystalBallParams, DoubleSidedCrystalBallParams } from "./crystalBall.js";
export { crystalBall, doubleCrystalBall, doubleSidedCrystalBall } from "./crystalBall.js";
export type { ExponentialParams } from "./exponential.js";
export { exponential } from "./exponential.js";
export type { GaussianParams } from "./gaussian.js";
export { gaussian } from "./gaussian.js";
export type { HistogramPdfOptions } from "./histogram.js";
export { histogramPdf } from "./histogram.js";
export type { Pdf, ShapeDefinition } from "./pdf.js";
export { buildPdf } from "./pdf.js";
export type { BernsteinParams, ChebyshevParams } from "./polynomial.js";
export { bernstein, chebyshev } from "./polynomial.js";
export type { QuadratureZone, Region, RegionNodes, RegionQuadratureOptions } from "./region.js";
export {
  fitRegion,
  inRegion,
  REGION_QUADRATURE_DEFAULTS,
  regionQuadrature,
  requireRegion,
  restrictPdf,
} from "./region.js";
export { faddeeva } from "./special.js";
export type { VoigtianParams } from "./voigtian.js";
export { voigtian } from "./voigtian.js";
