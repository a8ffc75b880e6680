// The README's usage block is src/examples/readme.ts verbatim (with the package import path), and
// running that file prints what its comments say.
import { expectReadmeExample } from "@muonphilic/vitest-config/assertions";
import { expect, it } from "vitest";

it("README usage block = src/examples/readme.ts, and it runs with the documented output", async () => {
  await expectReadmeExample({
    testUrl: import.meta.url,
    packageName: "@muonphilic/units",
    expected: [
      "9.734",
      "true GeV",
      expect.stringMatching(/^PDG 2022 .*muon mass$/),
      'OUT_OF_DOMAIN {"argument":"mass","value":-3,"allowed":"> 0 GeV"}',
    ],
  });
});
