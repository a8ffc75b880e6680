/**
 * The look-elsewhere effect of a scan over a nuisance parameter present only under the signal
 * hypothesis (a resonance mass), by the up-crossing method of Gross and Vitells [GV2010]:
 *
 *   p_global ≈ P(χ²₁ > u)/2 + ⟨N(u₀)⟩ e^{−(u − u₀)/2},
 *
 * GV2010 §2: P(q_max > u) ≤ P(χ²_s > u) + ⟨N(u)⟩ with ⟨N(u)⟩ = ⟨N(u₀)⟩ (u/u₀)^{(s−1)/2} e^{−(u−u₀)/2},
 * here for the one-sided discovery statistic q₀ (half a χ²₁) and one degree of freedom (s = 1),
 *
 * where u = q₀,max is the largest local test statistic of the scan, and ⟨N(u₀)⟩ the mean number of
 * up-crossings of the level u₀ by the q₀(m) curve, estimated at a low reference level from the
 * observed scan or from a few background-only toy scans. Also the toy estimate of p_global for
 * validation.
 *
 * @packageDocumentation
 */

import { normalIsf, normalSf } from "@muonphilic/numeric";
import { createRandom, type RandomSource } from "@muonphilic/random";
import { requireFinite, requireInteger, requireNonNegative } from "@muonphilic/units";

/** Defaults of the look-elsewhere functions. */
export const LOOK_ELSEWHERE_DEFAULTS = {
  /** Reference level u₀ for counting up-crossings (q₀ = 0.5, i.e. Z ≈ 0.7). */
  referenceLevel: 0.5,
  /** Seed of toy scans. */
  seed: 1,
} as const;

/**
 * Number of up-crossings of `level` by a scan: indices i with q[i−1] < level ≤ q[i].
 * @param scan - local test statistic q₀ at each scan point, in scan order
 * @param level - the level u₀
 * @returns the count
 * @example
 * ```ts
 * countUpcrossings([0, 2, 0, 3, 4, 0], 1); // 2
 * ```
 */
export function countUpcrossings(scan: ArrayLike<number>, level: number): number {
  let n = 0;
  for (let i = 1; i < scan.length; i++) if (scan[i - 1]! < level && scan[i]! >= level) n++;
  return n;
}

/** The global significance of the largest excess in a scan. */
export interface GlobalSignificance {
  /** Local p-value of the largest excess, Φ(−√u). */
  readonly pLocal: number;
  /** Local significance √u. */
  readonly zLocal: number;
  /** Global p-value (capped at 1). */
  readonly pGlobal: number;
  /** Global significance Φ⁻¹(1 − p_global) (negative when p_global > 0.5). */
  readonly zGlobal: number;
  /** Trials factor p_global / p_local. */
  readonly trialsFactor: number;
}

/**
 * Gross-Vitells global significance (GV2010 §2, one-sided q₀ with one degree of freedom).
 * @param qMax - the largest local q₀ of the scan (u ≥ 0); Z_local = √u
 * @param upcrossings - mean number of up-crossings ⟨N(u₀)⟩ at the reference level (≥ 0)
 * @param referenceLevel - u₀ (≥ 0); default 0.5
 * @returns local and global p-values and significances
 * @throws {@link PhysError} `OUT_OF_DOMAIN` / `INVALID_ARGUMENT` for negative or non-finite input
 * @example
 * ```ts
 * grossVitells(3.4 ** 2, 10, 0.5).zGlobal; // global significance of a 3.4σ local excess
 * ```
 */
export function grossVitells(
  qMax: number,
  upcrossings: number,
  referenceLevel: number = LOOK_ELSEWHERE_DEFAULTS.referenceLevel,
): GlobalSignificance {
  requireNonNegative("qMax", qMax);
  requireNonNegative("upcrossings", upcrossings);
  requireNonNegative("referenceLevel", referenceLevel);
  const zLocal = Math.sqrt(qMax);
  const pLocal = normalSf(zLocal);
  const pGlobal = Math.min(1, pLocal + upcrossings * Math.exp(-0.5 * (qMax - referenceLevel)));
  return { pLocal, zLocal, pGlobal, zGlobal: normalIsf(pGlobal), trialsFactor: pGlobal / pLocal };
}

/** Background-only toy scans summarised for the look-elsewhere effect. */
export interface ToyScanSummary {
  /** The largest q₀ of each toy scan. */
  readonly maxQ: Float64Array;
  /** Up-crossings of the reference level in each toy scan. */
  readonly upcrossings: Float64Array;
  /** Mean up-crossings ⟨N(u₀)⟩ and its standard error. */
  readonly meanUpcrossings: number;
  readonly meanUpcrossingsError: number;
  /** The reference level used. */
  readonly referenceLevel: number;
}

/**
 * Runs background-only toy scans: toy i calls `scan(createRandom(seed, i))`, which must generate
 * a background-only dataset and return its local q₀ at every scan point.
 * @param scan - the toy scan
 * @param toys - number of toys (≥ 1)
 * @param options - seed (default 1), reference level u₀ (default 0.5)
 * @returns maxima and up-crossings per toy
 * @throws {@link PhysError} `INVALID_ARGUMENT` for a bad count or seed
 * @example
 * ```ts
 * const s = toyScans((rng) => localQ0(generate(rng)), 500, { seed: 3 });
 * globalPValueFromToys(s.maxQ, 9); // fraction of toys with a larger excess
 * ```
 */
export function toyScans(
  scan: (rng: RandomSource) => ArrayLike<number>,
  toys: number,
  options: { readonly seed?: number; readonly referenceLevel?: number } = {},
): ToyScanSummary {
  requireInteger("toys", toys, 1);
  const seed = requireInteger("options.seed", options.seed ?? LOOK_ELSEWHERE_DEFAULTS.seed, 0);
  const level = requireNonNegative(
    "options.referenceLevel",
    options.referenceLevel ?? LOOK_ELSEWHERE_DEFAULTS.referenceLevel,
  );
  const maxQ = new Float64Array(toys);
  const ups = new Float64Array(toys);
  for (let i = 0; i < toys; i++) {
    const q = scan(createRandom(seed, i));
    let m = 0;
    for (let j = 0; j < q.length; j++) if (q[j]! > m) m = q[j]!;
    maxQ[i] = m;
    ups[i] = countUpcrossings(q, level);
  }
  let mean = 0;
  for (const u of ups) mean += u;
  mean /= toys;
  let v = 0;
  for (const u of ups) v += (u - mean) ** 2;
  const err = toys > 1 ? Math.sqrt(v / (toys - 1) / toys) : Number.NaN;
  return { maxQ, upcrossings: ups, meanUpcrossings: mean, meanUpcrossingsError: err, referenceLevel: level };
}

/**
 * Toy global p-value: the fraction of background-only scans whose largest q₀ is at least `qObs`,
 * with its binomial standard error.
 * @param maxQ - largest q₀ of each toy scan
 * @param qObs - the observed largest q₀
 * @returns p and its error
 * @example
 * ```ts
 * globalPValueFromToys(Float64Array.of(1, 5, 9, 12), 9); // { p: 0.5, error: 0.25 }
 * ```
 */
export function globalPValueFromToys(maxQ: ArrayLike<number>, qObs: number): { p: number; error: number } {
  requireFinite("qObs", qObs);
  let k = 0;
  for (let i = 0; i < maxQ.length; i++) if (maxQ[i]! >= qObs) k++;
  const n = maxQ.length;
  const p = k / n;
  return { p, error: Math.sqrt((p * (1 - p)) / n) };
}
