import { createRandom } from "@muonphilic/random";
import { isPhysError } from "@muonphilic/units";
import { describe, expect, test } from "vitest";
import { hesse, migrad, minos } from "./migrad.js";
import type { Objective, ParameterSpec } from "./types.js";

/** f = ½ (x − m)ᵀ A (x − m) · (1/up)… written as (x − m)ᵀ A (x − m) with errordef 1: cov = 2 A⁻¹. */
function quadratic(a: Float64Array, m: Float64Array, withGradient: boolean, errordef = 1): Objective {
  const n = m.length;
  const d = new Float64Array(n);
  const f = (x: Float64Array): number => {
    for (let i = 0; i < n; i++) d[i] = x[i]! - m[i]!;
    let s = 0;
    for (let i = 0; i < n; i++) {
      let t = 0;
      for (let j = 0; j < n; j++) t += a[i * n + j]! * d[j]!;
      s += d[i]! * t;
    }
    return s;
  };
  const gradient = (x: Float64Array, g: Float64Array): void => {
    for (let i = 0; i < n; i++) d[i] = x[i]! - m[i]!;
    for (let i = 0; i < n; i++) {
      let t = 0;
      for (let j = 0; j < n; j++) t += a[i * n + j]! * d[j]!;
      g[i] = 2 * t;
    }
  };
  return Object.assign(f, { errordef, ...(withGradient ? { gradient } : {}) });
}

const A2 = Float64Array.from([1, 0.5, 0.5, 10]);
const M2 = Float64Array.from([1, -2]);
// cov = 2·up·H⁻¹ with H = 2A, up = 1 → A⁻¹ = [[10, -0.5], [-0.5, 1]] / 9.75
const COV2 = [10 / 9.75, -0.5 / 9.75, -0.5 / 9.75, 1 / 9.75];
const P2: ParameterSpec[] = [
  { name: "a", value: 0 },
  { name: "b", value: 0 },
];

describe("migrad on a quadratic form (exact minimum and covariance known)", () => {
  test.each([false, true])("analytic gradient: %s", (withGradient) => {
    const f = quadratic(A2, M2, withGradient);
    const r = migrad(f, P2);
    expect(r.valid).toBe(true);
    expect(r.status).toBe("converged");
    // EDM < 2e-4 bounds the distance to the minimum at ~√(2 EDM) σ ≈ 0.02 σ; numerically much better
    expect(r.values).toBeCloseToRel(M2, 0, 1e-6);
    expect(r.fval).toBeCloseToRel(0, 0, 1e-10);
    // covariance: from HESSE (strategy 1 runs it at the end); finite-difference accuracy ~1e-7 relative
    expect(Array.from(r.covariance)).toBeCloseToRel(COV2, 1e-6, 1e-9);
    expect(r.covarianceStatus).toBe("accurate");
    if (withGradient) expect(r.ngrad).toBeGreaterThan(0);
    else expect(r.ngrad).toBe(0);
  });

  test("errordef 0.5 halves the covariance", () => {
    const r = migrad(quadratic(A2, M2, false, 0.5), P2);
    expect(Array.from(r.covariance)).toBeCloseToRel(
      COV2.map((c) => c / 2),
      1e-6,
      1e-9,
    );
  });

  test("a fixed parameter stays put and has zero covariance rows", () => {
    const r = migrad(quadratic(A2, M2, false), [P2[0]!, { name: "b", value: -1, fixed: true }]);
    expect(r.values[1]).toBe(-1);
    // conditional minimum: ∂/∂a = 2(a−1) + (b+2) = 0 → a = 0.5; var = 2·up/2 = 1
    expect(r.values[0]).toBeCloseToRel(0.5, 1e-7);
    expect(r.errors[0]).toBeCloseToRel(1, 1e-6);
    expect(Array.from(r.covariance.subarray(1))).toEqual([0, 0, 0]);
    expect(r.errors[1]).toBe(0);
  });

  test("all parameters fixed: one evaluation, status no-free-parameters, not valid", () => {
    const r = migrad(quadratic(A2, M2, false), [
      { name: "a", value: 1, fixed: true },
      { name: "b", value: 0, fixed: true },
    ]);
    expect(r.status).toBe("no-free-parameters");
    expect(r.valid).toBe(false);
    expect(r.fval).toBeCloseToRel(40, 1e-15);
    expect(r.nfcn).toBe(1);
  });
});

describe("migrad on Rosenbrock's function", () => {
  const ros = (x: Float64Array): number => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
  test("from (-1.2, 1) to (1, 1)", () => {
    const r = migrad(ros, [
      { name: "x", value: -1.2 },
      { name: "y", value: 1 },
    ]);
    expect(r.valid).toBe(true);
    // EDM < 1e-4 with errordef 0.5: f − fmin of that order, position ~1e-2 along the valley
    expect(ros(r.values)).toBeLessThan(1e-3);
    expect(r.values).toBeCloseToRel([1, 1], 0, 2e-2);
  });

  test("an analytic gradient gives the same minimum", () => {
    const f = Object.assign((x: Float64Array) => ros(x), {
      gradient: (x: Float64Array, g: Float64Array) => {
        g[0] = -400 * x[0]! * (x[1]! - x[0]! ** 2) - 2 * (1 - x[0]!);
        g[1] = 200 * (x[1]! - x[0]! ** 2);
      },
    });
    const r = migrad(
      f,
      [
        { name: "x", value: -1.2 },
        { name: "y", value: 1 },
      ],
      { hesse: true },
    );
    expect(r.valid).toBe(true);
    expect(r.covarianceStatus).toBe("accurate");
    // convergence means EDM < 1e-4 (errordef 0.5): f − fmin of that order, position ~1e-2 along the valley
    expect(ros(r.values)).toBeLessThan(1e-3);
    expect(r.values).toBeCloseToRel([1, 1], 0, 2e-2);
    // exact inverse Hessian at the point reached: H = [[1200x² − 400y + 2, −400x], [−400x, 200]], cov = 2·0.5·H⁻¹
    const [x, y] = [r.values[0]!, r.values[1]!];
    const det = (1200 * x * x - 400 * y + 2) * 200 - 160000 * x * x;
    // HESSE by central differences of the gradient, step 1e-3 σ: the third derivative 2400 gives
    // δH₁₁ ≈ 400 h² ≈ 2e-4 against det/200 ≈ 2 (the Hessian is nearly singular): ~1e-4 relative
    expect(r.errors[0]).toBeCloseToRel(Math.sqrt(200 / det), 1e-3);
  });

  test.each([0, 1, 2] as const)("strategy %i converges to the same minimum", (strategy) => {
    const r = migrad(
      ros,
      [
        { name: "x", value: -1.2 },
        { name: "y", value: 1 },
      ],
      { strategy },
    );
    expect(r.valid).toBe(true);
    expect(r.strategy).toBe(strategy);
    expect(ros(r.values)).toBeLessThan(1e-3);
  });

  test("a bound below the minimum: the fit ends at the bound and reports it", () => {
    const r = migrad(ros, [
      { name: "x", value: -1.2, lower: -2, upper: 0.9 },
      { name: "y", value: 1, lower: 0 },
    ]);
    expect(r.values[0]).toBeCloseToRel(0.9, 0, 1e-3);
    expect(r.paramsAtLimit).toEqual(["x"]);
  });
});

describe("bounds", () => {
  test("a wide two-sided and one-sided bound do not change an interior minimum or its errors", () => {
    const f = quadratic(A2, M2, false);
    const free = migrad(f, P2);
    const bounded = migrad(f, [
      { name: "a", value: 0, lower: -5, upper: 6 },
      { name: "b", value: 0, upper: 10 },
    ]);
    expect(bounded.valid).toBe(true);
    // both converged to EDM < 2e-4 (errordef 1): each within √(10 × 2e-4) ≈ 0.05 σ of the minimum
    expect(bounded.values[0]).toBeCloseToRel(1, 0, 0.05 * free.errors[0]!);
    expect(bounded.values[1]).toBeCloseToRel(-2, 0, 0.05 * free.errors[1]!);
    // the Jacobian of the sin transformation is exact at the minimum; HESSE differences in
    // internal coordinates add ~1e-5 relative
    // the covariance maps through the Jacobian of the sin map (linear), evaluated ≲ 0.05 σ off the
    // minimum: ≲ 1e-3 relative here
    expect([bounded.covariance[0], bounded.covariance[3]]).toBeCloseToRel(
      [free.covariance[0]!, free.covariance[3]!],
      2e-3,
    );
    // `errors` are Minuit's Int2extError: the mean of |ext(v ± σ_int) − ext(v)|, which includes the
    // curvature of the sin map (~(σ_int)² ≈ 3 % here), as iminuit reports
    const sInt = free.errors[0]! / (5.5 * Math.cos(Math.asin((2 * (bounded.values[0]! + 5)) / 11 - 1)));
    const v = Math.asin((2 * (bounded.values[0]! + 5)) / 11 - 1);
    const ext = (t: number) => -5 + 5.5 * (Math.sin(t) + 1);
    const expected = 0.5 * (Math.abs(ext(v + sInt) - ext(v)) + Math.abs(ext(v - sInt) - ext(v)));
    expect(bounded.errors[0]).toBeCloseToRel(expected, 2e-3);
    expect(bounded.errors[1]).toBeCloseToRel(free.errors[1]!, 2e-3);
    expect(bounded.paramsAtLimit).toEqual([]);
  });

  test("Poisson mean bounded at 0 with zero observed: the minimum is at the bound", () => {
    // NLL = mu − n ln mu with n = 0 → minimum at mu = 0
    const f = (x: Float64Array): number => x[0]!;
    const r = migrad(f, [{ name: "mu", value: 2, lower: 0 }]);
    expect(r.values[0]).toBeCloseToRel(0, 0, 1e-3);
    expect(r.paramsAtLimit).toEqual(["mu"]);
  });
});

describe("hesse", () => {
  test("at an explicit point: the exact covariance of a quadratic", () => {
    const r = hesse(quadratic(A2, M2, false), P2, Float64Array.from([0.3, -1]));
    expect(Array.from(r.covariance)).toBeCloseToRel(COV2, 1e-6, 1e-9);
    expect(r.covarianceStatus).toBe("accurate");
  });

  test("an indefinite Hessian is forced positive definite and says so", () => {
    const f = (x: Float64Array): number => x[0]! ** 2 - x[1]! ** 2 + x[1]! ** 4;
    const r = hesse(f, P2, Float64Array.from([0, 0]));
    expect(r.covarianceStatus).toBe("forced-positive-definite");
    for (let i = 0; i < 2; i++) expect(r.errors[i]!).toBeGreaterThan(0);
  });
});

describe("minos", () => {
  test("Poisson NLL μ − n ln μ: the crossings solve μ − n ln μ = n − n ln n + ½ (n = 5)", () => {
    const n = 5;
    const nll = Object.assign((x: Float64Array) => x[0]! - n * Math.log(x[0]!), { errordef: 0.5 });
    const params: ParameterSpec[] = [{ name: "mu", value: 3, lower: 0 }];
    const r = migrad(nll, params);
    const me = minos(nll, params, r, "mu");
    // independent: bisection on g(μ) = μ − n ln μ − (n − n ln n) − ½
    const g = (mu: number) => mu - n * Math.log(mu) - (n - n * Math.log(n)) - 0.5;
    const bisect = (a: number, b: number): number => {
      for (let i = 0; i < 200; i++) {
        const m = 0.5 * (a + b);
        if (g(a) * g(m) <= 0) b = m;
        else a = m;
      }
      return 0.5 * (a + b);
    };
    const lo = bisect(1, n);
    const hi = bisect(n, 20);
    expect(me.valid).toBe(true);
    // crossing tolerance 1e-4 of errordef → ~5e-5 σ on each side; the minimum itself to ~1e-4 σ
    expect(r.values[0]! + me.lower).toBeCloseToRel(lo, 1e-4);
    expect(r.values[0]! + me.upper).toBeCloseToRel(hi, 1e-4);
  });

  test("2D correlated quadratic: MINOS equals the parabolic error", () => {
    const f = quadratic(A2, M2, true);
    const r = migrad(f, P2);
    const me = minos(f, P2, r, "b");
    expect(me.upper).toBeCloseToRel(Math.sqrt(COV2[3]!), 1e-4);
    expect(me.lower).toBeCloseToRel(-Math.sqrt(COV2[3]!), 1e-4);
  });

  test("a crossing beyond a bound is reported at the limit", () => {
    const f = quadratic(A2, M2, false);
    const params: ParameterSpec[] = [{ name: "a", value: 0.5, lower: 0, upper: 1.5 }, P2[1]!];
    const r = migrad(f, params);
    const me = minos(f, params, r, "a");
    expect(me.upperSide.atLimit).toBe(true);
    expect(me.upperSide.valid).toBe(false);
    expect(me.lowerSide.atLimit).toBe(true);
  });

  test("unknown and fixed names are rejected", () => {
    const f = quadratic(A2, M2, false);
    const r = migrad(f, P2);
    expect(() => minos(f, P2, r, "zz")).toThrow(expect.objectContaining({ code: "UNKNOWN_NAME" }));
    expect(() => minos(f, [P2[0]!, { ...P2[1]!, fixed: true }], r, "b")).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT" }),
    );
  });
});

describe("scaling: 200 parameters with an analytic gradient", () => {
  test("a correlated 200-dimensional quadratic converges with an exact covariance", () => {
    const n = 200;
    const rng = createRandom(2024);
    // A = I + 0.5 u uᵀ/|u|² + small random symmetric part (well conditioned)
    const u = new Float64Array(n);
    rng.fillNormal(u);
    const uu = u.reduce((s, x) => s + x * x, 0);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        const v = (i === j ? 1 + rng.uniform() : 0) + (0.5 * u[i]! * u[j]!) / uu;
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
    }
    const m = new Float64Array(n);
    rng.fillNormal(m);
    const f = quadratic(a, m, true, 0.5);
    const params = Array.from({ length: n }, (_, i) => ({ name: `p${i}`, value: 0, step: 0.5 }));
    const r = migrad(f, params, { hesse: true });
    expect(r.valid).toBe(true);
    // for f = dᵀAd the exact EDM equals f − fmin = f: converged means below 10 × goal
    expect(f(r.values)).toBeLessThan(10 * r.edmGoal);
    expect(r.edm).toBeCloseToRel(f(r.values), 1e-3, 1e-12);
    // cov = 2·0.5·(2A)⁻¹ = A⁻¹/2: check A·cov = I/2 (HESSE by gradient differences is exact for a quadratic)
    for (const i of [0, 17, 199]) {
      for (const j of [0, 5, 199]) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k]! * r.covariance[k * n + j]!;
        expect(s).toBeCloseToRel(i === j ? 0.5 : 0, 0, 1e-9);
      }
    }
    // no numerical gradient: objective calls come from line searches only (a few per iteration)
    expect(r.nfcn).toBeLessThan(20 * r.iterations + 50);
  });
});

describe("failures are results, not exceptions", () => {
  test("call limit", () => {
    const ros = (x: Float64Array): number => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
    const r = migrad(ros, P2, { maxfcn: 20 });
    expect(r.valid).toBe(false);
    expect(r.status).toBe("call-limit");
  });

  test("NaN at the start", () => {
    const r = migrad(() => Number.NaN, P2);
    expect(r.valid).toBe(false);
    expect(r.status).toBe("invalid-function");
  });

  test("NaN regions are avoided by the line search", () => {
    // undefined for x ≤ 0; minimum at x = 0.01 close to the edge; a big first step overshoots
    const f = (x: Float64Array): number => (x[0]! > 0 ? x[0]! - 0.01 * Math.log(x[0]!) : Number.NaN);
    const r = migrad(f, [{ name: "x", value: 1, step: 0.5 }]);
    expect(r.valid).toBe(true);
    expect(r.values[0]).toBeCloseToRel(0.01, 2e-2);
  });
});

describe("bad input", () => {
  const f = quadratic(A2, M2, false);
  const cases: [string, ParameterSpec[], string][] = [
    ["inverted bounds", [{ name: "a", value: 0, lower: 1, upper: -1 }], "params[0].upper"],
    ["start outside bounds", [{ name: "a", value: 5, lower: 0, upper: 1 }], "params[0].value"],
    ["NaN start", [{ name: "a", value: Number.NaN }], "params[0].value"],
    ["zero step", [{ name: "a", value: 0, step: 0 }], "params[0].step"],
    [
      "duplicate names",
      [
        { name: "a", value: 0 },
        { name: "a", value: 1 },
      ],
      "params[1].name",
    ],
  ];
  test.each(cases)("%s", (_label, params, argument) => {
    try {
      migrad(f, params);
      expect.unreachable();
    } catch (e) {
      expect(isPhysError(e)).toBe(true);
      expect((e as { details: { argument: string } }).details.argument).toBe(argument);
    }
  });

  test("non-function objective, bad strategy, non-positive errordef", () => {
    expect(() => migrad(3 as unknown as Objective, P2)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => migrad(f, P2, { strategy: 3 as 1 })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => migrad(f, P2, { errordef: 0 })).toThrow(expect.objectContaining({ code: "OUT_OF_DOMAIN" }));
  });

  test("hesse: point of the wrong length or outside bounds", () => {
    expect(() => hesse(f, P2, new Float64Array(3))).toThrow(expect.objectContaining({ code: "INCOMPATIBLE_SHAPES" }));
    expect(() => hesse(f, [{ name: "a", value: 0, lower: 0, upper: 1 }, P2[1]!], Float64Array.from([2, 0]))).toThrow(
      expect.objectContaining({ code: "OUT_OF_DOMAIN" }),
    );
  });
});
