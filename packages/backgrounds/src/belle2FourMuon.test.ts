import { M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { BELLE2_FOUR_MUON_DEFAULTS, belle2FourMuonToy, evaluateMassCurve } from "./belle2FourMuon.js";

describe("belle2FourMuonToy", () => {
  const toy = belle2FourMuonToy({ luminosityInvFb: 10, seed: 3 });

  it("is deterministic for its seed and changes with it", () => {
    const again = belle2FourMuonToy({ luminosityInvFb: 10, seed: 3 });
    expect(Array.from(again.candidates.mass)).toEqual(Array.from(toy.candidates.mass));
    const other = belle2FourMuonToy({ luminosityInvFb: 10, seed: 4 });
    expect(other.candidates.size === toy.candidates.size && other.candidates.mass[0] === toy.candidates.mass[0]).toBe(
      false,
    );
  });

  it("builds candidates from selected events, above the dimuon threshold", () => {
    expect(toy.candidates.size).toBeGreaterThan(0);
    for (let c = 0; c < toy.candidates.size; c++) {
      expect(toy.candidates.mass[c]).toBeGreaterThanOrEqual(2 * M_MU);
      expect(toy.candidates.event[c]).toBeLessThan(toy.events.size);
    }
    const selected = toy.yields.reduce((a, y) => a + y.selected, 0);
    expect(toy.events.size).toBe(selected);
  });

  it("the parametrised MLP curve hits the paper's range 2.5-14 with its maximum at 5 GeV", () => {
    const c = BELLE2_FOUR_MUON_DEFAULTS.mlpRejection;
    expect(evaluateMassCurve(c, 5)).toBe(14);
    expect(evaluateMassCurve(c, 0.212)).toBe(2.5);
    expect(evaluateMassCurve(c, 0.1)).toBe(2.5);
    expect(evaluateMassCurve(c, 7.5)).toBeCloseToRel(8.25, 1e-12);
  });

  it("rejects bad input with typed errors", () => {
    expect(() => belle2FourMuonToy({ luminosityInvFb: -1 })).toThrowError(
      expect.objectContaining({ code: "OUT_OF_DOMAIN" }),
    );
    expect(() => belle2FourMuonToy({ seed: 1.5 })).toThrowError(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    const prov = BELLE2_FOUR_MUON_DEFAULTS.mlpRejection.provenance;
    expect(() =>
      belle2FourMuonToy({ mlpRejection: { grid: [1, 0.5], values: [2, 3], provenance: prov } }),
    ).toThrowError(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => belle2FourMuonToy({ mlpRejection: { grid: [1, 2], values: [2], provenance: prov } })).toThrowError(
      expect.objectContaining({ code: "INCOMPATIBLE_SHAPES" }),
    );
    // a rejection factor below 1 would keep a candidate with probability > 1
    expect(() =>
      belle2FourMuonToy({ mlpRejection: { grid: [1, 2], values: [0.5, 3], provenance: prov } }),
    ).toThrowError(
      expect.objectContaining({
        code: "OUT_OF_DOMAIN",
        details: expect.objectContaining({ argument: "mlpRejection.values[0]" }),
      }),
    );
    expect(() => belle2FourMuonToy({ processes: ["nope" as never] })).toThrowError(
      expect.objectContaining({ code: "UNKNOWN_NAME" }),
    );
    expect(() => belle2FourMuonToy({ detector: { muonId: "nope" as never } })).toThrowError(
      expect.objectContaining({ code: "UNKNOWN_NAME" }),
    );
  });
});
