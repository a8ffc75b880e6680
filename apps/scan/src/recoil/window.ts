/**
 * One hypothesis of the recoil scan (Belle2-inv): the search window of 20 bins of M²_recoil, each
 * one signal resolution wide, around the hypothesis; its cos θ* binning (1-5 bins by M² region,
 * edges at equal-population quantiles of the expected background in the window: "determined by
 * the distribution of events"); the two-dimensional signal and background templates; and the
 * binned likelihood as a pyhf JSON workspace: the signal cross section in fb as POI (the signal
 * sample holds ε L × 1 fb per bin), a free background normalisation, a Gaussian nuisance parameter
 * per bin and template for the shape uncertainties (a symmetric histosys per bin, pyhf's form of
 * a Gaussian-constrained per-bin parameter), and a normsys for the signal efficiency. The fit,
 * the local significance and the CLs upper limits are `@muonphilic/stats`' asymptotic calculator
 * on that workspace, so the exported workspace gives the same limit through `upperLimit`.
 *
 * @packageDocumentation
 */

import { zPrimeWidths } from "@muonphilic/models";
import {
  compileModel,
  histFactoryLikelihood,
  histFactoryModelToyLikelihood,
  makeAsymptoticCalculator,
  toyUpperLimitSync,
  type Workspace,
} from "@muonphilic/stats";
import { argumentError } from "@muonphilic/units";
import { breitWignerGaussianBins } from "./finiteWidth.js";
import { type BackgroundSample, type RecoilModel, SHAPE_GRID, signalAt } from "./model.js";
import type { RecoilPointRecord } from "./types.js";

/** The statistical and template settings of a window. */
export interface WindowSettings {
  readonly windowBins: number;
  readonly cl: number;
  readonly cls: "asymptotic" | "toys";
  readonly toys: number;
  readonly seed: number;
  readonly luminosityInvFb: number;
  readonly cosBinsByM2: readonly (readonly [number, number])[];
  readonly signalShapeUncertainty: number;
  readonly backgroundShapeUncertainty: readonly (readonly [number, number])[];
  readonly efficiencyUncertainty: number;
  readonly signalModel: "narrow" | "breit-wigner";
  /** Fully-invisible model (the Breit-Wigner width): g_χ and m_χ (GeV). */
  readonly darkCoupling: number;
  readonly darkMass: number;
  readonly compare1d: boolean;
  /** Fewest observed events in a window for a fit. */
  readonly minEvents: number;
}

/** The observed events, sorted by M² (GeV²), with their cos θ*. */
export interface RecoilData {
  readonly m2: Float64Array;
  readonly cosTheta: Float64Array;
}

/** A grid point of the recoil scan. */
export interface RecoilGridPoint {
  readonly index: number;
  readonly mass: number;
  readonly sigmaM2: number;
}

/**
 * Total width of the fully-invisible Z' (GeV) at a negligible g' (the width is then Γ(Z' → χχ̄),
 * `@muonphilic/models`' `zPrimeWidths`, Jho2019 eq. (3.9)).
 */
export function fullyInvisibleWidth(mass: number, darkCoupling: number, darkMass: number): number {
  return zPrimeWidths({ mass, coupling: 1e-9, variant: "fully-invisible", darkCoupling, darkMass }).total;
}

/** The lookup of a value in a table of [upper edge, value] rows (the last row's value beyond). */
export function byRegion(table: readonly (readonly [number, number])[], x: number): number {
  for (const [edge, v] of table) if (x < edge) return v;
  return table[table.length - 1]![1];
}

/** First index with a[i] >= x in a sorted array. */
function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The window's binning and templates. */
export interface WindowTemplates {
  /** M² edges (GeV²) and cos θ* edges. */
  readonly m2Edges: Float64Array;
  readonly cosEdges: readonly number[];
  /** Per cell (M²-major): signal events per fb, background expected events and their MC variance. */
  readonly signal: Float64Array;
  readonly background: Float64Array;
  readonly backgroundVariance: Float64Array;
  /** Observed events per cell. */
  readonly observed: Float64Array;
  /** Signal efficiency inside the window, and the mean weight of one background MC event in it. */
  readonly efficiency: number;
  readonly meanBackgroundWeight: number;
  readonly widthGeV: number;
}

const FINE_COS = SHAPE_GRID.cosBins;

/** cos θ* edges: `n` equal-population bins of the expected background, snapped to the fine grid of the signal shape (fewer bins if edges coincide). */
function cosEdgesFor(n: number, samples: readonly BackgroundSample[], lo: number, hi: number): number[] {
  if (n <= 1) return [-1, 1];
  const fine = new Float64Array(FINE_COS);
  let total = 0;
  for (const s of samples) {
    for (let i = lowerBound(s.m2, lo); i < s.m2.length && s.m2[i]! < hi; i++) {
      const c = Math.min(FINE_COS - 1, Math.max(0, Math.floor(((s.cosTheta[i]! + 1) / 2) * FINE_COS)));
      fine[c]! += s.weight[i]!;
      total += s.weight[i]!;
    }
  }
  const edges = [-1];
  if (total > 0) {
    let acc = 0;
    let next = 1;
    for (let c = 0; c < FINE_COS - 1 && next < n; c++) {
      acc += fine[c]!;
      if (acc >= (next * total) / n) {
        edges.push(-1 + (2 * (c + 1)) / FINE_COS);
        next++;
      }
    }
  } else {
    for (let k = 1; k < n; k++) edges.push(-1 + (2 * Math.round((k * FINE_COS) / n)) / FINE_COS);
  }
  edges.push(1);
  return edges.filter((e, i) => i === 0 || e > edges[i - 1]!);
}

/**
 * The window and templates of a hypothesis.
 * @param model - the simulated model
 * @param data - observed events sorted by M²
 * @param point - the hypothesis
 * @param settings - window settings
 * @param oneDimensional - merge the cos θ* bins (the 1D fit)
 */
export function windowTemplates(
  model: RecoilModel,
  data: RecoilData,
  point: RecoilGridPoint,
  settings: WindowSettings,
  oneDimensional = false,
): WindowTemplates {
  const sig = signalAt(model, point.mass);
  const sigma = sig.sigmaM2;
  const m2 = point.mass * point.mass;
  const bw = settings.signalModel === "breit-wigner";
  const widthGeV = bw ? fullyInvisibleWidth(point.mass, settings.darkCoupling, settings.darkMass) : 0;
  // Narrow: 20 bins of one σ, the hypothesis at the centre of bin 10 (u from −9.5 to 10.5: the ISR tail is on the high side).
  // Breit-Wigner: enlarged by ±5 mΓ (in M²) on each side.
  const extra = bw ? Math.ceil((5 * point.mass * widthGeV) / sigma) : 0;
  const nM = settings.windowBins + 2 * extra;
  const uLo = -Math.floor(settings.windowBins / 2) + 0.5 - extra;
  const m2Edges = Float64Array.from({ length: nM + 1 }, (_, k) => m2 + (uLo + k) * sigma);
  const lo = m2Edges[0]!;
  const hi = m2Edges[nM]!;
  const nCos = oneDimensional || bw ? 1 : Math.max(1, Math.min(5, Math.round(byRegion(settings.cosBinsByM2, m2))));
  const cosEdges = cosEdgesFor(nCos, model.backgrounds, lo, hi);
  const nc = cosEdges.length - 1;
  const cells = nM * nc;
  // fine cos bin → coarse cos bin
  const cosOf = new Int32Array(FINE_COS);
  for (let c = 0, k = 0; c < FINE_COS; c++) {
    const centre = -1 + (2 * (c + 0.5)) / FINE_COS;
    while (k < nc - 1 && centre > cosEdges[k + 1]!) k++;
    cosOf[c] = k;
  }
  const coarseCos = (cos: number): number => {
    let k = 0;
    while (k < nc - 1 && cos >= cosEdges[k + 1]!) k++;
    return k;
  };
  const lumi = settings.luminosityInvFb;
  const signal = new Float64Array(cells);
  if (bw) {
    const p = breitWignerGaussianBins({ massGeV: point.mass, widthGeV, sigmaM2: sigma, edges: Array.from(m2Edges) });
    for (let b = 0; b < nM; b++) signal[b] = p.probabilities[b]! * sig.efficiency * lumi;
  } else {
    const { uMin, uStep, uBins } = SHAPE_GRID;
    for (let ub = 0; ub < uBins; ub++) {
      const uc = uMin + (ub + 0.5) * uStep;
      const b = Math.floor(uc - uLo);
      if (b < 0 || b >= nM) continue;
      for (let c = 0; c < FINE_COS; c++) signal[b * nc + cosOf[c]!]! += sig.shape[ub * FINE_COS + c]! * lumi;
    }
  }
  let efficiency = 0;
  for (const s of signal) efficiency += s / lumi;
  const background = new Float64Array(cells);
  const backgroundVariance = new Float64Array(cells);
  let nMc = 0;
  let sumW = 0;
  for (const s of model.backgrounds) {
    for (let i = lowerBound(s.m2, lo); i < s.m2.length && s.m2[i]! < hi; i++) {
      const b = Math.floor((s.m2[i]! - lo) / sigma);
      if (b < 0 || b >= nM) continue;
      const cell = b * nc + coarseCos(s.cosTheta[i]!);
      const w = s.weight[i]!;
      background[cell]! += w;
      backgroundVariance[cell]! += w * w;
      nMc++;
      sumW += w;
    }
  }
  const observed = new Float64Array(cells);
  for (let i = lowerBound(data.m2, lo); i < data.m2.length && data.m2[i]! < hi; i++) {
    const b = Math.floor((data.m2[i]! - lo) / sigma);
    if (b < 0 || b >= nM) continue;
    observed[b * nc + coarseCos(data.cosTheta[i]!)]!++;
  }
  return {
    m2Edges,
    cosEdges,
    signal,
    background,
    backgroundVariance,
    observed,
    efficiency,
    meanBackgroundWeight: nMc > 0 ? sumW / nMc : 1,
    widthGeV,
  };
}

/** Names of the workspace's parameters. */
export const WORKSPACE_NAMES = { poi: "sigma_fb", backgroundNorm: "bkg_norm", efficiency: "sig_eff" } as const;

const r6 = (x: number): number => Number(x.toPrecision(12));

/**
 * Largest relative width of a per-bin nuisance (ours): a template bin made of one or two MC events
 * would have a 100% uncertainty, and an additive Gaussian parameter pulled below −1σ would take its
 * rate negative; capped at 50%, a rate stays positive within 2σ.
 */
export const MAX_RELATIVE_BIN_UNCERTAINTY = 0.5;

/**
 * pyhf's default bounds of a histosys parameter, [−5, 5]. A per-bin parameter whose template bin
 * reaches zero inside them (relative width above 20%: at α = −v/(v − lo), −2 for the 50% cap)
 * gets that point as its lower bound: beyond it the bin's rate would be negative and −ln L
 * undefined. Without the bound, the fit of an MC-limited window whose best point puts an empty
 * bin's background at zero rate stalls at that NaN edge (MIGRAD halves every step that crosses
 * it), ending ~30 units of −ln L above the minimum; with it the minimum is on a parameter bound,
 * which MIGRAD's bound transformation handles.
 */
export const PER_BIN_PARAMETER_BOUNDS = [-5, 5] as const;

/**
 * The window's pyhf JSON workspace (module documentation). Empty background cells get half the
 * expected count one background MC event represents in the window, with a 100% uncertainty (the
 * simulation cannot resolve less); every cell's background uncertainty is the shape systematic ⊕
 * the template's MC statistical error √Σw².
 * @param t - the templates
 * @param m2 - the hypothesis's M² (GeV², selects the shape-uncertainty region)
 * @param settings - uncertainties
 */
export function windowWorkspace(t: WindowTemplates, m2: number, settings: WindowSettings): Workspace {
  const rb = byRegion(settings.backgroundShapeUncertainty, m2);
  const rs = settings.signalShapeUncertainty;
  const floor = 0.5 * t.meanBackgroundWeight;
  const bkg = Array.from(t.background, (b) => r6(b > 0 ? b : floor));
  const bkgSigma = Array.from(t.background, (b, i) =>
    b > 0 ? Math.sqrt((rb * b) ** 2 + t.backgroundVariance[i]!) : floor,
  );
  const sig = Array.from(t.signal, r6);
  const bin = (k: number) => String(k).padStart(3, "0");
  // Bounds of the per-bin parameters that would otherwise let a template bin go below zero.
  const binBounds: { name: string; bounds: [[number, number]] }[] = [];
  const perBin = (prefix: string, nominal: readonly number[], sigma: (i: number) => number) =>
    nominal.flatMap((v, i) => {
      const s = Math.min(sigma(i), MAX_RELATIVE_BIN_UNCERTAINTY * v);
      if (!(v > 0) || !(s > 0)) return [];
      const lo = nominal.slice();
      const hi = nominal.slice();
      lo[i] = r6(v - s);
      hi[i] = r6(v + s);
      const name = `${prefix}_bin${bin(i)}`;
      const zeroAt = -v / (v - lo[i]!);
      if (zeroAt > PER_BIN_PARAMETER_BOUNDS[0]) {
        binBounds.push({ name, bounds: [[r6(zeroAt * (1 - 1e-9)), PER_BIN_PARAMETER_BOUNDS[1]]] });
      }
      return [{ name, type: "histosys" as const, data: { lo_data: lo, hi_data: hi } }];
    });
  const nObs = t.observed.reduce((a, b) => a + b, 0);
  const bTot = bkg.reduce((a, b) => a + b, 0);
  const sTot = sig.reduce((a, b) => a + b, 0);
  // POI range: far beyond any limit (a 5σ-ish excess over the whole window's background, ×20).
  const poiHi = r6(Math.max(1, (20 * (5 + 3 * Math.sqrt(bTot + nObs))) / Math.max(sTot, 1e-12)));
  const bkgHi = r6(Math.max(10, (10 * nObs) / Math.max(bTot, 1e-12)));
  const eff = settings.efficiencyUncertainty;
  return {
    channels: [
      {
        name: "recoil",
        samples: [
          {
            name: "signal",
            data: sig,
            modifiers: [
              { name: WORKSPACE_NAMES.poi, type: "normfactor", data: null },
              ...(eff > 0
                ? [{ name: WORKSPACE_NAMES.efficiency, type: "normsys" as const, data: { hi: 1 + eff, lo: 1 - eff } }]
                : []),
              ...perBin("sig", sig, (i) => rs * sig[i]!),
            ],
          },
          {
            name: "background",
            data: bkg,
            modifiers: [
              { name: WORKSPACE_NAMES.backgroundNorm, type: "normfactor", data: null },
              ...perBin("bkg", bkg, (i) => bkgSigma[i]!),
            ],
          },
        ],
      },
    ],
    observations: [{ name: "recoil", data: Array.from(t.observed) }],
    measurements: [
      {
        name: "recoil",
        config: {
          poi: WORKSPACE_NAMES.poi,
          parameters: [
            { name: WORKSPACE_NAMES.poi, bounds: [[0, poiHi]], inits: [0] },
            { name: WORKSPACE_NAMES.backgroundNorm, bounds: [[0, bkgHi]], inits: [1] },
            ...binBounds,
          ],
        },
      },
    ],
    version: "1.0.0",
  } as Workspace;
}

const NAN5 = [Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN];

/** The limit and significance of a workspace (asymptotic, or toys on request). */
export function analyseWorkspace(
  ws: Workspace,
  settings: Pick<WindowSettings, "cl" | "cls" | "toys" | "seed">,
  streamOffset = 0,
): {
  upperLimit: number;
  expected: number[];
  q0: number;
  z: number;
  sigmaHat: number;
  backgroundNorm: number;
  nll: number;
  valid: boolean;
  parameters: number;
  method: "asymptotic" | "toys";
} {
  const model = compileModel(ws);
  const calc = makeAsymptoticCalculator(histFactoryLikelihood(model));
  const d = calc.discovery();
  const free = calc.freeFit();
  const bi = model.parameters.findIndex((p) => p.name === WORKSPACE_NAMES.backgroundNorm);
  const ul =
    settings.cls === "toys"
      ? toyUpperLimitSync(histFactoryModelToyLikelihood(model), {
          cl: settings.cl,
          toys: settings.toys,
          seed: settings.seed,
          streamOffset,
          anchorAtZero: true,
        })
      : calc.upperLimit({ cl: settings.cl });
  return {
    upperLimit: ul.observed,
    expected: [...ul.expected],
    q0: d.q0,
    z: d.z,
    sigmaHat: d.muHat,
    backgroundNorm: free.values[bi]!,
    nll: free.nll,
    valid: free.valid && d.valid,
    parameters: model.parameters.length,
    method: ul.method,
  };
}

/**
 * Analyses one hypothesis: templates, workspace, fit, significance, limits.
 * @returns the point record; never throws for a statistical failure (the status says what happened)
 * @throws {@link PhysError} for a mass outside the simulated signal range
 */
export function analyseRecoilPoint(
  model: RecoilModel,
  data: RecoilData,
  point: RecoilGridPoint,
  settings: WindowSettings,
): RecoilPointRecord {
  if (!(point.mass > 0)) throw argumentError("OUT_OF_DOMAIN", "mass", point.mass, "> 0 GeV");
  const t = windowTemplates(model, data, point, settings);
  const ws = windowWorkspace(t, point.mass * point.mass, settings);
  const nEvents = t.observed.reduce((a, b) => a + b, 0);
  const expectedBackground = t.background.reduce((a, b) => a + b, 0);
  const base = {
    index: point.index,
    mass: point.mass,
    massSquared: point.mass * point.mass,
    resolutionM2: t.m2Edges[1]! - t.m2Edges[0]!,
    windowLow: t.m2Edges[0]!,
    windowHigh: t.m2Edges[t.m2Edges.length - 1]!,
    massBins: t.m2Edges.length - 1,
    cosBins: t.cosEdges.length - 1,
    signalModel: settings.signalModel,
    widthGeV: t.widthGeV,
    nEvents,
    expectedBackground,
    efficiency: t.efficiency,
    signalPerFb: t.efficiency * settings.luminosityInvFb,
  };
  const failed = (status: RecoilPointRecord["status"], message: string): RecoilPointRecord => ({
    ...base,
    status,
    message,
    sigmaHatFb: Number.NaN,
    backgroundNorm: Number.NaN,
    q0: Number.NaN,
    localSignificance: Number.NaN,
    signedSignificance: Number.NaN,
    upperLimitSigmaFb: Number.NaN,
    expectedUpperLimitSigmaFb: NAN5,
    limitMethod: settings.cls,
    expectedUpperLimitSigmaFb1d: Number.NaN,
    fit: { valid: false, nll: Number.NaN, parameters: 0 },
  });
  if (nEvents < settings.minEvents) {
    return failed("too-few-events", `${nEvents} events in the window, fewer than ${settings.minEvents}`);
  }
  if (!(t.efficiency > 0)) return failed("fit-failed", "no simulated signal event is selected in the window");
  let r: ReturnType<typeof analyseWorkspace>;
  try {
    r = analyseWorkspace(ws, settings, 2 * settings.toys * point.index);
  } catch (e) {
    return failed("limit-failed", e instanceof Error ? e.message : String(e));
  }
  let exp1d = Number.NaN;
  if (settings.compare1d && base.cosBins > 1) {
    try {
      const t1 = windowTemplates(model, data, point, settings, true);
      const model1 = compileModel(windowWorkspace(t1, point.mass * point.mass, settings));
      exp1d = makeAsymptoticCalculator(histFactoryLikelihood(model1)).upperLimit({ cl: settings.cl }).expected[2];
    } catch {
      exp1d = Number.NaN;
    }
  } else if (settings.compare1d) exp1d = r.expected[2]!;
  const signed = r.sigmaHat >= 0 ? r.z : -Math.sqrt(Math.max(0, r.q0));
  return {
    ...base,
    status: r.valid ? "ok" : "fit-failed",
    ...(r.valid ? {} : { message: "the maximum-likelihood fit did not converge" }),
    sigmaHatFb: r.sigmaHat,
    backgroundNorm: r.backgroundNorm,
    q0: r.q0,
    localSignificance: r.z,
    signedSignificance: signed,
    upperLimitSigmaFb: r.upperLimit,
    expectedUpperLimitSigmaFb: r.expected,
    limitMethod: r.method,
    expectedUpperLimitSigmaFb1d: exp1d,
    fit: { valid: r.valid, nll: r.nll, parameters: r.parameters },
  };
}
