import { muonphilicVitestConfig } from "@muonphilic/vitest-config";
import { mergeConfig } from "vitest/config";

// The end-to-end tests run the compiled CLI: test/e2e/setup.ts builds it when it is stale.
export default mergeConfig(muonphilicVitestConfig(), { test: { globalSetup: ["./test/e2e/setup.ts"] } });
