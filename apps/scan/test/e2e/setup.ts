/**
 * Global setup of the end-to-end tests: they run the compiled CLI (dist/cli.js, with its worker
 * threads), so the package is compiled first when dist/ is older than src/. Dependencies must be
 * built (`turbo run build --filter=@muonphilic/scan...`, which CI does before testing).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  const cli = join(root, "dist", "cli.js");
  if (existsSync(cli) && statSync(cli).mtimeMs >= newest(join(root, "src"))) return;
  const tsc = join(root, "node_modules", ".bin", "tsc");
  execFileSync(tsc, ["-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
}
