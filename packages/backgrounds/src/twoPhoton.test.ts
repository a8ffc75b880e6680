import { createRandom } from "@muonphilic/kinematics";
import { integrate } from "@muonphilic/numeric";
import { ALPHA, M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { epaFlux, gammaGammaToMuMuDcos, gammaGammaToMuMuInvGeV2, generateTwoPhotonMuMu } from "./twoPhoton.js";

/** ∫∫ flux(x₁) flux(x₂) σ_γγ(√(x₁x₂s)) dx₁dx₂ (strict EPA, quasi-real photons), in pb. */
function strictEpa(thetaMax: number): number {
  const eb = 10.583005244258363 / 2;
  const s = 4 * eb * eb;
  const wMin = 2 * M_MU + 1e-6;
  const xLo = (wMin * wMin) / s;
  const inner = (x1: number) =>
    integrate(
      (l2) => {
        const x2 = Math.exp(l2);
        return x2 * epaFlux(x2, eb, thetaMax) * gammaGammaToMuMuInvGeV2(Math.sqrt(x1 * x2 * s));
      },
      Math.log(xLo / x1),
      0,
      { rtol: 1e-6 },
    );
  return (
    integrate((l1) => Math.exp(l1) * epaFlux(Math.exp(l1), eb, thetaMax) * inner(Math.exp(l1)), Math.log(xLo), 0, {
      rtol: 1e-5,
    }) * 0.3893793721e9
  );
}

describe("two-photon e+e- → e+e-μ+μ- (EPA)", () => {
  it("Breit-Wheeler σ equals the integral of its angular distribution", () => {
    for (const w of [0.25, 1, 5]) {
      const q = integrate((c) => gammaGammaToMuMuDcos(w, c), -1, 1, { rtol: 1e-12 });
      // quadrature tolerance 1e-12
      expect(gammaGammaToMuMuInvGeV2(w)).toBeCloseToRel(q, 1e-9);
    }
  });

  it("Breit-Wheeler high-energy limit (4πα²/W²)(ln(W²/m²) − 1) and zero at threshold", () => {
    const w = 1e4;
    // corrections O(m²/W² ln) ≈ 1e-9
    expect(gammaGammaToMuMuInvGeV2(w)).toBeCloseToRel(
      ((4 * Math.PI * ALPHA * ALPHA) / (w * w)) * (Math.log((w * w) / (M_MU * M_MU)) - 1),
      1e-7,
    );
    expect(gammaGammaToMuMuInvGeV2(2 * M_MU)).toBe(0);
  });

  it("for quasi-real photons (electrons below 1°) the generated σ equals the strict EPA integral", () => {
    const th = (1 * Math.PI) / 180;
    const g = generateTwoPhotonMuMu({ events: 40000, maxElectronAngle: th }, createRandom(3));
    // MC error, plus 2% for W² = (q₁ + q₂)² vs x₁x₂s (virtualities up to E²θ² ≈ 0.01 GeV²)
    expect(g.crossSectionPb).toBeCloseToRel(strictEpa(th), 0.02, 4 * g.crossSectionErrorPb);
  });

  it("with electrons up to 12.4° the photon virtualities lower σ by ≈ 20% against strict EPA (the parametrisation's spread)", () => {
    const th = (12.4 * Math.PI) / 180;
    const g = generateTwoPhotonMuMu({ events: 40000 }, createRandom(3));
    const ratio = g.crossSectionPb / strictEpa(th);
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(0.9);
  });
});
