/**
 * TypeScript types of the pyhf JSON workspace, schema 1.0.0 (pyhf 0.7): channels of samples with
 * modifiers, observations, measurements. Field names are those of the JSON; a parsed workspace is
 * the JSON object itself (see {@link parseWorkspace}), so writing it back is lossless.
 *
 * @packageDocumentation
 */

/** A free normalisation factor (unconstrained, default init 1, bounds [0, 10]). */
export interface NormFactorModifier {
  readonly name: string;
  readonly type: "normfactor";
  readonly data: null;
}

/** A free per-bin factor, one unconstrained parameter per bin (init 1, bounds [0, 10]). */
export interface ShapeFactorModifier {
  readonly name: string;
  readonly type: "shapefactor";
  readonly data: null;
}

/** The luminosity factor; its auxdata and sigma come from the measurement's parameter config. */
export interface LumiModifier {
  readonly name: "lumi";
  readonly type: "lumi";
  readonly data: null;
}

/** A normalisation systematic: factors `hi`, `lo` at α = ±1 (Gaussian-constrained α). */
export interface NormSysModifier {
  readonly name: string;
  readonly type: "normsys";
  readonly data: { readonly hi: number; readonly lo: number };
}

/** A shape systematic: the sample's histograms at α = ±1 (Gaussian-constrained α). */
export interface HistoSysModifier {
  readonly name: string;
  readonly type: "histosys";
  readonly data: { readonly hi_data: readonly number[]; readonly lo_data: readonly number[] };
}

/** Uncorrelated per-bin shape uncertainty (absolute), Poisson-constrained γ per bin (Barlow-Beeston-lite). */
export interface ShapeSysModifier {
  readonly name: string;
  readonly type: "shapesys";
  readonly data: readonly number[];
}

/** MC statistical uncertainty (absolute, per bin), shared by the samples that carry it; Gaussian-constrained γ. */
export interface StatErrorModifier {
  readonly name: string;
  readonly type: "staterror";
  readonly data: readonly number[];
}

/** Any modifier of the 1.0.0 schema. */
export type Modifier =
  | NormFactorModifier
  | ShapeFactorModifier
  | LumiModifier
  | NormSysModifier
  | HistoSysModifier
  | ShapeSysModifier
  | StatErrorModifier;

/** The modifier type names. */
export type ModifierType = Modifier["type"];

/** A sample: expected counts per bin (histogram flattened) and its modifiers. */
export interface Sample {
  readonly name: string;
  readonly data: readonly number[];
  readonly modifiers: readonly Modifier[];
}

/** A channel: samples sharing the same bins. */
export interface Channel {
  readonly name: string;
  readonly samples: readonly Sample[];
}

/** Observed counts of one channel. */
export interface Observation {
  readonly name: string;
  readonly data: readonly number[];
}

/** User configuration of one parameter (set) in a measurement. */
export interface ParameterConfig {
  readonly name: string;
  readonly inits?: readonly number[];
  readonly bounds?: readonly (readonly number[])[];
  readonly auxdata?: readonly number[];
  readonly factors?: readonly number[];
  readonly sigmas?: readonly number[];
  readonly fixed?: boolean;
}

/** A measurement: the POI name and parameter configurations. */
export interface Measurement {
  readonly name: string;
  readonly config: { readonly poi: string; readonly parameters: readonly ParameterConfig[] };
}

/** A pyhf JSON workspace (schema 1.0.0). */
export interface Workspace {
  readonly channels: readonly Channel[];
  readonly observations: readonly Observation[];
  readonly measurements: readonly Measurement[];
  readonly version: "1.0.0";
}

/** One validation problem: where (a JSON path such as `channels[0].samples[1].data[3]`) and what. */
export interface WorkspaceIssue {
  readonly path: string;
  readonly message: string;
}

/** The result of {@link validateWorkspace}. */
export type WorkspaceValidation =
  | { readonly ok: true; readonly value: Workspace }
  | { readonly ok: false; readonly issues: readonly WorkspaceIssue[] };
