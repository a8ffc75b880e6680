// The README's usage block is src/examples/readme.ts verbatim (with the package import path), and
// running that file must print what its comments say.
import { readFileSync } from "node:fs";
import { expect, it, vi } from "vitest";

it("README usage block = src/examples/readme.ts, and it runs with the documented output", async () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const block = /## Usage\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  const source = readFileSync(new URL("../src/examples/readme.ts", import.meta.url), "utf8");
  expect(block).toBe(source.replace('from "../index.js"', 'from "@muonphilic/numeric"'));
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    lines.push(args.join(" "));
  });
  await import("../src/examples/readme.js");
  spy.mockRestore();
  // each line as its comment in the example says
  const expected = source
    .split("\n")
    .filter((l) => l.startsWith("console.log("))
    .map((l) => l.slice(l.lastIndexOf("// ") + 3));
  expect(lines).toEqual(expected);
});
