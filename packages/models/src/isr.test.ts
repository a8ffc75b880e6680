/**
 * The Kuraev-Fadin radiator (isr.ts) checked independently of `isrConvolve`'s w = x^β substitution:
 * integrals in t = −ln x by adaptive quadrature, and closed forms derived here.
 */
import { integrate } from "@muonphilic/numeric";
import { describe, expect, it } from "vitest";
import { isrBeta, isrConvolve, isrRadiator } from "./isr.js";
import { sigmaMuMuX, sigmaMuMuXWithIsr } from "./production.js";

// PDG 2022 / CODATA 2018, typed here
const ALPHA = 1 / 137.035999084;
const M_E = 0.51099895e-3; // GeV
const M_MU = 0.1056583755; // GeV
const S = 10.58 ** 2;

/** ∫_0^{xMax} f(x) dx for f with an integrable x^(β−1) singularity at 0: x = e^(−t), dx = x dt. */
function integrateInT(f: (x: number) => number, xMax: number): number {
  // the integrand decays like e^(−βt), β ≈ 0.088: at t = 700, e^(−61) ≈ 3e-27 relative
  return integrate((t) => f(Math.exp(-t)) * Math.exp(-t), -Math.log(xMax), 700, { rtol: 1e-12 });
}

describe("isrRadiator: F(x, s) = β x^(β−1)(1 + 3β/4) − β(1 − x/2) (Kuraev1985 at O(β), soft photons exponentiated)", () => {
  const beta = ((2 * ALPHA) / Math.PI) * (Math.log(S / M_E ** 2) - 1);

  it("β = (2α/π)(ln(s/m_e²) − 1) = 0.0877 at √s = 10.58 GeV", () => {
    // the number quoted in the TSDoc (≈ 0.088), from the inputs typed here
    expect(beta).toBeCloseToRel(0.08769, 1e-4);
    expect(isrBeta(S, ALPHA)).toBeCloseToRel(beta, 1e-14);
  });

  it("is normalised: ∫₀¹ F dx = 1 (quadrature in t = −ln x)", () => {
    // analytically: (1 + 3β/4) − β(1 − 1/4) = 1; the quadrature is good to ~1e-12
    expect(integrateInT((x) => isrRadiator(x, S, ALPHA), 1)).toBeCloseToRel(1, 1e-10);
  });

  it("⟨x⟩ = ∫₀¹ x F dx = β(1 + 3β/4)/(1 + β) − β/3, the mean radiated energy fraction", () => {
    const mean = (beta * (1 + 0.75 * beta)) / (1 + beta) - beta / 3;
    expect(integrateInT((x) => x * isrRadiator(x, S, ALPHA), 1)).toBeCloseToRel(mean, 1e-10);
    // and isrConvolve (its own substitution) gives the same
    const convolved = isrConvolve(
      (x) => x,
      S,
      ALPHA,
      1,
      (f, a, b) => integrate(f, a, b, { rtol: 1e-12 }),
    );
    expect(convolved).toBeCloseToRel(mean, 1e-10);
  });

  it("the ISR factor of a 1/s cross section, ∫₀^{x_m} F/(1 − x) dx, against its series", () => {
    // β x^(β−1)/(1 − x) = Σₙ β x^(β−1+n): ∫₀^{x_m} = Σₙ β x_m^(β+n)/(β+n);
    // β(1 − x/2)/(1 − x) = β/2 + (β/2)/(1 − x): ∫₀^{x_m} = β x_m/2 − (β/2) ln(1 − x_m)
    for (const xm of [0.3, 0.8]) {
      let series = 0;
      for (let n = 0; n < 400; n++) series += (beta * xm ** (beta + n)) / (beta + n);
      const closed = (1 + 0.75 * beta) * series - ((beta * xm) / 2 - (beta / 2) * Math.log(1 - xm));
      const viaConvolve = isrConvolve(
        (x) => 1 / (1 - x),
        S,
        ALPHA,
        xm,
        (f, a, b) => integrate(f, a, b, { rtol: 1e-12 }),
      );
      // series truncated at n = 400: 0.8^400 ≈ 1e-39
      expect(viaConvolve).toBeCloseToRel(closed, 1e-10);
      expect(integrateInT((x) => isrRadiator(x, S, ALPHA) / (1 - x), xm)).toBeCloseToRel(closed, 1e-10);
    }
  });

  it("sigmaMuMuXWithIsr = ∫ F(x) σ(s(1 − x)) dx, the convolution done here in t = −ln x", () => {
    for (const [spin, mass] of [
      ["vector", 1],
      ["scalar", 3],
    ] as const) {
      const opts = { mass, coupling: 1e-3, spin, sqrtS: Math.sqrt(S) } as const;
      const xMax = 1 - ((mass + 2 * M_MU) / Math.sqrt(S)) ** 2;
      const reference = integrateInT((x) => {
        const sqrtSp = Math.sqrt(S * (1 - x));
        return sqrtSp > mass + 2 * M_MU ? isrRadiator(x, S, ALPHA) * sigmaMuMuX({ ...opts, sqrtS: sqrtSp }) : 0;
      }, xMax);
      // sigmaMuMuXWithIsr integrates to rtol 1e-8
      expect(sigmaMuMuXWithIsr(opts)).toBeCloseToRel(reference, 1e-7);
      // the ISR factor σ_ISR/σ is a few per cent from 1 (1.022 for the vector at 1 GeV, 0.973 for
      // the scalar at 3 GeV): ∫F = 1, and σ(s') varies slowly over the ⟨x⟩ ≈ 6% radiated
      const ratio = reference / sigmaMuMuX(opts);
      expect(Math.abs(ratio - 1)).toBeLessThan(0.05);
      expect(Math.abs(ratio - 1)).toBeGreaterThan(0.01);
    }
  });
});
