/**
 * The project's seeded random source. Every generator in muonphilic takes one explicitly; the same
 * seed gives the same numbers on every machine (ARCHITECTURE.md, "Randomness").
 *
 * Bit-identical streams: the integer core is xoshiro128** (32-bit integer operations only).
 * Non-uniform deviates use `Math.log`, `Math.sqrt`, `Math.cos`: `sqrt` is correctly rounded by
 * IEEE 754, and V8 (Node.js) implements `log`, `exp`, `sin`, `cos` with its port of fdlibm, which
 * gives the same bits on every platform Node runs on.
 *
 * Independent streams for parallel work: `createRandom(seed, stream)` or `rng.fork(stream)` give
 * deterministic, statistically independent generators, so a toy study is reproducible whatever
 * the number of worker threads (toy i always uses stream i).
 *
 * @packageDocumentation
 */
import { argumentError, requireFinite, requireInteger, requireNonNegative } from "@muonphilic/units";
import { hashString, seedState, type XoshiroState } from "./xoshiro.js";

const TWO_POW_M53 = 1.1102230246251565e-16; // 2^-53
const TWO_POW_26 = 67108864;
const TWO_PI = 2 * Math.PI;

/** A serialisable snapshot of a generator (for checkpoints): restore with {@link restoreRandom}. */
export interface RandomState {
  readonly algorithm: "xoshiro128**";
  readonly seed: number;
  readonly stream: number;
  readonly words: readonly [number, number, number, number];
  /** A cached second normal deviate from the polar method, or null. */
  readonly spareNormal: number | null;
}

/**
 * A seeded source of random numbers.
 *
 * @example
 * ```ts
 * const rng = createRandom(42);
 * rng.uniform();          // in [0, 1)
 * rng.normal(0, 1);       // standard normal
 * rng.poisson(3.2);       // Poisson count
 * const worker3 = rng.fork(3); // independent, reproducible stream
 * ```
 */
export interface RandomSource {
  /** The seed this source was created from. */
  readonly seed: number;
  /** The stream index (0 for the main stream). */
  readonly stream: number;
  /** Raw 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Uniform double in (0, 1): never 0 (safe for `Math.log`). */
  uniformOpen(): number;
  /** Uniform double in [low, high). */
  uniformRange(low: number, high: number): number;
  /** Uniform integer in {0, ..., n - 1}, unbiased (rejection sampling). */
  integer(n: number): number;
  /** Normal deviate with the given mean and standard deviation (Marsaglia polar method). */
  normal(mean?: number, sigma?: number): number;
  /** Exponential deviate with the given rate λ (mean 1/λ). */
  exponential(rate?: number): number;
  /** Gamma deviate with the given shape k > 0 and scale θ (Marsaglia-Tsang). */
  gamma(shape: number, scale?: number): number;
  /** Beta(a, b) deviate. */
  beta(a: number, b: number): number;
  /** Poisson count with the given mean ≥ 0 (inversion below 10, PTRS of Hörmann 1993 above). */
  poisson(mean: number): number;
  /** Binomial count: successes in n trials with probability p (exact, O(log n)). */
  binomial(n: number, p: number): number;
  /** Unit vector uniform on the sphere, written as [x, y, z] into `out` (allocated if absent). */
  isotropic(out?: Float64Array): Float64Array;
  /** Fills `out` with uniform [0, 1) doubles and returns it. */
  fillUniform(out: Float64Array): Float64Array;
  /** Fills `out` with normal deviates and returns it. */
  fillNormal(out: Float64Array, mean?: number, sigma?: number): Float64Array;
  /** An independent generator for sub-stream `stream` of this seed (deterministic). */
  fork(stream: number): RandomSource;
  /** A serialisable snapshot of the current state. */
  state(): RandomState;
}

class Xoshiro128 implements RandomSource {
  readonly seed: number;
  readonly stream: number;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  constructor(seed: number, stream: number, words: XoshiroState, spare: number | null = null) {
    this.seed = seed;
    this.stream = stream;
    this.s0 = words[0] | 0;
    this.s1 = words[1] | 0;
    this.s2 = words[2] | 0;
    this.s3 = words[3] | 0;
    this.spare = spare;
  }

  nextUint32(): number {
    const s1 = this.s1;
    // result = rotl(s1 * 5, 7) * 9
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  uniform(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * TWO_POW_26 + b) * TWO_POW_M53;
  }

  uniformOpen(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }

  uniformRange(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  integer(n: number): number {
    if (!(n >= 1 && n <= 4294967296 && Number.isInteger(n))) {
      throw argumentError("OUT_OF_DOMAIN", "n", n, "an integer in [1, 2^32]");
    }
    if (n === 4294967296) return this.nextUint32();
    // Rejection from the largest multiple of n below 2^32, then reduce: exact and unbiased.
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  normal(mean = 0, sigma = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + sigma * z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return mean + sigma * u * f;
  }

  exponential(rate = 1): number {
    return -Math.log(this.uniformOpen()) / rate;
  }

  gamma(shape: number, scale = 1): number {
    if (!(shape > 0)) throw argumentError("OUT_OF_DOMAIN", "shape", shape, "> 0");
    if (shape < 1) {
      // Boost: Gamma(k) = Gamma(k + 1) U^(1/k)
      return this.gamma(shape + 1, scale) * this.uniformOpen() ** (1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniformOpen();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v * scale;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  beta(a: number, b: number): number {
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x / (x + y);
  }

  poisson(mean: number): number {
    if (!(mean >= 0) || !Number.isFinite(mean)) throw argumentError("OUT_OF_DOMAIN", "mean", mean, "finite and >= 0");
    if (mean === 0) return 0;
    if (mean < 10) {
      // Inversion by sequential search.
      let k = 0;
      let p = Math.exp(-mean);
      let cdf = p;
      const u = this.uniform();
      while (u > cdf) {
        k++;
        p *= mean / k;
        cdf += p;
        if (p === 0 && cdf < u) break; // numerical exhaustion (never for mean < 10)
      }
      return k;
    }
    return this.ptrs(mean);
  }

  /** Hörmann, "The transformed rejection method for generating Poisson random variables", Insurance: Math. Econ. 12 (1993) 39. */
  private ptrs(lambda: number): number {
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) {
        return k;
      }
    }
  }

  binomial(n: number, p: number): number {
    requireInteger("n", n, 0);
    if (!(p >= 0 && p <= 1)) throw argumentError("OUT_OF_DOMAIN", "p", p, "in [0, 1]");
    // Knuth, TAOCP vol. 2, 3.4.1 F: split with a Beta-distributed order statistic until small.
    let successes = 0;
    let trials = n;
    let prob = p;
    while (trials > 40) {
      const a = 1 + Math.floor(trials / 2);
      const b = trials + 1 - a;
      const x = this.beta(a, b);
      if (x >= prob) {
        trials = a - 1;
        prob /= x;
      } else {
        successes += a;
        trials = b - 1;
        prob = (prob - x) / (1 - x);
      }
    }
    for (let i = 0; i < trials; i++) if (this.uniform() < prob) successes++;
    return successes;
  }

  isotropic(out: Float64Array = new Float64Array(3)): Float64Array {
    const cosTheta = 2 * this.uniform() - 1;
    const sinTheta = Math.sqrt(Math.max(0, 1 - cosTheta * cosTheta));
    const phi = TWO_PI * this.uniform();
    out[0] = sinTheta * Math.cos(phi);
    out[1] = sinTheta * Math.sin(phi);
    out[2] = cosTheta;
    return out;
  }

  fillUniform(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.uniform();
    return out;
  }

  fillNormal(out: Float64Array, mean = 0, sigma = 1): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, sigma);
    return out;
  }

  fork(stream: number): RandomSource {
    requireInteger("stream", stream, 0);
    // Child streams of stream s are s * 2^20 + k + 1, so forks of forks never collide with
    // top-level streams for k < 2^20.
    const child = this.stream * 1048576 + stream + 1;
    return new Xoshiro128(this.seed, child, seedState(this.seed, child));
  }

  state(): RandomState {
    return {
      algorithm: "xoshiro128**",
      seed: this.seed,
      stream: this.stream,
      words: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0],
      spareNormal: this.spare,
    };
  }
}

const LOG_FACTORIAL_TABLE: Float64Array = (() => {
  const t = new Float64Array(256);
  for (let i = 2; i < 256; i++) t[i] = (t[i - 1] ?? 0) + Math.log(i);
  return t;
})();

/** ln k! (table below 256, Stirling series above; relative error < 1e-15). */
export function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIAL_TABLE[k] ?? Number.NaN;
  const x = k + 1;
  const x2 = x * x;
  return (
    (x - 0.5) * Math.log(x) -
    x +
    0.5 * Math.log(TWO_PI) +
    (1 / 12 - (1 / 360 - (1 / 1260 - 1 / (1680 * x2)) / x2) / x2) / x
  );
}

/**
 * Creates a seeded random source.
 * @param seed - a non-negative integer below 2^53, or a string (hashed)
 * @param stream - independent sub-stream index (default 0)
 * @throws {@link PhysError} `INVALID_ARGUMENT` for a non-integer or negative seed
 */
export function createRandom(seed: number | string, stream = 0): RandomSource {
  const s = typeof seed === "string" ? hashString(seed) : seed;
  requireFinite("seed", s);
  requireNonNegative("seed", s);
  if (!Number.isSafeInteger(s))
    throw argumentError("INVALID_ARGUMENT", "seed", seed, "an integer in [0, 2^53) or a string");
  requireInteger("stream", stream, 0);
  return new Xoshiro128(s, stream, seedState(s, stream));
}

/**
 * Restores a generator from a {@link RandomState} snapshot: it continues exactly where the
 * snapshot was taken.
 * @throws {@link PhysError} `INVALID_ARGUMENT` for a malformed state
 */
export function restoreRandom(state: RandomState): RandomSource {
  if (state?.algorithm !== "xoshiro128**" || !Array.isArray(state.words) || state.words.length !== 4) {
    throw argumentError("INVALID_ARGUMENT", "state", state, "a RandomState from RandomSource.state()");
  }
  const w = state.words;
  for (let i = 0; i < 4; i++) requireInteger(`state.words[${i}]`, w[i], 0);
  return new Xoshiro128(state.seed, state.stream, [w[0], w[1], w[2], w[3]], state.spareNormal);
}
