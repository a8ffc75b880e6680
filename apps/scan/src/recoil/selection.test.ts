import { belle2Beams } from "@muonphilic/kinematics";
import { M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { DEFAULT_RECOIL_CUTS, recoilEvaluator, selectRecoilData } from "./selection.js";

/** Lab momenta of μ-, μ+ for a CM configuration: a Z' of mass m at polar angle θ* recoiling against a 3 GeV muon pair, the muons back-to-back along y in the pair frame. */
function event(m: number, cosTheta: number) {
  const beams = belle2Beams();
  const s = beams.sqrtS ** 2;
  // two-body CM: pair of mass M12 against the Z'
  const m12 = 3;
  const p = Math.sqrt((s - (m + m12) ** 2) * (s - (m - m12) ** 2)) / (2 * beams.sqrtS);
  const sin = Math.sqrt(1 - cosTheta ** 2);
  const e12 = Math.sqrt(p * p + m12 * m12);
  // pair momentum −p along (sin, 0, cos); muons back-to-back along y in the pair frame
  const q = Math.sqrt((m12 / 2) ** 2 - M_MU ** 2);
  const g = e12 / m12;
  const bx = (-p * sin) / e12;
  const bz = (-p * cosTheta) / e12;
  const mu = (sign: number) => {
    // boost (E = m12/2, p = (0, ±q, 0)) by β = (bx, 0, bz): p_y unchanged, longitudinal components γβE
    const e = g * (m12 / 2);
    return { e, px: g * bx * (m12 / 2), py: sign * q, pz: g * bz * (m12 / 2) };
  };
  const lab = (v: { e: number; px: number; py: number; pz: number }) => {
    const b = beams.boost;
    const b2 = b.x * b.x + b.y * b.y + b.z * b.z;
    const gb = 1 / Math.sqrt(1 - b2);
    const bp = b.x * v.px + b.y * v.py + b.z * v.pz;
    const k = ((gb - 1) * bp) / b2 + gb * v.e;
    return [v.px + k * b.x, v.py + k * b.y, v.pz + k * b.z] as const;
  };
  return { beams, a: lab(mu(-1)), b: lab(mu(1)) };
}

describe("recoil observables and kinematic cuts", () => {
  it("M²_recoil is the Z' mass² and cos θ* its CM polar angle, for exact two-body kinematics", () => {
    for (const [m, c] of [
      [0.5, 0.3],
      [4, -0.6],
      [7.5, 0.9],
    ] as const) {
      const { beams, a, b } = event(m, c);
      const r = recoilEvaluator(beams)(a[0], a[1], a[2], b[0], b[1], b[2]);
      // round-off of ~100 GeV² differences in double precision: 1e-9 GeV²
      expect(r.m2).toBeCloseTo(m * m, 8);
      expect(r.cosTheta).toBeCloseTo(c, 10);
    }
  });

  it("applies each kinematic cut and reports the cut flow", () => {
    const { beams, a, b } = event(4, 0.2);
    const col = (v: readonly number[]) => Float64Array.from(v);
    // event 0 passes; event 1 has a soft μ+ (pT < 0.4 GeV)
    const sel = selectRecoilData(
      [col([a[0], a[0]]), col([a[1], a[1]]), col([a[2], a[2]])],
      [col([b[0], 0.1]), col([b[1], 0.1]), col([b[2], b[2]])],
      beams,
    );
    expect(sel.cutFlow[0]).toEqual({ name: "input events", events: 2 });
    expect(sel.cutFlow[1]).toEqual({ name: "muon pT", events: 1 });
    expect(sel.m2.length).toBe(sel.cutFlow[sel.cutFlow.length - 1]!.events);
    expect(() => recoilEvaluator(beams, { ...DEFAULT_RECOIL_CUTS, photonConeDeg: 0 })).toThrow(/cuts.photonConeDeg/);
  });
});
