/**
 * A compiled HistFactory model [HistFactory; pyhf]: expected counts per bin from samples and their
 * modifiers, constraint terms with their auxiliary data, the negative log-likelihood with an
 * analytic gradient, Asimov and toy datasets. Conventions follow pyhf 0.7 (`pdf.py`,
 * `modifiers/`, `interpolators/`) so numbers agree with pyhf:
 *
 *   λ_b(θ) = Σ_samples (ν⁰_sb + Σ_histosys Δ_hsb(α_h)) · Π_scalar κ(θ) · Π_per-bin γ_b,
 *   −ln L = Σ_b [λ_b − n_b ln λ_b + ln Γ(n_b + 1)] − Σ_constraints ln p(a_j | θ_j),
 *
 * Gaussian constraints N(a | θ, σ) for normsys/histosys (σ = 1, a = 0), staterror (σ = relative MC
 * error, a = 1) and lumi (σ, a from the measurement); Poisson constraints Pois(a | γ τ) with
 * τ = (ν/δν)² for shapesys (a = τ). Channels are ordered by name and parameter sets by name, as in
 * pyhf, so expected-data vectors line up with pyhf's.
 *
 * @packageDocumentation
 */

import { logGamma } from "@muonphilic/numeric";
import type { RandomSource } from "@muonphilic/random";
import { argumentError, PhysError, requireOneOf } from "@muonphilic/units";
import type { Objective, ParameterSpec } from "../minimizer/types.js";
import {
  code0,
  code1,
  code4,
  code4Coefficients,
  code4p,
  type Derivative,
  type InterpolationCode,
} from "./interpolation.js";
import type { Channel, Measurement, Modifier, ParameterConfig, Workspace } from "./types.js";
import { parseWorkspace } from "./workspace.js";

/**
 * Defaults of the HistFactory layer: pyhf's (`_ModelConfig`'s `default_modifier_settings`, pyhf
 * 0.6-0.7: normsys code4, histosys code4p), so that a workspace gives pyhf's numbers without options.
 * ROOT's HistFactory uses code1/code0 by default: pass `interpolation: { normsys: "code1", histosys: "code0" }`.
 */
export const HISTFACTORY_DEFAULTS = {
  /** Interpolation code of normsys modifiers (pyhf: code4, exponential outside |α| ≤ 1, polynomial inside). */
  normsysInterpolation: "code4",
  /** Interpolation code of histosys modifiers (pyhf: code4p, linear outside |α| ≤ 1, polynomial inside). */
  histosysInterpolation: "code4p",
} as const satisfies { normsysInterpolation: InterpolationCode; histosysInterpolation: InterpolationCode };

/** Interpolation choices: pyhf's `modifier_settings` interpcodes. */
export interface InterpolationOptions {
  /** normsys: "code4" (default, as pyhf), "code1", or the additive "code0", "code4p" applied to the factor as 1 + Δ(α). */
  readonly normsys?: InterpolationCode;
  /** histosys: "code4p" (default, as pyhf) or "code0". */
  readonly histosys?: InterpolationCode;
}

/** Options of {@link compileModel}. */
export interface ModelOptions {
  /** Measurement name; default the first measurement of the workspace (pyhf's default). */
  readonly measurement?: string;
  /** Parameter of interest, overriding the measurement's `poi`. */
  readonly poi?: string;
  /** Interpolation codes; pyhf's defaults when absent. */
  readonly interpolation?: InterpolationOptions;
}

/** Kinds of parameter set (modifiers that may share a name share a kind). */
export type ParameterKind = "normfactor" | "shapefactor" | "alpha" | "lumi" | "shapesys" | "staterror";

/** One model parameter. */
export interface ModelParameter extends ParameterSpec {
  /** `name` for a scalar set, `name[i]` for element i of a vector set (pyhf's `par_names`). */
  readonly name: string;
  /** The parameter set it belongs to (the modifier name). */
  readonly set: string;
  /** What kind of modifier it comes from. */
  readonly kind: ParameterKind;
  /** Constraint: none, Gaussian (σ) or Poisson (τ). */
  readonly constraint: "none" | "gaussian" | "poisson";
  /** Gaussian width σ, or Poisson scale τ; NaN when unconstrained. */
  readonly width: number;
  /** Index into the auxiliary-data part of the data vector, or −1 when unconstrained. */
  readonly auxIndex: number;
}

/** A channel's place in the main-data vector. */
export interface ChannelLayout {
  readonly name: string;
  /** Index of the channel's first bin in the main data. */
  readonly offset: number;
  readonly nBins: number;
}

/**
 * A compiled HistFactory model. Data vectors are laid out as pyhf's: the main bins (channels
 * ordered by name) followed by the auxiliary data (constrained parameters in parameter order).
 */
export interface HistFactoryModel {
  /** The parameters (start values, bounds and fixed flags from the measurement). */
  readonly parameters: readonly ModelParameter[];
  /** Index of the parameter of interest. */
  readonly poiIndex: number;
  /** Name of the parameter of interest. */
  readonly poiName: string;
  /** Channels in data order. */
  readonly channels: readonly ChannelLayout[];
  /** Number of main bins. */
  readonly nMain: number;
  /** Number of auxiliary data. */
  readonly nAux: number;
  /** Nominal auxiliary data (pyhf `config.auxdata`). */
  readonly auxdata: Float64Array;
  /** Observed main counts followed by the nominal auxdata (pyhf `workspace.data(model)`). */
  readonly observedData: Float64Array;
  /** The start values (pyhf `suggested_init`). */
  initialValues(): Float64Array;
  /** Expected main counts λ_b at `pars` (written into `out` if given). */
  expectedMain(pars: Float64Array, out?: Float64Array): Float64Array;
  /** Expected data at `pars`: main counts and auxiliary expectations (θ for Gaussian, γτ for Poisson); the Asimov dataset. */
  expectedData(pars: Float64Array, out?: Float64Array): Float64Array;
  /** −ln L(pars | data) with every constant (pyhf's `-logpdf`); NaN or ∞ where undefined. */
  nll(pars: Float64Array, data: Float64Array): number;
  /** The negative log-likelihood of `data` as an {@link Objective} with analytic gradient (errordef 0.5). */
  objective(data: Float64Array): Objective;
  /** A toy dataset: Poisson main counts at λ(pars), auxiliary data sampled from the constraints at `pars`. */
  sample(pars: Float64Array, rng: RandomSource, out?: Float64Array): Float64Array;
}

// ---------------------------------------------------------------------------------------------
// compilation

interface SetInfo {
  name: string;
  kind: ParameterKind;
  n: number;
  inits: number[];
  bounds: [number, number][];
  fixed: boolean[];
  auxdata: number[];
  widths: number[];
  /** Where the set was first used (for messages). */
  path: string;
  /** shapefactor/staterror: global main-bin index of each element; staterror accumulators. */
  bins?: number[];
  nomSum?: Map<number, number>;
  uncSq?: Map<number, number>;
}

enum Scalar {
  NormFactor = 0,
  Lumi = 1,
  NormSysMul = 2,
  NormSysAdd = 3,
}

interface ScalarMod {
  kind: Scalar;
  param: number;
  code: InterpolationCode;
  a: number; // logUp (mul) or dUp (add)
  b: number; // logDown (mul) or dDown (add)
  coef: Float64Array | null;
}

interface HistoMod {
  param: number;
  code4p: boolean;
  bins: Int32Array;
  dUp: Float64Array;
  dDown: Float64Array;
  deriv: Float64Array;
}

interface PerBinMod {
  /** Parameter index per bin of the sample, −1 where the bin is not modified. */
  params: Int32Array;
  values: Float64Array;
}

interface Entry {
  start: number;
  n: number;
  nominal: Float64Array;
  scalars: ScalarMod[];
  scalarValues: Float64Array;
  scalarDerivs: Float64Array;
  histos: HistoMod[];
  perBin: PerBinMod[];
  base: Float64Array;
  perBinProduct: Float64Array;
}

function configError(path: string, message: string, value?: unknown): PhysError {
  return new PhysError("SCHEMA_VIOLATION", `workspace ${path} ${message}`, {
    argument: path,
    value,
    allowed: "pyhf workspace schema 1.0.0",
  });
}

function defaultsFor(kind: ParameterKind, n: number, path: string, name: string): SetInfo {
  const rep = <T>(x: T): T[] => Array.from({ length: n }, () => x);
  const base = { name, kind, n, path, fixed: rep(false) };
  switch (kind) {
    case "normfactor":
    case "shapefactor":
      return { ...base, inits: rep(1), bounds: rep<[number, number]>([0, 10]), auxdata: [], widths: [] };
    case "alpha":
      return { ...base, inits: [0], bounds: [[-5, 5]], auxdata: [0], widths: [1] };
    case "lumi":
      return {
        ...base,
        inits: [Number.NaN],
        bounds: [[Number.NaN, Number.NaN]],
        auxdata: [Number.NaN],
        widths: [Number.NaN],
      };
    case "shapesys":
    case "staterror":
      return { ...base, inits: rep(1), bounds: rep<[number, number]>([1e-10, 10]), auxdata: rep(1), widths: rep(1) };
  }
}

const KIND_OF: Readonly<Record<Modifier["type"], ParameterKind>> = {
  normfactor: "normfactor",
  shapefactor: "shapefactor",
  normsys: "alpha",
  histosys: "alpha",
  lumi: "lumi",
  shapesys: "shapesys",
  staterror: "staterror",
};

function applyConfig(set: SetInfo, cfg: ParameterConfig, path: string): void {
  const need = (key: string, arr: readonly unknown[] | undefined): void => {
    if (arr !== undefined && arr.length !== set.n) {
      throw configError(
        `${path}.${key}`,
        `must have ${set.n} entries for parameter set "${set.name}", got ${arr.length}`,
      );
    }
  };
  need("inits", cfg.inits);
  need("bounds", cfg.bounds);
  need("auxdata", cfg.auxdata);
  need("sigmas", cfg.sigmas);
  need("factors", cfg.factors);
  if (cfg.inits) set.inits = [...cfg.inits];
  if (cfg.bounds) set.bounds = cfg.bounds.map((b) => [b[0]!, b[1]!]);
  if (cfg.fixed !== undefined) set.fixed = set.fixed.map(() => cfg.fixed!);
  const constrained =
    set.kind === "alpha" || set.kind === "lumi" || set.kind === "staterror" || set.kind === "shapesys";
  if ((cfg.auxdata || cfg.sigmas || cfg.factors) && !constrained) {
    throw configError(path, `sets auxdata/sigmas/factors for the unconstrained ${set.kind} "${set.name}"`);
  }
  if (cfg.sigmas && set.kind === "shapesys")
    throw configError(`${path}.sigmas`, "does not apply to a Poisson-constrained shapesys");
  if (cfg.factors && set.kind !== "shapesys") throw configError(`${path}.factors`, "applies only to shapesys");
  if (cfg.auxdata) set.auxdata = [...cfg.auxdata];
  if (cfg.sigmas) set.widths = [...cfg.sigmas];
  if (cfg.factors) set.widths = [...cfg.factors];
  if (set.kind === "lumi" && !cfg.inits && cfg.auxdata) set.inits = [...cfg.auxdata];
}

/**
 * Compiles a pyhf workspace into a {@link HistFactoryModel}.
 * @param workspace - a pyhf JSON workspace (validated here)
 * @param options - measurement, POI override, interpolation codes
 * @returns the model
 * @throws {@link PhysError} `SCHEMA_VIOLATION` (invalid workspace or parameter configuration; the
 *   JSON path is in `details.argument`), `UNKNOWN_NAME` (measurement or interpolation code),
 *   `NO_POI` (the POI is not a scalar parameter of the model), `OUT_OF_DOMAIN` (normsys factors
 *   ≤ 0 with an exponential code, parameter start values outside their bounds, a bin whose
 *   samples sum to a negative expected count at the start values; negative sample bins are
 *   otherwise allowed, as in pyhf)
 * @example
 * ```ts
 * const model = compileModel(parseWorkspace(text), { interpolation: { normsys: "code4", histosys: "code4p" } });
 * const nll = model.objective(model.observedData);
 * ```
 */
export function compileModel(workspace: Workspace, options: ModelOptions = {}): HistFactoryModel {
  const ws = parseWorkspace(workspace);
  const measurements = ws.measurements;
  const measName =
    options.measurement === undefined
      ? measurements[0]!.name
      : requireOneOf(
          "options.measurement",
          options.measurement,
          measurements.map((m) => m.name),
        );
  const measIndex = measurements.findIndex((m) => m.name === measName);
  const measurement: Measurement = measurements[measIndex]!;
  const normsysCode = requireOneOf(
    "options.interpolation.normsys",
    options.interpolation?.normsys ?? HISTFACTORY_DEFAULTS.normsysInterpolation,
    ["code0", "code1", "code4", "code4p"] as const,
  );
  const histosysCode = requireOneOf(
    "options.interpolation.histosys",
    options.interpolation?.histosys ?? HISTFACTORY_DEFAULTS.histosysInterpolation,
    ["code0", "code4p"] as const,
  );

  // channels sorted by name (pyhf), with their position in the JSON for error paths
  const channels = ws.channels
    .map((c, i) => ({ c, i }))
    .sort((x, y) => (x.c.name < y.c.name ? -1 : x.c.name > y.c.name ? 1 : 0));
  const layout: ChannelLayout[] = [];
  let nMain = 0;
  for (const { c } of channels) {
    layout.push({ name: c.name, offset: nMain, nBins: c.samples[0]!.data.length });
    nMain += c.samples[0]!.data.length;
  }

  // 1. parameter sets with pyhf's default requirements
  const sets = new Map<string, SetInfo>();
  channels.forEach(({ c, i: ci }, k) => {
    const offset = layout[k]!.offset;
    c.samples.forEach((s, si) => {
      s.modifiers.forEach((m, mi) => {
        const path = `channels[${ci}].samples[${si}].modifiers[${mi}]`;
        const kind = KIND_OF[m.type];
        let set = sets.get(m.name);
        const nBins = s.data.length;
        if (!set) {
          const n =
            kind === "shapefactor"
              ? nBins
              : kind === "shapesys"
                ? s.data.filter((v, b) => v > 0 && (m.data as number[])[b]! > 0).length
                : 1;
          set = defaultsFor(kind, kind === "staterror" ? 0 : n, path, m.name);
          if (kind === "staterror") {
            set.bins = [];
            set.nomSum = new Map();
            set.uncSq = new Map();
          }
          sets.set(m.name, set);
        } else if (kind === "shapefactor" && set.n !== nBins) {
          throw configError(
            path,
            `shapefactor "${m.name}" has ${set.n} parameters (first used at ${set.path}) but this sample has ${nBins} bins`,
          );
        }
        if (kind === "shapesys") {
          const unc = m.data as readonly number[];
          const tau = s.data.flatMap((v, b) => (v > 0 && unc[b]! > 0 ? [(v / unc[b]!) ** 2] : []));
          set.auxdata = tau;
          set.widths = [...tau];
        }
        if (kind === "staterror") {
          const unc = m.data as readonly number[];
          for (let b = 0; b < nBins; b++) {
            const g = offset + b;
            if (!set.nomSum!.has(g)) {
              set.bins!.push(g);
              set.nomSum!.set(g, 0);
              set.uncSq!.set(g, 0);
            }
            set.nomSum!.set(g, set.nomSum!.get(g)! + s.data[b]!);
            set.uncSq!.set(g, set.uncSq!.get(g)! + unc[b]! ** 2);
          }
        }
      });
    });
  });
  // staterror: σ_b = sqrt(Σ δν²) / Σ ν over the samples carrying it; σ = 0 bins are fixed (pyhf 0.7)
  for (const set of sets.values()) {
    if (set.kind !== "staterror") continue;
    const bins = set.bins!.sort((a, b) => a - b);
    const d = defaultsFor("staterror", bins.length, set.path, set.name);
    const sigmas = bins.map((g) => {
      const nom = set.nomSum!.get(g)!;
      return nom > 0 ? Math.sqrt(set.uncSq!.get(g)!) / nom : 0;
    });
    Object.assign(set, d, {
      bins,
      widths: sigmas.map((s) => (s > 0 ? s : 1)),
      fixed: sigmas.map((s) => !(s > 0)),
    });
  }

  // 2. the measurement's configuration
  measurement.config.parameters.forEach((cfg, pi) => {
    const set = sets.get(cfg.name);
    if (set) applyConfig(set, cfg, `measurements[${measIndex}].config.parameters[${pi}]`);
  });
  for (const set of sets.values()) {
    if (set.kind === "lumi" && (Number.isNaN(set.auxdata[0]!) || Number.isNaN(set.widths[0]!))) {
      throw configError(
        `measurements[${measIndex}].config.parameters`,
        `must configure "lumi" with auxdata and sigmas (pyhf requires them)`,
      );
    }
    if (set.kind === "lumi" && Number.isNaN(set.bounds[0]![0])) {
      const a = set.auxdata[0]!;
      const s = set.widths[0]!;
      set.bounds = [[Math.max(0, a - 5 * s), a + 5 * s]];
    }
  }

  // 3. flatten parameters in name order
  const names = [...sets.keys()].sort();
  const parameters: ModelParameter[] = [];
  const offsetOf = new Map<string, number>();
  const aux: number[] = [];
  for (const name of names) {
    const set = sets.get(name)!;
    offsetOf.set(name, parameters.length);
    const constraint =
      set.kind === "shapesys"
        ? "poisson"
        : set.kind === "alpha" || set.kind === "lumi" || set.kind === "staterror"
          ? "gaussian"
          : "none";
    for (let i = 0; i < set.n; i++) {
      const [lower, upper] = set.bounds[i]!;
      const value = set.inits[i]!;
      const pname =
        set.n === 1 && set.kind !== "shapefactor" && set.kind !== "staterror" && set.kind !== "shapesys"
          ? name
          : `${name}[${i}]`;
      if (!(value >= lower && value <= upper)) {
        throw argumentError(
          "OUT_OF_DOMAIN",
          `parameter ${pname} init`,
          value,
          `within its bounds [${lower}, ${upper}]`,
        );
      }
      let auxIndex = -1;
      if (constraint !== "none") {
        auxIndex = aux.length;
        aux.push(set.auxdata[i]!);
      }
      parameters.push({
        name: pname,
        set: name,
        kind: set.kind,
        value,
        lower,
        upper,
        fixed: set.fixed[i]!,
        constraint,
        width: constraint === "none" ? Number.NaN : set.widths[i]!,
        auxIndex,
      });
    }
  }

  // 4. POI
  const poiName = options.poi ?? measurement.config.poi;
  const poiSet = sets.get(poiName);
  if (poiSet?.n !== 1) {
    throw new PhysError(
      "NO_POI",
      `parameter of interest "${poiName}" is not a scalar parameter of the model (measurement "${measurement.name}")`,
      {
        argument: options.poi !== undefined ? "options.poi" : `measurements[${measIndex}].config.poi`,
        value: poiName,
        allowed: names.join(" | "),
      },
    );
  }
  const poiIndex = offsetOf.get(poiName)!;

  // 5. per-sample evaluation plans
  const entries: Entry[] = [];
  channels.forEach(({ c, i: ci }, k) => {
    const start = layout[k]!.offset;
    c.samples.forEach((s, si) => {
      const n = s.data.length;
      const scalars: ScalarMod[] = [];
      const histos: HistoMod[] = [];
      const perBin: PerBinMod[] = [];
      s.modifiers.forEach((m, mi) => {
        const path = `channels[${ci}].samples[${si}].modifiers[${mi}]`;
        const p0 = offsetOf.get(m.name)!;
        switch (m.type) {
          case "normfactor":
            scalars.push({ kind: Scalar.NormFactor, param: p0, code: "code0", a: 0, b: 0, coef: null });
            break;
          case "lumi":
            scalars.push({ kind: Scalar.Lumi, param: p0, code: "code0", a: 0, b: 0, coef: null });
            break;
          case "normsys": {
            const { hi, lo } = m.data;
            if (normsysCode === "code1" || normsysCode === "code4") {
              if (!(hi > 0 && lo > 0)) {
                throw argumentError(
                  "OUT_OF_DOMAIN",
                  `${path}.data`,
                  m.data,
                  `hi > 0 and lo > 0 for the ${normsysCode} interpolation`,
                );
              }
              const coef = normsysCode === "code4" ? code4Coefficients(hi, lo) : null;
              scalars.push({
                kind: Scalar.NormSysMul,
                param: p0,
                code: normsysCode,
                a: Math.log(hi),
                b: Math.log(lo),
                coef,
              });
            } else {
              scalars.push({ kind: Scalar.NormSysAdd, param: p0, code: normsysCode, a: hi - 1, b: 1 - lo, coef: null });
            }
            break;
          }
          case "histosys": {
            const bins: number[] = [];
            const up: number[] = [];
            const dn: number[] = [];
            for (let b = 0; b < n; b++) {
              const u = m.data.hi_data[b]! - s.data[b]!;
              const d = s.data[b]! - m.data.lo_data[b]!;
              if (u !== 0 || d !== 0) {
                bins.push(b);
                up.push(u);
                dn.push(d);
              }
            }
            if (bins.length > 0) {
              histos.push({
                param: p0,
                code4p: histosysCode === "code4p",
                bins: Int32Array.from(bins),
                dUp: Float64Array.from(up),
                dDown: Float64Array.from(dn),
                deriv: new Float64Array(bins.length),
              });
            }
            break;
          }
          case "shapefactor":
            perBin.push({ params: Int32Array.from({ length: n }, (_, b) => p0 + b), values: new Float64Array(n) });
            break;
          case "shapesys": {
            const params = new Int32Array(n).fill(-1);
            let j = 0;
            for (let b = 0; b < n; b++) if (s.data[b]! > 0 && m.data[b]! > 0) params[b] = p0 + j++;
            perBin.push({ params, values: new Float64Array(n) });
            break;
          }
          case "staterror": {
            const position = new Map(sets.get(m.name)!.bins!.map((g, j) => [g, j]));
            const params = Int32Array.from({ length: n }, (_, b) => p0 + position.get(start + b)!);
            perBin.push({ params, values: new Float64Array(n) });
            break;
          }
        }
      });
      entries.push({
        start,
        n,
        nominal: Float64Array.from(s.data),
        scalars,
        scalarValues: new Float64Array(scalars.length),
        scalarDerivs: new Float64Array(scalars.length),
        histos,
        perBin,
        base: new Float64Array(n),
        perBinProduct: new Float64Array(n),
      });
    });
  });

  // observed data: main counts in channel order, then the nominal auxdata
  const auxdata = Float64Array.from(aux);
  const observedData = new Float64Array(nMain + aux.length);
  for (const l of layout) observedData.set(ws.observations.find((o) => o.name === l.name)!.data, l.offset);
  observedData.set(auxdata, nMain);

  const model = new CompiledModel(parameters, poiIndex, poiName, layout, nMain, auxdata, observedData, entries);
  requireNonNegativeRates(model, channels);
  return model;
}

/**
 * Sample bins may be negative (pyhf's schema allows any number and pyhf clips nothing by default),
 * but the Poisson rate of a bin, the sum over its samples, must not be: at the start values it
 * must be ≥ 0, or every fit would start where −ln L is undefined (pyhf's −logpdf is NaN there).
 * During fits a negative rate gives a NaN −ln L, which MIGRAD backs off from.
 * @throws {@link PhysError} `OUT_OF_DOMAIN` naming the most negative sample bin of the first such bin
 */
function requireNonNegativeRates(model: HistFactoryModel, channels: readonly { c: Channel; i: number }[]): void {
  const rates = model.expectedMain(model.initialValues());
  channels.forEach(({ c, i: ci }, k) => {
    const offset = model.channels[k]!.offset;
    for (let b = 0; b < model.channels[k]!.nBins; b++) {
      const rate = rates[offset + b]!;
      if (rate >= 0) continue;
      let si = 0;
      c.samples.forEach((s, j) => {
        if (s.data[b]! < c.samples[si]!.data[b]!) si = j;
      });
      throw new PhysError(
        "OUT_OF_DOMAIN",
        `bin ${b} of channel "${c.name}" has a negative expected count ${rate} at the start values (its samples sum below 0; the most negative is ${c.samples[si]!.name})`,
        {
          argument: `channels[${ci}].samples[${si}].data[${b}]`,
          value: rate,
          allowed: "samples whose sum in every bin is ≥ 0 (the Poisson rate)",
        },
      );
    }
  });
}

// ---------------------------------------------------------------------------------------------
// evaluation

class CompiledModel implements HistFactoryModel {
  readonly nAux: number;
  private readonly gParam: Int32Array;
  private readonly gAux: Int32Array;
  private readonly gSigma: Float64Array;
  private readonly pParam: Int32Array;
  private readonly pAux: Int32Array;
  private readonly pTau: Float64Array;
  private readonly gLogNorm: number;
  private readonly lam: Float64Array;
  private readonly d: Derivative = { value: 0 };

  constructor(
    readonly parameters: readonly ModelParameter[],
    readonly poiIndex: number,
    readonly poiName: string,
    readonly channels: readonly ChannelLayout[],
    readonly nMain: number,
    readonly auxdata: Float64Array,
    readonly observedData: Float64Array,
    private readonly entries: readonly Entry[],
  ) {
    this.nAux = auxdata.length;
    const gauss = parameters.map((p, i) => ({ p, i })).filter(({ p }) => p.constraint === "gaussian");
    const pois = parameters.map((p, i) => ({ p, i })).filter(({ p }) => p.constraint === "poisson");
    this.gParam = Int32Array.from(gauss, ({ i }) => i);
    this.gAux = Int32Array.from(gauss, ({ p }) => p.auxIndex);
    this.gSigma = Float64Array.from(gauss, ({ p }) => p.width);
    this.pParam = Int32Array.from(pois, ({ i }) => i);
    this.pAux = Int32Array.from(pois, ({ p }) => p.auxIndex);
    this.pTau = Float64Array.from(pois, ({ p }) => p.width);
    this.gLogNorm = gauss.reduce((s, { p }) => s + Math.log(p.width) + 0.5 * Math.log(2 * Math.PI), 0);
    this.lam = new Float64Array(nMain);
  }

  initialValues(): Float64Array {
    return Float64Array.from(this.parameters, (p) => p.value);
  }

  /** Fills λ and the per-entry caches (base, factors, derivatives when `grad`). */
  private evaluate(pars: Float64Array, lam: Float64Array, grad: boolean): void {
    lam.fill(0);
    const d = this.d;
    for (const e of this.entries) {
      let scalar = 1;
      for (let j = 0; j < e.scalars.length; j++) {
        const m = e.scalars[j]!;
        const x = pars[m.param]!;
        let v: number;
        switch (m.kind) {
          case Scalar.NormFactor:
          case Scalar.Lumi:
            v = x;
            d.value = 1;
            break;
          case Scalar.NormSysMul:
            v = m.coef ? code4(x, m.a, m.b, m.coef, d) : code1(x, m.a, m.b, d);
            break;
          case Scalar.NormSysAdd:
            v = 1 + (m.code === "code4p" ? code4p(x, m.a, m.b, d) : code0(x, m.a, m.b, d));
            break;
        }
        e.scalarValues[j] = v;
        e.scalarDerivs[j] = d.value;
        scalar *= v;
      }
      const base = e.base;
      base.set(e.nominal);
      for (const h of e.histos) {
        const x = pars[h.param]!;
        const bins = h.bins;
        for (let k = 0; k < bins.length; k++) {
          base[bins[k]!]! += h.code4p ? code4p(x, h.dUp[k]!, h.dDown[k]!, d) : code0(x, h.dUp[k]!, h.dDown[k]!, d);
          if (grad) h.deriv[k] = d.value;
        }
      }
      const prod = e.perBinProduct;
      prod.fill(1);
      for (const m of e.perBin) {
        const params = m.params;
        const values = m.values;
        for (let b = 0; b < e.n; b++) {
          const q = params[b]!;
          const v = q >= 0 ? pars[q]! : 1;
          values[b] = v;
          prod[b]! *= v;
        }
      }
      const start = e.start;
      for (let b = 0; b < e.n; b++) lam[start + b]! += base[b]! * scalar * prod[b]!;
    }
  }

  expectedMain(pars: Float64Array, out: Float64Array = new Float64Array(this.nMain)): Float64Array {
    this.evaluate(pars, out, false);
    return out;
  }

  expectedData(pars: Float64Array, out: Float64Array = new Float64Array(this.nMain + this.nAux)): Float64Array {
    this.evaluate(pars, this.lam, false);
    out.set(this.lam);
    for (let i = 0; i < this.gParam.length; i++) out[this.nMain + this.gAux[i]!] = pars[this.gParam[i]!]!;
    for (let i = 0; i < this.pParam.length; i++)
      out[this.nMain + this.pAux[i]!] = pars[this.pParam[i]!]! * this.pTau[i]!;
    return out;
  }

  /** ln Γ(n+1) of the main and Poisson-aux data, plus the Gaussian normalisations. */
  private dataConstant(data: Float64Array): number {
    let c = this.gLogNorm;
    for (let b = 0; b < this.nMain; b++) c += logGamma(data[b]! + 1);
    for (let i = 0; i < this.pParam.length; i++) c += logGamma(data[this.nMain + this.pAux[i]!]! + 1);
    return c;
  }

  /** −ln L without the data constant; fills `grad` when given. */
  private nllCore(pars: Float64Array, data: Float64Array, grad: Float64Array | null): number {
    const lam = this.lam;
    this.evaluate(pars, lam, grad !== null);
    const nMain = this.nMain;
    let nll = 0;
    for (let b = 0; b < nMain; b++) {
      const l = lam[b]!;
      const n = data[b]!;
      if (l > 0) nll += l - n * Math.log(l);
      else if (l < 0 || n > 0 || Number.isNaN(l)) return l === 0 ? Number.POSITIVE_INFINITY : Number.NaN;
    }
    for (let i = 0; i < this.gParam.length; i++) {
      const r = (data[nMain + this.gAux[i]!]! - pars[this.gParam[i]!]!) / this.gSigma[i]!;
      nll += 0.5 * r * r;
    }
    for (let i = 0; i < this.pParam.length; i++) {
      const rate = pars[this.pParam[i]!]! * this.pTau[i]!;
      const a = data[nMain + this.pAux[i]!]!;
      if (rate > 0) nll += rate - a * Math.log(rate);
      else if (!(rate === 0 && a === 0)) return Number.NaN;
    }
    if (grad === null) return nll;

    grad.fill(0);
    // G_b = ∂(−ln L)/∂λ_b, stored over λ
    for (let b = 0; b < nMain; b++) {
      const l = lam[b]!;
      lam[b] = l > 0 ? 1 - data[b]! / l : 1;
    }
    const g = lam;
    for (const e of this.entries) {
      const start = e.start;
      const base = e.base;
      const prod = e.perBinProduct;
      const ns = e.scalars.length;
      let scalar = 1;
      for (let j = 0; j < ns; j++) scalar *= e.scalarValues[j]!;
      if (ns > 0) {
        let t = 0;
        for (let b = 0; b < e.n; b++) t += g[start + b]! * base[b]! * prod[b]!;
        for (let j = 0; j < ns; j++) {
          let others = 1;
          for (let i = 0; i < ns; i++) if (i !== j) others *= e.scalarValues[i]!;
          grad[e.scalars[j]!.param]! += t * others * e.scalarDerivs[j]!;
        }
      }
      for (const h of e.histos) {
        let s = 0;
        const bins = h.bins;
        for (let k = 0; k < bins.length; k++) {
          const b = bins[k]!;
          s += g[start + b]! * h.deriv[k]! * prod[b]!;
        }
        grad[h.param]! += s * scalar;
      }
      const np = e.perBin.length;
      for (let m = 0; m < np; m++) {
        const params = e.perBin[m]!.params;
        for (let b = 0; b < e.n; b++) {
          const q = params[b]!;
          if (q < 0) continue;
          let others = 1;
          for (let i = 0; i < np; i++) if (i !== m) others *= e.perBin[i]!.values[b]!;
          grad[q]! += g[start + b]! * base[b]! * scalar * others;
        }
      }
    }
    for (let i = 0; i < this.gParam.length; i++) {
      const s = this.gSigma[i]!;
      const p = this.gParam[i]!;
      grad[p]! += (pars[p]! - data[nMain + this.gAux[i]!]!) / (s * s);
    }
    for (let i = 0; i < this.pParam.length; i++) {
      const p = this.pParam[i]!;
      grad[p]! += this.pTau[i]! - data[nMain + this.pAux[i]!]! / pars[p]!;
    }
    return nll;
  }

  nll(pars: Float64Array, data: Float64Array): number {
    return this.nllCore(pars, data, null) + this.dataConstant(data);
  }

  objective(data: Float64Array): Objective {
    const constant = this.dataConstant(data);
    const copy = Float64Array.from(data);
    const f = ((x: Float64Array) => this.nllCore(x, copy, null) + constant) as Objective;
    f.gradient = (x: Float64Array, grad: Float64Array) => {
      this.nllCore(x, copy, grad);
    };
    f.errordef = 0.5;
    return f;
  }

  sample(
    pars: Float64Array,
    rng: RandomSource,
    out: Float64Array = new Float64Array(this.nMain + this.nAux),
  ): Float64Array {
    this.evaluate(pars, this.lam, false);
    for (let b = 0; b < this.nMain; b++) out[b] = rng.poisson(Math.max(0, this.lam[b]!));
    for (let i = 0; i < this.gParam.length; i++)
      out[this.nMain + this.gAux[i]!] = rng.normal(pars[this.gParam[i]!]!, this.gSigma[i]!);
    for (let i = 0; i < this.pParam.length; i++)
      out[this.nMain + this.pAux[i]!] = rng.poisson(pars[this.pParam[i]!]! * this.pTau[i]!);
    return out;
  }
}
