import { describe, expect, it } from "vitest";

describe("public API", () => {
  it("exports exactly these names", async () => {
    expect(Object.keys(await import("../src/index.js")).sort()).toMatchInlineSnapshot(`
      [
        "AVOGADRO_PER_MOL",
        "BELLE2_DETECTOR_DEFAULTS",
        "BELLE2_GEOMETRY",
        "BELLE2_MUON_ID_PRESETS",
        "BELLE2_PHOTON_VETO_PRESETS",
        "BELLE2_TRACKING",
        "BELLE2_TRACKING_PRESETS",
        "BELLE2_TRIGGER_PRESETS",
        "BERYLLIUM",
        "CHARGED_SPECIES",
        "DEFAULTS",
        "DETECTOR_NAMES",
        "E949_DEFAULTS",
        "KINEMATIC_VARIABLES",
        "MUONE_DEFAULTS",
        "PID",
        "RESOLUTION_KINDS",
        "SELECTION_DEFAULTS",
        "SPECIES",
        "USER_PROVENANCE",
        "allocateTrackView",
        "assumption",
        "belle2",
        "belle2MomentumResolution",
        "belle2PtResolution",
        "calorimeterResolution",
        "createDetector",
        "cylindricalGapDeg",
        "detectorPreset",
        "e949",
        "formatCutFlow",
        "fromExternal",
        "fromSeed",
        "makeAcceptance",
        "makeCutFlow",
        "makeEfficiency",
        "makeResolution",
        "makeTrigger",
        "muone",
        "muoneLuminosityPerMuon",
        "muonsOnTarget",
        "normaliseDeclaration",
        "select",
        "selectedEvents",
      ]
    `);
  });
});
