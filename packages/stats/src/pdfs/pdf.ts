/**
 * The {@link Pdf} interface and the builder shared by every shape: window normalisation,
 * vectorised density and log-density, probabilities of sub-intervals, and sampling.
 *
 * @packageDocumentation
 */

import { integrate } from "@muonphilic/numeric";
import type { RandomSource } from "@muonphilic/random";
import { argumentError, PhysError, requireFinite, requireInteger } from "@muonphilic/units";

/**
 * A probability density on a finite window [low, high], normalised to 1 there.
 * `density` is 0 outside the window and NaN for NaN input (a numeric kernel: it never throws).
 */
export interface Pdf {
  /** Lower edge of the window (same unit as x). */
  readonly low: number;
  /** Upper edge of the window. */
  readonly high: number;
  /** ∫ over the window of the unnormalised shape (the normalisation constant). */
  readonly norm: number;
  /** Normalised density at x (1/unit of x); 0 outside the window. */
  density(x: number): number;
  /** ln density(x); −Infinity outside the window or where the density is 0, NaN where it is negative. */
  logDensity(x: number): number;
  /** Densities at every x, written into `out` (allocated if absent). */
  densityArray(x: Float64Array, out?: Float64Array): Float64Array;
  /** Log-densities at every x, written into `out` (allocated if absent). */
  logDensityArray(x: Float64Array, out?: Float64Array): Float64Array;
  /** Probability of [a, b] ∩ window (analytic where the shape has a primitive, else quadrature). */
  probability(a: number, b: number): number;
  /** The unnormalised shape, defined beyond the window too (used by convolutions). */
  shape(x: number): number;
  /** `n` independent draws from the pdf (seeded by `rng`). */
  sample(rng: RandomSource, n: number): Float64Array;
}

/** Definition of a shape handed to {@link buildPdf}. */
export interface ShapeDefinition {
  readonly low: number;
  readonly high: number;
  /** Unnormalised shape at x (any x). */
  readonly shape: (x: number) => number;
  /** Analytic ∫ₐᵇ shape (a ≤ b inside the window); absent → adaptive quadrature. */
  readonly integral?: ((a: number, b: number) => number) | undefined;
  /** Interior points with kinks or peaks, to guide quadrature and sampling. */
  readonly breaks?: readonly number[] | undefined;
  /**
   * Optional vectorised shape: writes shape(xᵢ) into out (a tight loop instead of one closure call
   * per point; used by `densityArray` and `logDensityArray`).
   */
  readonly shapeArray?: ((x: Float64Array, out: Float64Array) => void) | undefined;
  /** Relative accuracy of the numerical normalisation; default 1e-12. */
  readonly quadratureTolerance?: number | undefined;
}

/** Bins of the sampler's envelope table. */
const SAMPLER_BINS = 2048;

/**
 * Validates a window [low, high].
 * @throws {@link PhysError} `INVALID_ARGUMENT` for non-finite edges, `OUT_OF_DOMAIN` for low ≥ high
 */
export function requireWindow(low: unknown, high: unknown): void {
  requireFinite("low", low);
  requireFinite("high", high);
  if (!((low as number) < (high as number))) {
    throw new PhysError("OUT_OF_DOMAIN", `window inverted or empty: low ${low} must be < high ${high}`, {
      argument: "high",
      value: high,
      allowed: `> ${low}`,
    });
  }
}

/**
 * Builds a {@link Pdf} from a shape: computes the normalisation on the window (analytic integral, or
 * adaptive Gauss-Kronrod to `quadratureTolerance`), and provides the vectorised and sampling
 * methods.
 *
 * Sampling: the window is cut into 2048 bins; a bin is chosen with its exact probability (binary
 * search in the cumulative table), then x is drawn uniformly in that bin until accepted with
 * probability shape(x)/envelope, the envelope being 1.1 × the largest of 9 shape values across
 * the bin (exact for shapes monotonic or with one smooth maximum per bin; each bin is ≤ 1/2048
 * of the window).
 * @param def - window, unnormalised shape, optional analytic integral and break points
 * @returns a {@link Pdf}
 * @throws {@link PhysError} `OUT_OF_DOMAIN` if the normalisation is not finite and positive
 * @example
 * ```ts
 * const triangle = buildPdf({ low: 0, high: 1, shape: (x) => x, integral: (a, b) => (b * b - a * a) / 2 });
 * triangle.density(0.5); // 1
 * ```
 */
export function buildPdf(def: ShapeDefinition): Pdf {
  const { low, high, shape, integral, shapeArray } = def;
  const breaks = def.breaks ?? [];
  const tol = def.quadratureTolerance ?? 1e-12;
  const rawIntegral = (a: number, b: number): number =>
    integral ? integral(a, b) : integrate(shape, a, b, { rtol: tol, breaks });
  const norm = rawIntegral(low, high);
  if (!(norm > 0) || !Number.isFinite(norm)) {
    throw new PhysError("OUT_OF_DOMAIN", `normalisation on [${low}, ${high}] must be finite and > 0, got ${norm}`, {
      argument: "normalisation",
      value: norm,
      allowed: "> 0",
    });
  }
  const inv = 1 / norm;
  const logNorm = Math.log(norm);
  const density = (x: number): number => (x >= low && x <= high ? shape(x) * inv : Number.isNaN(x) ? x : 0);
  const logDensity = (x: number): number =>
    x >= low && x <= high ? Math.log(shape(x)) - logNorm : Number.isNaN(x) ? x : Number.NEGATIVE_INFINITY;
  let table: { cum: Float64Array; env: Float64Array } | undefined;
  const buildTable = (): { cum: Float64Array; env: Float64Array } => {
    const h = (high - low) / SAMPLER_BINS;
    const cum = new Float64Array(SAMPLER_BINS + 1);
    const env = new Float64Array(SAMPLER_BINS);
    for (let i = 0; i < SAMPLER_BINS; i++) {
      const a = low + i * h;
      const b = i === SAMPLER_BINS - 1 ? high : a + h;
      cum[i + 1] = cum[i]! + Math.max(0, rawIntegral(a, b));
      let m = 0;
      for (let k = 0; k <= 8; k++) m = Math.max(m, shape(a + ((b - a) * k) / 8));
      for (const br of breaks) if (br >= a && br <= b) m = Math.max(m, shape(br));
      env[i] = 1.1 * m;
    }
    return { cum, env };
  };
  return {
    low,
    high,
    norm,
    density,
    logDensity,
    densityArray(x: Float64Array, out = new Float64Array(x.length)): Float64Array {
      if (shapeArray) {
        shapeArray(x, out);
        for (let i = 0; i < x.length; i++) {
          const xi = x[i]!;
          out[i] = xi >= low && xi <= high ? out[i]! * inv : Number.isNaN(xi) ? xi : 0;
        }
      } else for (let i = 0; i < x.length; i++) out[i] = density(x[i]!);
      return out;
    },
    logDensityArray(x: Float64Array, out = new Float64Array(x.length)): Float64Array {
      if (shapeArray) {
        shapeArray(x, out);
        for (let i = 0; i < x.length; i++) {
          const xi = x[i]!;
          out[i] =
            xi >= low && xi <= high ? Math.log(out[i]!) - logNorm : Number.isNaN(xi) ? xi : Number.NEGATIVE_INFINITY;
        }
      } else for (let i = 0; i < x.length; i++) out[i] = logDensity(x[i]!);
      return out;
    },
    probability(a: number, b: number): number {
      const lo = Math.max(a, low);
      const hi = Math.min(b, high);
      if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
      return hi > lo ? rawIntegral(lo, hi) * inv : 0;
    },
    shape,
    sample(rng: RandomSource, n: number): Float64Array {
      requireInteger("n", n, 0);
      table ??= buildTable();
      const { cum, env } = table;
      const total = cum[SAMPLER_BINS]!;
      const h = (high - low) / SAMPLER_BINS;
      const out = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        const u = rng.uniform() * total;
        let lo = 0;
        let hi = SAMPLER_BINS;
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (cum[mid]! <= u) lo = mid;
          else hi = mid;
        }
        // rejection inside the chosen bin (the bin itself was drawn with its exact probability)
        for (;;) {
          const x = Math.min(low + (lo + rng.uniform()) * h, high);
          if (rng.uniform() * env[lo]! <= shape(x)) {
            out[k] = x;
            break;
          }
        }
      }
      return out;
    },
  };
}

/** Throws unless `value` is finite and > `min` (exclusive); for shape parameters. */
export function requireAbove(argument: string, value: unknown, min: number): number {
  const x = requireFinite(argument, value);
  if (!(x > min)) throw argumentError("OUT_OF_DOMAIN", argument, x, `> ${min}`);
  return x;
}
