import { expect, test } from "vitest";

// Pins the public API: a change here is a deliberate, changeset-worthy decision.
test("public API", async () => {
  const keys = Object.keys(await import("../src/index.js")).sort();
  for (const name of ["hesse", "migrad", "minos", "MINIMIZER_DEFAULTS", "defaultMaxfcn"]) expect(keys).toContain(name);
});
