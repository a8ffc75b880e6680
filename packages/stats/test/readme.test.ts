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

// The linear-mixture block is examples/scan-window.ts verbatim, and it runs.
test("README linear-mixture example is the checked example and runs", async () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const example = readFileSync(new URL("../examples/scan-window.ts", import.meta.url), "utf8");
  expect(readme).toContain(example.trim());
  const { fit, limit } = await import("../examples/scan-window.js");
  expect(fit.converged).toBe(true);
  expect(limit.valid).toBe(true);
  // the numbers its comments print
  expect(fit.theta[0]).toBeCloseToRel(6.38, 0, 0.005);
  expect(limit.observed).toBeCloseToRel(20.28, 0, 0.005);
  expect(limit.expected).toBeCloseToRel([7.36, 10.26, 15.13, 22.9, 33.8], 0, 0.005);
});
