import type { RandomSource } from "@muonphilic/random";
import { describe, expect, it } from "vitest";
import {
  countUpcrossings,
  globalPValueFromToys,
  grossVitells,
  normalCdf,
  normalSf,
  toyScans,
} from "../../src/index.js";

/**
 * A binned resonance search: 80 bins on [0, 1], flat background of 50 events per bin, Gaussian
 * signal of width 0.015 scanned from 0.1 to 0.9 in steps of 0.005 (a third of the width). At each
 * mass, (B, S) are fitted by Newton's method; q₀ = 2 (ln L(B̂, Ŝ) − ln L(B̂₀, 0)) for Ŝ > 0.
 */
const NBINS = 80;
const WIDTH = 0.015;
const MASSES = Array.from({ length: 161 }, (_, i) => 0.1 + 0.005 * i);
const BKG = 50;
const templates = MASSES.map((m) =>
  Float64Array.from(
    { length: NBINS },
    (_, i) => normalCdf(((i + 1) / NBINS - m) / WIDTH) - normalCdf((i / NBINS - m) / WIDTH),
  ),
);

function q0Scan(n: Float64Array): Float64Array {
  const total = n.reduce((a, b) => a + b, 0);
  const f = 1 / NBINS;
  let nll0 = total; // −ln L(B = N, S = 0) up to the data constant
  for (let i = 0; i < NBINS; i++) if (n[i]! > 0) nll0 -= n[i]! * Math.log(total * f);
  return Float64Array.from(templates, (g) => {
    let b = total;
    let s = 0;
    for (let it = 0; it < 30; it++) {
      let gb = 0;
      let gs = 0;
      let hbb = 0;
      let hbs = 0;
      let hss = 0;
      for (let i = 0; i < NBINS; i++) {
        const l = b * f + s * g[i]!;
        const r = n[i]! / l;
        gb += f * (1 - r);
        gs += g[i]! * (1 - r);
        const w = r / l;
        hbb += w * f * f;
        hbs += w * f * g[i]!;
        hss += w * g[i]! * g[i]!;
      }
      const det = hbb * hss - hbs * hbs;
      const db = (hss * gb - hbs * gs) / det;
      const ds = (hbb * gs - hbs * gb) / det;
      let t = 1;
      // keep every λ positive
      while (!g.every((gi) => (b - t * db) * f + (s - t * ds) * gi > 0)) t /= 2;
      b -= t * db;
      s -= t * ds;
      if (Math.abs(ds) < 1e-10 * (1 + Math.abs(s)) && Math.abs(db) < 1e-10 * b) break;
    }
    if (s <= 0) return 0;
    let nll1 = 0;
    for (let i = 0; i < NBINS; i++) {
      const l = b * f + s * g[i]!;
      nll1 += l - (n[i]! > 0 ? n[i]! * Math.log(l) : 0);
    }
    return Math.max(0, 2 * (nll0 - nll1));
  });
}

const backgroundOnlyScan = (rng: RandomSource): Float64Array =>
  q0Scan(Float64Array.from({ length: NBINS }, () => rng.poisson(BKG)));

describe("Gross-Vitells look-elsewhere correction (GV2010)", () => {
  it("counts up-crossings and reduces to the local p-value without any", () => {
    expect(countUpcrossings([0, 2, 0, 3, 4, 0], 1)).toBe(2);
    expect(countUpcrossings([2, 2, 2], 1)).toBe(0);
    const g = grossVitells(9, 0, 0.5);
    expect(g.pGlobal).toBeCloseToRel(normalSf(3), 1e-15);
    expect(g.zGlobal).toBeCloseToRel(3, 1e-12);
    expect(grossVitells(9, 10, 0.5).trialsFactor).toBeCloseToRel(1 + (10 * Math.exp(-4.25)) / normalSf(3), 1e-12);
    expect(grossVitells(0.1, 30).pGlobal).toBe(1);
    expect(() => grossVitells(-1, 1)).toThrow(expect.objectContaining({ code: "OUT_OF_DOMAIN", argument: "qMax" }));
  });

  it("a local q₀ scan is χ²-like: the fraction of points above 4 is ≈ Φ(−2) (asymptotic regime)", () => {
    const s = toyScans(backgroundOnlyScan, 100, { seed: 11 });
    expect(s.maxQ.length).toBe(100);
    // one scan point per toy (the middle mass): P(q₀ ≥ 4) = Φ(−2) = 0.0228 within 3σ of 400 toys
    const mid = toyScans((rng) => backgroundOnlyScan(rng).subarray(80, 81), 400, { seed: 12 });
    const p = globalPValueFromToys(mid.maxQ, 4);
    expect(p.p).toBeCloseToRel(normalSf(2), 0, 3 * Math.sqrt((normalSf(2) * (1 - normalSf(2))) / 400));
  });

  it("agrees with the toy global p-value of background-only scans within its statistical precision", () => {
    // 1500 background-only scans (seeded); ⟨N(u₀)⟩ at u₀ = 0.5 from the same toys
    const toys = toyScans(backgroundOnlyScan, 1500, { seed: 2024, referenceLevel: 0.5 });
    // ~50 resolution widths scanned: a few up-crossings of u₀ = 0.5 per scan
    expect(toys.meanUpcrossings).toBeGreaterThan(2);
    for (const u of [9, 12.25]) {
      const mc = globalPValueFromToys(toys.maxQ, u);
      const gv = grossVitells(u, toys.meanUpcrossings, 0.5);
      const gvError = toys.meanUpcrossingsError * Math.exp(-0.5 * (u - 0.5));
      // 3 combined standard errors (toy binomial error and the error of ⟨N(u₀)⟩)
      expect(gv.pGlobal, `u = ${u}`).toBeCloseToRel(mc.p, 0, 3 * Math.hypot(mc.error, gvError));
      expect(gv.pGlobal).toBeGreaterThan(gv.pLocal * 5); // a real trials factor
    }
  });
});
