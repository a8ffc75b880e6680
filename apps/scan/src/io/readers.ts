/**
 * Input readers: one column of dimuon masses (GeV) from a CSV file, an Apache Parquet file
 * (hyparquet) or a branch of a ROOT TTree (jsroot). Every row is accounted for: a row whose
 * value is missing, not a number, not finite, below the dimuon threshold 2m_μ or above the
 * collision energy is counted by reason with examples, never silently dropped.
 *
 * @packageDocumentation
 */
import { readFileSync, statSync } from "node:fs";
import { extname } from "node:path";
import { M_MU, PhysError } from "@muonphilic/units";
import type { RootFile } from "jsroot/io";
import type { TSelector } from "jsroot/tree";
import { sha256 } from "../calibration.js";

/** The supported input formats. */
export type InputFormat = "csv" | "parquet" | "root";
export const INPUT_FORMATS: readonly InputFormat[] = ["csv", "parquet", "root"];

/** Why a row was not used. */
export type InvalidReason = "missing" | "not-a-number" | "non-finite" | "below-threshold" | "above-maximum";

/** The account of invalid rows. */
export interface InvalidRows {
  readonly count: number;
  readonly byReason: Readonly<Record<InvalidReason, number>>;
  /** Up to ten examples: 1-based row number (data rows, header excluded) and the raw value. */
  readonly examples: readonly { readonly row: number; readonly value: string; readonly reason: InvalidReason }[];
}

/** A column read from a file, validated. */
export interface MassColumn {
  /** Valid dimuon masses, GeV, in file order. */
  readonly masses: Float64Array;
  /** Rows read (excluding header and comment lines). */
  readonly rows: number;
  readonly invalid: InvalidRows;
  readonly source: {
    readonly path: string;
    readonly format: InputFormat;
    readonly column: string;
    readonly sha256: string;
  };
}

/** Options of {@link readMassColumn}. */
export interface ReadOptions {
  /** Column (CSV, Parquet) or branch (ROOT) name; optional for single-column CSV. */
  readonly column?: string;
  /** Format; guessed from the extension when absent. */
  readonly format?: InputFormat;
  /** TTree name for ROOT files (default: the first TTree in the file). */
  readonly tree?: string;
  /** Largest valid mass, GeV. */
  readonly maxMass: number;
}

class InvalidCounter {
  readonly byReason: Record<InvalidReason, number> = {
    missing: 0,
    "not-a-number": 0,
    "non-finite": 0,
    "below-threshold": 0,
    "above-maximum": 0,
  };
  readonly examples: { row: number; value: string; reason: InvalidReason }[] = [];
  count = 0;
  add(row: number, value: string, reason: InvalidReason): void {
    this.count++;
    this.byReason[reason]++;
    if (this.examples.length < 10) this.examples.push({ row, value, reason });
  }
  result(): InvalidRows {
    return { count: this.count, byReason: { ...this.byReason }, examples: [...this.examples] };
  }
}

/** Validates raw values into masses, counting the invalid ones. */
function collect(values: ArrayLike<unknown>, maxMass: number): { masses: Float64Array; invalid: InvalidRows } {
  const threshold = 2 * M_MU;
  const out = new Float64Array(values.length);
  const bad = new InvalidCounter();
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const raw = values[i];
    let x: number;
    if (raw === null || raw === undefined || raw === "") {
      bad.add(i + 1, String(raw ?? ""), "missing");
      continue;
    }
    if (typeof raw === "number") x = raw;
    else if (typeof raw === "bigint") x = Number(raw);
    else if (typeof raw === "string") {
      const t = raw.trim();
      if (/^[+-]?(inf|infinity|nan)$/i.test(t)) x = Number.NaN;
      else if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) x = Number(t);
      else {
        bad.add(i + 1, t, "not-a-number");
        continue;
      }
    } else {
      bad.add(i + 1, String(raw), "not-a-number");
      continue;
    }
    if (!Number.isFinite(x)) bad.add(i + 1, String(raw), "non-finite");
    else if (x < threshold) bad.add(i + 1, String(raw), "below-threshold");
    else if (x > maxMass) bad.add(i + 1, String(raw), "above-maximum");
    else out[n++] = x;
  }
  return { masses: out.slice(0, n), invalid: bad.result() };
}

function ioError(path: string, what: string, cause?: unknown): PhysError {
  return new PhysError("IO_ERROR", `cannot read ${path}: ${what}`, { argument: "data", value: path }, { cause });
}

function missingColumn(path: string, column: string | undefined, available: readonly string[]): PhysError {
  const list = available.map((c) => JSON.stringify(c)).join(", ");
  const msg =
    column === undefined
      ? `${path} has ${available.length} columns (${list}): choose one with --column`
      : `${path} has no column ${JSON.stringify(column)}; available: ${list}`;
  return new PhysError("UNKNOWN_NAME", msg, { argument: "column", value: column, allowed: list });
}

/** Splits one CSV line (RFC 4180 quotes) on `sep`. */
function splitCsvLine(line: string, sep: string): string[] {
  if (!line.includes('"')) return line.split(sep);
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Reads a CSV column. The first non-comment line is the header; lines starting with `#` are
 * comments; the separator (comma, semicolon or tab) is taken from the header line.
 */
function readCsv(path: string, text: string, column: string | undefined, maxMass: number) {
  const lines = text.split(/\r?\n/);
  let h = 0;
  while (h < lines.length && (lines[h]!.trim() === "" || lines[h]!.trimStart().startsWith("#"))) h++;
  if (h >= lines.length) throw ioError(path, "the file has no header line (empty CSV)");
  const headerLine = lines[h]!;
  const sep = [",", ";", "\t"].find((s) => headerLine.includes(s)) ?? ",";
  const header = splitCsvLine(headerLine, sep).map((s) => s.trim());
  let col: number;
  if (column === undefined) {
    if (header.length !== 1) throw missingColumn(path, column, header);
    col = 0;
  } else {
    col = header.indexOf(column);
    if (col < 0) throw missingColumn(path, column, header);
  }
  const values: (string | undefined)[] = [];
  for (let i = h + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    values.push(splitCsvLine(line, sep)[col]);
  }
  return { ...collect(values, maxMass), rows: values.length, column: header[col]! };
}

async function readParquet(path: string, column: string | undefined, maxMass: number) {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetSchema, parquetRead } = await import("hyparquet");
  const { compressors } = await import("hyparquet-compressors");
  let file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  let names: string[];
  try {
    file = await asyncBufferFromFile(path);
    const meta = await parquetMetadataAsync(file);
    names = parquetSchema(meta).children.map((c) => c.element.name);
  } catch (e) {
    throw ioError(path, `not a readable Parquet file (${(e as Error).message})`, e);
  }
  const name = column ?? (names.length === 1 ? names[0] : undefined);
  if (name === undefined || !names.includes(name)) throw missingColumn(path, column, names);
  let values: ArrayLike<unknown> = [];
  await parquetRead({
    file,
    columns: [name],
    compressors,
    onComplete: (rows: unknown[][]) => {
      values = rows.map((r) => r[0]);
    },
  });
  return { ...collect(values, maxMass), rows: values.length, column: name };
}

async function readRoot(path: string, branch: string | undefined, treeName: string | undefined, maxMass: number) {
  const io = await import("jsroot/io");
  const treeMod = await import("jsroot/tree");
  let file: RootFile;
  try {
    file = await io.openFile(path);
  } catch (e) {
    throw ioError(path, `not a readable ROOT file (${(e as Error).message})`, e);
  }
  const trees = file.fKeys.filter((k) => k.fClassName === "TTree").map((k) => k.fName);
  const name = treeName ?? trees[0];
  if (name === undefined || !trees.includes(name)) {
    throw new PhysError(
      "UNKNOWN_NAME",
      `${path} has no TTree ${JSON.stringify(treeName ?? "")}; trees: ${trees.map((t) => JSON.stringify(t)).join(", ") || "none"}`,
      { argument: "tree", value: treeName, allowed: trees.join(" | ") },
    );
  }
  const tree = (await file.readObject(name)) as { fBranches: { arr: { fName: string }[] } };
  const branches = tree.fBranches.arr.map((b) => b.fName);
  const b = branch ?? (branches.length === 1 ? branches[0] : undefined);
  if (b === undefined || !branches.includes(b)) throw missingColumn(path, branch, branches);
  const values: unknown[] = [];
  const selector = new treeMod.TSelector();
  selector.addBranch(b);
  selector.Process = function process(this: TSelector) {
    values.push(this.tgtobj[b]);
  };
  await treeMod.treeProcess(tree, selector);
  return { ...collect(values, maxMass), rows: values.length, column: b };
}

/** Guesses the format from the file extension. */
export function formatFromPath(path: string): InputFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv") return "csv";
  if (ext === ".parquet" || ext === ".pq") return "parquet";
  if (ext === ".root") return "root";
  return undefined;
}

/**
 * Reads a column of dimuon masses.
 * @param path - the file
 * @param options - column/branch, format, tree, the largest valid mass (GeV)
 * @throws {@link PhysError} `IO_ERROR` for a missing or unreadable file, `UNKNOWN_NAME` for a
 *   missing column, branch or tree, `INVALID_ARGUMENT` for an unknown format
 */
export async function readMassColumn(path: string, options: ReadOptions): Promise<MassColumn> {
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) throw new Error("not a regular file");
    bytes = readFileSync(path);
  } catch (e) {
    throw ioError(path, (e as Error).message, e);
  }
  const format = options.format ?? formatFromPath(path);
  if (format === undefined) {
    throw new PhysError(
      "INVALID_ARGUMENT",
      `cannot tell the format of ${path} from its extension: give --format csv|parquet|root`,
      { argument: "format", value: extname(path), allowed: INPUT_FORMATS.join(" | ") },
    );
  }
  const r =
    format === "csv"
      ? readCsv(path, bytes.toString("utf8"), options.column, options.maxMass)
      : format === "parquet"
        ? await readParquet(path, options.column, options.maxMass)
        : await readRoot(path, options.column, options.tree, options.maxMass);
  return {
    masses: r.masses,
    rows: r.rows,
    invalid: r.invalid,
    source: { path, format, column: r.column, sha256: sha256(bytes) },
  };
}
