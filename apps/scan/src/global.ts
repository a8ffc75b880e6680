/**
 * Scan-wide quantities: the largest local excess and its global significance by the method of
 * Gross and Vitells (GV2010), and the coverage of the expected ±1σ/±2σ bands by the observed limits.
 *
 * Gross–Vitells (GV2010, `grossVitells` of `@muonphilic/stats`): p_global ≈ P(q₀ > u) +
 * ⟨N(u₀)⟩ e^{−(u − u₀)/2} for the largest local q₀ = u, with ⟨N(u₀)⟩ estimated by the up-crossings
 * of a low reference level u₀ by q₀(m) in the scan itself (a failed point breaks the sequence).
 *
 * @packageDocumentation
 */
import { countUpcrossings, grossVitells } from "@muonphilic/stats";
import type { PointRecord } from "./run/point.js";

/** The largest excess of a scan with its local and global significance. */
export interface LargestExcess {
  /** Index, dimuon mass and reduced mass of the point, GeV. */
  readonly index: number;
  readonly mass: number;
  readonly reducedMass: number;
  readonly signalYield: number;
  readonly localSignificance: number;
  readonly localPValue: number;
  readonly globalPValue: number;
  readonly globalSignificance: number;
  /** Up-crossings of the reference level by q₀(m) and the level. */
  readonly upcrossings: number;
  readonly referenceLevel: number;
}

/** A point has usable fit results. */
export function isValidPoint(p: PointRecord): boolean {
  return (p.status === "ok" || p.status === "retried" || p.status === "limit-failed") && Number.isFinite(p.q0);
}

/**
 * The largest q₀ of a scan (any analysis) and its global significance by Gross-Vitells: `q0` per
 * point in mass order, NaN where the point has no valid fit (which breaks the up-crossing count).
 * @returns the index into `q0` of the largest value and the significances, or null if none is finite
 */
export function globalSignificanceOf(
  q0: readonly number[],
  referenceLevel: number,
): { at: number; localPValue: number; globalPValue: number; globalSignificance: number; upcrossings: number } | null {
  let at = -1;
  for (let i = 0; i < q0.length; i++) if (Number.isFinite(q0[i]!) && (at < 0 || q0[i]! > q0[at]!)) at = i;
  if (at < 0) return null;
  const upcrossings = countUpcrossings(q0, referenceLevel);
  const gv = grossVitells(q0[at]!, upcrossings, referenceLevel);
  // one-sided: a global p-value above one half is no excess at all (0σ, not a negative Z)
  return {
    at,
    localPValue: gv.pLocal,
    globalPValue: gv.pGlobal,
    globalSignificance: Math.max(0, gv.zGlobal),
    upcrossings,
  };
}

/**
 * The largest local excess among valid points and its global significance.
 * @param points - all points of the scan, in mass order
 * @param referenceLevel - u₀
 * @returns null if no point is valid
 */
export function largestExcess(points: readonly PointRecord[], referenceLevel: number): LargestExcess | null {
  const g = globalSignificanceOf(
    points.map((p) => (isValidPoint(p) ? p.q0 : Number.NaN)),
    referenceLevel,
  );
  if (g === null) return null;
  const best = points[g.at]!;
  return {
    index: best.index,
    mass: best.mass,
    reducedMass: best.reducedMass,
    signalYield: best.signalYield,
    localSignificance: best.localSignificance,
    localPValue: g.localPValue,
    globalPValue: g.globalPValue,
    globalSignificance: g.globalSignificance,
    upcrossings: g.upcrossings,
    referenceLevel,
  };
}

/** Coverage of the expected bands by the observed limits. */
export interface BandCoverage {
  /** Points with a valid observed limit and band. */
  readonly points: number;
  readonly inside1Sigma: number;
  readonly inside2Sigma: number;
  readonly below2Sigma: number;
  readonly above2Sigma: number;
  readonly fraction1Sigma: number;
  readonly fraction2Sigma: number;
  /**
   * Effective number of independent tests, estimated as the number of up-crossings of the median
   * of the ratio observed/expected-median (two per independent fluctuation), at least 1.
   */
  readonly effectivePoints: number;
  /** Binomial standard error of the ±2σ fraction at 95% for the effective number of points. */
  readonly fraction2SigmaError: number;
}

/**
 * Band coverage of the observed yield limits (statistical-only limits).
 * @param points - all points, in mass order
 */
export function bandCoverage(points: readonly PointRecord[]): BandCoverage {
  return bandCoverageOf(points.map((p) => ({ observed: p.upperLimitYield, expected: p.expectedUpperLimitYield })));
}

/**
 * Band coverage of any scan's observed limits by their expected bands (five values, −2σ…+2σ).
 * @param limits - per point in mass order; points with a non-finite value are skipped
 */
export function bandCoverageOf(
  limits: readonly { readonly observed: number; readonly expected: readonly number[] }[],
): BandCoverage {
  let n = 0;
  let in1 = 0;
  let in2 = 0;
  let below = 0;
  let above = 0;
  const z: number[] = [];
  for (const p of limits) {
    const o = p.observed;
    const e = p.expected;
    if (!Number.isFinite(o) || e.some((v) => !Number.isFinite(v))) continue;
    n++;
    if (o >= e[1]! && o <= e[3]!) in1++;
    if (o >= e[0]! && o <= e[4]!) in2++;
    else if (o < e[0]!) below++;
    else above++;
    z.push(o / e[2]! - 1);
  }
  // Crossings of zero by (observed/median − 1): a fluctuation spans about two crossings.
  let crossings = 0;
  for (let i = 1; i < z.length; i++) if (z[i - 1]! < 0 !== z[i]! < 0) crossings++;
  const effective = Math.max(1, crossings / 2);
  return {
    points: n,
    inside1Sigma: in1,
    inside2Sigma: in2,
    below2Sigma: below,
    above2Sigma: above,
    fraction1Sigma: n > 0 ? in1 / n : Number.NaN,
    fraction2Sigma: n > 0 ? in2 / n : Number.NaN,
    effectivePoints: effective,
    fraction2SigmaError: Math.sqrt((0.95 * 0.05) / effective),
  };
}
