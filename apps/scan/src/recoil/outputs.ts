/**
 * Figures and tables of the invisible-Z' recoil-mass template scan, modelled on Belle2-inv: the
 * M²_recoil spectrum with stacked backgrounds (Fig. 1), the local significance, the cross-section
 * limits with expected bands (Fig. 2) and the g' limits of the vanilla and fully-invisible models
 * with the (g−2)_μ band (Figs. 3–4); points.csv and HEPData tables. The drawing and table
 * machinery is the resonance scan's (output/figures.ts, output/tables.ts).
 *
 * @packageDocumentation
 */
import { argumentError, requireAllFinite, requireSameLength } from "@muonphilic/units";
import {
  brazilFigure,
  type Figure,
  type GapRule,
  type LimitSeries,
  limitSeries,
  logAxis,
  significanceCurveFigure,
  withGaps,
} from "../output/figures.js";
import { Plot } from "../output/svg.js";
import {
  bandColumns,
  type CsvColumn,
  type HepDataTable,
  type HepDataVariable,
  hepBandValue,
  hepDataSubmission,
  hepDataTable,
  hepQualifiers,
  hepValue,
  toCsv,
} from "../output/tables.js";
import type { RecoilPointOutput, RecoilResultsDocument, RecoilSpectrum } from "./types.js";

/** Fill colours of the stacked backgrounds, bottom first (cycled when there are more). */
const BACKGROUND_FILLS = ["#8fbbe6", "#f6b26b", "#b5d99c", "#c9a3d9", "#f4cccc", "#d9d9d9"] as const;
const BACKGROUND_LINES = ["#3d6fa3", "#b86d1f", "#5c8c3f", "#7b4f91", "#b35c5c", "#7f7f7f"] as const;

/** The recoil scan steps in M²_recoil by one resolution; more than five apart is a gap. */
const RECOIL_GAPS: GapRule<RecoilPointOutput> = {
  x: (p) => p.mass,
  scan: (p) => p.massSquared,
  step: (p) => p.resolutionM2,
};

/** Checks that a spectrum's histograms fit its edges. */
function checkSpectrum(spectrum: RecoilSpectrum): void {
  const n = spectrum.data.length;
  if (spectrum.edges.length !== n + 1 || n === 0) {
    throw argumentError(
      "INCOMPATIBLE_SHAPES",
      "spectrum.edges",
      spectrum.edges.length,
      `of length spectrum.data.length + 1 = ${n + 1} (at least 2)`,
    );
  }
  requireAllFinite("spectrum.edges", spectrum.edges);
  spectrum.backgrounds.forEach((b, k) => {
    requireSameLength("spectrum.data", spectrum.data, `spectrum.backgrounds[${k}].counts`, b.counts);
  });
}

/**
 * The M²_recoil spectrum (Belle2-inv Fig. 1): the backgrounds stacked as filled step histograms in
 * the order given (the first at the bottom; legend in the same order), the data as points with
 * √n error bars, on a log y axis (empty data bins are not drawn).
 * @throws {@link PhysError} `INCOMPATIBLE_SHAPES` if the edges are not one longer than the data or a
 *   background's counts differ in length from the data; `INVALID_ARGUMENT` for a non-finite edge
 */
export function recoilSpectrumFigure(doc: RecoilResultsDocument, spectrum: RecoilSpectrum): Figure {
  checkSpectrum(spectrum);
  const { edges, data, backgrounds } = spectrum;
  const n = data.length;
  const total = Array.from({ length: n }, (_, i) =>
    backgrounds.reduce((s, b) => {
      const c = b.counts[i]!;
      return s + (Number.isFinite(c) && c > 0 ? c : 0);
    }, 0),
  );
  const y = logAxis([...total, ...data], "Events / bin", 1);
  // About six decades below the largest content at most: tiny background tails would squash the plot.
  const min = Math.max(y.min, y.max * 1e-7);
  const plot = new Plot({
    x: { min: edges[0]!, max: edges[n]!, label: "M²_recoil [GeV²]" },
    y: { ...y, min },
    title: "Recoil mass squared spectrum",
  });
  plot.stack(
    edges,
    backgrounds.map((b, k) => ({
      counts: b.counts,
      fill: BACKGROUND_FILLS[k % BACKGROUND_FILLS.length]!,
      color: BACKGROUND_LINES[k % BACKGROUND_LINES.length]!,
      label: b.label,
    })),
  );
  const centres = Array.from({ length: n }, (_, i) => 0.5 * (edges[i]! + edges[i + 1]!));
  const err = data.map((c) => Math.sqrt(Math.max(c, 0)));
  plot.points(centres, data, err, err, "black", "data");
  plot.note(doc.input.description);
  plot.note(`${doc.input.selectedEvents} events selected`);
  return { name: "spectrum", svg: plot.toSvg() };
}

/** The limits of one point for each figure and table. */
type Quantity = "sigma" | "vanilla" | "fullyInvisible";

const limitsOf = (q: Quantity) => (p: RecoilPointOutput) =>
  q === "sigma"
    ? { observed: p.upperLimitSigmaFb, expected: p.expectedUpperLimitSigmaFb }
    : q === "vanilla"
      ? { observed: p.upperLimitGPrimeVanilla, expected: p.expectedUpperLimitGPrimeVanilla }
      : { observed: p.upperLimitGPrimeFullyInvisible, expected: p.expectedUpperLimitGPrimeFullyInvisible };

function series(doc: RecoilResultsDocument, q: Quantity): LimitSeries {
  const { settings } = doc;
  return limitSeries(
    doc.points,
    RECOIL_GAPS,
    limitsOf(q),
    q === "sigma"
      ? undefined
      : { band: (p) => p.gm2BandGPrime, label: `(g−2)_μ ± ${settings.gm2Sigmas}σ (${settings.gm2Input})` },
  );
}

const clPercent = (doc: RecoilResultsDocument): string => `${(doc.settings.cl * 100).toFixed(0)}%`;

/**
 * The figures of a recoil scan: `spectrum` (when `spectrum` is given), `local-significance`,
 * `sigma` (Brazil plot of σ(e⁺e⁻ → μ⁺μ⁻Z', Z' → invisible), Belle2-inv Fig. 2),
 * `coupling-vanilla` and `coupling-fully-invisible` (g' limits with the (g−2)_μ band,
 * Belle2-inv Figs. 3–4). Failed points (NaN limits) break the lines and bands.
 * @param spectrum - data and background histograms over M²_recoil, or null for no spectrum figure
 * @throws {@link PhysError} `INCOMPATIBLE_SHAPES` for a spectrum whose histograms do not fit its edges
 */
export function recoilFigures(doc: RecoilResultsDocument, spectrum: RecoilSpectrum | null): Figure[] {
  const figures: Figure[] = [];
  if (spectrum !== null) figures.push(recoilSpectrumFigure(doc, spectrum));
  const { settings } = doc;
  const x = { min: 0, max: Math.ceil(settings.maxMassGeV), label: "M(Z') [GeV]" };
  const { xs, vs: zs } = withGaps(doc.points, RECOIL_GAPS, (p) => p.signedSignificance, Number.NaN);
  const ex = doc.largestExcess;
  figures.push(
    significanceCurveFigure("local-significance", {
      xs,
      zs,
      xMax: x.max,
      xLabel: x.label,
      title: "Local significance of the recoil template fits",
      legend: "sign(σ̂) √q₀",
      notes: ex
        ? [
            `largest: ${ex.localSignificance.toFixed(2)}σ local, ${ex.globalSignificance.toFixed(2)}σ global at ${ex.mass.toFixed(3)} GeV`,
          ]
        : [],
    }),
  );
  const cl = clPercent(doc);
  const notes = [doc.input.description];
  figures.push(
    brazilFigure("sigma", {
      series: series(doc, "sigma"),
      x,
      yLabel: "σ(e⁺e⁻ → μ⁺μ⁻Z', Z' → invisible) [fb]",
      title: `Invisible Z': ${cl} CL upper limits on the cross section`,
      notes,
    }),
    brazilFigure("coupling-vanilla", {
      series: series(doc, "vanilla"),
      x,
      yLabel: "g'",
      title: `Lμ − Lτ Z', vanilla (Z' → νν̄): ${cl} CL upper limits`,
      notes,
    }),
    brazilFigure("coupling-fully-invisible", {
      series: series(doc, "fullyInvisible"),
      x,
      yLabel: "g'",
      title: `Lμ − Lτ Z', fully invisible (g_χ = ${settings.darkCoupling}, m_χ = ${settings.darkMassGeV} GeV): ${cl} CL`,
      notes,
    }),
  );
  return figures;
}

const COLUMNS: readonly CsvColumn<RecoilPointOutput>[] = [
  ["index", (p) => p.index],
  ["mass_GeV", (p) => p.mass],
  ["mass_squared_GeV2", (p) => p.massSquared],
  ["resolution_GeV2", (p) => p.resolutionM2],
  ["window_low_GeV2", (p) => p.windowLow],
  ["window_high_GeV2", (p) => p.windowHigh],
  ["mass_bins", (p) => p.massBins],
  ["cos_bins", (p) => p.cosBins],
  ["status", (p) => p.status],
  ["n_events", (p) => p.nEvents],
  ["expected_background", (p) => p.expectedBackground],
  ["efficiency", (p) => p.efficiency],
  ["signal_per_fb", (p) => p.signalPerFb],
  ["sigma_hat_fb", (p) => p.sigmaHatFb],
  ["local_significance", (p) => p.localSignificance],
  ["signed_significance", (p) => p.signedSignificance],
  ["upper_limit_sigma_fb", (p) => p.upperLimitSigmaFb],
  ...bandColumns<RecoilPointOutput>("expected_upper_limit_sigma_fb", (p) => p.expectedUpperLimitSigmaFb),
  ["expected_upper_limit_sigma_fb_1d", (p) => p.expectedUpperLimitSigmaFb1d],
  ["upper_limit_g_prime_vanilla", (p) => p.upperLimitGPrimeVanilla],
  ["expected_g_prime_vanilla_median", (p) => p.expectedUpperLimitGPrimeVanilla[2]],
  ["upper_limit_g_prime_fully_invisible", (p) => p.upperLimitGPrimeFullyInvisible],
  ["expected_g_prime_fully_invisible_median", (p) => p.expectedUpperLimitGPrimeFullyInvisible[2]],
  ["gm2_band_g_prime_low", (p) => p.gm2BandGPrime[0]],
  ["gm2_band_g_prime_high", (p) => p.gm2BandGPrime[1]],
  ["message", (p) => p.message ?? ""],
];

/**
 * points.csv of a recoil scan: one row per mass hypothesis (failed ones included), NaN as an
 * empty field; masses in GeV, M² quantities in GeV², cross sections in fb.
 */
export function recoilPointsCsv(doc: RecoilResultsDocument): string {
  return toCsv(COLUMNS, doc.points);
}

/**
 * The HEPData tables of a recoil scan (`sigma.yaml`, `coupling_vanilla.yaml`,
 * `coupling_fully_invisible.yaml`: observed limit, expected median with the ±1σ and ±2σ bands as
 * asymmetric errors, vs M(Z')) and the submission.yaml that lists them.
 */
export function recoilHepData(doc: RecoilResultsDocument): { tables: HepDataTable[]; submission: string } {
  const pts = doc.points;
  const { settings } = doc;
  const cl = clPercent(doc);
  const qualifiers = hepQualifiers(settings);
  const limits = (q: Quantity, what: string, units?: string): HepDataVariable[] => {
    const get = limitsOf(q);
    const u = units ? { units } : {};
    return [
      { name: `Observed upper limit on ${what}`, ...u, values: pts.map((p) => hepValue(get(p).observed)) },
      { name: `Expected upper limit on ${what}`, ...u, values: pts.map((p) => hepBandValue(get(p).expected)) },
    ];
  };
  const table = (file: string, name: string, description: string, dependent: HepDataVariable[]): HepDataTable =>
    hepDataTable({
      file,
      name,
      description,
      independent: { name: "M(Z')", units: "GEV", values: pts.map((p) => hepValue(p.mass)) },
      qualifiers,
      dependent,
    });
  const tables = [
    table(
      "sigma.yaml",
      "Cross-section limits",
      `Observed and expected ${cl} CL upper limits on sigma(e+e- -> mu+mu- Z', Z' -> invisible).`,
      limits("sigma", "sigma", "FB"),
    ),
    table(
      "coupling_vanilla.yaml",
      "Coupling limits, vanilla Z'",
      `Observed and expected ${cl} CL upper limits on the L_mu - L_tau coupling g' in the vanilla model (Z' -> invisible through neutrinos only).`,
      limits("vanilla", "g'"),
    ),
    table(
      "coupling_fully_invisible.yaml",
      "Coupling limits, fully invisible Z'",
      `Observed and expected ${cl} CL upper limits on the L_mu - L_tau coupling g' in the fully invisible model (Z' -> chi chi-bar with g_chi = ${settings.darkCoupling}, m_chi = ${settings.darkMassGeV} GeV).`,
      limits("fullyInvisible", "g'"),
    ),
  ];
  const comment = `muonphilic invisible-Z' recoil scan (${doc.input.description}); run ${doc.runId}. Method of Belle II, PRL 130, 231801 (2023).`;
  return { tables, submission: hepDataSubmission(comment, settings.sqrtSGeV, tables) };
}
