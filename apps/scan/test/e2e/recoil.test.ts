/**
 * End-to-end tests of `muonphilic scan recoil` (compiled CLI, worker threads): the results.json
 * contract on a user CSV of muon momenta (and the same events from Parquet), the exported pyhf
 * workspaces against `upperLimit`, sharding and merge,
 * signal injection and recovery, the one- vs two-dimensional comparison, and bad input.
 *
 * The signal simulation is run small (5000 events per template mass; the background pools keep
 * their default size: the embedded toy is drawn from them, and smaller pools leave toy and
 * templates with shared empty cells), and the scan range is 2.0-2.6 GeV, so that each scan takes
 * about ten seconds.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateTauPairMuMu } from "@muonphilic/backgrounds";
import { createRandom } from "@muonphilic/random";
import { upperLimit, type Workspace } from "@muonphilic/stats";
import { parquetWriteBuffer } from "hyparquet-writer";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli as run } from "./run.js";

const dir = mkdtempSync(join(tmpdir(), "muonphilic-recoil-"));
const csv = join(dir, "mumu.csv");
const parquet = join(dir, "mumu.parquet");

// biome-ignore lint/suspicious/noExplicitAny: results.json is read as untyped JSON on purpose (contract check)
type Json = any;
const results = (out: string): Json => JSON.parse(readFileSync(join(out, "results.json"), "utf8"));

const SMALL = ["--signal-events", "5000", "--no-progress", "--workers", "2"];
const scanRange = (out: string, lo: string, hi: string, ...extra: string[]): string[] => [
  "scan",
  "recoil",
  "--out",
  out,
  "--min-mass",
  lo,
  "--max-mass",
  hi,
  ...SMALL,
  ...extra,
];
const scan = (out: string, ...extra: string[]): string[] => scanRange(out, "2.0", "2.6", ...extra);

beforeAll(async () => {
  // A user dataset: τ-pair events (generator level, lab frame) as already-selected muon pairs.
  const s = generateTauPairMuMu({ events: 20000 }, createRandom(3));
  const a = s.events.particles.muMinus!;
  const b = s.events.particles.muPlus!;
  const rows = ["mu1_px,mu1_py,mu1_pz,mu2_px,mu2_py,mu2_pz"];
  for (let i = 0; i < s.events.size; i++) {
    rows.push([a.px[i], a.py[i], a.pz[i], b.px[i], b.py[i], b.pz[i]].join(","));
  }
  writeFileSync(csv, `${rows.join("\n")}\n`);
  // the same events as Parquet (doubles; the CSV holds their shortest round-trip decimal forms)
  const names = ["mu1_px", "mu1_py", "mu1_pz", "mu2_px", "mu2_py", "mu2_pz"];
  const cols = [a.px, a.py, a.pz, b.px, b.py, b.pz];
  const buf = parquetWriteBuffer({
    columnData: names.map((name, k) => ({ name, data: Array.from(cols[k]!), type: "DOUBLE" as const })),
  });
  writeFileSync(parquet, Buffer.from(buf));
});

describe("muonphilic scan recoil", () => {
  it("runs on a CSV of muon momenta with every other option defaulted, and keeps the results.json contract", async () => {
    const out = join(dir, "csv");
    // --lumi 2: the simulated background at 2 fb⁻¹ is of the size of this file (20 000 τ pairs)
    const r = await run(scan(out, "--data", csv, "--lumi", "2", "--export-workspaces", join(out, "ws")));
    expect(r.code, r.stderr).toBe(0);
    const doc = results(out);
    expect(doc.schema).toBe("muonphilic/recoil-scan-results");
    expect(doc.points.length).toBeGreaterThan(3);
    const ok = doc.points.filter((p: Json) => p.status === "ok");
    expect(ok.length).toBeGreaterThan(0.8 * doc.points.length);
    for (const p of ok) {
      expect(typeof p.mass).toBe("number");
      expect(Number.isFinite(p.localSignificance)).toBe(true);
      expect(p.upperLimitSigmaFb).toBeGreaterThan(0);
      expect(p.expectedUpperLimitSigmaFb).toHaveLength(5);
      // the band is ordered −2σ … +2σ
      for (let k = 1; k < 5; k++)
        expect(p.expectedUpperLimitSigmaFb[k]).toBeGreaterThan(p.expectedUpperLimitSigmaFb[k - 1]);
    }
    for (const k of ["mass", "localSignificance", "globalSignificance"])
      expect(typeof doc.largestExcess[k]).toBe("number");
    // the kinematic selection is applied to the input and reported
    expect(doc.input.cutFlow[0]).toEqual({ name: "input events", events: 20000 });
    expect(doc.input.selectedEvents).toBeLessThan(20000);
    for (const f of ["points.csv", "hepdata/sigma.yaml", "plots/sigma.png", "plots/spectrum.svg"]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
  });

  it("every exported window workspace gives the scan's upper limit through stats' upperLimit", async () => {
    const out = join(dir, "csv");
    const doc = results(out);
    const files = readdirSync(join(out, "ws")).sort();
    expect(files).toHaveLength(doc.points.length);
    files.forEach((f, k) => {
      const p = doc.points[k];
      if (p.status !== "ok") return;
      const ws = JSON.parse(readFileSync(join(out, "ws", f), "utf8")) as Workspace;
      const ul = upperLimit(ws, { cl: 0.9 });
      // the same workspace through the same calculator: equal to round-off
      expect(ul.observed).toBeCloseTo(p.upperLimitSigmaFb, 9);
      ul.expected.forEach((e, j) => {
        expect(e).toBeCloseTo(p.expectedUpperLimitSigmaFb[j], 9);
      });
    });
  });

  it("reads the same events from Parquet: the same cut flow and the same limits as from the CSV", async () => {
    const single = results(join(dir, "csv"));
    const out = join(dir, "parquet");
    const r = await run(scan(out, "--data", parquet, "--lumi", "2", "--no-plots"));
    expect(r.code, r.stderr).toBe(0);
    const doc = results(out);
    expect(doc.input.format).toBe("parquet");
    expect(doc.input.cutFlow).toEqual(single.input.cutFlow);
    const pick = (d: Json) =>
      d.points.map((p: Json) => [p.index, p.status, p.q0, p.upperLimitSigmaFb, ...p.expectedUpperLimitSigmaFb]);
    expect(pick(doc)).toEqual(pick(single));
  });

  it("two shards merged equal the single scan, with the spectrum redrawn from the re-read data", async () => {
    const single = results(join(dir, "csv"));
    const shards: string[] = [];
    for (const i of [1, 2]) {
      const out = join(dir, `shard${i}`);
      const r = await run(scan(out, "--data", csv, "--lumi", "2", "--shard", `${i}/2`, "--no-plots"));
      expect(r.code, r.stderr).toBe(0);
      const d = results(out);
      expect(d.largestExcess).toBeNull();
      expect(d.scanId).toBe(single.scanId);
      shards.push(out);
    }
    const merged = join(dir, "merged");
    const bad = await run(["merge", shards[0]!, "--out", merged]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/missing shard\(s\) 2\/2/);
    const m = await run(["merge", ...shards, "--out", merged]);
    expect(m.code, m.stderr).toBe(0);
    const doc = results(merged);
    expect(doc.schema).toBe("muonphilic/recoil-scan-results");
    expect(doc.shard).toBeNull();
    const pick = (d: Json) =>
      d.points.map((p: Json) => [p.index, p.status, p.q0, p.upperLimitSigmaFb, ...p.expectedUpperLimitSigmaFb]);
    expect(pick(doc)).toEqual(pick(single));
    expect(doc.largestExcess).toEqual(single.largestExcess);
    expect(doc.summary.bandCoverage).toEqual(single.summary.bandCoverage);
    for (const f of ["points.csv", "hepdata/sigma.yaml", "plots/spectrum.svg", "plots/sigma.png"]) {
      expect(existsSync(join(merged, f)), f).toBe(true);
    }
    // the same table as the single scan's, point for point
    expect(readFileSync(join(merged, "points.csv"), "utf8")).toBe(readFileSync(join(dir, "csv", "points.csv"), "utf8"));
  });

  it("recovers an injected signal at the right mass, and the background-only scan has no significant excess", async () => {
    const bkg = join(dir, "bkg");
    const r0 = await run(scan(bkg, "--compare-1d"));
    expect(r0.code, r0.stderr).toBe(0);
    const d0 = results(bkg);
    expect(d0.largestExcess.globalSignificance).toBeLessThan(2);
    // the 1D/2D comparison is recorded: the 2D fit is at least as good as the 1D one on average
    expect(d0.summary.twoDimensionalGain.median).toBeGreaterThan(1);
    const median = d0.points.map((p: Json) => p.expectedUpperLimitSigmaFb[2]);
    const mid = Math.floor(d0.points.length / 2);
    const mass = d0.points[mid].mass;
    // inject 3 × the median expected limit: expected Z ≈ 3 × 1.28 ≈ 3.9σ
    const inj = join(dir, "inj");
    const r1 = await run(scan(inj, "--inject", `${mass}:${3 * median[mid]}`));
    expect(r1.code, r1.stderr).toBe(0);
    const d1 = results(inj);
    expect(d1.input.injected[0].events).toBeGreaterThan(0);
    expect(Math.abs(d1.largestExcess.index - mid)).toBeLessThanOrEqual(1);
    expect(d1.largestExcess.localSignificance).toBeGreaterThan(2.5);
    // the fitted cross section at the injected mass is the injected one within 2 expected-limit widths
    expect(Math.abs(d1.points[mid].sigmaHatFb - 3 * median[mid])).toBeLessThan(2 * median[mid]);
  });

  it("gives clear errors for bad input and keeps nothing half-written", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "mu1_px,mu1_py,mu1_pz,mu2_px,mu2_py\n1,2,3,4,5\n");
    const r = await run(scan(join(dir, "bad"), "--data", bad));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no column "mu2_pz"/);
    const nan = join(dir, "nan.csv");
    writeFileSync(nan, `${readFileSync(csv, "utf8").split("\n").slice(0, 200).join("\n")}\n1,abc,3,4,5,6\n`);
    const r2 = await run(scan(join(dir, "nan"), "--data", nan));
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/1 of 200 rows are invalid.*--skip-invalid/);
    expect(existsSync(join(dir, "nan", "results.json"))).toBe(false);
    const r3 = await run(scan(join(dir, "inj-bad"), "--inject", "7:1"));
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/--inject 7:1: .*\[2, 2.6\] GeV/);
    const r4 = await run(scan(join(dir, "model-bad"), "--signal-model", "wide"));
    expect(r4.code).toBe(2);
    expect(r4.stderr).toMatch(/--signal-model must be narrow or breit-wigner/);
  });

  it("runs the finite-width (Breit-Wigner ⊗ Gaussian, one-dimensional) benchmark with enlarged windows", async () => {
    const out = join(dir, "bw");
    const r = await run(scanRange(out, "2.0", "2.2", "--signal-model", "breit-wigner", "--no-plots"));
    expect(r.code, r.stderr).toBe(0);
    const doc = results(out);
    for (const p of doc.points) {
      expect(p.signalModel).toBe("breit-wigner");
      expect(p.cosBins).toBe(1);
      // Γ(Z' → χχ̄) = g_χ² m / (12π) for m_χ = 0 (Jho2019 eq. (3.9))
      expect(p.widthGeV).toBeCloseTo(p.mass / (12 * Math.PI), 6);
      expect(p.massBins).toBeGreaterThan(20);
      expect(p.status).toBe("ok");
    }
  });
});
