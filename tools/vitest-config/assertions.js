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

/**
 * Checks a package's README usage example: the ```ts block under "## Usage" of `README.md` must be
 * `src/examples/readme.ts` verbatim (with `from "../index.js"` written as the package name), and
 * running that file must print, line by line, what the comment after `// ` on each
 * `console.log(` line says (or `expected`, when given).
 * @param {{ testUrl: string, packageName: string, expected?: unknown[] }} options - `testUrl`: the
 *   calling test's `import.meta.url` (a file in the package's `test/` folder)
 * @returns {Promise<string[]>} the printed lines
 */
export async function expectReadmeExample({ testUrl, packageName, expected }) {
  const { readFileSync } = await import("node:fs");
  const { vi } = await import("vitest");
  const readme = readFileSync(new URL("../README.md", testUrl), "utf8");
  const block = /## Usage\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  const sourceUrl = new URL("../src/examples/readme.ts", testUrl);
  const source = readFileSync(sourceUrl, "utf8");
  expect(block, "the README's usage block").toBe(source.replace('from "../index.js"', `from "${packageName}"`));
  const lines = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args) => {
    lines.push(args.join(" "));
  });
  try {
    await import(sourceUrl.href);
  } finally {
    spy.mockRestore();
  }
  const commented = source
    .split("\n")
    .filter((l) => l.startsWith("console.log("))
    .map((l) => l.slice(l.lastIndexOf("// ") + 3));
  expect(lines).toEqual(expected ?? commented);
  return lines;
}
