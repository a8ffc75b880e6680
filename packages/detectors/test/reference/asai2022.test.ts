// Asai2022 (secs. II-III): the MUonE setup, luminosity per muon from the electron density, and
// closure tests of the angular and calorimeter resolutions.
import { createRandom } from "@muonphilic/kinematics";
import { AVOGADRO_PER_MOL, BERYLLIUM, invFbToInvPb, M_E, M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { MUONE_DEFAULTS, muone, muoneLuminosityPerMuon, muonsOnTarget } from "../../src/index.js";
import asai from "../fixtures/asai2022.json" with { type: "json" };
import ref from "../fixtures/reference.json" with { type: "json" };
import { fixedEvents, meanStd } from "../helpers.js";

describe("MUonE setup (Asai2022 sec. II-III)", () => {
  it("defaults are the paper's numbers", () => {
    expect(MUONE_DEFAULTS.beamEnergyGeV).toBe(asai.beamEnergyGeV.value);
    expect(MUONE_DEFAULTS.stations).toBe(asai.stations.value);
    expect(MUONE_DEFAULTS.targetThicknessMm).toBe(asai.stations.targetThicknessMm);
    expect(MUONE_DEFAULTS.trackAngularResolutionRad * 1000).toBeCloseToRel(asai.muonAngleResolutionMrad.value, 1e-15);
    expect(MUONE_DEFAULTS.ecalEnergyResolution).toBe(asai.ecalEnergyResolution.value);
    expect(MUONE_DEFAULTS.ecalAngularResolutionRad * 1000).toBeCloseToRel(asai.ecalAngularResolutionMrad.value, 1e-15);
    expect(2 * MUONE_DEFAULTS.ecalHalfWidthM).toBe(asai.ecalSizeM.value[0]);
  });

  it("luminosity per muon = ρ N_A (Z/A) · 40 · 1.5 cm, with the PDG's tabulated Z/A", () => {
    // The PDG quotes <Z/A> = 0.44384 (5 digits): agreement to its rounding, 1e-5.
    const perMuon = ref.beryllium.densityGPerCm3 * AVOGADRO_PER_MOL * ref.beryllium.zOverA * 40 * 1.5 * 1e-36;
    expect(muoneLuminosityPerMuon()).toBeCloseToRel(perMuon, 1e-5);
    expect(BERYLLIUM.z / BERYLLIUM.molarMassGPerMol).toBeCloseToRel(ref.beryllium.zOverA, 1e-5);
    // 15 fb⁻¹ (Asai2022 sec. III) needs about 5.1e14 muons on target.
    expect(muonsOnTarget(invFbToInvPb(asai.luminosityInvFb.value))).toBeCloseToRel(15e3 / perMuon, 1e-5);
    // Luminosity scales with the number of stations and thickness.
    expect(muoneLuminosityPerMuon({ stations: 20, targetThicknessMm: 30 })).toBeCloseToRel(
      muoneLuminosityPerMuon(),
      1e-15,
    );
  });
});

describe("closure: MUonE resolutions", () => {
  const n = 20000; // sample std relative error 0.5%; tolerance 4σ = 2%
  const det = muone();
  it("muon angle: σ(θ_μ) = 0.01 mrad at θ_μ = 2 mrad ≫ σ; momentum not measured", () => {
    const reco = det.reconstruct(
      fixedEvents(n, { mu: { p: 140, theta: 0.002, phi: 0.4, mass: M_MU } }),
      { mu: "muon" },
      createRandom(1),
    );
    const mu = reco.particles.mu!;
    const { mean, std } = meanStd(Float64Array.from(mu.theta, (t) => t - 0.002));
    expect(std * 1000).toBeCloseToRel(asai.muonAngleResolutionMrad.value, 0.02);
    expect(Math.abs(mean)).toBeLessThan((4 * 1e-5) / Math.sqrt(n));
    expect(Number.isNaN(mu.e[0]!)).toBe(true);
    expect(mu.accepted.every((a) => a === 1)).toBe(true);
  });

  it("electron energy in the ECAL: σ_E/E = 10%", () => {
    const reco = det.reconstruct(
      fixedEvents(n, { e: { p: 10, theta: 0.005, mass: M_E } }),
      { e: "electron" },
      createRandom(2),
    );
    const el = reco.particles.e!;
    expect(el.accepted.every((a) => a === 1)).toBe(true); // 40 m × 5 mrad = 0.2 m < 0.5 m
    const { std } = meanStd(Float64Array.from(el.e, (e) => e / 10 - 1));
    expect(std).toBeCloseToRel(asai.ecalEnergyResolution.value, 0.02);
  });
});
