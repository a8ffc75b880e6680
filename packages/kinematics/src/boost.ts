/**
 * Lorentz boosts of single four-vectors: by a velocity, into and out of the rest frame of a
 * four-vector. The columnar versions are in `columns.ts`.
 *
 * A boost by β⃗ (the velocity of the new frame's content as seen from the old frame, i.e. an
 * active boost) maps p = (E, p⃗) to
 *   E′ = γ (E + β⃗·p⃗),   p⃗′ = p⃗ + (γ²/(γ + 1) β⃗·p⃗ + γ E) β⃗,
 * with γ = 1/√(1 − β²). The factor γ²/(γ + 1) = (γ − 1)/β² has no division by β², so β⃗ → 0 is exact.
 * A particle at rest boosted by β⃗ moves with velocity β⃗.
 *
 * @packageDocumentation
 */
import { argumentError, PhysError, requireFinite } from "@muonphilic/units";
import { mass2, requireFourVector, requireTimelike } from "./fourvector.js";
import type { FourVector, ThreeVector } from "./types.js";

/**
 * Throws unless β⃗ is a finite velocity with |β| < 1, and returns β².
 * @throws {@link PhysError} `INVALID_ARGUMENT` if not finite, `OUT_OF_DOMAIN` if |β| ≥ 1
 */
export function requireVelocity(argument: string, beta: ThreeVector): number {
  if (typeof beta !== "object" || beta === null) {
    throw argumentError("INVALID_ARGUMENT", argument, beta, "a velocity { x, y, z }");
  }
  requireFinite(`${argument}.x`, beta.x);
  requireFinite(`${argument}.y`, beta.y);
  requireFinite(`${argument}.z`, beta.z);
  const b2 = beta.x * beta.x + beta.y * beta.y + beta.z * beta.z;
  if (!(b2 < 1)) {
    throw new PhysError("OUT_OF_DOMAIN", `|${argument}| must be < 1, got ${Math.sqrt(b2)}`, {
      argument,
      value: beta,
      allowed: "|β| < 1",
    });
  }
  return b2;
}

/**
 * Boosts p by the velocity β⃗ (active boost: a particle at rest acquires velocity β⃗).
 * @param p - the four-vector (GeV)
 * @param beta - the boost velocity (units of c, |β| < 1)
 * @returns the boosted four-vector (GeV)
 * @throws {@link PhysError} `INVALID_ARGUMENT` for non-finite input, `OUT_OF_DOMAIN` if |β| ≥ 1
 * @example
 * ```ts
 * boost(fourVector(1, 0, 0, 0), { x: 0, y: 0, z: 0.6 }); // { e: 1.25, px: 0, py: 0, pz: 0.75 }
 * ```
 */
export function boost(p: FourVector, beta: ThreeVector): FourVector {
  requireFourVector("p", p);
  const b2 = requireVelocity("beta", beta);
  return boostKernel(p, beta.x, beta.y, beta.z, b2);
}

/** Boost kernel without validation (β² precomputed). */
export function boostKernel(p: FourVector, bx: number, by: number, bz: number, b2: number): FourVector {
  const g = 1 / Math.sqrt(1 - b2);
  const g2 = (g * g) / (g + 1);
  const bp = bx * p.px + by * p.py + bz * p.pz;
  const f = g2 * bp + g * p.e;
  return { e: g * (p.e + bp), px: p.px + f * bx, py: p.py + f * by, pz: p.pz + f * bz };
}

/**
 * Transforms p into the rest frame of `frame` (the frame's momentum becomes zero):
 *   E′ = (E P⁰ − p⃗·P⃗)/M,   p⃗′ = p⃗ + P⃗ [p⃗·P⃗ / (M (P⁰ + M)) − E/M],
 * with M the mass of `frame`. This uses γ = P⁰/M directly, so it stays accurate for large boosts.
 * @param p - the four-vector to transform (GeV)
 * @param frame - the four-momentum whose rest frame is wanted (timelike, E > 0; GeV)
 * @returns p in the rest frame of `frame` (GeV)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` if `frame` is not timelike with E > 0
 * @example
 * ```ts
 * boostToRestFrame(muMinus, add(muPlus, muMinus)); // μ⁻ in the dimuon rest frame
 * ```
 */
export function boostToRestFrame(p: FourVector, frame: FourVector): FourVector {
  requireFourVector("p", p);
  requireTimelike("frame", frame);
  return restFrameKernel(p, frame, -1);
}

/**
 * Transforms p from the rest frame of `frame` to the frame in which `frame` was given (the inverse
 * of {@link boostToRestFrame}):   E′ = (E P⁰ + p⃗·P⃗)/M,   p⃗′ = p⃗ + P⃗ [p⃗·P⃗ / (M (P⁰ + M)) + E/M].
 * @param p - a four-vector in the rest frame of `frame` (GeV)
 * @param frame - the four-momentum of the frame (timelike, E > 0; GeV)
 * @returns p in the frame where `frame` is given (GeV)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` if `frame` is not timelike with E > 0
 * @example
 * ```ts
 * boostFromRestFrame(fourVector(1.5, 0, 0, 1.496), zPrime); // a daughter of the Z' in the lab
 * ```
 */
export function boostFromRestFrame(p: FourVector, frame: FourVector): FourVector {
  requireFourVector("p", p);
  requireTimelike("frame", frame);
  return restFrameKernel(p, frame, 1);
}

/** Rest-frame boost kernel: sign −1 into the rest frame of `frame`, +1 out of it. NaN if not timelike. */
export function restFrameKernel(p: FourVector, frame: FourVector, sign: 1 | -1): FourVector {
  const m2 = mass2(frame);
  const m = m2 > 0 && frame.e > 0 ? Math.sqrt(m2) : Number.NaN;
  const pp = p.px * frame.px + p.py * frame.py + p.pz * frame.pz;
  const f = pp / (m * (frame.e + m)) + (sign * p.e) / m;
  return {
    e: (p.e * frame.e + sign * pp) / m,
    px: p.px + f * frame.px,
    py: p.py + f * frame.py,
    pz: p.pz + f * frame.pz,
  };
}

/**
 * Allocation-free {@link boost} for hot loops: boosts the four-vector stored at
 * `p[offset]`, …, `p[offset + 3]` = (E, px, py, pz) by the velocity β⃗, in place, with the formula of
 * the module header (E′ = γ(E + β⃗·p⃗), p⃗′ = p⃗ + (γ²/(γ + 1) β⃗·p⃗ + γE) β⃗).
 * @param p - the array holding the four-vector (GeV)
 * @param offset - index of E in `p`
 * @param bx - β_x (units of c)
 * @param by - β_y
 * @param bz - β_z, with |β| < 1
 * Numeric kernel: no validation (|β| ≥ 1 gives `NaN`).
 * @example
 * ```ts
 * const p = Float64Array.of(1, 0, 0, 0);
 * boostInPlace(p, 0, 0, 0, 0.6); // p = [1.25, 0, 0, 0.75]
 * ```
 */
export function boostInPlace(p: Float64Array, offset: number, bx: number, by: number, bz: number): void {
  const b2 = bx * bx + by * by + bz * bz;
  const g = 1 / Math.sqrt(1 - b2);
  const g2 = (g * g) / (g + 1);
  const e = p[offset] as number;
  const px = p[offset + 1] as number;
  const py = p[offset + 2] as number;
  const pz = p[offset + 3] as number;
  const bp = bx * px + by * py + bz * pz;
  const f = g2 * bp + g * e;
  p[offset] = g * (e + bp);
  p[offset + 1] = px + f * bx;
  p[offset + 2] = py + f * by;
  p[offset + 3] = pz + f * bz;
}

/**
 * Allocation-free {@link boostFromRestFrame} for hot loops: transforms the four-vector stored at
 * `p[offset]`, …, `p[offset + 3]` from the rest frame of a frame four-momentum P = (P⁰, P⃗) of mass M
 * to the frame in which P is given, in place: E′ = (E P⁰ + p⃗·P⃗)/M, p⃗′ = p⃗ + P⃗ [p⃗·P⃗/(M(P⁰ + M)) + E/M].
 * The mass is an argument (not recomputed from P), so a known mass keeps its full precision.
 * @param p - the array holding the four-vector (GeV)
 * @param offset - index of E in `p`
 * @param frameE - P⁰ (GeV)
 * @param framePx - P_x (GeV)
 * @param framePy - P_y (GeV)
 * @param framePz - P_z (GeV)
 * @param frameMass - M (GeV, > 0)
 * Numeric kernel: no validation.
 * @example
 * ```ts
 * const d = Float64Array.of(0.5, 0, 0, 0.3); // a daughter in the rest frame of a 1 GeV parent
 * boostFromRestFrameInPlace(d, 0, 1.25, 0, 0, 0.75, 1); // d = [0.85, 0, 0, 0.75]
 * ```
 */
export function boostFromRestFrameInPlace(
  p: Float64Array,
  offset: number,
  frameE: number,
  framePx: number,
  framePy: number,
  framePz: number,
  frameMass: number,
): void {
  const e = p[offset] as number;
  const px = p[offset + 1] as number;
  const py = p[offset + 2] as number;
  const pz = p[offset + 3] as number;
  const pp = px * framePx + py * framePy + pz * framePz;
  const f = pp / (frameMass * (frameE + frameMass)) + e / frameMass;
  p[offset] = (e * frameE + pp) / frameMass;
  p[offset + 1] = px + f * framePx;
  p[offset + 2] = py + f * framePy;
  p[offset + 3] = pz + f * framePz;
}
