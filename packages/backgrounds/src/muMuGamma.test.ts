import { createRandom, ramboColumns } from "@muonphilic/kinematics";
import { ALPHA, GEV2_PB, M_E, M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import traces from "../test/fixtures/traces.json" with { type: "json" };
import { generateMuMuGamma, muMuGammaMsq } from "./muMuGamma.js";

describe("muMuGammaMsq", () => {
  it("matches the exact massive Dirac trace (traces.json) to 5e-3", () => {
    // the factorised form is exact for massless fermions; the mass terms it misses (beyond the
    // eikonal current) are O(m_μ²/(q·k)) ≈ 1e-3 at these points
    for (const r of traces.mumugamma) {
      expect(muMuGammaMsq(r.pPlus, r.pMinus, r.qPlus, r.qMinus, r.k)).toBeCloseToRel(r.msqOverE6, 5e-3);
    }
  });
});

describe("generateMuMuGamma", () => {
  it("its weighted cross section agrees with an independent flat (RAMBO) integration of the same |M|²", () => {
    const eMin = 1.5;
    const cMax = 0.8;
    const g = generateMuMuGamma({ events: 40000, minPhotonEnergy: eMin, maxAbsCosTheta: cMax }, createRandom(11));
    // RAMBO in the CM frame at √s of the beams; same region (E_γ > eMin, |cos θ_γ| < cMax)
    const sqrtS = 10.583005244258363;
    const n = 200000;
    const r = ramboColumns(sqrtS, [M_MU, M_MU, 0], n, createRandom(12));
    const pe = Math.sqrt((sqrtS * sqrtS) / 4 - M_E * M_E);
    const pp = [sqrtS / 2, 0, 0, -pe];
    const pm = [sqrtS / 2, 0, 0, pe];
    const [qm, qp, k] = r.daughters as [(typeof r.daughters)[0], (typeof r.daughters)[0], (typeof r.daughters)[0]];
    const e6 = (4 * Math.PI * ALPHA) ** 3;
    let sum = 0;
    let sum2 = 0;
    for (let i = 0; i < n; i++) {
      const eg = k.e[i] as number;
      if (!(eg > eMin && Math.abs((k.pz[i] as number) / eg) < cMax)) continue;
      const v = (c: typeof k) => [c.e[i] as number, c.px[i] as number, c.py[i] as number, c.pz[i] as number];
      const f =
        ((e6 * muMuGammaMsq(pp, pm, v(qp), v(qm), v(k))) / (2 * sqrtS * sqrtS)) * (r.weight[i] as number) * GEV2_PB;
      sum += f;
      sum2 += f * f;
    }
    const mean = sum / n;
    const err = Math.sqrt((sum2 / n - mean * mean) / n);
    // statistical: 4 combined standard errors
    expect(g.crossSectionPb).toBeCloseToRel(mean, 0, 4 * Math.hypot(err, g.crossSectionErrorPb));
  });
});
