import { describe, expect, it } from "vitest";
import { expectPhysError } from "../test/helpers.js";
import { makeEfficiency } from "./efficiency.js";

const NaN_ = Number.NaN;
/** Evaluates a curve in one variable: p carries x for "p" curves. */
const atP = (eff: ReturnType<typeof makeEfficiency>, p: number) => eff.at(p, NaN_, NaN_, NaN_);

describe("efficiency curves", () => {
  it("interpolates linearly between nodes and clamps outside by default", () => {
    const eff = makeEfficiency("e", { variable: "p", grid: [1, 2, 4], values: [0.2, 0.6, 1] });
    // Nodes and midpoints of a piecewise-linear function: exact up to rounding (a few ε).
    expect(atP(eff, 1)).toBe(0.2);
    expect(atP(eff, 4)).toBe(1);
    expect(atP(eff, 1.5)).toBeCloseToRel(0.4, 1e-15);
    expect(atP(eff, 3)).toBeCloseToRel(0.8, 1e-15);
    expect(atP(eff, 0)).toBe(0.2);
    expect(atP(eff, 10)).toBe(1);
  });

  it("a one-node curve with below: zero is a threshold (Jho2019: 0.9 above 0.6 GeV)", () => {
    const eff = makeEfficiency("id", { variable: "p", grid: [0.6], values: [0.9], below: "zero" });
    expect(atP(eff, 0.59999)).toBe(0);
    expect(atP(eff, 0.6)).toBe(0.9);
    expect(atP(eff, 5)).toBe(0.9);
  });

  it("a window with zero on both sides", () => {
    const eff = makeEfficiency("w", {
      variable: "theta",
      grid: [1, 2],
      values: [0.9, 0.9],
      below: "zero",
      above: "zero",
    });
    expect(eff.at(NaN_, NaN_, NaN_, 0.99)).toBe(0);
    expect(eff.at(NaN_, NaN_, NaN_, 1.5)).toBe(0.9);
    expect(eff.at(NaN_, NaN_, NaN_, 2.01)).toBe(0);
  });

  it("step curves use bin edges", () => {
    const eff = makeEfficiency("s", {
      variable: "pt",
      grid: [0, 1, 2],
      values: [0.3, 0.7],
      interpolation: "step",
      above: "zero",
    });
    expect(eff.at(NaN_, 0.5, NaN_, NaN_)).toBe(0.3);
    expect(eff.at(NaN_, 1, NaN_, NaN_)).toBe(0.7);
    expect(eff.at(NaN_, 1.99, NaN_, NaN_)).toBe(0.7);
    expect(eff.at(NaN_, 2, NaN_, NaN_)).toBe(0);
    expect(eff.at(NaN_, -1, NaN_, NaN_)).toBe(0.3);
  });

  it("evaluates each variable, including cos θ", () => {
    const c = makeEfficiency("c", { variable: "cosTheta", grid: [-1, 1], values: [0, 1] });
    // Linear in cos θ: at θ = π/3, cos θ = 1/2, efficiency 3/4.
    expect(c.at(NaN_, NaN_, NaN_, Math.PI / 3)).toBeCloseToRel(0.75, 1e-15);
    const e = makeEfficiency("e", { variable: "e", grid: [0, 2], values: [0, 1] });
    expect(e.at(NaN_, NaN_, 1, NaN_)).toBe(0.5);
  });

  it("2D maps are bilinear: they reproduce f = a + b x + c y + d x y exactly", () => {
    const f = (x: number, y: number) => 0.1 + 0.2 * x + 0.05 * y + 0.1 * x * y;
    const xGrid = [0, 1, 2];
    const yGrid = [0, 1];
    const values = yGrid.map((y) => xGrid.map((x) => f(x, y)));
    const map = makeEfficiency("m", { x: "p", y: "theta", xGrid, yGrid, values });
    for (const [x, y] of [
      [0.3, 0.7],
      [1.5, 0.2],
      [1.99, 0.99],
    ] as const) {
      expect(map.at(x, NaN_, NaN_, y)).toBeCloseToRel(f(x, y), 1e-14);
    }
    // Clamped outside; zero when asked.
    expect(map.at(5, NaN_, NaN_, 5)).toBeCloseToRel(f(2, 1), 1e-15);
    const zero = makeEfficiency("m", { x: "p", y: "theta", xGrid, yGrid, values, outside: "zero" });
    expect(zero.at(5, NaN_, NaN_, 0.5)).toBe(0);
  });

  it("products multiply, constants and bare numbers are accepted", () => {
    const eff = makeEfficiency("prod", {
      product: [0.5, { constant: 0.8 }, { variable: "p", grid: [0, 1], values: [0, 1] }],
    });
    expect(atP(eff, 0.5)).toBeCloseToRel(0.2, 1e-15);
    expect(makeEfficiency("n", 0.25).spec).toEqual({ constant: 0.25 });
  });

  it("returns NaN for NaN input (numeric kernel)", () => {
    const eff = makeEfficiency("e", { variable: "p", grid: [1, 2], values: [0.2, 0.6] });
    expect(atP(eff, NaN_)).toBeNaN();
    const step = makeEfficiency("s", { variable: "p", grid: [1, 2], values: [0.2], interpolation: "step" });
    expect(atP(step, NaN_)).toBeNaN();
  });
});

describe("efficiency validation", () => {
  it("rejects values outside [0, 1] naming the entry", () => {
    expectPhysError(
      () => makeEfficiency("muonId", { variable: "p", grid: [1, 2], values: [0.5, 1.2] }),
      "OUT_OF_DOMAIN",
      "muonId.values[1]",
    );
    expectPhysError(() => makeEfficiency("eff", -0.1), "OUT_OF_DOMAIN", "eff");
    expectPhysError(() => makeEfficiency("eff", { constant: Number.NaN }), "INVALID_ARGUMENT", "eff.constant");
  });

  it("rejects malformed grids", () => {
    expectPhysError(
      () => makeEfficiency("g", { variable: "p", grid: [1, 1], values: [0, 1] }),
      "INVALID_ARGUMENT",
      "g.grid[1]",
    );
    expectPhysError(
      () => makeEfficiency("g", { variable: "p", grid: [2, 1], values: [0, 1] }),
      "INVALID_ARGUMENT",
      "g.grid[1]",
    );
    expectPhysError(
      () => makeEfficiency("g", { variable: "p", grid: [0, Number.NaN], values: [0, 1] }),
      "INVALID_ARGUMENT",
      "g.grid[1]",
    );
    expectPhysError(() => makeEfficiency("g", { variable: "p", grid: [], values: [] }), "INVALID_ARGUMENT", "g.grid");
    expectPhysError(
      () => makeEfficiency("g", { variable: "p", grid: [1], values: [0.5], interpolation: "step" }),
      "INVALID_ARGUMENT",
      "g.grid",
    );
  });

  it("rejects shape mismatches and unknown names", () => {
    expectPhysError(
      () => makeEfficiency("g", { variable: "p", grid: [1, 2], values: [0.5] }),
      "INCOMPATIBLE_SHAPES",
      "g.values",
    );
    expectPhysError(
      () => makeEfficiency("g", { variable: "p", grid: [0, 1, 2], values: [0.5, 0.5, 0.5], interpolation: "step" }),
      "INCOMPATIBLE_SHAPES",
      "g.values",
    );
    expectPhysError(
      () => makeEfficiency("g", { variable: "eta" as "p", grid: [1], values: [1] }),
      "UNKNOWN_NAME",
      "g.variable",
    );
    expectPhysError(
      () => makeEfficiency("g", { variable: "p", grid: [1], values: [1], interpolation: "cubic" as "linear" }),
      "UNKNOWN_NAME",
      "g.interpolation",
    );
    expectPhysError(
      () => makeEfficiency("m", { x: "p", y: "theta", xGrid: [0, 1], yGrid: [0, 1], values: [[0, 1]] }),
      "INCOMPATIBLE_SHAPES",
      "m.values",
    );
    expectPhysError(
      () => makeEfficiency("m", { x: "p", y: "theta", xGrid: [0, 1], yGrid: [0], values: [[0, 1, 1]] }),
      "INCOMPATIBLE_SHAPES",
      "m.values[0]",
    );
    expectPhysError(() => makeEfficiency("x", { product: [] }), "INVALID_ARGUMENT", "x.product");
    expectPhysError(() => makeEfficiency("x", { foo: 1 } as never), "INVALID_ARGUMENT", "x");
  });
});
