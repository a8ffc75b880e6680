import { integrate } from "@muonphilic/numeric";
import { createRandom } from "@muonphilic/random";
import { describe, expect, test } from "vitest";
import {
  bernstein,
  breitWigner,
  chebyshev,
  crystalBall,
  doubleCrystalBall,
  doubleSidedCrystalBall,
  exponential,
  fftConvolution,
  gaussian,
  histogramPdf,
  type Pdf,
  productPdf,
  relativisticBreitWigner,
  sumPdf,
  voigtian,
} from "./index.js";

/** Every analytic normalisation checked against adaptive quadrature of the shape (1e-11 requested). */
const analytic: [string, Pdf, number[]][] = [
  ["gaussian", gaussian({ mean: 0.3, sigma: 0.7, low: -2, high: 4 }), [0.3]],
  ["gaussian far tail", gaussian({ mean: 0, sigma: 1, low: 6, high: 9 }), []],
  ["CB n = 1 (log branch)", crystalBall({ mean: 0, sigma: 1, alpha: 1, n: 1, low: -20, high: 5 }), [0, -1]],
  ["CB n ≈ 1", crystalBall({ mean: 0, sigma: 1, alpha: 1, n: 1 + 1e-9, low: -20, high: 5 }), [0, -1]],
  ["CB large n", crystalBall({ mean: 1, sigma: 0.5, alpha: 0.8, n: 120, low: -3, high: 3 }), [1, 0.6]],
  ["CB α < 0", crystalBall({ mean: 0, sigma: 2, alpha: -2, n: 4, low: -6, high: 40 }), [0, 4]],
  [
    "DSCB σL ≠ σR",
    doubleSidedCrystalBall({
      mean: 1,
      sigma: 0.5,
      sigmaHigh: 1.5,
      alphaLow: 1.2,
      nLow: 2,
      alphaHigh: 0.7,
      nHigh: 8,
      low: -10,
      high: 20,
    }),
    [1, 0.4, 2.05],
  ],
  ["exponential falling", exponential({ slope: -3, low: 0, high: 2 }), []],
  ["exponential rising, far from 0", exponential({ slope: 40, low: 100, high: 101 }), []],
  ["exponential slope 0", exponential({ slope: 0, low: -1, high: 1 }), []],
  ["chebyshev order 4", chebyshev({ coefs: [0.2, -0.3, 0.1, 0.05], low: 0.5, high: 1.5 }), []],
  ["bernstein order 3", bernstein({ coefs: [0.5, 2, 1, 0.1], low: 2, high: 5 }), []],
  ["breit-wigner", breitWigner({ mean: 3.097, width: 0.01, low: 2.9, high: 3.3 }), [3.097]],
  ["histogram", histogramPdf([0, 1, 3, 3.5], [2, 5, 1]), [1, 3]],
  ["histogram linear", histogramPdf([0, 1, 3, 3.5], [2, 5, 1], { interpolation: "linear" }), [0.5, 2, 3.25]],
];

describe("analytic normalisation and sub-interval probabilities vs quadrature", () => {
  test.each(analytic)("%s", (_name, pdf, breaks) => {
    const q = integrate((x) => pdf.shape(x), pdf.low, pdf.high, { rtol: 1e-13, breaks });
    // quadrature converged to ~1e-13; the analytic forms are exact up to rounding
    expect(pdf.norm).toBeCloseToRel(q, 1e-11);
    const a = pdf.low + 0.3 * (pdf.high - pdf.low);
    const b = pdf.low + 0.55 * (pdf.high - pdf.low);
    const qab = integrate((x) => pdf.density(x), a, b, { rtol: 1e-13, breaks });
    expect(pdf.probability(a, b)).toBeCloseToRel(qab, 1e-10, 1e-300);
    expect(pdf.probability(pdf.low - 1, pdf.high + 1)).toBeCloseToRel(1, 1e-13);
  });
});

describe("shape properties", () => {
  test("Crystal Ball: value and slope continuous at the joint (finite differences, h = 1e-7σ)", () => {
    const pdf = crystalBall({ mean: 0, sigma: 1, alpha: 1.5, n: 3, low: -10, high: 5 });
    const j = -1.5;
    const h = 1e-7;
    expect(pdf.density(j - 1e-12)).toBeCloseToRel(pdf.density(j + 1e-12), 1e-10);
    const left = (pdf.density(j) - pdf.density(j - h)) / h;
    const right = (pdf.density(j + h) - pdf.density(j)) / h;
    // forward/backward differences carry O(h f'') ≈ 1e-7 relative
    expect(left).toBeCloseToRel(right, 1e-6);
  });

  test("Crystal Ball is scipy.stats.crystalball for α > 0: tail value at t = −3 against the closed form", () => {
    const pdf = crystalBall({ mean: 0, sigma: 1, alpha: 1.5, n: 3, low: -10, high: 5 });
    const A = (3 / 1.5) ** 3 * Math.exp(-1.125);
    const B = 3 / 1.5 - 1.5;
    expect(pdf.shape(-3)).toBeCloseToRel(A * (B + 3) ** -3, 1e-14);
  });

  test("double CB is the weighted sum of its window-normalised components", () => {
    const p = { mean: 3, low: 2.7, high: 3.3 };
    const cb1 = crystalBall({ ...p, sigma: 0.005, alpha: 1.5, n: 3 });
    const cb2 = crystalBall({ ...p, sigma: 0.009, alpha: -2.5, n: 2 });
    const d = doubleCrystalBall({
      ...p,
      sigma1: 0.005,
      alpha1: 1.5,
      n1: 3,
      sigma2: 0.009,
      alpha2: -2.5,
      n2: 2,
      fraction1: 0.3,
    });
    for (const x of [2.98, 3, 3.004, 3.03])
      expect(d.density(x)).toBeCloseToRel(0.3 * cb1.density(x) + 0.7 * cb2.density(x), 1e-13);
  });

  test("relativistic Breit-Wigner: unit normalisation over [0, ∞) of the TMath form", () => {
    const pdf = relativisticBreitWigner({ mean: 1, width: 0.2, low: 0.5, high: 1.5 });
    // the TMath constant normalises the shape to 1 on [0, ∞)
    const q =
      integrate((x) => pdf.shape(x), 0, 200, { rtol: 1e-12, breaks: [1] }) +
      integrate((x) => pdf.shape(x), 200, 1e7, { rtol: 1e-12 });
    expect(q).toBeCloseToRel(1, 1e-9);
  });

  test("Voigtian → Breit-Wigner as σ → 0 and → Gaussian as Γ → 0", () => {
    const bw = breitWigner({ mean: 0, width: 1, low: -5, high: 5 });
    const v1 = voigtian({ mean: 0, width: 1, sigma: 1e-5, low: -5, high: 5 });
    for (const x of [0, 0.5, 2]) expect(v1.density(x)).toBeCloseToRel(bw.density(x), 1e-8);
    const g = gaussian({ mean: 0, sigma: 1, low: -5, high: 5 });
    const v2 = voigtian({ mean: 0, width: 1e-7, sigma: 1, low: -5, high: 5 });
    for (const x of [0, 1, 3]) expect(v2.density(x)).toBeCloseToRel(g.density(x), 1e-5);
  });

  test("FFT convolution of a Breit-Wigner with a Gaussian reproduces the Voigtian", () => {
    const window = { low: 0.99, high: 1.05 };
    const bw = breitWigner({ mean: 1.019461, width: 0.004249, ...window });
    const res = gaussian({ mean: 0, sigma: 0.0015, low: -0.015, high: 0.015 });
    const conv = fftConvolution(bw, res, { bins: 8192 });
    const exact = voigtian({ mean: 1.019461, width: 0.004249, sigma: 0.0015, ...window });
    // h = 0.09/8192 ≈ 1.1e-5 = σ/136: midpoint discretisation O((h/σ)²/24) ~ 2e-6; the ±10σ
    // truncation of the resolution removes ~1e-23; linear interpolation adds O(h²f''/8f) ~ 1e-5
    for (const x of [1.0, 1.015, 1.019461, 1.024, 1.045])
      expect(conv.density(x)).toBeCloseToRel(exact.density(x), 3e-5);
  });

  test("histogram pdf: piecewise constant values", () => {
    const h = histogramPdf([0, 1, 2], [1, 3]);
    expect(h.density(0.5)).toBeCloseToRel(0.25, 1e-15);
    expect(h.density(1.5)).toBeCloseToRel(0.75, 1e-15);
    expect(h.density(2.5)).toBe(0);
  });

  test("outside the window: density 0, log-density −∞; NaN propagates", () => {
    const g = gaussian({ mean: 0, sigma: 1, low: -1, high: 1 });
    expect(g.density(2)).toBe(0);
    expect(g.logDensity(-2)).toBe(Number.NEGATIVE_INFINITY);
    expect(g.density(Number.NaN)).toBeNaN();
    expect(g.logDensity(0.5)).toBeCloseToRel(Math.log(g.density(0.5)), 1e-15);
    const xs = Float64Array.from([-0.5, 0, 3]);
    expect(g.densityArray(xs)).toBeCloseToRel(
      Array.from(xs, (x) => g.density(x)),
      0,
    );
    expect(Array.from(g.logDensityArray(xs)).slice(0, 2)).toBeCloseToRel([g.logDensity(-0.5), g.logDensity(0)], 0);
  });
});

describe("sampling (closure tests, seeded)", () => {
  const cases: [string, Pdf][] = [
    [
      "double-sided CB",
      doubleSidedCrystalBall({ mean: 0, sigma: 1, alphaLow: 1, nLow: 3, alphaHigh: 2, nHigh: 5, low: -15, high: 15 }),
    ],
    ["Chebyshev", chebyshev({ coefs: [0.3, -0.1], low: 2.7, high: 3.3 })],
    ["Voigtian", voigtian({ mean: 1.019461, width: 0.004249, sigma: 0.0015, low: 0.99, high: 1.05 })],
  ];
  test.each(cases)("%s: binned frequencies agree with probabilities (χ² per bin ~ 1)", (_n, pdf) => {
    const rng = createRandom(77);
    const n = 60_000;
    const xs = pdf.sample(rng, n);
    const nb = 40;
    const counts = new Float64Array(nb);
    const w = (pdf.high - pdf.low) / nb;
    for (const x of xs) {
      expect(x >= pdf.low && x <= pdf.high).toBe(true);
      counts[Math.min(nb - 1, Math.floor((x - pdf.low) / w))]!++;
    }
    let chi2 = 0;
    let ndf = 0;
    for (let b = 0; b < nb; b++) {
      const mu = n * pdf.probability(pdf.low + b * w, pdf.low + (b + 1) * w);
      if (mu < 5) continue;
      chi2 += (counts[b]! - mu) ** 2 / mu;
      ndf++;
    }
    // χ² with ~40 dof: mean 40, σ ≈ 9; 2× the dof is a > 4σ excess
    expect(chi2).toBeLessThan(2 * ndf + 10);
  });

  test("same seed, same sample", () => {
    const g = gaussian({ mean: 0, sigma: 1, low: -3, high: 3 });
    expect(Array.from(g.sample(createRandom(5), 10))).toEqual(Array.from(g.sample(createRandom(5), 10)));
  });

  test("sum and product pdfs sample and evaluate consistently", () => {
    const a = gaussian({ mean: 0, sigma: 1, low: -3, high: 3 });
    const b = chebyshev({ coefs: [0.5], low: -3, high: 3 });
    const s = sumPdf([a, b], [0.25]);
    expect(s.density(1)).toBeCloseToRel(0.25 * a.density(1) + 0.75 * b.density(1), 1e-14);
    const p = productPdf(a, b);
    expect(p.density(0.5, -1)).toBeCloseToRel(a.density(0.5) * b.density(-1), 1e-15);
    const [xs, ys] = p.sample(createRandom(1), 100);
    expect(xs.length).toBe(100);
    expect(ys.length).toBe(100);
  });
});

describe("bad input", () => {
  test.each([
    ["sigma ≤ 0", () => gaussian({ mean: 0, sigma: 0, low: -1, high: 1 }), "sigma"],
    ["inverted window", () => gaussian({ mean: 0, sigma: 1, low: 1, high: -1 }), "high"],
    ["NaN mean", () => crystalBall({ mean: Number.NaN, sigma: 1, alpha: 1, n: 2, low: -1, high: 1 }), "mean"],
    ["alpha = 0", () => crystalBall({ mean: 0, sigma: 1, alpha: 0, n: 2, low: -1, high: 1 }), "alpha"],
    ["n ≤ 0", () => crystalBall({ mean: 0, sigma: 1, alpha: 1, n: -1, low: -1, high: 1 }), "n"],
    [
      "DSCB alphaHigh ≤ 0",
      () =>
        doubleSidedCrystalBall({ mean: 0, sigma: 1, alphaLow: 1, nLow: 2, alphaHigh: -1, nHigh: 2, low: -1, high: 1 }),
      "alphaHigh",
    ],
    ["non-positive normalisation", () => chebyshev({ coefs: [0, 4], low: 0, high: 1 }), "normalisation"],
    [
      "fraction > 1",
      () =>
        doubleCrystalBall({
          mean: 0,
          sigma1: 1,
          alpha1: 1,
          n1: 2,
          sigma2: 1,
          alpha2: 1,
          n2: 2,
          fraction1: 1.5,
          low: -1,
          high: 1,
        }),
      "fraction1",
    ],
    ["histogram negative content", () => histogramPdf([0, 1, 2], [1, -1]), "contents[1]"],
    ["histogram edges", () => histogramPdf([0, 1, 1], [1, 1]), "edges[2]"],
    ["voigt width", () => voigtian({ mean: 0, width: 0, sigma: 1, low: -1, high: 1 }), "width"],
    [
      "convolution bins",
      () =>
        fftConvolution(
          gaussian({ mean: 0, sigma: 1, low: -1, high: 1 }),
          gaussian({ mean: 0, sigma: 1, low: -1, high: 1 }),
          { bins: 1000 },
        ),
      "options.bins",
    ],
  ])("%s", (_label, make, argument) => {
    expect(make).toThrow(
      expect.objectContaining({ name: "PhysError", details: expect.objectContaining({ argument }) }),
    );
  });

  test("sumPdf with mismatched windows", () => {
    const a = gaussian({ mean: 0, sigma: 1, low: -1, high: 1 });
    const b = gaussian({ mean: 0, sigma: 1, low: -2, high: 1 });
    expect(() => sumPdf([a, b], [0.5])).toThrow(expect.objectContaining({ code: "INCOMPATIBLE_SHAPES" }));
  });
});
