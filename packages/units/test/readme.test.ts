// The README's usage block is src/examples/readme.ts verbatim (with the package import path), and
// running that file must print what its comments say.
import { readFileSync } from "node:fs";
import { expect, it, vi } from "vitest";

it("README usage block = src/examples/readme.ts, and it runs with the documented output", async () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const block = /## Usage\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  const source = readFileSync(new URL("../src/examples/readme.ts", import.meta.url), "utf8");
  expect(block).toBe(source.replace('from "../index.js"', 'from "@muonphilic/units"'));
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    lines.push(args.join(" "));
  });
  await import("../src/examples/readme.js");
  spy.mockRestore();
  expect(lines).toEqual([
    "9.734",
    "true GeV",
    expect.stringMatching(/^PDG 2022 .*muon mass$/),
    'OUT_OF_DOMAIN {"argument":"mass","value":-3,"allowed":"> 0 GeV"}',
  ]);
});
