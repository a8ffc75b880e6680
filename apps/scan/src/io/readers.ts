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

/** Parses one raw cell into a finite number, or the reason it is not one. */
function parseCell(raw: unknown): number | "missing" | "not-a-number" | "non-finite" {
  if (raw === null || raw === undefined || raw === "") return "missing";
  let x: number;
  if (typeof raw === "number") x = raw;
  else if (typeof raw === "bigint") x = Number(raw);
  else if (typeof raw === "string") {
    const t = raw.trim();
    if (/^[+-]?(inf|infinity|nan)$/i.test(t)) x = Number.NaN;
    else if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) x = Number(t);
    else return "not-a-number";
  } else return "not-a-number";
  return Number.isFinite(x) ? x : "non-finite";
}

const rawText = (raw: unknown): string => (typeof raw === "string" ? raw.trim() : String(raw ?? ""));

/** Validates raw values into masses, counting the invalid ones. */
function collect(values: ArrayLike<unknown>, maxMass: number): { masses: Float64Array; invalid: InvalidRows } {
  const threshold = 2 * M_MU;
  const out = new Float64Array(values.length);
  const bad = new InvalidCounter();
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const raw = values[i];
    const x = parseCell(raw);
    if (typeof x === "string") bad.add(i + 1, rawText(raw), x);
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

/** Raw cells of the requested columns (one array per column) and the resolved column names. */
interface RawColumns {
  readonly values: readonly (readonly unknown[])[];
  readonly rows: number;
  readonly columns: readonly string[];
}

/**
 * Resolves requested column names against the available ones: `undefined` (one request) picks the
 * only column of a one-column file.
 */
function resolveColumns(path: string, wanted: readonly (string | undefined)[], available: readonly string[]): string[] {
  return wanted.map((c) => {
    if (c === undefined) {
      if (available.length !== 1) throw missingColumn(path, c, available);
      return available[0]!;
    }
    if (!available.includes(c)) throw missingColumn(path, c, available);
    return c;
  });
}

/**
 * Reads CSV columns. The first non-comment line is the header; lines starting with `#` are
 * comments; the separator (comma, semicolon or tab) is taken from the header line.
 */
function readCsv(path: string, text: string, wanted: readonly (string | undefined)[]): RawColumns {
  const lines = text.split(/\r?\n/);
  let h = 0;
  while (h < lines.length && (lines[h]!.trim() === "" || lines[h]!.trimStart().startsWith("#"))) h++;
  if (h >= lines.length) throw ioError(path, "the file has no header line (empty CSV)");
  const headerLine = lines[h]!;
  const sep = [",", ";", "\t"].find((s) => headerLine.includes(s)) ?? ",";
  const header = splitCsvLine(headerLine, sep).map((s) => s.trim());
  const columns = resolveColumns(path, wanted, header);
  const idx = columns.map((c) => header.indexOf(c));
  const values: (string | undefined)[][] = columns.map(() => []);
  let rows = 0;
  for (let i = h + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const cells = splitCsvLine(line, sep);
    idx.forEach((c, k) => {
      values[k]!.push(cells[c]);
    });
    rows++;
  }
  return { values, rows, columns };
}

async function readParquet(path: string, wanted: readonly (string | undefined)[]): Promise<RawColumns> {
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
  const columns = resolveColumns(path, wanted, names);
  let values: unknown[][] = columns.map(() => []);
  let rows = 0;
  await parquetRead({
    file,
    columns,
    compressors,
    onComplete: (data: unknown[][]) => {
      rows = data.length;
      values = columns.map((_, k) => data.map((r) => r[k]));
    },
  });
  return { values, rows, columns };
}

async function readRoot(
  path: string,
  wanted: readonly (string | undefined)[],
  treeName: string | undefined,
): Promise<RawColumns> {
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
  const columns = resolveColumns(path, wanted, branches);
  const values: unknown[][] = columns.map(() => []);
  const selector = new treeMod.TSelector();
  for (const b of columns) selector.addBranch(b);
  selector.Process = function process(this: TSelector) {
    columns.forEach((b, k) => {
      values[k]!.push(this.tgtobj[b]);
    });
  };
  await treeMod.treeProcess(tree, selector);
  return { values, rows: values[0]?.length ?? 0, columns };
}

/** Reads the file's bytes and raw columns in any supported format. */
async function readRaw(
  path: string,
  wanted: readonly (string | undefined)[],
  options: { readonly format?: InputFormat; readonly tree?: string },
): Promise<{ raw: RawColumns; format: InputFormat; sha256: string }> {
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
  const raw =
    format === "csv"
      ? readCsv(path, bytes.toString("utf8"), wanted)
      : format === "parquet"
        ? await readParquet(path, wanted)
        : await readRoot(path, wanted, options.tree);
  return { raw, format, sha256: sha256(bytes) };
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
  const { raw, format, sha256: hash } = await readRaw(path, [options.column], options);
  const r = collect(raw.values[0]!, options.maxMass);
  return {
    masses: r.masses,
    rows: raw.rows,
    invalid: r.invalid,
    source: { path, format, column: raw.columns[0]!, sha256: hash },
  };
}

/** Several numeric columns read from a file, row-aligned: a row is kept only when every column is a finite number. */
export interface NumericColumns {
  /** The valid rows' values, one array per requested column, in the requested order. */
  readonly columns: readonly Float64Array[];
  /** Rows read (excluding header and comment lines). */
  readonly rows: number;
  /** Rows not used: the reason of the first bad cell of the row. */
  readonly invalid: InvalidRows;
  readonly source: {
    readonly path: string;
    readonly format: InputFormat;
    readonly columns: readonly string[];
    readonly sha256: string;
  };
}

/**
 * Reads several numeric columns (for example the muon momenta of the recoil scan), keeping the
 * rows in which every requested column holds a finite number; every other row is counted by the
 * reason of its first bad cell, with examples.
 * @param path - the file (CSV, Parquet or ROOT TTree)
 * @param columns - the column (branch) names
 * @param options - format and TTree name
 * @throws {@link PhysError} as {@link readMassColumn}
 */
export async function readNumericColumns(
  path: string,
  columns: readonly string[],
  options: { readonly format?: InputFormat; readonly tree?: string } = {},
): Promise<NumericColumns> {
  const { raw, format, sha256: hash } = await readRaw(path, columns, options);
  const out = columns.map(() => new Float64Array(raw.rows));
  const bad = new InvalidCounter();
  let n = 0;
  for (let i = 0; i < raw.rows; i++) {
    let ok = true;
    for (let k = 0; k < columns.length && ok; k++) {
      const cell = raw.values[k]![i];
      const x = parseCell(cell);
      if (typeof x === "string") {
        bad.add(i + 1, `${columns[k]}=${rawText(cell)}`, x);
        ok = false;
      } else out[k]![n] = x;
    }
    if (ok) n++;
  }
  return {
    columns: out.map((c) => c.slice(0, n)),
    rows: raw.rows,
    invalid: bad.result(),
    source: { path, format, columns: raw.columns, sha256: hash },
  };
}
