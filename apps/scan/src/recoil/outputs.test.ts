import { expectPhysError } from "@muonphilic/vitest-config/assertions";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { renderPng } from "../output/png.js";
import { recoilFigures, recoilHepData, recoilPointsCsv } from "./outputs.js";
import { DEFAULT_RECOIL_CUTS } from "./selection.js";
import type { RecoilPointOutput, RecoilResultsDocument, RecoilSpectrum } from "./types.js";

const nan = Number.NaN;
const NAN5 = [nan, nan, nan, nan, nan];

/** Point i of a scan in steps of one resolution (0.5 GeV²) from M² = 1 GeV²; `ok: false` is a failed fit with NaN limits. */
function point(i: number, ok = true): RecoilPointOutput {
  const m2 = 1 + 0.5 * i;
  const s = 1 + 0.1 * i;
  return {
    index: i,
    mass: Math.sqrt(m2),
    massSquared: m2,
    resolutionM2: 0.5,
    windowLow: m2 - 5,
    windowHigh: m2 + 5,
    massBins: 20,
    cosBins: 3,
    signalModel: "narrow",
    widthGeV: 0,
    status: ok ? "ok" : "fit-failed",
    ...(ok ? {} : { message: 'minimiser "migrad" failed, edm too large' }),
    nEvents: 40 + i,
    expectedBackground: 39.5 + i,
    efficiency: 0.05,
    signalPerFb: 3.985,
    sigmaHatFb: ok ? 0.2 * (i - 1) : nan,
    backgroundNorm: 1,
    q0: ok ? 0.25 : nan,
    localSignificance: ok ? 0.5 : nan,
    signedSignificance: ok ? (i === 0 ? -0.5 : 0.5 * i) : nan,
    upperLimitSigmaFb: ok ? 1.2 * s : nan,
    expectedUpperLimitSigmaFb: ok ? [0.5, 0.7, 1, 1.4, 1.9].map((f) => f * s) : NAN5,
    limitMethod: "asymptotic",
    expectedUpperLimitSigmaFb1d: ok ? 2 * s : nan,
    fit: { valid: ok, nll: ok ? 12.5 : nan, parameters: 61 },
    upperLimitGPrimeVanilla: ok ? 2e-3 * s : nan,
    expectedUpperLimitGPrimeVanilla: ok ? [1e-3, 1.3e-3, 1.7e-3, 2.2e-3, 2.8e-3].map((f) => f * s) : NAN5,
    upperLimitGPrimeFullyInvisible: ok ? 1.5e-3 * s : nan,
    expectedUpperLimitGPrimeFullyInvisible: ok ? [0.8e-3, 1e-3, 1.3e-3, 1.7e-3, 2.2e-3].map((f) => f * s) : NAN5,
    gm2BandGPrime: [4e-4 * s, 9e-4 * s],
  };
}

const points = [point(0), point(1), point(2, false), point(3), point(4)];

const doc = {
  schema: "muonphilic/recoil-scan-results",
  schemaVersion: 1,
  complete: true,
  createdAt: "2024-01-01T00:00:00Z",
  tool: { name: "muonphilic", version: "0.0.0", node: "v20" },
  runId: "run-7",
  scanId: "scan-7",
  shard: null,
  input: {
    description: "Belle II 79.7 fb⁻¹ (toy)",
    path: "toy.parquet",
    format: "parquet",
    sha256: "0",
    rows: 1000,
    selectedEvents: 321,
    cutFlow: [],
    invalid: { count: 0, examples: [] },
    injected: [],
  },
  settings: {
    minMassGeV: 1,
    maxMassGeV: 1.8,
    windowBins: 20,
    cl: 0.9,
    cls: "asymptotic",
    toys: 0,
    seed: 1,
    luminosityInvFb: 79.7,
    cosBinsByM2: [[100, 3]],
    signalShapeUncertainty: 0.05,
    backgroundShapeUncertainty: [[100, 0.1]],
    efficiencyUncertainty: 0.05,
    signalModel: "narrow",
    darkCoupling: 1,
    darkMassGeV: 0.001,
    sqrtSGeV: 10.58,
    gm2Input: "WP2025",
    gm2Sigmas: 2,
    referenceLevel: 0.5,
    compare1d: true,
    inject: [],
    injectSeed: 0,
    cuts: DEFAULT_RECOIL_CUTS,
    simulation: { signalEvents: 1000, backgroundEvents: 1000, mcSeed: 1 },
  },
  calibration: { source: "test", sha256: "0", provenance: null },
  summary: {
    gridPoints: 5,
    points: 5,
    byStatus: { ok: 4, "fit-failed": 1 },
    problems: [{ index: 2, mass: points[2]!.mass, status: "fit-failed", message: "failed" }],
    bandCoverage: null,
    twoDimensionalGain: null,
    wallSeconds: 1,
    workers: 1,
    resumedPoints: 0,
  },
  largestExcess: {
    index: 4,
    mass: points[4]!.mass,
    localSignificance: 2,
    localPValue: 0.0228,
    globalPValue: 0.3,
    globalSignificance: 0.52,
    upcrossings: 3,
    referenceLevel: 0.5,
    sigmaHatFb: 0.6,
  },
  gm2: { input: "WP2025", nSigma: 2, excludedRanges: null },
  points,
} satisfies RecoilResultsDocument;

/** 20 bins over [0, 10] GeV²: data, and two backgrounds (the second vanishes above 5 GeV²). */
const edges = Array.from({ length: 21 }, (_, i) => 0.5 * i);
const spectrum: RecoilSpectrum = {
  edges,
  data: edges.slice(1).map((_, i) => (i === 7 ? 0 : 30 - i)),
  backgrounds: [
    { name: "mumu", label: "μ⁺μ⁻(γ)", counts: edges.slice(1).map((_, i) => 20 - 0.5 * i) },
    { name: "tautau", label: "τ⁺τ⁻(γ)", counts: edges.slice(1).map((_, i) => (i < 10 ? 8 : 0)) },
  ],
};

/** Balanced, properly nested tags and quoted attributes (the figures use no comments, CDATA or entities but the five XML ones). */
function expectWellFormed(svg: string): void {
  expect(svg.startsWith("<svg ")).toBe(true);
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(svg); m !== null; m = tag.exec(svg)) {
    // text between tags holds no stray markup
    expect(svg.slice(last, m.index)).not.toMatch(/[<>]|&(?!(amp|lt|gt|quot|apos);)/);
    last = tag.lastIndex;
    const [, close, name, , selfClose] = m;
    if (close) expect(stack.pop()).toBe(name);
    else if (!selfClose) stack.push(name!);
  }
  expect(svg.slice(last).trim()).toBe("");
  expect(stack).toEqual([]);
}

/** The fields of a CSV line (quoted fields kept with their quotes). */
function splitCsv(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    const m = /^("(?:[^"]|"")*"|[^,"]*)/.exec(line.slice(i))!;
    fields.push(m[1]!);
    i += m[0].length;
    if (i >= line.length) return fields;
    i++;
  }
}

describe("recoil points.csv", () => {
  const lines = recoilPointsCsv(doc).trimEnd().split("\n");
  const header = lines[0]!.split(",");
  const row = (i: number): string[] => splitCsv(lines[i + 1]!);
  it("has the documented columns", () => {
    expect(header).toEqual([
      "index",
      "mass_GeV",
      "mass_squared_GeV2",
      "resolution_GeV2",
      "window_low_GeV2",
      "window_high_GeV2",
      "mass_bins",
      "cos_bins",
      "status",
      "n_events",
      "expected_background",
      "efficiency",
      "signal_per_fb",
      "sigma_hat_fb",
      "local_significance",
      "signed_significance",
      "upper_limit_sigma_fb",
      "expected_upper_limit_sigma_fb_m2",
      "expected_upper_limit_sigma_fb_m1",
      "expected_upper_limit_sigma_fb_median",
      "expected_upper_limit_sigma_fb_p1",
      "expected_upper_limit_sigma_fb_p2",
      "expected_upper_limit_sigma_fb_1d",
      "upper_limit_g_prime_vanilla",
      "expected_g_prime_vanilla_median",
      "upper_limit_g_prime_fully_invisible",
      "expected_g_prime_fully_invisible_median",
      "gm2_band_g_prime_low",
      "gm2_band_g_prime_high",
      "message",
    ]);
  });
  it("has one row per point, the failed one included, with its values", () => {
    expect(lines).toHaveLength(6);
    for (let i = 0; i < 5; i++) expect(row(i)).toHaveLength(header.length);
    const col = (i: number, name: string): string => row(i)[header.indexOf(name)]!;
    expect(col(3, "mass_squared_GeV2")).toBe("2.5");
    expect(col(3, "window_high_GeV2")).toBe("7.5");
    expect(col(0, "expected_upper_limit_sigma_fb_median")).toBe("1");
    expect(col(0, "expected_upper_limit_sigma_fb_p2")).toBe("1.9");
    expect(col(0, "gm2_band_g_prime_high")).toBe("0.0009");
    expect(col(0, "message")).toBe("");
  });
  it("writes NaN as an empty field and quotes the message", () => {
    const col = (name: string): string => row(2)[header.indexOf(name)]!;
    expect(col("status")).toBe("fit-failed");
    for (const name of [
      "sigma_hat_fb",
      "upper_limit_sigma_fb",
      "expected_upper_limit_sigma_fb_m2",
      "upper_limit_g_prime_vanilla",
    ]) {
      expect(col(name)).toBe("");
    }
    expect(col("n_events")).toBe("42");
    expect(col("message")).toBe('"minimiser ""migrad"" failed, edm too large"');
  });
});

describe("recoil HEPData", () => {
  const { tables, submission } = recoilHepData(doc);
  it("has the σ table and the two coupling tables, listed by the submission", () => {
    expect(tables.map((t) => t.file)).toEqual(["sigma.yaml", "coupling_vanilla.yaml", "coupling_fully_invisible.yaml"]);
    const docs = parseAllDocuments(submission).map((d) => d.toJS());
    expect(docs[0].comment).toContain("PRL 130, 231801");
    expect(docs.slice(1).map((d) => d.data_file)).toEqual(tables.map((t) => t.file));
    expect(docs[1].keywords).toEqual([{ name: "cmenergies", values: [10.58] }]);
  });
  it("σ table: masses, observed limits ('-' for the failed point), the median with the bands as asymmetric errors", () => {
    const t = parse(tables[0]!.yaml);
    expect(t.independent_variables[0].header).toEqual({ name: "M(Z')", units: "GEV" });
    expect(t.independent_variables[0].values.map((v: { value: number }) => v.value)).toEqual(points.map((p) => p.mass));
    const [obs, exp] = t.dependent_variables;
    expect(obs.header).toEqual({ name: "Observed upper limit on sigma", units: "FB" });
    expect(obs.values[2].value).toBe("-");
    expect(obs.values[0].value).toBe(1.2);
    expect(obs.qualifiers).toContainEqual({ name: "CL", value: "90%" });
    expect(exp.values[2]).toEqual({ value: "-" });
    // point 0: expected [0.5, 0.7, 1, 1.4, 1.9] fb, errors are band value − median (to rounding)
    expect(exp.values[0].value).toBe(1);
    const [one, two] = exp.values[0].errors;
    expect(one.label).toBe("expected 1 sigma");
    expect([one.asymerror.minus, one.asymerror.plus]).toBeCloseToRel([-0.3, 0.4], 1e-12);
    expect(two.label).toBe("expected 2 sigma");
    expect([two.asymerror.minus, two.asymerror.plus]).toBeCloseToRel([-0.5, 0.9], 1e-12);
  });
  it("coupling tables: g' without units, the band of each model", () => {
    const van = parse(tables[1]!.yaml);
    const inv = parse(tables[2]!.yaml);
    expect(van.dependent_variables[0].header).toEqual({ name: "Observed upper limit on g'" });
    expect(van.dependent_variables[0].values[1].value).toBeCloseToRel(2.2e-3, 1e-12);
    expect(van.dependent_variables[1].values[1].value).toBeCloseToRel(1.87e-3, 1e-12);
    const two = inv.dependent_variables[1].values[0].errors[1].asymerror;
    expect([two.minus, two.plus]).toBeCloseToRel([-0.5e-3, 0.9e-3], 1e-9);
    expect(tables[2]!.description).toContain("g_chi = 1, m_chi = 0.001 GeV");
  });
});

describe("recoil figures", () => {
  const figures = recoilFigures(doc, spectrum);
  const byName = Object.fromEntries(figures.map((f) => [f.name, f.svg]));
  it("makes the five figures, without the spectrum when there is none", () => {
    expect(figures.map((f) => f.name)).toEqual([
      "spectrum",
      "local-significance",
      "sigma",
      "coupling-vanilla",
      "coupling-fully-invisible",
    ]);
    expect(recoilFigures(doc, null).map((f) => f.name)).toEqual(figures.slice(1).map((f) => f.name));
  });
  it("each is well-formed SVG without NaN or infinite coordinates", () => {
    for (const f of figures) {
      expectWellFormed(f.svg);
      expect(f.svg, f.name).not.toMatch(/NaN|Infinity/);
    }
  });
  it("carries the legends and labels", () => {
    const has = (name: string, ...texts: string[]): void => {
      for (const t of texts) expect(byName[name], `${name}: ${t}`).toContain(`>${t}<`);
    };
    has("spectrum", "μ⁺μ⁻(γ)", "τ⁺τ⁻(γ)", "data", "M²_recoil [GeV²]", "Events / bin", "321 events selected");
    has("local-significance", "sign(σ̂) √q₀", "3σ", "largest: 2.00σ local, 0.52σ global at 1.732 GeV");
    has("sigma", "Expected ± 2σ", "Expected ± 1σ", "Expected", "Observed", "σ(e⁺e⁻ → μ⁺μ⁻Z', Z' → invisible) [fb]");
    expect(byName.sigma).not.toContain("(g−2)_μ");
    for (const name of ["coupling-vanilla", "coupling-fully-invisible"]) {
      has(name, "Expected ± 2σ", "Expected ± 1σ", "Expected", "Observed", "(g−2)_μ ± 2σ (WP2025)", "g'", "M(Z') [GeV]");
    }
  });
  it("stacks the backgrounds in order: one filled area per background, the data points on top", () => {
    const svg = byName.spectrum!;
    const fills = [...svg.matchAll(/<path d="[^"]*Z" fill="([^"]+)" stroke="none"\/>/g)].map((m) => m[1]);
    expect(fills).toEqual(["#8fbbe6", "#f6b26b"]);
    expect(svg.indexOf('fill="#f6b26b"')).toBeLessThan(svg.indexOf('fill="black" stroke="black"'));
  });
  it("breaks the limit lines at the failed point", () => {
    // the expected median and the observed line: two pieces each (points 0-1 and 3-4)
    const lines = /<path d="(M[^"]*)" fill="none" stroke="black" stroke-width="1.2"[^>]*stroke-linejoin="round"\/>/g;
    const paths = [...byName.sigma!.matchAll(lines)].map((m) => m[1]!);
    expect(paths).toHaveLength(2);
    for (const d of paths) expect(d.match(/M/g)).toHaveLength(2);
  });
  it("renders to PNG", () => {
    const { png } = renderPng(byName.sigma!, 1);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
  });
  it("rejects a spectrum whose histograms do not fit its edges", () => {
    expectPhysError(
      () => recoilFigures(doc, { ...spectrum, edges: edges.slice(1) }),
      "INCOMPATIBLE_SHAPES",
      "spectrum.edges",
    );
    const short = { ...spectrum, backgrounds: [{ name: "x", label: "x", counts: [1, 2] }] };
    expectPhysError(() => recoilFigures(doc, short), "INCOMPATIBLE_SHAPES", "spectrum.backgrounds[0].counts");
  });
});
