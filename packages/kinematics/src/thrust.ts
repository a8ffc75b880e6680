/**
 * Thrust and the thrust axis of a set of particles:
 *   T = max_{|n̂|=1} Σᵢ |p⃗ᵢ·n̂| / Σᵢ |p⃗ᵢ|,
 * T = 1 for a two-jet (back-to-back) event and T → 1/2 for a spherical one.
 *
 * The maximum is reached at n̂ ∝ Σᵢ εᵢ p⃗ᵢ with εᵢ = sign(p⃗ᵢ·n̂), and max_n Σ|p⃗ᵢ·n̂| =
 * max over all sign vectors ε of |Σ εᵢ p⃗ᵢ|. Up to 20 particles that maximum is taken exactly over
 * all 2ⁿ⁻¹ sign vectors (Gray-code order, one vector update per step), which is exact for every
 * configuration, degenerate ones included. Above 20 particles the candidate sign vectors are those
 * of the planes spanned by each pair of momenta (Brandt1979), O(n³),
 * exact for momenta in general position.
 *
 * @packageDocumentation
 */
import { argumentError, PhysError } from "@muonphilic/units";
import { requireFourVector, toThree } from "./fourvector.js";
import type { FourVector, ThreeVector } from "./types.js";

/** Thrust and its axis. */
export interface Thrust {
  /** T ∈ [1/2, 1] (dimensionless). */
  readonly thrust: number;
  /** Unit thrust axis, oriented with z > 0 (or y > 0 if z = 0, or x > 0 if both are 0). */
  readonly axis: ThreeVector;
}

/** Up to this many particles, the exhaustive (always exact) search is used. */
export const THRUST_EXHAUSTIVE_MAX = 20;

function orient(x: number, y: number, z: number): ThreeVector {
  const n = Math.hypot(x, y, z);
  const flip = z < 0 || (z === 0 && (y < 0 || (y === 0 && x < 0)));
  const s = flip ? -1 / n : 1 / n;
  return { x: s * x, y: s * y, z: s * z };
}

/**
 * Exhaustive maximum of |Σ εᵢ p⃗ᵢ| over the sign vectors with ε₀ = +1, visited in Gray-code order
 * (one vector update per step). The winning sum is recomputed from its sign vector at the end, so
 * the rounding drift of 2ⁿ⁻¹ incremental updates does not reach the result.
 */
export function thrustExhaustive(p: readonly ThreeVector[]): [number, number, number] {
  const n = p.length;
  const sign = new Int8Array(n).fill(1);
  let x = 0;
  let y = 0;
  let z = 0;
  for (const v of p) {
    x += v.x;
    y += v.y;
    z += v.z;
  }
  let bestCode = 0;
  let bestNorm = x * x + y * y + z * z;
  const steps = 2 ** (n - 1);
  for (let g = 1; g < steps; g++) {
    // The bit that changes between Gray codes g − 1 and g is the lowest set bit of g.
    const k = 1 + 31 - Math.clz32(g & -g);
    const v = p[k]!;
    const f = -2 * sign[k]!;
    sign[k] = -sign[k]!;
    x += f * v.x;
    y += f * v.y;
    z += f * v.z;
    const norm = x * x + y * y + z * z;
    if (norm > bestNorm) {
      bestNorm = norm;
      bestCode = g ^ (g >>> 1);
    }
  }
  x = 0;
  y = 0;
  z = 0;
  for (let k = 0; k < n; k++) {
    // Bit b of the Gray code is the sign of particle b + 1 (set: −1).
    const s = k > 0 && (bestCode >>> (k - 1)) & 1 ? -1 : 1;
    const v = p[k]!;
    x += s * v.x;
    y += s * v.y;
    z += s * v.z;
  }
  return [x, y, z];
}

/** The pair-plane candidate search (O(n³)); exact for momenta in general position. */
export function thrustPairPlanes(p: readonly ThreeVector[]): [number, number, number] {
  const n = p.length;
  let best: [number, number, number] = [p[0]!.x, p[0]!.y, p[0]!.z];
  let bestNorm = -1;
  for (let i = 0; i < n; i++) {
    const a = p[i]!;
    for (let j = i + 1; j < n; j++) {
      const b = p[j]!;
      const nx = a.y * b.z - a.z * b.y;
      const ny = a.z * b.x - a.x * b.z;
      const nz = a.x * b.y - a.y * b.x;
      if (nx === 0 && ny === 0 && nz === 0) continue;
      let x = 0;
      let y = 0;
      let z = 0;
      for (let k = 0; k < n; k++) {
        if (k === i || k === j) continue;
        const c = p[k]!;
        const s = c.x * nx + c.y * ny + c.z * nz >= 0 ? 1 : -1;
        x += s * c.x;
        y += s * c.y;
        z += s * c.z;
      }
      for (const si of [1, -1]) {
        for (const sj of [1, -1]) {
          const X = x + si * a.x + sj * b.x;
          const Y = y + si * a.y + sj * b.y;
          const Z = z + si * a.z + sj * b.z;
          const norm = X * X + Y * Y + Z * Z;
          if (norm > bestNorm) {
            bestNorm = norm;
            best = [X, Y, Z];
          }
        }
      }
    }
  }
  if (bestNorm < 0) {
    // All momenta collinear: the axis is their common line.
    const ref = p.find((v) => v.x !== 0 || v.y !== 0 || v.z !== 0)!;
    let x = 0;
    let y = 0;
    let z = 0;
    for (const v of p) {
      const s = v.x * ref.x + v.y * ref.y + v.z * ref.z >= 0 ? 1 : -1;
      x += s * v.x;
      y += s * v.y;
      z += s * v.z;
    }
    best = [x, y, z];
  }
  return best;
}

/**
 * Thrust and thrust axis of a set of particles (see the module documentation for the method).
 * @param particles - the particles' momenta (four-vectors or three-vectors; GeV), usually in the CM frame
 * @returns `{ thrust, axis }`
 * @throws {@link PhysError} `INVALID_ARGUMENT` for an empty list or non-finite momenta,
 *   `OUT_OF_DOMAIN` if every momentum is zero
 * @example
 * ```ts
 * thrust([muPlusCm, muMinusCm, muPlus2Cm, muMinus2Cm]).thrust; // → 1 for back-to-back pairs
 * ```
 */
export function thrust(particles: readonly (FourVector | ThreeVector)[]): Thrust {
  if (!Array.isArray(particles) || particles.length === 0) {
    throw argumentError("INVALID_ARGUMENT", "particles", particles, "a non-empty list of momenta");
  }
  const p = particles.map((v, i) => {
    if (typeof v === "object" && v !== null && "px" in v) requireFourVector(`particles[${i}]`, v);
    const t = toThree(v);
    if (!Number.isFinite(t.x) || !Number.isFinite(t.y) || !Number.isFinite(t.z)) {
      throw argumentError("INVALID_ARGUMENT", `particles[${i}]`, v, "a momentum with finite components");
    }
    return t;
  });
  let total = 0;
  for (const v of p) total += Math.hypot(v.x, v.y, v.z);
  if (!(total > 0)) {
    throw new PhysError("OUT_OF_DOMAIN", "particles must not all have zero momentum (thrust is undefined)", {
      argument: "particles",
      value: particles.length,
      allowed: "at least one non-zero momentum",
    });
  }
  const [x, y, z] = p.length <= THRUST_EXHAUSTIVE_MAX ? thrustExhaustive(p) : thrustPairPlanes(p);
  return { thrust: Math.hypot(x, y, z) / total, axis: orient(x, y, z) };
}
