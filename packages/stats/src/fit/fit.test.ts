import { createRandom } from "@muonphilic/random";
import { describe, expect, test } from "vitest";
import { extendedUnbinnedNLL, fixedShape, pdfShape, unbinnedNLL } from "../likelihood/index.js";
import { gaussian } from "../pdfs/index.js";
import { fit, profile, refit } from "./fit.js";

// Gaussian mean with known σ on a wide window: NLL(μ) is exactly quadratic up to the window
// truncation (±40σ), μ̂ = mean of the data and σ(μ̂) = σ/√n.
const window = { low: -40, high: 40 };
const xs = gaussian({ mean: 0.7, sigma: 1, ...window }).sample(createRandom(17), 400);
const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
const nll = unbinnedNLL({
  data: xs,
  shape: pdfShape(["mu"], ([m]) => gaussian({ mean: m!, sigma: 1, ...window }), -40, 40),
});

describe("fit", () => {
  test("μ̂ = sample mean and σ = 1/√n, MINOS symmetric", () => {
    const r = fit(nll, { mu: 0 }, { minos: true });
    expect(r.valid).toBe(true);
    // EDM < 1e-7: within ~5e-4 σ of the exact minimum
    expect(r.parameters.mu!.value).toBeCloseToRel(mean, 0, 1e-3 / Math.sqrt(400));
    expect(r.parameters.mu!.error).toBeCloseToRel(1 / 20, 1e-4);
    expect(r.minos.mu!.upper).toBeCloseToRel(1 / 20, 1e-3);
    expect(r.minos.mu!.lower).toBeCloseToRel(-1 / 20, 1e-3);
    expect(r.correlation[0]).toBe(1);
  });

  test("profile: ΔNLL(μ) = (μ − μ̂)²/(2σ²)", () => {
    const r = fit(nll, { mu: 0 });
    const p = profile(nll, r, "mu", [mean - 0.1, mean, mean + 0.05]);
    expect(Array.from(p.deltaNll)).toBeCloseToRel([0.1 ** 2 * 200, 0, 0.05 ** 2 * 200], 1e-6, 1e-9);
    expect(p.valid).toEqual([true, true, true]);
  });

  test("refit with a yield fixed, and the start-value map checks names", () => {
    const comps = [{ yield: "n", shape: fixedShape(gaussian({ mean: 0.7, sigma: 1, ...window })) }];
    const ext = extendedUnbinnedNLL({ data: xs, components: comps });
    const r = fit(ext, { n: { value: 300, lower: 0 } });
    // extended fit of a single yield: n̂ = N exactly
    expect(r.parameters.n!.value).toBeCloseToRel(400, 1e-6);
    expect(r.parameters.n!.error).toBeCloseToRel(20, 1e-3);
    const r2 = refit(ext, r, { n: 350 });
    expect(r2.parameters.n!.fixed).toBe(true);
    // NLL(n) − NLL(N) = n − N − N ln(n/N)
    expect(r2.nllMin - r.nllMin).toBeCloseToRel(350 - 400 - 400 * Math.log(350 / 400), 1e-8);
    expect(() => fit(ext, { n: 1, zz: 2 })).toThrow(expect.objectContaining({ code: "UNKNOWN_NAME" }));
    expect(() => fit(ext, {})).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ argument: "params.n" }) }),
    );
    expect(() => refit(ext, r, { q: 1 })).toThrow(expect.objectContaining({ code: "UNKNOWN_NAME" }));
    expect(() => fit(ext, { n: { value: 1, lower: 2, upper: 3 } })).toThrow(
      expect.objectContaining({ code: "OUT_OF_DOMAIN" }),
    );
  });

  test("a fit that cannot converge is a result with valid: false", () => {
    const r = fit(nll, { mu: 0 }, { maxfcn: 3 });
    expect(r.valid).toBe(false);
    expect(r.status).toBe("call-limit");
  });
});
