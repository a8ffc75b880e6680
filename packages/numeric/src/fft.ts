/**
 * The fast Fourier transform: an in-place iterative radix-2 complex FFT (Cooley-Tukey, decimation
 * in time after a bit-reversal permutation: J. W. Cooley, J. W. Tukey, Math. Comp. 19 (1965) 297)
 * and the linear convolution of two real sequences through it. Structural arguments (lengths) are validated and throw {@link PhysError};
 * the values themselves are not checked (a `NaN` spreads through the transform).
 *
 * @packageDocumentation
 */
import { PhysError } from "@muonphilic/units";

/** "`argument`.length must be `allowed`, got n", code `INVALID_ARGUMENT`, naming `argument`. */
function lengthError(argument: string, length: number, allowed: string): PhysError {
  return new PhysError("INVALID_ARGUMENT", `${argument}.length must be ${allowed}, got ${length}`, {
    argument,
    value: length,
    allowed: `length ${allowed}`,
  });
}

/** True for n = 1, 2, 4, 8, …. */
function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

/**
 * cos and sin of the twiddle angles 2πk/n, k < n/2, each from its own `Math.cos`/`Math.sin` (no
 * recurrence, so every factor is within an ulp or two): cos in `c`, sin in `s` (positive sign; the
 * transform applies the sign of the direction).
 */
function twiddles(n: number): { c: Float64Array; s: Float64Array } {
  const half = n >> 1;
  const c = new Float64Array(half);
  const s = new Float64Array(half);
  const quarter = n >> 2;
  // the first quarter (θ ≤ π/2, exact at θ = π/2) directly, the second by θ = π/2 + θ′:
  // cos θ = −sin θ′, sin θ = cos θ′ (exact copies)
  for (let k = 0; k < quarter; k++) {
    const theta = (2 * Math.PI * k) / n;
    c[k] = Math.cos(theta);
    s[k] = Math.sin(theta);
  }
  if (quarter > 0) {
    c[quarter] = 0;
    s[quarter] = 1;
  } else {
    c[0] = 1; // n = 2
  }
  for (let k = quarter + 1; k < half; k++) {
    c[k] = -s[k - quarter]!;
    s[k] = c[k - quarter]!;
  }
  return { c, s };
}

/**
 * In-place iterative radix-2 complex FFT of the sequence re + i·im (length n a power of two):
 * forward X_k = Σ_{j<n} x_j e^{−2πijk/n}; inverse x_j = (1/n) Σ_{k<n} X_k e^{+2πijk/n} (the 1/n is
 * included, so `fft(re, im, true)` undoes `fft(re, im)`). Bit-reversal permutation, then log₂ n
 * butterfly stages (Cooley-Tukey), with twiddle factors from `Math.cos`/`Math.sin` for every
 * index (no trigonometric recurrence): the error is about ε log₂ n ‖x‖₂ in the 2-norm.
 * O(n log n) time, O(n) temporary memory (the twiddle table).
 * @param re - real parts (overwritten by the real parts of the transform)
 * @param im - imaginary parts, same length (overwritten)
 * @param inverse - compute the inverse transform, with its 1/n
 * @throws {@link PhysError} `INVALID_ARGUMENT` (argument `re`) unless the length is a power of two
 *   (1, 2, 4, …); `INCOMPATIBLE_SHAPES` (argument `im`) if `im` has another length
 * @example
 * ```ts
 * const re = Float64Array.from([1, 2, 3, 4]);
 * const im = new Float64Array(4);
 * fft(re, im); // re = [10, -2, -2, -2], im = [0, 2, 0, -2]
 * fft(re, im, true); // re = [1, 2, 3, 4], im = [0, 0, 0, 0]
 * ```
 */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (!isPowerOfTwo(n)) {
    throw lengthError("re", n, "a power of two (1, 2, 4, ...)");
  }
  if (im.length !== n) {
    throw new PhysError("INCOMPATIBLE_SHAPES", `re and im must have the same length, got ${n} and ${im.length}`, {
      argument: "im",
      value: im.length,
      allowed: `length ${n}`,
    });
  }
  if (n === 1) return;
  // bit-reversal permutation
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i]!;
      re[i] = re[j]!;
      re[j] = tr;
      const ti = im[i]!;
      im[i] = im[j]!;
      im[j] = ti;
    }
  }
  const { c, s } = twiddles(n);
  const sign = inverse ? 1 : -1;
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const step = n / len;
    for (let start = 0; start < n; start += len) {
      for (let k = 0, t = 0; k < half; k++, t += step) {
        const wr = c[t]!;
        const wi = sign * s[t]!;
        const a = start + k;
        const b = a + half;
        const br = re[b]!;
        const bi = im[b]!;
        const xr = br * wr - bi * wi;
        const xi = br * wi + bi * wr;
        const ar = re[a]!;
        const ai = im[a]!;
        re[a] = ar + xr;
        im[a] = ai + xi;
        re[b] = ar - xr;
        im[b] = ai - xi;
      }
    }
  }
  if (inverse) {
    const scale = 1 / n;
    for (let i = 0; i < n; i++) {
      re[i]! *= scale;
      im[i]! *= scale;
    }
  }
}

/**
 * Linear (not circular) convolution of two real sequences, (a ∗ b)_k = Σ_j a_j b_{k−j} for
 * k = 0 … a.length + b.length − 2, by the FFT: both sequences are zero-padded to the next power of
 * two n ≥ a.length + b.length − 1 (so that the circular convolution of length n has no wrap-around),
 * transformed together as one complex sequence a + i·b (A_k = (Z_k + Z̄_{n−k})/2,
 * B_k = (Z_k − Z̄_{n−k})/(2i)), multiplied and transformed back: two FFTs of length n. The error is
 * about ε log₂ n ‖a‖₂ ‖b‖₂ in every element (absolute; relative for non-negative inputs).
 * @param a - first sequence (any unit)
 * @param b - second sequence (any unit)
 * @returns a new array of length a.length + b.length − 1 (unit of a times unit of b)
 * @throws {@link PhysError} `INVALID_ARGUMENT` (argument `a` or `b`) for an empty sequence
 * @example
 * ```ts
 * convolveReal(Float64Array.from([1, 2, 3]), Float64Array.from([0, 1, 0.5])); // ≈ [0, 1, 2.5, 4, 1.5]
 * ```
 */
export function convolveReal(a: Float64Array, b: Float64Array): Float64Array {
  if (a.length < 1) throw lengthError("a", a.length, ">= 1");
  if (b.length < 1) throw lengthError("b", b.length, ">= 1");
  const m = a.length + b.length - 1;
  let n = 1;
  while (n < m) n <<= 1;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  re.set(a);
  im.set(b);
  fft(re, im);
  // Z = A + iB with A, B the spectra of the real sequences a, b (Hermitian: A_{n−k} = Ā_k):
  // A_k = (Z_k + Z̄_{n−k})/2, B_k = (Z_k − Z̄_{n−k})/(2i); C_k = A_k B_k. Pairs (k, n−k) at once.
  for (let k = 0; k <= n >> 1; k++) {
    const j = (n - k) & (n - 1);
    const zr = re[k]!;
    const zi = im[k]!;
    const yr = re[j]!;
    const yi = im[j]!;
    const ar = 0.5 * (zr + yr);
    const ai = 0.5 * (zi - yi);
    const br = 0.5 * (zi + yi);
    const bi = 0.5 * (yr - zr);
    const cr = ar * br - ai * bi;
    const ci = ar * bi + ai * br;
    re[k] = cr;
    im[k] = ci;
    // C_{n−k} = C̄_k (the product of two Hermitian spectra is Hermitian)
    re[j] = cr;
    im[j] = -ci;
  }
  fft(re, im, true);
  return re.slice(0, m);
}
