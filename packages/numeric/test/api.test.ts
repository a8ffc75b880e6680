// Pins the public API (STYLE.md §6): adding or removing an export must be a deliberate change here.
import { expect, it } from "vitest";

it("exports exactly the documented names", async () => {
  expect(Object.keys(await import("../src/index.js")).sort()).toMatchInlineSnapshot(`
    [
      "QUADRATURE_DEFAULTS",
      "bracketRoot",
      "brent",
      "chi2PValue",
      "cholesky",
      "choleskySolve",
      "convolveReal",
      "dilog",
      "erf",
      "erfc",
      "fft",
      "gammaP",
      "gammaQ",
      "gaussLegendre",
      "integrate",
      "integrateSqrtEndpoints",
      "logGamma",
      "normalCdf",
      "normalIsf",
      "normalProbability",
      "normalQuantile",
      "normalSf",
      "poissonCdf",
    ]
  `);
});
