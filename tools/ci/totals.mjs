// Sums the vitest JSON reports (.vitest-report.json) of every workspace package.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * @param {string} root workspace root
 * @returns {{ passed: number, failed: number, missing: string[], details: string[] }}
 */
export function collectTotals(root) {
  let passed = 0;
  let failed = 0;
  const missing = [];
  const details = [];
  for (const group of ["packages", "apps", "tools"]) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const pkgDir = join(dir, name);
      const pkgJson = join(pkgDir, "package.json");
      if (!existsSync(pkgJson)) continue;
      const pkg = JSON.parse(readFileSync(pkgJson, "utf8"));
      if (!pkg.scripts?.test) continue;
      const report = join(pkgDir, ".vitest-report.json");
      if (!existsSync(report)) {
        missing.push(pkg.name);
        continue;
      }
      const r = JSON.parse(readFileSync(report, "utf8"));
      const p = r.numPassedTests ?? 0;
      const f = (r.numFailedTests ?? 0) + filesFailedWithoutTests(r);
      passed += p;
      failed += f;
      details.push(`${pkg.name}: ${p} passed, ${f} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""}`);
    }
  }
  return { passed, failed, missing, details };
}

// A test file that fails to load (syntax error, failing import, failing hook) has no failed
// tests of its own; count it once as a failure. Files whose tests failed are counted through them.
function filesFailedWithoutTests(r) {
  let n = 0;
  for (const s of r.testResults ?? []) {
    if (s.status === "failed" && !(s.assertionResults ?? []).some((a) => a.status === "failed")) n++;
  }
  return n;
}
