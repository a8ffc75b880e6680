/**
 * The scan's figures as SVG, modelled on Belle2-4mu: the dimuon-mass spectrum (Fig. 11), the fit
 * at the largest local excess (Fig. 12), the local significance vs mass, the cross-section limits
 * with expected bands (Fig. 13) and the coupling limits with the (g−2)_μ band (Fig. 14).
 *
 * @packageDocumentation
 */
import type { WindowModel } from "../fit/window.js";
import type { ResultsDocument } from "./results.js";
import { type Axis, Plot } from "./svg.js";

const GREEN = "#00cc00";
const YELLOW = "#ffcc00";
const RED_BAND = "rgba(220,30,30,0.35)";

/** A figure: file stem and SVG text. */
export interface Figure {
  readonly name: string;
  readonly svg: string;
}

function finiteRange(values: readonly number[], positive: boolean): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v) || (positive && !(v > 0))) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return Number.isFinite(lo) ? [lo, hi] : [positive ? 1e-3 : 0, 1];
}

/** Log axis padded to whole half-decades around the data. */
function logAxis(values: readonly number[], label: string, headroom = 1): Axis {
  const [lo, hi] = finiteRange(values, true);
  return {
    min: 10 ** Math.floor(Math.log10(lo) - 0.1),
    max: 10 ** Math.ceil(Math.log10(hi) + headroom),
    log: true,
    label,
  };
}

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

/** Local significance (signed) vs mass. */
export function significanceFigure(doc: ResultsDocument): Figure {
  const { xs, vs: zs } = withGaps(doc.points, (p) => p.signedSignificance, Number.NaN);
  const [, zmax] = finiteRange(zs.map(Math.abs), false);
  const lim = Math.max(4, Math.ceil(zmax + 0.5));
  const plot = new Plot({
    x: { min: 0, max: Math.ceil(doc.settings.maxMassGeV), label: "M(μ⁺μ⁻) [GeV]" },
    y: { min: -lim, max: lim + 1, label: "Local significance [σ]" },
    title: "Local significance of the signal fits",
  });
  plot.hline(0, { color: "#888", width: 1 });
  plot.hline(3, { color: "#d62728", width: 1, dash: "5,4" }, "3σ");
  plot.hline(-3, { color: "#d62728", width: 1, dash: "5,4" });
  plot.line(xs, zs, { color: "#1f4e9c", width: 0.8 }, "sign(N_sig) √(2 ln L/L₀)");
  if (doc.largestExcess) {
    plot.note(
      `largest: ${doc.largestExcess.localSignificance.toFixed(2)}σ local, ${doc.largestExcess.globalSignificance.toFixed(2)}σ global at ${doc.largestExcess.mass.toFixed(3)} GeV`,
    );
  }
  return { name: "local-significance", svg: plot.toSvg() };
}

type Quantity = "sigma" | "coupling";

/**
 * The masses of the points with NaN inserted where consecutive hypotheses are more than five
 * resolutions apart (the J/ψ veto), so that lines and bands break there; `pick` reads the values.
 */
function withGaps<T>(
  points: ResultsDocument["points"],
  pick: (p: ResultsDocument["points"][number]) => T,
  gap: T,
): { xs: number[]; vs: T[] } {
  const xs: number[] = [];
  const vs: T[] = [];
  points.forEach((p, i) => {
    const prev = points[i - 1];
    if (prev !== undefined && p.reducedMass - prev.reducedMass > 5 * Math.max(prev.resolution, 1e-6)) {
      xs.push(Number.NaN);
      vs.push(gap);
    }
    xs.push(p.mass);
    vs.push(pick(p));
  });
  return { xs, vs };
}

/** Brazil plot of σ × B or coupling limits for one model, with the (g−2) band for couplings. */
export function limitFigure(doc: ResultsDocument, model: "zprime" | "scalar", quantity: Quantity): Figure {
  const pick = (
    p: ResultsDocument["points"][number],
  ): { obs: number; exp: readonly number[]; g2: readonly number[] } =>
    quantity === "sigma"
      ? model === "zprime"
        ? { obs: p.upperLimitSigmaBrFb, exp: p.expectedUpperLimitSigmaBrFb, g2: p.gm2BandGPrime }
        : { obs: p.upperLimitSigmaBrFbScalar, exp: p.expectedUpperLimitSigmaBrFbScalar, g2: p.gm2BandGS }
      : model === "zprime"
        ? { obs: p.upperLimitGPrime, exp: p.expectedUpperLimitGPrime, g2: p.gm2BandGPrime }
        : { obs: p.upperLimitGS, exp: p.expectedUpperLimitGS, g2: p.gm2BandGS };
  const nan = Number.NaN;
  const { xs, vs: v } = withGaps(doc.points, pick, { obs: nan, exp: [nan, nan, nan, nan, nan], g2: [nan, nan] });
  const obs = v.map((q) => q.obs);
  const e = (k: number): number[] => v.map((q) => q.exp[k]!);
  const name = model === "zprime" ? "Z'" : "S";
  const label =
    quantity === "sigma" ? `σ(e⁺e⁻ → μ⁺μ⁻${name}) × B(${name} → μ⁺μ⁻) [fb]` : model === "zprime" ? "g'" : "g_S";
  const all = [...obs, ...e(0), ...e(4)];
  const gm2Low = v.map((q) => q.g2[0]!);
  const gm2High = v.map((q) => q.g2[1]!);
  const y = logAxis(quantity === "coupling" ? [...all, ...gm2High] : all, label, 0.6);
  const plot = new Plot({
    x: { min: 0, max: Math.ceil(doc.settings.maxMassGeV), label: `M(${name}) [GeV]` },
    y,
    title:
      model === "zprime"
        ? `Lμ − Lτ Z': ${(doc.settings.cl * 100).toFixed(0)}% CL upper limits`
        : `Muonphilic scalar S: ${(doc.settings.cl * 100).toFixed(0)}% CL upper limits`,
  });
  plot.band(xs, e(0), e(4), YELLOW, "Expected ± 2σ");
  plot.band(xs, e(1), e(3), GREEN, "Expected ± 1σ");
  plot.line(xs, e(2), { color: "black", width: 1.2, dash: "6,4" }, "Expected");
  if (quantity === "coupling") {
    plot.band(xs, gm2Low, gm2High, RED_BAND, `(g−2)_μ ± ${doc.settings.gm2Sigmas}σ (${doc.settings.gm2Input})`);
  }
  plot.line(xs, obs, { color: "black", width: 1.2 }, "Observed");
  plot.note(doc.input.description);
  return { name: `${quantity === "sigma" ? "sigma-br" : "coupling"}-${model}`, svg: plot.toSvg() };
}
