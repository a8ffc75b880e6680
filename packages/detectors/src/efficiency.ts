/**
 * Efficiency curves and maps: the probability that something happens (a track is
 * reconstructed, a muon is identified, a trigger fires) as a function of a particle's
 * kinematics. They are inputs, validated once (monotone grid, values in [0, 1]) and compiled
 * into fast kernels.
 *
 * @packageDocumentation
 */
import { PhysError, requireFinite, requireOneOf, requireProbability } from "@muonphilic/units";
import type { Provenance } from "./provenance.js";

/**
 * A kinematic variable an efficiency depends on, evaluated in the lab frame: momentum `p`
 * (GeV), transverse momentum `pt` (GeV, with respect to the z axis), energy `e` (GeV), polar
 * angle `theta` (rad, from +z) or its cosine `cosTheta`.
 */
export type KinematicVariable = "p" | "pt" | "e" | "theta" | "cosTheta";

/** Every {@link KinematicVariable}. */
export const KINEMATIC_VARIABLES: readonly KinematicVariable[] = ["p", "pt", "e", "theta", "cosTheta"];

/** What a curve or map returns outside its grid: the nearest edge value (`clamp`) or 0 (`zero`). */
export type Outside = "clamp" | "zero";

/** A constant efficiency. */
export interface ConstantEfficiencySpec {
  /** The efficiency, in [0, 1]. */
  readonly constant: number;
  /** Where the number comes from. */
  readonly provenance?: Provenance;
}

/**
 * An efficiency as a function of one variable.
 *
 * - `interpolation: "linear"` (default): `grid` are nodes (strictly increasing, at least one) and
 *   `values[i]` the efficiency at `grid[i]`, linear in between.
 * - `interpolation: "step"`: `grid` are bin edges (strictly increasing, at least two) and
 *   `values[i]` the efficiency on `[grid[i], grid[i + 1])`; `values.length = grid.length - 1`.
 *
 * Below the first and above the last grid point the curve returns the edge value (`"clamp"`,
 * default) or 0 (`"zero"`), separately for each side. A threshold "0.9 above 0.6 GeV" is
 * `{ variable: "p", grid: [0.6], values: [0.9], below: "zero" }`.
 */
export interface EfficiencyCurveSpec {
  /** The variable on the horizontal axis. */
  readonly variable: KinematicVariable;
  /** Nodes (linear) or bin edges (step), strictly increasing, in the variable's unit (GeV or rad). */
  readonly grid: readonly number[];
  /** Efficiencies in [0, 1]. */
  readonly values: readonly number[];
  /** `"linear"` (default) or `"step"`. */
  readonly interpolation?: "linear" | "step";
  /** Behaviour below the grid (default `"clamp"`). */
  readonly below?: Outside;
  /** Behaviour above the grid (default `"clamp"`). */
  readonly above?: Outside;
  /** Where the curve comes from. */
  readonly provenance?: Provenance;
}

/**
 * An efficiency as a function of two variables, bilinear between nodes: `values[iy][ix]` is the
 * efficiency at `(xGrid[ix], yGrid[iy])`. Outside the grid: clamp to the edge (default) or 0.
 */
export interface EfficiencyMapSpec {
  /** The first variable. */
  readonly x: KinematicVariable;
  /** The second variable. */
  readonly y: KinematicVariable;
  /** Nodes of x, strictly increasing. */
  readonly xGrid: readonly number[];
  /** Nodes of y, strictly increasing. */
  readonly yGrid: readonly number[];
  /** `values[iy][ix]` in [0, 1]: yGrid.length rows of xGrid.length entries. */
  readonly values: readonly (readonly number[])[];
  /** Behaviour outside the grid, both variables (default `"clamp"`). */
  readonly outside?: Outside;
  /** Where the map comes from. */
  readonly provenance?: Provenance;
}

/** The product of independent efficiencies (for example a momentum curve times an angular window). */
export interface EfficiencyProductSpec {
  /** The factors. */
  readonly product: readonly EfficiencySpec[];
  /** Where the combination comes from. */
  readonly provenance?: Provenance;
}

/** Any efficiency description; a bare number in [0, 1] is a constant without provenance. */
export type EfficiencySpec =
  | number
  | ConstantEfficiencySpec
  | EfficiencyCurveSpec
  | EfficiencyMapSpec
  | EfficiencyProductSpec;

/** A validated, compiled efficiency. */
export interface Efficiency {
  /** The validated description (bare numbers normalised to `{ constant }`). */
  readonly spec: EfficiencySpec;
  /**
   * The efficiency for a particle with the given lab kinematics. A numeric kernel: returns
   * `NaN` if a variable it depends on is `NaN`; never throws.
   * @param p - momentum (GeV)
   * @param pt - transverse momentum (GeV)
   * @param e - energy (GeV)
   * @param theta - polar angle (rad)
   */
  at(p: number, pt: number, e: number, theta: number): number;
}

type Kernel = (p: number, pt: number, e: number, theta: number) => number;

function variableGetter(variable: KinematicVariable): Kernel {
  switch (variable) {
    case "p":
      return (p) => p;
    case "pt":
      return (_p, pt) => pt;
    case "e":
      return (_p, _pt, e) => e;
    case "theta":
      return (_p, _pt, _e, theta) => theta;
    case "cosTheta":
      return (_p, _pt, _e, theta) => Math.cos(theta);
  }
}

function requireGrid(argument: string, grid: unknown, minLength: number): Float64Array {
  if (!Array.isArray(grid) || grid.length < minLength) {
    throw new PhysError(
      "INVALID_ARGUMENT",
      `${argument} must be an array of at least ${minLength} numbers, got ${JSON.stringify(grid)}`,
      { argument, value: grid, allowed: `at least ${minLength} strictly increasing finite numbers` },
    );
  }
  const out = new Float64Array(grid.length);
  for (let i = 0; i < grid.length; i++) {
    out[i] = requireFinite(`${argument}[${i}]`, grid[i]);
    if (i > 0 && !(out[i]! > out[i - 1]!)) {
      throw new PhysError(
        "INVALID_ARGUMENT",
        `${argument} must be strictly increasing, got ${out[i - 1]} then ${out[i]} at index ${i}`,
        { argument: `${argument}[${i}]`, value: out[i], allowed: `> ${out[i - 1]} (strictly increasing)` },
      );
    }
  }
  return out;
}

function requireValues(argument: string, values: unknown, length: number): Float64Array {
  if (!Array.isArray(values) || values.length !== length) {
    throw new PhysError(
      "INCOMPATIBLE_SHAPES",
      `${argument} must have ${length} entries, got ${Array.isArray(values) ? values.length : JSON.stringify(values)}`,
      { argument, value: Array.isArray(values) ? values.length : values, allowed: `length ${length}` },
    );
  }
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = requireProbability(`${argument}[${i}]`, values[i]);
  return out;
}

/** Index i with grid[i] <= x < grid[i+1], for grid[0] <= x < grid[n-1]. */
function locate(grid: Float64Array, x: number): number {
  let lo = 0;
  let hi = grid.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (grid[mid]! <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Linear interpolation on nodes with clamp/zero outside. A numeric kernel (NaN in, NaN out).
 * @internal
 */
function linear(grid: Float64Array, values: Float64Array, x: number, below: Outside, above: Outside): number {
  if (Number.isNaN(x)) return Number.NaN;
  const n = grid.length;
  if (x < grid[0]!) return below === "zero" ? 0 : values[0]!;
  if (x > grid[n - 1]!) return above === "zero" ? 0 : values[n - 1]!;
  if (n === 1 || x === grid[n - 1]) return values[n - 1]!;
  const i = locate(grid, x);
  const x0 = grid[i]!;
  const t = (x - x0) / (grid[i + 1]! - x0);
  return values[i]! + t * (values[i + 1]! - values[i]!);
}

function compileCurve(argument: string, spec: EfficiencyCurveSpec): Kernel {
  const variable = requireOneOf(`${argument}.variable`, spec.variable, KINEMATIC_VARIABLES);
  const interpolation = requireOneOf(`${argument}.interpolation`, spec.interpolation ?? "linear", [
    "linear",
    "step",
  ] as const);
  const below = requireOneOf(`${argument}.below`, spec.below ?? "clamp", ["clamp", "zero"] as const);
  const above = requireOneOf(`${argument}.above`, spec.above ?? "clamp", ["clamp", "zero"] as const);
  const grid = requireGrid(`${argument}.grid`, spec.grid, interpolation === "step" ? 2 : 1);
  const values = requireValues(
    `${argument}.values`,
    spec.values,
    interpolation === "step" ? grid.length - 1 : grid.length,
  );
  const get = variableGetter(variable);
  if (interpolation === "linear") {
    return (p, pt, e, theta) => linear(grid, values, get(p, pt, e, theta), below, above);
  }
  const last = grid.length - 1;
  return (p, pt, e, theta) => {
    const x = get(p, pt, e, theta);
    if (Number.isNaN(x)) return Number.NaN;
    if (x < grid[0]!) return below === "zero" ? 0 : values[0]!;
    if (x >= grid[last]!) return above === "zero" ? 0 : values[last - 1]!;
    return values[locate(grid, x)]!;
  };
}

function compileMap(argument: string, spec: EfficiencyMapSpec): Kernel {
  const xv = requireOneOf(`${argument}.x`, spec.x, KINEMATIC_VARIABLES);
  const yv = requireOneOf(`${argument}.y`, spec.y, KINEMATIC_VARIABLES);
  const outside = requireOneOf(`${argument}.outside`, spec.outside ?? "clamp", ["clamp", "zero"] as const);
  const xg = requireGrid(`${argument}.xGrid`, spec.xGrid, 1);
  const yg = requireGrid(`${argument}.yGrid`, spec.yGrid, 1);
  if (!Array.isArray(spec.values) || spec.values.length !== yg.length) {
    throw new PhysError(
      "INCOMPATIBLE_SHAPES",
      `${argument}.values must have yGrid.length = ${yg.length} rows, got ${Array.isArray(spec.values) ? spec.values.length : JSON.stringify(spec.values)}`,
      { argument: `${argument}.values`, value: spec.values, allowed: `${yg.length} rows` },
    );
  }
  const rows = spec.values.map((row, iy) => requireValues(`${argument}.values[${iy}]`, row, xg.length));
  const gx = variableGetter(xv);
  const gy = variableGetter(yv);
  const nx = xg.length;
  const ny = yg.length;
  return (p, pt, e, theta) => {
    const x = gx(p, pt, e, theta);
    const y = gy(p, pt, e, theta);
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
    if (outside === "zero" && (x < xg[0]! || x > xg[nx - 1]! || y < yg[0]! || y > yg[ny - 1]!)) return 0;
    if (ny === 1) return linear(xg, rows[0]!, x, "clamp", "clamp");
    const yc = Math.min(Math.max(y, yg[0]!), yg[ny - 1]!);
    const j = yc === yg[ny - 1] ? ny - 2 : locate(yg, yc);
    const u = (yc - yg[j]!) / (yg[j + 1]! - yg[j]!);
    const a = linear(xg, rows[j]!, x, "clamp", "clamp");
    const b = linear(xg, rows[j + 1]!, x, "clamp", "clamp");
    return a + u * (b - a);
  };
}

function compileKernel(argument: string, spec: EfficiencySpec): { spec: EfficiencySpec; kernel: Kernel } {
  if (typeof spec === "number") {
    const c = requireProbability(argument, spec);
    return { spec: { constant: c }, kernel: () => c };
  }
  if (spec === null || typeof spec !== "object") {
    throw new PhysError("INVALID_ARGUMENT", `${argument} must be an efficiency description`, {
      argument,
      value: spec,
      allowed:
        "a number in [0, 1], { constant }, a curve { variable, grid, values }, a map { x, y, ... } or { product }",
    });
  }
  if ("constant" in spec) {
    const c = requireProbability(`${argument}.constant`, spec.constant);
    return { spec, kernel: () => c };
  }
  if ("product" in spec) {
    if (!Array.isArray(spec.product) || spec.product.length === 0) {
      throw new PhysError("INVALID_ARGUMENT", `${argument}.product must be a non-empty array of efficiencies`, {
        argument: `${argument}.product`,
        value: spec.product,
        allowed: "a non-empty array",
      });
    }
    const factors = spec.product.map((f, i) => compileKernel(`${argument}.product[${i}]`, f));
    const kernels = factors.map((f) => f.kernel);
    const normalised: EfficiencyProductSpec = { ...spec, product: factors.map((f) => f.spec) };
    return {
      spec: normalised,
      kernel: (p, pt, e, theta) => {
        let r = 1;
        for (const k of kernels) r *= k(p, pt, e, theta);
        return r;
      },
    };
  }
  if ("variable" in spec) return { spec, kernel: compileCurve(argument, spec) };
  if ("x" in spec) return { spec, kernel: compileMap(argument, spec) };
  throw new PhysError("INVALID_ARGUMENT", `${argument} is not a recognised efficiency description`, {
    argument,
    value: spec,
    allowed: "{ constant } | { variable, grid, values } | { x, y, xGrid, yGrid, values } | { product }",
  });
}

/**
 * Validates an efficiency description and compiles it into a fast kernel.
 *
 * Checks: grids finite and strictly increasing; every value in [0, 1]; shapes consistent;
 * variables and options known.
 *
 * @param argument - the argument name used in error messages (e.g. `"muonId"`)
 * @param spec - a number in [0, 1] or an {@link EfficiencySpec}
 * @returns the compiled {@link Efficiency}
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for a value outside [0, 1]; `INVALID_ARGUMENT` for a
 *   non-finite or non-increasing grid or an unrecognised description; `INCOMPATIBLE_SHAPES` when
 *   `values` does not match the grid; `UNKNOWN_NAME` for an unknown variable or option
 * @example
 * ```ts
 * const id = makeEfficiency("muonId", { variable: "p", grid: [0.6], values: [0.9], below: "zero" });
 * id.at(1.2, 1.0, 1.2, 1.0); // 0.9
 * id.at(0.5, 0.4, 0.51, 1.0); // 0
 * ```
 */
export function makeEfficiency(argument: string, spec: EfficiencySpec): Efficiency {
  const { spec: normalised, kernel } = compileKernel(argument, spec);
  return { spec: normalised, at: kernel };
}
