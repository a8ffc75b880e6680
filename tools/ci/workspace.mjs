// The workspace's packages, for the CI tests that check them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Every folder with a package.json under the given workspace groups.
 * @param {readonly string[]} groups - e.g. ["packages", "apps"]
 * @returns {{ dir: string, pkg: { name: string, private?: boolean } & Record<string, unknown> }[]}
 */
export function workspacePackages(groups) {
  const out = [];
  for (const group of groups) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const file = join(dir, name, "package.json");
      if (existsSync(file)) out.push({ dir: join(dir, name), pkg: JSON.parse(readFileSync(file, "utf8")) });
    }
  }
  return out;
}
