/**
 * The scan's figures as SVG, modelled on Belle2-4mu: the dimuon-mass spectrum (Fig. 11), the fit
 * at the largest local excess (Fig. 12), the local significance vs mass, the cross-section limits
 * with expected bands (Fig. 13) and the coupling limits with the (g−2)_μ band (Fig. 14).
 *
 * @packageDocumentation
 */
import type { WindowModel } from "../fit/window.js";
import type { PointOutput, ResultsDocument } from "./results.js";
import { type Axis, Plot } from "./svg.js";

const GREEN = "#00cc00";
const YELLOW = "#ffcc00";
const RED_BAND = "rgba(220,30,30,0.35)";

/** A figure: file stem and SVG text. */
export interface Figure {
  readonly name: string;
  readonly svg: string;
}

/**
 * The smallest and largest finite values (only the positive ones if `positive`); a default range
 * ([1e-3, 1] or [0, 1]) when there are none.
 */
export function finiteRange(values: readonly number[], positive: boolean): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v) || (positive && !(v > 0))) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return Number.isFinite(lo) ? [lo, hi] : [positive ? 1e-3 : 0, 1];
}

/**
 * Log axis padded to whole decades around the positive finite values: from the decade below the
 * smallest (less 0.1 decade) to `headroom` decades above the largest, rounded up.
 */
export function logAxis(values: readonly number[], label: string, headroom = 1): Axis {
  const [lo, hi] = finiteRange(values, true);
  return {
    min: 10 ** Math.floor(Math.log10(lo) - 0.1),
    max: 10 ** Math.ceil(Math.log10(hi) + headroom),
    log: true,
    label,
  };
}

/**
 * Where a scan's line breaks: consecutive hypotheses more than five steps apart in the scan
 * variable (a veto) are not joined. `x` is the plotted coordinate, `scan` the variable the grid
 * steps in and `step` its local step (one resolution).
 */
export interface GapRule<P> {
  readonly x: (p: P) => number;
  readonly scan: (p: P) => number;
  readonly step: (p: P) => number;
}

/**
 * The plotted coordinates of the points with NaN inserted where the rule sees a gap, so that
 * lines and bands break there; `pick` reads the values and `gap` is the value at the inserted NaN.
 */
export function withGaps<P, T>(
  points: readonly P[],
  rule: GapRule<P>,
  pick: (p: P) => T,
  gap: T,
): { xs: number[]; vs: T[] } {
  const xs: number[] = [];
  const vs: T[] = [];
  points.forEach((p, i) => {
    const prev = points[i - 1];
    if (prev !== undefined && rule.scan(p) - rule.scan(prev) > 5 * Math.max(rule.step(prev), 1e-6)) {
      xs.push(Number.NaN);
      vs.push(gap);
    }
    xs.push(rule.x(p));
    vs.push(pick(p));
  });
  return { xs, vs };
}

/** The resonance scan's gaps: steps in reduced mass, one resolution apart (the J/ψ veto breaks them). */
const RESONANCE_GAPS: GapRule<PointOutput> = {
  x: (p) => p.mass,
  scan: (p) => p.reducedMass,
  step: (p) => p.resolution,
};

/** The dimuon-mass spectrum of the whole dataset (Belle2-4mu Fig. 11). */
export function spectrumFigure(masses: Float64Array, doc: ResultsDocument, binWidth = 0.02): Figure {
  const lo = 0;
  const hi = Math.max(9.5, doc.settings.maxMassGeV + 0.5);
  const nb = Math.ceil((hi - lo) / binWidth);
  const counts = new Float64Array(nb);
  for (const m of masses) {
    const b = Math.floor((m - lo) / binWidth);
    if (b >= 0 && b < nb) counts[b]!++;
  }
  const edges = Array.from({ length: nb + 1 }, (_, i) => lo + i * binWidth);
  const maxCount = Math.max(...counts, 1);
  const plot = new Plot({
    x: { min: lo, max: hi, label: "M(μ⁺μ⁻) [GeV]" },
    y: {
      min: 0.5,
      max: 10 ** Math.ceil(Math.log10(maxCount) + 0.7),
      log: true,
      label: `Candidates / (${binWidth * 1000} MeV)`,
    },
    title: "Dimuon mass spectrum",
  });
  for (const [a, b] of doc.settings.vetoesGeV) plot.vspan(a, b, "rgba(120,120,120,0.3)", "J/ψ veto (not scanned)");
  plot.steps(edges, counts, { color: "#1f4e9c", fill: "rgba(31,78,156,0.25)", width: 1 }, "data");
  plot.note(doc.input.description);
  plot.note(`${doc.input.validRows} candidates`);
  return { name: "spectrum", svg: plot.toSvg() };
}

/**
 * The fit at the largest local excess (Belle2-4mu Fig. 12): data in bins of half a resolution,
 * the signal-plus-background fit and its background component.
 * @param window - the window model of the largest excess
 * @param theta - fitted parameters (signal, background)
 * @param sorted - all reduced masses, sorted
 */
export function excessFitFigure(
  window: WindowModel,
  theta: Float64Array,
  sorted: Float64Array,
  doc: ResultsDocument,
  resolution: number,
): Figure {
  const { low, high, region } = window.spec;
  const bw = resolution;
  const nb = Math.max(10, Math.round((high - low) / bw));
  const w = (high - low) / nb;
  const counts = new Float64Array(nb);
  for (const x of sorted) {
    if (x < low || x >= high || !region.some(([a, b]) => x >= a && x <= b)) continue;
    counts[Math.min(nb - 1, Math.floor((x - low) / w))]!++;
  }
  const centres = Array.from({ length: nb }, (_, i) => low + (i + 0.5) * w);
  const grid = Float64Array.from({ length: 600 }, (_, i) => low + ((high - low) * (i + 0.5)) / 600);
  const m = window.eventModel(grid);
  const total: number[] = [];
  const bkg: number[] = [];
  for (let j = 0; j < grid.length; j++) {
    const inside = region.some(([a, b]) => grid[j]! >= a && grid[j]! <= b);
    let s = 0;
    let b = 0;
    for (let k = 0; k < m.p; k++) {
      const v = theta[k]! * m.phi[j * m.p + k]! * w;
      if (k === 0) s += v;
      else b += v;
    }
    total.push(inside ? s + b : Number.NaN);
    bkg.push(inside ? b : Number.NaN);
  }
  const ymax = Math.max(...counts, ...total.filter(Number.isFinite)) * 1.45 + 1;
  const ex = doc.largestExcess!;
  const plot = new Plot({
    x: { min: low, max: high, label: "M_R [GeV]" },
    y: { min: 0, max: ymax, label: `Candidates / (${(w * 1000).toFixed(2)} MeV)` },
    title: `Fit at M(μμ) = ${ex.mass.toFixed(4)} GeV, largest local excess`,
  });
  const err = Array.from(counts, (c) => Math.sqrt(c));
  plot.points(centres, counts, err, err, "black", "data");
  plot.line(grid, total, { color: "#1f4e9c", width: 2 }, "signal + background fit");
  plot.line(grid, bkg, { color: "#d62728", width: 1.8, dash: "7,4" }, "background component");
  plot.note(`local ${ex.localSignificance.toFixed(2)}σ, global ${ex.globalSignificance.toFixed(2)}σ`);
  plot.note(`N_sig = ${ex.signalYield.toFixed(1)}`);
  return { name: "fit-largest-excess", svg: plot.toSvg() };
}

/** What a signed-significance curve shows: coordinates (NaN breaks the line) and labels. */
export interface SignificanceCurve {
  readonly xs: readonly number[];
  /** Signed local significance at each x, σ (NaN breaks the line). */
  readonly zs: readonly number[];
  readonly xMax: number;
  readonly xLabel: string;
  readonly title: string;
  /** Legend of the curve (the test statistic). */
  readonly legend: string;
  /** Text in the top-left corner, e.g. the largest excess. */
  readonly notes: readonly string[];
}

/**
 * Signed local significance vs mass: the curve, the zero line and ±3σ lines; the y range is
 * symmetric, at least ±4σ.
 */
export function significanceCurveFigure(name: string, curve: SignificanceCurve): Figure {
  const [, zmax] = finiteRange(curve.zs.map(Math.abs), false);
  const lim = Math.max(4, Math.ceil(zmax + 0.5));
  const plot = new Plot({
    x: { min: 0, max: curve.xMax, label: curve.xLabel },
    y: { min: -lim, max: lim + 1, label: "Local significance [σ]" },
    title: curve.title,
  });
  plot.hline(0, { color: "#888", width: 1 });
  plot.hline(3, { color: "#d62728", width: 1, dash: "5,4" }, "3σ");
  plot.hline(-3, { color: "#d62728", width: 1, dash: "5,4" });
  plot.line(curve.xs, curve.zs, { color: "#1f4e9c", width: 0.8 }, curve.legend);
  for (const n of curve.notes) plot.note(n);
  return { name, svg: plot.toSvg() };
}

/** Local significance (signed) vs mass. */
export function significanceFigure(doc: ResultsDocument): Figure {
  const { xs, vs: zs } = withGaps(doc.points, RESONANCE_GAPS, (p) => p.signedSignificance, Number.NaN);
  const ex = doc.largestExcess;
  return significanceCurveFigure("local-significance", {
    xs,
    zs,
    xMax: Math.ceil(doc.settings.maxMassGeV),
    xLabel: "M(μ⁺μ⁻) [GeV]",
    title: "Local significance of the signal fits",
    legend: "sign(N_sig) √(2 ln L/L₀)",
    notes: ex
      ? [
          `largest: ${ex.localSignificance.toFixed(2)}σ local, ${ex.globalSignificance.toFixed(2)}σ global at ${ex.mass.toFixed(3)} GeV`,
        ]
      : [],
  });
}

/** Observed and expected limits along a scan, ready to draw (NaN breaks lines and bands). */
export interface LimitSeries {
  readonly xs: readonly number[];
  readonly observed: readonly number[];
  /** The five expected quantiles (−2σ, −1σ, median, +1σ, +2σ), each a row over xs. */
  readonly expected: readonly (readonly number[])[];
  /** The (g−2)_μ-favoured band over xs and its legend, or null. */
  readonly gm2: { readonly low: readonly number[]; readonly high: readonly number[]; readonly label: string } | null;
}

/** One point's limits: observed and the five expected values (−2σ…+2σ). */
export interface PointLimits {
  readonly observed: number;
  readonly expected: readonly number[];
}

/**
 * The limit series of a scan's points, with gaps where the rule sees them.
 * @param gm2 - the (g−2)-favoured band of a point ([low, high]) and its legend, for coupling plots
 */
export function limitSeries<P>(
  points: readonly P[],
  rule: GapRule<P>,
  pick: (p: P) => PointLimits,
  gm2?: { readonly band: (p: P) => readonly number[]; readonly label: string },
): LimitSeries {
  const nan = Number.NaN;
  const { xs, vs: v } = withGaps(points, rule, (p) => ({ ...pick(p), g2: gm2 ? gm2.band(p) : [] }), {
    observed: nan,
    expected: [nan, nan, nan, nan, nan],
    g2: [nan, nan],
  });
  const row = (k: number): number[] => v.map((q) => q.expected[k] ?? nan);
  return {
    xs,
    observed: v.map((q) => q.observed),
    expected: [row(0), row(1), row(2), row(3), row(4)],
    gm2: gm2 ? { low: v.map((q) => q.g2[0] ?? nan), high: v.map((q) => q.g2[1] ?? nan), label: gm2.label } : null,
  };
}

/**
 * A Brazil plot: the expected ±2σ (yellow) and ±1σ (green) bands, the expected median (dashed),
 * the (g−2) band when the series has one, and the observed limit, on a log y axis covering the
 * observed values, the outer band and the top of the (g−2) band.
 */
export function brazilFigure(
  name: string,
  options: {
    readonly series: LimitSeries;
    readonly x: Axis;
    readonly yLabel: string;
    readonly title: string;
    readonly notes: readonly string[];
  },
): Figure {
  const { series } = options;
  const e = series.expected;
  const all = [...series.observed, ...e[0]!, ...e[4]!];
  const y = logAxis(series.gm2 ? [...all, ...series.gm2.high] : all, options.yLabel, 0.6);
  const plot = new Plot({ x: options.x, y, title: options.title });
  plot.band(series.xs, e[0]!, e[4]!, YELLOW, "Expected ± 2σ");
  plot.band(series.xs, e[1]!, e[3]!, GREEN, "Expected ± 1σ");
  plot.line(series.xs, e[2]!, { color: "black", width: 1.2, dash: "6,4" }, "Expected");
  if (series.gm2) plot.band(series.xs, series.gm2.low, series.gm2.high, RED_BAND, series.gm2.label);
  plot.line(series.xs, series.observed, { color: "black", width: 1.2 }, "Observed");
  for (const n of options.notes) plot.note(n);
  return { name, svg: plot.toSvg() };
}

type Quantity = "sigma" | "coupling";

/** Brazil plot of σ × B or coupling limits for one model, with the (g−2) band for couplings. */
export function limitFigure(doc: ResultsDocument, model: "zprime" | "scalar", quantity: Quantity): Figure {
  const pick = (p: PointOutput): PointLimits =>
    quantity === "sigma"
      ? model === "zprime"
        ? { observed: p.upperLimitSigmaBrFb, expected: p.expectedUpperLimitSigmaBrFb }
        : { observed: p.upperLimitSigmaBrFbScalar, expected: p.expectedUpperLimitSigmaBrFbScalar }
      : model === "zprime"
        ? { observed: p.upperLimitGPrime, expected: p.expectedUpperLimitGPrime }
        : { observed: p.upperLimitGS, expected: p.expectedUpperLimitGS };
  const gm2 = {
    band: (p: PointOutput) => (model === "zprime" ? p.gm2BandGPrime : p.gm2BandGS),
    label: `(g−2)_μ ± ${doc.settings.gm2Sigmas}σ (${doc.settings.gm2Input})`,
  };
  const series = limitSeries(doc.points, RESONANCE_GAPS, pick, quantity === "coupling" ? gm2 : undefined);
  const name = model === "zprime" ? "Z'" : "S";
  const label =
    quantity === "sigma" ? `σ(e⁺e⁻ → μ⁺μ⁻${name}) × B(${name} → μ⁺μ⁻) [fb]` : model === "zprime" ? "g'" : "g_S";
  return brazilFigure(`${quantity === "sigma" ? "sigma-br" : "coupling"}-${model}`, {
    series,
    x: { min: 0, max: Math.ceil(doc.settings.maxMassGeV), label: `M(${name}) [GeV]` },
    yLabel: label,
    title:
      model === "zprime"
        ? `Lμ − Lτ Z': ${(doc.settings.cl * 100).toFixed(0)}% CL upper limits`
        : `Muonphilic scalar S: ${(doc.settings.cl * 100).toFixed(0)}% CL upper limits`,
    notes: [doc.input.description],
  });
}
