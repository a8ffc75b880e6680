import { describe, expect, it } from "vitest";
import {
  isPhysError,
  PhysError,
  requireAllFinite,
  requireFinite,
  requireInRange,
  requireInteger,
  requireNonNegative,
  requireOneOf,
  requirePositive,
  requireProbability,
  requireSameLength,
} from "./errors.js";

function caught(f: () => unknown): PhysError {
  try {
    f();
  } catch (e) {
    if (e instanceof PhysError) return e;
    throw e;
  }
  throw new Error("expected a PhysError");
}

describe("PhysError", () => {
  it("carries a code, the argument, the value and the allowed range", () => {
    const e = caught(() => requirePositive("mass", -3, "GeV"));
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("PhysError");
    expect(e.code).toBe("OUT_OF_DOMAIN");
    expect(e.argument).toBe("mass");
    expect(e.details.value).toBe(-3);
    expect(e.details.allowed).toBe("> 0 GeV");
    expect(e.message).toBe("mass must be > 0 GeV, got -3");
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      name: "PhysError",
      code: "OUT_OF_DOMAIN",
      message: "mass must be > 0 GeV, got -3",
      details: { argument: "mass", value: -3, allowed: "> 0 GeV" },
    });
  });

  it("keeps a cause", () => {
    const cause = new Error("disk");
    const e = new PhysError("IO_ERROR", "cannot read", { argument: "file" }, { cause });
    expect(e.cause).toBe(cause);
    expect(isPhysError(e, "IO_ERROR")).toBe(true);
    expect(isPhysError(e, "NO_POI")).toBe(false);
    expect(isPhysError(new Error("x"))).toBe(false);
  });
});

describe("validators", () => {
  it.each([
    [() => requireFinite("x", Number.NaN), "INVALID_ARGUMENT", "x", "x must be a finite number, got NaN"],
    [() => requireFinite("x", "3"), "INVALID_ARGUMENT", "x", 'x must be a finite number, got "3"'],
    [() => requirePositive("sigma", 0), "OUT_OF_DOMAIN", "sigma", "sigma must be > 0, got 0"],
    [() => requireNonNegative("coupling", -1e-4), "OUT_OF_DOMAIN", "coupling", "coupling must be >= 0, got -0.0001"],
    [
      () => requireInRange("beta", 1, -1, 1, { lowInclusive: false, highInclusive: false }),
      "OUT_OF_DOMAIN",
      "beta",
      "beta must be in (-1, 1), got 1",
    ],
    [
      () => requireProbability("efficiency", 1.2),
      "OUT_OF_DOMAIN",
      "efficiency",
      "efficiency must be in [0, 1], got 1.2",
    ],
    [() => requireInteger("nToys", 2.5, 1), "INVALID_ARGUMENT", "nToys", "nToys must be an integer >= 1, got 2.5"],
    [
      () => requireAllFinite("data", [1, 2, Number.POSITIVE_INFINITY]),
      "INVALID_ARGUMENT",
      "data[2]",
      "data[2] must be a finite number, got Infinity",
    ],
    [
      () => requireSameLength("px", [1, 2], "py", [1]),
      "INCOMPATIBLE_SHAPES",
      "py",
      "px and py must have the same length, got 2 and 1",
    ],
    [
      () => requireOneOf("preset", "belle3", ["belle2", "muone"]),
      "UNKNOWN_NAME",
      "preset",
      'preset must be one of "belle2", "muone", got "belle3"',
    ],
  ] as const)("%#: %s", (f, code, argument, message) => {
    const e = caught(f);
    expect(e.code).toBe(code);
    expect(e.argument).toBe(argument);
    expect(e.message).toBe(message);
  });

  it("return the value when it is valid", () => {
    expect(requirePositive("m", 0.1)).toBe(0.1);
    expect(requireInRange("cosTheta", -1, -1, 1)).toBe(-1);
    expect(requireOneOf("spin", "vector", ["vector", "scalar"] as const)).toBe("vector");
    expect(requireProbability("eff", 0)).toBe(0);
  });
});
