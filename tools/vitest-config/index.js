// Shared vitest configuration for muonphilic packages.
// Tests run on TypeScript sources through the "@muonphilic/source" export condition,
// so `pnpm test` needs no build step.
import { fileURLToPath } from "node:url";
import { defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

const setupFile = fileURLToPath(new URL("./setup.js", import.meta.url));
const conditions = ["@muonphilic/source", ...defaultServerConditions];

/**
 * The vitest config every package uses.
 * @param {{ testTimeout?: number, include?: string[] }} [options]
 */
export function muonphilicVitestConfig(options = {}) {
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ["@muonphilic/source"] } },
    test: {
      include: options.include ?? ["src/**/*.test.ts", "test/**/*.test.ts"],
      setupFiles: [setupFile],
      testTimeout: options.testTimeout ?? 60_000,
      hookTimeout: 60_000,
      reporters: ["default", ["json", { outputFile: ".vitest-report.json" }]],
      typecheck: { enabled: false },
    },
  });
}
