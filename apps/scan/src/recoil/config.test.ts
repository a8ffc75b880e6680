import { describe, expect, it } from "vitest";
import { toJson } from "../run/checkpoint.js";
import { defaultRecoilConfig, recoilConfigFromSettings, recoilSettingsWire } from "./config.js";
import { DEFAULT_RECOIL_CUTS } from "./selection.js";

describe("recoil settings: the wire form and back", () => {
  it("recoilConfigFromSettings inverts recoilSettingsWire through results.json's JSON (∞ region edges written as null)", () => {
    const c = defaultRecoilConfig({
      minMass: 0.5,
      maxMass: 3,
      cls: "toys",
      toys: 800,
      luminosityInvFb: 12.5,
      signalModel: "breit-wigner",
      darkCoupling: 0.3,
      darkMass: 0.01,
      compare1d: true,
      cuts: { ...DEFAULT_RECOIL_CUTS, muonPtMinGeV: 0.6 },
      signalEvents: 5000,
      mcSeed: 99,
      inject: [{ mass: 2, sigmaFb: 40 }],
      injectSeed: 5,
    });
    const wire = JSON.parse(toJson(recoilSettingsWire(c)));
    // JSON has no ∞: the open-ended last regions come back as null ...
    expect(wire.cosBinsByM2.at(-1)[0]).toBeNull();
    const back = recoilConfigFromSettings(wire, { kind: "embedded" }, { out: "merged" });
    // ... and are revived, so the configuration (hence the scan id) is the same
    expect(back.cosBinsByM2.at(-1)![0]).toBe(Number.POSITIVE_INFINITY);
    expect(recoilSettingsWire(back)).toEqual(recoilSettingsWire(c));
    expect(toJson(recoilSettingsWire(back))).toBe(toJson(recoilSettingsWire(c)));
    expect(back.out).toBe("merged");
    expect(back.data).toEqual({ kind: "embedded" });
  });
});
