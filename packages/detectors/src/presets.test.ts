import { describe, expect, it } from "vitest";
import { expectPhysError } from "../test/helpers.js";
import { DETECTOR_NAMES, detectorPreset } from "./presets.js";

describe("detectorPreset", () => {
  it("builds each built-in model by name", () => {
    expect(DETECTOR_NAMES.map((n) => detectorPreset(n).name)).toEqual(["Belle II", "MUonE", "E949"]);
  });
  it("throws UNKNOWN_NAME for anything else", () => {
    expectPhysError(() => detectorPreset("lhcb" as "belle2"), "UNKNOWN_NAME", "name");
  });
});
