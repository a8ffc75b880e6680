import { createRandom } from "@muonphilic/random";
import { describe, expect, test } from "vitest";
import type { Objective } from "../minimizer/types.js";
import { chebyshev, gaussian } from "../pdfs/index.js";
import { binnedNLL, chi2, extendedUnbinnedNLL, unbinnedNLL } from "./nll.js";
import { bernsteinShape, chebyshevShape, fixedShape, mixtureShape, pdfShape } from "./shapes.js";

const window = { low: 0, high: 10 };
const sig = gaussian({ mean: 4, sigma: 0.5, ...window });
const data = Float64Array.from([0.3, 1.7, 3.9, 4.2, 4.4, 5.5, 6.1, 8.8, 9.9, 4.05]);

/** Central finite differences with step h·max(1, |x|): error O(h²) ≈ 1e-10 relative for smooth NLLs. */
function numericalGradient(f: Objective, x: Float64Array, h = 1e-5): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const d = h * Math.max(1, Math.abs(xi));
    x[i] = xi + d;
    const fp = f(x);
    x[i] = xi - d;
    const fm = f(x);
    x[i] = xi;
    g[i] = (fp - fm) / (2 * d);
  }
  return g;
}

describe("extendedUnbinnedNLL", () => {
  test("value equals Σν − Σ ln Σ νₖ fₖ(xᵢ) computed directly (fused path)", () => {
    const bkg = chebyshev({ coefs: [0.2, -0.1], ...window });
    const nll = extendedUnbinnedNLL({
      data,
      components: [
        { yield: "s", shape: fixedShape(sig) },
        { yield: "b", shape: chebyshevShape({ params: ["c1", "c2"], ...window }) },
      ],
    });
    expect(nll.names).toEqual(["s", "b", "c1", "c2"]);
    let direct = 3 + 7;
    for (const x of data) direct -= Math.log(3 * sig.density(x) + 7 * bkg.density(x));
    expect(nll(Float64Array.from([3, 7, 0.2, -0.1]))).toBeCloseToRel(direct, 1e-14);
  });

  test.each([
    ["Chebyshev (fused)", chebyshevShape({ params: ["c1", "c2"], ...window })],
    ["Bernstein (fused)", bernsteinShape({ params: ["c1", "c2"], ...window })],
  ])("analytic gradient = finite differences: %s", (_n, shape) => {
    const nll = extendedUnbinnedNLL({
      data,
      components: [
        { yield: "s", shape: fixedShape(sig) },
        { yield: "b", shape },
      ],
      constraints: [{ name: "c1", mean: 0.1, sigma: 0.3 }],
    });
    const x = Float64Array.from([3, 7, 0.9, 0.6]);
    const g = new Float64Array(4);
    nll.gradient!(x, g);
    expect(g).toBeCloseToRel(numericalGradient(nll, x), 1e-7, 1e-9);
  });

  test("generic path (mixture shape): gradient = finite differences", () => {
    const nll = extendedUnbinnedNLL({
      data,
      components: [
        { yield: "s", shape: fixedShape(sig) },
        { yield: "b", shape: mixtureShape([chebyshevShape({ params: ["c1"], ...window }), fixedShape(sig)], ["f"]) },
      ],
    });
    expect(nll.names).toEqual(["s", "b", "f", "c1"]);
    const x = Float64Array.from([3, 7, 0.8, 0.1]);
    const g = new Float64Array(4);
    nll.gradient!(x, g);
    expect(g).toBeCloseToRel(numericalGradient(nll, x), 1e-7, 1e-9);
  });

  test("a floating pdfShape has no analytic gradient; its value matches the fixed shape", () => {
    const floating = extendedUnbinnedNLL({
      data,
      components: [
        { yield: "s", shape: pdfShape(["m"], ([m]) => gaussian({ mean: m!, sigma: 0.5, ...window }), 0, 10) },
      ],
    });
    const fixed = extendedUnbinnedNLL({ data, components: [{ yield: "s", shape: fixedShape(sig) }] });
    expect(floating.gradient).toBeUndefined();
    expect(floating(Float64Array.from([5, 4]))).toBeCloseToRel(fixed(Float64Array.from([5])), 1e-14);
    // an invalid shape parameter gives NaN, not an exception
    expect(floating(Float64Array.from([5, Number.NaN]))).toBeNaN();
  });

  test("negative normalisation or μ ≤ 0 gives NaN", () => {
    const nll = extendedUnbinnedNLL({
      data,
      components: [{ yield: "b", shape: chebyshevShape({ params: ["c1", "c2"], ...window }) }],
    });
    expect(nll(Float64Array.from([10, 0, 5]))).toBeNaN(); // ∫ = 2 − 10/3 < 0
    expect(nll(Float64Array.from([10, 3, 0]))).toBeNaN(); // 1 + 3u < 0 for u < −1/3
  });

  test("1e5 events: the grouped log sum agrees with per-event logs to 1e-13", () => {
    const rng = createRandom(9);
    const big = chebyshev({ coefs: [0.3], ...window }).sample(rng, 100_000);
    const nll = extendedUnbinnedNLL({
      data: big,
      components: [{ yield: "b", shape: chebyshevShape({ params: ["c1"], ...window }) }],
    });
    const pdf = chebyshev({ coefs: [0.25], ...window });
    let direct = 0;
    for (const x of big) direct += Math.log(1e5 * pdf.density(x));
    expect(nll(Float64Array.from([1e5, 0.25]))).toBeCloseToRel(1e5 - direct, 1e-13);
  });

  test("bad input names the argument", () => {
    const comps = [{ yield: "s", shape: fixedShape(sig) }];
    const arg = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as { details: { argument: string } }).details.argument;
      }
      return undefined;
    };
    expect(arg(() => extendedUnbinnedNLL({ data: [1, 2, 11], components: comps }))).toBe("data[2]");
    expect(arg(() => extendedUnbinnedNLL({ data: [1, Number.NaN], components: comps }))).toBe("data[1]");
    expect(arg(() => extendedUnbinnedNLL({ data: [], components: comps }))).toBe("data");
    expect(
      arg(() => extendedUnbinnedNLL({ data, components: comps, constraints: [{ name: "zz", mean: 0, sigma: 1 }] })),
    ).toBe("constraints[0].name");
    expect(
      arg(() => extendedUnbinnedNLL({ data, components: comps, constraints: [{ name: "s", mean: 0, sigma: 0 }] })),
    ).toBe("constraints[0].sigma");
    expect(
      arg(() =>
        extendedUnbinnedNLL({
          data,
          components: [...comps, { yield: "b", shape: chebyshevShape({ params: [], low: 0, high: 11 }) }],
        }),
      ),
    ).toBe("components[1].shape");
  });
});

describe("unbinnedNLL", () => {
  test("mixture with a floating fraction: value and gradient", () => {
    const shape = mixtureShape([fixedShape(sig), chebyshevShape({ params: ["c1"], ...window })], ["fs"]);
    const nll = unbinnedNLL({ data, shape });
    const bkg = chebyshev({ coefs: [0.1], ...window });
    let direct = 0;
    for (const x of data) direct -= Math.log(0.3 * sig.density(x) + 0.7 * bkg.density(x));
    const x = Float64Array.from([0.3, 0.1]);
    expect(nll(x)).toBeCloseToRel(direct, 1e-14);
    const g = new Float64Array(2);
    nll.gradient!(x, g);
    expect(g).toBeCloseToRel(numericalGradient(nll, x), 1e-7, 1e-9);
  });
});

describe("binnedNLL", () => {
  const edges = [0, 2, 4, 6, 8, 10];
  const counts = [3, 10, 6, 0, 2];
  const comps = [
    { yield: "s", shape: fixedShape(sig) },
    { yield: "b", shape: chebyshevShape({ params: ["c1"], ...window }) },
  ];
  test("Baker-Cousins value Σ μ − n + n ln(n/μ) and gradient", () => {
    const nll = binnedNLL({ edges, counts, components: comps });
    const bkg = chebyshev({ coefs: [-0.2], ...window });
    let direct = 0;
    for (let i = 0; i < 5; i++) {
      const mu = 8 * sig.probability(edges[i]!, edges[i + 1]!) + 13 * bkg.probability(edges[i]!, edges[i + 1]!);
      direct += mu - counts[i]! + (counts[i]! > 0 ? counts[i]! * Math.log(counts[i]! / mu) : 0);
    }
    const x = Float64Array.from([8, 13, -0.2]);
    expect(nll(x)).toBeCloseToRel(direct, 1e-13);
    const g = new Float64Array(3);
    nll.gradient!(x, g);
    expect(g).toBeCloseToRel(numericalGradient(nll, x), 1e-7, 1e-9);
  });
  test("bad input", () => {
    expect(() => binnedNLL({ edges, counts: [1, 2, 3, 4], components: comps })).toThrow(
      expect.objectContaining({ code: "INCOMPATIBLE_SHAPES" }),
    );
    expect(() => binnedNLL({ edges, counts: [1, 2, -3, 4, 0], components: comps })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ argument: "counts[2]" }) }),
    );
    expect(() => binnedNLL({ edges: [0, 2, 2, 6, 8, 10], counts, components: comps })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ argument: "edges[2]" }) }),
    );
  });
});

describe("chi2", () => {
  test("value and analytic gradient of a straight-line χ²", () => {
    const c = chi2({
      x: [0, 1, 2],
      y: [1, 3, 4],
      sigma: [0.5, 1, 2],
      names: ["a", "b"],
      model: (x, p) => p[0]! + p[1]! * x,
      modelGradient: (x, _p, out) => {
        out[0] = 1;
        out[1] = x;
      },
    });
    const p = Float64Array.from([1.2, 1.4]);
    expect(c(p)).toBeCloseToRel((0.2 / 0.5) ** 2 + (0.4 / 1) ** 2 + (0 / 2) ** 2, 1e-14, 1e-15);
    const g = new Float64Array(2);
    c.gradient!(p, g);
    expect(g).toBeCloseToRel(numericalGradient(c, p), 1e-8, 1e-10);
    expect(c.errordef).toBe(1);
  });
});
