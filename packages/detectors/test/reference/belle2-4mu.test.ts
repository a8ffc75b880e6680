// Belle2-4mu (secs. II, IV): tracking resolution in p_T, triggers, identification ranges,
// photon threshold; closure of the p_T smearing.
import { createRandom } from "@muonphilic/kinematics";
import { M_MU, M_PI } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import {
  BELLE2_MUON_ID_PRESETS,
  BELLE2_TRACKING_PRESETS,
  BELLE2_TRIGGER_PRESETS,
  belle2,
  makeEfficiency,
  select,
  type TriggerSpec,
} from "../../src/index.js";
import b4 from "../fixtures/belle2-4mu.json" with { type: "json" };
import { fixedEvents, meanStd, rad } from "../helpers.js";

describe("Belle2-4mu numbers in the Belle II presets", () => {
  it("σ_pT/pT = 0.1% p_T ⊕ 0.3% (sec. II)", () => {
    expect(BELLE2_TRACKING_PRESETS.fourMuon).toMatchObject({
      kind: "transverseMomentum",
      curvature: b4.ptResolution.curvaturePerGeV,
      constant: b4.ptResolution.constant,
    });
  });

  it("triggers of sec. IV A", () => {
    const or = BELLE2_TRIGGER_PRESETS.fourMuon;
    expect(or.kind).toBe("or");
    expect(BELLE2_TRIGGER_PRESETS.threeTrack).toMatchObject({
      kind: "trackMultiplicity",
      minTracks: b4.threeTrackTrigger.minTracks,
      thetaRangeDeg: b4.threeTrackTrigger.thetaDeg,
      lowestTracks: b4.threeTrackTrigger.lowestTracks,
    });
    const turnOn = makeEfficiency(
      "t",
      (BELLE2_TRIGGER_PRESETS.threeTrack as Extract<TriggerSpec, { kind: "trackMultiplicity" }>).turnOn,
    );
    expect(turnOn.at(Number.NaN, b4.threeTrackTrigger.plateauPtGeV, Number.NaN, Number.NaN)).toBe(1);
    const single = makeEfficiency(
      "s",
      (BELLE2_TRIGGER_PRESETS.singleMuon as Extract<TriggerSpec, { kind: "singleMuon" }>).efficiency,
    );
    const [lo, hi] = b4.singleMuonTrigger.thetaDeg;
    expect(single.at(2, 1, 2, rad((lo! + hi!) / 2))).toBe(b4.singleMuonTrigger.plateau);
    expect(single.at(2, 1, 2, rad(lo! - 0.1))).toBe(0);
    expect(single.at(2, 1, 2, rad(hi! + 0.1))).toBe(0);
  });

  it("muon identification stays in the published ranges at every momentum (sec. IV B)", () => {
    const mu = makeEfficiency("mu", BELLE2_MUON_ID_PRESETS.belle2.muon);
    const pi = makeEfficiency("pi", BELLE2_MUON_ID_PRESETS.belle2.pion);
    const [eLo, eHi] = b4.muonId.muonEfficiency;
    const [rLo, rHi] = b4.muonId.pionRejection;
    for (let p = 0.1; p < 10; p += 0.05) {
      const e = mu.at(p, Number.NaN, Number.NaN, Number.NaN);
      const r = 1 - pi.at(p, Number.NaN, Number.NaN, Number.NaN);
      expect(e).toBeGreaterThanOrEqual(eLo! - 1e-15);
      expect(e).toBeLessThanOrEqual(eHi! + 1e-15);
      expect(r).toBeGreaterThanOrEqual(rLo! - 1e-15);
      expect(r).toBeLessThanOrEqual(rHi! + 1e-15);
    }
    // Both ends of the ranges are reached.
    expect(mu.at(0.3, 0, 0, 0)).toBe(eLo);
    expect(mu.at(5, 0, 0, 0)).toBe(eHi);
  });

  it("pions are identified as muons at the mis-identification rate (weight mode)", () => {
    const det = belle2();
    const reco = det.reconstruct(
      fixedEvents(1, { pi: { p: 3, theta: rad(70), mass: M_PI } }),
      { pi: "pion" },
      createRandom(1),
    );
    const sel = select(reco, [{ kind: "identification", particles: ["pi"], muons: { min: 1 } }], { mode: "weight" });
    expect(sel.sumWeight).toBeCloseToRel(1 - b4.muonId.pionRejection[1]!, 1e-12);
  });

  it("photons below 100 MeV are not reconstructed (sec. IV B)", () => {
    expect(belle2().description.config.responses.photon?.threshold?.minGeV).toBe(b4.photonThresholdGeV.value);
  });
});

describe("closure: the p_T resolution", () => {
  // n = 20000: sample std relative error 0.5%, tolerance 4σ = 2%.
  const n = 20000;
  it("reproduces σ_pT/pT at p_T = 0.3, 2 and 6 GeV", () => {
    const det = belle2({ tracking: "fourMuon" });
    [0.3, 2, 6].forEach((pt, k) => {
      const theta = rad(70);
      const p = pt / Math.sin(theta);
      const reco = det.reconstruct(
        fixedEvents(n, { mu: { p, theta, mass: M_MU } }),
        { mu: "muon" },
        createRandom(200 + k),
      );
      const mu = reco.particles.mu!;
      const rel = Float64Array.from({ length: n }, (_, i) => Math.hypot(mu.px[i]!, mu.py[i]!) / pt - 1);
      const { mean, std } = meanStd(rel);
      const expected = Math.hypot(b4.ptResolution.curvaturePerGeV * pt, b4.ptResolution.constant);
      expect(std).toBeCloseToRel(expected, 0.02);
      expect(Math.abs(mean)).toBeLessThan((4 * expected) / Math.sqrt(n));
    });
  });
});
