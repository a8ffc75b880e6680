import { integrate, normalProbability } from "@muonphilic/numeric";
import { createRandom } from "@muonphilic/random";
import { expectPhysError } from "@muonphilic/vitest-config/assertions";
import { describe, expect, it } from "vitest";
import { crystalBall, doubleCrystalBall } from "./crystalBall.js";
import { gaussian } from "./gaussian.js";
import { fitRegion, inRegion, regionQuadrature, restrictPdf } from "./region.js";

describe("fitRegion", () => {
  it("cuts the vetoes out of the window (inside, at the edges, overlapping, outside)", () => {
    expect(fitRegion(2.9, 3.3, [[3.05, 3.15]])).toEqual([
      [2.9, 3.05],
      [3.15, 3.3],
    ]);
    expect(fitRegion(0, 1, [[-1, 0.2]])).toEqual([[0.2, 1]]);
    expect(
      fitRegion(0, 1, [
        [0.5, 2],
        [0.1, 0.2],
        [0.15, 0.3],
      ]),
    ).toEqual([
      [0, 0.1],
      [0.3, 0.5],
    ]);
    expect(fitRegion(0, 1, [[2, 3]])).toEqual([[0, 1]]);
    expect(inRegion(fitRegion(0, 1, [[0.4, 0.6]]), 0.5)).toBe(false);
    expect(inRegion(fitRegion(0, 1, [[0.4, 0.6]]), 0.6)).toBe(true);
  });
  it("rejects bad windows and vetoes that leave nothing", () => {
    expectPhysError(() => fitRegion(1, 1), "OUT_OF_DOMAIN", "high");
    expectPhysError(() => fitRegion(0, 1, [[-1, 2]]), "OUT_OF_DOMAIN", "vetoes");
    expectPhysError(() => fitRegion(0, 1, [[Number.NaN, 2]]), "INVALID_ARGUMENT", "vetoes[0][0]");
  });
});

describe("restrictPdf", () => {
  const g = gaussian({ mean: 0, sigma: 1, low: -5, high: 5 });
  const region = fitRegion(-5, 5, [[-1, 1]]);
  const r = restrictPdf(g, region);
  // P(region) = 1 − P(|x| < 1) − 2 P(|x| > 5) for the window-normalised Gaussian
  const pRegion = normalProbability(-5, -1) + normalProbability(1, 5);
  const pWindow = normalProbability(-5, 5);
  it("is the pdf divided by the region's probability, and 0 in the veto", () => {
    const phi2 = Math.exp(-2) / Math.sqrt(2 * Math.PI);
    expect(r.density(2)).toBeCloseToRel(phi2 / pRegion, 1e-14);
    expect(r.density(0)).toBe(0);
    expect(r.densityArray(Float64Array.from([2, 0, -2]))).toBeCloseToRel([phi2 / pRegion, 0, phi2 / pRegion], 1e-14);
    expect(pRegion / pWindow).toBeCloseToRel(g.probability(-5, -1) + g.probability(1, 5), 1e-14);
  });
  it("integrates to 1 over the region (quadrature with the veto edges as breaks)", () => {
    const q = integrate((x) => r.density(x), -5, 5, { rtol: 1e-13, breaks: [-1, 1] });
    // rtol of the quadrature, analytic normalisation
    expect(q).toBeCloseToRel(1, 1e-12);
    expect(r.probability(-5, 0)).toBeCloseToRel(0.5, 1e-14);
  });
  it("samples only inside the region (seeded)", () => {
    const xs = r.sample(createRandom(7), 2000);
    expect(xs.every((x) => Math.abs(x) >= 1 && Math.abs(x) <= 5)).toBe(true);
  });
  it("rejects a region outside the window", () => {
    expectPhysError(() => restrictPdf(g, [[-6, 0]]), "OUT_OF_DOMAIN", "region");
    expectPhysError(() => restrictPdf(g, []), "INVALID_ARGUMENT", "region");
  });
  it("a double Crystal Ball on a region normalises each component there (RooAddPdf with a range)", () => {
    const params = {
      mean: 3,
      sigma1: 0.005,
      alpha1: 1.5,
      n1: 3,
      sigma2: 0.009,
      alpha2: -2.5,
      n2: 2,
      fraction1: 0.65,
      low: 2.9,
      high: 3.1,
    };
    const reg = fitRegion(2.9, 3.1, [[3.004, 3.02]]);
    const pdf = doubleCrystalBall({ ...params, region: reg });
    const cb1 = crystalBall({ mean: 3, sigma: 0.005, alpha: 1.5, n: 3, low: 2.9, high: 3.1 });
    const cb2 = crystalBall({ mean: 3, sigma: 0.009, alpha: -2.5, n: 2, low: 2.9, high: 3.1 });
    const p1 = cb1.probability(2.9, 3.004) + cb1.probability(3.02, 3.1);
    const p2 = cb2.probability(2.9, 3.004) + cb2.probability(3.02, 3.1);
    for (const x of [2.95, 2.999, 3.001, 3.03]) {
      expect(pdf.density(x)).toBeCloseToRel((0.65 * cb1.density(x)) / p1 + (0.35 * cb2.density(x)) / p2, 1e-14);
    }
    expect(pdf.density(3.01)).toBe(0);
    expect(pdf.probability(2.9, 3.1)).toBeCloseToRel(1, 1e-14);
  });
});

describe("regionQuadrature", () => {
  it("integrates polynomials of degree 15 exactly on each panel, over the region only", () => {
    const region = fitRegion(0, 2, [[0.5, 0.75]]);
    const { x, w } = regionQuadrature(region, { panelWidth: 0.4, zones: [{ low: 1, high: 1.25, panelWidth: 0.0625 }] });
    let s = 0;
    for (let i = 0; i < x.length; i++) s += w[i]! * x[i]! ** 15;
    const exact = (0.5 ** 16 + 2 ** 16 - 0.75 ** 16) / 16;
    expect(s).toBeCloseToRel(exact, 1e-14);
    expect(x.every((v) => inRegion(region, v))).toBe(true);
    // panels: [0, 0.5] 2, [0.75, 1] 1, [1, 1.25] 4 (fine zone), [1.25, 2] 2: 9 panels of 8 points
    expect(x.length).toBe(9 * 8);
    for (let i = 1; i < x.length; i++) expect(x[i]!).toBeGreaterThan(x[i - 1]!);
  });
  it("resolves a narrow Gaussian with a fine zone around it (Φ differences to 1e-12)", () => {
    const s = 0.003;
    const { x, w } = regionQuadrature(fitRegion(2.8, 3.2), {
      panelWidth: 4 * s,
      zones: [{ low: 3 - 8 * s, high: 3 + 8 * s, panelWidth: s }],
    });
    let q = 0;
    for (let i = 0; i < x.length; i++)
      q += (w[i]! * Math.exp(-0.5 * ((x[i]! - 3) / s) ** 2)) / (s * Math.sqrt(2 * Math.PI));
    expect(q).toBeCloseToRel(normalProbability(-0.2 / s, 0.2 / s), 1e-12);
  });
  it("rejects non-positive panel widths and point counts", () => {
    expectPhysError(() => regionQuadrature([[0, 1]], { panelWidth: 0 }), "OUT_OF_DOMAIN", "options.panelWidth");
    expectPhysError(
      () => regionQuadrature([[0, 1]], { panelWidth: 1, points: 0 }),
      "INVALID_ARGUMENT",
      "options.points",
    );
  });
});
