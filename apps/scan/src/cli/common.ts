/**
 * What the scan commands (`scan resonance`, `scan recoil`) share on the command line: the input
 * file's format and TTree options, the execution options (workers, shard, skip-invalid, fresh,
 * progress, plots) and the parsers of those and of `--cls` and `--gm2`.
 *
 * @packageDocumentation
 */
import { availableParallelism } from "node:os";
import { GM2_INPUTS, type Gm2InputName } from "@muonphilic/models";
import { PhysError } from "@muonphilic/units";
import { INPUT_FORMATS, type InputFormat } from "../io/readers.js";
import { getFlag, getNumber, getString, type OptionSpec, type ParsedArgs } from "./args.js";

const usage = (message: string, argument: string): PhysError =>
  new PhysError("INVALID_ARGUMENT", message, { argument });

/** `--format` and `--tree` of a scan's `--data FILE`. */
export const INPUT_FILE_OPTIONS: readonly OptionSpec[] = [
  {
    name: "format",
    kind: "value",
    valueName: "FMT",
    description: `Input format: ${INPUT_FORMATS.join(" | ")}`,
    defaultText: "from the file extension",
  },
  {
    name: "tree",
    kind: "value",
    valueName: "NAME",
    description: "TTree name in a ROOT file",
    defaultText: "the first TTree",
  },
];

/** The execution options of a scan (they do not change its results). */
export const RUN_OPTIONS: readonly OptionSpec[] = [
  { name: "workers", kind: "value", valueName: "N", description: "Worker threads", defaultText: "all cores" },
  {
    name: "shard",
    kind: "value",
    valueName: "I/N",
    description: "Run only shard I of N (every N-th hypothesis); join with `muonphilic merge`",
  },
  {
    name: "skip-invalid",
    kind: "flag",
    description: "Scan the valid rows when the file has invalid ones (they are counted and reported)",
  },
  { name: "fresh", kind: "flag", description: "Discard a checkpoint or results of another run in --out" },
  { name: "no-progress", kind: "flag", description: "No progress bar" },
  { name: "no-plots", kind: "flag", description: "Do not render the figures" },
];

/**
 * Parses `--shard I/N`.
 * @throws {@link PhysError} `INVALID_ARGUMENT` unless 1 <= I <= N are integers
 */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const i = m ? Number(m[1]) : Number.NaN;
  const n = m ? Number(m[2]) : Number.NaN;
  if (!(Number.isInteger(i) && Number.isInteger(n) && n >= 1 && i >= 1 && i <= n)) {
    throw new PhysError(
      "INVALID_ARGUMENT",
      `--shard must be I/N with integers 1 <= I <= N, got ${JSON.stringify(text)}`,
      {
        argument: "--shard",
        value: text,
        allowed: "I/N, 1 <= I <= N",
      },
    );
  }
  return { index: i, count: n };
}

/** @throws {@link PhysError} `INVALID_ARGUMENT` for a positional argument (the scans take none) */
export function rejectPositionals(args: ParsedArgs): void {
  if (args.positionals.length > 0)
    throw usage(`unexpected argument ${JSON.stringify(args.positionals[0])} (see --help)`, String(args.positionals[0]));
}

/**
 * `--data FILE` with its `--format` and `--tree` (and the command's other file options, e.g.
 * `--column`), which need `--data`.
 * @throws {@link PhysError} `INVALID_ARGUMENT` for an unknown format or a file option without `--data`
 */
export function dataFileFrom(
  args: ParsedArgs,
  fileOptions: readonly string[] = [],
): { path: string; format?: InputFormat; tree?: string } | undefined {
  const format = getString(args, "format");
  if (format !== undefined && !(INPUT_FORMATS as readonly string[]).includes(format)) {
    throw usage(`--format must be one of ${INPUT_FORMATS.join(", ")}, got ${JSON.stringify(format)}`, "--format");
  }
  const path = getString(args, "data");
  for (const opt of [...fileOptions, "format", "tree"]) {
    if (path === undefined && getString(args, opt) !== undefined) throw usage(`--${opt} needs --data FILE`, `--${opt}`);
  }
  if (path === undefined) return undefined;
  const tree = getString(args, "tree");
  return {
    path,
    ...(format === undefined ? {} : { format: format as InputFormat }),
    ...(tree === undefined ? {} : { tree }),
  };
}

/** `--cls asymptotic|toys`. @throws {@link PhysError} `INVALID_ARGUMENT` otherwise */
export function clsFrom(args: ParsedArgs, fallback: "asymptotic" | "toys"): "asymptotic" | "toys" {
  const cls = getString(args, "cls") ?? fallback;
  if (cls !== "asymptotic" && cls !== "toys")
    throw usage(`--cls must be asymptotic or toys, got ${JSON.stringify(cls)}`, "--cls");
  return cls;
}

/** `--gm2 INPUT`, one of the models' (g−2) inputs. @throws {@link PhysError} `INVALID_ARGUMENT` otherwise */
export function gm2From(args: ParsedArgs, fallback: Gm2InputName): Gm2InputName {
  const gm2 = getString(args, "gm2") ?? fallback;
  if (!(gm2 in GM2_INPUTS))
    throw usage(`--gm2 must be one of ${Object.keys(GM2_INPUTS).join(", ")}, got ${JSON.stringify(gm2)}`, "--gm2");
  return gm2 as Gm2InputName;
}

/** The execution options ({@link RUN_OPTIONS}) of a scan configuration. */
export function runOptionsFrom(args: ParsedArgs): {
  workers: number;
  shard: { index: number; count: number } | null;
  skipInvalid: boolean;
  fresh: boolean;
  progress: boolean;
  plots: boolean;
} {
  const shard = getString(args, "shard");
  return {
    workers: getNumber(args, "workers", availableParallelism(), { min: 1, max: 256, integer: true }),
    shard: shard === undefined ? null : parseShard(shard),
    skipInvalid: getFlag(args, "skip-invalid"),
    fresh: getFlag(args, "fresh"),
    progress: !getFlag(args, "no-progress"),
    plots: !getFlag(args, "no-plots"),
  };
}
