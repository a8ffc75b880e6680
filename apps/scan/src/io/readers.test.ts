import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isPhysError } from "@muonphilic/units";
import { parquetWriteBuffer } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { readMassColumn, readNumericColumns } from "./readers.js";

const dir = mkdtempSync(join(tmpdir(), "muonphilic-readers-"));
const file = (name: string, content: string | ArrayBuffer): string => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === "string" ? content : Buffer.from(content));
  return p;
};
const opts = { maxMass: 11 };

async function rejects(promise: Promise<unknown>, code: string, argument: string, text: RegExp): Promise<void> {
  const e = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(isPhysError(e)).toBe(true);
  if (!isPhysError(e)) return;
  expect(e.code).toBe(code);
  expect(e.argument).toBe(argument);
  expect(e.message).toMatch(text);
}

describe("CSV", () => {
  it("reads the named column, skipping comment lines, with quotes and any separator", async () => {
    const p = file("a.csv", '# comment\nrun,"mass"\n1,0.5\n2,"3.25"\n# another\n3,9\n');
    const c = await readMassColumn(p, { ...opts, column: "mass" });
    expect(Array.from(c.masses)).toEqual([0.5, 3.25, 9]);
    expect(c.rows).toBe(3);
    expect(c.invalid.count).toBe(0);
    expect(c.source.format).toBe("csv");
    const semi = await readMassColumn(file("b.csv", "m;x\n1.5;2\n"), { ...opts, column: "m" });
    expect(Array.from(semi.masses)).toEqual([1.5]);
  });
  it("counts every invalid row by reason with examples (never drops them silently)", async () => {
    const p = file("bad.csv", "mass\n1.0\nabc\n\nNaN\ninf\n0.1\n12\n-3\n2.5\n");
    const c = await readMassColumn(p, { ...opts, column: "mass" });
    expect(Array.from(c.masses)).toEqual([1.0, 2.5]);
    // the empty line is not a row; the rest: 1 not-a-number, 2 non-finite, 2 below threshold (0.1, −3), 1 above
    expect(c.rows).toBe(8);
    expect(c.invalid.count).toBe(6);
    expect(c.invalid.byReason).toEqual({
      missing: 0,
      "not-a-number": 1,
      "non-finite": 2,
      "below-threshold": 2,
      "above-maximum": 1,
    });
    expect(c.invalid.examples[0]).toEqual({ row: 2, value: "abc", reason: "not-a-number" });
  });
  it("uses the only column when --column is omitted, and asks for one otherwise", async () => {
    const one = await readMassColumn(file("one.csv", "m\n1\n2\n"), opts);
    expect(one.masses.length).toBe(2);
    await rejects(
      readMassColumn(file("two.csv", "a,b\n1,2\n"), opts),
      "UNKNOWN_NAME",
      "column",
      /choose one with --column/,
    );
  });
  it("names the missing column and the available ones", async () => {
    await rejects(
      readMassColumn(file("c.csv", "a,b\n1,2\n"), { ...opts, column: "mass" }),
      "UNKNOWN_NAME",
      "column",
      /no column "mass"; available: "a", "b"/,
    );
  });
  it("reports a missing file and an unknown extension", async () => {
    await rejects(readMassColumn(join(dir, "nope.csv"), opts), "IO_ERROR", "data", /cannot read .*nope\.csv/);
    await rejects(
      readMassColumn(file("x.dat", "m\n1\n"), opts),
      "INVALID_ARGUMENT",
      "format",
      /--format csv\|parquet\|root/,
    );
  });
});

describe("Parquet", () => {
  it("reads a double column and counts nulls as missing", async () => {
    const buf = parquetWriteBuffer({
      columnData: [
        { name: "run", data: [1, 2, 3, 4], type: "INT32" },
        { name: "mass", data: [0.5, null, 4.25, 20], type: "DOUBLE" },
      ],
    });
    const c = await readMassColumn(file("a.parquet", buf), { ...opts, column: "mass" });
    expect(Array.from(c.masses)).toEqual([0.5, 4.25]);
    expect(c.invalid.byReason.missing).toBe(1);
    expect(c.invalid.byReason["above-maximum"]).toBe(1);
    await rejects(
      readMassColumn(file("b.parquet", buf), { ...opts, column: "m" }),
      "UNKNOWN_NAME",
      "column",
      /"run", "mass"/,
    );
  });
  it("reads several columns row-aligned (the recoil scan's muon momenta): a row with a null or NaN in any column is invalid", async () => {
    const buf = parquetWriteBuffer({
      columnData: [
        { name: "mu1_px", data: [0.1, 0.2, null, 0.4], type: "DOUBLE" },
        { name: "mu1_py", data: [1.1, Number.NaN, 1.3, 1.4], type: "DOUBLE" },
        { name: "other", data: [7, 8, 9, 10], type: "INT32" },
        { name: "mu2_pz", data: [-2.1, -2.2, -2.3, -2.4], type: "DOUBLE" },
      ],
    });
    const c = await readNumericColumns(file("mu.parquet", buf), ["mu2_pz", "mu1_px", "mu1_py"]);
    expect(c.rows).toBe(4);
    expect(c.source.format).toBe("parquet");
    // rows 0 and 3 are complete; the columns come back in the requested order
    expect(c.columns.map((x) => Array.from(x))).toEqual([
      [-2.1, -2.4],
      [0.1, 0.4],
      [1.1, 1.4],
    ]);
    expect(c.invalid.count).toBe(2);
    await rejects(
      readNumericColumns(file("mu2.parquet", buf), ["mu1_px", "mu2_px"]),
      "UNKNOWN_NAME",
      "column",
      /mu2_px/,
    );
  });

  it("reports a corrupt file as unreadable", async () => {
    await rejects(
      readMassColumn(file("bad.parquet", "not parquet at all"), opts),
      "IO_ERROR",
      "data",
      /not a readable Parquet file/,
    );
  });
});

describe("ROOT TTree", () => {
  // test/fixtures/masses.root: written by test/fixtures/make-root-fixture.mjs (TTree "events",
  // Double_t branches "run" and "mass"; mass = 0.25, 1, 3.0969, 5.5, 9.25, 0.1, NaN)
  const root = new URL("../../test/fixtures/masses.root", import.meta.url).pathname;
  it("reads a branch through jsroot and counts the invalid entries", async () => {
    const c = await readMassColumn(root, { ...opts, column: "mass" });
    expect(Array.from(c.masses)).toEqual([0.25, 1, 3.0969, 5.5, 9.25]);
    expect(c.rows).toBe(7);
    expect(c.invalid.byReason["below-threshold"]).toBe(1);
    expect(c.invalid.byReason["non-finite"]).toBe(1);
    expect(c.source).toMatchObject({ format: "root", column: "mass" });
    const named = await readMassColumn(root, { ...opts, column: "mass", tree: "events" });
    expect(named.masses.length).toBe(5);
  });
  it("names a missing branch or tree, and rejects a file that is not ROOT", async () => {
    await rejects(
      readMassColumn(root, { ...opts, column: "m" }),
      "UNKNOWN_NAME",
      "column",
      /no column "m"; available: "run", "mass"/,
    );
    await rejects(readMassColumn(root, opts), "UNKNOWN_NAME", "column", /2 columns .*choose one with --column/);
    await rejects(
      readMassColumn(root, { ...opts, column: "mass", tree: "t" }),
      "UNKNOWN_NAME",
      "tree",
      /no TTree "t"; trees: "events"/,
    );
    await rejects(
      readMassColumn(file("x.root", "not root"), { ...opts, column: "mass" }),
      "IO_ERROR",
      "data",
      /not a readable ROOT file/,
    );
  });
});
