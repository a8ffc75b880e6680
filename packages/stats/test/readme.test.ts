import { readdirSync, readFileSync } from "node:fs";
import { format } from "node:util";
import { describe, expect, it, vi } from "vitest";

// Every ```ts / ```js block of the README is an example under examples/ verbatim, or is marked
// `<!-- illustrative: not run -->` on the line before it. Each example runs, and every line it
// prints equals the output written in the comment of its console.log ("// true 6.38 8.95"; the
// comment may go on after the printed text with a space or a colon).

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const exampleDir = new URL("../examples/", import.meta.url);
const exampleFiles = readdirSync(exampleDir).filter((f) => f.endsWith(".ts"));
const source = (file: string): string => readFileSync(new URL(file, exampleDir), "utf8");

/** The README's code blocks with their language and whether they are marked illustrative. */
const blocks = [...readme.matchAll(/^(<!-- illustrative: not run -->\n)?```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({
  illustrative: m[1] !== undefined,
  lang: m[2]!,
  code: m[3]!,
}));

/** The output each console.log of an example's source promises in its trailing comment. */
function promisedOutput(code: string): (string | null)[] {
  return code
    .split("\n")
    .filter((line) => line.startsWith("console.log("))
    .map((line) => /\); \/\/ (.*)$/.exec(line)?.[1] ?? null);
}

/** The examples' modules (static imports, so that Vite resolves them to the TypeScript sources). */
const loaders: Record<string, () => Promise<Record<string, unknown>>> = {
  "fit-resonance.ts": () => import("../examples/fit-resonance.js"),
  "scan-window.ts": () => import("../examples/scan-window.js"),
  "limits.ts": () => import("../examples/limits.js"),
};

/** Imports an example and returns what it printed, one entry per console.log call. */
async function run(file: string): Promise<{ module: Record<string, unknown>; printed: string[] }> {
  const printed: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    printed.push(format(...args));
  });
  try {
    const module = await loaders[file]!();
    return { module, printed };
  } finally {
    spy.mockRestore();
  }
}

function expectPrinted(file: string, printed: string[]): void {
  const promised = promisedOutput(source(file));
  expect(printed).toHaveLength(promised.length);
  printed.forEach((line, i) => {
    const p = promised[i];
    if (p === null || p === undefined) return; // no claim made for this line
    const ok = p === line || p.startsWith(`${line} `) || p.startsWith(`${line}:`);
    expect(ok, `${file}, console.log #${i + 1}: printed "${line}", the comment says "${p}"`).toBe(true);
  });
}

describe("README code blocks", () => {
  it("has three runnable blocks, each an example verbatim, and no unmarked fragment", () => {
    const code = blocks.filter((b) => b.lang === "ts" || b.lang === "js");
    expect(code.length).toBeGreaterThanOrEqual(3);
    for (const b of code) {
      if (b.illustrative) continue;
      const match = exampleFiles.find((f) => source(f).trim() === b.code.trim());
      expect(match, `README block not found verbatim under examples/:\n${b.code.slice(0, 200)}`).toBeDefined();
    }
    // and every example is in the README, and run below
    for (const f of exampleFiles) {
      expect(readme, f).toContain(source(f).trim());
      expect(loaders[f], f).toBeDefined();
    }
  });
});

describe("README examples run and print what their comments say", () => {
  it("fit-resonance.ts: the extended unbinned fit (part 1)", async () => {
    const { module, printed } = await run("fit-resonance.ts");
    expectPrinted("fit-resonance.ts", printed);
    expect(promisedOutput(source("fit-resonance.ts")).every((p) => p !== null)).toBe(true);
    const { result, z } = module as { result: { valid: boolean }; z: number };
    expect(result.valid).toBe(true);
    // 40 injected signal events over ~960 background in a 60σ window: a clear excess
    expect(z).toBeGreaterThan(3);
  });

  it("scan-window.ts: the linear mixture and its asymptotic limit (part 1)", async () => {
    const { module, printed } = await run("scan-window.ts");
    expectPrinted("scan-window.ts", printed);
    expect(promisedOutput(source("scan-window.ts")).every((p) => p !== null)).toBe(true);
    const { fit, limit } = module as {
      fit: { converged: boolean; theta: Float64Array };
      limit: { valid: boolean; observed: number; expected: number[] };
    };
    expect(fit.converged).toBe(true);
    expect(limit.valid).toBe(true);
    expect(fit.theta[0]).toBeCloseToRel(6.38, 0, 0.005);
    expect(limit.observed).toBeCloseToRel(20.28, 0, 0.005);
    expect(limit.expected).toBeCloseToRel([7.36, 10.26, 15.13, 22.9, 33.8], 0, 0.005);
  });

  it("limits.ts: hypotest / upperLimit on a workspace, counting limits, Gross-Vitells (part 2)", async () => {
    const { module, printed } = await run("limits.ts");
    expectPrinted("limits.ts", printed);
    expect(promisedOutput(source("limits.ts")).every((p) => p !== null)).toBe(true);
    const m = module as {
      clsObs: number;
      clsExp: number[];
      ul: { observed: number; expected: number[] };
      counting: number;
      exact: number;
      zGlobal: number;
    };
    // the numbers the README text quotes, to the digits it prints
    expect(m.counting).toBeCloseToRel(3.8138, 0, 5e-5);
    expect(m.exact).toBeCloseToRel(4.3624, 0, 5e-5);
    // the band is ordered −2σ … +2σ and brackets the median; the observed limit is inside it here
    expect([...m.clsExp].sort((a, b) => a - b)).toEqual(m.clsExp);
    expect([...m.ul.expected].sort((a, b) => a - b)).toEqual(m.ul.expected);
    expect(m.ul.observed).toBeGreaterThan(m.ul.expected[0]!);
    expect(m.ul.observed).toBeLessThan(m.ul.expected[4]!);
    // a global significance is below the local one
    expect(m.zGlobal).toBeLessThan(3.4);
  });
});
