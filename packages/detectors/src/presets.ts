/**
 * Detector models by name, for configuration files and the CLI.
 *
 * @packageDocumentation
 */
import { requireOneOf } from "@muonphilic/units";
import { type Belle2Detector, belle2 } from "./belle2.js";
import { type E949Detector, e949 } from "./e949.js";
import { type MuoneDetector, muone } from "./muone.js";

/** The names of the built-in detector models. */
export type DetectorName = "belle2" | "muone" | "e949";

/** The names {@link detectorPreset} accepts. */
export const DETECTOR_NAMES: readonly DetectorName[] = ["belle2", "muone", "e949"];

/**
 * The built-in detector model of that name, with its default configuration.
 * @param name - `"belle2"`, `"muone"` or `"e949"`
 * @returns the model
 * @throws {@link PhysError} `UNKNOWN_NAME` for any other name
 * @example
 * ```ts
 * detectorPreset("belle2").name; // "Belle II"
 * detectorPreset("lhcb");        // throws PhysError UNKNOWN_NAME
 * ```
 */
export function detectorPreset(name: DetectorName): Belle2Detector | MuoneDetector | E949Detector {
  switch (requireOneOf("name", name, DETECTOR_NAMES)) {
    case "belle2":
      return belle2();
    case "muone":
      return muone();
    case "e949":
      return e949();
  }
}
