import { integrateSqrtEndpoints } from "@muonphilic/numeric";
import { createRandom } from "@muonphilic/random";
import { M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { chi2Marginal, expectPhysError } from "../test/helpers.js";
import { columnsFromFourVectors, fourVectorAt, massSquaredColumns } from "./columns.js";
import { dalitzM12Range, threeBodyPhaseSpaceVolume } from "./dalitz.js";
import { fromMassMomentum, mass } from "./fourvector.js";
import { masslessPhaseSpaceVolume, nBodyDecayColumns, ramboColumns, twoBodyPhaseSpaceVolume } from "./rambo.js";
import { twoBodyMomentum } from "./twobody.js";

function meanAndError(w: Float64Array): { mean: number; error: number } {
  let s = 0;
  let s2 = 0;
  for (const x of w) {
    s += x;
    s2 += x * x;
  }
  const mean = s / w.length;
  return { mean, error: Math.sqrt((s2 / w.length - mean * mean) / w.length) };
}

describe("RAMBO (Kleiss1986)", () => {
  it("massless: every weight is the analytic volume; n = 2 is 1/(8π)", () => {
    expect(masslessPhaseSpaceVolume(2, 7)).toBeCloseToRel(1 / (8 * Math.PI), 1e-15);
    for (const n of [2, 3, 4, 6]) {
      const { weight } = ramboColumns(10, new Array(n).fill(0), 50, createRandom(n));
      const v = masslessPhaseSpaceVolume(n, 10);
      for (const w of weight) expect(w).toBeCloseToRel(v, 1e-14);
    }
  });

  it("massless n = 3: the analytic volume equals the Dalitz-area quadrature s/(256π³)", () => {
    expect(masslessPhaseSpaceVolume(3, 10)).toBeCloseToRel(
      threeBodyPhaseSpaceVolume({ parent: 10, daughters: [0, 0, 0] }),
      1e-13,
    );
  });

  it("massless n = 3 events are flat in the Dalitz plot (χ², 9 dof, P(χ² > 33) = 1e-4)", () => {
    const { daughters } = ramboColumns(5, [0, 0, 0], 40_000, createRandom(8));
    const m12 = massSquaredColumns([daughters[0]!, daughters[1]!]);
    expect(chi2Marginal(m12, undefined, { parent: 5, daughters: [0, 0, 0] })).toBeLessThan(33);
  });

  it("massive n = 2: every weight is p*/(4π√s)", () => {
    const { weight } = ramboColumns(3, [M_MU, 1], 20, createRandom(1));
    for (const w of weight) expect(w).toBeCloseToRel(twoBodyMomentum(3, M_MU, 1) / (4 * Math.PI * 3), 1e-13);
    expect(twoBodyPhaseSpaceVolume(3, M_MU, 1)).toBeCloseToRel(weight[0]!, 1e-13);
  });

  // Statistical tests: 5 standard errors of the weighted mean (n = 100 000 events).
  const masses3 = [M_MU, 0.5, 1.2] as [number, number, number];
  const sqrtS3 = 2.5;
  const three = ramboColumns(sqrtS3, masses3, 100_000, createRandom(31));

  it("massive n = 3: ⟨w⟩ = Φ₃ from the Dalitz-area quadrature", () => {
    const { mean, error } = meanAndError(three.weight);
    const exact = threeBodyPhaseSpaceVolume({ parent: sqrtS3, daughters: masses3 });
    expect(Math.abs(mean - exact)).toBeLessThan(5 * error);
    expect(error / exact).toBeLessThan(0.01); // the test has power
  });

  it("massive n = 3: the weighted events are flat in the Dalitz plot (χ², 9 dof)", () => {
    const m12 = massSquaredColumns([three.daughters[0]!, three.daughters[1]!]);
    const masses = { parent: sqrtS3, daughters: masses3 };
    expect(chi2Marginal(m12, three.weight, masses)).toBeLessThan(33);
    const r = dalitzM12Range(masses);
    expect(m12.every((x) => x >= r.min * (1 - 1e-12) && x <= r.max * (1 + 1e-12))).toBe(true);
  });

  it("massive n = 4: ⟨w⟩ = Φ₄ from the recursion Φ₄(√s) = ∫ dM²/(2π) Φ₂(√s; M, m₄) Φ₃(M; m₁, m₂, m₃)", () => {
    const m = [M_MU, M_MU, M_MU, M_MU];
    const sqrtS = 1.2;
    const lo = (3 * M_MU) ** 2;
    const hi = (sqrtS - M_MU) ** 2;
    const exact = integrateSqrtEndpoints(
      (t) => {
        const M = Math.sqrt(t);
        if (!(M > 3 * M_MU && M < sqrtS - M_MU)) return 0;
        return (
          (twoBodyPhaseSpaceVolume(sqrtS, M, M_MU) *
            threeBodyPhaseSpaceVolume({ parent: M, daughters: [M_MU, M_MU, M_MU] })) /
          (2 * Math.PI)
        );
      },
      lo,
      hi,
      128,
    );
    const { weight, daughters } = ramboColumns(sqrtS, m, 100_000, createRandom(41));
    const { mean, error } = meanAndError(weight);
    expect(Math.abs(mean - exact)).toBeLessThan(5 * error);
    expect(error / exact).toBeLessThan(0.01);
    // Conservation and mass shells.
    for (let i = 0; i < 100; i++) {
      let e = 0;
      let pz = 0;
      for (const d of daughters) {
        e += d.e[i]!;
        pz += d.pz[i]!;
        expect(mass(fourVectorAt(d, i))).toBeCloseToRel(M_MU, 1e-9);
      }
      expect(e).toBeCloseToRel(sqrtS, 1e-14);
      expect(Math.abs(pz)).toBeLessThan(1e-14);
    }
  });

  it("moving parents: daughters add up to the parent; below-threshold parents get weight 0", () => {
    const parents = columnsFromFourVectors([fromMassMomentum(2, 1, 2, 3), fromMassMomentum(0.3, 0, 0, 1)]);
    const { daughters, weight } = nBodyDecayColumns(parents, [M_MU, M_MU, M_MU, M_MU], createRandom(3));
    const e = daughters.reduce((s, d) => s + d.e[0]!, 0);
    const py = daughters.reduce((s, d) => s + d.py[0]!, 0);
    expect(e).toBeCloseToRel(parents.e[0]!, 1e-14);
    expect(py).toBeCloseToRel(2, 1e-13);
    expect(weight[1]).toBe(0);
    expect(Number.isNaN(daughters[0]!.e[1])).toBe(true);
  });

  it("rejects bad input", () => {
    expectPhysError(() => ramboColumns(1, [0.6, 0.6], 10, createRandom(1)), "KINEMATICALLY_FORBIDDEN", "sqrtS");
    expectPhysError(() => ramboColumns(1.2, [0.6, 0.6], 10, createRandom(1)), "KINEMATICALLY_FORBIDDEN", "sqrtS");
    expectPhysError(() => ramboColumns(1, [0.1], 10, createRandom(1)), "INVALID_ARGUMENT", "masses");
    expectPhysError(() => ramboColumns(1, [0.1, -0.1], 10, createRandom(1)), "OUT_OF_DOMAIN", "masses[1]");
    expectPhysError(() => ramboColumns(1, [0.1, 0.1], 1.5, createRandom(1)), "INVALID_ARGUMENT", "events");
    expectPhysError(() => masslessPhaseSpaceVolume(1, 1), "INVALID_ARGUMENT", "n");
  });
});
