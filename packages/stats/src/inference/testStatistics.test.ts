import { normalCdf, normalQuantile } from "@muonphilic/numeric";
import { createRandom } from "@muonphilic/random";
import { describe, expect, it } from "vitest";
import { histFactoryLikelihood } from "../histfactory/inference.js";
import { compileModel } from "../histfactory/model.js";
import type { Workspace } from "../histfactory/types.js";
import type { Objective, ParameterSpec } from "../minimizer/index.js";
import type { ToyLikelihood } from "../toys/core.js";
import { toyHypotestSync, toyUpperLimitSync } from "../toys/toys.js";
import { asymptoticCls, asymptoticExpectedCls } from "./asymptotic.js";
import { fitProfile, makeAsymptoticCalculator } from "./calculator.js";
import {
  asymptoticPValue,
  BAND_SIGMAS,
  q0,
  qMu,
  qMuTilde,
  type TestStatisticName,
  tMu,
  tMuTilde,
} from "./testStatistics.js";

// Independent checks of the test statistics and their asymptotic distributions (CCGV2011) on the
// problem where the asymptotic formulas are exact: one Gaussian measurement μ̂ ~ N(μ, σ), whose
// −ln L(μ) = (μ̂ − μ)²/2σ² + C. Every statistic then has a closed form in μ̂ (CCGV2011 §3: Wald's
// approximation −2 ln λ(μ) = (μ − μ̂)²/σ² of §3.1 holds exactly), and its sampling distribution is that of μ̂: the
// p-values are normal probabilities, checked against tabulated quantiles and by simulation.

/** −ln L of one Gaussian measurement, with a constant like a real likelihood's. */
const C = 1234.5;
const nllOf = (muHat: number, sigma: number) => (mu: number) => ((muHat - mu) / sigma) ** 2 / 2 + C;

/** All five statistics of one dataset μ̂ (the unconditional fit is μ̂ itself: μ is unbounded). */
function statistics(muHat: number, mu: number, sigma: number): Record<TestStatisticName, number> {
  const nll = nllOf(muHat, sigma);
  const [nllMu, nllHat, nllZero] = [nll(mu), nll(muHat), nll(0)];
  return {
    tmu: tMu(nllMu, nllHat),
    tmutilde: tMuTilde(nllMu, nllHat, nllZero, muHat),
    qmu: qMu(nllMu, nllHat, muHat, mu),
    qmutilde: qMuTilde(nllMu, nllHat, nllZero, muHat, mu),
    q0: q0(nllZero, nllHat, muHat),
  };
}

// Two-sided normal quantiles z_p = Φ⁻¹(1 − p) and tail probabilities Φ(−z), to 16 digits from
// standard tables (R's qnorm/pnorm): independent of this package's normal functions.
const QUANTILES: readonly [p: number, z: number][] = [
  [0.05, 1.6448536269514722],
  [0.025, 1.959963984540054],
  [0.01, 2.3263478740408408],
  [0.005, 2.5758293035489004],
  [0.001, 3.090232306167813],
];
const TAILS: readonly [z: number, p: number][] = [
  [1, 0.15865525393145707],
  [2, 0.022750131948179195],
  [3, 0.0013498980316300946],
  [5, 2.866515718791939e-7],
];

describe("test statistics of a Gaussian measurement: CCGV2011 closed forms", () => {
  // The statistics are differences of −ln L values near C ≈ 1.2e3, whose rounding (ulp 2.3e-13)
  // bounds their absolute error by ~1e-12: atol 1e-10.
  const atol = 1e-10;
  const muHats = [-2.3, -0.4, 0, 0.7, 1.5, 3.1, 6];
  const cases = [0.3, 2].flatMap((sigma) =>
    [0.5, 1.5, 4].flatMap((mu) => muHats.map((muHat) => ({ sigma, mu, muHat }))),
  );

  it.each(cases)("σ = $sigma, μ = $mu, μ̂ = $muHat", ({ sigma, mu, muHat }) => {
    const s = statistics(muHat, mu, sigma);
    const wald = ((mu - muHat) / sigma) ** 2; // Wald (§3.1), exact here
    const belowZero = (mu * mu - 2 * mu * muHat) / sigma ** 2; // §3.4, §3.7: μ̂ < 0 measured from μ = 0
    expect(s.tmu).toBeCloseToRel(wald, 0, atol); // eq. (8)
    expect(s.tmutilde).toBeCloseToRel(muHat < 0 ? belowZero : wald, 0, atol); // eq. (11)
    expect(s.qmu).toBeCloseToRel(muHat <= mu ? wald : 0, 0, atol); // eq. (14)
    expect(s.qmutilde).toBeCloseToRel(muHat > mu ? 0 : muHat < 0 ? belowZero : wald, 0, atol); // eq. (16)
    expect(s.q0).toBeCloseToRel(muHat >= 0 ? (muHat / sigma) ** 2 : 0, 0, atol); // eq. (12): q₀ = μ̂²/σ² (§3.5)
  });

  it("the local significance √q₀ is μ̂/σ (eq. (53))", () => {
    expect(Math.sqrt(statistics(2.4, 1, 0.8).q0)).toBeCloseToRel(3, 1e-12);
  });
});

describe("asymptoticPValue against tabulated normal quantiles", () => {
  // normalCdf/normalSf have relative error ≤ 5e-14 (numeric's tests against mpmath); the tabulated
  // z carry 16-17 digits, a relative error z²·1e-16 ≲ 1e-15 in p: rtol 1e-13.
  it.each(QUANTILES)("p = %s: q₀ and q_μ at z² give p, t_μ gives 2p (eqs. (52), (59), (36))", (p, z) => {
    expect(asymptoticPValue("q0", z * z)).toBeCloseToRel(p, 1e-13);
    expect(asymptoticPValue("qmu", z * z)).toBeCloseToRel(p, 1e-13);
    expect(asymptoticPValue("tmu", z * z)).toBeCloseToRel(2 * p, 1e-13);
  });
  it.each(TAILS)("Z = %s σ: p = Φ(−Z), also for the tilde statistics below q_A", (z, p) => {
    expect(asymptoticPValue("q0", z * z)).toBeCloseToRel(p, 1e-13);
    // q̃_μ ≤ q_A: the same half-χ² law as q_μ (eq. (65)); t̃_μ ≤ q_A: as t_μ
    expect(asymptoticPValue("qmutilde", z * z, z * z + 1)).toBeCloseToRel(p, 1e-13);
    expect(asymptoticPValue("tmutilde", z * z, z * z + 1)).toBeCloseToRel(2 * p, 1e-13);
  });
  it("q̃_μ above q_A: Φ(−(q̃ + q_A)/2√q_A) (eq. (66)); μ/σ = 1, q̃ = 8 puts μ̂ at −3.5σ: p = Φ(−4.5)", () => {
    // (8 + 1)/2 = 4.5; Φ(−4.5) = 3.397673124730062e-6 (tables)
    expect(asymptoticPValue("qmutilde", 8, 1)).toBeCloseToRel(3.397673124730062e-6, 1e-13);
  });
});

/** Fraction of `values` ≥ x and its binomial standard error. */
function tail(values: Float64Array, x: number): { p: number; se: number } {
  let k = 0;
  for (const v of values) if (v >= x) k++;
  const p = k / values.length;
  return { p, se: Math.sqrt(Math.max(p * (1 - p), 1 / values.length) / values.length) };
}

describe("asymptoticPValue is the sampling distribution of each statistic (simulation)", () => {
  // 40 000 datasets μ̂ ~ N(μ', σ) per case; the empirical tail P(stat ≥ x) must match the formula
  // within 4 binomial standard errors (≤ 0.01 absolute; the law is exact, so only toy noise).
  const n = 40_000;
  const sigma = 0.7;
  const sample = (truth: number, mu: number, name: TestStatisticName, stream: number): Float64Array => {
    const rng = createRandom(2011, stream);
    return Float64Array.from({ length: n }, () => statistics(rng.normal(truth, sigma), mu, sigma)[name]);
  };

  it.each([
    ["tmu", 1.2, 0],
    ["qmu", 1.2, 1],
    ["qmutilde", 1.2, 2],
    ["tmutilde", 1.2, 3],
  ] as const)("%s under μ' = μ (q_A = μ²/σ² = %s²/σ²)", (name, mu, stream) => {
    const qA = (mu / sigma) ** 2;
    const values = sample(mu, mu, name, stream);
    // points below and above q_A ≈ 2.94, where the tilde laws change form; q > 0 only: the
    // one-sided statistics have a point mass 1/2 at 0
    for (const x of [0.3, 1, 2.5, 4, 7, 12]) {
      const { p, se } = tail(values, x);
      expect(asymptoticPValue(name, x, qA), `${name} at ${x}`).toBeCloseToRel(p, 0, 4 * se);
    }
  });

  it("q₀ under μ' = 0", () => {
    const values = sample(0, 0, "q0", 4);
    for (const x of [0.5, 1, 4, 9]) {
      const { p, se } = tail(values, x);
      expect(asymptoticPValue("q0", x)).toBeCloseToRel(p, 0, 4 * se);
    }
  });
});

describe("asymptoticCls and the expected band on the Gaussian measurement", () => {
  // CLs+b = P(q̃ ≥ q̃_obs | μ) = Φ((μ̂ − μ)/σ), CLb = P(q̃ ≥ q̃_obs | 0) = Φ(μ̂/σ): q̃_μ (and q_μ)
  // fall as μ̂ grows, for μ̂ ≤ μ. q_A is the statistic of the Asimov dataset μ̂ = 0.
  const sigma = 1.3;
  it.each([-1.5, -0.2, 0, 0.6, 1.9])("μ̂ = %s: CLs = Φ((μ̂ − μ)/σ) / Φ(μ̂/σ) for q̃_μ and q_μ (rtol 1e-11)", (muHat) => {
    for (const mu of [0.5, 2, 4.5]) {
      if (muHat > mu) continue;
      const clsb = normalCdf((muHat - mu) / sigma);
      const clb = normalCdf(muHat / sigma);
      const obs = statistics(muHat, mu, sigma);
      const asimov = statistics(0, mu, sigma);
      expect(asimov.qmutilde).toBeCloseToRel((mu / sigma) ** 2, 1e-10);
      for (const [q, qA, stat] of [
        [obs.qmutilde, asimov.qmutilde, "qtilde"],
        [obs.qmu, asimov.qmu, "q"],
      ] as const) {
        const r = asymptoticCls(q, qA, stat);
        expect(r.clsb).toBeCloseToRel(clsb, 1e-11);
        expect(r.clb).toBeCloseToRel(clb, 1e-11);
        expect(r.cls).toBeCloseToRel(clsb / clb, 1e-11);
      }
    }
  });

  it("CLs+b and CLb are the tails of q̃ under μ and under 0 (simulation, 4 binomial errors)", () => {
    const mu = 2;
    const n = 40_000;
    const qA = (mu / sigma) ** 2;
    const q = (muHat: number) => statistics(muHat, mu, sigma).qmutilde;
    const rng = createRandom(1554, 0);
    const sb = Float64Array.from({ length: n }, () => q(rng.normal(mu, sigma)));
    const b = Float64Array.from({ length: n }, () => q(rng.normal(0, sigma)));
    for (const muHat of [-1, 0.3, 1.2]) {
      const r = asymptoticCls(q(muHat), qA);
      const tsb = tail(sb, q(muHat));
      const tb = tail(b, q(muHat));
      expect(r.clsb).toBeCloseToRel(tsb.p, 0, 4 * tsb.se);
      expect(r.clb).toBeCloseToRel(tb.p, 0, 4 * tb.se);
    }
  });

  it("BAND_SIGMAS orders the band −2σ…+2σ; the expected CLs of band N is the CLs of the outcome μ̂ = Nσ", () => {
    expect(BAND_SIGMAS).toEqual([-2, -1, 0, 1, 2]);
    const mu = 3;
    const qA = (mu / sigma) ** 2;
    const band = asymptoticExpectedCls(qA);
    BAND_SIGMAS.forEach((nSigma, k) => {
      // Φ(N − μ/σ)/Φ(N), the closed form, and the observed CLs of that outcome
      expect(band[k]).toBeCloseToRel(normalCdf(nSigma - mu / sigma) / normalCdf(nSigma), 1e-11);
      expect(band[k]).toBeCloseToRel(asymptoticCls(statistics(nSigma * sigma, mu, sigma).qmutilde, qA).cls, 1e-11);
    });
    // and band k is the Φ(N) quantile of CLs over background-only outcomes (CLs rises with μ̂)
    const rng = createRandom(89, 0);
    const n = 20_000;
    const cls = Float64Array.from(
      { length: n },
      () => asymptoticCls(statistics(rng.normal(0, sigma), mu, sigma).qmutilde, qA).cls,
    );
    BAND_SIGMAS.forEach((nSigma, k) => {
      const below = cls.filter((c) => c <= band[k]!).length / n;
      const p = normalCdf(nSigma);
      expect(below).toBeCloseToRel(p, 0, 4 * Math.sqrt((p * (1 - p)) / n));
    });
  });
});

/**
 * A main measurement x ~ N(μ + θ, 1) and a global observable y ~ N(θ, σ = 1/2) of the nuisance θ:
 * profiling θ gives μ̂ = x − y with σ² = 5/4 exactly, and the toys randomise y.
 */
function gaussianToyProblem(x: number, y: number): ToyLikelihood {
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
    { name: "mu", value: 1, lower: 0, upper: 20 },
    { name: "theta", value: 0, lower: -20, upper: 20 },
  ];
  return {
    params,
    poiIndex: 0,
    nll: make(x, y),
    asimov: (p) => make(p[0]! + p[1]!, p[1]!),
    toy: (p, rng) => make(rng.normal(p[0]! + p[1]!, 1), rng.normal(p[1]!, 0.5)),
  };
}
const SIGMA = Math.sqrt(1.25);

describe("fitProfile on the Gaussian problem: θ̂ and θ̂̂(μ) in closed form", () => {
  // tolerance 1e-6: EDM < 0.002 × 1e-6 × 0.5 = 1e-9, so parameters within √(2 EDM) σ ≈ 5e-5 σ and
  // −ln L within 1e-9 of its minimum: atol 2e-4 on values, 1e-8 on −ln L
  const problem = gaussianToyProblem(1.1, 0.3);
  it("free: μ̂ = x − y, θ̂ = y, −ln L = 0", () => {
    const f = fitProfile(problem.nll, problem.params, 0, undefined, undefined, { tolerance: 1e-6 });
    expect(f.valid).toBe(true);
    expect(f.values[0]).toBeCloseToRel(0.8, 0, 2e-4);
    expect(f.values[1]).toBeCloseToRel(0.3, 0, 2e-4);
    expect(f.nll).toBeCloseToRel(0, 0, 1e-8);
  });
  it.each([0, 2.5, 30])(
    "μ fixed at %s (30: outside the POI bounds): θ̂̂ = (x − μ + 4y)/5, −ln L = (μ̂ − μ)²/2σ²",
    (mu) => {
      const f = fitProfile(problem.nll, problem.params, 0, mu, undefined, { tolerance: 1e-6 });
      expect(f.valid).toBe(true);
      expect(f.values[0]).toBe(mu);
      // θ is bounded at ±20: θ̂̂(30) = −5.08 is inside
      expect(f.values[1]).toBeCloseToRel((1.1 - mu + 4 * 0.3) / 5, 0, 2e-4);
      expect(f.nll).toBeCloseToRel((0.8 - mu) ** 2 / (2 * SIGMA ** 2), 1e-7, 1e-8);
    },
  );
});

describe("histFactoryLikelihood + makeAsymptoticCalculator on one Poisson bin: closed forms", () => {
  // n ~ Pois(μs + b) with known b: μ̂ = (n − b)/s, q₀ = 2(n ln(n/b) − n + b), and the Asimov
  // (n = b) q_{μ,A} = 2(μs − b ln(1 + μs/b)) (CCGV2011 eq. (97) for the q₀ of n = s + b).
  const [n, b, s] = [12, 5, 4];
  const ws: Workspace = {
    channels: [
      {
        name: "bin",
        samples: [
          { name: "sig", data: [s], modifiers: [{ name: "mu", type: "normfactor", data: null }] },
          { name: "bkg", data: [b], modifiers: [] },
        ],
      },
    ],
    observations: [{ name: "bin", data: [n] }],
    measurements: [{ name: "m", config: { poi: "mu", parameters: [] } }],
    version: "1.0.0",
  };
  const problem = histFactoryLikelihood(compileModel(ws));
  // fits at the default tolerance 1e-3 reach EDM < 1e-6: q (a difference of two minima) within
  // ~4e-6, μ̂ within √(2e-6) σ(μ̂) ≈ 1.2e-3: atol 1e-5 on q, 2e-3 on μ̂
  const calc = makeAsymptoticCalculator(problem);

  it("−ln L is pyhf's −logpdf: at μ̂ it is −ln Pois(n | n)", () => {
    const f = calc.freeFit();
    expect(f.values[problem.poiIndex]).toBeCloseToRel((n - b) / s, 0, 2e-3);
    const lnGamma13 = Math.log(479001600); // ln 12!
    expect(f.nll).toBeCloseToRel(n - n * Math.log(n) + lnGamma13, 0, 1e-6);
  });
  it("q₀ and the significance", () => {
    const q0Exact = 2 * (n * Math.log(n / b) - n + b);
    const d = calc.discovery();
    expect(d.q0).toBeCloseToRel(q0Exact, 0, 1e-5);
    expect(d.z).toBeCloseToRel(Math.sqrt(q0Exact), 0, 1e-5);
    expect(d.p0).toBeCloseToRel(normalCdf(-Math.sqrt(q0Exact)), 1e-4);
  });
  it.each([2.5, 4, 6])("μ = %s: q̃_μ, q_{μ,A}, and CLs from them", (mu) => {
    const r = calc.hypotest(mu);
    const l = mu * s + b;
    const q = 2 * (l - n - n * Math.log(l / n));
    const qA = 2 * (mu * s - b * Math.log(1 + (mu * s) / b));
    expect(r.q).toBeCloseToRel(q, 0, 1e-5);
    expect(r.qA).toBeCloseToRel(qA, 0, 1e-5);
    expect(r.clsExp).toBeCloseToRel(asymptoticExpectedCls(qA), 1e-4);
    // √q > √q_A here: t = (q − q_A)/2√q_A, CLs+b = Φ(−(t + √q_A)), CLb = Φ(−t)
    const t = Math.sqrt(q) < Math.sqrt(qA) ? Math.sqrt(q) - Math.sqrt(qA) : (q - qA) / (2 * Math.sqrt(qA));
    expect(r.clsObs).toBeCloseToRel(normalCdf(-(t + Math.sqrt(qA))) / normalCdf(-t), 1e-4);
  });
});

describe("toyHypotestSync / toyUpperLimitSync on the Gaussian problem (asymptotics exact)", () => {
  // Toy CLs must match Φ((μ̂ − μ)/σ)/Φ(μ̂/σ) within 3 of its binomial standard errors: on this
  // problem the asymptotic law is the exact one, so any larger gap is a toy-procedure error
  // (generation point, randomised global observable, statistic, tail counting).
  const muHat = 0.8;
  const problem = gaussianToyProblem(muHat + 0.3, 0.3);
  const exactCls = (mu: number) => normalCdf((muHat - mu) / SIGMA) / normalCdf(muHat / SIGMA);

  it.each([1.5, 2.5, 3])("CLs at μ = %s", (mu) => {
    const toys = 2000;
    const r = toyHypotestSync(problem, mu, { toys, seed: 31 });
    expect(r.failed).toBe(0);
    expect(r.clsObs).toBeCloseToRel(exactCls(mu), 0, 3 * r.clsObsError);
    // The b-only median outcome is μ̂ = 0: expected CLs = Φ(−μ/σ)/Φ(0). Its toy error: binomial
    // on CLs+b (p = CLs/2) and CLb (1/2), plus the sample median's spread σ√(π/2N) in μ̂ times
    // d ln CLs/dμ̂ = [φ(μ/σ)/Φ(−μ/σ) − φ(0)/Φ(0)]/σ; 3 of those. Checked where that is < 50 %: at
    // larger μ too few s+b toys lie beyond the b-only median.
    const median = 2 * normalCdf(-mu / SIGMA);
    const p = median / 2;
    const hazard = (z: number) => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI) / normalCdf(-z);
    const slope = (hazard(mu / SIGMA) - hazard(0)) / SIGMA;
    const rel = Math.sqrt((1 - p) / (p * toys) + 1 / toys) + slope * SIGMA * Math.sqrt(Math.PI / (2 * toys));
    if (3 * rel < 0.5) expect(r.clsExp[2]).toBeCloseToRel(median, 3 * rel);
    else expect(mu).toBeGreaterThan(2);
  });

  it("the 90 % CL limit is μ̂ + σ Φ⁻¹(1 − 0.1 Φ(μ̂/σ)) within its toy error", () => {
    // the grid must hold the whole expected band too (σ x_N: 0.94 … 3.68)
    const grid = [0.6, 1, 1.5, 1.9, 2.2, 2.5, 2.8, 3.2, 3.8, 4.4];
    const ul = toyUpperLimitSync(problem, { cl: 0.9, grid, toys: 1000, seed: 5 });
    const exact = muHat + SIGMA * normalQuantile(1 - 0.1 * normalCdf(muHat / SIGMA));
    // toy error: the relative CLs error at the grid points around the crossing over the slope
    // |d ln CLs/dμ| = φ(z)/(σ Φ(−z)), z = (μ − μ̂)/σ; interpolation in ln CLs on steps h ≤ 0.4
    // adds ≤ |(ln CLs)''| h²/8 ≤ 0.01 ((ln CLs)'' ≈ −0.5/σ² near z = 1.4)
    const i = grid.findIndex((g) => g > exact);
    const relErr = Math.max(...[i - 1, i].map((j) => ul.hypotests[j]!.clsObsError / ul.hypotests[j]!.clsObs));
    const z = (exact - muHat) / SIGMA;
    const slope = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI) / (SIGMA * normalCdf(-z));
    expect(ul.observed).toBeCloseToRel(exact, 0, (3 * relErr) / slope + 0.01);
  });
});
