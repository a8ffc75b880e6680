/**
 * One mass hypothesis of the resonance scan: build its window (Belle2-4mu sec. V: 60 resolutions
 * wide, quadratic background below 1 GeV and linear above, J/ψ veto), analyse it, and return a
 * plain, JSON-serialisable record (what the checkpoint stores and the workers send back).
 *
 * @packageDocumentation
 */
import { type Calibration, type SignalModelAt, signalModelAt } from "../calibration.js";
import { analyseWindow, type WindowAnalysis, type YieldLimits } from "../fit/analyse.js";
import { type ToyYieldLimits, toysLimits } from "../fit/toys.js";
import { buildWindowModel, makeWindow, type WindowModel, type WindowSpec } from "../fit/window.js";
import type { GridPoint } from "../grid.js";
import { interpolateSorted } from "../interpolate.js";

/**
 * The total relative systematic uncertainty on the expected signal yield vs dimuon mass (linear
 * interpolation, flat beyond the ends); a single entry is a constant.
 */
export interface SystematicsTable {
  readonly massGeV: readonly number[];
  readonly relative: readonly number[];
}

/**
 * The selection efficiency of each model vs dimuon mass (`--efficiency`; linear interpolation, flat
 * beyond the ends), replacing the calibration's. The efficiency correction still multiplies it.
 */
export interface EfficiencyTable {
  readonly massGeV: readonly number[];
  readonly zprime: readonly number[];
  readonly scalar: readonly number[];
}

/**
 * A tabulated function of mass at `mass` (GeV): linear between the entries, flat beyond the ends;
 * a single entry is a constant.
 * @param massGeV - increasing masses
 * @param values - the values at those masses
 * @param mass - where to evaluate
 */
export function interpolateInMass(massGeV: readonly number[], values: readonly number[], mass: number): number {
  return interpolateSorted(
    massGeV.length,
    (i) => massGeV[i]!,
    (i) => values[i]!,
    mass,
  );
}

/** Evaluates a {@link SystematicsTable} at a dimuon mass (GeV). */
export function systematicAt(table: SystematicsTable, mass: number): number {
  return interpolateInMass(table.massGeV, table.relative, mass);
}

/** The statistical settings of a scan (everything that changes a point's numbers). */
export interface PointSettings {
  /** Confidence level of the upper limits. */
  readonly cl: number;
  /** Window width in resolutions (60). */
  readonly windowInResolutions: number;
  /** Background polynomial order below and above `orderSwitchMass`. */
  readonly orderLow: number;
  readonly orderHigh: number;
  /** Dimuon mass where the background order switches, GeV. */
  readonly orderSwitchMass: number;
  /** Excluded reduced-mass intervals (the J/ψ veto), GeV. */
  readonly reducedVetoes: readonly (readonly [number, number])[];
  /** Minimum number of events in a window. */
  readonly minEvents: number;
  /** Relative Gaussian uncertainty on the signal yield (systematics) vs dimuon mass. */
  readonly systematics: SystematicsTable;
  /** Efficiencies replacing the calibration's (`--efficiency`), or null for the calibration's. */
  readonly efficiency: EfficiencyTable | null;
  /** "asymptotic" or "toys" CLs. */
  readonly cls: "asymptotic" | "toys";
  /** Toys per hypothesis and seed when `cls` is "toys". */
  readonly toys: number;
  readonly seed: number;
}

/**
 * The per-point record (wire format, GeV; NaN stored as null in JSON): the window analysis with
 * its limits flattened, plus the hypothesis, its window and the efficiencies.
 */
export interface PointRecord extends Omit<WindowAnalysis, "limits" | "limitsWithSystematics"> {
  readonly index: number;
  readonly mass: number;
  readonly reducedMass: number;
  readonly resolution: number;
  readonly windowLow: number;
  readonly windowHigh: number;
  readonly backgroundOrder: number;
  /** Upper limit on the signal yield (statistical only) and its five expected band values. */
  readonly upperLimitYield: number;
  readonly expectedUpperLimitYield: readonly number[];
  /** The same with the Gaussian-constrained systematic uncertainty on the signal yield. */
  readonly upperLimitYieldSyst: number;
  readonly expectedUpperLimitYieldSyst: readonly number[];
  readonly relativeSystematic: number;
  readonly efficiencyZprime: number;
  readonly efficiencyScalar: number;
  readonly limitMethod: "asymptotic" | "toys";
}

/**
 * The window of a hypothesis: the calibrated signal at its mass, the background order, the window
 * (±window/2 resolutions minus the vetoes) and its model over the sorted reduced masses.
 */
export function windowAt(
  sorted: Float64Array,
  calibration: Calibration,
  point: GridPoint,
  settings: Pick<PointSettings, "windowInResolutions" | "orderLow" | "orderHigh" | "orderSwitchMass" | "reducedVetoes">,
): { signal: SignalModelAt; order: number; spec: WindowSpec; model: WindowModel } {
  const signal = signalModelAt(calibration, point.mass);
  const order = point.mass < settings.orderSwitchMass ? settings.orderLow : settings.orderHigh;
  const halfWidth = 0.5 * settings.windowInResolutions * signal.resolution;
  const spec = makeWindow(point.reducedMass, halfWidth, settings.reducedVetoes, order);
  return { signal, order, spec, model: buildWindowModel(sorted, spec, signal.shape) };
}

/** Number of signal yields tested by toy CLs on (0, μ_max]. */
const TOY_MU_STEPS = 16;

const NAN5 = [Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN];

/**
 * Analyses one grid point on the sorted reduced-mass column. Never throws for a numerical failure:
 * the record carries the status.
 * @param sorted - reduced masses of all events, ascending, GeV
 * @param calibration - the signal calibration
 * @param point - the hypothesis
 * @param settings - the statistical settings
 */
export function analysePoint(
  sorted: Float64Array,
  calibration: Calibration,
  point: GridPoint,
  settings: PointSettings,
): PointRecord {
  const { signal, order, spec, model } = windowAt(sorted, calibration, point, settings);
  const relSyst = systematicAt(settings.systematics, point.mass);
  const a = analyseWindow(model, { cl: settings.cl, relativeSystematic: relSyst, minEvents: settings.minEvents });
  let stat = a.limits;
  let syst = a.limitsWithSystematics;
  let status = a.status;
  let message = a.message;
  if (settings.cls === "toys" && a.limits !== null) {
    // Toy limits with and without the systematic (its global observable randomised in the toys),
    // each on yields up to 1.5 times the larger of its asymptotic observed and +2σ expected limits;
    // both on the point's own random streams.
    const toyLimits = (asymptotic: YieldLimits | null, relativeSystematic: number): ToyYieldLimits | null =>
      asymptotic === null
        ? null
        : toysLimits(model, {
            cl: settings.cl,
            toys: settings.toys,
            seed: settings.seed,
            stream: point.index,
            muMax: 1.5 * Math.max(asymptotic.observed, asymptotic.expected[4]),
            steps: TOY_MU_STEPS,
            relativeSystematic,
          });
    const t = toyLimits(a.limits, 0);
    const ts = relSyst > 0 ? toyLimits(a.limitsWithSystematics, relSyst) : t;
    const notes: string[] = [];
    if (t === null) notes.push("toy CLs: no bracket of the statistical-only limit");
    if (ts === null && relSyst > 0 && a.limitsWithSystematics !== null)
      notes.push("toy CLs: no bracket of the limit with systematics");
    if (t === null || ts === null) status = "limit-failed";
    const failed = (t?.failedToys ?? 0) + (ts !== t ? (ts?.failedToys ?? 0) : 0);
    if (failed > 0) notes.push(`toy CLs: ${failed} toys dropped (a fit failed)`);
    if (notes.length > 0) message = [message, ...notes].filter((m) => m !== undefined).join("; ");
    stat = t;
    syst = ts;
  }
  return {
    index: point.index,
    mass: point.mass,
    reducedMass: point.reducedMass,
    resolution: signal.resolution,
    windowLow: spec.low,
    windowHigh: spec.high,
    backgroundOrder: order,
    status,
    ...(message === undefined ? {} : { message }),
    nEvents: a.nEvents,
    signalYield: a.signalYield,
    signalYieldError: a.signalYieldError,
    backgroundYield: a.backgroundYield,
    backgroundYieldError: a.backgroundYieldError,
    backgroundCoefficients: a.backgroundCoefficients,
    q0: a.q0,
    localSignificance: a.localSignificance,
    signedSignificance: a.signedSignificance,
    upperLimitYield: stat?.observed ?? Number.NaN,
    expectedUpperLimitYield: stat?.expected ?? NAN5,
    upperLimitYieldSyst: syst?.observed ?? Number.NaN,
    expectedUpperLimitYieldSyst: syst?.expected ?? NAN5,
    relativeSystematic: relSyst,
    efficiencyZprime:
      settings.efficiency === null
        ? signal.efficiency.zprime
        : interpolateInMass(settings.efficiency.massGeV, settings.efficiency.zprime, point.mass),
    efficiencyScalar:
      settings.efficiency === null
        ? signal.efficiency.scalar
        : interpolateInMass(settings.efficiency.massGeV, settings.efficiency.scalar, point.mass),
    limitMethod: settings.cls,
    fit: a.fit,
  };
}
