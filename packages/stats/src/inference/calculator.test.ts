import { bracketRoot, brent, normalCdf, normalQuantile, normalSf } from "@muonphilic/numeric";
import { describe, expect, it } from "vitest";
import { migrad, type Objective, type ParameterSpec } from "../minimizer/index.js";
import { asymptoticCls, asymptoticExpectedCls, expectedLimitSqrtQA } from "./asymptotic.js";
import { makeAsymptoticCalculator, type ProfileLikelihood } from "./calculator.js";
import { asymptoticPValue, q0, qMu, qMuTilde, tMu, tMuTilde } from "./testStatistics.js";

/**
 * Two Gaussian measurements: x ~ N(μ + θ, 1), y ~ N(θ, 0.5). Profiling θ gives μ̂ = x − y with
 * σ² = 1.25 exactly, so every asymptotic formula is exact and limits have closed forms.
 */
function gaussianProblem(x: number, y: number, poiLower = 0): ProfileLikelihood {
  const make = (xo: number, yo: number): Objective => {
    const f = ((p: Float64Array) => 0.5 * (xo - p[0]! - p[1]!) ** 2 + 2 * (yo - p[1]!) ** 2) as Objective;
    f.gradient = (p, g) => {
      g[0] = -(xo - p[0]! - p[1]!);
      g[1] = -(xo - p[0]! - p[1]!) - 4 * (yo - p[1]!);
    };
    f.errordef = 0.5;
    return f;
  };
  const params: ParameterSpec[] = [
    { name: "mu", value: 1, lower: poiLower, upper: 20 },
    { name: "theta", value: 0 },
  ];
  return { params, poiIndex: 0, nll: make(x, y), asimov: (p) => make(p[0]! + p[1]!, p[1]!) };
}
const SIGMA = Math.sqrt(1.25);

describe("test statistics (CCGV2011)", () => {
  it("follow their definitions", () => {
    expect(tMu(10.5, 10)).toBe(1);
    expect(tMu(10, 10.0000001)).toBe(0); // clipped rounding
    expect(qMu(10.5, 10, 2, 1)).toBe(0); // μ̂ > μ
    expect(qMuTilde(4, 1, 2, -0.5, 1)).toBe(4); // μ̂ < 0: measured from μ = 0
    expect(tMuTilde(3, 1, 2, 0.5)).toBe(4);
    expect(q0(12.5, 10, 3)).toBe(5);
    expect(q0(12.5, 10, -3)).toBe(0);
  });
  it("asymptotic p-values match direct Gaussian probabilities of μ̂", () => {
    expect(asymptoticPValue("q0", 25)).toBeCloseToRel(2.866515718791939e-7, 1e-14);
    expect(asymptoticPValue("tmu", 3.841458820694124)).toBeCloseToRel(0.05, 1e-12);
    // q̃ with μ/σ = 2 (q_A = 4): above q_A, q̃ = (μ² − 2μμ̂)/σ² ⇒ μ̂* = (μ² − q̃σ²)/(2μ), p = Φ((μ̂* − μ)/σ)
    const mu = 2;
    for (const q of [1, 4, 9, 16]) {
      const muStar = q <= 4 ? mu - Math.sqrt(q) : (mu * mu - q) / (2 * mu);
      expect(asymptoticPValue("qmutilde", q, 4)).toBeCloseToRel(normalCdf(muStar - mu), 1e-13);
    }
    // t̃ two-sided: P(|μ̂ − μ| ≥ √t) for t ≤ q_A, else the upper side plus μ̂ below μ̂*
    expect(asymptoticPValue("tmutilde", 1, 4)).toBeCloseToRel(2 * normalSf(1), 1e-14);
    expect(asymptoticPValue("tmutilde", 9, 4)).toBeCloseToRel(normalSf(3) + normalCdf((4 - 9) / 4 - 2), 1e-13);
  });
});

describe("asymptotic CLs formulas (pyhf AsymptoticCalculator)", () => {
  it("expected CLs at the band's √q_A equals α (closure of expectedLimitSqrtQA)", () => {
    expect(expectedLimitSqrtQA(0.05, 0)).toBeCloseToRel(normalQuantile(0.975), 1e-14);
    for (let k = 0; k < 5; k++) {
      const x = expectedLimitSqrtQA(0.1, k - 2);
      expect(asymptoticExpectedCls(x * x)[k]).toBeCloseToRel(0.1, 1e-12);
    }
  });
  it("CLs = 1 without sensitivity (q_A = 0)", () => {
    expect(asymptoticCls(0, 0).cls).toBe(1);
    expect(asymptoticExpectedCls(0)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe("makeAsymptoticCalculator on a Gaussian problem (Wald exact)", () => {
  it("hypotest: q, q_A and CLs follow the closed forms", () => {
    const muHat = 0.8;
    const calc = makeAsymptoticCalculator(gaussianProblem(muHat + 0.3, 0.3));
    const r = calc.hypotest(3);
    // fits converge to EDM 1e-6: q to ~1e-5 absolute
    expect(r.muHat).toBeCloseToRel(muHat, 0, 2e-3);
    expect(r.q).toBeCloseToRel(((3 - muHat) / SIGMA) ** 2, 0, 1e-4);
    expect(r.qA).toBeCloseToRel((3 / SIGMA) ** 2, 0, 1e-4);
    // CLs = Φ((μ̂ − μ)/σ) / Φ(μ̂/σ)
    expect(r.clsObs).toBeCloseToRel(normalCdf((muHat - 3) / SIGMA) / normalCdf(muHat / SIGMA), 1e-3);
    expect(r.valid).toBe(true);
  });

  it("upper limit: observed μ̂ + σ Φ⁻¹(1 − α Φ(μ̂/σ)), expected σ x_N", () => {
    const muHat = 0.8;
    const calc = makeAsymptoticCalculator(gaussianProblem(muHat + 0.3, 0.3));
    const ul = calc.upperLimit({ cl: 0.9 });
    const obs = muHat + SIGMA * normalQuantile(1 - 0.1 * normalCdf(muHat / SIGMA));
    expect(ul.observed).toBeCloseToRel(obs, 1e-4);
    expect(ul.expected).toBeCloseToRel(
      [-2, -1, 0, 1, 2].map((n) => SIGMA * expectedLimitSqrtQA(0.1, n)),
      1e-4,
    );
    expect(ul.method).toBe("asymptotic");
  });

  it("q̃ for μ̂ < 0 is (μ² − 2μμ̂)/σ², with the POI bounded at 0 (pyhf) or free (CCGV eq. (16))", () => {
    const bounded = makeAsymptoticCalculator(gaussianProblem(-0.5, 0));
    const p = gaussianProblem(-0.5, 0, -10);
    const free = makeAsymptoticCalculator(p);
    const expected = (2 * 2 - 2 * 2 * -0.5) / 1.25;
    expect(bounded.testStatistic(2)).toBeCloseToRel(expected, 0, 1e-4);
    expect(free.testStatistic(2)).toBeCloseToRel(expected, 0, 1e-4);
    const q = makeAsymptoticCalculator(p, { testStat: "q" });
    expect(q.testStatistic(2)).toBeCloseToRel((2.5 / SIGMA) ** 2, 0, 1e-4);
  });

  it("uses a caller's minimiser for every profile fit", () => {
    let calls = 0;
    const calc = makeAsymptoticCalculator(gaussianProblem(1.1, 0.3), {
      minimizer: (fcn, params) => {
        calls++;
        return migrad(fcn, params, { tolerance: 1e-4 });
      },
    });
    const r = calc.hypotest(3);
    expect(calls).toBe(5); // free, at μ = 3, at μ = 0 (Asimov generator), Asimov free, Asimov at μ = 3
    expect(r.q).toBeCloseToRel(((3 - 0.8) / SIGMA) ** 2, 0, 1e-5);
  });

  it("discovery: Z = μ̂/σ", () => {
    const d = makeAsymptoticCalculator(gaussianProblem(3 * SIGMA, 0)).discovery();
    expect(d.z).toBeCloseToRel(3, 1e-4);
    expect(d.p0).toBeCloseToRel(normalSf(3), 1e-3);
  });

  it("throws NO_BRACKET when the range cannot contain the limit, NO_POI for a bad POI index", () => {
    const calc = makeAsymptoticCalculator(gaussianProblem(0.3, 0));
    expect(() => calc.upperLimit({ cl: 0.95, range: [0, 1] })).toThrow(
      expect.objectContaining({ code: "NO_BRACKET", argument: "options.range" }),
    );
    expect(() => calc.upperLimit({ cl: 0.95, range: [5, 10] })).toThrow(
      expect.objectContaining({ code: "NO_BRACKET" }),
    );
    expect(() => makeAsymptoticCalculator({ ...gaussianProblem(0, 0), poiIndex: 2 })).toThrow(
      expect.objectContaining({ code: "NO_POI" }),
    );
    expect(() => calc.upperLimit({ cl: 1.2 })).toThrow(
      expect.objectContaining({ code: "OUT_OF_DOMAIN", argument: "options.cl" }),
    );
  });
});

describe("root finding", () => {
  it("Brent finds cos x = x to 1e-14", () => {
    const f = (x: number) => Math.cos(x) - x;
    expect(brent(f, { x: 0, f: f(0) }, { x: 1, f: f(1) }, 1e-15, 1e-15)).toBeCloseToRel(0.7390851332151607, 1e-14);
  });
  it("bracketRoot expands from a guess in either direction and reports the side that failed", () => {
    const f = (x: number) => 5 - x;
    const up = bracketRoot(f, 1, 0, 100);
    expect(up.ok && up.a.x <= 5 && up.b.x > 5).toBe(true);
    const down = bracketRoot(f, 50, 0, 100);
    expect(down.ok && down.a.x <= 5 && down.b.x > 5).toBe(true);
    const none = bracketRoot(f, 1, 0, 4);
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.side).toBe("above");
  });
});
