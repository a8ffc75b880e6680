/**
 * Tables: CSV files of the scan points and HEPData-style YAML tables (one file per table plus a
 * `submission.yaml`, in the layout of the HEPData submission format: `independent_variables` and
 * `dependent_variables` with headers, units, qualifiers and asymmetric-error bands).
 *
 * @packageDocumentation
 */
import { stringify } from "yaml";
import type { PointOutput, ResultsDocument } from "./results.js";

/** A CSV field: numbers with full precision, empty for NaN. */
function field(v: unknown): string {
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  const s = String(v ?? "");
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const BANDS = ["m2", "m1", "median", "p1", "p2"] as const;

/** The columns of points.csv: name and getter. */
type Column = readonly [string, (p: PointOutput) => unknown];

/** Five band columns for a getter of the five expected values. */
const bandColumns = (prefix: string, get: (p: PointOutput) => readonly number[]): Column[] =>
  BANDS.map((b, i): Column => [`${prefix}_${b}`, (p) => get(p)[i]]);

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
  ...bandColumns("expected_upper_limit_yield", (p) => p.expectedUpperLimitYield),
  ["upper_limit_yield_syst", (p) => p.upperLimitYieldSyst],
  ["efficiency_zprime", (p) => p.efficiencyZprime],
  ["efficiency_scalar", (p) => p.efficiencyScalar],
  ["upper_limit_sigma_br_fb_zprime", (p) => p.upperLimitSigmaBrFb],
  ...bandColumns("expected_sigma_br_fb_zprime", (p) => p.expectedUpperLimitSigmaBrFb),
  ["upper_limit_sigma_br_fb_scalar", (p) => p.upperLimitSigmaBrFbScalar],
  ...bandColumns("expected_sigma_br_fb_scalar", (p) => p.expectedUpperLimitSigmaBrFbScalar),
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
  const lines = [COLUMNS.map(([n]) => n).join(",")];
  for (const p of doc.points) lines.push(COLUMNS.map(([, get]) => field(get(p))).join(","));
  return `${lines.join("\n")}\n`;
}

/** HEPData value with ±1σ and ±2σ expected bands as asymmetric errors around the median. */
function bandValue(e: readonly number[]): Record<string, unknown> {
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

const num = (v: number): Record<string, unknown> => ({ value: Number.isFinite(v) ? v : "-" });

/** One HEPData table: file name, description and YAML. */
export interface HepDataTable {
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly yaml: string;
}

/** The HEPData tables of a scan and the submission.yaml that lists them. */
export function hepDataTables(doc: ResultsDocument): { tables: HepDataTable[]; submission: string } {
  const pts = doc.points;
  const cl = `${(doc.settings.cl * 100).toFixed(0)}%`;
  const qualifiers = [
    { name: "SQRT(S)", units: "GEV", value: doc.settings.sqrtSGeV },
    { name: "LUMINOSITY", units: "FB$^{-1}$", value: doc.settings.luminosityInvFb },
    { name: "CL", value: cl },
  ];
  const massVar = (label: string) => ({ header: { name: label, units: "GEV" }, values: pts.map((p) => num(p.mass)) });
  const table = (
    file: string,
    name: string,
    description: string,
    massLabel: string,
    deps: { name: string; units?: string; values: Record<string, unknown>[] }[],
  ): HepDataTable => ({
    file,
    name,
    description,
    yaml: stringify({
      independent_variables: [massVar(massLabel)],
      dependent_variables: deps.map((d) => ({
        header: { name: d.name, ...(d.units ? { units: d.units } : {}) },
        qualifiers,
        values: d.values,
      })),
    }),
  });
  const tables = [
    table(
      "sigma_br_zprime.yaml",
      "Cross-section limits, Z'",
      `Observed and expected ${cl} CL upper limits on sigma(e+e- -> mu+mu- Z') x B(Z' -> mu+mu-).`,
      "M(Z')",
      [
        { name: "Observed upper limit on sigma x B", units: "FB", values: pts.map((p) => num(p.upperLimitSigmaBrFb)) },
        {
          name: "Expected upper limit on sigma x B",
          units: "FB",
          values: pts.map((p) => bandValue(p.expectedUpperLimitSigmaBrFb)),
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
          values: pts.map((p) => num(p.upperLimitSigmaBrFbScalar)),
        },
        {
          name: "Expected upper limit on sigma x B",
          units: "FB",
          values: pts.map((p) => bandValue(p.expectedUpperLimitSigmaBrFbScalar)),
        },
      ],
    ),
    table(
      "coupling_zprime.yaml",
      "Coupling limits, Z'",
      `Observed and expected ${cl} CL upper limits on the L_mu - L_tau coupling g'.`,
      "M(Z')",
      [
        { name: "Observed upper limit on g'", values: pts.map((p) => num(p.upperLimitGPrime)) },
        { name: "Expected upper limit on g'", values: pts.map((p) => bandValue(p.expectedUpperLimitGPrime)) },
      ],
    ),
    table(
      "coupling_scalar.yaml",
      "Coupling limits, S",
      `Observed and expected ${cl} CL upper limits on the muonphilic scalar coupling g_S.`,
      "M(S)",
      [
        { name: "Observed upper limit on g_S", values: pts.map((p) => num(p.upperLimitGS)) },
        { name: "Expected upper limit on g_S", values: pts.map((p) => bandValue(p.expectedUpperLimitGS)) },
      ],
    ),
    table(
      "local_significance.yaml",
      "Local significance",
      "Local significance sqrt(2 ln(L/L0)) of the signal fit at each mass hypothesis (one-sided).",
      "M(mu+mu-)",
      [
        { name: "Local significance", values: pts.map((p) => num(p.localSignificance)) },
        {
          name: "Signal yield",
          values: pts.map((p) => ({
            ...num(p.signalYield),
            ...(Number.isFinite(p.signalYieldError) ? { errors: [{ symerror: p.signalYieldError }] } : {}),
          })),
        },
      ],
    ),
  ];
  const docs: string[] = [
    stringify({
      comment: `muonphilic resonance scan (${doc.input.description}); run ${doc.runId}. Method of Belle II, PRD 109, 112015 (2024).`,
    }),
    ...tables.map((t) =>
      stringify({
        name: t.name,
        description: t.description,
        keywords: [{ name: "cmenergies", values: [doc.settings.sqrtSGeV] }],
        data_file: t.file,
      }),
    ),
  ];
  return { tables, submission: docs.join("---\n") };
}
