// Shared assertions for muonphilic tests (one implementation instead of one per package).
import { expect } from "vitest";

/**
 * Asserts that `f` throws a PhysError (from @muonphilic/units, recognised by its name and code)
 * with the given code and, if given, the given argument name.
 * @param {() => unknown} f
 * @param {string} code
 * @param {string} [argument]
 */
export function expectPhysError(f, code, argument) {
  let caught;
  let threw = false;
  try {
    f();
  } catch (e) {
    caught = e;
    threw = true;
  }
  expect(threw, `expected a PhysError ${code}, but nothing was thrown`).toBe(true);
  const isPhys = caught instanceof Error && caught.name === "PhysError" && typeof caught.code === "string";
  expect(isPhys, `expected a PhysError ${code}, got ${String(caught)}`).toBe(true);
  expect(caught.code, `PhysError code (message: ${caught.message})`).toBe(code);
  if (argument !== undefined)
    expect(caught.details?.argument, `PhysError argument (message: ${caught.message})`).toBe(argument);
}
