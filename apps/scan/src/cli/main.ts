import { GM2_INPUTS } from "@muonphilic/models";
import { isPhysError, PhysError } from "@muonphilic/units";
import { DEFAULTS, type Injection, type ScanConfig, TABLE_I_TOTAL } from "../config.js";
import type { ResultsDocument } from "../output/results.js";
import { mergeRecoilShards, runRecoilScan } from "../recoil/scan.js";
import type { RecoilResultsDocument } from "../recoil/types.js";
import type { SystematicsTable } from "../run/point.js";
import { mergeShards, runResonanceScan, type ScanOutcome, shardAnalysis, toolInfo } from "../run/scan.js";
import {
  type CommandSpec,
  getFlag,
  getList,
  getNumber,
  getString,
  helpText,
  type ParsedArgs,
  parseArgs,
} from "./args.js";
import { CALIBRATE_SPEC, calibrateCommand } from "./calibrate.js";
import {
  clsFrom,
  dataFileFrom,
  gm2From,
  INPUT_FILE_OPTIONS,
  RUN_OPTIONS,
  rejectPositionals,
  runOptionsFrom,
} from "./common.js";
import { readEfficiencyFile, readSystematicsFile } from "./massTables.js";
import { RECOIL_SPEC, recoilConfigFrom } from "./recoil.js";

export { parseShard } from "./common.js";

/** Where the CLI writes. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
}

/** The options of `muonphilic scan resonance`. */
export const SCAN_SPEC: CommandSpec = {
  name: "scan resonance",
  summary:
    "Search for a narrow dimuon resonance in e+e- -> mu+mu- X(-> mu+mu-) by the method of Belle II (PRD 109, 112015):\n" +
    "unbinned fits of a double Crystal Ball on a polynomial background in the reduced mass, in windows of 60 resolutions,\n" +
    "stepping by one resolution; local and global significance; CLs upper limits on the yield, on sigma x BR and on the couplings.",
  usage: "muonphilic scan resonance [--data FILE [--column NAME]] [--out DIR] [options]",
  options: [
    {
      name: "data",
      kind: "value",
      valueName: "FILE",
      description: "Dimuon masses (GeV): CSV, Parquet or ROOT TTree",
      defaultText: "the embedded Belle II background-only toy, 178 fb^-1",
    },
    {
      name: "column",
      kind: "value",
      valueName: "NAME",
      description: "CSV/Parquet column or TTree branch with the masses (optional for one-column files)",
    },
    ...INPUT_FILE_OPTIONS,
    { name: "out", kind: "value", valueName: "DIR", description: "Output directory", defaultText: "scan-out" },
    {
      name: "calibration",
      kind: "value",
      valueName: "FILE",
      description: "Signal-shape calibration (JSON from `muonphilic calibrate`)",
      defaultText: "the packaged Belle II calibration",
    },
    {
      name: "min-mass",
      kind: "value",
      valueName: "GEV",
      description: "First dimuon-mass hypothesis",
      defaultText: String(DEFAULTS.minMass),
    },
    {
      name: "max-mass",
      kind: "value",
      valueName: "GEV",
      description: "Last dimuon-mass hypothesis",
      defaultText: String(DEFAULTS.maxMass),
    },
    {
      name: "step",
      kind: "value",
      valueName: "N",
      description: "Scan step in mass resolutions",
      defaultText: String(DEFAULTS.step),
    },
    {
      name: "window",
      kind: "value",
      valueName: "N",
      description: "Fit window width in mass resolutions",
      defaultText: String(DEFAULTS.window),
    },
    {
      name: "veto",
      kind: "list",
      valueName: "LO:HI",
      description: "Dimuon-mass interval (GeV) excluded from scan and fits",
      defaultText: "3.07:3.12 (J/psi)",
    },
    { name: "no-veto", kind: "flag", description: "Scan without any veto" },
    {
      name: "cl",
      kind: "value",
      valueName: "CL",
      description: "Confidence level of the upper limits",
      defaultText: String(DEFAULTS.cl),
    },
    {
      name: "cls",
      kind: "value",
      valueName: "METHOD",
      description: "CLs from asymptotic formulae or from toys (systematic included in the toys): asymptotic | toys",
      defaultText: DEFAULTS.cls,
    },
    {
      name: "toys",
      kind: "value",
      valueName: "N",
      description: "Toys per tested yield (16 per limit) and hypothesis (s+b, b-only) with --cls toys",
      defaultText: String(DEFAULTS.toys),
    },
    {
      name: "seed",
      kind: "value",
      valueName: "N",
      description: "Seed of the toys",
      defaultText: String(DEFAULTS.seed),
    },
    {
      name: "lumi",
      kind: "value",
      valueName: "FB-1",
      description: "Integrated luminosity in fb^-1",
      defaultText: String(DEFAULTS.luminosityInvFb),
    },
    {
      name: "yield-correction",
      kind: "value",
      valueName: "K",
      description: "Factor applied to fitted yields (sec. V: +7%)",
      defaultText: String(DEFAULTS.yieldCorrection),
    },
    {
      name: "efficiency-correction",
      kind: "value",
      valueName: "F",
      description: "Factor applied to the calibrated efficiency (ISR photon veto, -2.8%)",
      defaultText: String(DEFAULTS.efficiencyCorrection),
    },
    {
      name: "systematic",
      kind: "value",
      valueName: "REL",
      description: "Total relative systematic uncertainty on the signal yield",
      defaultText: `${TABLE_I_TOTAL.toFixed(3)} (Table I, upper ends)`,
    },
    {
      name: "systematics",
      kind: "value",
      valueName: "FILE",
      description: "CSV of mass_GeV,relative: a systematic uncertainty that depends on mass",
    },
    {
      name: "efficiency",
      kind: "value",
      valueName: "FILE",
      description:
        "CSV of mass_GeV,efficiency (or mass_GeV,zprime,scalar): selection efficiency vs mass replacing the calibration's",
    },
    {
      name: "sqrt-s",
      kind: "value",
      valueName: "GEV",
      description: "Collision energy",
      defaultText: String(DEFAULTS.sqrtS),
    },
    {
      name: "gm2",
      kind: "value",
      valueName: "INPUT",
      description: `(g-2)_mu input for the favoured band: ${Object.keys(GM2_INPUTS).join(" | ")}`,
      defaultText: DEFAULTS.gm2Input,
    },
    {
      name: "gm2-sigmas",
      kind: "value",
      valueName: "N",
      description: "Width of the (g-2)_mu band in standard deviations",
      defaultText: String(DEFAULTS.gm2Sigmas),
    },
    {
      name: "inject",
      kind: "list",
      valueName: "MASS:YIELD",
      description: "Add YIELD signal events at MASS (GeV) drawn from the calibrated shape",
    },
    {
      name: "inject-seed",
      kind: "value",
      valueName: "N",
      description: "Seed of the injected events",
      defaultText: String(DEFAULTS.injectSeed),
    },
    {
      name: "min-events",
      kind: "value",
      valueName: "N",
      description: "Fewest events in a window for a fit",
      defaultText: String(DEFAULTS.minEvents),
    },
    {
      name: "reference-level",
      kind: "value",
      valueName: "U0",
      description: "Gross-Vitells reference level of q0",
      defaultText: String(DEFAULTS.referenceLevel),
    },
    ...RUN_OPTIONS,
  ],
  notes:
    "Outputs in --out: results.json (schema muonphilic/resonance-scan-results v1), points.csv, hepdata/*.yaml,\n" +
    "plots/*.svg and *.png. A run killed at any point resumes from DIR/checkpoint.jsonl when started again with the\n" +
    "same arguments; results.json is written last, atomically, so its presence means the scan finished.",
};

const MERGE_SPEC: CommandSpec = {
  name: "merge",
  summary:
    "Join the output directories of `muonphilic scan resonance --shard I/N` (or `scan recoil --shard I/N`) runs into one scan.",
  usage: "muonphilic merge SHARD_DIR... --out DIR",
  options: [
    {
      name: "out",
      kind: "value",
      valueName: "DIR",
      description: "Output directory of the merged scan",
      defaultText: "scan-out (scan-out-recoil for recoil shards)",
    },
    { name: "no-plots", kind: "flag", description: "Do not render the figures" },
  ],
};

const TOP_HELP = `muonphilic ${"—"} searches for light muon-philic bosons

Usage: muonphilic <command> [options]

Commands:
  scan resonance   the four-muon resonance scan (Belle II PRD 109, 112015): limits on sigma x BR, g' and g_S
  scan recoil      the invisible-Z' recoil-mass template scan (Belle II PRL 130, 231801): limits on sigma and g'
  merge            join the outputs of sharded scans
  calibrate        simulate signal and fit the double-Crystal-Ball shapes and efficiencies (the calibration artefact)
  help [command]   this text, or a command's options

Run \`muonphilic <command> --help\` for a command's options.
`;

function parseRange(text: string, what: string): [number, number] {
  const m = /^\s*([^:]+):([^:]+)\s*$/.exec(text);
  const a = m ? Number(m[1]) : Number.NaN;
  const b = m ? Number(m[2]) : Number.NaN;
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    throw new PhysError("INVALID_ARGUMENT", `${what} must be A:B with two numbers, got ${JSON.stringify(text)}`, {
      argument: what,
    });
  }
  return [a, b];
}

/** Builds the scan configuration from parsed arguments. */
export function scanConfigFrom(args: ParsedArgs): ScanConfig {
  rejectPositionals(args);
  const file = dataFileFrom(args, ["column"]);
  const minMass = getNumber(args, "min-mass", DEFAULTS.minMass, { min: 0.2114, unit: "GeV" });
  const maxMass = getNumber(args, "max-mass", DEFAULTS.maxMass, {
    min: minMass,
    exclusiveMin: true,
    max: 10.5,
    unit: "GeV",
  });
  const cls = clsFrom(args, DEFAULTS.cls);
  const gm2 = gm2From(args, DEFAULTS.gm2Input);
  if (getString(args, "systematic") !== undefined && getString(args, "systematics") !== undefined) {
    throw new PhysError("INVALID_ARGUMENT", "give either --systematic or --systematics, not both", {
      argument: "--systematics",
    });
  }
  const sysFile = getString(args, "systematics");
  const systematics: SystematicsTable =
    sysFile !== undefined
      ? readSystematicsFile(sysFile)
      : { massGeV: [0], relative: [getNumber(args, "systematic", TABLE_I_TOTAL, { min: 0, max: 1 })] };
  const vetoes = getFlag(args, "no-veto")
    ? []
    : getList(args, "veto").length > 0
      ? getList(args, "veto").map((v) => {
          const [a, b] = parseRange(v, "--veto");
          if (!(b > a))
            throw new PhysError("INVALID_ARGUMENT", `--veto ${v}: the upper edge must exceed the lower`, {
              argument: "--veto",
            });
          return [a, b] as const;
        })
      : DEFAULTS.vetoes;
  const inject: Injection[] = getList(args, "inject").map((v) => {
    const [mass, y] = parseRange(v, "--inject");
    if (!(mass >= minMass && mass <= maxMass)) {
      throw new PhysError(
        "INVALID_ARGUMENT",
        `--inject ${v}: the mass must be in the scan range [${minMass}, ${maxMass}] GeV`,
        {
          argument: "--inject",
        },
      );
    }
    if (!(y >= 0))
      throw new PhysError("INVALID_ARGUMENT", `--inject ${v}: the yield must be >= 0`, { argument: "--inject" });
    return { mass, yield: y };
  });
  return {
    data:
      file === undefined
        ? { kind: "embedded" }
        : {
            kind: "file",
            path: file.path,
            ...(getString(args, "column") === undefined ? {} : { column: getString(args, "column")! }),
            ...(file.format === undefined ? {} : { format: file.format }),
            ...(file.tree === undefined ? {} : { tree: file.tree }),
          },
    out: getString(args, "out") ?? "scan-out",
    ...(getString(args, "calibration") === undefined ? {} : { calibration: getString(args, "calibration")! }),
    minMass,
    maxMass,
    step: getNumber(args, "step", DEFAULTS.step, { min: 0.05, max: 100 }),
    window: getNumber(args, "window", DEFAULTS.window, { min: 4, max: 1000 }),
    cl: getNumber(args, "cl", DEFAULTS.cl, { min: 0.5, max: 0.9999 }),
    orderLow: DEFAULTS.orderLow,
    orderHigh: DEFAULTS.orderHigh,
    orderSwitchMass: DEFAULTS.orderSwitchMass,
    vetoes,
    cls,
    toys: getNumber(args, "toys", DEFAULTS.toys, { min: 20, integer: true }),
    seed: getNumber(args, "seed", DEFAULTS.seed, { min: 0, integer: true }),
    luminosityInvFb: getNumber(args, "lumi", DEFAULTS.luminosityInvFb, { min: 0, exclusiveMin: true, unit: "fb^-1" }),
    yieldCorrection: getNumber(args, "yield-correction", DEFAULTS.yieldCorrection, { min: 0, exclusiveMin: true }),
    efficiencyCorrection: getNumber(args, "efficiency-correction", DEFAULTS.efficiencyCorrection, {
      min: 0,
      exclusiveMin: true,
      max: 1,
    }),
    systematics,
    efficiency: getString(args, "efficiency") === undefined ? null : readEfficiencyFile(getString(args, "efficiency")!),
    sqrtS: getNumber(args, "sqrt-s", DEFAULTS.sqrtS, { min: 1, unit: "GeV" }),
    gm2Input: gm2,
    gm2Sigmas: getNumber(args, "gm2-sigmas", DEFAULTS.gm2Sigmas, { min: 0, exclusiveMin: true }),
    minEvents: getNumber(args, "min-events", DEFAULTS.minEvents, { min: 1, integer: true }),
    referenceLevel: getNumber(args, "reference-level", DEFAULTS.referenceLevel, { min: 0, exclusiveMin: true }),
    inject,
    injectSeed: getNumber(args, "inject-seed", DEFAULTS.injectSeed, { min: 0, integer: true }),
    ...runOptionsFrom(args),
  };
}

const fmt = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toPrecision(digits) : "-");

type Row = [string, string];

/** What both scans' summaries hold: the run's bookkeeping and mass range. */
interface ScanSummaryDocument {
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly settings: { readonly minMassGeV: number; readonly maxMassGeV: number };
  readonly summary: {
    readonly points: number;
    readonly gridPoints: number;
    readonly byStatus: Readonly<Record<string, number>>;
    readonly wallSeconds: number;
    readonly workers: number;
    readonly resumedPoints: number;
  };
}

/** The hypotheses and status rows of either scan's summary table. */
function runRows(doc: ScanSummaryDocument): Row[] {
  const s = doc.summary;
  return [
    [
      "hypotheses",
      `${s.points}${doc.shard ? ` (shard ${doc.shard.index}/${doc.shard.count} of ${s.gridPoints})` : ""}, ${doc.settings.minMassGeV}-${doc.settings.maxMassGeV} GeV`,
    ],
    [
      "status",
      Object.entries(s.byStatus)
        .map(([k, v]) => `${k} ${v}`)
        .join(", "),
    ],
  ];
}

/** Either scan's summary table: its rows, then the time and outputs rows, aligned. */
function renderTable(rows: Row[], doc: ScanSummaryDocument, files: readonly string[], out: string): string {
  const s = doc.summary;
  const all: Row[] = [
    ...rows,
    [
      "time",
      `${s.wallSeconds.toFixed(1)} s on ${s.workers} worker(s)${s.resumedPoints ? `, ${s.resumedPoints} points resumed` : ""}`,
    ],
    ["outputs", `${out}/ (${files.length} files: results.json, points.csv, hepdata/, plots/)`],
  ];
  const w = Math.max(...all.map(([k]) => k.length)) + 2;
  return `${all.map(([k, v]) => `${k.padEnd(w)}${v}`).join("\n")}\n`;
}

/** The summary table printed at the end of a scan. */
export function summaryTable(doc: ResultsDocument, files: readonly string[], out: string): string {
  const s = doc.summary;
  const rows: Row[] = [];
  rows.push([
    "data",
    `${doc.input.description}: ${doc.input.validRows} candidates${doc.input.invalid.count > 0 ? `, ${doc.input.invalid.count} invalid rows skipped` : ""}`,
  ]);
  for (const inj of doc.input.injected) rows.push(["injected", `${inj.events} events at ${inj.massGeV} GeV`]);
  rows.push(...runRows(doc));
  const failed = s.problems.filter((q) => q.status !== "retried");
  for (const p of failed.slice(0, 5)) {
    rows.push(["  failed", `${p.mass.toFixed(4)} GeV: ${p.status} (${p.message})`]);
  }
  if (failed.length > 5)
    rows.push(["  failed", `... and ${failed.length - 5} more (summary.problems in results.json)`]);
  const ex = doc.largestExcess;
  if (ex === null && doc.shard === null) rows.push(["largest excess", "none (no hypothesis was fitted)"]);
  if (ex) {
    rows.push([
      "largest excess",
      `${ex.mass.toFixed(4)} GeV: local ${ex.localSignificance.toFixed(2)} sigma, global ${ex.globalSignificance.toFixed(2)} sigma (Gross-Vitells, ${ex.upcrossings} up-crossings of q0 = ${ex.referenceLevel})`,
    ]);
  }
  if (s.bandCoverage && s.bandCoverage.points === 0) {
    rows.push(["band coverage", "no hypothesis with an observed and expected limit"]);
  } else if (s.bandCoverage) {
    const c = s.bandCoverage;
    rows.push([
      "band coverage",
      `observed limit inside expected +-1 sigma ${(100 * c.fraction1Sigma).toFixed(1)}%, +-2 sigma ${(100 * c.fraction2Sigma).toFixed(1)}% (expected 68%, 95%)`,
    ]);
  }
  const range = (vals: number[], below?: number): string => {
    const v = vals.filter((x, i) => Number.isFinite(x) && (below === undefined || doc.points[i]!.mass < below));
    return v.length ? `${fmt(Math.min(...v))} - ${fmt(Math.max(...v))}` : "-";
  };
  rows.push([
    "sigma x BR limit",
    `Z' ${range(doc.points.map((p) => p.upperLimitSigmaBrFb))} fb, S ${range(doc.points.map((p) => p.upperLimitSigmaBrFbScalar))} fb (${(100 * doc.settings.cl).toFixed(0)}% CL)`,
  ]);
  rows.push([
    "coupling limit < 6 GeV",
    `g' ${range(
      doc.points.map((p) => p.upperLimitGPrime),
      6,
    )}, g_S ${range(
      doc.points.map((p) => p.upperLimitGS),
      6,
    )}`,
  ]);
  if (doc.gm2.excludedRanges) {
    // The envelope of the excluded intervals, their number and total width.
    const r = (x: readonly (readonly [number, number])[]): string => {
      if (x.length === 0) return "none";
      const width = x.reduce((s, [a, b]) => s + (b - a), 0);
      const span = `${x[0]![0].toFixed(2)}-${x[x.length - 1]![1].toFixed(2)} GeV`;
      return x.length === 1 ? span : `within ${span} (${x.length} intervals, ${width.toFixed(2)} GeV in total)`;
    };
    rows.push([
      `(g-2) +-${doc.gm2.nSigma} sigma excluded`,
      `Z' ${r(doc.gm2.excludedRanges.zprime)}; S ${r(doc.gm2.excludedRanges.scalar)} (${doc.gm2.input})`,
    ]);
  }
  if (s.systematicsEffect)
    rows.push([
      "systematics",
      `limits weaker by ${(100 * s.systematicsEffect.meanRelativeChange).toFixed(2)}% on average`,
    ]);
  return renderTable(rows, doc, files, out);
}

/** The summary table printed at the end of a recoil scan. */
export function recoilSummaryTable(doc: RecoilResultsDocument, files: readonly string[], out: string): string {
  const s = doc.summary;
  const rows: Row[] = [];
  rows.push([
    "data",
    `${doc.input.description}: ${doc.input.selectedEvents} events after the kinematic selection (${doc.input.rows} rows)`,
  ]);
  for (const inj of doc.input.injected)
    rows.push(["injected", `${inj.events} events (${inj.sigmaFb} fb) at ${inj.massGeV} GeV`]);
  rows.push(...runRows(doc));
  for (const p of s.problems.slice(0, 5))
    rows.push(["  not ok", `${p.mass.toFixed(4)} GeV: ${p.status} (${p.message})`]);
  const ex = doc.largestExcess;
  if (ex) {
    rows.push([
      "largest excess",
      `${ex.mass.toFixed(4)} GeV: local ${ex.localSignificance.toFixed(2)} sigma, global ${ex.globalSignificance.toFixed(2)} sigma (Gross-Vitells, ${ex.upcrossings} up-crossings)`,
    ]);
  } else if (doc.shard === null) rows.push(["largest excess", "none (no hypothesis was fitted)"]);
  if (s.bandCoverage && s.bandCoverage.points > 0) {
    rows.push([
      "band coverage",
      `observed inside expected +-1 sigma ${(100 * s.bandCoverage.fraction1Sigma).toFixed(1)}%, +-2 sigma ${(100 * s.bandCoverage.fraction2Sigma).toFixed(1)}%`,
    ]);
  }
  const range = (v: number[]): string => {
    const f = v.filter(Number.isFinite);
    return f.length ? `${fmt(Math.min(...f))} - ${fmt(Math.max(...f))}` : "-";
  };
  rows.push([
    "sigma limit",
    `${range(doc.points.map((p) => p.upperLimitSigmaFb))} fb (${(100 * doc.settings.cl).toFixed(0)}% CL)`,
  ]);
  rows.push([
    "g' limit",
    `vanilla ${range(doc.points.map((p) => p.upperLimitGPrimeVanilla))}, fully invisible ${range(doc.points.map((p) => p.upperLimitGPrimeFullyInvisible))}`,
  ]);
  if (s.twoDimensionalGain) {
    rows.push([
      "2D vs 1D",
      `expected limit 1D/2D: median ${s.twoDimensionalGain.median.toFixed(3)}, ${s.twoDimensionalGain.min.toFixed(3)}-${s.twoDimensionalGain.max.toFixed(3)} over ${s.twoDimensionalGain.points} points`,
    ]);
  }
  return renderTable(rows, doc, files, out);
}

function printOutcome(io: CliIo, outcome: ScanOutcome, out: string): void {
  for (const w of outcome.warnings) io.stderr.write(`warning: ${w}\n`);
  io.stdout(summaryTable(outcome.doc, outcome.files, out));
}

/**
 * Runs the CLI.
 * @param argv - the arguments after the program name
 * @param io - output sinks
 * @returns the exit code: 0 success, 2 bad input or usage, 1 unexpected failure
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [cmd, ...rest] = argv;
    if (cmd === undefined || cmd === "help" || cmd === "--help" || cmd === "-h") {
      const topic = cmd === "help" ? rest.join(" ") : "";
      const spec =
        topic === "scan resonance" || topic === "scan"
          ? SCAN_SPEC
          : topic === "scan recoil"
            ? RECOIL_SPEC
            : topic === "merge"
              ? MERGE_SPEC
              : topic === "calibrate"
                ? CALIBRATE_SPEC
                : null;
      io.stdout(spec ? helpText(spec) : TOP_HELP);
      return 0;
    }
    if (cmd === "--version") {
      io.stdout(`${toolInfo().version}\n`);
      return 0;
    }
    const scanIo = { log: (l: string) => io.stderr.write(`${l}\n`), progress: io.stderr };
    if (cmd === "scan") {
      const [sub, ...opts] = rest;
      if (sub === "recoil") {
        const args = parseArgs(opts, RECOIL_SPEC);
        if (getFlag(args, "help")) {
          io.stdout(helpText(RECOIL_SPEC));
          return 0;
        }
        const config = recoilConfigFrom(args);
        const outcome = await runRecoilScan(config, scanIo);
        for (const w of outcome.warnings) io.stderr.write(`warning: ${w}\n`);
        io.stdout(recoilSummaryTable(outcome.doc, outcome.files, config.out));
        return 0;
      }
      if (sub !== "resonance") {
        if (sub === "--help" || sub === undefined) {
          io.stdout(helpText(SCAN_SPEC));
          return sub === undefined ? 2 : 0;
        }
        throw new PhysError(
          "UNKNOWN_NAME",
          `unknown analysis ${JSON.stringify(sub)}: muonphilic scan resonance | recoil`,
          {
            argument: "analysis",
            value: sub,
          },
        );
      }
      const args = parseArgs(opts, SCAN_SPEC);
      if (getFlag(args, "help")) {
        io.stdout(helpText(SCAN_SPEC));
        return 0;
      }
      const config = scanConfigFrom(args);
      const outcome = await runResonanceScan(config, scanIo);
      printOutcome(io, outcome, config.out);
      return 0;
    }
    if (cmd === "merge") {
      const args = parseArgs(rest, MERGE_SPEC);
      if (getFlag(args, "help")) {
        io.stdout(helpText(MERGE_SPEC));
        return 0;
      }
      if (args.positionals.length === 0) {
        throw new PhysError(
          "INVALID_ARGUMENT",
          "merge needs the shard output directories: muonphilic merge DIR... --out DIR",
          { argument: "shards" },
        );
      }
      const plots = !getFlag(args, "no-plots");
      if (shardAnalysis(args.positionals[0]!) === "recoil") {
        const out = getString(args, "out") ?? "scan-out-recoil";
        const outcome = await mergeRecoilShards(args.positionals, out, scanIo, plots);
        for (const w of outcome.warnings) io.stderr.write(`warning: ${w}\n`);
        io.stdout(recoilSummaryTable(outcome.doc, outcome.files, out));
        return 0;
      }
      const out = getString(args, "out") ?? "scan-out";
      const outcome = await mergeShards(args.positionals, out, scanIo, plots);
      printOutcome(io, outcome, out);
      return 0;
    }
    if (cmd === "calibrate") return await calibrateCommand(rest, io);
    throw new PhysError(
      "UNKNOWN_NAME",
      `unknown command ${JSON.stringify(cmd)}; commands: scan resonance, merge, calibrate, help`,
      {
        argument: "command",
        value: cmd,
      },
    );
  } catch (e) {
    if (isPhysError(e)) {
      io.stderr.write(`muonphilic: error: ${e.message}\n`);
      return 2;
    }
    io.stderr.write(`muonphilic: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
