// Shared test helpers of @muonphilic/stats.
import { isPhysError } from "@muonphilic/units";
import { expect } from "vitest";

/** Asserts that f throws a PhysError with the given code and argument name. */
export function expectPhysError(f: () => unknown, code: string, argument?: string): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(isPhysError(caught), `expected a PhysError, got ${String(caught)}`).toBe(true);
  if (isPhysError(caught)) {
    expect(caught.code).toBe(code);
    if (argument !== undefined) expect(caught.argument).toBe(argument);
  }
}
