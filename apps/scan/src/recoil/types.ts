/**
 * Types of the invisible-Z' recoil-mass template scan (Belle2-inv): the point record a window
 * analysis produces, and results.json of `muonphilic scan recoil`.
 *
 * @packageDocumentation
 */

import type { RecoilCuts } from "./selection.js";

/** How a hypothesis ended. */
export type RecoilPointStatus = "ok" | "limit-failed" | "too-few-events" | "fit-failed" | "error";

/** What one window analysis produces (also one line of the checkpoint). */
export interface RecoilPointRecord {
  /** Index of the hypothesis in the scan grid. */
  readonly index: number;
  /** Z' mass hypothesis (GeV) and its recoil mass squared M² = mass² (GeV²). */
  readonly mass: number;
  readonly massSquared: number;
  /** Signal resolution σ(M²_recoil) at this mass, GeV² (the bin width of the window). */
  readonly resolutionM2: number;
  /** The window in M²_recoil (GeV²): [low, high], its number of M² bins and cos θ bins. */
  readonly windowLow: number;
  readonly windowHigh: number;
  readonly massBins: number;
  readonly cosBins: number;
  /** Signal model: "narrow" (simulated templates) or "breit-wigner" (finite width, 1D, FFT). */
  readonly signalModel: "narrow" | "breit-wigner";
  /** Total width Γ of the Z' used for the signal template, GeV (0 for "narrow"). */
  readonly widthGeV: number;
  readonly status: RecoilPointStatus;
  readonly message?: string;
  /** Observed events and expected background events in the window. */
  readonly nEvents: number;
  readonly expectedBackground: number;
  /** Selection efficiency of the signal (all cuts, inside the window) at this mass. */
  readonly efficiency: number;
  /** Expected signal events per fb of cross section (ε L). */
  readonly signalPerFb: number;
  /** Best-fit σ (fb, may be negative only if the POI range allows) and background normalisation. */
  readonly sigmaHatFb: number;
  readonly backgroundNorm: number;
  /** Discovery test statistic q₀ and Z = √q₀ (0 for a deficit). */
  readonly q0: number;
  readonly localSignificance: number;
  /** Signed: −√(t₀) when the best fit is below 0 (diagnostic only). */
  readonly signedSignificance: number;
  /** 90% CL (settings.cl) CLs upper limit on σ(e⁺e⁻ → μ⁺μ⁻Z', Z' → invisible), fb, and five expected band values (−2σ…+2σ). */
  readonly upperLimitSigmaFb: number;
  readonly expectedUpperLimitSigmaFb: readonly number[];
  /** "asymptotic" or "toys". */
  readonly limitMethod: "asymptotic" | "toys";
  /** Median expected limit of the one-dimensional fit (cos θ bins merged), fb; NaN unless requested. */
  readonly expectedUpperLimitSigmaFb1d: number;
  /** Fit diagnostics. */
  readonly fit: { readonly valid: boolean; readonly nll: number; readonly parameters: number };
}

/** One point of results.json: the record plus the coupling limits. */
export interface RecoilPointOutput extends RecoilPointRecord {
  /** g' limits of the vanilla model (BR(Z' → νν̄) from the L_μ − L_τ widths), observed and five expected. */
  readonly upperLimitGPrimeVanilla: number;
  readonly expectedUpperLimitGPrimeVanilla: readonly number[];
  /** g' limits of the fully-invisible model (g_χ, m_χ of the settings). */
  readonly upperLimitGPrimeFullyInvisible: number;
  readonly expectedUpperLimitGPrimeFullyInvisible: readonly number[];
  /** (g−2)-favoured g' band [low, high] at this mass. */
  readonly gm2BandGPrime: readonly number[];
}

/** The `settings` block of a recoil scan's results.json (wire form; units in names). */
export interface RecoilSettingsWire {
  readonly minMassGeV: number;
  readonly maxMassGeV: number;
  /** Window width in M² bins (each one signal resolution wide). */
  readonly windowBins: number;
  readonly cl: number;
  readonly cls: "asymptotic" | "toys";
  readonly toys: number;
  readonly seed: number;
  readonly luminosityInvFb: number;
  /** cos θ bins per window by M² region: [upper M² edge of the region (GeV²), bins]. */
  readonly cosBinsByM2: readonly (readonly [number, number])[];
  /** Relative per-bin shape uncertainty of the signal template. */
  readonly signalShapeUncertainty: number;
  /** Relative per-bin shape uncertainty of the background template by M² region: [upper M² edge (GeV²), relative]. */
  readonly backgroundShapeUncertainty: readonly (readonly [number, number])[];
  /** Relative uncertainty on the signal efficiency (added to the signal normalisation). */
  readonly efficiencyUncertainty: number;
  /** Signal model of the templates. */
  readonly signalModel: "narrow" | "breit-wigner";
  /** Fully-invisible model: dark coupling g_χ and dark-matter mass m_χ (GeV). */
  readonly darkCoupling: number;
  readonly darkMassGeV: number;
  readonly sqrtSGeV: number;
  readonly gm2Input: string;
  readonly gm2Sigmas: number;
  readonly referenceLevel: number;
  /** Also compute the one-dimensional (cos θ merged) expected limit at each point. */
  readonly compare1d: boolean;
  readonly inject: readonly { readonly massGeV: number; readonly sigmaFb: number }[];
  readonly injectSeed: number;
  /** The kinematic selection applied to user data (and to the simulation). */
  readonly cuts: RecoilCuts;
  /** The simulated model: signal events per template mass, background pool per process, seed. */
  readonly simulation: { readonly signalEvents: number; readonly backgroundEvents: number; readonly mcSeed: number };
}

/** The largest local excess of a scan with its global significance (Gross-Vitells). */
export interface RecoilLargestExcess {
  readonly index: number;
  readonly mass: number;
  readonly localSignificance: number;
  readonly localPValue: number;
  readonly globalPValue: number;
  readonly globalSignificance: number;
  readonly upcrossings: number;
  readonly referenceLevel: number;
  readonly sigmaHatFb: number;
}

/** The data and background model as histograms over the scan's M² bins (for the spectrum figure). */
export interface RecoilSpectrum {
  /** M²_recoil bin edges (GeV²). */
  readonly edges: readonly number[];
  /** Observed events per bin. */
  readonly data: readonly number[];
  /** Expected background events per bin, per process (stacked in this order). */
  readonly backgrounds: readonly {
    readonly name: string;
    readonly label: string;
    readonly counts: readonly number[];
  }[];
}

/** results.json of a recoil scan. */
export interface RecoilResultsDocument {
  readonly schema: "muonphilic/recoil-scan-results";
  readonly schemaVersion: 1;
  readonly complete: true;
  readonly createdAt: string;
  readonly tool: { readonly name: string; readonly version: string; readonly node: string };
  readonly runId: string;
  readonly scanId: string;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly input: {
    readonly description: string;
    readonly path: string;
    readonly format: string;
    /** The ROOT tree read, when one was named (`--tree`). */
    readonly tree?: string;
    readonly sha256: string;
    readonly rows: number;
    /** Events that pass the kinematic selection and lie inside the scanned M² range. */
    readonly selectedEvents: number;
    /** Cut flow of the kinematic selection applied to the input (name, events after). */
    readonly cutFlow: readonly { readonly name: string; readonly events: number }[];
    readonly invalid: {
      readonly count: number;
      readonly examples: readonly { readonly row: number; readonly reason: string }[];
    };
    readonly injected: readonly { readonly massGeV: number; readonly sigmaFb: number; readonly events: number }[];
  };
  readonly settings: RecoilSettingsWire;
  readonly calibration: { readonly source: string; readonly sha256: string; readonly provenance: unknown };
  readonly summary: {
    readonly gridPoints: number;
    readonly points: number;
    readonly byStatus: Readonly<Record<string, number>>;
    readonly problems: readonly {
      readonly index: number;
      readonly mass: number;
      readonly status: RecoilPointStatus;
      readonly message: string;
    }[];
    readonly bandCoverage: {
      readonly points: number;
      readonly fraction1Sigma: number;
      readonly fraction2Sigma: number;
    } | null;
    /** Median over points of expected(1D)/expected(2D), when compare1d. */
    readonly twoDimensionalGain: {
      readonly median: number;
      readonly min: number;
      readonly max: number;
      readonly points: number;
    } | null;
    readonly wallSeconds: number;
    readonly workers: number;
    readonly resumedPoints: number;
  };
  /** null for a shard. */
  readonly largestExcess: RecoilLargestExcess | null;
  readonly gm2: {
    readonly input: string;
    readonly nSigma: number;
    readonly excludedRanges: {
      readonly vanilla: readonly [number, number][];
      readonly fullyInvisible: readonly [number, number][];
    } | null;
  };
  readonly points: readonly RecoilPointOutput[];
}
