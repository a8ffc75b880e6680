import { readFileSync } from "node:fs";
import { expect, test } from "vitest";

// The README's usage block is examples/fit-resonance.ts verbatim, and it runs.
test("README usage example is the checked example and runs", async () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const example = readFileSync(new URL("../examples/fit-resonance.ts", import.meta.url), "utf8");
  expect(readme).toContain(example.trim());
  const { result, z } = await import("../examples/fit-resonance.js");
  expect(result.valid).toBe(true);
  // 40 injected signal events over ~960 background in a 60σ window: a clear excess
  expect(z).toBeGreaterThan(3);
});
