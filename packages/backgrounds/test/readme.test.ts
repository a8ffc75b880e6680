import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("README usage example", () => {
  it("is the code of examples/readme.ts, and it runs", async () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const code = readFileSync(new URL("../examples/readme.ts", import.meta.url), "utf8").replace(
      /\nexport const example[^\n]*\n/,
      "\n",
    );
    expect(readme).toContain(code.trim());
    const { example } = await import("../examples/readme.js");
    expect(example.toy.candidates.size).toBeGreaterThan(1000);
    expect(example.inVeto).toBeGreaterThan(0);
    expect(example.sigmaTau).toBeCloseToRel(27.79, 5e-4);
    // the template holds the pool's expected yield inside its range
    expect(example.template.reduce((a: number, b: number) => a + b, 0)).toBeGreaterThan(0);
    expect(example.mumu.yields.map((y: { name: string }) => y.name)).toEqual([
      "belle2.tauPairMuMu",
      "belle2.muMuGamma",
      "belle2.twoPhotonMuMu",
    ]);
  });
});
