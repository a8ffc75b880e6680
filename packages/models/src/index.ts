/**
 * `@muonphilic/models`: the L_μ - L_τ Z' and the muonphilic scalar S. Widths, branching fractions
 * and decay lengths; (g-2)_μ with explicit inputs; kinetic mixing; Z-pole, trident and BBN
 * constraints; e+e- → μ+μ- X cross sections (total, dσ/dz, σ × BR, coupling limits); the kaon decay
 * K+ → μ+ ν Z'; seeded signal generators. GeV and pb throughout.
 *
 * @packageDocumentation
 */

export { dilog } from "@muonphilic/numeric";
export type { BbnBound, TridentBoundOptions, TridentOptions, ZPoleOptions } from "./constraints.js";
export {
  BBN_BOUNDS,
  BBN_THERMALISATION_COUPLING,
  TRIDENT,
  tridentExcludedCoupling,
  tridentRatio,
  zPoleExcludedCoupling,
  zPoleF2,
} from "./constraints.js";
export type { GeneratorMethod, ProductionMethod, Spin, ZPrimeVariant } from "./defaults.js";
export { DEFAULTS } from "./defaults.js";
export type { SignalDecay, SignalGeneratorOptions, SignalParticle, SignalSample } from "./generator.js";
export { generateMuMuX } from "./generator.js";
export type {
  CouplingForDeltaAmuOptions,
  DeltaAmuOptions,
  Gm2Band,
  Gm2BandOptions,
  Gm2Input,
  Gm2InputName,
} from "./gm2.js";
export {
  couplingForDeltaAmu,
  deltaAmu,
  deltaAmuScalarPerG2,
  deltaAmuVectorPerG2,
  GM2_INPUTS,
  gm2FavouredBand,
} from "./gm2.js";
export { isrBeta, isrConvolve, isrRadiator } from "./isr.js";
export type { KaonOptions, KaonSpectrumOptions } from "./kaon.js";
export { kaonDBRdpMu, kaonMuonMomentumMax, kaonToMuNuZPrimeBR, kaonToMuNuZPrimeWidth } from "./kaon.js";
export type { DalitzEdges } from "./matrixElements.js";
export {
  dalitzEdges,
  gammaStarHadronicTensor,
  gammaStarMsqIntegralFixedS12,
  gammaStarMsqIntegralT2,
  gammaStarMuMuXMsq,
  gammaStarVectorPolarisedMsq,
  kaonMsqIntegralT,
  kaonMuNuZPrimeMsq,
} from "./matrixElements.js";
export type { KineticMixingOptions } from "./mixing.js";
export { kineticMixing } from "./mixing.js";
export type { BosonModel, ScalarModel, ScalarOptions, ZPrimeModel, ZPrimeOptions } from "./models.js";
export { muonphilicScalar, zPrime } from "./models.js";
export type {
  BornOptions,
  CouplingLimitOptions,
  DifferentialOptions,
  ModelChannelOptions,
  ProductionOptions,
  SearchChannel,
} from "./production.js";
export {
  bornMuMuInvGeV2,
  couplingLimitFromSigma,
  dSigmaMuMuXdz,
  exactDsigmaDzPerG2,
  exactSigmaPerG2InvGeV2,
  f1,
  sigmaBornMuMu,
  sigmaMuMuX,
  sigmaMuMuXWithIsr,
  sigmaTimesBR,
  splittingPerG2,
} from "./production.js";
export type { DecayLengthOptions, ScalarWidths, ZPrimeWidths } from "./widths.js";
export {
  fermionLoopAmplitude,
  labDecayLength,
  properLifetime,
  scalarWidths,
  vectorToDiracWidthPerG2,
  zPrimeWidths,
} from "./widths.js";
