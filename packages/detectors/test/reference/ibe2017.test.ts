// Ibe2017 (sec. III): the E949 exposure, single-muon acceptance and photon rejection, as
// expected yields in weight mode.
import { createRandom } from "@muonphilic/kinematics";
import { M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { E949_DEFAULTS, e949, select } from "../../src/index.js";
import ibe from "../fixtures/ibe2017.json" with { type: "json" };
import { fixedEvents, meanStd } from "../helpers.js";

const det = e949();

/** Weight-mode probability that a K⁺ decay with this muon momentum (GeV) and photons passes. */
function passes(pMu: number, photons: number[]): number {
  const particles: Record<string, { p: number; theta: number; mass: number }> = {
    mu: { p: pMu, theta: 1, mass: M_MU },
  };
  const species: Record<string, "muon" | "photon"> = { mu: "muon" };
  photons.forEach((e, k) => {
    particles[`g${k}`] = { p: e, theta: 2, mass: 0 };
    species[`g${k}`] = "photon";
  });
  const reco = det.reconstruct(fixedEvents(1, particles), species, createRandom(1));
  return select(
    reco,
    [
      { kind: "reconstructed", particles: ["mu"] },
      { kind: "photonVeto", maxPhotonEnergyGeV: 0 },
    ],
    { mode: "weight" },
  ).sumWeight;
}

describe("E949 (Ibe2017 sec. III)", () => {
  it("exposure: 1.70e12 stopped kaons", () => {
    expect(det.stoppedKaons).toBe(ibe.stoppedKaons.value);
    expect(E949_DEFAULTS.photonRejection).toBe(ibe.photonRejection.value);
  });

  it("single-muon acceptance about 1e-3 for 140 < p_μ < 200 MeV, 0 outside (the K → μν line at 236 MeV is outside)", () => {
    const [lo, hi] = ibe.singleMuonAcceptance.momentumRangeMeV;
    // The acceptance is stored as 1e-3 and applied by one multiplication: exact.
    expect(passes((lo! + hi!) / 2000, [])).toBe(ibe.singleMuonAcceptance.value);
    expect(passes(0.236, [])).toBe(0);
    expect(passes(0.13, [])).toBe(0);
  });

  it("a radiative decay survives the photon veto with ε_γ = 1e-3", () => {
    // 1 − (1 − 1e-3): rounding of order ε on 1e-3, relative 1e-12 at most.
    expect(passes(0.17, [0.05])).toBeCloseToRel(ibe.singleMuonAcceptance.value * ibe.photonRejection.value, 1e-12);
  });

  it("closure: the assumed 1% muon momentum resolution", () => {
    const n = 20000; // 4σ on the sample std: 2%
    const reco = det.reconstruct(
      fixedEvents(n, { mu: { p: 0.17, theta: 1, mass: M_MU } }),
      { mu: "muon" },
      createRandom(3),
    );
    const mu = reco.particles.mu!;
    const { std } = meanStd(
      Float64Array.from({ length: n }, (_, i) => Math.hypot(mu.px[i]!, mu.py[i]!, mu.pz[i]!) / 0.17 - 1),
    );
    expect(std).toBeCloseToRel(E949_DEFAULTS.muonMomentumResolution, 0.02);
  });
});
