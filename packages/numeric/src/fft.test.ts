import { expectPhysError } from "@muonphilic/vitest-config/assertions";
import { describe, expect, it } from "vitest";
import { convolveReal, fft } from "./fft.js";

/**
 * A seeded uniform [0, 1) generator for test inputs (splitmix32): numeric depends on units only, so
 * the project's RandomSource (@muonphilic/random) is not available here; the inputs only need to be
 * arbitrary and reproducible.
 */
function uniforms(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return ((z ^ (z >>> 15)) >>> 0) / 4294967296;
  };
}

function randomArray(n: number, next: () => number, signed: boolean): Float64Array {
  return Float64Array.from({ length: n }, () => (signed ? 2 * next() - 1 : next()));
}

/** The direct O(n²) DFT, with the angle reduced exactly as 2π((jk) mod n)/n. */
function dft(re: Float64Array, im: Float64Array, inverse: boolean): { re: Float64Array; im: Float64Array } {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  const sign = inverse ? 1 : -1;
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const theta = (sign * 2 * Math.PI * ((j * k) % n)) / n;
      const c = Math.cos(theta);
      const s = Math.sin(theta);
      sr += re[j]! * c - im[j]! * s;
      si += re[j]! * s + im[j]! * c;
    }
    outRe[k] = inverse ? sr / n : sr;
    outIm[k] = inverse ? si / n : si;
  }
  return { re: outRe, im: outIm };
}

function directConvolution(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) out[i + j] = out[i + j]! + a[i]! * b[j]!;
  return out;
}

const maxAbs = (x: Float64Array): number => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe("fft", () => {
  it("transforms [1, 2, 3, 4] by hand and back", () => {
    const re = Float64Array.from([1, 2, 3, 4]);
    const im = new Float64Array(4);
    fft(re, im);
    // X_k = Σ x_j (−i)^{jk}: exact in binary arithmetic (twiddles 1, −i, −1, i are exact)
    expect(Array.from(re)).toEqual([10, -2, -2, -2]);
    expect(Array.from(im)).toEqual([0, 2, 0, -2]);
    fft(re, im, true);
    expect(Array.from(re)).toEqual([1, 2, 3, 4]);
    expect(Array.from(im)).toEqual([0, 0, 0, 0]);
  });

  it("length 1 is the identity; a delta transforms to a constant and a constant to a delta", () => {
    const one = Float64Array.from([3]);
    const oneIm = Float64Array.from([-2]);
    fft(one, oneIm);
    expect([one[0], oneIm[0]]).toEqual([3, -2]);
    const re = new Float64Array(16);
    const im = new Float64Array(16);
    re[0] = 1;
    fft(re, im);
    expect(Array.from(re)).toEqual(new Array(16).fill(1));
    expect(Array.from(im)).toEqual(new Array(16).fill(0));
    fft(re, im);
    // the forward transform of a constant 1 is n δ_k (twiddle sums cancel to a few ε)
    expect(Array.from(re)).toBeCloseToRel([16, ...new Array(15).fill(0)], 0, 1e-14);
    expect(Array.from(im)).toBeCloseToRel(new Array(16).fill(0), 0, 1e-14);
  });

  it.each([2, 8, 64, 256, 1024])("agrees with the direct O(n²) DFT on random complex input, n = %i", (n) => {
    const next = uniforms(1000 + n);
    const re = randomArray(n, next, true);
    const im = randomArray(n, next, true);
    for (const inverse of [false, true]) {
      const ref = dft(re, im, inverse);
      const outRe = Float64Array.from(re);
      const outIm = Float64Array.from(im);
      fft(outRe, outIm, inverse);
      // Relative 1e-12 of the largest coefficient: both the FFT (≈ ε log₂ n ‖x‖₂) and the direct sum
      // (≈ ε n ‖x‖∞) have errors relative to the size of the whole spectrum, not to each coefficient
      // (a random coefficient can be arbitrarily close to 0); at n = 1024 both are ≲ 1e-13 of max |X|.
      const scale = Math.max(maxAbs(ref.re), maxAbs(ref.im));
      expect(Array.from(outRe)).toBeCloseToRel(Array.from(ref.re), 1e-12, 1e-12 * scale);
      expect(Array.from(outIm)).toBeCloseToRel(Array.from(ref.im), 1e-12, 1e-12 * scale);
    }
  });

  it("Parseval: Σ|x|² = (1/n) Σ|X|² (n = 4096)", () => {
    const n = 4096;
    const next = uniforms(7);
    const re = randomArray(n, next, true);
    const im = randomArray(n, next, true);
    let energy = 0;
    for (let i = 0; i < n; i++) energy += re[i]! ** 2 + im[i]! ** 2;
    fft(re, im);
    let spectral = 0;
    for (let i = 0; i < n; i++) spectral += re[i]! ** 2 + im[i]! ** 2;
    // sums of 4096 positive terms and an FFT error of ≈ ε log₂ n relative in the 2-norm: 1e-12 is
    // two orders of magnitude above both
    expect(spectral / n).toBeCloseToRel(energy, 1e-12);
  });

  it("inverse(forward(x)) = x (n = 2^16)", () => {
    const n = 1 << 16;
    const next = uniforms(99);
    const re = randomArray(n, next, true);
    const im = randomArray(n, next, true);
    const re0 = Float64Array.from(re);
    const im0 = Float64Array.from(im);
    fft(re, im);
    fft(re, im, true);
    // round trip: 2 log₂ n = 32 butterfly stages with O(ε) each, entries of size ≤ 1: 1e-13 absolute
    // is ten times the observed error and far below any use
    expect(Array.from(re)).toBeCloseToRel(Array.from(re0), 0, 1e-13);
    expect(Array.from(im)).toBeCloseToRel(Array.from(im0), 0, 1e-13);
  });

  it("a pure tone lands in one bin: x_j = e^{2πi·5j/32} → X = 32 δ_{k,5}", () => {
    const n = 32;
    const re = Float64Array.from({ length: n }, (_, j) => Math.cos((2 * Math.PI * 5 * j) / n));
    const im = Float64Array.from({ length: n }, (_, j) => Math.sin((2 * Math.PI * 5 * j) / n));
    fft(re, im);
    const expected = new Array(n).fill(0);
    expected[5] = n;
    // inputs rounded to ε: the leakage into other bins is a few ε · n
    expect(Array.from(re)).toBeCloseToRel(expected, 0, 1e-13);
    expect(Array.from(im)).toBeCloseToRel(new Array(n).fill(0), 0, 1e-13);
  });

  it("rejects lengths that are not powers of two, and mismatched arrays", () => {
    expectPhysError(() => fft(new Float64Array(6), new Float64Array(6)), "INVALID_ARGUMENT", "re");
    expectPhysError(() => fft(new Float64Array(0), new Float64Array(0)), "INVALID_ARGUMENT", "re");
    expectPhysError(() => fft(new Float64Array(8), new Float64Array(4)), "INCOMPATIBLE_SHAPES", "im");
    expect(() => fft(new Float64Array(12), new Float64Array(12))).toThrow("re.length must be a power of two");
  });
});

describe("convolveReal", () => {
  it("convolves short sequences by hand", () => {
    const c = convolveReal(Float64Array.from([1, 2, 3]), Float64Array.from([0, 1, 0.5]));
    // products of small integers and halves: exact up to the FFT's rounding (a few ε)
    expect(Array.from(c)).toBeCloseToRel([0, 1, 2.5, 4, 1.5], 1e-15, 1e-15);
    expect(Array.from(convolveReal(Float64Array.from([2]), Float64Array.from([3])))).toBeCloseToRel([6], 1e-15);
  });

  it.each([
    [1, 1],
    [1, 9],
    [5, 3],
    [17, 16],
    [100, 37],
    [513, 512],
    [2000, 129],
  ])("agrees with the direct convolution on random non-negative input, lengths %i and %i", (na, nb) => {
    const next = uniforms(31 * na + nb);
    const a = randomArray(na, next, false);
    const b = randomArray(nb, next, false);
    const c = convolveReal(a, b);
    expect(c.length).toBe(na + nb - 1);
    // Non-negative terms: every output is a sum of positive products, far from 0 in the bulk but as
    // small as a₀b₀ at the ends. The FFT error is ≈ ε log₂ n ‖a‖₂‖b‖₂ absolute (≈ 3e-15 ‖a‖₂‖b‖₂ at
    // n = 4096): 1e-12 relative, with an absolute floor of 1e-14 ‖a‖₂‖b‖₂ for the end entries.
    const norm = Math.hypot(...a) * Math.hypot(...b);
    expect(Array.from(c)).toBeCloseToRel(Array.from(directConvolution(a, b)), 1e-12, 1e-14 * norm);
  });

  it("is linear (not circular) on signed input: no wrap-around at a power-of-two total length", () => {
    const next = uniforms(5);
    // 33 + 32 − 1 = 64: exactly one padded length, where a circular convolution would wrap
    const a = randomArray(33, next, true);
    const b = randomArray(32, next, true);
    const c = convolveReal(a, b);
    const ref = directConvolution(a, b);
    // signed terms cancel, so the tolerance is relative to the largest output (see the DFT test)
    expect(Array.from(c)).toBeCloseToRel(Array.from(ref), 1e-12, 1e-12 * maxAbs(ref));
    expect(c[63]).toBeCloseToRel(a[32]! * b[31]!, 1e-12, 1e-12 * maxAbs(ref));
  });

  it("does not modify its inputs", () => {
    const a = Float64Array.from([1, -2, 3]);
    const b = Float64Array.from([4, 5]);
    convolveReal(a, b);
    expect(Array.from(a)).toEqual([1, -2, 3]);
    expect(Array.from(b)).toEqual([4, 5]);
  });

  it("rejects empty sequences, naming the argument", () => {
    expectPhysError(() => convolveReal(new Float64Array(0), Float64Array.from([1])), "INVALID_ARGUMENT", "a");
    expectPhysError(() => convolveReal(Float64Array.from([1]), new Float64Array(0)), "INVALID_ARGUMENT", "b");
  });
});
