/**
 * `--systematics FILE`: a CSV with columns `mass_GeV,relative` giving the total relative
 * systematic uncertainty on the signal yield as a function of dimuon mass (interpolated linearly).
 *
 * @packageDocumentation
 */
import { readFileSync } from "node:fs";
import { PhysError } from "@muonphilic/units";
import type { SystematicsTable } from "../run/point.js";

/**
 * Reads a systematics table.
 * @throws {@link PhysError} `IO_ERROR` for an unreadable file, `SCHEMA_VIOLATION` for a malformed one
 */
export function readSystematicsFile(path: string): SystematicsTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new PhysError("IO_ERROR", `cannot read --systematics ${path}: ${(e as Error).message}`, {
      argument: "--systematics",
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
  if (header[0] !== "mass_GeV" || header[1] !== "relative") {
    throw new PhysError(
      "SCHEMA_VIOLATION",
      `--systematics ${path}: the header must be "mass_GeV,relative", got ${JSON.stringify(header.join(","))}`,
      {
        argument: "--systematics",
      },
    );
  }
  const massGeV: number[] = [];
  const relative: number[] = [];
  rows.forEach((line, i) => {
    const [m, r] = line.split(",").map(Number);
    if (
      !Number.isFinite(m) ||
      !Number.isFinite(r) ||
      !(r! >= 0 && r! <= 1) ||
      (massGeV.length > 0 && !(m! > massGeV[massGeV.length - 1]!))
    ) {
      throw new PhysError(
        "SCHEMA_VIOLATION",
        `--systematics ${path}: row ${i + 2} ${JSON.stringify(line)} must hold increasing masses and a relative uncertainty in [0, 1]`,
        {
          argument: "--systematics",
        },
      );
    }
    massGeV.push(m!);
    relative.push(r!);
  });
  if (massGeV.length === 0)
    throw new PhysError("SCHEMA_VIOLATION", `--systematics ${path}: no rows`, { argument: "--systematics" });
  return { massGeV, relative };
}
