import type { UserConfig } from "vitest/config";
export declare function muonphilicVitestConfig(options?: { testTimeout?: number; include?: string[] }): UserConfig;
