/**
 * Every `docs/...` file named in the TSDoc of src/ exists (regression: production.ts and
 * matrixElements.ts named docs/models/splitting-functions.md and matrix-elements.md, which never
 * existed; the derivations are in docs/models/derivations.md), and every § it cites is a heading there.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, "..", "src");
const root = join(here, "..", "..", "..");

describe("documentation links in the source", () => {
  const sources = readdirSync(src).filter((f) => f.endsWith(".ts"));
  const links = sources.flatMap((f) =>
    [...readFileSync(join(src, f), "utf8").matchAll(/docs\/[\w/.-]+\.md(?: §(\d+))?/g)].map((m) => ({
      file: f,
      path: (m[0] as string).split(" ")[0] as string,
      section: m[1],
    })),
  );

  it("names only files that exist, and sections that are headings of them", () => {
    expect(links.length).toBeGreaterThan(2); // production.ts, matrixElements.ts, generator.test.ts
    for (const { file, path, section } of links) {
      expect(existsSync(join(root, path)), `${file}: ${path}`).toBe(true);
      if (section !== undefined) {
        expect(readFileSync(join(root, path), "utf8"), `${file}: ${path} §${section}`).toMatch(
          new RegExp(`^#+ ${section}\\. `, "m"),
        );
      }
    }
  });
});
