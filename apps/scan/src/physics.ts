/**
 * From signal-yield limits to physics (Belle2-4mu secs. V-VII): σ(e⁺e⁻ → μ⁺μ⁻X) × B(X → μ⁺μ⁻) =
 * k N / (ε L), with the 7% yield correction k of sec. V, the selection efficiency ε of the model at
 * that mass and the integrated luminosity L; then the coupling (g' of the L_μ − L_τ Z', g_S of the
 * muonphilic scalar) whose predicted σ × B equals the limit (`@muonphilic/models`), and the mass
 * ranges where the (g−2)_μ-favoured band of each model is excluded.
 *
 * @packageDocumentation
 */
import { couplingLimitFromSigma, type Gm2InputName, gm2FavouredBand } from "@muonphilic/models";
import { FB_PER_PB } from "@muonphilic/units";
import type { ModelName } from "./calibration.js";
import type { PointRecord } from "./run/point.js";

/** The physics inputs of the conversion. */
export interface PhysicsSettings {
  /** Integrated luminosity, fb⁻¹. */
  readonly luminosityInvFb: number;
  /** Factor applied to fitted yields (1.07: Belle2-4mu sec. V). */
  readonly yieldCorrection: number;
  /** Factor applied to the calibrated efficiency (0.972: the ISR photon-veto loss of Belle2-4mu sec. IV E). */
  readonly efficiencyCorrection: number;
  /** Collision energy, GeV. */
  readonly sqrtS: number;
  /** (g−2)_μ input for the favoured band and its width in standard deviations. */
  readonly gm2Input: Gm2InputName;
  readonly gm2Sigmas: number;
}

/** Limits of one model at one mass. */
export interface ModelLimits {
  readonly efficiency: number;
  /** 90% CL upper limit on σ × B(X → μμ), fb, and the five expected band values. */
  readonly upperLimitSigmaBrFb: number;
  readonly expectedUpperLimitSigmaBrFb: readonly number[];
  /** Upper limit on the coupling and the five expected band values. */
  readonly upperLimitCoupling: number;
  readonly expectedUpperLimitCoupling: readonly number[];
  /** The (g−2)-favoured coupling band at this mass. */
  readonly gm2BandLow: number;
  readonly gm2BandHigh: number;
}

const SPIN: Readonly<Record<ModelName, "vector" | "scalar">> = { zprime: "vector", scalar: "scalar" };

/**
 * Converts one point's yield limits (with systematics) for one model.
 * @param point - the point record
 * @param model - "zprime" or "scalar"
 * @param settings - luminosity, corrections, √s, (g−2) input
 */
export function convertPoint(point: PointRecord, model: ModelName, settings: PhysicsSettings): ModelLimits {
  const eff = (model === "zprime" ? point.efficiencyZprime : point.efficiencyScalar) * settings.efficiencyCorrection;
  const toFb = (n: number): number => (settings.yieldCorrection * n) / (eff * settings.luminosityInvFb);
  const sigmaObs = toFb(point.upperLimitYieldSyst);
  const sigmaExp = point.expectedUpperLimitYieldSyst.map(toFb);
  const spin = SPIN[model];
  // σ × B ∝ g² at fixed B (vanilla Z', scalar): g(σ) = g(1 pb) √(σ / 1 pb).
  let gRef = Number.NaN;
  let band = { low: Number.NaN, high: Number.NaN };
  try {
    gRef = couplingLimitFromSigma({ mass: point.mass, spin, channel: "mumu", sigmaLimit: 1, sqrtS: settings.sqrtS });
    band = gm2FavouredBand({ spin, mass: point.mass, input: settings.gm2Input, nSigma: settings.gm2Sigmas });
  } catch {
    // Outside the model's domain (cannot happen on the 0.212-9 GeV grid): limits stay NaN.
  }
  const toCoupling = (sigmaFb: number): number => gRef * Math.sqrt(sigmaFb / FB_PER_PB);
  return {
    efficiency: eff,
    upperLimitSigmaBrFb: sigmaObs,
    expectedUpperLimitSigmaBrFb: sigmaExp,
    upperLimitCoupling: toCoupling(sigmaObs),
    expectedUpperLimitCoupling: sigmaExp.map(toCoupling),
    gm2BandLow: band.low,
    gm2BandHigh: band.high,
  };
}

/**
 * Mass intervals where the observed coupling limit lies below the whole (g−2)-favoured band, i.e.
 * where the model is excluded as the explanation of (g−2)_μ.
 * @param masses - dimuon masses in increasing order, GeV
 * @param limits - the model's limits at those masses
 * @returns [from, to] intervals of excluded masses, GeV
 */
export function gm2ExcludedRanges(
  masses: readonly number[],
  limits: readonly Pick<ModelLimits, "upperLimitCoupling" | "gm2BandLow">[],
): [number, number][] {
  const out: [number, number][] = [];
  let start: number | null = null;
  let last = Number.NaN;
  masses.forEach((m, i) => {
    const l = limits[i]!;
    const excluded = Number.isFinite(l.upperLimitCoupling) && l.gm2BandLow > 0 && l.upperLimitCoupling < l.gm2BandLow;
    if (excluded) {
      if (start === null) start = m;
      last = m;
    } else if (start !== null) {
      out.push([start, last]);
      start = null;
    }
  });
  if (start !== null) out.push([start, last]);
  return out;
}
