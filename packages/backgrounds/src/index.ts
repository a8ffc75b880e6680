/**
 * `@muonphilic/backgrounds`: Standard-Model backgrounds of the muon-philic boson searches: rates,
 * spectra, seeded generators and toy datasets. GeV, pb and pb⁻¹ unless a name says otherwise.
 *
 * @packageDocumentation
 */
export { annihilationBeamWeight } from "./annihilation.js";
export type {
  Belle2FourMuonToy,
  Belle2FourMuonToyOptions,
  FourMuonCandidates,
  FourMuonEvents,
  FourMuonProcessYield,
  FourMuonToyProcess,
  MassCurve,
} from "./belle2FourMuon.js";
export {
  BELLE2_FOUR_MUON_DEFAULTS,
  belle2FourMuonToy,
  evaluateMassCurve,
  FOUR_MUON_TOY_PROCESSES,
} from "./belle2FourMuon.js";
export {
  conversionDsigmaDcosInvGeV2,
  conversionSigmaInvGeV2,
  conversionX,
  virtualPhotonPairSigma,
} from "./conversion.js";
export { DEFAULTS } from "./defaults.js";
export type { FourLeptonOptions, FourLeptonParticle, FourLeptonProcess, FourLeptonSample } from "./fourLepton.js";
export { FOUR_LEPTON_DEFAULTS, FOUR_LEPTON_PROCESSES, generateFourLepton } from "./fourLepton.js";
export type { KaonChannel, KaonDecaySample } from "./kaon.js";
export {
  generateKaonDecays,
  KAON_DEFAULTS,
  kaonMuNuGammaBR,
  kaonMuNuGammaDensity,
  kaonMuNuMomentum,
} from "./kaon.js";
export type { MichelMoments, MichelParameters } from "./michel.js";
export { michelF, michelG, michelMoments, michelSpectrum, SM_MICHEL, sampleMichel } from "./michel.js";
export type { MuMuGammaOptions, MuMuGammaSample } from "./muMuGamma.js";
export { generateMuMuGamma, MU_MU_GAMMA_DEFAULTS, muMuGammaMsq } from "./muMuGamma.js";
export type { MissingObservables } from "./muMuMissing.js";
export { JHO2019_CUTS, jho2019Requirements, missingObservables, muMuMissingVariables } from "./muMuMissing.js";
export type { MuonElectronGammaSample, MuonElectronSample } from "./muone.js";
export {
  generateMuonElectronElastic,
  generateMuonElectronGamma,
  MUONE_BACKGROUND_DEFAULTS,
  muonElectronDsigmaDt,
  muonElectronGammaMsq,
  muonElectronSigma,
} from "./muone.js";
export type { VectorMeson, VectorMesonName } from "./resonances.js";
export { UPSILON_TRANSITIONS, VECTOR_MESONS } from "./resonances.js";
export type { ConversionChannel } from "./spectral.js";
export {
  breitWignerQ2,
  DIMUON_RESONANCES,
  dimuonContinuumDensity,
  dipionDensity,
  pionFormFactorSquared,
  pointLikeR,
  resonanceConversionProbability,
  resonanceDensity,
  virtualPhotonDensity,
} from "./spectral.js";
export type { TauPairOptions, TauPairSample } from "./tauPair.js";
export { generateTauPairMuMu, TAU_PAIR_DEFAULTS, tauPairMuMuSigma, tauSpinCorrelation } from "./tauPair.js";
export type {
  BackgroundProcess,
  EventVariable,
  Exposure,
  ExposureKind,
  HistogramAxis,
  ProcessPool,
  ProcessProvenance,
  ToyDataset,
  ToyDatasetOptions,
  ToyProcessYield,
} from "./toy.js";
export {
  BACKGROUND_PROCESSES,
  backgroundProcess,
  fillHistogram,
  NEGLIGIBLE_PROCESSES,
  TOY_DEFAULTS,
  toyDataset,
} from "./toy.js";
export type { TwoPhotonOptions, TwoPhotonSample } from "./twoPhoton.js";
export {
  epaFlux,
  gammaGammaToMuMuDcos,
  gammaGammaToMuMuInvGeV2,
  generateTwoPhotonMuMu,
  TWO_PHOTON_DEFAULTS,
} from "./twoPhoton.js";
export type { UpsilonState } from "./upsilon.js";
export { generateUpsilonTransitions, upsilonTransitionSigma } from "./upsilon.js";
