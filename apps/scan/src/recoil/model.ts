/**
 * The simulated model of the recoil scan (Belle2-inv "templates from simulation"): the signal at a
 * grid of Z' masses (`@muonphilic/models`' matrix-element generator with ISR, Z' → invisible,
 * through the Belle II detector of `@muonphilic/detectors` and the selection of `selection.ts`),
 * reduced to an efficiency, a resolution σ(M²) and a fine two-dimensional shape in
 * (u = (M²_recoil − m²)/σ, cos θ*); and the Standard-Model backgrounds (`@muonphilic/backgrounds`:
 * τ pairs → μμ4ν, μμγ, e+e-μ+μ- by two-photon fusion) as weighted selected events, from which every
 * window's background template is filled. Everything is regenerated from fixed seeds at the start
 * of a scan (a few seconds), so the same settings give the same model on every machine.
 *
 * @packageDocumentation
 */
import { type ProcessProvenance, toyDataset } from "@muonphilic/backgrounds";
import { type Belle2Detector, belle2, select } from "@muonphilic/detectors";
import { createRandom } from "@muonphilic/kinematics";
import { generateMuMuX } from "@muonphilic/models";
import { argumentError } from "@muonphilic/units";
import { type RecoilCuts, recoilEvaluator, recoilEventAt, recoilRequirements } from "./selection.js";

/** The fine signal-shape grid: u = (M² − m²)/σ from U_MIN in steps of U_STEP, cos θ* in COS_BINS equal bins. */
export const SHAPE_GRID = {
  uMin: -10,
  uStep: 0.25,
  uBins: 160,
  cosBins: 40,
} as const;

/** The signal at one simulated mass. */
export interface SignalPoint {
  /** Z' mass, GeV. */
  readonly mass: number;
  /** Selected fraction of the generated events (all cuts, any M²). */
  readonly efficiency: number;
  /** Resolution σ(M²_recoil), GeV²: 1.4826 × the median absolute deviation of M²_reco − m² of the selected events (robust against the ISR tail). */
  readonly sigmaM2: number;
  /** Median of M²_reco − m², GeV² (the ISR shift). */
  readonly shiftM2: number;
  /** Probability per generated event of each fine cell (u-major, cos-minor), {@link SHAPE_GRID}. */
  readonly shape: Float64Array;
  /** Selected events simulated (unweighted count with non-zero weight). */
  readonly selectedEvents: number;
}

/** One background process as weighted selected events, sorted by M². */
export interface BackgroundSample {
  readonly name: string;
  readonly label: string;
  readonly provenance: ProcessProvenance;
  /** M²_recoil (GeV², increasing), cos θ*, expected events at the scan's luminosity per entry. */
  readonly m2: Float64Array;
  readonly cosTheta: Float64Array;
  readonly weight: Float64Array;
  /** Expected selected events at the luminosity, and generated pool size. */
  readonly expected: number;
  readonly poolEvents: number;
}

/** The simulated model. */
export interface RecoilModel {
  readonly signal: readonly SignalPoint[];
  readonly backgrounds: readonly BackgroundSample[];
  readonly luminosityInvFb: number;
}

/** Settings of {@link simulateRecoilModel}. */
export interface ModelSettings {
  readonly luminosityInvFb: number;
  readonly cuts: RecoilCuts;
  /** Masses of the signal simulation, GeV (increasing). */
  readonly signalMasses: readonly number[];
  readonly signalEvents: number;
  readonly backgroundEvents: number;
  readonly backgroundProcesses: readonly string[];
  readonly seed: number;
}

/** Labels of the background processes in plots. */
export const BACKGROUND_LABELS: Readonly<Record<string, string>> = {
  "belle2.tauPairMuMu": "e⁺e⁻ → τ⁺τ⁻ (→ μμ4ν)",
  "belle2.muMuGamma": "e⁺e⁻ → μ⁺μ⁻γ",
  "belle2.twoPhotonMuMu": "e⁺e⁻ → e⁺e⁻μ⁺μ⁻",
};

/** The Belle II detector of the recoil search: default tracking and identification, the two-track trigger, the conservative photon veto. */
export function recoilDetector(): Belle2Detector {
  return belle2({ trigger: "twoTrack", photonVeto: "conservative" });
}

const SIGNAL_SPECIES = {
  muMinus: { species: "muon", charge: -1 },
  muPlus: { species: "muon", charge: 1 },
  x: "invisible",
  gammaIsr: "photon",
} as const;

function median(sorted: Float64Array): number {
  const n = sorted.length;
  return n === 0 ? Number.NaN : n % 2 ? sorted[(n - 1) / 2]! : 0.5 * (sorted[n / 2 - 1]! + sorted[n / 2]!);
}

/**
 * Simulates the signal at one mass and reduces it to a {@link SignalPoint}.
 * @param mass - Z' mass (GeV), 0 < m < √s − 2m_μ
 * @param events - generated events
 * @param cuts - the selection cuts
 * @param seed - the seed of this mass
 */
export function simulateSignalPoint(mass: number, events: number, cuts: RecoilCuts, seed: number): SignalPoint {
  const det = recoilDetector();
  const rng = createRandom(seed);
  const gen = generateMuMuX(
    { mass, coupling: 1e-3, spin: "vector", decay: "invisible", events, isr: true, beams: det.beams },
    rng.fork(1),
  );
  const reco = det.reconstruct(gen.events, SIGNAL_SPECIES, rng.fork(2));
  const sel = select(reco, recoilRequirements(det.beams, cuts), { mode: "weight" });
  const ev = recoilEvaluator(det.beams, cuts);
  const a = reco.particles.muMinus!;
  const b = reco.particles.muPlus!;
  const idx: number[] = [];
  for (let i = 0; i < reco.size; i++) if (sel.weight[i]! > 0) idx.push(i);
  const m2 = new Float64Array(idx.length);
  const cos = new Float64Array(idx.length);
  const w = new Float64Array(idx.length);
  let sumW = 0;
  idx.forEach((i, k) => {
    const r = ev(a.px[i]!, a.py[i]!, a.pz[i]!, b.px[i]!, b.py[i]!, b.pz[i]!);
    m2[k] = r.m2 - mass * mass;
    cos[k] = r.cosTheta;
    w[k] = sel.weight[i]!;
    sumW += w[k]!;
  });
  const d = Float64Array.from(m2).sort();
  const shift = median(d);
  const dev = Float64Array.from(d, (x) => Math.abs(x - shift)).sort();
  const sigma = 1.4826 * median(dev);
  const { uMin, uStep, uBins, cosBins } = SHAPE_GRID;
  const shape = new Float64Array(uBins * cosBins);
  for (let k = 0; k < m2.length; k++) {
    const ub = Math.floor((m2[k]! / sigma - uMin) / uStep);
    if (ub < 0 || ub >= uBins) continue;
    const cb = Math.min(cosBins - 1, Math.max(0, Math.floor(((cos[k]! + 1) / 2) * cosBins)));
    shape[ub * cosBins + cb]! += w[k]! / events;
  }
  return { mass, efficiency: sumW / events, sigmaM2: sigma, shiftM2: shift, shape, selectedEvents: idx.length };
}

/**
 * Simulates the backgrounds: weighted pools of each process through the detector and the
 * selection (weight mode), at the luminosity; entries sorted by M².
 */
export function simulateBackgrounds(settings: ModelSettings): {
  samples: BackgroundSample[];
  toy: { m2: Float64Array; cosTheta: Float64Array };
} {
  const det = recoilDetector();
  const at = recoilEventAt(det.beams, settings.cuts);
  const toy = toyDataset({
    processes: settings.backgroundProcesses,
    exposure: { luminosityInvFb: settings.luminosityInvFb },
    detector: det,
    selection: recoilRequirements(det.beams, settings.cuts),
    seed: settings.seed,
    poolEvents: settings.backgroundEvents,
    variables: { m2: (e, i) => at(e, i).m2, cosTheta: (e, i) => at(e, i).cosTheta },
    maxExpectedEvents: 1e8,
  });
  const samples = toy.pools.map((p, k) => {
    const [m2, cosTheta, weight] = sortedByFirst([p.variables.m2!, p.variables.cosTheta!, p.weight]);
    const y = toy.yields[k]!;
    return {
      name: p.name,
      label: BACKGROUND_LABELS[p.name] ?? p.name,
      provenance: y.provenance,
      m2,
      cosTheta,
      weight,
      expected: y.expected,
      poolEvents: settings.backgroundEvents,
    };
  });
  // The toy's observed events (Poisson total, drawn from the pools by weight): the embedded dataset.
  const [m2, cosTheta] = sortedByFirst([toy.events.variables.m2!, toy.events.variables.cosTheta!]);
  return { samples, toy: { m2, cosTheta } };
}

/**
 * The columns reordered so that the first ascends (one stable permutation for all of them);
 * returned as they are when it already ascends (the embedded toy, sorted in the simulation).
 */
export function sortedByFirst<const T extends readonly [Float64Array, ...Float64Array[]]>(
  columns: T,
): { -readonly [K in keyof T]: Float64Array } {
  type Sorted = { -readonly [K in keyof T]: Float64Array };
  const key = columns[0];
  let ascending = true;
  for (let i = 1; i < key.length && ascending; i++) ascending = key[i]! >= key[i - 1]!;
  if (ascending) return [...columns] as unknown as Sorted;
  const order = new Uint32Array(key.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((i, j) => key[i]! - key[j]!);
  return columns.map((c) => {
    const out = new Float64Array(order.length);
    for (let i = 0; i < order.length; i++) out[i] = c[order[i]!]!;
    return out;
  }) as unknown as Sorted;
}

/**
 * Simulates the whole model (module documentation).
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for non-increasing signal masses or a bad pool size
 */
export function simulateRecoilModel(settings: ModelSettings): {
  model: RecoilModel;
  toy: { m2: Float64Array; cosTheta: Float64Array };
} {
  const ms = settings.signalMasses;
  if (ms.length < 2 || ms.some((m, i) => !(m > 0) || (i > 0 && !(m > ms[i - 1]!)))) {
    throw argumentError("OUT_OF_DOMAIN", "signalMasses", ms, "at least two increasing masses > 0 GeV");
  }
  const signal = ms.map((m, i) =>
    simulateSignalPoint(m, settings.signalEvents, settings.cuts, settings.seed + 1000 + i),
  );
  const bkg = simulateBackgrounds(settings);
  return { model: { signal, backgrounds: bkg.samples, luminosityInvFb: settings.luminosityInvFb }, toy: bkg.toy };
}

/** The signal at an arbitrary mass: σ, shift, efficiency and shape interpolated linearly in mass between the simulated masses (in units of σ). */
export function signalAt(model: RecoilModel, mass: number): Omit<SignalPoint, "selectedEvents"> {
  const s = model.signal;
  const first = s[0]!;
  const last = s[s.length - 1]!;
  if (!(mass >= first.mass && mass <= last.mass)) {
    throw argumentError(
      "OUT_OF_DOMAIN",
      "mass",
      mass,
      `[${first.mass}, ${last.mass}] GeV (the simulated signal masses)`,
    );
  }
  let k = 0;
  while (k < s.length - 2 && mass > s[k + 1]!.mass) k++;
  const a = s[k]!;
  const b = s[k + 1]!;
  const t = (mass - a.mass) / (b.mass - a.mass);
  const lin = (x: number, y: number) => x + t * (y - x);
  const shape = new Float64Array(a.shape.length);
  for (let i = 0; i < shape.length; i++) shape[i] = lin(a.shape[i]!, b.shape[i]!);
  return {
    mass,
    efficiency: lin(a.efficiency, b.efficiency),
    sigmaM2: lin(a.sigmaM2, b.sigmaM2),
    shiftM2: lin(a.shiftM2, b.shiftM2),
    shape,
  };
}
