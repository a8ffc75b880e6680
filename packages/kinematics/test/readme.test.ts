// The README's usage block is src/examples/readme.ts verbatim (with the package import path), and
// running that file prints what its comments say.
import { expectReadmeExample } from "@muonphilic/vitest-config/assertions";
import { it } from "vitest";

it("README usage block = src/examples/readme.ts, and it runs with the documented output", async () => {
  await expectReadmeExample({
    testUrl: import.meta.url,
    packageName: "@muonphilic/kinematics",
    expected: ["10.5830 0.2727", "3.000000 2.992548", "true 4 true", "405.5 4.836 37.94"],
  });
});
