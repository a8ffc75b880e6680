// Numbers from tools/reference/models/tensor.py (sympy trace engine, explicit Dirac spinors for all
// six fermions of e+e- → γ* → μ-μ+X with physical X polarisations, scipy quadrature), copied into
// test/fixtures/models-tensor.json.
import { describe, expect, it } from "vitest";
import { gammaStarHadronicTensor, gammaStarMuMuXMsq, gammaStarVectorPolarisedMsq } from "../../src/index.js";
import tensor from "../fixtures/models-tensor.json" with { type: "json" };

const mdot = (a: readonly number[], b: readonly number[]): number =>
  (a[0] as number) * (b[0] as number) -
  (a[1] as number) * (b[1] as number) -
  (a[2] as number) * (b[2] as number) -
  (a[3] as number) * (b[3] as number);

describe("hadronic tensor of γ* → μμX against explicit spin sums with the beams", () => {
  it("ê·H·ê and Tr H at random phase-space points and beam directions (vector, scalar; m_X 0.05-9 GeV)", () => {
    expect(tensor.points.length).toBe(24);
    for (const p of tensor.points) {
      const spin = p.spin as "vector" | "scalar";
      const s = p.sqrtS ** 2;
      const m2 = p.mMu ** 2;
      const M2 = p.mX ** 2;
      const kq1 = p.k1.map((v, i) => v + (p.q[i] as number));
      const kq2 = p.k2.map((v, i) => v + (p.q[i] as number));
      const t1 = mdot(kq1, kq1) - m2;
      const t2 = mdot(kq2, kq2) - m2;
      const tr = gammaStarMuMuXMsq(spin, s, m2, M2, t1, t2);
      // the trace is checked elsewhere against the same spin sums; here it normalises the comparison
      expect(tr).toBeCloseToRel(p.trH, 1e-10);
      const [a1, a2, a3, a4] = gammaStarHadronicTensor(spin, s, m2, M2, t1, t2);
      const u = p.beam[0]! * p.k1[1]! + p.beam[1]! * p.k1[2]! + p.beam[2]! * p.k1[3]!;
      const v = p.beam[0]! * p.k2[1]! + p.beam[1]! * p.k2[2]! + p.beam[2]! * p.k2[3]!;
      const ehe = a1! + a2! * u * u + a3! * v * v + 2 * a4! * u * v;
      // ê·H·ê is a difference of terms up to ~1e3 × Tr H in the collinear corners: compare on the
      // scale of Tr H, to 1e-10 (the reference agrees with the closed form to 1.3e-13 of Tr H)
      expect(ehe).toBeCloseToRel(p.eHeNumeric, 0, 1e-10 * p.trH);
      // and the full |M|²: Σ|M|²/4 = L·H = (s/2)(Tr H - ê·H·ê)
      expect((s / 2) * (tr - ehe)).toBeCloseToRel(p.msqFullOver4, 0, 1e-10 * s * p.trH);
    }
  });

  it("the trace of the tensor is -g_μν H^μν (3A₁ + A₂|k₁|² + A₃|k₂|² + 2A₄ k₁·k₂ = Tr H)", () => {
    for (const p of tensor.points) {
      const spin = p.spin as "vector" | "scalar";
      const s = p.sqrtS ** 2;
      const m2 = p.mMu ** 2;
      const M2 = p.mX ** 2;
      const kq1 = p.k1.map((v, i) => v + (p.q[i] as number));
      const kq2 = p.k2.map((v, i) => v + (p.q[i] as number));
      const t1 = mdot(kq1, kq1) - m2;
      const t2 = mdot(kq2, kq2) - m2;
      const [a1, a2, a3, a4] = gammaStarHadronicTensor(spin, s, m2, M2, t1, t2);
      const k1sq = p.k1[1]! ** 2 + p.k1[2]! ** 2 + p.k1[3]! ** 2;
      const k2sq = p.k2[1]! ** 2 + p.k2[2]! ** 2 + p.k2[3]! ** 2;
      const k12 = p.k1[1]! * p.k2[1]! + p.k1[2]! * p.k2[2]! + p.k1[3]! * p.k2[3]!;
      const trace = 3 * a1! + a2! * k1sq + a3! * k2sq + 2 * a4! * k12;
      expect(trace).toBeCloseToRel(p.trH, 0, 1e-10 * p.trH);
    }
  });
});

describe("vector X at a fixed polarisation (the spin density of the production)", () => {
  it("L·H_ε against explicit spinors, and its sum over three polarisations is L·H (12 points, 0.3-9 GeV)", () => {
    expect(tensor.polarisedPoints.length).toBe(12);
    for (const p of tensor.polarisedPoints) {
      const s = p.sqrtS ** 2;
      const m2 = p.mMu ** 2;
      const M2 = p.mX ** 2;
      const kq1 = p.k1.map((v, i) => v + (p.q[i] as number));
      const kq2 = p.k2.map((v, i) => v + (p.q[i] as number));
      const t1 = mdot(kq1, kq1) - m2;
      const t2 = mdot(kq2, kq2) - m2;
      const rs = p.sqrtS;
      const p1 = [rs / 2, (rs / 2) * p.beam[0]!, (rs / 2) * p.beam[1]!, (rs / 2) * p.beam[2]!];
      const value = gammaStarVectorPolarisedMsq(
        s,
        m2,
        M2,
        t1,
        t2,
        mdot(p1, p.k1),
        mdot(p1, p.k2),
        mdot(p.eps, p.k1),
        mdot(p.eps, p.k2),
        mdot(p.eps, p1),
      );
      // terms up to ~1e3 × the result cancel in collinear corners: on the scale of the sum, 1e-10
      expect(value).toBeCloseToRel(p.msqOver4, 0, 1e-10 * p.sumOverPolarisations);
      // Σ over polarisations = L·H = (s/2)(Tr H - ê·H·ê) of the tensor
      const [a1, a2, a3, a4] = gammaStarHadronicTensor("vector", s, m2, M2, t1, t2);
      const u = p.beam[0]! * p.k1[1]! + p.beam[1]! * p.k1[2]! + p.beam[2]! * p.k1[3]!;
      const v = p.beam[0]! * p.k2[1]! + p.beam[1]! * p.k2[2]! + p.beam[2]! * p.k2[3]!;
      const lh =
        (s / 2) *
        (gammaStarMuMuXMsq("vector", s, m2, M2, t1, t2) - (a1! + a2! * u * u + a3! * v * v + 2 * a4! * u * v));
      expect(lh).toBeCloseToRel(p.sumOverPolarisations, 0, 1e-10 * p.sumOverPolarisations);
    }
  });
});
