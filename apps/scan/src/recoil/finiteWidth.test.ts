import { integrate, normalProbability } from "@muonphilic/numeric";
import { expectPhysError } from "@muonphilic/vitest-config/assertions";
import { describe, expect, it } from "vitest";
import voigt from "../../test/fixtures/voigt-reference.json" with { type: "json" };
import { BREIT_WIGNER_GAUSSIAN_GRID, breitWignerGaussianBins } from "./finiteWidth.js";

/** The Gaussian bin probabilities Φ((b − m²)/σ) − Φ((a − m²)/σ). */
function gaussianBins(s0: number, sigma: number, edges: readonly number[]): number[] {
  return edges.slice(1).map((b, i) => normalProbability((edges[i]! - s0) / sigma, (b - s0) / sigma));
}

/** The Cauchy bin probabilities (atan((b − m²)/γ) − atan((a − m²)/γ))/π. */
function cauchyBins(s0: number, gamma: number, edges: readonly number[]): number[] {
  return edges.slice(1).map((b, i) => (Math.atan((b - s0) / gamma) - Math.atan((edges[i]! - s0) / gamma)) / Math.PI);
}

/** C′(x) of the Cauchy density (1/πγ)/(1 + ((x − m²)/γ)²). */
function cauchyDerivative(s0: number, gamma: number, x: number): number {
  const u = (x - s0) / gamma;
  return (-2 * u) / (Math.PI * gamma * gamma * (1 + u * u) ** 2);
}

/**
 * An independent reference: the bin probability as a one-dimensional integral over the Cauchy,
 * with t = m² + γ tan θ (so that BW(t) dt = dθ/π): p = (1/π) ∫_{−π/2}^{π/2} [Φ((b − t)/σ) − Φ((a − t)/σ)] dθ,
 * by adaptive Gauss-Kronrod with breaks where t crosses the bin edges and ±10σ around them.
 */
function quadratureBin(s0: number, gamma: number, sigma: number, a: number, b: number): number {
  const f = (theta: number): number => {
    const t = s0 + gamma * Math.tan(theta);
    return normalProbability((a - t) / sigma, (b - t) / sigma);
  };
  const breaks = [a - 10 * sigma, a, a + 10 * sigma, b - 10 * sigma, b, b + 10 * sigma].map((x) =>
    Math.atan((x - s0) / gamma),
  );
  return integrate(f, -Math.PI / 2, Math.PI / 2, { rtol: 1e-12, atol: 1e-17, breaks }) / Math.PI;
}

const sum = (x: ArrayLike<number>): number => Array.from(x).reduce((s, v) => s + v, 0);

// The benchmark point of the task: m = 5 GeV, Γ = 0.13 GeV (mΓ = 0.65 GeV²), σ = 0.15 GeV²,
// 30 bins of width σ centred on m² = 25 GeV².
const M = 5;
const WIDTH = 0.13;
const SIGMA = 0.15;
const EDGES30 = Array.from({ length: 31 }, (_, i) => 25 + SIGMA * (i - 15));

describe("breitWignerGaussianBins: Γ = 0 and Γ → 0 (Gaussian)", () => {
  it("Γ = 0 is the Gaussian resolution itself: erf differences (normalProbability), bit for bit", () => {
    const r = breitWignerGaussianBins({ massGeV: M, widthGeV: 0, sigmaM2: SIGMA, edges: EDGES30 });
    expect(Array.from(r.probabilities)).toEqual(gaussianBins(25, SIGMA, EDGES30));
    expect(r.inside).toBe(sum(r.probabilities));
    // ±15σ: the Gaussian misses 2Φ(−15) = 7e-51, so inside is 1 up to the rounding of 30 additions
    expect(r.inside).toBeCloseToRel(1, 4 * Number.EPSILON);
  });

  it("Γ = 0 far from the peak: 0, not NaN (regression: erfc of arguments ≳ 1.6e4)", () => {
    // (e − m²)/σ = 1.6218100973587607e4 is one of the arguments where numeric's erfc gave NaN
    const z = 16218.100973587607 * Math.SQRT2;
    const r = breitWignerGaussianBins({ massGeV: M, widthGeV: 0, sigmaM2: 1, edges: [25 + z, 25 + 2 * z, 1e200] });
    expect(Array.from(r.probabilities)).toEqual([0, 0]);
    expect(r.inside).toBe(0);
  });

  it.each([1e-2, 1e-3])("mΓ = %s σ: within the analytic bound of the Gaussian bin probabilities", (ratio) => {
    const gamma = ratio * SIGMA;
    const r = breitWignerGaussianBins({ massGeV: M, widthGeV: gamma / M, sigmaM2: SIGMA, edges: EDGES30 });
    const gauss = gaussianBins(25, SIGMA, EDGES30);
    // Bound: p_V − p_G = ∫ BW(y) [p_G(bin − y) − p_G(bin)] dy, and |p_G(bin − y) − p_G(bin)| ≤
    // min(|y|/Y, 1) with Y = σ√(2π) (the Gaussian density is at most 1/Y), so
    // |p_V − p_G| ≤ (γ/πY) [ln(1 + Y²/γ²) + 2] for every bin (2.2e-3 at γ = 1e-3σ, 1.6e-2 at 1e-2σ).
    const y = SIGMA * Math.sqrt(2 * Math.PI);
    const bound = (gamma / (Math.PI * y)) * (Math.log(1 + (y * y) / (gamma * gamma)) + 2);
    expect(Array.from(r.probabilities)).toBeCloseToRel(gauss, 0, bound);
    // the lost fraction is the Breit-Wigner beyond ±15σ, (2/π) atan(γ/15σ); the smearing moves
    // σ²|C′(15σ)| ≈ 2γ/(π·3375σ) across each end, 15/3375 = 0.44 % of it: 1 % tolerance
    expect(1 - r.inside).toBeCloseToRel((2 / Math.PI) * Math.atan(gamma / (15 * SIGMA)), 0.01);
  });
});

describe("breitWignerGaussianBins: σ → 0 (the Breit-Wigner's arctan bin integrals)", () => {
  const gamma = M * WIDTH;
  // uneven edges across ±5 mΓ: most edges fall between grid nodes (interpolated)
  const edges = [-5, -3.3, -2, -1.1, -0.6, -0.25, 0.1, 0.35, 0.8, 1.7, 2.9, 5].map((u) => 25 + u * gamma);
  // max |d³/du³ (1 + u²)⁻¹| = max |24u(u² − 1)|/(1 + u²)⁴, by a fine scan (4.669 at u ≈ 0.325)
  let d3 = 0;
  for (let u = 0; u < 5; u += 1e-5) d3 = Math.max(d3, Math.abs((24 * u * (u * u - 1)) / (1 + u * u) ** 4));

  it.each([1e-2, 3e-3])("σ = %s mΓ: Cauchy + (σ²/2)(C′(b) − C′(a)) to the fourth-order remainder", (ratio) => {
    const sigma = ratio * gamma;
    const r = breitWignerGaussianBins({ massGeV: M, widthGeV: WIDTH, sigmaM2: sigma, edges });
    const cauchy = cauchyBins(25, gamma, edges);
    // Taylor in the Gaussian shift y: H(y) = P_BW(a − y, b − y); E[y] = E[y³] = 0, so
    // p_V − p_C = (σ²/2) H″(0) + R, H″(0) = C′(b) − C′(a), |R| ≤ E[y⁴] · 2 max|C‴| / 24 = σ⁴ max|C‴|/4;
    // also |p_V − p_C| ≤ σ² max|C′| (second-order remainder), max|C′| = 3√3/(8πγ²).
    const maxC1 = (3 * Math.sqrt(3)) / (8 * Math.PI * gamma * gamma);
    const maxC3 = (1.001 * d3) / (Math.PI * gamma ** 4);
    expect(Array.from(r.probabilities)).toBeCloseToRel(cauchy, 0, sigma * sigma * maxC1);
    const secondOrder = cauchy.map(
      (p, i) =>
        p + 0.5 * sigma * sigma * (cauchyDerivative(25, gamma, edges[i + 1]!) - cauchyDerivative(25, gamma, edges[i]!)),
    );
    // + 1e-11: the FFT's rounding, ≈ ε log₂ n per cell summed over the ≤ 6e3 cells of a bin
    expect(Array.from(r.probabilities)).toBeCloseToRel(secondOrder, 0, (sigma ** 4 * maxC3) / 4 + 1e-11);
  });
});

describe("breitWignerGaussianBins: against independent Voigt numbers", () => {
  // shapes/voigt_phi_like: a Breit-Wigner of FULL width Γ_V around m0 convolved with a Gaussian σ,
  // in a variable x. As our s: m² = m0 and half width mΓ = Γ_V/2, i.e. m = √m0, Γ = (Γ_V/2)/√m0.
  const { m0, Gamma_fwhm: gammaV, sigma, window, x } = voigt.inputs;
  const massGeV = Math.sqrt(m0);
  const widthGeV = gammaV / 2 / massGeV;

  it("the window integral of the Voigt profile (scipy quad): inside on [0.99, 1.05]", () => {
    const r = breitWignerGaussianBins({ massGeV, widthGeV, sigmaM2: sigma, edges: window });
    // 1e-9: the reference's own tolerance (quad at epsrel 1e-13); our O(h⁴) cell-convolution
    // error at h = min(σ, Γ_V/2)/8 is ~1e-12 of a window this wide
    expect(r.inside).toBeCloseToRel(voigt.values.window_integral_of_voigt_profile, 1e-9);
  });

  it("the Voigt density at seven points: the probability of a bin of width σ/400 around x, over its width", () => {
    const w = sigma / 400;
    const density = x.map((xi) => {
      const r = breitWignerGaussianBins({ massGeV, widthGeV, sigmaM2: sigma, edges: [xi - w / 2, xi + w / 2] });
      return r.inside / w;
    });
    // A centred bin gives f(x) + f″(x) w²/24 + O(w⁴): at these points |f″/f| ≤ 0.39/σ² (finite
    // differences of the reference profile), so ≤ 1.0e-7 relative; the bin lies on grid nodes
    // (step w) and the convolution error O(w⁴) is negligible. 3e-7 = 3 × that bound.
    expect(density).toBeCloseToRel(voigt.values.voigt_profile_unnormalised_full_line, 3e-7);
  });
});

describe("breitWignerGaussianBins: against direct numerical integration", () => {
  const gamma = M * WIDTH;
  it("the task's point: m = 5 GeV, Γ = 0.13 GeV, σ = 0.15 GeV², 30 bins of width σ", () => {
    const r = breitWignerGaussianBins({ massGeV: M, widthGeV: WIDTH, sigmaM2: SIGMA, edges: EDGES30 });
    const ref = EDGES30.slice(1).map((b, i) => quadratureBin(25, gamma, SIGMA, EDGES30[i]!, b));
    // All edges on grid nodes (8 cells per bin): the error is the O(h⁴) of the Sheppard-corrected
    // cell convolution at h = σ/8, measured ≤ 3e-9 relative; 2e-8 leaves a factor 7
    expect(Array.from(r.probabilities)).toBeCloseToRel(ref, 2e-8);
    expect(r.inside).toBeCloseToRel(sum(ref), 2e-8);
    expect(r.inside).toBeCloseToRel(0.82025834553, 1e-9);
    // edges symmetric about m²: so are the probabilities, up to rounding
    for (let i = 0; i < 15; i++) expect(r.probabilities[i]).toBeCloseToRel(r.probabilities[29 - i]!, 1e-12);
  });

  it.each([
    ["mΓ > σ", 5, 0.13, 0.15],
    ["mΓ < σ", 5, 0.002, 0.15],
    ["mΓ ≫ σ", 5, 0.5, 0.02],
    ["light Z′, M² < 0 allowed", 0.3, 0.05, 0.01],
  ])("uneven edges between grid nodes (%s)", (_label, m, width, sigma) => {
    const s0 = m * m;
    const scale = Math.max(m * width, sigma);
    const edges = [-40, -12.3, -5.1, -1.77, -0.9, -0.13, 0.21, 0.6, 1.3, 4.4, 9.7, 30].map((u) => s0 + u * scale);
    const r = breitWignerGaussianBins({ massGeV: m, widthGeV: width, sigmaM2: sigma, edges });
    const ref = edges.slice(1).map((b, i) => quadratureBin(s0, m * width, sigma, edges[i]!, b));
    // Off-node edges add the 6-point interpolation of the cumulative, O(h⁶ f⁽⁵⁾): measured
    // ≤ 6e-8 relative (the light Z′; ≤ 4e-9 for the others, on bins down to 0.3σ wide); 2e-7
    // leaves a factor 3
    expect(Array.from(r.probabilities)).toBeCloseToRel(ref, 2e-7);
    for (const p of r.probabilities) expect(p).toBeGreaterThan(0);
  });
});

describe("breitWignerGaussianBins: the total probability", () => {
  it.each([1e2, 1e3, 1e4])("edges m² ± %s mΓ hold (2/π) atan(R) → 1 (the Cauchy tails are not renormalised)", (R) => {
    const gamma = M * WIDTH;
    const edges = [25 - R * gamma, 25 - 1, 25 + 1, 25 + R * gamma];
    const r = breitWignerGaussianBins({ massGeV: M, widthGeV: WIDTH, sigmaM2: SIGMA, edges });
    // the smearing moves (σ²/2)(C′(b) − C′(a)) = σ² C′(Rγ) across the outer edges (≤ 4e-8 at R = 100;
    // the next order is σ⁴/γ⁴ smaller); 1e-9: the FFT's rounding summed over ≤ 7e5 cells
    const expected = (2 / Math.PI) * Math.atan(R) + SIGMA * SIGMA * cauchyDerivative(25, gamma, 25 + R * gamma);
    expect(r.inside).toBeCloseToRel(expected, 0, 1e-9);
    // → 1 as 1 − 2/(πR)
    expect(1 - r.inside).toBeCloseToRel(2 / (Math.PI * R), 1e-4);
    expect(r.inside).toBe(sum(r.probabilities));
  });

  it("Γ = 0 over ±40σ: 1 up to rounding", () => {
    const r = breitWignerGaussianBins({ massGeV: M, widthGeV: 0, sigmaM2: SIGMA, edges: [25 - 6, 25, 25 + 6] });
    expect(r.inside).toBeCloseToRel(1, 2 * Number.EPSILON);
  });
});

describe("breitWignerGaussianBins: bad input", () => {
  const ok = { massGeV: M, widthGeV: WIDTH, sigmaM2: SIGMA, edges: EDGES30 };
  it("names the argument, the allowed range and the value", () => {
    expectPhysError(() => breitWignerGaussianBins({ ...ok, massGeV: 0 }), "OUT_OF_DOMAIN", "massGeV");
    expectPhysError(() => breitWignerGaussianBins({ ...ok, massGeV: Number.NaN }), "INVALID_ARGUMENT", "massGeV");
    expectPhysError(() => breitWignerGaussianBins({ ...ok, widthGeV: -0.1 }), "OUT_OF_DOMAIN", "widthGeV");
    expectPhysError(
      () => breitWignerGaussianBins({ ...ok, widthGeV: Number.POSITIVE_INFINITY }),
      "INVALID_ARGUMENT",
      "widthGeV",
    );
    expectPhysError(() => breitWignerGaussianBins({ ...ok, sigmaM2: 0 }), "OUT_OF_DOMAIN", "sigmaM2");
    expectPhysError(() => breitWignerGaussianBins({ ...ok, edges: [25] }), "INVALID_ARGUMENT", "edges");
    expectPhysError(() => breitWignerGaussianBins({ ...ok, edges: [24, 25, 25, 26] }), "INVALID_ARGUMENT", "edges[2]");
    expectPhysError(
      () => breitWignerGaussianBins({ ...ok, edges: [24, Number.NaN, 26] }),
      "INVALID_ARGUMENT",
      "edges[1]",
    );
    expectPhysError(() => breitWignerGaussianBins(null as unknown as typeof ok), "INVALID_ARGUMENT", "options");
    expect(() => breitWignerGaussianBins({ ...ok, widthGeV: -0.1 })).toThrow("widthGeV must be >= 0 GeV, got -0.1");
  });

  it(`refuses a grid of more than ${BREIT_WIGNER_GAUSSIAN_GRID.maxPoints} points, naming what to change`, () => {
    // mΓ = 5e-9 GeV² ≪ σ: a step of mΓ/8 across 4.5 + 36σ GeV² needs ~1e10 points
    expectPhysError(() => breitWignerGaussianBins({ ...ok, widthGeV: 1e-9 }), "OUT_OF_DOMAIN", "widthGeV");
    expect(() => breitWignerGaussianBins({ ...ok, widthGeV: 1e-9 })).toThrow(/widthGeV must be 0 or at least about/);
    // mΓ ≥ σ = 1e-4 GeV²: a step of σ/8 across 100 GeV² needs 8e6 points
    expectPhysError(
      () => breitWignerGaussianBins({ massGeV: M, widthGeV: WIDTH, sigmaM2: 1e-4, edges: [0, 100] }),
      "OUT_OF_DOMAIN",
      "edges",
    );
    // the Gaussian limit has no grid
    expect(breitWignerGaussianBins({ ...ok, widthGeV: 0 }).probabilities).toHaveLength(30);
  });
});
