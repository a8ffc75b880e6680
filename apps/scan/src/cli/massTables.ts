/**
 * Mass-dependent inputs of a scan, read from small CSV tables (masses in GeV, increasing; linear
 * interpolation in between, flat beyond the ends: {@link interpolateInMass}):
 * - `--systematics FILE`: `mass_GeV,relative`, the total relative systematic uncertainty on the
 *   signal yield;
 * - `--efficiency FILE`: `mass_GeV,efficiency` (both models) or `mass_GeV,zprime,scalar`, the
 *   selection efficiency that converts a yield into σ × B, replacing the calibration's.
 *
 * @packageDocumentation
 */
import { readFileSync } from "node:fs";
import { PhysError } from "@muonphilic/units";
import type { EfficiencyTable, SystematicsTable } from "../run/point.js";

/** A parsed table: the mass column and the named value columns. */
interface MassTable {
  readonly massGeV: number[];
  readonly columns: Readonly<Record<string, number[]>>;
}

/**
 * Reads a CSV table `mass_GeV,<columns...>` for the option `argument`.
 * @param path - the file
 * @param argument - the command-line option, for messages ("--systematics")
 * @param layouts - the accepted headers after `mass_GeV` (the first that matches is used)
 * @param range - allowed values: [low, high], `lowExclusive` for a low end that is not allowed
 * @throws {@link PhysError} `IO_ERROR` for an unreadable file, `SCHEMA_VIOLATION` for a malformed one
 */
function readMassTable(
  path: string,
  argument: string,
  layouts: readonly (readonly string[])[],
  range: { readonly low: number; readonly high: number; readonly lowExclusive: boolean },
): MassTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new PhysError("IO_ERROR", `cannot read ${argument} ${path}: ${(e as Error).message}`, {
      argument,
      value: path,
    });
  }
  const rows = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  const header =
    rows
      .shift()
      ?.split(",")
      .map((s) => s.trim()) ?? [];
  const layout = layouts.find(
    (l) => header[0] === "mass_GeV" && header.length === l.length + 1 && l.every((c, k) => header[k + 1] === c),
  );
  if (layout === undefined) {
    const allowed = layouts.map((l) => JSON.stringify(["mass_GeV", ...l].join(","))).join(" or ");
    throw new PhysError(
      "SCHEMA_VIOLATION",
      `${argument} ${path}: the header must be ${allowed}, got ${JSON.stringify(header.join(","))}`,
      { argument, value: header.join(","), allowed },
    );
  }
  const massGeV: number[] = [];
  const columns: Record<string, number[]> = Object.fromEntries(layout.map((c) => [c, []]));
  const inRange = (v: number): boolean => (range.lowExclusive ? v > range.low : v >= range.low) && v <= range.high;
  const allowedValues = `${range.lowExclusive ? "(" : "["}${range.low}, ${range.high}]`;
  rows.forEach((line, i) => {
    const cells = line.split(",").map((c) => Number(c.trim()));
    const m = cells[0]!;
    const values = cells.slice(1);
    if (
      cells.length !== layout.length + 1 ||
      !Number.isFinite(m) ||
      !values.every((v) => Number.isFinite(v) && inRange(v)) ||
      (massGeV.length > 0 && !(m > massGeV[massGeV.length - 1]!))
    ) {
      throw new PhysError(
        "SCHEMA_VIOLATION",
        `${argument} ${path}: row ${i + 2} ${JSON.stringify(line)} must hold an increasing mass and ${layout.length} value(s) in ${allowedValues}`,
        { argument, value: line, allowed: `increasing masses, values in ${allowedValues}` },
      );
    }
    massGeV.push(m);
    layout.forEach((c, k) => {
      columns[c]!.push(values[k]!);
    });
  });
  if (massGeV.length === 0) throw new PhysError("SCHEMA_VIOLATION", `${argument} ${path}: no rows`, { argument });
  return { massGeV, columns };
}

/**
 * Reads a systematics table (`--systematics`): `mass_GeV,relative`, relative uncertainties in [0, 1].
 * @throws {@link PhysError} `IO_ERROR` for an unreadable file, `SCHEMA_VIOLATION` for a malformed one
 */
export function readSystematicsFile(path: string): SystematicsTable {
  const t = readMassTable(path, "--systematics", [["relative"]], { low: 0, high: 1, lowExclusive: false });
  return { massGeV: t.massGeV, relative: t.columns.relative! };
}

/**
 * Reads an efficiency table (`--efficiency`): `mass_GeV,efficiency` for both models or
 * `mass_GeV,zprime,scalar`, efficiencies in (0, 1].
 * @throws {@link PhysError} `IO_ERROR` for an unreadable file, `SCHEMA_VIOLATION` for a malformed one
 */
export function readEfficiencyFile(path: string): EfficiencyTable {
  const t = readMassTable(path, "--efficiency", [["efficiency"], ["zprime", "scalar"]], {
    low: 0,
    high: 1,
    lowExclusive: true,
  });
  const both = t.columns.efficiency;
  return { massGeV: t.massGeV, zprime: both ?? t.columns.zprime!, scalar: both ?? t.columns.scalar! };
}
