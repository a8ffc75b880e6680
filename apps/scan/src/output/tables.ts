/**
 * Tables: CSV files of the scan points and HEPData-style YAML tables (one file per table plus a
 * `submission.yaml`, in the layout of the HEPData submission format: `independent_variables` and
 * `dependent_variables` with headers, units, qualifiers and asymmetric-error bands).
 *
 * @packageDocumentation
 */
import { stringify } from "yaml";
import type { PointOutput, ResultsDocument } from "./results.js";

/** A CSV field: numbers with full precision, empty for NaN; text quoted when it holds `"`, `,` or a newline. */
export function csvField(v: unknown): string {
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  const s = String(v ?? "");
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The suffixes of the five expected-limit columns (−2σ, −1σ, median, +1σ, +2σ). */
export const BAND_SUFFIXES = ["m2", "m1", "median", "p1", "p2"] as const;

/** A CSV column: name and getter. */
export type CsvColumn<P> = readonly [string, (p: P) => unknown];

/** Five band columns `${prefix}_m2` … `${prefix}_p2` for a getter of the five expected values. */
export function bandColumns<P>(prefix: string, get: (p: P) => readonly number[]): CsvColumn<P>[] {
  return BAND_SUFFIXES.map((b, i): CsvColumn<P> => [`${prefix}_${b}`, (p) => get(p)[i]]);
}

/** A CSV document: a header line of the column names, then one line per row, newline-terminated. */
export function toCsv<P>(columns: readonly CsvColumn<P>[], rows: readonly P[]): string {
  const lines = [columns.map(([n]) => n).join(",")];
  for (const p of rows) lines.push(columns.map(([, get]) => csvField(get(p))).join(","));
  return `${lines.join("\n")}\n`;
}

type Column = CsvColumn<PointOutput>;

const COLUMNS: readonly Column[] = [
  ["index", (p) => p.index],
  ["mass_GeV", (p) => p.mass],
  ["reduced_mass_GeV", (p) => p.reducedMass],
  ["resolution_GeV", (p) => p.resolution],
  ["status", (p) => p.status],
  ["n_events", (p) => p.nEvents],
  ["signal_yield", (p) => p.signalYield],
  ["signal_yield_error", (p) => p.signalYieldError],
  ["background_yield", (p) => p.backgroundYield],
  ["local_significance", (p) => p.localSignificance],
  ["signed_significance", (p) => p.signedSignificance],
  ["upper_limit_yield", (p) => p.upperLimitYield],
  ...bandColumns<PointOutput>("expected_upper_limit_yield", (p) => p.expectedUpperLimitYield),
  ["upper_limit_yield_syst", (p) => p.upperLimitYieldSyst],
  ["efficiency_zprime", (p) => p.efficiencyZprime],
  ["efficiency_scalar", (p) => p.efficiencyScalar],
  ["upper_limit_sigma_br_fb_zprime", (p) => p.upperLimitSigmaBrFb],
  ...bandColumns<PointOutput>("expected_sigma_br_fb_zprime", (p) => p.expectedUpperLimitSigmaBrFb),
  ["upper_limit_sigma_br_fb_scalar", (p) => p.upperLimitSigmaBrFbScalar],
  ...bandColumns<PointOutput>("expected_sigma_br_fb_scalar", (p) => p.expectedUpperLimitSigmaBrFbScalar),
  ["upper_limit_g_prime", (p) => p.upperLimitGPrime],
  ["expected_g_prime_median", (p) => p.expectedUpperLimitGPrime[2]],
  ["upper_limit_g_s", (p) => p.upperLimitGS],
  ["expected_g_s_median", (p) => p.expectedUpperLimitGS[2]],
  ["gm2_band_g_prime_low", (p) => p.gm2BandGPrime[0]],
  ["gm2_band_g_prime_high", (p) => p.gm2BandGPrime[1]],
  ["gm2_band_g_s_low", (p) => p.gm2BandGS[0]],
  ["gm2_band_g_s_high", (p) => p.gm2BandGS[1]],
  ["message", (p) => p.message ?? ""],
];

/** points.csv: one row per mass hypothesis. */
export function pointsCsv(doc: ResultsDocument): string {
  return toCsv(COLUMNS, doc.points);
}

/** HEPData value with ±1σ and ±2σ expected bands as asymmetric errors around the median ("-" unless all five are finite). */
export function hepBandValue(e: readonly number[]): Record<string, unknown> {
  const med = e[2]!;
  if (!e.every(Number.isFinite)) return { value: "-" };
  return {
    value: med,
    errors: [
      { asymerror: { minus: e[1]! - med, plus: e[3]! - med }, label: "expected 1 sigma" },
      { asymerror: { minus: e[0]! - med, plus: e[4]! - med }, label: "expected 2 sigma" },
    ],
  };
}

/** A HEPData value, "-" when not finite. */
export function hepValue(v: number): Record<string, unknown> {
  return { value: Number.isFinite(v) ? v : "-" };
}

/** One HEPData table: file name, description and YAML. */
export interface HepDataTable {
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly yaml: string;
}

/** A HEPData variable: header name, units (omitted when absent) and values. */
export interface HepDataVariable {
  readonly name: string;
  readonly units?: string;
  readonly values: readonly Record<string, unknown>[];
}

/** The parts of a HEPData table: file, name, description, one independent variable, dependents sharing the qualifiers. */
export interface HepDataTableSpec {
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly independent: HepDataVariable;
  readonly qualifiers: readonly Record<string, unknown>[];
  readonly dependent: readonly HepDataVariable[];
}

const header = (v: HepDataVariable): Record<string, unknown> => ({
  name: v.name,
  ...(v.units ? { units: v.units } : {}),
});

/** One HEPData table file (`independent_variables`, `dependent_variables` with the qualifiers). */
export function hepDataTable(spec: HepDataTableSpec): HepDataTable {
  return {
    file: spec.file,
    name: spec.name,
    description: spec.description,
    yaml: stringify({
      independent_variables: [{ header: header(spec.independent), values: spec.independent.values }],
      dependent_variables: spec.dependent.map((d) => ({
        header: header(d),
        qualifiers: spec.qualifiers,
        values: d.values,
      })),
    }),
  };
}

/** The qualifiers of a scan's tables: √s (GeV), luminosity (fb⁻¹) and the confidence level. */
export function hepQualifiers(settings: {
  readonly sqrtSGeV: number;
  readonly luminosityInvFb: number;
  readonly cl: number;
}): Record<string, unknown>[] {
  return [
    { name: "SQRT(S)", units: "GEV", value: settings.sqrtSGeV },
    { name: "LUMINOSITY", units: "FB$^{-1}$", value: settings.luminosityInvFb },
    { name: "CL", value: `${(settings.cl * 100).toFixed(0)}%` },
  ];
}

/**
 * submission.yaml: a comment document, then one document per table (name, description, the
 * `cmenergies` keyword, data file), separated by `---`.
 * @param sqrtSGeV - centre-of-mass energy, GeV
 */
export function hepDataSubmission(comment: string, sqrtSGeV: number, tables: readonly HepDataTable[]): string {
  const docs: string[] = [
    stringify({ comment }),
    ...tables.map((t) =>
      stringify({
        name: t.name,
        description: t.description,
        keywords: [{ name: "cmenergies", values: [sqrtSGeV] }],
        data_file: t.file,
      }),
    ),
  ];
  return docs.join("---\n");
}

/** The HEPData tables of a scan and the submission.yaml that lists them. */
export function hepDataTables(doc: ResultsDocument): { tables: HepDataTable[]; submission: string } {
  const pts = doc.points;
  const cl = `${(doc.settings.cl * 100).toFixed(0)}%`;
  const qualifiers = hepQualifiers(doc.settings);
  const table = (
    file: string,
    name: string,
    description: string,
    massLabel: string,
    dependent: HepDataVariable[],
  ): HepDataTable =>
    hepDataTable({
      file,
      name,
      description,
      independent: { name: massLabel, units: "GEV", values: pts.map((p) => hepValue(p.mass)) },
      qualifiers,
      dependent,
    });
  const tables = [
    table(
      "sigma_br_zprime.yaml",
      "Cross-section limits, Z'",
      `Observed and expected ${cl} CL upper limits on sigma(e+e- -> mu+mu- Z') x B(Z' -> mu+mu-).`,
      "M(Z')",
      [
        {
          name: "Observed upper limit on sigma x B",
          units: "FB",
          values: pts.map((p) => hepValue(p.upperLimitSigmaBrFb)),
        },
        {
          name: "Expected upper limit on sigma x B",
          units: "FB",
          values: pts.map((p) => hepBandValue(p.expectedUpperLimitSigmaBrFb)),
        },
      ],
    ),
    table(
      "sigma_br_scalar.yaml",
      "Cross-section limits, S",
      `Observed and expected ${cl} CL upper limits on sigma(e+e- -> mu+mu- S) x B(S -> mu+mu-).`,
      "M(S)",
      [
        {
          name: "Observed upper limit on sigma x B",
          units: "FB",
          values: pts.map((p) => hepValue(p.upperLimitSigmaBrFbScalar)),
        },
        {
          name: "Expected upper limit on sigma x B",
          units: "FB",
          values: pts.map((p) => hepBandValue(p.expectedUpperLimitSigmaBrFbScalar)),
        },
      ],
    ),
    table(
      "coupling_zprime.yaml",
      "Coupling limits, Z'",
      `Observed and expected ${cl} CL upper limits on the L_mu - L_tau coupling g'.`,
      "M(Z')",
      [
        { name: "Observed upper limit on g'", values: pts.map((p) => hepValue(p.upperLimitGPrime)) },
        { name: "Expected upper limit on g'", values: pts.map((p) => hepBandValue(p.expectedUpperLimitGPrime)) },
      ],
    ),
    table(
      "coupling_scalar.yaml",
      "Coupling limits, S",
      `Observed and expected ${cl} CL upper limits on the muonphilic scalar coupling g_S.`,
      "M(S)",
      [
        { name: "Observed upper limit on g_S", values: pts.map((p) => hepValue(p.upperLimitGS)) },
        { name: "Expected upper limit on g_S", values: pts.map((p) => hepBandValue(p.expectedUpperLimitGS)) },
      ],
    ),
    table(
      "local_significance.yaml",
      "Local significance",
      "Local significance sqrt(2 ln(L/L0)) of the signal fit at each mass hypothesis (one-sided).",
      "M(mu+mu-)",
      [
        { name: "Local significance", values: pts.map((p) => hepValue(p.localSignificance)) },
        {
          name: "Signal yield",
          values: pts.map((p) => ({
            ...hepValue(p.signalYield),
            ...(Number.isFinite(p.signalYieldError) ? { errors: [{ symerror: p.signalYieldError }] } : {}),
          })),
        },
      ],
    ),
  ];
  const comment = `muonphilic resonance scan (${doc.input.description}); run ${doc.runId}. Method of Belle II, PRD 109, 112015 (2024).`;
  return { tables, submission: hepDataSubmission(comment, doc.settings.sqrtSGeV, tables) };
}
