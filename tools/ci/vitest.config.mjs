import { muonphilicVitestConfig } from "@muonphilic/vitest-config";

export default muonphilicVitestConfig({ include: ["*.test.mjs"] });
