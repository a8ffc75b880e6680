import { createRandom } from "@muonphilic/random";
import { describe, expect, test } from "vitest";
import { fit } from "../fit/fit.js";
import { chebyshevShape, extendedUnbinnedNLL, fixedShape } from "../likelihood/index.js";
import { chebyshev, doubleCrystalBall, gaussian } from "../pdfs/index.js";
import { generateToy, pullStudy } from "./pulls.js";

const window = { low: 2.7, high: 3.3 };
const signal = doubleCrystalBall({
  mean: 3,
  sigma1: 0.005,
  alpha1: 1.5,
  n1: 3,
  sigma2: 0.009,
  alpha2: 2.5,
  n2: 2,
  fraction1: 0.65,
  ...window,
});
const background = chebyshev({ coefs: [-0.3], ...window });
const sigShape = fixedShape(signal);
const bkgShape = chebyshevShape({ params: ["c1"], ...window });

describe("pull study: double CB + linear background, 50 signal over 2000 background (Belle2-4mu sec. VI)", () => {
  test("1000 toys: signal-yield pull mean |μ| < 0.1, width in [0.9, 1.1], failures < 0.5 %, every failure reported", () => {
    const truth = { Ns: 50, Nb: 2000, c1: -0.3 };
    const study = pullStudy({
      nToys: 1000,
      rng: createRandom(20240601),
      truth,
      generate: (rng) =>
        generateToy(
          [
            { yield: truth.Ns, pdf: signal },
            { yield: truth.Nb, pdf: background },
          ],
          rng,
        ),
      fit: (data) =>
        fit(
          extendedUnbinnedNLL({
            data,
            components: [
              { yield: "Ns", shape: sigShape },
              { yield: "Nb", shape: bkgShape },
            ],
          }),
          { Ns: 40, Nb: data.length, c1: 0 },
        ),
    });
    expect(study.nFailed).toBe(study.failures.length);
    expect(study.nFailed).toBeLessThan(5);
    const ns = study.parameters.Ns!;
    // 1000 toys: the mean of unit-width pulls has a standard error 0.032; the width ±0.022
    expect(Math.abs(ns.mean)).toBeLessThan(0.1);
    expect(ns.width).toBeGreaterThan(0.9);
    expect(ns.width).toBeLessThan(1.1);
    const nb = study.parameters.Nb!;
    expect(Math.abs(nb.mean)).toBeLessThan(0.1);
    expect(nb.width).toBeGreaterThan(0.9);
    expect(nb.width).toBeLessThan(1.1);
    expect(ns.pulls.length).toBe(1000);
  });

  test("failures are counted and listed, not dropped", () => {
    let calls = 0;
    const study = pullStudy({
      nToys: 4,
      rng: createRandom(1),
      truth: { mu: 0 },
      generate: (rng) => gaussian({ mean: 0, sigma: 1, low: -5, high: 5 }).sample(rng, 10),
      fit: () => {
        calls++;
        if (calls === 2) throw new Error("boom");
        return {
          valid: calls !== 3,
          status: calls === 3 ? "call-limit" : "converged",
          covarianceStatus: "accurate",
          parameters: { mu: { value: 0.1 * calls, error: 1, fixed: false, atLimit: false } },
        } as never;
      },
    });
    expect(study.nFailed).toBe(2);
    expect(study.failures.map((f) => [f.toy, f.status])).toEqual([
      [1, "exception"],
      [2, "call-limit"],
    ]);
    expect(Number.isNaN(study.parameters.mu!.pulls[1]!)).toBe(true);
    expect(study.parameters.mu!.mean).toBeCloseToRel(0.25, 1e-14);
  });
});

describe("generateToy", () => {
  test("Poisson yields: the total count has mean Σ yields (closure over 400 toys)", () => {
    const rng = createRandom(3);
    let sum = 0;
    for (let i = 0; i < 400; i++)
      sum += generateToy(
        [
          { yield: 30, pdf: signal },
          { yield: 70, pdf: background },
        ],
        rng.fork(i),
      ).length;
    // mean 100, standard error √100/√400 = 0.5: 4σ band
    expect(sum / 400).toBeCloseToRel(100, 0, 2);
  });
  test("fixed yields and bad input", () => {
    expect(generateToy([{ yield: 12.4, pdf: signal }], createRandom(1), { poisson: false }).length).toBe(12);
    expect(() => generateToy([{ yield: -1, pdf: signal }], createRandom(1))).toThrow(
      expect.objectContaining({ code: "OUT_OF_DOMAIN" }),
    );
    expect(() =>
      pullStudy({
        nToys: 0,
        rng: createRandom(1),
        truth: { a: 1 },
        generate: () => new Float64Array(1),
        fit: () => ({}) as never,
      }),
    ).toThrow(expect.objectContaining({ details: expect.objectContaining({ argument: "nToys" }) }));
  });
});
