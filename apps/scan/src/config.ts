/**
 * The configuration of a resonance scan, its defaults (Belle2-4mu secs. V-VI and Table I), and
 * its wire form (the `settings` of results.json, with units in the field names).
 *
 * @packageDocumentation
 */
import type { Gm2InputName } from "@muonphilic/models";
import { LOOK_ELSEWHERE_DEFAULTS } from "@muonphilic/stats";
import type { InputFormat } from "./io/readers.js";
import type { EfficiencyTable, SystematicsTable } from "./run/point.js";

/**
 * The components of Table I of Belle2-4mu (relative uncertainties on the signal efficiency and
 * yield, in %). Where the paper gives a range without its mass dependence (trigger, particle
 * identification, MLP selection), the default takes the upper end of the range: our choice, not
 * the paper's, which reproduces the paper's largest total (12.9%).
 */
export const TABLE_I_PERCENT = {
  trigger: 1.7,
  tracking: 3.6,
  particleIdentification: 3,
  beamBackground: 1,
  mlpSelection: 8.1,
  efficiencyInterpolation: 3,
  fitBias: 4,
  massResolution: 7,
  luminosity: 1,
} as const;

/** The quadrature sum of {@link TABLE_I_PERCENT}, as a fraction (0.129). */
export const TABLE_I_TOTAL: number = Math.hypot(...Object.values(TABLE_I_PERCENT)) / 100;

/** Defaults of `muonphilic scan resonance`. */
export const DEFAULTS = {
  /** Scan range in dimuon mass, GeV (Belle2-4mu sec. V). */
  minMass: 0.212,
  maxMass: 9.0,
  /** Scan step in resolutions and window width in resolutions (sec. V). */
  step: 1,
  window: 60,
  /** Confidence level of the limits (sec. VII). */
  cl: 0.9,
  /** Background polynomial order below / above `orderSwitchMass` GeV (sec. V). */
  orderLow: 2,
  orderHigh: 1,
  orderSwitchMass: 1.0,
  /** The J/ψ veto in dimuon mass, GeV (sec. V). */
  vetoes: [[3.07, 3.12]] as readonly (readonly [number, number])[],
  /** Limits: asymptotic CLs; toys per tested yield when "toys". */
  cls: "asymptotic" as "asymptotic" | "toys",
  toys: 500,
  seed: 20240614,
  /** Integrated luminosity, fb⁻¹ (sec. III). */
  luminosityInvFb: 178,
  /** Fitted yields are scaled by 7% (sec. V). */
  yieldCorrection: 1.07,
  /** Relative efficiency loss from large-angle ISR photons vetoed by the selection: 2.8% (sec. IV E). */
  efficiencyCorrection: 1 - 0.028,
  /** Collision energy, GeV (sec. III). */
  sqrtS: 10.58,
  /** (g−2)_μ input and band width for the favoured coupling band (Fig. 14: ±2σ). */
  gm2Input: "fnal2021" as Gm2InputName,
  gm2Sigmas: 2,
  /** Fewest events in a fit region for a fit. */
  minEvents: 10,
  /** Gross–Vitells reference level u₀ of q₀ (that of `@muonphilic/stats`). */
  referenceLevel: LOOK_ELSEWHERE_DEFAULTS.referenceLevel,
  /** Largest valid input mass, GeV (above √s is unphysical). */
  maxInputMass: 11,
  /** Seed of injected signal events. */
  injectSeed: 7,
} as const;

/** Where the data come from. */
export type DataSource =
  | { readonly kind: "embedded" }
  | {
      readonly kind: "file";
      readonly path: string;
      readonly column?: string;
      readonly format?: InputFormat;
      readonly tree?: string;
    };

/** A signal injection: events of the calibrated signal shape at a mass. */
export interface Injection {
  /** Dimuon mass, GeV. */
  readonly mass: number;
  /** Mean number of injected events (the injected count is exactly this, rounded). */
  readonly yield: number;
}

/** The full configuration of a scan. */
export interface ScanConfig {
  readonly data: DataSource;
  readonly out: string;
  /** Calibration file; the packaged default when absent. */
  readonly calibration?: string;
  readonly minMass: number;
  readonly maxMass: number;
  readonly step: number;
  readonly window: number;
  readonly cl: number;
  readonly orderLow: number;
  readonly orderHigh: number;
  readonly orderSwitchMass: number;
  readonly vetoes: readonly (readonly [number, number])[];
  readonly cls: "asymptotic" | "toys";
  readonly toys: number;
  readonly seed: number;
  readonly luminosityInvFb: number;
  readonly yieldCorrection: number;
  readonly efficiencyCorrection: number;
  readonly systematics: SystematicsTable;
  /** Efficiencies replacing the calibration's (`--efficiency FILE`), or null. */
  readonly efficiency: EfficiencyTable | null;
  readonly sqrtS: number;
  readonly gm2Input: Gm2InputName;
  readonly gm2Sigmas: number;
  readonly minEvents: number;
  readonly referenceLevel: number;
  readonly inject: readonly Injection[];
  readonly injectSeed: number;
  /** Execution only (not part of the run identity). */
  readonly workers: number;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly skipInvalid: boolean;
  readonly fresh: boolean;
  readonly progress: boolean;
  readonly plots: boolean;
}

/** The `settings` block of results.json (wire form; units in names). */
export interface SettingsWire {
  readonly minMassGeV: number;
  readonly maxMassGeV: number;
  readonly stepInResolutions: number;
  readonly windowInResolutions: number;
  readonly cl: number;
  readonly backgroundOrderBelowSwitch: number;
  readonly backgroundOrderAboveSwitch: number;
  readonly orderSwitchMassGeV: number;
  readonly vetoesGeV: readonly (readonly [number, number])[];
  readonly cls: "asymptotic" | "toys";
  readonly toys: number;
  readonly seed: number;
  readonly luminosityInvFb: number;
  readonly yieldCorrection: number;
  readonly efficiencyCorrection: number;
  readonly systematics: SystematicsTable;
  /** Efficiencies replacing the calibration's, or null (the calibration's). */
  readonly efficiency: EfficiencyTable | null;
  readonly sqrtSGeV: number;
  readonly gm2Input: Gm2InputName;
  readonly gm2Sigmas: number;
  readonly minEvents: number;
  readonly referenceLevel: number;
  readonly inject: readonly { readonly massGeV: number; readonly yield: number }[];
  readonly injectSeed: number;
}

/** The wire form of a configuration's settings. */
export function settingsWire(c: ScanConfig): SettingsWire {
  return {
    minMassGeV: c.minMass,
    maxMassGeV: c.maxMass,
    stepInResolutions: c.step,
    windowInResolutions: c.window,
    cl: c.cl,
    backgroundOrderBelowSwitch: c.orderLow,
    backgroundOrderAboveSwitch: c.orderHigh,
    orderSwitchMassGeV: c.orderSwitchMass,
    vetoesGeV: c.vetoes,
    cls: c.cls,
    toys: c.toys,
    seed: c.seed,
    luminosityInvFb: c.luminosityInvFb,
    yieldCorrection: c.yieldCorrection,
    efficiencyCorrection: c.efficiencyCorrection,
    systematics: c.systematics,
    efficiency: c.efficiency,
    sqrtSGeV: c.sqrtS,
    gm2Input: c.gm2Input,
    gm2Sigmas: c.gm2Sigmas,
    minEvents: c.minEvents,
    referenceLevel: c.referenceLevel,
    inject: c.inject.map((i) => ({ massGeV: i.mass, yield: i.yield })),
    injectSeed: c.injectSeed,
  };
}
