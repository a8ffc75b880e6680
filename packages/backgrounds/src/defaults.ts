/**
 * Every default of the package in one place (each also documented where it is used).
 *
 * @packageDocumentation
 */
import { BELLE2_FOUR_MUON_DEFAULTS } from "./belle2FourMuon.js";
import { FOUR_LEPTON_DEFAULTS } from "./fourLepton.js";
import { KAON_DEFAULTS } from "./kaon.js";
import { SM_MICHEL } from "./michel.js";
import { MU_MU_GAMMA_DEFAULTS } from "./muMuGamma.js";
import { JHO2019_CUTS } from "./muMuMissing.js";
import { MUONE_BACKGROUND_DEFAULTS } from "./muone.js";
import { TAU_PAIR_DEFAULTS } from "./tauPair.js";
import { TOY_DEFAULTS } from "./toy.js";
import { TWO_PHOTON_DEFAULTS } from "./twoPhoton.js";

/** The package defaults, by module. */
export const DEFAULTS = {
  /** {@link belle2FourMuonToy}: luminosity, seed, selection, MLP stand-in, fit. */
  belle2FourMuon: BELLE2_FOUR_MUON_DEFAULTS,
  /** {@link generateFourLepton}: ISR and the M(4ℓ) cut of the ISR generation. */
  fourLepton: FOUR_LEPTON_DEFAULTS,
  /** {@link generateTauPairMuMu}: σ(e+e- → τ+τ-) and ISR. */
  tauPair: TAU_PAIR_DEFAULTS,
  /** The Standard-Model Michel parameters of Jho2019 sec. 3.2. */
  michel: SM_MICHEL,
  /** {@link generateMuMuGamma}: photon energy and angle range. */
  muMuGamma: MU_MU_GAMMA_DEFAULTS,
  /** {@link generateTwoPhotonMuMu}: lost-electron angle and pair-mass cut. */
  twoPhoton: TWO_PHOTON_DEFAULTS,
  /** The cuts of Jho2019 secs. 3.2-3.4. */
  jho2019Cuts: JHO2019_CUTS,
  /** Kaon backgrounds: the E949 momentum window, photon threshold, K → μννν̄. */
  kaon: KAON_DEFAULTS,
  /** MUonE: beam energy and Asai2022's signal region. */
  muone: MUONE_BACKGROUND_DEFAULTS,
  /** {@link toyDataset}: pool size. */
  toy: TOY_DEFAULTS,
} as const;
