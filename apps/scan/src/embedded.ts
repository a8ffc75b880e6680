import { PhysError } from "@muonphilic/units";

/** The embedded default dataset (pending @muonphilic/backgrounds). */
export function embeddedDataset(): { masses: Float64Array; description: string } {
  throw new PhysError("INVALID_ARGUMENT", "embedded dataset not wired yet", {});
}
