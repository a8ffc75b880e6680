/**
 * The Belle II four-muon background toy (Belle2-4mu secs. III-IV): four-lepton events from
 * {@link generateFourLepton}, the Belle II detector of `@muonphilic/detectors` (its four-muon
 * preset: σ_pT/pT of Belle2-4mu sec. II and the track angular resolution tuned to sec. V), the
 * selection of Belle2-4mu sec. IV C, the four-momentum kinematic fit of sec. IV E
 * (`@muonphilic/kinematics`) with the detector's own track covariances (`trackResolution`),
 * the four μ+μ- candidates of every event, and a parametrised stand-in for the MLP suppression of
 * sec. IV D. The product the scan runs on by default: {@link belle2FourMuonToy}.
 *
 * What is computed and what is parametrised (also in every toy's `provenance`, with the kinds
 * `computed`, `parametrised` and `seed` of `@muonphilic/detectors`' `ProvenanceKind`):
 * - computed: the e+e- → 4μ cross sections (conversion and annihilation diagrams, tree level,
 *   ISR by the Kuraev-Fadin radiator), the J/ψ, ψ(2S), ω, φ, ρ, Υ(nS) → μ+μ- peaks (vector-meson
 *   dominance of the virtual photon with PDG Γ_ee), the rate of e+e- → γ_ISR Υ(2S, 3S) →
 *   γ Υ(1S)π+π- (radiative return with PDG Γ_ee and branching fractions);
 * - parametrised: the ρ → π+π- bump (Gounaris-Sakurai form factor alone, Γ_ee(ρ) 17% below the
 *   PDG value), the dipion mass of the Υ transitions (the lowest-order amplitude of BrownCahn1975),
 *   and the MLP background rejection (Belle2-4mu quotes only its range, 2.5-14, with the best value
 *   near 5 GeV): a piecewise-linear rejection factor R(M) on the candidate mass;
 * - seed: the detector response and the selection (Belle2-4mu secs. II, IV A-C, through
 *   `@muonphilic/detectors`);
 * - omitted: the selection's photon cuts tied to ISR (our ISR photons are collinear and never
 *   detected), e+e- → μ+μ-γ with photon conversion and e+e- → e+e-μ+μ- (Belle2-4mu: removed by the
 *   final suppression or only below 1 GeV), non-QED sources such as e+e- → J/ψ π+π-.
 *
 * @packageDocumentation
 */

import {
  BELLE2_GEOMETRY,
  type Belle2Detector,
  type Belle2Options,
  belle2,
  type CutFlow,
  fromComputation,
  fromSeed,
  type Provenance,
  parametrisation,
  type Requirement,
  type SpeciesDeclaration,
  select,
} from "@muonphilic/detectors";
import {
  type BeamSetup,
  createKinematicFitter,
  createRandom,
  type EventColumns,
  type FourVectorColumns,
  type KinematicFitter,
  type RandomSource,
  trackCovariance,
} from "@muonphilic/kinematics";
import {
  argumentError,
  M_MU,
  PhysError,
  requireAllFinite,
  requireInteger,
  requireNonNegative,
  requireOneOf,
} from "@muonphilic/units";
import {
  FOUR_LEPTON_DEFAULTS,
  FOUR_LEPTON_PROCESSES,
  type FourLeptonProcess,
  type FourLeptonSample,
  generateFourLepton,
} from "./fourLepton.js";
import { VECTOR_MESONS } from "./resonances.js";
import { generateUpsilonTransitions } from "./upsilon.js";

/** A piecewise-linear curve y(M) on the candidate mass (GeV), constant outside the grid. */
export interface MassCurve {
  /** Strictly increasing masses (GeV). */
  readonly grid: readonly number[];
  /** Values at the grid points. */
  readonly values: readonly number[];
  /** Where it comes from. */
  readonly provenance: Provenance;
}

/** The items of a four-muon toy's `provenance` list, by key. */
export const TOY_PROVENANCE_ITEMS = {
  fourMuon: "e+e- → 4μ cross sections (conversion + annihilation, tree level, ISR)",
  peaks: "J/ψ, ψ(2S), ω, φ, ρ, Υ(nS) → μ+μ- peaks",
  rhoPiPi: "ρ → π+π- bump (one pion mis-identified)",
  upsilonRate: "Υ(2S, 3S) → Υ(1S)π+π- rate (e+e- → γ_ISR Υ(nS))",
  upsilonDipion: "Υ(2S, 3S) → Υ(1S)π+π- dipion mass",
  mlp: "MLP rejection R(M)",
  detector: "detector response and selection",
} as const;

/** The processes of the four-muon toy: the four-lepton processes and the Υ(nS) → Υ(1S)π+π- transitions. */
export type FourMuonToyProcess = FourLeptonProcess | "upsilonTransitions";

/** Every {@link FourMuonToyProcess}. */
export const FOUR_MUON_TOY_PROCESSES: readonly FourMuonToyProcess[] = [...FOUR_LEPTON_PROCESSES, "upsilonTransitions"];

/** Defaults of {@link belle2FourMuonToy}. */
export const BELLE2_FOUR_MUON_DEFAULTS = {
  /** The Belle2-4mu data set: 178 fb⁻¹ (sec. III). */
  luminosityInvFb: 178,
  /** The seed of the embedded default toy. */
  seed: 20240614,
  /** All processes: the four-lepton ones and the Υ transitions. */
  processes: FOUR_MUON_TOY_PROCESSES,
  /** M(4 tracks) window of the selection (GeV): Belle2-4mu sec. IV C. */
  fourTrackMassGeV: [10, 11] as readonly [number, number],
  /** Total photon energy below 0.4 GeV: Belle2-4mu sec. IV C. */
  maxPhotonEnergyGeV: 0.4,
  /** At least three of the four tracks identified as muons: Belle2-4mu sec. IV C. */
  minIdentifiedMuons: 3,
  /**
   * The MLP rejection factor R(M(μμ)) applied to each candidate (kept with probability 1/R).
   * Belle2-4mu sec. IV D: "The background rejection factor achieved by the MLP selection varies
   * from 2.5 to 14, with the best value around 5 GeV"; the shape between is our assumption.
   */
  mlpRejection: {
    grid: [0.212, 5, 10],
    values: [2.5, 14, 2.5],
    provenance: parametrisation(
      "Belle2-4mu sec. IV D quotes only the range of the MLP background rejection (2.5-14) and its best value near 5 GeV; " +
        "linear from 2.5 at threshold to 14 at 5 GeV and back to 2.5 at 10 GeV is our parametrisation, not the paper's curve",
    ),
  } as MassCurve,
  /**
   * Numerical floor (rad) on σ_θ, σ_φ of the kinematic fit's track covariances, used only when the
   * detector does not smear track angles (`trackAngles: "none"`): the angles are then exact and
   * the fit must keep them; 1e-9 rad is exact for the fit while keeping the covariance positive
   * definite. Not a resolution: with the default detector the covariances come from
   * `trackResolution` of `@muonphilic/detectors`, the resolution the tracks were smeared with.
   */
  fitAngularFloorRad: 1e-9,
} as const;

/** Options of {@link belle2FourMuonToy}. */
export interface Belle2FourMuonToyOptions {
  /** Integrated luminosity (fb⁻¹, ≥ 0). @defaultValue {@link BELLE2_FOUR_MUON_DEFAULTS}.luminosityInvFb */
  readonly luminosityInvFb?: number;
  /** Seed (integer ≥ 0). @defaultValue {@link BELLE2_FOUR_MUON_DEFAULTS}.seed */
  readonly seed?: number;
  /** Processes to include. @defaultValue all of {@link FOUR_MUON_TOY_PROCESSES} */
  readonly processes?: readonly FourMuonToyProcess[];
  /** ISR on/off. @defaultValue {@link FOUR_LEPTON_DEFAULTS}.isr */
  readonly isr?: boolean;
  /** The MLP stand-in: a rejection curve, or "none" to keep every candidate (the spectrum of Belle2-4mu Fig. 3). @defaultValue {@link BELLE2_FOUR_MUON_DEFAULTS}.mlpRejection */
  readonly mlpRejection?: MassCurve | "none";
  /** Belle II detector options (presets). @defaultValue the `@muonphilic/detectors` defaults (four-muon tracking, trigger and muon ID) */
  readonly detector?: Belle2Options;
  /**
   * Apply the 4C kinematic fit Σp = p(beams) before forming candidates (Belle2-4mu sec. IV E; the
   * final spectrum, Fig. 11). False gives the measured masses (Fig. 3). @defaultValue true
   */
  readonly kinematicFit?: boolean;
}

/** Dimuon candidates: four per selected event (each μ+ with each μ-), minus those the MLP stand-in removes. */
export interface FourMuonCandidates {
  /** Number of candidates. */
  readonly size: number;
  /** M(μ+μ-) after the kinematic fit (GeV), muon mass hypothesis for every track. */
  readonly mass: Float64Array;
  /** Index of the candidate's event in `events`. */
  readonly event: Int32Array;
  /** Which pairing: 0 = (minus1, plus1), 1 = (minus1, plus2), 2 = (minus2, plus1), 3 = (minus2, plus2). */
  readonly pairing: Uint8Array;
  /** 1 when both tracks come from the same virtual photon (pairings 0 and 3), else 0. */
  readonly truePair: Uint8Array;
}

/** The selected events of a toy. */
export interface FourMuonEvents {
  /** Number of selected events. */
  readonly size: number;
  /** Index into {@link Belle2FourMuonToy.processes} of each event's process. */
  readonly process: Uint8Array;
  /** Lab-frame track four-momenta, kinematically fitted unless `kinematicFit: false` (muon mass hypothesis), GeV. */
  readonly tracks: EventColumns<"minus1" | "plus1" | "minus2" | "plus2">;
  /** M(4 tracks) before the fit (GeV). */
  readonly fourTrackMass: Float64Array;
  /** χ² of the 4C kinematic fit (4 degrees of freedom); NaN without the fit or when it failed (then the measured momenta are used). */
  readonly fitChi2: Float64Array;
  /** Truth: q² of the pair-2 virtual photon (four-lepton processes) or M²(Υ(nS)) (Υ transitions), GeV². */
  readonly trueMass2: Float64Array;
  /** Truth: spectral component of pair 2 ("continuum", "J/psi", ...) or "Upsilon(2S)"/"Upsilon(3S)" for the transitions. */
  readonly component: readonly string[];
}

/** Per-process yields of a toy. */
export interface FourMuonProcessYield {
  readonly process: FourMuonToyProcess;
  /** Hit-or-miss cross section of the generated phase space (pb) and its error. */
  readonly crossSectionPb: number;
  readonly crossSectionErrorPb: number;
  /** Generated events (Poisson(σL)). */
  readonly generated: number;
  /** Events passing the selection. */
  readonly selected: number;
  /** Candidates kept after the MLP stand-in. */
  readonly candidates: number;
  /** What each requirement removed (sample mode). */
  readonly cutFlow: CutFlow;
}

/** A Belle II four-muon background toy. */
export interface Belle2FourMuonToy {
  readonly luminosityInvFb: number;
  readonly seed: number;
  /** The processes, in the order `events.process` indexes. */
  readonly processes: readonly FourMuonToyProcess[];
  readonly events: FourMuonEvents;
  readonly candidates: FourMuonCandidates;
  readonly yields: readonly FourMuonProcessYield[];
  /** What is computed, what is parametrised, and from where. */
  readonly provenance: readonly { readonly item: string; readonly provenance: Provenance }[];
}

const PAIRINGS: readonly (readonly [number, number])[] = [
  [0, 1],
  [0, 3],
  [2, 1],
  [2, 3],
];
const TRACK_NAMES = ["minus1", "plus1", "minus2", "plus2"] as const;

/**
 * Validates a piecewise-linear mass curve.
 * @throws {@link PhysError} `INVALID_ARGUMENT` / `INCOMPATIBLE_SHAPES` / `OUT_OF_DOMAIN` for a malformed curve
 */
function requireMassCurve(argument: string, curve: MassCurve, min: number): MassCurve {
  if (curve === null || typeof curve !== "object" || !Array.isArray(curve.grid) || !Array.isArray(curve.values)) {
    throw argumentError("INVALID_ARGUMENT", argument, curve, "{ grid: number[], values: number[], provenance }");
  }
  if (curve.grid.length === 0 || curve.grid.length !== curve.values.length) {
    throw new PhysError(
      "INCOMPATIBLE_SHAPES",
      `${argument}.grid and ${argument}.values must be non-empty and of the same length, got ${curve.grid.length} and ${curve.values.length}`,
      { argument: `${argument}.values`, value: curve.values.length, allowed: `length ${curve.grid.length}` },
    );
  }
  requireAllFinite(`${argument}.grid`, curve.grid);
  requireAllFinite(`${argument}.values`, curve.values);
  for (let i = 1; i < curve.grid.length; i++) {
    if (!((curve.grid[i] as number) > (curve.grid[i - 1] as number))) {
      throw argumentError(
        "INVALID_ARGUMENT",
        `${argument}.grid[${i}]`,
        curve.grid[i],
        `> ${curve.grid[i - 1]} (strictly increasing)`,
      );
    }
  }
  curve.values.forEach((v, i) => {
    if (!(v >= min)) throw argumentError("OUT_OF_DOMAIN", `${argument}.values[${i}]`, v, `>= ${min}`);
  });
  return curve;
}

/**
 * Evaluates a piecewise-linear {@link MassCurve} (constant beyond its ends; numeric kernel).
 * @param curve - the curve
 * @param mass - GeV
 * @returns the interpolated value
 * @example
 * ```ts
 * evaluateMassCurve(BELLE2_FOUR_MUON_DEFAULTS.mlpRejection, 5); // 14
 * ```
 */
export function evaluateMassCurve(curve: MassCurve, mass: number): number {
  const g = curve.grid;
  const v = curve.values;
  const n = g.length;
  if (!(mass > (g[0] as number))) return v[0] as number;
  if (mass >= (g[n - 1] as number)) return v[n - 1] as number;
  let k = 1;
  while ((g[k] as number) < mass) k++;
  const x0 = g[k - 1] as number;
  const x1 = g[k] as number;
  return (v[k - 1] as number) + ((mass - x0) / (x1 - x0)) * ((v[k] as number) - (v[k - 1] as number));
}

let detectorCache: { key: string; det: Belle2Detector } | undefined;

function detectorFor(options: Belle2Options | undefined): Belle2Detector {
  const key = JSON.stringify(options ?? {});
  if (detectorCache?.key !== key) detectorCache = { key, det: belle2(options ?? {}) };
  return detectorCache.det;
}

/** The selection of Belle2-4mu sec. IV C on the four tracks (requirements of `@muonphilic/detectors`). */
function fourMuonRequirements(hasPhoton: boolean): Requirement[] {
  const d = BELLE2_FOUR_MUON_DEFAULTS;
  const tracks = [...TRACK_NAMES];
  const [lo, hi] = d.fourTrackMassGeV;
  const reqs: Requirement[] = [
    { kind: "reconstructed", particles: tracks, provenance: fromSeed("Belle2-4mu sec. IV C: four charged particles") },
    {
      kind: "trackCount",
      min: 4,
      max: 4,
      provenance: fromSeed("Belle2-4mu sec. IV C: exactly four charged particles, zero net charge"),
    },
    {
      kind: "identification",
      particles: tracks,
      muons: { min: d.minIdentifiedMuons },
      provenance: fromSeed("Belle2-4mu sec. IV C: at least three tracks identified as muons"),
    },
    { kind: "trigger", provenance: fromSeed("Belle2-4mu sec. IV A: three-track OR single-muon trigger") },
    {
      kind: "custom",
      name: `M(4 tracks) in [${lo}, ${hi}] GeV`,
      description: "four-track invariant mass with the muon mass hypothesis (Belle2-4mu sec. IV C)",
      provenance: fromSeed("Belle2-4mu sec. IV C: 10 < M(4μ) < 11 GeV"),
      test: (ev, i) => {
        const m = fourTrackMass(ev.particles, i);
        return m >= lo && m <= hi;
      },
    },
  ];
  if (hasPhoton) {
    reqs.push({
      kind: "photonVeto",
      maxTotalEnergyGeV: d.maxPhotonEnergyGeV,
      provenance: fromSeed("Belle2-4mu sec. IV C: total photon energy below 0.4 GeV"),
    });
  }
  return reqs;
}

function fourTrackMass(particles: { readonly [name: string]: FourVectorColumns }, i: number): number {
  let e = 0;
  let px = 0;
  let py = 0;
  let pz = 0;
  const m2 = M_MU * M_MU;
  for (const name of TRACK_NAMES) {
    const p = particles[name] as FourVectorColumns;
    const x = p.px[i] as number;
    const y = p.py[i] as number;
    const z = p.pz[i] as number;
    e += Math.sqrt(x * x + y * y + z * z + m2);
    px += x;
    py += y;
    pz += z;
  }
  return Math.sqrt(Math.max(e * e - px * px - py * py - pz * pz, 0));
}

interface ProcessResult {
  readonly yieldRecord: FourMuonProcessYield;
  readonly momenta: Float64Array; // selected events × 12 fitted momenta
  readonly m4: Float64Array;
  readonly chi2: Float64Array;
  readonly trueMass2: Float64Array;
  readonly component: string[];
  readonly candMass: number[];
  readonly candEvent: number[];
  readonly candPairing: number[];
}

interface GeneratedForToy {
  readonly events: EventColumns;
  readonly pair2Species: "muon" | "pion";
  readonly trueMass2: ArrayLike<number>;
  readonly component: (i: number) => string;
  readonly crossSectionPb: number;
  readonly crossSectionErrorPb: number;
  readonly generated: number;
}

function generateForToy(
  process: FourMuonToyProcess,
  lumiInvPb: number,
  isr: boolean,
  det: Belle2Detector,
  rng: RandomSource,
): GeneratedForToy {
  if (process === "upsilonTransitions") {
    const u = generateUpsilonTransitions({ luminosityInvPb: lumiInvPb, beams: det.beams }, rng);
    const m2 = [VECTOR_MESONS.upsilon2S.mass ** 2, VECTOR_MESONS.upsilon3S.mass ** 2];
    return {
      events: u.events,
      pair2Species: "pion",
      trueMass2: Float64Array.from(u.state, (k) => m2[k] as number),
      component: (i) => (u.state[i] === 1 ? VECTOR_MESONS.upsilon3S.name : VECTOR_MESONS.upsilon2S.name),
      crossSectionPb: u.crossSectionPb,
      crossSectionErrorPb: 0,
      generated: u.events.size,
    };
  }
  const sample: FourLeptonSample = generateFourLepton(
    { process, luminosityInvPb: lumiInvPb, isr, beams: det.beams, chargedPolarRangeDeg: BELLE2_GEOMETRY.cdcDeg },
    rng,
  );
  return {
    events: sample.events,
    pair2Species: sample.pair2Species,
    trueMass2: sample.q2Pair2,
    component: (i) => sample.components2[sample.component2[i] as number] ?? "continuum",
    crossSectionPb: sample.crossSectionPb,
    crossSectionErrorPb: sample.crossSectionErrorPb,
    generated: sample.events.size + sample.outsidePolarRange,
  };
}

function runProcess(
  process: FourMuonToyProcess,
  lumiInvPb: number,
  isr: boolean,
  det: Belle2Detector,
  fitter: KinematicFitter,
  mlp: MassCurve | undefined,
  rngs: { gen: RandomSource; det: RandomSource; mlp: RandomSource },
  applyFit: boolean,
): ProcessResult {
  const sample = generateForToy(process, lumiInvPb, isr, det, rngs.gen);
  const pair2 = sample.pair2Species;
  const species: SpeciesDeclaration = {
    minus1: { species: "muon", charge: -1 },
    plus1: { species: "muon", charge: 1 },
    minus2: { species: pair2, charge: -1 },
    plus2: { species: pair2, charge: 1 },
    ...("gammaIsr" in sample.events.particles ? { gammaIsr: "photon" as const } : {}),
  };
  const reco = det.reconstruct(sample.events, species, rngs.det);
  const sel = select(reco, fourMuonRequirements("gammaIsr" in sample.events.particles), { mode: "sample" });
  const nSel = sel.count;
  const momenta = new Float64Array(12 * nSel);
  const m4 = new Float64Array(nSel);
  const chi2 = new Float64Array(nSel);
  const trueMass2 = new Float64Array(nSel);
  const component: string[] = [];
  const candMass: number[] = [];
  const candEvent: number[] = [];
  const candPairing: number[] = [];
  const meas = new Float64Array(12);
  const cov = new Float64Array(36);
  const floor = BELLE2_FOUR_MUON_DEFAULTS.fitAngularFloorRad;
  let k = 0;
  for (let i = 0; i < reco.size; i++) {
    if (sel.passed[i] !== 1) continue;
    for (let j = 0; j < 4; j++) {
      const p = reco.particles[TRACK_NAMES[j] as string] as { px: Float64Array; py: Float64Array; pz: Float64Array };
      const x = p.px[i] as number;
      const y = p.py[i] as number;
      const z = p.pz[i] as number;
      meas[3 * j] = x;
      meas[3 * j + 1] = y;
      meas[3 * j + 2] = z;
      // The covariance of the smearing: the detector's own (σ_pT, σ_θ, σ_φ) at the measured
      // momentum, under the analysis's muon hypothesis for every track.
      const res = det.trackResolution("muon", x, y, z, M_MU);
      const c = trackCovariance(
        { x, y, z },
        {
          sigmaPt: res.sigmaPt,
          sigmaTheta: Math.max(res.sigmaTheta, floor),
          sigmaPhi: Math.max(res.sigmaPhi, floor),
        },
      );
      cov.set(c, 9 * j);
    }
    m4[k] = fourTrackMass(reco.particles, i);
    const fit = applyFit ? fitter.fit(meas, cov) : undefined;
    const out = fit?.valid ? fit.momenta : meas;
    chi2[k] = fit?.valid ? fit.chi2 : Number.NaN;
    momenta.set(out.subarray(0, 12), 12 * k);
    trueMass2[k] = sample.trueMass2[i] as number;
    component.push(sample.component(i));
    for (let q = 0; q < 4; q++) {
      const [a, b] = PAIRINGS[q] as readonly [number, number];
      const mass = pairMass(out, a, b);
      if (mlp && !(rngs.mlp.uniform() * evaluateMassCurve(mlp, mass) < 1)) continue;
      candMass.push(mass);
      candEvent.push(k);
      candPairing.push(q);
    }
    k++;
  }
  return {
    yieldRecord: {
      process,
      crossSectionPb: sample.crossSectionPb,
      crossSectionErrorPb: sample.crossSectionErrorPb,
      generated: sample.generated,
      selected: nSel,
      candidates: candMass.length,
      cutFlow: sel.cutFlow,
    },
    momenta,
    m4,
    chi2,
    trueMass2,
    component,
    candMass,
    candEvent,
    candPairing,
  };
}

function pairMass(p: ArrayLike<number>, a: number, b: number): number {
  const m2 = M_MU * M_MU;
  const ax = p[3 * a] as number;
  const ay = p[3 * a + 1] as number;
  const az = p[3 * a + 2] as number;
  const bx = p[3 * b] as number;
  const by = p[3 * b + 1] as number;
  const bz = p[3 * b + 2] as number;
  const e = Math.sqrt(ax * ax + ay * ay + az * az + m2) + Math.sqrt(bx * bx + by * by + bz * bz + m2);
  const x = ax + bx;
  const y = ay + by;
  const z = az + bz;
  return Math.sqrt(Math.max(e * e - x * x - y * y - z * z, 0));
}

/**
 * A background-only Belle II e+e- → 4μ toy at a given luminosity: the selected events and their
 * dimuon candidates as Belle2-4mu sec. IV builds them, deterministic for its seed. This is the
 * default input of the four-muon resonance scan (Belle2-4mu sec. V: candidate M(μμ), J/ψ veto
 * 3.07-3.12 GeV applied by the scan, not here).
 *
 * Chain: {@link generateFourLepton} for each process (Poisson yields at the luminosity) →
 * `belle2()` detector → selection (four reconstructed tracks, ≥ 3 identified muons, trigger,
 * 10 < M(4 tracks) < 11 GeV, photon energy < 0.4 GeV) → 4C kinematic fit Σp = p(beams) →
 * four candidates per event → each kept with probability 1/R(M) (MLP stand-in, parametrised).
 *
 * @param options - luminosity (fb⁻¹), seed and overrides (see {@link Belle2FourMuonToyOptions})
 * @returns the toy: selected events, candidates (`candidates.mass`, `candidates.event`), yields and provenance
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for a negative luminosity; `INVALID_ARGUMENT` for a
 *   bad seed or a malformed rejection curve; `UNKNOWN_NAME` for an unknown process or detector preset
 * @example
 * ```ts
 * const toy = belle2FourMuonToy({ luminosityInvFb: 178, seed: 1 });
 * toy.candidates.mass;  // Float64Array of candidate M(μ+μ-) in GeV
 * toy.candidates.event; // Int32Array: the event of each candidate
 * ```
 */
export function belle2FourMuonToy(options: Belle2FourMuonToyOptions = {}): Belle2FourMuonToy {
  const d = BELLE2_FOUR_MUON_DEFAULTS;
  const lumiInvFb = requireNonNegative("luminosityInvFb", options.luminosityInvFb ?? d.luminosityInvFb, "fb^-1");
  const seed = requireInteger("seed", options.seed ?? d.seed, 0);
  const processes = (options.processes ?? d.processes).map((p, i) =>
    requireOneOf(`processes[${i}]`, p, FOUR_MUON_TOY_PROCESSES),
  );
  const isr = options.isr ?? FOUR_LEPTON_DEFAULTS.isr;
  const mlpOption = options.mlpRejection ?? d.mlpRejection;
  const mlp = mlpOption === "none" ? undefined : requireMassCurve("mlpRejection", mlpOption, 1);
  const det = detectorFor(options.detector);
  const beams: BeamSetup = det.beams;
  const fitter = createKinematicFitter({
    masses: [M_MU, M_MU, M_MU, M_MU],
    constraints: [{ type: "fourMomentum", total: beams.total }],
  });
  const root = createRandom(seed);
  // streams by process (not by position), so a process's events do not depend on which others are included
  const results = processes.map((process) => {
    const k = 3 * FOUR_MUON_TOY_PROCESSES.indexOf(process);
    return runProcess(
      process,
      lumiInvFb * 1000,
      isr,
      det,
      fitter,
      mlp,
      { gen: root.fork(k), det: root.fork(k + 1), mlp: root.fork(k + 2) },
      options.kinematicFit ?? true,
    );
  });
  const nEv = results.reduce((a, r) => a + r.m4.length, 0);
  const nCand = results.reduce((a, r) => a + r.candMass.length, 0);
  const tracks = Object.fromEntries(
    TRACK_NAMES.map((n) => [
      n,
      { e: new Float64Array(nEv), px: new Float64Array(nEv), py: new Float64Array(nEv), pz: new Float64Array(nEv) },
    ]),
  ) as Record<(typeof TRACK_NAMES)[number], { e: Float64Array; px: Float64Array; py: Float64Array; pz: Float64Array }>;
  const processIndex = new Uint8Array(nEv);
  const m4 = new Float64Array(nEv);
  const chi2 = new Float64Array(nEv);
  const trueMass2 = new Float64Array(nEv);
  const component: string[] = [];
  const mass = new Float64Array(nCand);
  const event = new Int32Array(nCand);
  const pairing = new Uint8Array(nCand);
  const truePair = new Uint8Array(nCand);
  let e0 = 0;
  let c0 = 0;
  results.forEach((r, pi) => {
    const n = r.m4.length;
    for (let i = 0; i < n; i++) {
      TRACK_NAMES.forEach((name, j) => {
        const t = tracks[name];
        const x = r.momenta[12 * i + 3 * j] as number;
        const y = r.momenta[12 * i + 3 * j + 1] as number;
        const z = r.momenta[12 * i + 3 * j + 2] as number;
        t.px[e0 + i] = x;
        t.py[e0 + i] = y;
        t.pz[e0 + i] = z;
        t.e[e0 + i] = Math.sqrt(x * x + y * y + z * z + M_MU * M_MU);
      });
      processIndex[e0 + i] = pi;
    }
    m4.set(r.m4, e0);
    chi2.set(r.chi2, e0);
    trueMass2.set(r.trueMass2, e0);
    component.push(...r.component);
    for (let c = 0; c < r.candMass.length; c++) {
      mass[c0 + c] = r.candMass[c] as number;
      event[c0 + c] = (r.candEvent[c] as number) + e0;
      const q = r.candPairing[c] as number;
      pairing[c0 + c] = q;
      truePair[c0 + c] = q === 0 || q === 3 ? 1 : 0;
    }
    e0 += n;
    c0 += r.candMass.length;
  });
  return {
    luminosityInvFb: lumiInvFb,
    seed,
    processes,
    events: {
      size: nEv,
      process: processIndex,
      tracks: { size: nEv, particles: tracks },
      fourTrackMass: m4,
      fitChi2: chi2,
      trueMass2,
      component,
    },
    candidates: { size: nCand, mass, event, pairing, truePair },
    yields: results.map((r) => r.yieldRecord),
    provenance: [
      {
        item: TOY_PROVENANCE_ITEMS.fourMuon,
        provenance: fromComputation(
          "tree-level QED (conversion and annihilation diagrams of Belle2-4mu Fig. 2, sec. IV D) with the Kuraev-Fadin ISR radiator; fourLepton.ts",
        ),
      },
      {
        item: TOY_PROVENANCE_ITEMS.peaks,
        provenance: fromComputation(
          "vector-meson dominance of the virtual photon with PDG 2022 Γ_ee and branching fractions (narrow Breit-Wigner); spectral.ts",
        ),
      },
      {
        item: TOY_PROVENANCE_ITEMS.rhoPiPi,
        provenance: parametrisation(
          "Gounaris-Sakurai form factor (GS1968) alone, with PDG ρ parameters: |F_π(M_ρ²)|² = 33, Γ_ee(ρ) 17% below the PDG value; " +
            "pion mis-identification of @muonphilic/detectors",
        ),
      },
      {
        item: TOY_PROVENANCE_ITEMS.upsilonRate,
        provenance: fromComputation(
          "radiative return to a narrow resonance, σ = (12π²Γ_ee/(Ms)) F(1 − M²/s) with the Kuraev-Fadin radiator F, " +
            "× BR(Υ(nS) → Υ(1S)π+π-) × BR(Υ(1S) → μ+μ-), PDG 2022; upsilon.ts",
        ),
      },
      {
        item: TOY_PROVENANCE_ITEMS.upsilonDipion,
        provenance: parametrisation(
          "dipion mass from |M|² ∝ (m²_ππ − 2m_π²)², the lowest-order amplitude of BrownCahn1975, times phase space; " +
            "Υ(1S) → μ+μ- and the dipion decay isotropic; upsilon.ts",
        ),
      },
      {
        item: TOY_PROVENANCE_ITEMS.mlp,
        provenance: mlp ? mlp.provenance : { kind: "user", citation: "disabled by the caller: every candidate kept" },
      },
      {
        item: TOY_PROVENANCE_ITEMS.detector,
        provenance: fromSeed("Belle2-4mu secs. II, IV A-C through @muonphilic/detectors belle2()"),
      },
    ],
  };
}
