/**
 * `@muonphilic/stats`: pdfs, likelihoods, a MINUIT-grade minimiser, fits, toys and pull
 * studies (part 1); test statistics, CLs limits, HistFactory workspaces, counting experiments
 * and look-elsewhere corrections (part 2). Takes numbers and arrays, never physics objects.
 *
 * Sections below are edited independently: add exports inside your own section only.
 *
 * @packageDocumentation
 */

// ── minimizer (MIGRAD, HESSE, MINOS) ──────────────────────────────────────────────
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
} from "./minimizer/index.js";
export { defaultMaxfcn, hesse, MINIMIZER_DEFAULTS, migrad, minos } from "./minimizer/index.js";

// ── pdfs ─────────────────────────────────────────────────────────────────────────
export type {
  BernsteinParams,
  BreitWignerParams,
  ChebyshevParams,
  ConvolutionOptions,
  CrystalBallParams,
  DoubleCrystalBallParams,
  DoubleSidedCrystalBallParams,
  ExponentialParams,
  GaussianParams,
  HistogramPdfOptions,
  Pdf,
  Pdf2D,
  ShapeDefinition,
  VoigtianParams,
} from "./pdfs/index.js";
export {
  bernstein,
  breitWigner,
  buildPdf,
  CONVOLUTION_DEFAULTS,
  chebyshev,
  crystalBall,
  doubleCrystalBall,
  doubleSidedCrystalBall,
  erf,
  erfc,
  exponential,
  faddeeva,
  fftConvolution,
  gaussian,
  histogramPdf,
  integrate,
  productPdf,
  relativisticBreitWigner,
  sumPdf,
  voigtian,
} from "./pdfs/index.js";

// ── likelihoods ──────────────────────────────────────────────────────────────────

// ── fit API ──────────────────────────────────────────────────────────────────────

// ── least squares (ml-levenberg-marquardt) ───────────────────────────────────────

// ── toys and pull studies (part 1) ───────────────────────────────────────────────

// ── inference: test statistics, asymptotic CLs (part 2) ──────────────────────────

// ── histfactory / pyhf workspaces (part 2) ───────────────────────────────────────

// ── counting experiments (part 2) ────────────────────────────────────────────────

// ── look-elsewhere (part 2) ──────────────────────────────────────────────────────

// ── toys for inference (part 2) ──────────────────────────────────────────────────
