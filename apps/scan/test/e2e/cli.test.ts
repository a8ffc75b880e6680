/**
 * End-to-end tests of the `muonphilic` CLI (compiled, with its worker threads): the results.json
 * contract, bad input, resume after SIGKILL, sharding and merge, signal injection.
 *
 * The data are a seeded synthetic spectrum (a smooth falling background, 20 000 candidates over
 * 0.212-10 GeV); the signal calibration is the test fixture (resolutions as quoted in Belle2-4mu
 * sec. V, arbitrary tails), so that these tests do not depend on the simulation.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRandom } from "@muonphilic/random";
import { M_MU } from "@muonphilic/units";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, runCli as run } from "./run.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const calibration = join(root, "test", "fixtures", "calibration-test.json");
const dir = mkdtempSync(join(tmpdir(), "muonphilic-e2e-"));
const data = join(dir, "masses.csv");

// biome-ignore lint/suspicious/noExplicitAny: results.json is read as untyped JSON here on purpose (contract check)
type Json = any;
const results = (out: string): Json => JSON.parse(readFileSync(join(out, "results.json"), "utf8"));

/** A scan of the synthetic data with the test calibration over [minMass, maxMass] GeV. */
const scanOver = (out: string, minMass: string, maxMass: string, ...extra: string[]): string[] => [
  "scan",
  "resonance",
  "--data",
  data,
  "--column",
  "mass",
  "--out",
  out,
  "--calibration",
  calibration,
  "--min-mass",
  minMass,
  "--max-mass",
  maxMass,
  "--no-progress",
  ...extra,
];

/** A narrow, fast scan over 2.0-2.6 GeV on the synthetic data. */
const narrow = (out: string, ...extra: string[]): string[] => scanOver(out, "2.0", "2.6", ...extra);

beforeAll(async () => {
  // Background density ∝ β e^(−M/2.5) on [2m_μ, 10] GeV (accept-reject), seeded.
  const rng = createRandom(20240614);
  const rows = ["run,mass"];
  while (rows.length <= 20_000) {
    const m = rng.uniformRange(2 * M_MU, 10);
    const w = Math.sqrt(1 - (2 * M_MU) ** 2 / (m * m)) * Math.exp(-m / 2.5);
    if (rng.uniform() < w) rows.push(`${rows.length},${m.toFixed(7)}`);
  }
  writeFileSync(data, `${rows.join("\n")}\n`);
});

describe("results.json contract", () => {
  it("scan resonance --data FILE.csv --column NAME --out DIR works with every other option defaulted", async () => {
    const out = join(dir, "contract");
    const r = await run(["scan", "resonance", "--data", data, "--column", "mass", "--out", out, "--no-progress"]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const doc = results(out);
    expect(doc.schema).toBe("muonphilic/resonance-scan-results");
    expect(doc.schemaVersion).toBe(1);
    expect(doc.complete).toBe(true);
    // the full 0.212-9 GeV scan in steps of the resolution
    expect(doc.points.length).toBeGreaterThan(2000);
    expect(doc.points[0].mass).toBeCloseToRel(0.212, 1e-12);
    for (const p of doc.points) {
      for (const k of [
        "mass",
        "signalYield",
        "signalYieldError",
        "localSignificance",
        "upperLimitYield",
        "upperLimitSigmaBrFb",
      ]) {
        expect(p).toHaveProperty(k);
      }
      expect(typeof p.status).toBe("string");
      expect(p.expectedUpperLimitYield).toHaveLength(5);
    }
    const ok = doc.points.filter((p: Json) => p.status === "ok" || p.status === "retried");
    // Near the threshold the synthetic spectrum (∝ β) leaves a few events per window: those points
    // are reported with their reason; above 0.25 GeV every fit must succeed.
    for (const p of doc.points.filter((q: Json) => q.status !== "ok" && q.status !== "retried")) {
      expect(p.mass).toBeLessThan(0.25);
      expect(p.message).toMatch(/events|fit|CLs/);
    }
    expect(doc.summary.problems.length).toBe(doc.points.length - ok.length);
    for (const p of ok) {
      expect(p.upperLimitYield).toBeGreaterThan(0);
      expect(p.upperLimitSigmaBrFb).toBeGreaterThan(0);
      // the five band values are ordered
      for (let k = 1; k < 5; k++)
        expect(p.expectedUpperLimitYield[k]).toBeGreaterThan(p.expectedUpperLimitYield[k - 1]);
    }
    expect(doc.largestExcess).toMatchObject({
      mass: expect.any(Number),
      localSignificance: expect.any(Number),
      globalSignificance: expect.any(Number),
    });
    // background-only data: no significant excess after the look-elsewhere effect
    expect(doc.largestExcess.globalSignificance).toBeLessThan(3);
    for (const f of [
      "points.csv",
      "hepdata/submission.yaml",
      "hepdata/sigma_br_zprime.yaml",
      "plots/coupling-zprime.png",
      "plots/fit-largest-excess.svg",
    ]) {
      expect(statSync(join(out, f)).size).toBeGreaterThan(100);
    }
    expect(r.stdout).toMatch(/largest excess/);
  });
});

describe("bad input: a clear message and exit code 2", () => {
  const cases: [string, string[], RegExp][] = [
    ["a missing file", ["--data", join(dir, "nope.csv"), "--column", "mass"], /cannot read .*nope\.csv/],
    ["a missing column", ["--data", data, "--column", "m"], /no column "m"; available: "run", "mass"/],
    ["a shard 5/4", ["--shard", "5/4"], /--shard must be I\/N with integers 1 <= I <= N, got "5\/4"/],
    ["an unknown option", ["--windw", "40"], /unknown option --windw .*did you mean --window\?/],
    ["an inverted range", ["--min-mass", "3", "--max-mass", "2"], /--max-mass must be > 3 GeV, got 2/],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const r = await run(["scan", "resonance", "--out", join(dir, "bad"), "--no-progress", ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(join(dir, "bad", "results.json"))).toBe(false);
    });
  }
  it("non-finite and out-of-range masses are counted and reported; --skip-invalid scans the rest", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, `${readFileSync(data, "utf8")}20001,nan\n20002,inf\n20003,0.1\n20004,abc\n`);
    const r = await run(narrow(join(dir, "inv")).map((a) => (a === data ? bad : a)));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/4 of 20004 rows are invalid \(1 not-a-number, 2 non-finite, 1 below-threshold\)/);
    const out = join(dir, "inv-skip");
    const s = await run([...narrow(out).map((a) => (a === data ? bad : a)), "--skip-invalid"]);
    expect(s.code).toBe(0);
    expect(s.stderr).toMatch(/skipped \(--skip-invalid\)/);
    expect(results(out).input.invalid.count).toBe(4);
    expect(results(out).input.validRows).toBe(20000);
  });
  it("a dataset too sparse to fit: every hypothesis is reported with its status, none dropped", async () => {
    const sparse = join(dir, "sparse.csv");
    writeFileSync(sparse, "mass\n2.1\n2.3\n2.5\n");
    const out = join(dir, "sparse");
    const r = await run(narrow(out, "--no-plots").map((a) => (a === data ? sparse : a)));
    expect(r.code).toBe(0);
    const doc = results(out);
    expect(doc.points.length).toBe(doc.summary.gridPoints);
    expect(doc.summary.byStatus).toEqual({ "too-few-events": doc.points.length });
    expect(doc.points.every((p: Json) => p.status === "too-few-events" && p.upperLimitYield === null)).toBe(true);
    expect(doc.largestExcess).toBeNull();
    expect(r.stdout).toMatch(/too-few-events \(1 events in the fit region, fewer than the minimum 10\)/);
    expect(r.stdout).toMatch(/and \d+ more \(summary\.problems in results\.json\)/);
    expect(r.stdout).toMatch(/largest excess\s+none \(no hypothesis was fitted\)/);
    expect(r.stdout).toMatch(/band coverage\s+no hypothesis with an observed and expected limit/);
  });
});

function waitForLines(path: string, lines: number, child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setInterval(() => {
      const n = existsSync(path) ? readFileSync(path, "utf8").split("\n").length - 1 : 0;
      if (n >= lines) {
        clearInterval(t);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(t);
        reject(new Error("the scan finished before it could be killed"));
      }
    }, 20);
  });
}

describe("scale: workers, resume after SIGKILL, shards and merge", () => {
  let reference: Json;
  beforeAll(async () => {
    const out = join(dir, "reference");
    expect((await run(narrow(out, "--workers", "1", "--no-plots"))).code).toBe(0);
    reference = results(out);
  });
  const limits = (doc: Json): number[] => doc.points.map((p: Json) => p.upperLimitYield);

  it("gives the same numbers with two worker threads as with one", async () => {
    const out = join(dir, "two");
    expect((await run(narrow(out, "--workers", "2", "--no-plots"))).code).toBe(0);
    expect(limits(results(out))).toEqual(limits(reference));
  });

  it("resumes a scan killed with SIGKILL without redoing or losing points", async () => {
    const out = join(dir, "killed");
    const child = spawn(process.execPath, [cli, ...narrow(out, "--workers", "1", "--no-plots")], { stdio: "ignore" });
    await waitForLines(join(out, "checkpoint.jsonl"), 40, child);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    // an interrupted directory never looks finished
    expect(existsSync(join(out, "results.json"))).toBe(false);
    const done = readFileSync(join(out, "checkpoint.jsonl"), "utf8").split("\n").length - 2;
    const r = await run(narrow(out, "--workers", "1", "--no-plots"));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/done before \(resumed\)/);
    const doc = results(out);
    expect(doc.summary.resumedPoints).toBeGreaterThanOrEqual(done - 8);
    expect(doc.summary.resumedPoints).toBeLessThan(doc.points.length);
    expect(doc.points.map((p: Json) => p.index)).toEqual(reference.points.map((p: Json) => p.index));
    expect(limits(doc)).toEqual(limits(reference));
  });

  it("--efficiency replaces the calibrated efficiency: σ × B scales as 1/ε, the yields do not move", async () => {
    const table = join(dir, "efficiency.csv");
    writeFileSync(table, "mass_GeV,zprime,scalar\n2.0,0.5,0.25\n2.6,0.3,0.25\n");
    const out = join(dir, "efficiency");
    expect((await run(narrow(out, "--efficiency", table, "--no-plots"))).code).toBe(0);
    const doc = results(out);
    expect(doc.settings.efficiency).toEqual({ massGeV: [2, 2.6], zprime: [0.5, 0.3], scalar: [0.25, 0.25] });
    expect(doc.runId).not.toBe(reference.runId);
    doc.points.forEach((p: Json, i: number) => {
      const ref = reference.points[i];
      expect(p.upperLimitYieldSyst).toBe(ref.upperLimitYieldSyst);
      const eff = 0.5 + ((p.mass - 2) / 0.6) * (0.3 - 0.5);
      expect(p.efficiencyZprime).toBeCloseTo(eff, 12);
      expect(p.efficiencyScalar).toBe(0.25);
      // σ × B = k N / (ε × efficiency correction × L)
      expect(p.upperLimitSigmaBrFb / ref.upperLimitSigmaBrFb).toBeCloseTo(ref.efficiencyZprime / eff, 10);
    });
  });

  it("refuses an output directory of another run", async () => {
    const r = await run(narrow(join(dir, "reference"), "--cl", "0.95", "--no-plots"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds the results of another run .*--fresh/);
  });

  it("three shards merged equal the single scan", async () => {
    const shards: string[] = [];
    for (const i of [1, 2, 3]) {
      const out = join(dir, `shard${i}`);
      expect((await run(narrow(out, "--shard", `${i}/3`, "--no-plots"))).code).toBe(0);
      expect(results(out).largestExcess).toBeNull();
      shards.push(out);
    }
    const merged = join(dir, "merged");
    expect((await run(["merge", ...shards.slice(0, 2), "--out", merged])).stderr).toMatch(/missing shard\(s\) 3\/3/);
    const m = await run(["merge", ...shards, "--out", merged, "--no-plots"]);
    expect(m.code).toBe(0);
    const doc = results(merged);
    expect(limits(doc)).toEqual(limits(reference));
    expect(doc.largestExcess).toEqual(reference.largestExcess);
    expect(readdirSync(merged)).toContain("hepdata");
  });
});

describe("toy CLs", () => {
  const toyScan = (out: string, workers: string): string[] =>
    scanOver(out, "1", "1.006", "--cls", "toys", "--toys", "200", "--workers", workers, "--no-plots");
  it("--cls toys: finite toy limits with and without the systematic, the same with one and two workers", async () => {
    const one = join(dir, "toys1");
    const two = join(dir, "toys2");
    expect((await run(toyScan(one, "1"))).code).toBe(0);
    expect((await run(toyScan(two, "2"))).code).toBe(0);
    const a = results(one);
    expect(a.points.length).toBeGreaterThan(1);
    const finite = (v: unknown): boolean => typeof v === "number" && Number.isFinite(v);
    for (const p of a.points) {
      expect(p.limitMethod).toBe("toys");
      expect(["ok", "retried"]).toContain(p.status);
      expect(finite(p.upperLimitYield) && finite(p.upperLimitYieldSyst)).toBe(true);
      expect(p.expectedUpperLimitYield.every(finite) && p.expectedUpperLimitYieldSyst.every(finite)).toBe(true);
    }
    // toys are seeded per point (seed, point index): the worker count changes nothing
    const numbers = (doc: Json) =>
      doc.points.map((p: Json) => [
        p.upperLimitYield,
        ...p.expectedUpperLimitYield,
        p.upperLimitYieldSyst,
        ...p.expectedUpperLimitYieldSyst,
      ]);
    expect(numbers(results(two))).toEqual(numbers(a));
  }, 240_000);
});

describe("signal injection", () => {
  it("finds an injected signal at its mass with the expected significance", async () => {
    const out = join(dir, "inject");
    // 40 events at 2.3 GeV on ~400 background events per window: an expected local significance of ~5σ
    const r = await run(narrow(out, "--inject", "2.3:40", "--no-plots"));
    expect(r.code).toBe(0);
    const doc = results(out);
    expect(doc.input.injected).toEqual([{ massGeV: 2.3, yield: 40, events: 40 }]);
    const ex = doc.largestExcess;
    // found within one resolution (~3.3 MeV at 2.3 GeV in the fixture) of the true mass
    expect(Math.abs(ex.mass - 2.3)).toBeLessThan(0.004);
    const at = doc.points.find((p: Json) => p.index === ex.index);
    // fitted yield within 3 standard errors of the injected 40 (Poisson + fit)
    expect(Math.abs(at.signalYield - 40)).toBeLessThan(3 * at.signalYieldError);
    expect(ex.localSignificance).toBeGreaterThan(3);
  });
});
