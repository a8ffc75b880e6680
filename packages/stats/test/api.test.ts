import { readFileSync } from "node:fs";
import { expect, test } from "vitest";

// Pins the whole public API: every export is either a part-1 name (below: pdfs, likelihoods,
// minimiser, fit, least squares, pulls) or a part-2 name (the PART2 list of api-limits.test.ts,
// maintained with issue 4 and read from there so that both areas edit only their own list).
// A change here is a deliberate, changeset-worthy decision.
const PART1 = [
  "CONVOLUTION_DEFAULTS",
  "FIT_DEFAULTS",
  "LSQ_DEFAULTS",
  "MINIMIZER_DEFAULTS",
  "bernstein",
  "bernsteinShape",
  "binnedNLL",
  "breitWigner",
  "buildPdf",
  "chebyshev",
  "chebyshevShape",
  "chi2",
  "correlationMatrix",
  "crystalBall",
  "defaultMaxfcn",
  "doubleCrystalBall",
  "doubleSidedCrystalBall",
  "erf",
  "erfc",
  "exponential",
  "extendedUnbinnedNLL",
  "faddeeva",
  "fftConvolution",
  "fit",
  "fitLeastSquares",
  "fixedShape",
  "gaussian",
  "generateToy",
  "hesse",
  "histogramPdf",
  "integrate",
  "migrad",
  "minos",
  "mixtureShape",
  "pdfShape",
  "productPdf",
  "profile",
  "pullStudy",
  "refit",
  "relativisticBreitWigner",
  "sumPdf",
  "unbinnedNLL",
  "voigtian",
  // fit regions (window minus vetoes) and linear mixtures (the resonance scan's window fits)
  "LINEAR_MIXTURE_DEFAULTS",
  "REGION_QUADRATURE_DEFAULTS",
  "asimovMixture",
  "fitLinearMixture",
  "fitRegion",
  "inRegion",
  "isLinearMixtureObjective",
  "linearMixture",
  "linearMixtureMinimizer",
  "linearMixtureNll",
  "linearMixtureProfile",
  "mixtureDensity",
  "regionQuadrature",
  "requireRegion",
  "restrictPdf",
];

function part2Names(): string[] {
  const source = readFileSync(new URL("./api-limits.test.ts", import.meta.url), "utf8");
  const list = /const PART2 = \[([^\]]*)\]/.exec(source)?.[1] ?? "";
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

test("public API: exactly the part-1 and part-2 names", async () => {
  const keys = Object.keys(await import("../src/index.js")).sort();
  expect(keys).toEqual([...new Set([...PART1, ...part2Names()])].sort());
});
