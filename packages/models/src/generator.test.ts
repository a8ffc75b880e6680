import { belle2Beams, createRandom } from "@muonphilic/kinematics";
import { integrate } from "@muonphilic/numeric";
import { M_MU, PhysError } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { generateMuMuX } from "./generator.js";
import { dSigmaMuMuXdz, sigmaMuMuX, sigmaMuMuXWithIsr } from "./production.js";

const beams = belle2Beams();
const sqrtS = beams.sqrtS;
const mass2 = (e: number, px: number, py: number, pz: number): number => e * e - px * px - py * py - pz * pz;

describe("generateMuMuX", () => {
  it("four-momentum conservation, on-shell muons, X → μμ daughters reconstruct m_X (lab frame)", () => {
    const sample = generateMuMuX(
      { mass: 1.5, coupling: 1e-3, spin: "vector", decay: "mumu", events: 2000 },
      createRandom(11),
    );
    const p = sample.events.particles;
    for (let i = 0; i < sample.events.size; i++) {
      let e = 0;
      let pz = 0;
      let px = 0;
      for (const k of ["muPlus", "muMinus", "xMuPlus", "xMuMinus"] as const) {
        const c = p[k];
        e += c.e[i] as number;
        px += c.px[i] as number;
        pz += c.pz[i] as number;
        expect(
          Math.sqrt(mass2(c.e[i] as number, c.px[i] as number, c.py[i] as number, c.pz[i] as number)),
        ).toBeCloseToRel(M_MU, 1e-7);
      }
      // Belle II 7 + 4 GeV head-on beams with the electron mass (p_z = 3 + 1.4e-8 GeV); round-off 1e-12
      expect(e).toBeCloseToRel(beams.total.e, 1e-12);
      expect(pz).toBeCloseToRel(beams.total.pz, 1e-11);
      expect(px).toBeCloseToRel(0, 0, 1e-11);
      const ex = (p.xMuPlus.e[i] as number) + (p.xMuMinus.e[i] as number);
      const xx = (p.xMuPlus.px[i] as number) + (p.xMuMinus.px[i] as number);
      const xy = (p.xMuPlus.py[i] as number) + (p.xMuMinus.py[i] as number);
      const xz = (p.xMuPlus.pz[i] as number) + (p.xMuMinus.pz[i] as number);
      expect(Math.sqrt(mass2(ex, xx, xy, xz))).toBeCloseToRel(1.5, 1e-9);
    }
  });

  for (const spin of ["vector", "scalar"] as const) {
    it(`${spin}: the z spectrum follows dσ/dz (χ²) and the Monte Carlo rate reproduces σ (splitting)`, () => {
      const mass = 0.5;
      const n = 20000;
      const sample = generateMuMuX({ mass, coupling: 1e-3, spin, decay: "invisible", events: n }, createRandom(3));
      const sigma = sigmaMuMuX({ mass, coupling: 1e-3, spin, method: "splitting" });
      // rate: hit-or-miss estimate within 4σ of its statistical error (≈ 0.5% for 20k events)
      expect(Math.abs(sample.crossSection - sigma)).toBeLessThan(4 * sample.crossSectionError);
      // spectrum: 20 bins in z, Pearson χ² against the integrated dσ/dz; χ²(19 dof) < 43.8 at p = 0.001
      const zMin = (2 * mass) / sqrtS;
      const zMax = 1 - (2 * M_MU) / sqrtS;
      const bins = 20;
      const counts = new Float64Array(bins);
      for (const z of sample.z) {
        const b = Math.min(bins - 1, Math.floor(((z - zMin) / (zMax - zMin)) * bins));
        counts[b] = (counts[b] as number) + 1;
      }
      let chi2 = 0;
      for (let b = 0; b < bins; b++) {
        const lo = zMin + ((zMax - zMin) * b) / bins;
        const hi = lo + (zMax - zMin) / bins;
        const expected =
          (n *
            integrate((z) => dSigmaMuMuXdz({ sqrtS: sqrtS, mass, coupling: 1e-3, spin, z }), lo, hi, { rtol: 1e-8 })) /
          sigmaMuMuX({ sqrtS: sqrtS, mass, coupling: 1e-3, spin, method: "splitting" });
        chi2 += ((counts[b] as number) - expected) ** 2 / expected;
      }
      expect(chi2).toBeLessThan(43.8);
    });
  }

  it("with ISR the Monte Carlo rate reproduces ∫F(x)σ(s(1-x))dx, and the photon balances the event", () => {
    const opts = { mass: 2, coupling: 1e-3, spin: "scalar" as const };
    const sample = generateMuMuX({ ...opts, decay: "mumu", events: 10000, isr: true }, createRandom(5));
    const expected = sigmaMuMuXWithIsr({ ...opts, sqrtS: sqrtS, method: "splitting" });
    expect(Math.abs(sample.crossSection - expected)).toBeLessThan(4 * sample.crossSectionError);
    const p = sample.events.particles;
    let e = 0;
    for (const k of ["muPlus", "muMinus", "xMuPlus", "xMuMinus", "gammaIsr"] as const) e += p[k].e[7] as number;
    expect(e).toBeCloseToRel(beams.total.e, 1e-12);
  });

  it("is reproducible for a seed; rejects bad input", () => {
    const a = generateMuMuX(
      { mass: 0.3, coupling: 1, spin: "vector", decay: "invisible", events: 50 },
      createRandom(3),
    );
    const b = generateMuMuX(
      { mass: 0.3, coupling: 1, spin: "vector", decay: "invisible", events: 50 },
      createRandom(3),
    );
    expect(Array.from(a.events.particles.x.e)).toEqual(Array.from(b.events.particles.x.e));
    const run =
      (o: Partial<Parameters<typeof generateMuMuX>[0]>): (() => unknown) =>
      () =>
        generateMuMuX({ mass: 0.3, coupling: 1, spin: "vector", decay: "mumu", events: 1, ...o }, createRandom(1));
    expect(run({ mass: 6 })).toThrow(PhysError);
    expect(run({ mass: 0.1 })).toThrow(/2m_μ/);
    expect(run({ events: 1.5 })).toThrow(PhysError);
  });
});
