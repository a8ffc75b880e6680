import { describe, expect, it } from "vitest";
import checks from "../test/fixtures/pdg2022-checks.json" with { type: "json" };
import reference from "../test/fixtures/reference-constants.json" with { type: "json" };
import {
  ALPHA,
  AVOGADRO_PER_MOL,
  BERYLLIUM,
  BR_K_MUNU,
  BR_Z_EE,
  BR_Z_MUMU,
  CONSTANTS,
  DIMUON_THRESHOLD,
  G_F,
  M_E,
  M_K,
  M_MU,
  M_PSI_2S,
  M_TAU,
  M_UPSILON_1S,
  M_UPSILON_2S,
  M_UPSILON_3S,
  M_Z,
  PDG_EDITION,
  SIN2_THETA_W,
  TAU_K,
} from "./constants.js";
import { GEV2_PB, HBAR_GEV_S } from "./conversions.js";

const ref = reference.record.inputs;

describe("constants agree with the independent reference inputs (shared/reference/physics.json)", () => {
  it.each([
    // The reference takes α⁻¹ = 137.035999 (CODATA 2018 rounded to 9 digits); ours is 137.035999084.
    ["alpha", ALPHA, ref.alpha, 1e-9],
    ["m_mu", M_MU, ref.m_mu_GeV, 0],
    ["m_e", M_E, ref.m_e_GeV, 0],
    ["m_tau", M_TAU, ref.m_tau_GeV, 0],
    ["M_K", M_K, ref.M_K_GeV, 0],
    ["m_Z", M_Z, ref.m_Z_GeV, 0],
    ["G_F", G_F, ref["G_F_GeV^-2"], 0],
    ["sin2_theta_W", SIN2_THETA_W, ref.sin2_theta_W, 0],
    ["BR(K -> mu nu)", BR_K_MUNU, ref.BR_K_to_mu_nu, 0],
    ["tau_K", TAU_K, ref.tau_K_s, 0],
    // The reference rounds (ħc)² to 0.3893793721 GeV² mb; ours is exact to double precision.
    ["(hbar c)^2 GeV^2 pb", GEV2_PB, ref["GeV^-2_to_pb"], 5e-10],
    ["hbar GeV s", HBAR_GEV_S, ref.hbar_GeV_s, 1e-10],
  ])("%s", (_name, ours, theirs, rtol) => {
    expect(ours).toBeCloseToRel(theirs, rtol);
  });
});

describe("constant table", () => {
  it("every record has a value, a non-negative uncertainty, a unit and a source naming the edition", () => {
    for (const [name, c] of Object.entries(CONSTANTS)) {
      expect(Number.isFinite(c.value), name).toBe(true);
      expect(c.uncertainty >= 0, name).toBe(true);
      expect(c.unit.length > 0, name).toBe(true);
      expect(c.source.startsWith(PDG_EDITION), name).toBe(true);
    }
  });

  it("Jho2019 eqs. (2.8)-(2.9): BR(Z → ee) = 3.3632 %, BR(Z → μμ) = 3.3662 %", () => {
    expect(BR_Z_EE).toBe(0.033632);
    expect(BR_Z_MUMU).toBe(0.033662);
  });

  it("the dimuon threshold is 2 m_μ = 0.211317 GeV (Belle2-4mu starts its scan at 0.212 GeV)", () => {
    expect(DIMUON_THRESHOLD).toBeCloseToRel(0.211316751, 1e-9);
    expect(DIMUON_THRESHOLD < 0.212).toBe(true);
  });
});

describe("vector mesons: lepton universality links the independent PDG averages", () => {
  // Γ(V → e+e-)/Γ(V) and BR(V → μ+μ-) are separate PDG averages; lepton universality makes them
  // equal up to the phase-space factor (1 + 2m_μ²/M²)√(1 − 4m_μ²/M²) (≥ 0.9997 above 1 GeV, 0.9975
  // for the φ, 0.945 for the ω). They must agree within 2.5 combined standard deviations.
  const cases = [
    ["omega", CONSTANTS.omegaGammaEE, CONSTANTS.omegaWidth, CONSTANTS.brOmegaToMuMu, CONSTANTS.omegaMass],
    ["phi", CONSTANTS.phiGammaEE, CONSTANTS.phiWidth, CONSTANTS.brPhiToMuMu, CONSTANTS.phiMass],
    ["J/psi", CONSTANTS.jpsiGammaEE, CONSTANTS.jpsiWidth, CONSTANTS.brJpsiToMuMu, CONSTANTS.jpsiMass],
    ["psi(2S)", CONSTANTS.psi2SGammaEE, CONSTANTS.psi2SWidth, CONSTANTS.brPsi2SToMuMu, CONSTANTS.psi2SMass],
    [
      "Upsilon(1S)",
      CONSTANTS.upsilon1SGammaEE,
      CONSTANTS.upsilon1SWidth,
      CONSTANTS.brUpsilon1SToMuMu,
      CONSTANTS.upsilon1SMass,
    ],
    [
      "Upsilon(2S)",
      CONSTANTS.upsilon2SGammaEE,
      CONSTANTS.upsilon2SWidth,
      CONSTANTS.brUpsilon2SToMuMu,
      CONSTANTS.upsilon2SMass,
    ],
    [
      "Upsilon(3S)",
      CONSTANTS.upsilon3SGammaEE,
      CONSTANTS.upsilon3SWidth,
      CONSTANTS.brUpsilon3SToMuMu,
      CONSTANTS.upsilon3SMass,
    ],
  ] as const;
  it.each(cases)("%s: Γ_ee/Γ × phase space = BR(μμ)", (_name, gee, width, brMuMu, mass) => {
    const r = (M_MU / mass.value) ** 2;
    const ratio = (gee.value / width.value) * (1 + 2 * r) * Math.sqrt(1 - 4 * r);
    const sigma = Math.hypot(
      ratio * Math.hypot(gee.uncertainty / gee.value, width.uncertainty / width.value),
      brMuMu.uncertainty,
    );
    expect(Math.abs(ratio - brMuMu.value)).toBeLessThan(2.5 * sigma);
  });

  it("the Υ and ψ(2S) masses are ordered and the named exports are the records", () => {
    expect(M_PSI_2S).toBe(CONSTANTS.psi2SMass.value);
    expect(M_UPSILON_2S).toBe(CONSTANTS.upsilon2SMass.value);
    expect(M_UPSILON_3S).toBe(CONSTANTS.upsilon3SMass.value);
    // Υ(2S) − Υ(1S) = 562.96 MeV and Υ(3S) − Υ(1S) = 894.9 MeV (PDG mass differences, to their rounding 1e-5 GeV).
    expect(M_UPSILON_2S - M_UPSILON_1S).toBeCloseToRel(0.56296, 0, 2e-5);
    expect(M_UPSILON_3S - M_UPSILON_1S).toBeCloseToRel(0.8949, 0, 2e-4);
    expect(M_PSI_2S > 3.6 && M_PSI_2S < 3.7).toBe(true);
  });

  it("transition branching fractions are fractions with their PDG uncertainties", () => {
    expect(CONSTANTS.brUpsilon2SToUpsilon1SPiPi.value).toBe(0.1785);
    expect(CONSTANTS.brUpsilon3SToUpsilon1SPiPi.value).toBe(0.0437);
    expect(CONSTANTS.brUpsilon2SToUpsilon1SPiPi.uncertainty).toBe(0.0026);
  });
});

describe("materials", () => {
  it("N_A is exact and reproduces the CODATA 2018 atomic mass constant m_u = 10⁻³ kg mol⁻¹ / N_A", () => {
    expect(CONSTANTS.avogadro.uncertainty).toBe(0);
    // The molar mass constant is 1e-3 kg/mol to 3e-10 (CODATA 2018); m_u is quoted to 3e-10.
    expect(1e-3 / AVOGADRO_PER_MOL).toBeCloseToRel(checks.atomicMassConstantKg.value, 1e-9);
  });
  it("beryllium: Z/A agrees with the PDG's tabulated <Z/A> = 0.44384 to its five digits", () => {
    expect(BERYLLIUM.z).toBe(4);
    expect(BERYLLIUM.z / BERYLLIUM.molarMassGPerMol).toBeCloseToRel(checks.berylliumZOverA.value, 1e-5);
    expect(BERYLLIUM.densityGPerCm3).toBe(1.848);
  });
});
