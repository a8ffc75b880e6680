/**
 * xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47 (2021) 36), seeded through splitmix32. 32-bit integer arithmetic only
 * (`Math.imul`, shifts), so the stream is bit-identical on every platform and JS engine.
 *
 * Period 2^128 - 1; passes BigCrush. One double in [0, 1) takes two outputs (53 random bits).
 *
 * @packageDocumentation
 */

/** The four 32-bit words of a xoshiro128** state (never all zero). */
export type XoshiroState = [number, number, number, number];

/** splitmix32 step: the standard seeding hash for xoshiro (Vigna). Returns [next state, output]. */
export function splitmix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [s, z >>> 0];
}

/** Mixes a seed and a stream index into a xoshiro128** state. */
export function seedState(seed: number, stream: number): XoshiroState {
  // Fold the (possibly > 32-bit) integer seed and the stream index into one 32-bit word,
  // then expand with splitmix32 (guaranteed non-zero state after 4 draws in practice; checked).
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  let h = splitmix32(lo ^ 0x6a09e667)[1];
  h = splitmix32(h ^ hi)[1];
  h = splitmix32(h ^ (stream >>> 0) ^ 0xbb67ae85)[1];
  h = splitmix32(h ^ (Math.floor(stream / 4294967296) >>> 0))[1];
  const out: XoshiroState = [0, 0, 0, 0];
  let st = h;
  for (let i = 0; i < 4; i++) {
    const [n, z] = splitmix32(st);
    st = n;
    out[i] = z;
  }
  if ((out[0] | out[1] | out[2] | out[3]) === 0) out[0] = 1;
  return out;
}

/** Hashes a string seed (FNV-1a, 32 bit) so that `"scan-2024"` is a valid seed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
