// Belle II beam kinematics (Jho2019 sec. 3.3) against the independent values of shared/reference,
// copied into test/fixtures/Jho2019.json.
import { describe, expect, it } from "vitest";
import { belle2Beams } from "../../src/index.js";
import fixture from "../fixtures/Jho2019.json" with { type: "json" };

const value = (id: string): { value: number; rel_tol: number } => {
  const r = fixture.records.find((x) => x.id === id);
  if (r === undefined) throw new Error(`missing fixture ${id}`);
  return r;
};

describe("Jho2019 sec. 3.3: Belle II boost (head-on, massless beams as in the reference)", () => {
  const b = belle2Beams({ beamMass: 0 });
  it("β = (E₋ − E₊)/(E₋ + E₊) = 3/11", () => {
    const r = value("belle2-beta");
    expect(b.beta).toBeCloseToRel(r.value, r.rel_tol);
    expect(b.boost.z).toBeCloseToRel(r.value, r.rel_tol);
  });
  it("γ = 11/(2√28)", () => {
    const r = value("belle2-gamma");
    expect(b.gamma).toBeCloseToRel(r.value, r.rel_tol);
  });
  it("√s = 2√(E₋E₊)", () => {
    const r = value("belle2-sqrt-s");
    expect(b.sqrtS).toBeCloseToRel(r.value, r.rel_tol);
  });
});
