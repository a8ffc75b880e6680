/**
 * Toy datasets from named background processes: generate a weighted pool per process, pass it
 * through a detector model and a selection of `@muonphilic/detectors` (weight mode: every
 * probability kept, so rare survivals such as a 1e-5 photon veto are estimated without
 * sampling them), take the expected yield = exposure × Σ selected weights, draw the observed
 * yield from a Poisson distribution and the observed events from the selected pool with
 * probability ∝ weight. Histogram templates in any variables come from the same pools.
 *
 * Every process says what it is: `computed` (a first-principles calculation at the stated order),
 * `parametrised` (an approximation or a fit, e.g. the EPA two-photon process or the
 * Gounaris-Sakurai ρ → π+π-), `seed` (a seed paper's number), or `negligible` (documented, with
 * the number that makes it so, and not generated).
 *
 * @packageDocumentation
 */
import type {
  CutFlow,
  DetectorModel,
  ProvenanceKind,
  ReconstructedEvents,
  Requirement,
  SpeciesDeclaration,
} from "@muonphilic/detectors";
import { select } from "@muonphilic/detectors";
import { createRandom, type EventColumns, type RandomSource } from "@muonphilic/kinematics";
import {
  argumentError,
  invFbToInvPb,
  PhysError,
  requireInRange,
  requireInteger,
  requireNonNegative,
  requireOneOf,
} from "@muonphilic/units";
import { FOUR_LEPTON_DEFAULTS, type FourLeptonProcess, generateFourLepton } from "./fourLepton.js";
import { generateKaonDecays } from "./kaon.js";
import { generateMuMuGamma } from "./muMuGamma.js";
import { generateMuonElectronElastic, generateMuonElectronGamma } from "./muone.js";
import { generateTauPairMuMu } from "./tauPair.js";
import { generateTwoPhotonMuMu } from "./twoPhoton.js";

/**
 * How a process's rate is known, in the vocabulary of `@muonphilic/detectors`' `ProvenanceKind`:
 * `computed` (first principles at the stated order), `parametrised` (an approximation or a
 * parametrisation, never a prediction), `seed` (a seed paper's number).
 */
export type ProcessProvenance = Extract<ProvenanceKind, "computed" | "parametrised" | "seed">;

/** The exposure a process is normalised to. */
export type ExposureKind = "luminosity" | "kaons" | "muonsOnTarget";

/** A weighted pool of generated events: `events.weight` is the expected count per unit exposure (pb per pb⁻¹, BR per kaon). */
export interface ProcessPool {
  readonly events: EventColumns;
  readonly species: SpeciesDeclaration;
}

/** A background process that {@link toyDataset} can generate. */
export interface BackgroundProcess {
  /** The process name (the key of {@link BACKGROUND_PROCESSES}). */
  readonly name: string;
  /** What it is. */
  readonly description: string;
  /** How its rate is known, and from where. */
  readonly provenance: ProcessProvenance;
  readonly citation: string;
  /** The exposure it is normalised to. */
  readonly exposure: ExposureKind;
  /** Generates a pool of n events (weights per unit exposure). */
  generate(n: number, rng: RandomSource): ProcessPool;
}

const fourMuonSpecies = (pi: boolean): SpeciesDeclaration => ({
  minus1: { species: "muon", charge: -1 },
  plus1: { species: "muon", charge: 1 },
  minus2: { species: pi ? "pion" : "muon", charge: -1 },
  plus2: { species: pi ? "pion" : "muon", charge: 1 },
  gammaIsr: "photon",
});

const fourLepton = (
  process: FourLeptonProcess,
  description: string,
  provenance: ProcessProvenance,
  citation: string,
): BackgroundProcess => ({
  name: `belle2.fourLepton.${process}`,
  description,
  provenance,
  citation,
  exposure: "luminosity",
  generate(n, rng) {
    const s = generateFourLepton({ process, events: n, isr: FOUR_LEPTON_DEFAULTS.isr }, rng);
    const w = new Float64Array(n).fill(n > 0 ? s.crossSectionPb / n : 0);
    return { events: { ...s.events, weight: w }, species: fourMuonSpecies(process.endsWith("PiPi")) };
  },
});

const FOUR_MUON_CITATION =
  "Belle2-4mu Fig. 2 and sec. IV D (tree-level QED, VMD spectral function with PDG 2022 Γ_ee, Kuraev-Fadin ISR); fourLepton.ts";
const PI_PI_CITATION =
  "γ* → π+π- through the Gounaris-Sakurai ρ form factor (GS1968) alone: |F_π(M_ρ²)|² = 33, Γ_ee(ρ) 17% below the PDG value; " +
  "the μ+μ- side tree-level QED with Kuraev-Fadin ISR; fourLepton.ts, spectral.ts";

const unitWeights = (events: EventColumns, total: number): EventColumns => ({
  ...events,
  weight: new Float64Array(events.size).fill(events.size > 0 ? total / events.size : 0),
});

/** The processes {@link toyDataset} knows, by name. */
export const BACKGROUND_PROCESSES: { readonly [name: string]: BackgroundProcess } = Object.fromEntries(
  (
    [
      fourLepton(
        "conversion",
        "e+e- → γ*γ* → μ+μ-μ+μ- (double photon conversion, incl. ISR-type)",
        "computed",
        FOUR_MUON_CITATION,
      ),
      fourLepton("conversionPiPi", "e+e- → γ*γ* → μ+μ-π+π- (one photon through the ρ)", "parametrised", PI_PI_CITATION),
      fourLepton("annihilation", "e+e- → μ+μ-γ*, γ* → μ+μ- (annihilation)", "computed", FOUR_MUON_CITATION),
      fourLepton("annihilationPiPi", "e+e- → μ+μ-γ*, γ* → π+π-", "parametrised", PI_PI_CITATION),
      {
        name: "belle2.tauPairMuMu",
        description: "e+e- → τ+τ- → μ+μ- 4ν (Jho2019 eqs. (3.11)-(3.13))",
        provenance: "seed",
        citation: "rate: Jho2019 eq. (3.11), 27.79 pb; kinematics computed (V-A decays, spin correlations, ISR)",
        exposure: "luminosity",
        generate(n, rng) {
          const s = generateTauPairMuMu({ events: n }, rng);
          return {
            events: unitWeights(s.events, s.crossSectionPb),
            species: { muMinus: "muon", muPlus: "muon", neutrinos: "invisible", gammaIsr: "photon" },
          };
        },
      },
      {
        name: "belle2.muMuGamma",
        description: "e+e- → μ+μ-γ, E_γ* > 0.1 GeV (ISR + FSR, one photon)",
        provenance: "computed",
        citation: "tree-level QED, BerendsKleiss1981 factorised form with massive eikonal currents; muMuGamma.ts",
        exposure: "luminosity",
        generate(n, rng) {
          const s = generateMuMuGamma({ events: n }, rng);
          return { events: s.events, species: { muMinus: "muon", muPlus: "muon", photon: "photon" } };
        },
      },
      {
        name: "belle2.twoPhotonMuMu",
        description: "e+e- → e+e-μ+μ- by γγ fusion, electrons below 12.4°",
        provenance: "parametrised",
        citation: "equivalent-photon approximation (Budnev1975) × Breit-Wheeler; twoPhoton.ts",
        exposure: "luminosity",
        generate(n, rng) {
          const s = generateTwoPhotonMuMu({ events: n }, rng);
          return {
            events: s.events,
            species: { muMinus: "muon", muPlus: "muon", eMinus: "electron", ePlus: "electron" },
          };
        },
      },
      {
        name: "kaon.muNu",
        description: "K+ → μ+ν at rest (monochromatic 235.5 MeV muon)",
        provenance: "computed",
        citation: "two-body kinematics; BR(K → μν) = 0.6356 (PDG, Ibe2017)",
        exposure: "kaons",
        generate(n, rng) {
          const s = generateKaonDecays({ events: n, channel: "muNu" }, rng);
          return {
            events: unitWeights(s.events, s.branchingFractions.muNu),
            species: { muPlus: "muon", neutrino: "invisible", photon: "photon" },
          };
        },
      },
      {
        name: "kaon.muNuGamma",
        description: "K+ → μ+νγ at rest, inner bremsstrahlung, E_γ > 1 MeV",
        provenance: "computed",
        citation: "BijnensEckerGasser1993 IB density; kaon.ts (Ibe2017 eq. (20) for the 140-200 MeV window)",
        exposure: "kaons",
        generate(n, rng) {
          const s = generateKaonDecays({ events: n, channel: "muNuGamma" }, rng);
          return {
            events: unitWeights(s.events, s.branchingFractions.muNuGamma),
            species: { muPlus: "muon", neutrino: "invisible", photon: "photon" },
          };
        },
      },
      {
        name: "muone.elastic",
        description: "μ e → μ e, 1 GeV < E_e < 139 GeV",
        provenance: "computed",
        citation: "tree-level QED with masses; muone.ts",
        exposure: "muonsOnTarget",
        generate(n, rng) {
          const s = generateMuonElectronElastic({ events: n, minElectronEnergy: 1, maxElectronEnergy: 139 }, rng);
          return { events: unitWeights(s.events, s.crossSectionPb), species: { muon: "muon", electron: "electron" } };
        },
      },
      {
        name: "muone.radiative",
        description: "μ e → μ e γ, E_γ(CM) > 1 MeV",
        provenance: "computed",
        citation: "crossing of the e+e- → μ+μ-γ matrix element; muone.ts",
        exposure: "muonsOnTarget",
        generate(n, rng) {
          const s = generateMuonElectronGamma({ events: n, minPhotonEnergy: 1e-3 }, rng);
          return { events: s.events, species: { muon: "muon", electron: "electron", photon: "photon" } };
        },
      },
    ] as BackgroundProcess[]
  ).map((p) => [p.name, p]),
);

/** Processes that are negligible and therefore not generated, with the number that makes them so. */
export const NEGLIGIBLE_PROCESSES = {
  "belle2.wzMuMuNuNu": {
    description: "e+e- → μ+μ-νν̄ through off-shell W and Z",
    value: 7e-2,
    unit: "fb",
    citation:
      "Jho2019 sec. 3.2: 'The cross section is ~7 × 10⁻² fb ... after E_T^miss and m²_miss cuts, no background events remain, even at 50 ab⁻¹'",
  },
  "kaon.muNuNuNu": {
    description: "K+ → μ+ν ν ν̄ in the Standard Model",
    value: 1e-16,
    unit: "branching fraction (order of magnitude)",
    citation: "Ibe2017 footnote 8: O(10⁻¹⁶)",
  },
  "muone.muENuNu": {
    description: "μ e → μ e ν ν̄ through W and Z exchange",
    value: 0,
    unit: "events (negligible)",
    citation:
      "Asai2022 sec. III: 'The number of events of the electroweak process μe → μeνν̄ turns out to be negligibly small'",
  },
} as const;

/**
 * Returns the named process.
 * @param name - a key of {@link BACKGROUND_PROCESSES}
 * @returns the process
 * @throws {@link PhysError} `UNKNOWN_NAME` for an unknown name (negligible processes are named in the message)
 * @example
 * ```ts
 * backgroundProcess("belle2.tauPairMuMu").provenance; // "seed"
 * ```
 */
export function backgroundProcess(name: string): BackgroundProcess {
  const p = BACKGROUND_PROCESSES[name];
  if (p === undefined) {
    const negligible = Object.hasOwn(NEGLIGIBLE_PROCESSES, name);
    throw new PhysError(
      "UNKNOWN_NAME",
      negligible
        ? `process ${JSON.stringify(name)} is negligible and not generated (see NEGLIGIBLE_PROCESSES)`
        : `process must be one of ${Object.keys(BACKGROUND_PROCESSES).join(", ")}, got ${JSON.stringify(name)}`,
      { argument: "process", value: name, allowed: Object.keys(BACKGROUND_PROCESSES).join(" | ") },
    );
  }
  return p;
}

/** The exposure of a toy: one of an integrated luminosity, a number of stopped kaons, or muons on target (with the luminosity per muon). */
export type Exposure =
  | { readonly luminosityInvFb: number }
  | { readonly kaons: number }
  | { readonly muonsOnTarget: number; readonly luminosityPerMuonInvPb: number };

/** A per-event variable of reconstructed events (e.g. m²_miss, cos θ of the recoil). */
export type EventVariable = (events: ReconstructedEvents, i: number) => number;

/** Options of {@link toyDataset}. */
export interface ToyDatasetOptions {
  /** Names of {@link BACKGROUND_PROCESSES}. */
  readonly processes: readonly string[];
  /** The exposure; its kind must match every process's. */
  readonly exposure: Exposure;
  /** The detector model. */
  readonly detector: DetectorModel;
  /** The selection (weight mode). */
  readonly selection: readonly Requirement[];
  /** Seed (integer ≥ 0). */
  readonly seed: number;
  /** Events generated per process for its pool. @defaultValue {@link TOY_DEFAULTS}.poolEvents */
  readonly poolEvents?: number;
  /** Variables to compute for the selected events. */
  readonly variables?: { readonly [name: string]: EventVariable };
  /**
   * Largest total expected number of observed events (summed over the processes) the toy may
   * draw, in [0, {@link TOY_DEFAULTS}.maxObservedEventsLimit]; beyond it `toyDataset` throws
   * instead of allocating the events. @defaultValue {@link TOY_DEFAULTS}.maxExpectedEvents
   */
  readonly maxExpectedEvents?: number;
}

/** Defaults of {@link toyDataset}. */
export const TOY_DEFAULTS = {
  /** Pool size per process: the expected yields' Monte Carlo precision scales as 1/√poolEvents. */
  poolEvents: 20000,
  /**
   * Default cap on the total expected number of observed events: 10⁷ events take ~40 MB of
   * indices plus 80 MB per variable. Observed events are drawn from the pool with replacement, so
   * a toy much larger than `poolEvents` repeats events anyway: for large expected yields use the
   * pools' weights (expected yields, templates) instead of observed events.
   */
  maxExpectedEvents: 1e7,
  /** The largest `maxExpectedEvents` accepted: observed events are indexed by 32-bit integers (2³¹ − 1), less a 10⁸ margin for the Poisson fluctuation. */
  maxObservedEventsLimit: 2 ** 31 - 1 - 1e8,
} as const;

/** One process of a toy. */
export interface ToyProcessYield {
  readonly name: string;
  readonly provenance: ProcessProvenance;
  /** Expected selected events at the exposure, and its Monte Carlo error. */
  readonly expected: number;
  readonly expectedError: number;
  /** Poisson-fluctuated number of selected events in the toy. */
  readonly observed: number;
  /** Pool events with non-zero selected weight (the toy's events are drawn from these). */
  readonly selectedPool: number;
  /** The pool's cut flow (weight mode; weights are per unit exposure). */
  readonly cutFlow: CutFlow;
}

/** A toy dataset: observed events (columnar variables), per-process yields, and the weighted pools for templates. */
export interface ToyDataset {
  readonly yields: readonly ToyProcessYield[];
  /** The observed events: process index and the requested variables. */
  readonly events: {
    readonly size: number;
    readonly process: Uint8Array;
    readonly variables: { readonly [name: string]: Float64Array };
  };
  /** The selected weighted pools (expected events per pool event at the exposure), per process, for templates. */
  readonly pools: readonly {
    readonly name: string;
    readonly weight: Float64Array;
    readonly variables: { readonly [name: string]: Float64Array };
  }[];
}

function exposureFor(exposure: Exposure): { kind: ExposureKind; amount: number } {
  if (exposure !== null && typeof exposure === "object") {
    if ("luminosityInvFb" in exposure) {
      return {
        kind: "luminosity",
        amount: invFbToInvPb(requireNonNegative("exposure.luminosityInvFb", exposure.luminosityInvFb, "fb^-1")),
      };
    }
    if ("kaons" in exposure) return { kind: "kaons", amount: requireNonNegative("exposure.kaons", exposure.kaons) };
    if ("muonsOnTarget" in exposure) {
      const mu = requireNonNegative("exposure.muonsOnTarget", exposure.muonsOnTarget);
      const perMuon = requireNonNegative("exposure.luminosityPerMuonInvPb", exposure.luminosityPerMuonInvPb, "pb^-1");
      return { kind: "muonsOnTarget", amount: mu * perMuon };
    }
  }
  throw argumentError(
    "INVALID_ARGUMENT",
    "exposure",
    exposure,
    "{ luminosityInvFb } | { kaons } | { muonsOnTarget, luminosityPerMuonInvPb }",
  );
}

/**
 * Builds a toy dataset (module documentation).
 * @param options - processes, exposure, detector, selection, seed, variables (see {@link ToyDatasetOptions})
 * @returns yields (expected with MC error, observed), observed events with their variables, and the pools
 * @throws {@link PhysError} `UNKNOWN_NAME` for an unknown process; `OUT_OF_DOMAIN` for a negative
 *   exposure, for an exposure whose total expected yield after the selection exceeds
 *   `maxExpectedEvents` (argument `exposure`; the message names the process and its yield), or for
 *   `maxExpectedEvents` outside [0, {@link TOY_DEFAULTS}.maxObservedEventsLimit];
 *   `INVALID_ARGUMENT` for a malformed exposure, a process whose exposure kind differs, or a bad seed or pool size
 * @example
 * ```ts
 * const det = belle2({ muonId: "jho2019" });
 * const toy = toyDataset({
 *   processes: ["belle2.tauPairMuMu"], exposure: { luminosityInvFb: 178 }, detector: det,
 *   selection: jho2019Requirements(det.beams).slice(0, 4), seed: 1,
 *   variables: { missingMass2: missingMass2Variable(det.beams) },
 * });
 * ```
 */
export function toyDataset(options: ToyDatasetOptions): ToyDataset {
  const procs = options.processes.map((name) =>
    backgroundProcess(requireOneOf("processes", name, Object.keys(BACKGROUND_PROCESSES))),
  );
  const { kind, amount } = exposureFor(options.exposure);
  for (const p of procs) {
    if (p.exposure !== kind) {
      throw argumentError(
        "INVALID_ARGUMENT",
        "exposure",
        options.exposure,
        `a ${p.exposure} exposure for process ${p.name}`,
      );
    }
  }
  const seed = requireInteger("seed", options.seed, 0);
  const poolEvents = requireInteger("poolEvents", options.poolEvents ?? TOY_DEFAULTS.poolEvents, 1);
  const maxExpected = requireInRange(
    "maxExpectedEvents",
    options.maxExpectedEvents ?? TOY_DEFAULTS.maxExpectedEvents,
    0,
    TOY_DEFAULTS.maxObservedEventsLimit,
  );
  let expectedSoFar = 0;
  const variables = options.variables ?? {};
  const names = Object.keys(variables);
  const root = createRandom(seed);
  const yields: ToyProcessYield[] = [];
  const pools: ToyDataset["pools"][number][] = [];
  // per process: the drawn pool indices (concatenated at the end)
  const drawnIndex: Int32Array[] = [];
  const poolVars: { [name: string]: Float64Array }[] = [];
  procs.forEach((p, k) => {
    const pool = p.generate(poolEvents, root.fork(4 * k));
    const reco = options.detector.reconstruct(pool.events, pool.species, root.fork(4 * k + 1));
    const sel = select(reco, options.selection, { mode: "weight" });
    const idx: number[] = [];
    for (let i = 0; i < sel.size; i++) if ((sel.weight[i] as number) > 0) idx.push(i);
    const w = Float64Array.from(idx, (i) => (sel.weight[i] as number) * amount);
    let sum = 0;
    let sum2 = 0;
    for (const x of w) {
      sum += x;
      sum2 += x * x;
    }
    const vars = Object.fromEntries(
      names.map((v) => [v, Float64Array.from(idx, (i) => (variables[v] as EventVariable)(reco, i))]),
    );
    expectedSoFar += sum;
    if (!(expectedSoFar <= maxExpected)) {
      throw new PhysError(
        "OUT_OF_DOMAIN",
        `exposure must give at most maxExpectedEvents = ${maxExpected} expected selected events, got ` +
          `${expectedSoFar.toPrecision(3)} (process ${p.name}: ${sum.toPrecision(3)}) for ${JSON.stringify(options.exposure)}: ` +
          `lower the exposure, tighten the selection, raise maxExpectedEvents (at most ${TOY_DEFAULTS.maxObservedEventsLimit}), ` +
          "or use the expected yields and the pools' weights instead of observed events",
        {
          argument: "exposure",
          value: options.exposure,
          allowed: `an exposure with at most maxExpectedEvents = ${maxExpected} expected selected events in total`,
        },
      );
    }
    const fluct = root.fork(4 * k + 2);
    const observed = fluct.poisson(sum);
    // draw `observed` pool events with probability ∝ weight (inverse CDF on the cumulative weights)
    const cum = new Float64Array(w.length);
    let acc = 0;
    for (let i = 0; i < w.length; i++) {
      acc += w[i] as number;
      cum[i] = acc;
    }
    const picked = new Int32Array(observed);
    for (let j = 0; j < observed; j++) {
      const u = fluct.uniform() * acc;
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cum[mid] as number) > u) hi = mid;
        else lo = mid + 1;
      }
      picked[j] = lo;
    }
    drawnIndex.push(picked);
    poolVars.push(vars);
    yields.push({
      name: p.name,
      provenance: p.provenance,
      expected: sum,
      expectedError: Math.sqrt(sum2),
      observed,
      selectedPool: idx.length,
      cutFlow: sel.cutFlow,
    });
    pools.push({ name: p.name, weight: w, variables: vars });
  });
  const total = drawnIndex.reduce((a, d) => a + d.length, 0);
  const process = new Uint8Array(total);
  const out = Object.fromEntries(names.map((v) => [v, new Float64Array(total)]));
  let at = 0;
  drawnIndex.forEach((picked, k) => {
    process.fill(k, at, at + picked.length);
    for (const v of names) {
      const src = (poolVars[k] as { [name: string]: Float64Array })[v] as Float64Array;
      const dst = out[v] as Float64Array;
      for (let j = 0; j < picked.length; j++) dst[at + j] = src[picked[j] as number] as number;
    }
    at += picked.length;
  });
  return { yields, events: { size: total, process, variables: out }, pools };
}

/** One axis of a histogram: a variable name and its bin edges (strictly increasing). */
export interface HistogramAxis {
  readonly variable: string;
  readonly edges: readonly number[];
}

/**
 * Fills an N-dimensional histogram (row-major, the first axis slowest; entries outside any axis
 * are dropped): observed counts when `weights` is absent, templates when it carries expected
 * events per entry (e.g. a toy's pool weights).
 * @param variables - the columns by name
 * @param axes - the axes (at least one)
 * @param weights - per-entry weights (default 1)
 * @returns the bin contents, length Π(edges − 1)
 * @throws {@link PhysError} `INVALID_ARGUMENT` for no axes or bad edges, `UNKNOWN_NAME` for a missing
 *   variable, `INCOMPATIBLE_SHAPES` for columns of different lengths
 * @example
 * ```ts
 * // recoil mass² × cos θ of the recoil (Belle2-inv's two-dimensional template)
 * fillHistogram(pool.variables, [{ variable: "missingMass2", edges: m2Edges }, { variable: "cosRecoil", edges: [-1, -0.5, 0, 0.5, 1] }], pool.weight);
 * ```
 */
export function fillHistogram(
  variables: { readonly [name: string]: Float64Array },
  axes: readonly HistogramAxis[],
  weights?: Float64Array,
): Float64Array {
  if (!Array.isArray(axes) || axes.length === 0)
    throw argumentError("INVALID_ARGUMENT", "axes", axes, "at least one axis");
  const cols = axes.map((a, k) => {
    const c = variables[a.variable];
    if (c === undefined) {
      throw new PhysError("UNKNOWN_NAME", `axes[${k}].variable ${JSON.stringify(a.variable)} is not a variable`, {
        argument: `axes[${k}].variable`,
        value: a.variable,
        allowed: Object.keys(variables).join(" | "),
      });
    }
    const edges: readonly number[] = Array.isArray(a.edges) ? a.edges : [];
    if (edges.length < 2 || edges.some((e, i) => !Number.isFinite(e) || (i > 0 && !(e > (edges[i - 1] as number))))) {
      throw argumentError(
        "INVALID_ARGUMENT",
        `axes[${k}].edges`,
        a.edges,
        "at least two finite, strictly increasing edges",
      );
    }
    return c;
  });
  const n = (cols[0] as Float64Array).length;
  cols.forEach((c, k) => {
    if (c.length !== n) {
      throw new PhysError(
        "INCOMPATIBLE_SHAPES",
        `variable ${axes[k]?.variable} has ${c.length} entries, expected ${n}`,
        {
          argument: `axes[${k}].variable`,
          value: c.length,
          allowed: `length ${n}`,
        },
      );
    }
  });
  if (weights !== undefined && weights.length !== n) {
    throw new PhysError("INCOMPATIBLE_SHAPES", `weights has ${weights.length} entries, expected ${n}`, {
      argument: "weights",
      value: weights.length,
      allowed: `length ${n}`,
    });
  }
  const sizes = axes.map((a) => a.edges.length - 1);
  const out = new Float64Array(sizes.reduce((a, b) => a * b, 1));
  for (let i = 0; i < n; i++) {
    let flat = 0;
    let inside = true;
    for (let k = 0; k < axes.length; k++) {
      const e = (axes[k] as HistogramAxis).edges;
      const x = (cols[k] as Float64Array)[i] as number;
      if (!(x >= (e[0] as number) && x < (e[e.length - 1] as number))) {
        inside = false;
        break;
      }
      let lo = 0;
      let hi = e.length - 2;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((e[mid] as number) <= x) lo = mid;
        else hi = mid - 1;
      }
      flat = flat * (sizes[k] as number) + lo;
    }
    if (inside) out[flat] = (out[flat] as number) + (weights === undefined ? 1 : (weights[i] as number));
  }
  return out;
}
