import { integrateSqrtEndpoints } from "@muonphilic/numeric";
import { createRandom } from "@muonphilic/random";
import { M_K, M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { chi2Marginal, expectPhysError, dalitzWidth as width } from "../test/helpers.js";
import { allocateColumns, columnsFromFourVectors, fourVectorAt } from "./columns.js";
import {
  dalitzArea,
  dalitzM12Range,
  dalitzM23Range,
  threeBodyDecayColumns,
  threeBodyMomentaAtRest,
  threeBodyPhaseSpaceVolume,
} from "./dalitz.js";
import { add, fromMassMomentum, mass2 } from "./fourvector.js";

const kaon = { parent: M_K, daughters: [0, 0.1, M_MU] as [number, number, number] }; // K → ν Z'(100 MeV) μ

describe("Dalitz boundaries (Ibe2017 appendix A)", () => {
  it("massless: m²₂₃ ∈ [0, M² − m²₁₂]", () => {
    const r = dalitzM23Range({ parent: 3, daughters: [0, 0, 0] }, 4);
    expect(r.min).toBe(0);
    expect(r.max).toBe(5);
  });

  it("m1 = 0 reproduces eqs. (A1)-(A5) as printed for K → ν Z' μ", () => {
    const mZ = 0.1;
    const m12r = dalitzM12Range(kaon);
    expect(m12r.min).toBe(mZ * mZ); // (A1)
    expect(m12r.max).toBe((M_K - M_MU) ** 2); // (A2)
    const m12Sq = 0.08;
    const m12 = Math.sqrt(m12Sq);
    const e2 = (m12Sq + mZ * mZ) / (2 * m12); // (A4)
    const e3 = (M_K * M_K - m12Sq - M_MU * M_MU) / (2 * m12); // (A5)
    const a = Math.sqrt(e2 * e2 - mZ * mZ);
    const b = Math.sqrt(e3 * e3 - M_MU * M_MU);
    const r = dalitzM23Range(kaon, m12Sq);
    expect(r.min).toBeCloseToRel((e2 + e3) ** 2 - (a + b) ** 2, 1e-14); // (A3)
    expect(r.max).toBeCloseToRel((e2 + e3) ** 2 - (a - b) ** 2, 1e-14);
  });

  it("on the boundary the three momenta are collinear (independent characterisation)", () => {
    for (const t of [0.02, 0.08, 0.12]) {
      const r = dalitzM23Range(kaon, t);
      for (const y of [r.min, r.max]) {
        const [a, , c] = threeBodyMomentaAtRest(M_K, 0, 0.1, M_MU, t, y);
        // p⃗₁ is along z and p⃗₃ in the x–z plane: collinear means p₃ₓ = 0.
        expect(Math.abs(c.px)).toBeLessThan(1e-6 * Math.hypot(c.px, c.pz));
        expect(a.px).toBe(0);
      }
    }
  });

  it("momenta at rest reproduce the Dalitz variables and conserve momentum", () => {
    const [a, b, c] = threeBodyMomentaAtRest(M_K, 0, 0.1, M_MU, 0.08, 0.1);
    expect(mass2(add(a, b))).toBeCloseToRel(0.08, 1e-13);
    expect(mass2(add(b, c))).toBeCloseToRel(0.1, 1e-13);
    expect(a.e + b.e + c.e).toBeCloseToRel(M_K, 1e-15);
    expect(Math.abs(a.pz + b.pz + c.pz)).toBeLessThan(1e-16);
  });

  it("area: massless M⁴/2 exactly; quadrature converged for massive daughters", () => {
    expect(dalitzArea({ parent: 2, daughters: [0, 0, 0] })).toBeCloseToRel(8, 1e-14);
    const direct = integrateSqrtEndpoints(
      (t) => width(kaon, t),
      dalitzM12Range(kaon).min,
      dalitzM12Range(kaon).max,
      400,
    );
    expect(dalitzArea(kaon)).toBeCloseToRel(direct, 1e-12);
    expect(threeBodyPhaseSpaceVolume({ parent: 1, daughters: [0, 0, 0] })).toBeCloseToRel(
      1 / (256 * Math.PI ** 3),
      1e-14,
    );
  });

  it("rejects bad masses and points outside the plot", () => {
    expectPhysError(
      () => dalitzM12Range({ parent: 0.2, daughters: [0.1, 0.1, 0.1] }),
      "KINEMATICALLY_FORBIDDEN",
      "parent",
    );
    expectPhysError(() => dalitzM12Range({ parent: 1, daughters: [0.1, -0.1, 0.1] }), "OUT_OF_DOMAIN", "daughters[1]");
    expectPhysError(() => dalitzM23Range(kaon, 0.5), "OUT_OF_DOMAIN", "m12Sq");
  });
});

describe("three-body decays", () => {
  const n = 40_000;
  const rng = createRandom(21);
  const parents = columnsFromFourVectors(
    Array.from({ length: n }, () => fromMassMomentum(M_K, rng.normal(0, 0.3), rng.normal(0, 0.3), rng.normal(0, 0.3))),
  );
  const d = threeBodyDecayColumns(parents, kaon.daughters, createRandom(22));

  it("conserves four-momentum; the momenta reproduce the sampled Dalitz variables", () => {
    for (let i = 0; i < 500; i++) {
      const a = fourVectorAt(d.first, i);
      const b = fourVectorAt(d.second, i);
      const c = fourVectorAt(d.third, i);
      const p = fourVectorAt(parents, i);
      expect(a.e + b.e + c.e).toBeCloseToRel(p.e, 1e-14);
      expect(a.pz + b.pz + c.pz).toBeCloseToRel(p.pz, 1e-12, 1e-15);
      expect(mass2(add(a, b))).toBeCloseToRel(d.m12Sq[i]!, 1e-10, 1e-14);
      expect(mass2(add(b, c))).toBeCloseToRel(d.m23Sq[i]!, 1e-10, 1e-14);
    }
  });

  // 10 bins, 9 degrees of freedom: P(χ² > 33) = 1e-4.
  it("is flat in the Dalitz plot: the m²₁₂ marginal follows the boundary width (χ², 9 dof)", () => {
    expect(chi2Marginal(d.m12Sq, undefined, kaon)).toBeLessThan(33);
  });

  it("is isotropic: ⟨cos θ₁⟩ = 0 in the parent rest frame (5 standard errors)", () => {
    const atRest = threeBodyDecayColumns(restParents(n), kaon.daughters, createRandom(5));
    let s = 0;
    for (let i = 0; i < n; i++)
      s += atRest.third.pz[i]! / Math.hypot(atRest.third.px[i]!, atRest.third.py[i]!, atRest.third.pz[i]!);
    expect(Math.abs(s / n)).toBeLessThan(5 * Math.sqrt(1 / 3 / n));
  });

  it("samples a matrix element: |M|² = m²₁₂ tilts the marginal accordingly (χ², 9 dof)", () => {
    const max = dalitzM12Range(kaon).max;
    const w = threeBodyDecayColumns(parents, kaon.daughters, createRandom(23), { density: (x) => x, max });
    expect(chi2Marginal(w.m12Sq, undefined, kaon, (t) => t)).toBeLessThan(33);
    expect(chi2Marginal(w.m12Sq, undefined, kaon)).toBeGreaterThan(100); // and is not flat
  });

  it("NaN for parents below threshold; a density above its bound throws", () => {
    const light = columnsFromFourVectors([fromMassMomentum(0.2, 0, 0, 0)]);
    expect(Number.isNaN(threeBodyDecayColumns(light, kaon.daughters, createRandom(1)).first.e[0])).toBe(true);
    expectPhysError(
      () => threeBodyDecayColumns(parents, kaon.daughters, createRandom(1), { density: () => 2, max: 1 }),
      "OUT_OF_DOMAIN",
      "density.density",
    );
    expectPhysError(() => threeBodyDecayColumns(parents, [0, -1, 0], createRandom(1)), "OUT_OF_DOMAIN", "daughters[1]");
  });
});

function restParents(n: number) {
  const p = allocateColumns(n);
  p.e.fill(M_K);
  return p;
}
