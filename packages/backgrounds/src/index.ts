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
  MassCurve,
} from "./belle2FourMuon.js";
export { BELLE2_FOUR_MUON_DEFAULTS, belle2FourMuonToy, evaluateMassCurve } from "./belle2FourMuon.js";
export {
  conversionDsigmaDcosInvGeV2,
  conversionSigmaInvGeV2,
  conversionX,
  virtualPhotonPairSigma,
} from "./conversion.js";
export type { FourLeptonOptions, FourLeptonParticle, FourLeptonProcess, FourLeptonSample } from "./fourLepton.js";
export { FOUR_LEPTON_DEFAULTS, FOUR_LEPTON_PROCESSES, generateFourLepton } from "./fourLepton.js";
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
