// The dependency direction of docs/architecture.md, enforced (STYLE.md §1: "enforce the direction").
// Three checks over every workspace package:
//  1. its package.json depends only on the @muonphilic packages the architecture allows;
//  2. every @muonphilic import in its sources is a declared dependency;
//  3. no source file reaches into another package through a relative path.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { root, workspacePackages } from "./workspace.mjs";

/** Allowed runtime dependencies on other @muonphilic packages (docs/architecture.md). */
const ALLOWED = {
  "@muonphilic/units": [],
  "@muonphilic/random": ["units"],
  "@muonphilic/numeric": ["units"],
  "@muonphilic/kinematics": ["units", "random", "numeric"],
  "@muonphilic/stats": ["units", "random", "numeric"],
  "@muonphilic/models": ["units", "random", "numeric", "kinematics"],
  "@muonphilic/detectors": ["units", "random", "numeric", "kinematics"],
  "@muonphilic/backgrounds": ["units", "random", "numeric", "kinematics", "models", "detectors"],
  "@muonphilic/scan": ["units", "random", "numeric", "kinematics", "models", "detectors", "backgrounds", "stats"],
};
/** Tooling every package may use in development. */
const DEV_TOOLING = new Set(["@muonphilic/tsconfig", "@muonphilic/vitest-config"]);

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

const packages = workspacePackages(["packages", "apps"]);

describe("dependency direction (docs/architecture.md)", () => {
  it("knows every workspace package", () => {
    expect(packages.map((p) => p.pkg.name).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  for (const { dir, pkg } of packages) {
    const allowed = new Set((ALLOWED[pkg.name] ?? []).map((n) => `@muonphilic/${n}`));
    const declared = new Set(
      Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).filter((d) => d.startsWith("@muonphilic/")),
    );
    const declaredDev = new Set(Object.keys(pkg.devDependencies ?? {}).filter((d) => d.startsWith("@muonphilic/")));

    it(`${pkg.name}: package.json depends only on allowed packages`, () => {
      const bad = [...declared].filter((d) => !allowed.has(d));
      const badDev = [...declaredDev].filter((d) => !allowed.has(d) && !DEV_TOOLING.has(d));
      expect({ dependencies: bad, devDependencies: badDev }).toEqual({ dependencies: [], devDependencies: [] });
    });

    it(`${pkg.name}: imports only declared packages, and never another package's files by path`, () => {
      const problems = [];
      for (const sub of ["src", "test", "bench", "examples"]) {
        const subDir = join(dir, sub);
        if (!existsSync(subDir)) continue;
        for (const file of sourceFiles(subDir)) {
          const text = readFileSync(file, "utf8");
          const where = relative(root, file);
          for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)) {
            const spec = m[1];
            if (spec.startsWith("@muonphilic/")) {
              const name = spec.split("/").slice(0, 2).join("/");
              if (name !== pkg.name && !declared.has(name) && !declaredDev.has(name))
                problems.push(`${where}: imports undeclared ${name}`);
              if (name !== pkg.name && !allowed.has(name) && !DEV_TOOLING.has(name))
                problems.push(`${where}: imports ${name}, against the dependency direction`);
            } else if (spec.startsWith(".")) {
              const target = resolve(dirname(file), spec);
              if (!target.startsWith(`${dir}/`))
                problems.push(`${where}: reaches outside its package through "${spec}"`);
            }
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
