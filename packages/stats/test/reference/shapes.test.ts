/**
 * Densities and normalisations against the independent reference values of
 * shared/reference/stats/shapes.json (copied to test/fixtures/shapes.json).
 */
import { describe, expect, test } from "vitest";
import {
  bernstein,
  chebyshev,
  crystalBall,
  doubleCrystalBall,
  doubleSidedCrystalBall,
  voigtian,
} from "../../src/pdfs/index.js";
import fixture from "../fixtures/shapes.json" with { type: "json" };

interface Rec {
  readonly id: string;
  readonly inputs: unknown;
  readonly values: unknown;
}
const rec = (id: string): Rec => (fixture.records as unknown as Rec[]).find((r) => r.id === id) as Rec;

describe("Crystal Ball (RooCBShape convention)", () => {
  const r = rec("shapes/cb_alpha1.5_n3");
  const i = r.inputs as unknown as {
    m0: number;
    sigma: number;
    alpha: number;
    n: number;
    window: [number, number];
    x: number[];
    bins: [number, number][];
  };
  const v = r.values as unknown as {
    pdf: number[];
    window_integral_unnormalised_peak1: number;
    bin_fractions: number[];
  };
  const pdf = crystalBall({ mean: i.m0, sigma: i.sigma, alpha: i.alpha, n: i.n, low: i.window[0], high: i.window[1] });
  // tolerance of the record: 1e-9 relative (analytic normalisation)
  test("density at the reference points, including both sides of the joint", () => {
    expect(Array.from(i.x, (x) => pdf.density(x))).toBeCloseToRel(v.pdf, 1e-9);
  });
  test("window integral of the unnormalised shape", () => {
    expect(pdf.norm).toBeCloseToRel(v.window_integral_unnormalised_peak1, 1e-9);
  });
  test("bin fractions", () => {
    expect(i.bins.map(([a, b]) => pdf.probability(a, b))).toBeCloseToRel(v.bin_fractions, 1e-9);
  });
  test("α < 0 mirrors the shape: tail on the high side", () => {
    const mirrored = crystalBall({
      mean: -i.m0,
      sigma: i.sigma,
      alpha: -i.alpha,
      n: i.n,
      low: -i.window[1],
      high: -i.window[0],
    });
    expect(Array.from(i.x, (x) => mirrored.density(-x))).toBeCloseToRel(v.pdf, 1e-12);
    expect(mirrored.probability(-2, 5)).toBeCloseToRel(pdf.probability(-5, 2), 1e-12);
  });
});

describe("double-sided Crystal Ball (RooCrystalBall)", () => {
  const r = rec("shapes/dscb_sym_sigma");
  const i = r.inputs as unknown as Record<string, number> & {
    window: [number, number];
    x: number[];
    bins: [number, number][];
  };
  const v = r.values as unknown as {
    pdf: number[];
    window_integral_unnormalised_peak1: number;
    bin_fractions: number[];
  };
  const pdf = doubleSidedCrystalBall({
    mean: i.m0!,
    sigma: i.sigmaL!,
    sigmaHigh: i.sigmaR!,
    alphaLow: i.alphaL!,
    nLow: i.nL!,
    alphaHigh: i.alphaR!,
    nHigh: i.nR!,
    low: i.window[0],
    high: i.window[1],
  });
  test("density, integral and bin fractions to 1e-9", () => {
    expect(Array.from(i.x, (x) => pdf.density(x))).toBeCloseToRel(v.pdf, 1e-9);
    expect(pdf.norm).toBeCloseToRel(v.window_integral_unnormalised_peak1, 1e-9);
    expect(i.bins.map(([a, b]) => pdf.probability(a, b))).toBeCloseToRel(v.bin_fractions, 1e-9);
  });
});

describe("sum of two Crystal Balls sharing a mean (Belle2-4mu signal)", () => {
  const r = rec("shapes/double_cb_same_side_tails_task3");
  const i = r.inputs as unknown as Record<string, number> & { window: [number, number]; x: number[] };
  const v = r.values as unknown as { pdf: number[] };
  const pdf = doubleCrystalBall({
    mean: i.m0!,
    sigma1: i.s1!,
    alpha1: i.a1!,
    n1: i.n1!,
    sigma2: i.s2!,
    alpha2: i.a2!,
    n2: i.n2!,
    fraction1: i.frac1!,
    low: i.window[0],
    high: i.window[1],
  });
  test("density to 1e-9 (down to 1e-240 in the far Gaussian tail)", () => {
    expect(Array.from(i.x, (x) => pdf.density(x))).toBeCloseToRel(v.pdf, 1e-9);
  });
});

describe("polynomials", () => {
  test("Chebyshev (RooChebychev) to 1e-12", () => {
    const r = rec("shapes/chebyshev_2");
    const i = r.inputs as unknown as { coefs_c1_up: number[]; window: [number, number]; x: number[] };
    const pdf = chebyshev({ coefs: i.coefs_c1_up, low: i.window[0], high: i.window[1] });
    expect(Array.from(i.x, (x) => pdf.density(x))).toBeCloseToRel(
      (r.values as unknown as { pdf: number[] }).pdf,
      1e-12,
    );
  });
  test("Bernstein (RooBernstein) to 1e-12", () => {
    const r = rec("shapes/bernstein_2");
    const i = r.inputs as unknown as { coefs_c0_up: number[]; window: [number, number]; x: number[] };
    const pdf = bernstein({ coefs: i.coefs_c0_up, low: i.window[0], high: i.window[1] });
    expect(Array.from(i.x, (x) => pdf.density(x))).toBeCloseToRel(
      (r.values as unknown as { pdf: number[] }).pdf,
      1e-12,
    );
  });
});

describe("Voigtian (Breit-Wigner full width ⊗ Gaussian)", () => {
  const r = rec("shapes/voigt_phi_like");
  const i = r.inputs as unknown as {
    m0: number;
    Gamma_fwhm: number;
    sigma: number;
    window: [number, number];
    x: number[];
  };
  const v = r.values as unknown as {
    pdf_window_normalised: number[];
    voigt_profile_unnormalised_full_line: number[];
    window_integral_of_voigt_profile: number;
  };
  const pdf = voigtian({ mean: i.m0, width: i.Gamma_fwhm, sigma: i.sigma, low: i.window[0], high: i.window[1] });
  test("profile (Faddeeva) to 1e-10 and normalised density to the record's 1e-8", () => {
    expect(Array.from(i.x, (x) => pdf.shape(x))).toBeCloseToRel(v.voigt_profile_unnormalised_full_line, 1e-10);
    expect(Array.from(i.x, (x) => pdf.density(x))).toBeCloseToRel(v.pdf_window_normalised, 1e-8);
  });
  test("window integral (quadrature at 1e-12) to 1e-9", () => {
    expect(pdf.norm).toBeCloseToRel(v.window_integral_of_voigt_profile, 1e-9);
  });
});
