/**
 * The signal-shape calibration (Belle2-4mu secs. III-V): at each mass of a grid, simulate
 * e⁺e⁻ → μ⁺μ⁻X, X → μ⁺μ⁻, pass it through the Belle II detector model (`@muonphilic/detectors`,
 * `belle2({ tracking: "fourMuon", trigger: "fourMuon" })`: tracking resolution σ_pT/pT = 0.1% p_T ⊕ 0.3%,
 * the preset track angular resolution σ_θ = σ_φ = a ⊕ b/(pβ), CDC acceptance, muon identification,
 * the four-muon trigger), apply the selection of sec. IV C that the model can represent (four
 * tracks, at least three identified muons, trigger, photon energy below 0.4 GeV,
 * 10 < M(4μ) < 11 GeV), the four-constraint kinematic fit of sec. IV E (`@muonphilic/kinematics`,
 * with each track's covariance from the detector's own `trackResolution`, so the fit's errors are
 * the smearing's), and fit the double Crystal Ball to the reduced mass of the true X → μμ pair
 * (`@muonphilic/stats`, unbinned maximum likelihood with MIGRAD/HESSE). The efficiency is
 * selected/generated.
 *
 * Generator: `generateMuMuX` of `@muonphilic/models` with `method: "matrix-element"` (the
 * tree-level matrix element with full muon and X masses, valid over the whole 0.212-9 GeV range,
 * the production angular distribution from the lepton tensor) and `isr: true` (Kuraev-Fadin
 * radiator, one collinear photon, sampled jointly with the hard process); X → μ⁺μ⁻ of the Z′ with
 * the spin correlations of the production (its polarisation), of the scalar isotropic.
 *
 * Track angles: with exact angles the 4C fit would fix the four momentum magnitudes exactly (four
 * constraints, four unknowns) and the mass resolution would vanish; the Belle II preset's angular
 * resolution (`BELLE2_TRACK_ANGLES` of `@muonphilic/detectors`, an assumption tuned to the
 * resolution of Belle2-4mu sec. V) provides it.
 *
 * Not modelled, and so not in the efficiency: the MLP background suppression of sec. IV D and the
 * track-impact-parameter and electron-veto requirements. The efficiency is therefore higher than
 * Belle2-4mu Fig. 10; a user can replace it with --efficiency-correction or their own calibration.
 *
 * @packageDocumentation
 */
import { BELLE2_TRACK_ANGLES, type Belle2Detector, belle2, type DetectorModel, select } from "@muonphilic/detectors";
import { createKinematicFitter, createRandom, trackCovariance } from "@muonphilic/kinematics";
import { generateMuMuX } from "@muonphilic/models";
import { doubleCrystalBall, fit, pdfShape, unbinnedNLL } from "@muonphilic/stats";
import { M_MU } from "@muonphilic/units";
import {
  CALIBRATION_SCHEMA,
  CALIBRATION_SCHEMA_VERSION,
  type Calibration,
  type CalibrationPoint,
  type ModelName,
  toReducedMass,
} from "../calibration.js";
import { DEFAULTS } from "../config.js";
import { effectiveResolution } from "../fit/shape.js";

/** Settings of a calibration run. */
export interface CalibrationSettings {
  /** Dimuon masses to simulate, GeV, increasing. */
  readonly masses: readonly number[];
  /** Events generated per mass and model. */
  readonly events: number;
  readonly seed: number;
}

/**
 * Defaults: masses as in Belle2-4mu sec. III (every 250 MeV, plus a finer grid below 1 GeV as for
 * the scalar), 20,000 events per point.
 */
export const CALIBRATION_DEFAULTS: CalibrationSettings = {
  masses: [
    0.212,
    0.25,
    0.3,
    0.35,
    0.4,
    0.5,
    0.6,
    0.7,
    0.8,
    0.9,
    1.0,
    ...Array.from({ length: 32 }, (_, i) => Number((1.25 + 0.25 * i).toFixed(2))),
  ],
  events: 20000,
  seed: 2024,
};

const SPECIES = {
  muPlus: { species: "muon", charge: 1 },
  muMinus: { species: "muon", charge: -1 },
  xMuPlus: { species: "muon", charge: 1 },
  xMuMinus: { species: "muon", charge: -1 },
  gammaIsr: { species: "photon" },
} as const;
const MUONS = ["muPlus", "muMinus", "xMuPlus", "xMuMinus"] as const;

/** The selection of Belle2-4mu sec. IV that the detector model represents. */
function selection(reco: ReturnType<DetectorModel["reconstruct"]>) {
  return select(reco, [
    { kind: "reconstructed", particles: [...MUONS] },
    { kind: "trackCount", min: 4, max: 4 },
    { kind: "identification", particles: [...MUONS], muons: { min: 3 } },
    { kind: "trigger" },
    { kind: "photonVeto", maxTotalEnergyGeV: 0.4 },
    {
      kind: "custom",
      name: "10 < M(4mu) < 11 GeV",
      test: (ev, i) => {
        let e = 0;
        let px = 0;
        let py = 0;
        let pz = 0;
        for (const n of MUONS) {
          const p = ev.particles[n]!;
          e += p.e[i]!;
          px += p.px[i]!;
          py += p.py[i]!;
          pz += p.pz[i]!;
        }
        const m = Math.sqrt(Math.max(0, e * e - px * px - py * py - pz * pz));
        return m > 10 && m < 11;
      },
    },
  ]);
}

/** The Belle II model of Belle2-4mu: four-muon tracking (with its track angular resolution) and trigger. */
function calibrationDetector(): Belle2Detector {
  return belle2({ tracking: "fourMuon", trigger: "fourMuon" });
}

/** Robust width: 1.4826 × median absolute deviation. */
function robustSigma(x: Float64Array): { median: number; sigma: number } {
  const s = Float64Array.from(x).sort();
  const median = s[s.length >> 1]!;
  const dev = Float64Array.from(s, (v) => Math.abs(v - median)).sort();
  return { median, sigma: 1.4826 * dev[dev.length >> 1]! };
}

/** Options of {@link simulateSignalOffsets} and {@link calibratePoint}: what a study may vary. */
export interface SignalSimulationOptions {
  /** The detector (default: the Belle II four-muon preset, `belle2({ tracking: "fourMuon", trigger: "fourMuon" })`). */
  readonly detector?: DetectorModel & Pick<Belle2Detector, "beams">;
  /** The generator method of `generateMuMuX` (default "matrix-element"). */
  readonly method?: "matrix-element" | "splitting";
}

/**
 * Simulates one (model, mass) point through the chain (generator, detector, selection, 4C fit)
 * and returns M_R(fit) − M_R(true) of the true X pair for every selected, fitted event.
 * @param model - "zprime" or "scalar"
 * @param mass - the X mass, GeV
 * @param events - events generated
 * @param seed - seed; the random stream is `createRandom(seed, stream)`
 * @param stream - the random stream (the calibration derives it from model and mass index)
 * @param options - detector and generator method ({@link SignalSimulationOptions})
 * @returns the offsets, GeV (in event order)
 */
export function simulateSignalOffsets(
  model: ModelName,
  mass: number,
  events: number,
  seed: number,
  stream: number,
  options: SignalSimulationOptions = {},
): Float64Array {
  const rng = createRandom(seed, stream);
  const detector = options.detector ?? calibrationDetector();
  const beams = detector.beams;
  const spin = model === "zprime" ? "vector" : "scalar";
  const method = options.method ?? "matrix-element";
  const sample = generateMuMuX(
    { mass, coupling: 1, spin, decay: "mumu", events, beams, isr: true, method },
    rng.fork(1),
  );
  const reco = detector.reconstruct(sample.events, SPECIES, rng.fork(2));
  const sel = selection(reco);
  const fitter = createKinematicFitter({
    masses: [M_MU, M_MU, M_MU, M_MU],
    constraints: [{ type: "fourMomentum", total: beams.total }],
  });
  const momenta = new Float64Array(12);
  const cov = new Float64Array(36);
  const trueReduced = toReducedMass(mass);
  const offsets: number[] = [];
  const parts = MUONS.map((n) => reco.particles[n]!);
  for (let i = 0; i < reco.size; i++) {
    if (sel.passed[i] !== 1) continue;
    parts.forEach((q, j) => {
      const px = q.px[i]!;
      const py = q.py[i]!;
      const pz = q.pz[i]!;
      momenta[3 * j] = px;
      momenta[3 * j + 1] = py;
      momenta[3 * j + 2] = pz;
      // the covariance of the detector's own smearing, at the measured momentum
      cov.set(trackCovariance({ x: px, y: py, z: pz }, detector.trackResolution("muon", px, py, pz, M_MU)), 9 * j);
    });
    const r = fitter.fit(momenta, cov);
    if (!r.valid) continue;
    // The X daughters are tracks 2 and 3 (xMuPlus, xMuMinus).
    const a = r.particles[2]!;
    const b = r.particles[3]!;
    const e = a.e + b.e;
    const m2 = e * e - (a.px + b.px) ** 2 - (a.py + b.py) ** 2 - (a.pz + b.pz) ** 2;
    const reduced = toReducedMass(Math.sqrt(Math.max(m2, 0)));
    if (Number.isFinite(reduced)) offsets.push(reduced - trueReduced);
  }
  return Float64Array.from(offsets);
}

/**
 * Fits the double Crystal Ball (core tail low, second tail high) to the offsets
 * M_R(fit) − M_R(true) of a simulated point over the median ± 35 robust widths (which covers the
 * scan window of ±30 resolutions), and counts the efficiency inside the scan window.
 * @param mass - the X mass, GeV
 * @param offsets - M_R(fit) − M_R(true) of the selected events, GeV ({@link simulateSignalOffsets})
 * @param events - events generated (the efficiency's denominator)
 * @returns the calibration point
 */
export function fitSignalShape(mass: number, offsets: Float64Array, events: number): CalibrationPoint {
  const trueReduced = toReducedMass(mass);
  const nSel = offsets.length;
  const x = offsets;
  const { median, sigma: rs } = robustSigma(x);
  // The shape is fitted over ±35 robust widths, which covers the scan window (±30 resolutions).
  const low = Math.max(-trueReduced, median - 35 * rs);
  const high = median + 35 * rs;
  const inWindow = x.filter((v) => v > low && v < high);
  const names = ["mean", "sigma1", "alpha1", "n1", "sigma2", "alpha2", "n2", "fraction1"];
  const shape = pdfShape(
    names,
    ([mean, sigma1, alpha1, n1, sigma2, alpha2, n2, fraction1]) =>
      doubleCrystalBall({
        mean: mean!,
        sigma1: sigma1!,
        alpha1: alpha1!,
        n1: n1!,
        sigma2: sigma2!,
        alpha2: alpha2!,
        n2: n2!,
        fraction1: fraction1!,
        low,
        high,
      }),
    low,
    high,
  );
  const nll = unbinnedNLL({ data: inWindow, shape });
  const start = {
    mean: { value: median, step: 0.1 * rs },
    sigma1: { value: 0.8 * rs, lower: 0.05 * rs, upper: 10 * rs, step: 0.1 * rs },
    alpha1: { value: 1.5, lower: 0.2, upper: 10 },
    n1: { value: 3, lower: 1.05, upper: 60 },
    sigma2: { value: 1.3 * rs, lower: 0.05 * rs, upper: 10 * rs, step: 0.1 * rs },
    alpha2: { value: -1.5, lower: -10, upper: -0.2 },
    n2: { value: 3, lower: 1.05, upper: 60 },
    fraction1: { value: 0.5, lower: 0, upper: 1 },
  };
  let r = fit(nll, start);
  if (!r.valid) {
    // The eight parameters are partly degenerate between the two Crystal Balls and MIGRAD can
    // exhaust its default call budget: continue once from where it stopped with a larger budget,
    // and keep the result with the lower NLL (its status is reported either way).
    const restart = Object.fromEntries(
      Object.entries(start).map(([k, spec]) => [k, { ...spec, value: r.parameters[k]!.value }]),
    ) as typeof start;
    const again = fit(nll, restart, { maxfcn: 20000 });
    if (again.valid || again.nllMin < r.nllMin) r = again;
  }
  const v = (n: string): number => r.parameters[n]!.value;
  const core = { sigmaGeV: v("sigma1"), alpha: v("alpha1"), n: v("n1") };
  const tail = { sigmaGeV: v("sigma2"), alpha: v("alpha2"), n: v("n2") };
  const fraction = v("fraction1");
  // the effective resolution of the calibration schema, √(f σ₁² + (1 − f) σ₂²)
  const resolution = effectiveResolution({
    core: { sigma: core.sigmaGeV, alpha: core.alpha, n: core.n },
    tail: { sigma: tail.sigmaGeV, alpha: tail.alpha, n: tail.n },
    fraction,
  });
  // The efficiency counts the selected events inside the default scan window (±30 resolutions
  // around the fitted mean): the signal yield of a window fit is the number of events in its
  // region, so this is the efficiency that converts it to a cross section.
  const half = 0.5 * DEFAULTS.window * resolution;
  const mean = v("mean");
  const inScanWindow = x.filter((d) => Math.abs(d - mean) <= half).length;
  const eff = inScanWindow / events;
  return {
    massGeV: mass,
    meanOffsetGeV: v("mean"),
    core,
    tail,
    fraction,
    resolutionGeV: resolution,
    efficiency: eff,
    efficiencyError: Math.sqrt((eff * (1 - eff)) / events),
    nGenerated: events,
    nSelected: nSel,
    fitStatus: r.valid ? "ok" : `${r.status} (covariance ${r.covarianceStatus})`,
  };
}

/**
 * Simulates and fits one (model, mass) point: {@link simulateSignalOffsets}, then {@link fitSignalShape}.
 * @param model - "zprime" or "scalar"
 * @param mass - the X mass, GeV
 * @param settings - masses, events and seed
 * @param stream - the random stream (derived from model and mass index)
 * @param options - detector and generator method (defaults: the calibration's)
 */
export function calibratePoint(
  model: ModelName,
  mass: number,
  settings: CalibrationSettings,
  stream: number,
  options: SignalSimulationOptions = {},
): CalibrationPoint {
  const offsets = simulateSignalOffsets(model, mass, settings.events, settings.seed, stream, options);
  return fitSignalShape(mass, offsets, settings.events);
}

/**
 * Runs the calibration for both models over the mass grid.
 * @param settings - masses, events and seed
 * @param onPoint - progress callback
 */
export function simulateCalibration(
  settings: CalibrationSettings,
  onPoint: (model: ModelName, point: CalibrationPoint) => void = () => {},
): Calibration {
  const models = {} as Record<ModelName, CalibrationPoint[]>;
  (["zprime", "scalar"] as const).forEach((model, mi) => {
    models[model] = settings.masses.map((mass, i) => {
      const pt = calibratePoint(model, mass, settings, 1000 * mi + i);
      onPoint(model, pt);
      return pt;
    });
  });
  return {
    schema: CALIBRATION_SCHEMA,
    schemaVersion: CALIBRATION_SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    provenance: {
      detector:
        "@muonphilic/detectors belle2({ tracking: 'fourMuon', trigger: 'fourMuon' }) with its default track angles (preset 'fourMuon')",
      trackAnglesRad: {
        constant: BELLE2_TRACK_ANGLES.constantRad,
        scatteringGeV: BELLE2_TRACK_ANGLES.scatteringGeVRad,
      },
      selection:
        "4 reconstructed tracks, >= 3 identified muons, four-muon trigger, photon energy < 0.4 GeV, 10 < M(4mu) < 11 GeV; no MLP (Belle2-4mu sec. IV D is not modelled)",
      kinematicFit:
        "4C fit of the four muon momenta to the beam four-momentum (Belle2-4mu sec. IV E), @muonphilic/kinematics, track covariances from the detector's trackResolution",
      generator:
        "@muonphilic/models generateMuMuX({ method: 'matrix-element', isr: true }): tree-level matrix element with full masses, production angular distribution from the lepton tensor, Kuraev-Fadin ISR sampled jointly, Z' -> mu mu with the spin correlations of the production, S -> mu mu isotropic",
      shapeFit:
        "unbinned ML fit of a double Crystal Ball (core tail low, second tail high) to M_R(fit) - M_R(true) of the true X pair, window median +- 35 robust sigma",
      masses: settings.masses,
      eventsPerPoint: settings.events,
      seed: settings.seed,
    },
    models,
  };
}
