/**
 * Every default of the package in one place (each also documented where it is used).
 *
 * @packageDocumentation
 */
import { BELLE2_DETECTOR_DEFAULTS } from "./belle2.js";
import { E949_DEFAULTS } from "./e949.js";
import { MUONE_DEFAULTS } from "./muone.js";
import { SELECTION_DEFAULTS } from "./selection.js";

/** The package defaults: selections, and the Belle II, MUonE and E949 models. */
export const DEFAULTS = {
  /** {@link select}: mode and weight-mode enumeration limit. */
  selection: SELECTION_DEFAULTS,
  /** {@link belle2}: preset names, photon threshold and resolution, efficiencies. */
  belle2: BELLE2_DETECTOR_DEFAULTS,
  /** {@link muone}: beam, targets, resolutions, ECAL geometry. */
  muone: MUONE_DEFAULTS,
  /** {@link e949}: exposure, acceptance, photon rejection, resolution. */
  e949: E949_DEFAULTS,
} as const;
