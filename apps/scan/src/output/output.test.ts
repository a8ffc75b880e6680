import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { formatDuration, ProgressBar } from "../run/progress.js";
import { limitSeries, logAxis, withGaps } from "./figures.js";
import { bundledFont, renderPng } from "./png.js";
import type { PointOutput, ResultsDocument } from "./results.js";
import { escapeXml, formatTick, linearTicks, Plot } from "./svg.js";
import { bandColumns, csvField, hepDataSubmission, hepDataTable, hepDataTables, pointsCsv, toCsv } from "./tables.js";

const nan = Number.NaN;
const point = (i: number, ok = true): PointOutput =>
  ({
    index: i,
    mass: 1 + 0.01 * i,
    reducedMass: 0.99 + 0.01 * i,
    resolution: 0.002,
    status: ok ? "ok" : "fit-failed",
    ...(ok ? {} : { message: 'a "quoted", message' }),
    nEvents: 100,
    signalYield: ok ? 1.5 : nan,
    signalYieldError: ok ? 2 : nan,
    backgroundYield: 98,
    localSignificance: ok ? 0.7 : nan,
    signedSignificance: 0.7,
    upperLimitYield: ok ? 6 : nan,
    expectedUpperLimitYield: [3, 4, 5, 7, 9],
    upperLimitYieldSyst: 6.1,
    efficiencyZprime: 0.5,
    efficiencyScalar: 0.45,
    upperLimitSigmaBrFb: ok ? 0.1 : nan,
    expectedUpperLimitSigmaBrFb: [0.05, 0.07, 0.08, 0.11, 0.15],
    upperLimitSigmaBrFbScalar: 0.11,
    expectedUpperLimitSigmaBrFbScalar: [0.06, 0.08, 0.09, 0.12, 0.16],
    upperLimitGPrime: 0.001,
    expectedUpperLimitGPrime: [5e-4, 7e-4, 9e-4, 1.1e-3, 1.3e-3],
    upperLimitGS: 0.002,
    expectedUpperLimitGS: [1e-3, 1.2e-3, 1.5e-3, 1.8e-3, 2.2e-3],
    gm2BandGPrime: [1e-3, 2e-3],
    gm2BandGS: [2e-3, 3e-3],
  }) as unknown as PointOutput;
const doc = {
  runId: "r",
  input: { description: "test" },
  settings: { cl: 0.9, sqrtSGeV: 10.58, luminosityInvFb: 178 },
  points: [point(0), point(1, false), point(2)],
} as unknown as ResultsDocument;

describe("tables", () => {
  it("points.csv: one row per point, NaN as an empty field, quoted messages", () => {
    const lines = pointsCsv(doc).trim().split("\n");
    expect(lines.length).toBe(4);
    const header = lines[0]!.split(",");
    expect(header.slice(0, 3)).toEqual(["index", "mass_GeV", "reduced_mass_GeV"]);
    const failed = lines[2]!;
    expect(failed).toContain(",fit-failed,");
    expect(failed.endsWith('"a ""quoted"", message"')).toBe(true);
    expect(failed.split(",")[header.indexOf("signal_yield")]).toBe("");
  });
  it("HEPData tables: a variable per mass, values and asymmetric band errors, a submission listing them", () => {
    const { tables, submission } = hepDataTables(doc);
    expect(tables.map((t) => t.file)).toEqual([
      "sigma_br_zprime.yaml",
      "sigma_br_scalar.yaml",
      "coupling_zprime.yaml",
      "coupling_scalar.yaml",
      "local_significance.yaml",
    ]);
    const t = parse(tables[0]!.yaml);
    expect(t.independent_variables[0].header).toEqual({ name: "M(Z')", units: "GEV" });
    expect(t.independent_variables[0].values).toHaveLength(3);
    const [obs, exp] = t.dependent_variables;
    expect(obs.values.map((v: { value: unknown }) => v.value)).toEqual([0.1, "-", 0.1]);
    expect(exp.values[0].value).toBe(0.08);
    const two = exp.values[0].errors[1];
    expect(two.label).toBe("expected 2 sigma");
    // −2σ and +2σ band values minus the median, to rounding
    expect([two.asymerror.minus, two.asymerror.plus]).toBeCloseToRel([-0.03, 0.07], 1e-12);
    expect(obs.qualifiers).toContainEqual({ name: "CL", value: "90%" });
    const docs = parseAllDocuments(submission).map((d) => d.toJS());
    expect(docs.slice(1).map((d) => d.data_file)).toEqual(tables.map((x) => x.file));
  });
});

describe("shared table builders", () => {
  it("CSV: columns with band columns, NaN empty, quoting", () => {
    type Row = { a: number; e: number[]; t: string };
    const rows: Row[] = [
      { a: 1, e: [1, 2, 3, 4, 5], t: "x,y" },
      { a: nan, e: [nan, 2, 3, 4, 5], t: "" },
    ];
    const csv = toCsv<Row>([["a", (r) => r.a], ...bandColumns<Row>("e", (r) => r.e), ["t", (r) => r.t]], rows);
    expect(csv).toBe('a,e_m2,e_m1,e_median,e_p1,e_p2,t\n1,1,2,3,4,5,"x,y"\n,,2,3,4,5,\n');
    expect(csvField(undefined)).toBe("");
  });
  it("HEPData: units only where given, one qualifiers block per table, a submission listing the files", () => {
    const t = hepDataTable({
      file: "t.yaml",
      name: "T",
      description: "d",
      independent: { name: "M", units: "GEV", values: [{ value: 1 }] },
      qualifiers: [{ name: "CL", value: "90%" }],
      dependent: [{ name: "g", values: [{ value: 2 }] }],
    });
    const y = parse(t.yaml);
    expect(y.independent_variables[0].header).toEqual({ name: "M", units: "GEV" });
    expect(y.dependent_variables[0]).toEqual({
      header: { name: "g" },
      qualifiers: [{ name: "CL", value: "90%" }],
      values: [{ value: 2 }],
    });
    const docs = parseAllDocuments(hepDataSubmission("c", 10.58, [t])).map((d) => d.toJS());
    expect(docs).toEqual([
      { comment: "c" },
      { name: "T", description: "d", keywords: [{ name: "cmenergies", values: [10.58] }], data_file: "t.yaml" },
    ]);
  });
});

describe("shared figure helpers", () => {
  type P = { x: number; s: number };
  const rule = { x: (p: P) => p.x, scan: (p: P) => p.s, step: () => 1 };
  const pts: P[] = [0, 1, 2, 9, 10].map((s) => ({ x: 10 * s, s }));
  it("withGaps breaks where consecutive points are more than five steps apart", () => {
    const { xs, vs } = withGaps(pts, rule, (p) => p.s, -1);
    expect(xs).toEqual([0, 10, 20, nan, 90, 100]);
    expect(vs).toEqual([0, 1, 2, -1, 9, 10]);
  });
  it("limitSeries: five expected rows, the (g−2) band only when asked", () => {
    const pick = (p: P) => ({ observed: p.s, expected: [1, 2, 3, 4, 5].map((k) => k * p.s) });
    const plain = limitSeries(pts, rule, pick);
    expect(plain.gm2).toBeNull();
    expect(plain.expected.map((r) => r[1])).toEqual([1, 2, 3, 4, 5]);
    expect(plain.observed[3]).toBeNaN();
    const band = limitSeries(pts, rule, pick, { band: (p) => [p.s, 2 * p.s], label: "g2" });
    expect(band.gm2?.high).toEqual([0, 2, 4, nan, 18, 20]);
    expect(band.gm2?.label).toBe("g2");
  });
  it("logAxis pads to decades around the positive finite values", () => {
    expect(logAxis([0.03, 5, nan, -1, 0], "y", 1)).toEqual({ min: 0.01, max: 100, log: true, label: "y" });
  });
});

describe("SVG", () => {
  it("chooses 1-2-5 ticks and formats them", () => {
    expect(linearTicks(0, 9)).toEqual([0, 2, 4, 6, 8]);
    expect(linearTicks(-4, 5)).toEqual([-4, -2, 0, 2, 4]);
    expect(formatTick(1e-4, true)).toBe("1e-4");
    expect(formatTick(100, true)).toBe("100");
    expect(escapeXml('<a & "b">')).toBe("&lt;a &amp; &quot;b&quot;&gt;");
  });
  it("draws lines, bands and a legend; breaks lines at NaN", () => {
    const p = new Plot({ x: { min: 0, max: 10, label: "x" }, y: { min: 0.01, max: 10, log: true, label: "y" } });
    p.band([1, 2, 3], [0.1, 0.1, 0.1], [1, 1, 1], "yellow", "band");
    p.line([1, 2, Number.NaN, 4, 5], [1, 2, 3, 4, 5], { color: "black" }, "line <1>");
    const svg = p.toSvg();
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("line &lt;1&gt;");
    // two separate pieces of line: two "M" moves in its path
    const path = /<path d="(M[^"]*)" fill="none" stroke="black"/.exec(svg)![1]!;
    expect(path.match(/M/g)!.length).toBe(2);
  });
  it("stacks step histograms: each layer from the top of the one below, zero and NaN as nothing", () => {
    const p = new Plot({ x: { min: 0, max: 2, label: "x" }, y: { min: 0, max: 10, label: "y" } });
    p.stack(
      [0, 1, 2],
      [
        { counts: [2, nan], fill: "red", label: "a" },
        { counts: [3, 4], fill: "blue", color: "navy", label: "b" },
      ],
    );
    const svg = p.toSvg();
    const areas = [...svg.matchAll(/<path d="(M[^"]*)Z" fill="(\w+)" stroke="none"\/>/g)];
    expect(areas.map((m) => m[2])).toEqual(["red", "blue"]);
    const ys = (d: string): number[] => [...d.matchAll(/,([\d.]+)/g)].map((m) => Number(m[1]));
    // outlines: 4 upper points left to right, 4 lower points right to left
    const [red, blue] = areas.map((m) => ys(m[1]!));
    expect(blue!.slice(4).reverse()).toEqual(red!.slice(0, 4));
    expect(red!.slice(4)).toEqual([p.py(0), p.py(0), p.py(0), p.py(0)].map((v) => Number(v.toFixed(2))));
    expect(blue!.slice(0, 4)).toEqual([p.py(5), p.py(5), p.py(4), p.py(4)].map((v) => Number(v.toFixed(2))));
    expect(svg).toContain('stroke="navy"');
    expect(svg).toContain(">a<");
    expect(svg).not.toContain("NaN");
  });
});

describe("PNG", () => {
  it("renders text with the bundled font", () => {
    expect(bundledFont()).toMatch(/DejaVuSans\.ttf$/);
    const svg = (text: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="30"><rect width="100%" height="100%" fill="white"/><text x="5" y="20" font-size="16" font-family="DejaVu Sans">${text}</text></svg>`;
    const a = renderPng(svg("M(μμ)"), 1);
    const b = renderPng(svg(""), 1);
    expect(a.font).toBe("bundled");
    expect(a.png.subarray(1, 4).toString()).toBe("PNG");
    // the glyphs change the image: a missing font would render the same blank picture
    expect(a.png.equals(b.png)).toBe(false);
  });
});

describe("progress", () => {
  it("formats durations and prints a line per 10% when not on a terminal", () => {
    expect(formatDuration(75)).toBe("1:15");
    expect(formatDuration(3725)).toBe("1:02:05");
    expect(formatDuration(Number.NaN)).toBe("--:--");
    const lines: string[] = [];
    const bar = new ProgressBar(100, 20, { write: (t) => lines.push(t), isTTY: false }, "scan");
    for (let i = 0; i < 80; i++) bar.tick(1);
    // from 20% (resumed) to 100%: 30%, 40%, ..., 100%
    expect(lines.length).toBe(8);
    expect(lines[7]).toMatch(/^scan \[#{30}\] 100\/100 100% .* ETA 0:00\n$/);
  });
});
