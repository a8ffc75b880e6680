import { describe, expect, it } from "vitest";
import reference from "../test/fixtures/reference-constants.json" with { type: "json" };
import {
  ALPHA,
  BR_K_MUNU,
  BR_Z_EE,
  BR_Z_MUMU,
  CONSTANTS,
  DIMUON_THRESHOLD,
  G_F,
  M_E,
  M_K,
  M_MU,
  M_TAU,
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
