/**
 * `@muonphilic/stats`: pdfs, likelihoods, a MINUIT-grade minimiser, fits, toys and pull
 * studies (part 1); test statistics, CLs limits, HistFactory workspaces, counting experiments
 * and look-elsewhere corrections (part 2). Takes numbers and arrays, never physics objects.
 *
 * Sections below are edited independently: add exports inside your own section only.
 *
 * @packageDocumentation
 */

// ── special functions and quadrature, re-exported from @muonphilic/numeric ─────────
export {
  erf,
  erfc,
  integrate,
  logGamma,
  normalCdf,
  normalIsf,
  normalQuantile,
  normalSf,
  poissonCdf,
} from "@muonphilic/numeric";
// ── counting experiments (part 2) ────────────────────────────────────────────────
export type { CountingAsymptoticOptions, CountingLimitOptions } from "./counting/counting.js";
export {
  asimovSignificance,
  COUNTING_DEFAULTS,
  countingHypotest,
  countingUpperLimit,
  devianceUpperLimit,
  poissonDeviance,
  poissonUpperLimit,
  signalForSOverSqrtSB,
  significanceSOverSqrtB,
  significanceSOverSqrtSB,
} from "./counting/counting.js";
// ── fit API ──────────────────────────────────────────────────────────────────────
export type {
  FitOptions,
  FitResult,
  FittedParameter,
  NamedObjective,
  ParameterInit,
  ProfileResult,
} from "./fit/index.js";
export { correlationMatrix, FIT_DEFAULTS, fit, profile, refit } from "./fit/index.js";
// ── histfactory / pyhf workspaces (part 2) ───────────────────────────────────────
export type { HypotestOptions, WorkspaceUpperLimitOptions } from "./histfactory/inference.js";
export { fitWorkspace, histFactoryLikelihood, hypotest, upperLimit } from "./histfactory/inference.js";
export type { InterpolationCode } from "./histfactory/interpolation.js";
export type {
  ChannelLayout,
  HistFactoryModel,
  InterpolationOptions,
  ModelOptions,
  ModelParameter,
  ParameterKind,
} from "./histfactory/model.js";
export { compileModel, HISTFACTORY_DEFAULTS } from "./histfactory/model.js";
export type {
  Channel,
  HistoSysModifier,
  LumiModifier,
  Measurement,
  Modifier,
  ModifierType,
  NormFactorModifier,
  NormSysModifier,
  Observation,
  ParameterConfig,
  Sample,
  ShapeFactorModifier,
  ShapeSysModifier,
  StatErrorModifier,
  Workspace,
  WorkspaceIssue,
  WorkspaceValidation,
} from "./histfactory/types.js";
export { parseWorkspace, validateWorkspace, writeWorkspace } from "./histfactory/workspace.js";
// ── inference: test statistics, asymptotic CLs (part 2) ──────────────────────────
export type { ClsValues, LimitTestStatistic } from "./inference/asymptotic.js";
export {
  asymptoticCls,
  asymptoticExpectedCls,
  asymptoticTeststat,
  expectedLimitSqrtQA,
} from "./inference/asymptotic.js";
export type {
  AsymptoticCalculator,
  AsymptoticOptions,
  DiscoveryResult,
  FitSettings,
  HypotestResult,
  ProfileFit,
  ProfileLikelihood,
  ProfileMinimizer,
  UpperLimitOptions,
  UpperLimitResult,
} from "./inference/calculator.js";
export { fitProfile, INFERENCE_DEFAULTS, makeAsymptoticCalculator } from "./inference/calculator.js";
export type { TestStatisticName } from "./inference/testStatistics.js";
export { asymptoticPValue, BAND_SIGMAS, q0, qMu, qMuTilde, tMu, tMuTilde } from "./inference/testStatistics.js";
// ── likelihoods ──────────────────────────────────────────────────────────────────
export type {
  BinnedOptions,
  BoundShape,
  Chi2Options,
  ExtendedComponent,
  ExtendedUnbinnedOptions,
  GaussianConstraint,
  Likelihood,
  LinearForm,
  PolynomialShapeOptions,
  ShapeFamily,
  UnbinnedOptions,
} from "./likelihood/index.js";
export {
  bernsteinShape,
  binnedNLL,
  chebyshevShape,
  chi2,
  extendedUnbinnedNLL,
  fixedShape,
  mixtureShape,
  pdfShape,
  unbinnedNLL,
} from "./likelihood/index.js";
// ── linear mixtures: extended fits linear in the yields (the resonance scan's windows) ──
export type {
  LinearMixture,
  LinearMixtureConstraint,
  LinearMixtureFitOptions,
  LinearMixtureFitReason,
  LinearMixtureFitResult,
  LinearMixtureObjective,
  LinearMixtureOptions,
  LinearMixtureProfileOptions,
  LinearMixtureStructure,
} from "./linear/index.js";
export {
  asimovMixture,
  fitLinearMixture,
  isLinearMixtureObjective,
  LINEAR_MIXTURE_DEFAULTS,
  linearMixture,
  linearMixtureMinimizer,
  linearMixtureNll,
  linearMixtureProfile,
  mixtureDensity,
} from "./linear/index.js";
// ── look-elsewhere (part 2) ──────────────────────────────────────────────────────
export type { GlobalSignificance, ToyScanSummary } from "./lookElsewhere/grossVitells.js";
export {
  countUpcrossings,
  globalPValueFromToys,
  grossVitells,
  LOOK_ELSEWHERE_DEFAULTS,
  toyScans,
} from "./lookElsewhere/grossVitells.js";
// ── least squares (ml-levenberg-marquardt) ───────────────────────────────────────
export type { LeastSquaresOptions, LeastSquaresResult } from "./lsq/index.js";
export { fitLeastSquares, LSQ_DEFAULTS } from "./lsq/index.js";
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
  QuadratureZone,
  Region,
  RegionNodes,
  RegionQuadratureOptions,
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
  exponential,
  faddeeva,
  fftConvolution,
  fitRegion,
  gaussian,
  histogramPdf,
  inRegion,
  productPdf,
  REGION_QUADRATURE_DEFAULTS,
  regionQuadrature,
  relativisticBreitWigner,
  requireRegion,
  restrictPdf,
  sumPdf,
  voigtian,
} from "./pdfs/index.js";
// ── toys and pull studies (part 1) ───────────────────────────────────────────────
export type {
  PullErrorKind,
  PullStudyOptions,
  PullStudyResult,
  PullSummary,
  ToyComponent,
  ToyFailure,
  ToyOptions,
} from "./pulls/index.js";
export { generateToy, pullStudy } from "./pulls/index.js";

// ── toys for inference (part 2) ──────────────────────────────────────────────────
export type { ToyLikelihood } from "./toys/core.js";
export { histFactoryModelToyLikelihood, histFactoryToyLikelihood } from "./toys/histfactory.js";
export type { LinearMixtureEvents, LinearMixtureToyOptions } from "./toys/linear.js";
export { LINEAR_MIXTURE_TOY_DEFAULTS, linearMixtureToyLikelihood } from "./toys/linear.js";
export { closeToyWorkers } from "./toys/pool.js";
export type {
  ToyCalculatorOptions,
  ToyHypotestResult,
  ToyUpperLimitOptions,
  ToyUpperLimitResult,
} from "./toys/toys.js";
export {
  TOY_CLS_DEFAULTS,
  toyHypotest,
  toyHypotestSync,
  toyUpperLimit,
  toyUpperLimitSync,
} from "./toys/toys.js";
