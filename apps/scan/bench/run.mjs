#!/usr/bin/env node
// Benchmark of the resonance scan (run on dist/ by `pnpm bench`): wall time of the full default
// scan (embedded Belle II toy, 0.212-9 GeV, asymptotic CLs) with all cores and with one worker,
// and, when Debian's python3-iminuit is installed, the same scan with iminuit
// (tools/bench/scan/iminuit_scan.py, every 20th point, extrapolated) for the speed ratio and the
// numerical agreement. Prints one JSON document.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "dist", "cli.js");
const dir = mkdtempSync(join(tmpdir(), "muonphilic-bench-"));

function scan(name, extra) {
  const out = join(dir, name);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, "scan", "resonance", "--out", out, "--no-progress", ...extra], {
    encoding: "utf8",
  });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`scan ${name} failed: ${r.stderr}`);
  const doc = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
  return { out, wallSeconds: wall, points: doc.points.length, workers: doc.summary.workers };
}

const result = {
  machine: { cores: availableParallelism(), loadAverageAtStart: loadavg()[0], node: process.version },
  fullScan: scan("all-cores", []),
  fullScanNoPlots: scan("all-cores-no-plots", ["--no-plots"]),
  oneWorker: scan("one-worker", ["--workers", "1", "--no-plots"]),
};

// The same scan with iminuit, on the same data (the embedded toy written to CSV).
const { embeddedDataset } = await import(join(root, "dist", "embedded.js"));
const csv = join(dir, "toy.csv");
writeFileSync(csv, `mass\n${Array.from(embeddedDataset().masses, (m) => m.toPrecision(17)).join("\n")}\n`);
const py = spawnSync(
  "/usr/bin/python3",
  [
    join(root, "..", "..", "tools", "bench", "scan", "iminuit_scan.py"),
    "--results",
    join(result.fullScanNoPlots.out, "results.json"),
    "--data",
    csv,
    "--calibration",
    join(root, "calibration", "belle2-4mu-default.json"),
    "--every",
    "20",
  ],
  { encoding: "utf8" },
);
if (py.status === 0) {
  const im = JSON.parse(py.stdout);
  result.iminuit = im;
  result.speedup = {
    allCores: im.extrapolatedFullScanSeconds / result.fullScanNoPlots.wallSeconds,
    oneWorker: im.extrapolatedFullScanSeconds / result.oneWorker.wallSeconds,
  };
} else {
  result.iminuit = { skipped: `python3-iminuit not available or failed: ${py.stderr.split("\n").slice(-3).join(" ")}` };
}
process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
