#!/usr/bin/env node
// The README's test pipeline: build, typecheck, lint, test, then one totals line.
// Usage: node tools/ci/check.mjs [--only test]
// The last line printed is always "<passed> passed, <failed> failed" (CI reads it).
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { collectTotals } from "./totals.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const binDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "node_modules", ".bin");
const env = {
  ...process.env,
  PATH: `${binDir}:${process.env.PATH ?? ""}`,
  TURBO_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
  NO_COLOR: "1",
};
const onlyTest = process.argv.includes("--only-test");

function run(label, cmd, args) {
  process.stdout.write(`\n=== ${label}: ${cmd} ${args.join(" ")}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  const ok = r.status === 0;
  if (!ok) process.stdout.write(`=== ${label} FAILED (exit ${r.status ?? r.signal})\n`);
  return ok;
}

const turbo = join(root, "node_modules", ".bin", "turbo");
const steps = [];
if (!onlyTest) {
  steps.push(["build", turbo, ["run", "build", "--output-logs=errors-only"]]);
  steps.push(["typecheck", turbo, ["run", "typecheck", "--output-logs=errors-only"]]);
  steps.push(["lint", turbo, ["run", "lint", "--output-logs=errors-only"]]);
}
steps.push(["test", turbo, ["run", "test", "--continue", "--concurrency=1", "--output-logs=full"]]);

let stepsFailed = 0;
for (const [label, cmd, args] of steps) {
  if (!run(label, cmd, args)) stepsFailed++;
}
const t = collectTotals(root);
for (const line of t.details) process.stdout.write(`${line}\n`);
if (t.missing.length > 0) process.stdout.write(`packages with tests but no report: ${t.missing.join(", ")}\n`);
const failed =
  t.failed + t.missing.length + (stepsFailed > 0 && t.failed === 0 && t.missing.length === 0 ? stepsFailed : 0);
process.stdout.write(`${t.passed} passed, ${failed} failed\n`);
process.exit(stepsFailed > 0 || failed > 0 ? 1 : 0);
