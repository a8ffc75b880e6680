// MUonE elastic kinematics (Asai2022 eqs. (1)-(3), Fig. 1) against the independent mpmath values of
// shared/reference (copied into test/fixtures/Asai2022.json) and the numbers printed in the paper.
import { describe, expect, it } from "vitest";
import { fixedTargetElastic } from "../../src/index.js";
import fixture from "../fixtures/Asai2022.json" with { type: "json" };

const record = (id: string) => {
  const r = fixture.records.find((x) => x.id === id);
  if (r === undefined) throw new Error(`missing fixture ${id}`);
  return r;
};
const inputs = record("muone-sqrt-s").inputs;
const muone = fixedTargetElastic({
  beamEnergy: inputs.E_mu_GeV,
  beamMass: inputs.m_mu_GeV,
  targetMass: inputs.m_e_GeV,
});

describe("Asai2022: MUonE, 150 GeV muons on electrons at rest", () => {
  it("√s (eq. (2)) = 0.405541 GeV; the paper prints ≃ 406 MeV", () => {
    const r = record("muone-sqrt-s");
    expect(muone.sqrtS).toBeCloseToRel(r.value, r.rel_tol);
    expect(muone.sqrtS * 1000).toBeCloseToRel(fixture.seedNumbers.sqrtS_MeV, 0.5 / 406); // rounding of "406"
  });

  it("maximal muon angle: tan θ^max = 1/(γ√(R² − 1)) = 4.836388 mrad as printed; θ^max = arctan of it", () => {
    const r = record("muone-theta-mu-max-printed-mrad");
    expect(Math.tan(muone.maxBeamAngle) * 1000).toBeCloseToRel(r.value, r.rel_tol);
    expect(muone.maxBeamAngle * 1000).toBeCloseToRel(Math.atan(r.value / 1000) * 1000, 1e-12);
    expect(muone.maxBeamAngle * 1000).toBeCloseToRel(fixture.seedNumbers.thetaMuMax_mrad, 0.005 / 4.84);
  });

  it("E_e^min for θ_μ > 1.5 mrad (Fig. 1) = 37.9418 GeV; the paper prints ≃ 38 GeV", () => {
    const r = record("muone-Ee-min-at-1p5mrad");
    const threshold = r.inputs.theta_th_mrad ?? Number.NaN;
    expect(muone.minTargetEnergy(threshold / 1000)).toBeCloseToRel(r.value, r.rel_tol);
    expect(muone.minTargetEnergy(1.5e-3)).toBeCloseToRel(fixture.seedNumbers.EeMinAt1p5mrad_GeV, 0.5 / 38);
  });
});
