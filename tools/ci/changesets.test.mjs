// Every changeset names existing workspace packages with a valid bump, and none mixes private
// packages (apps, tools: never versioned, `privatePackages.version: false`) with published ones:
// changesets refuses such a file at `changeset version`/`status` ("Mixed changesets that contain
// both ignored and not ignored packages are not allowed"), which would block a release.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root, workspacePackages } from "./workspace.mjs";

/** name → private? for every workspace package. */
const packages = new Map(
  workspacePackages(["packages", "apps", "tools"]).map(({ pkg }) => [pkg.name, pkg.private === true]),
);
const changesets = readdirSync(join(root, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");

describe("changesets", () => {
  it.each(changesets)(
    "%s names workspace packages with a bump and does not mix private with published ones",
    (file) => {
      const text = readFileSync(join(root, ".changeset", file), "utf8");
      const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1];
      expect(front, "a front matter block").toBeDefined();
      const entries = front
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => /^"([^"]+)":\s*(major|minor|patch)\s*$/.exec(l.trim()));
      expect(
        entries.every((m) => m !== null),
        `every line is "name": major|minor|patch in ${front}`,
      ).toBe(true);
      const names = entries.map((m) => m[1]);
      for (const n of names) expect(packages.has(n), `${n} is a workspace package`).toBe(true);
      const kinds = new Set(names.map((n) => packages.get(n)));
      expect(kinds.size, `${file} mixes private and published packages: split it`).toBe(1);
      expect(text.slice(text.indexOf("---", 3) + 3).trim().length, "a description").toBeGreaterThan(0);
    },
  );
});
