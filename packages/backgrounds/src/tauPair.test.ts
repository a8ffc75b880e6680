import { beamSetup, createRandom } from "@muonphilic/kinematics";
import { M_MU, M_TAU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import traces from "../test/fixtures/traces.json" with { type: "json" };
import { michelMoments } from "./michel.js";
import { generateTauPairMuMu, tauPairMuMuSigma, tauSpinCorrelation } from "./tauPair.js";

/**
 * Independent moments of τ → μνν̄ at rest from the V-A matrix element |M|² ∝ (M² − m₁₃²)(m₁₃² − m²)
 * by a midpoint rule over the Dalitz plot (m₁₂² = (μ + ν̄)², m₂₃² = (ν̄ + ν)²): ⟨E_μ⟩/M and the
 * spin analysing power a = ⟨p⃗_μ·n̂_ν̄⟩/(3M) (the shift of ⟨x⟩ per unit longitudinal spin).
 */
function restMoments(m: number): { mean: number; a: number } {
  const M = M_TAU;
  const M2 = M * M;
  const m2 = m * m;
  const n = 1200;
  let w0 = 0;
  let wE = 0;
  let wA = 0;
  for (let i = 0; i < n; i++) {
    const m12 = m2 + ((M2 - m2) * (i + 0.5)) / n;
    const e2 = (m12 - m2) / (2 * Math.sqrt(m12));
    const e3 = (M2 - m12) / (2 * Math.sqrt(m12));
    const hi = 4 * e2 * e3;
    for (let j = 0; j < n; j++) {
      const m23 = (hi * (j + 0.5)) / n;
      const m13 = M2 + m2 - m12 - m23;
      const w = (M2 - m13) * (m13 - m2) * (hi / n);
      const eMu = (M2 + m2 - m23) / (2 * M);
      const eNu = (M2 - m13) / (2 * M);
      const pDotN = (eMu * eNu - (m12 - m2) / 2) / eNu;
      w0 += w;
      wE += w * eMu;
      wA += w * pDotN;
    }
  }
  return { mean: wE / w0 / M, a: wA / w0 / (3 * M) };
}

describe("tau pair", () => {
  it("the spin-correlation matrix equals the Dirac traces with spin projectors (traces.json)", () => {
    for (const r of traces.tauSpin) {
      const c = tauSpinCorrelation(Math.cos(r.theta), r.beta);
      const m = r.C as number[][];
      // rational functions of cos θ and β against double-precision traces: 1e-12
      expect([c.xx, c.yy, c.zz, c.xz, c.xz]).toBeCloseToRel(
        [m[0]![0]!, m[1]![1]!, m[2]![2]!, m[0]![2]!, m[2]![0]!],
        1e-12,
        1e-14,
      );
      expect([m[0]![1]!, m[1]![2]!]).toBeCloseToRel([0, 0], 0, 1e-14);
    }
  });
  it("σ = 0.919 nb × BR² = 27.79 pb (Jho2019 eq. (3.11))", () => {
    expect(tauPairMuMuSigma()).toBeCloseToRel(27.79167199, 1e-9);
  });

  it("the V-A decay reproduces Jho2019's collinear moments for a massless muon", () => {
    const r = restMoments(0);
    const m = michelMoments();
    // midpoint rule on a 1200² grid: O(1/n²) ≈ 1e-6 relative
    expect(r.mean).toBeCloseToRel(m.mean, 1e-5);
    // the muon runs against the τ- spin: ⟨x⟩_P = ⟨x⟩ − P ∫x g (Jho2019 eq. (3.12)), so a = −∫x g
    expect(r.a).toBeCloseToRel(-m.gMean, 1e-4);
  });

  it("collinear limit: mean x and the helicity correlation of the two muons match the exact decay", () => {
    // at √s = 200 GeV β_τ = 0.99992; unpolarised ⟨x⟩ = ⟨E*⟩/M for any β, and opposite helicities
    // (C_zz → 1) give cov(x₋, x₊) = a²
    const beams = beamSetup({ electronEnergy: 100, positronEnergy: 100 });
    const n = 100000;
    const s = generateTauPairMuMu({ events: n, beams, isr: false }, createRandom(5));
    const exact = restMoments(M_MU);
    let sum = 0;
    let sum2 = 0;
    let cross = 0;
    for (let i = 0; i < n; i++) {
      const a = s.xMinus[i] as number;
      const b = s.xPlus[i] as number;
      sum += a + b;
      sum2 += a * a + b * b;
      cross += a * b;
    }
    const mean = sum / (2 * n);
    const variance = sum2 / (2 * n) - mean * mean;
    // statistical tolerances: 4σ of the mean, 4σ of a covariance (≈ Var/√n)
    expect(mean).toBeCloseToRel(exact.mean, 0, 4 * Math.sqrt(variance / (2 * n)));
    expect(cross / n - mean * mean).toBeCloseToRel(exact.a ** 2, 0, (4 * variance) / Math.sqrt(n));
    // and it is not zero: without the spin correlation the covariance vanishes
    const u = generateTauPairMuMu({ events: n, beams, isr: false, spinCorrelation: false }, createRandom(6));
    let su = 0;
    let cu = 0;
    for (let i = 0; i < n; i++) {
      su += (u.xMinus[i] as number) + (u.xPlus[i] as number);
      cu += (u.xMinus[i] as number) * (u.xPlus[i] as number);
    }
    expect(cu / n - (su / (2 * n)) ** 2).toBeCloseToRel(0, 0, (4 * variance) / Math.sqrt(n));
  });
});

describe("sampleMichel", () => {
  it("samples the collinear spectrum: mean 7/20 − P/20", async () => {
    const { sampleMichel } = await import("./michel.js");
    const { createRandom } = await import("@muonphilic/kinematics");
    const rng = createRandom(17);
    const n = 40000;
    for (const pol of [0, 1]) {
      let sum = 0;
      let sum2 = 0;
      for (let i = 0; i < n; i++) {
        const x = sampleMichel(pol, () => rng.uniform());
        sum += x;
        sum2 += x * x;
      }
      const mean = sum / n;
      const sd = Math.sqrt(sum2 / n - mean * mean);
      expect(mean).toBeCloseToRel(0.35 - pol * 0.05, 0, (4 * sd) / Math.sqrt(n));
    }
  });
});
