/**
 * Three-body decays M → 1 + 2 + 3: the Dalitz-plot boundaries, the three-body phase-space volume,
 * and Dalitz sampling (flat, or weighted by a matrix element).
 *
 * With m²₁₂ = (p₁ + p₂)², m²₂₃ = (p₂ + p₃)², the three-body phase space is flat in the Dalitz plot:
 *   dΦ₃ = dm²₁₂ dm²₂₃ / (128 π³ M²)    (PDG2022 Kinematics eq. (49.22), Φ in the convention
 *   dΦₙ = (2π)⁴ δ⁴(P − Σpᵢ) Πᵢ d³pᵢ/((2π)³ 2Eᵢ), so that Γ = ∫|M|² dΦ / (2M)).
 * Boundaries (Ibe2017 appendix A eqs. (A1)-(A5), there with m₁ = 0 for the neutrino, written here for
 * any masses): m²₁₂ ∈ [(m₁ + m₂)², (M − m₃)²]; for a given m²₁₂, in the (12) rest frame
 *   E₂* = (m²₁₂ − m₁² + m₂²)/(2m₁₂),   E₃* = (M² − m²₁₂ − m₃²)/(2m₁₂),
 *   m²₂₃ ∈ (E₂* + E₃*)² − (√(E₂*² − m₂²) ± √(E₃*² − m₃²))².
 *
 * @packageDocumentation
 */

import { integrateSqrtEndpoints } from "@muonphilic/numeric";
import type { RandomSource } from "@muonphilic/random";
import { argumentError, requireFinite, requireNonNegative } from "@muonphilic/units";
import { restFrameKernel } from "./boost.js";
import { allocateColumns, columnsSize } from "./columns.js";
import { requireMassAbove } from "./twobody.js";
import type { FourVector, FourVectorColumns } from "./types.js";

const TWO_PI = 2 * Math.PI;

/** An interval [min, max] (GeV²). */
export interface Interval {
  readonly min: number;
  readonly max: number;
}

/** Masses of a three-body decay (GeV). */
export interface ThreeBodyMasses {
  /** Parent mass M (GeV). */
  readonly parent: number;
  /** Daughter masses m₁, m₂, m₃ (GeV). */
  readonly daughters: readonly [number, number, number];
}

function requireThreeBody(parent: number, m: readonly number[]): void {
  if (!Array.isArray(m) || m.length !== 3) {
    throw argumentError("INVALID_ARGUMENT", "daughters", m, "three daughter masses [m1, m2, m3]");
  }
  m.forEach((x, i) => {
    requireNonNegative(`daughters[${i}]`, x, "GeV");
  });
  requireMassAbove("parent", parent, m[0]! + m[1]! + m[2]!);
}

/**
 * The range of m²₁₂ (Ibe2017 eqs. (A1)-(A2), general masses): [(m₁ + m₂)², (M − m₃)²] (GeV²).
 * @param masses - parent and daughter masses (GeV)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for negative masses, `KINEMATICALLY_FORBIDDEN` if M < Σmᵢ
 * @example
 * ```ts
 * dalitzM12Range({ parent: M_K, daughters: [0, 0.1, M_MU] }); // { min: 0.01, max: (M_K − M_MU)² }
 * ```
 */
export function dalitzM12Range(masses: ThreeBodyMasses): Interval {
  const [m1, m2, m3] = masses.daughters;
  requireThreeBody(masses.parent, masses.daughters);
  return { min: (m1 + m2) ** 2, max: (masses.parent - m3) ** 2 };
}

/** Kernel of {@link dalitzM23Range}: NaN outside the m²₁₂ range. */
export function dalitzM23RangeKernel(M: number, m1: number, m2: number, m3: number, m12Sq: number): Interval {
  const m12 = Math.sqrt(m12Sq);
  const e2 = (m12Sq - m1 * m1 + m2 * m2) / (2 * m12);
  const e3 = (M * M - m12Sq - m3 * m3) / (2 * m12);
  const p2 = Math.sqrt((e2 - m2) * (e2 + m2));
  const p3 = Math.sqrt((e3 - m3) * (e3 + m3));
  const es = (e2 + e3) ** 2;
  return { min: es - (p2 + p3) ** 2, max: es - (p2 - p3) ** 2 };
}

/**
 * The range of m²₂₃ at a given m²₁₂ (Ibe2017 eqs. (A3)-(A5), general masses) (GeV²).
 * @param masses - parent and daughter masses (GeV)
 * @param m12Sq - m²₁₂ (GeV², inside {@link dalitzM12Range})
 * @throws {@link PhysError} `OUT_OF_DOMAIN` if m²₁₂ is outside its range
 * @example
 * ```ts
 * dalitzM23Range({ parent: 3, daughters: [0, 0, 0] }, 4); // { min: 0, max: 5 }
 * ```
 */
export function dalitzM23Range(masses: ThreeBodyMasses, m12Sq: number): Interval {
  const r = dalitzM12Range(masses);
  requireFinite("m12Sq", m12Sq);
  if (!(m12Sq >= r.min && m12Sq <= r.max) || m12Sq === 0) {
    throw argumentError("OUT_OF_DOMAIN", "m12Sq", m12Sq, `in [${r.min}, ${r.max}] GeV² and > 0`);
  }
  const [m1, m2, m3] = masses.daughters;
  return dalitzM23RangeKernel(masses.parent, m1, m2, m3, m12Sq);
}

/**
 * The area of the Dalitz plot, ∫ (m²₂₃,max − m²₂₃,min) dm²₁₂ (GeV⁴), by Gauss-Legendre quadrature
 * after the substitution m²₁₂ = a + (b − a) sin²u, which removes the square-root end points
 * (relative accuracy ≲ 1e-12; the massless area M⁴/2 is reproduced to 1e-15).
 * @param masses - parent and daughter masses (GeV)
 * @throws {@link PhysError} as {@link dalitzM12Range}
 * @example
 * ```ts
 * dalitzArea({ parent: 2, daughters: [0, 0, 0] }); // 8 = M⁴/2
 * ```
 */
export function dalitzArea(masses: ThreeBodyMasses): number {
  const r = dalitzM12Range(masses);
  const [m1, m2, m3] = masses.daughters;
  const M = masses.parent;
  // Width of the m²₂₃ range = 4 p₂* p₃*, written without the cancellation of max − min.
  const width = (t: number) => {
    if (!(t > 0)) return 0;
    const m12 = Math.sqrt(t);
    const e2 = (t - m1 * m1 + m2 * m2) / (2 * m12);
    const e3 = (M * M - t - m3 * m3) / (2 * m12);
    return 4 * Math.sqrt(Math.max(0, (e2 - m2) * (e2 + m2)) * Math.max(0, (e3 - m3) * (e3 + m3)));
  };
  return integrateSqrtEndpoints(width, r.min, r.max, 96);
}

/**
 * The three-body phase-space volume Φ₃ = (Dalitz area)/(128 π³ M²) (dimensionless in the
 * convention of the module documentation; massless: M²/(256 π³)).
 * @param masses - parent and daughter masses (GeV)
 * @throws {@link PhysError} as {@link dalitzM12Range}
 * @example
 * ```ts
 * threeBodyPhaseSpaceVolume({ parent: 1, daughters: [0, 0, 0] }); // 1/(256 π³) = 1.26e-4
 * ```
 */
export function threeBodyPhaseSpaceVolume(masses: ThreeBodyMasses): number {
  return dalitzArea(masses) / (128 * Math.PI ** 3 * masses.parent ** 2);
}

/** A matrix element squared in the Dalitz variables, with an upper bound for rejection sampling. */
export interface DalitzDensity {
  /** |M|²(m²₁₂, m²₂₃), finite and in [0, max] inside the Dalitz plot. */
  readonly density: (m12Sq: number, m23Sq: number) => number;
  /** An upper bound of `density` in the Dalitz plot. Sampling throws if the density is found above it. */
  readonly max: number;
}

/** The output of {@link threeBodyDecayColumns}. */
export interface ThreeBodyDecay {
  readonly first: FourVectorColumns;
  readonly second: FourVectorColumns;
  readonly third: FourVectorColumns;
  /** m²₁₂ of each event (GeV²). */
  readonly m12Sq: Float64Array;
  /** m²₂₃ of each event (GeV²). */
  readonly m23Sq: Float64Array;
}

/**
 * The three momenta at rest for a Dalitz point, in a canonical orientation: p⃗₁ along +z, p⃗₃ in the
 * x–z plane (x ≥ 0), p⃗₂ = −(p⃗₁ + p⃗₃). Energies from the invariants:
 * E₁ = (M² + m₁² − m²₂₃)/(2M), E₃ = (M² + m₃² − m²₁₂)/(2M); E₂ = √(m₂² + |p⃗₂|²).
 * NaN outside the Dalitz plot.
 * @param M - parent mass (GeV)
 * @param m1 - first daughter mass (GeV)
 * @param m2 - second daughter mass (GeV)
 * @param m3 - third daughter mass (GeV)
 * @param m12Sq - m²₁₂ (GeV²)
 * @param m23Sq - m²₂₃ (GeV²)
 * @example
 * ```ts
 * const [nu, zp, mu] = threeBodyMomentaAtRest(M_K, 0, 0.1, M_MU, 0.08, 0.1);
 * ```
 */
export function threeBodyMomentaAtRest(
  M: number,
  m1: number,
  m2: number,
  m3: number,
  m12Sq: number,
  m23Sq: number,
): [FourVector, FourVector, FourVector] {
  const m13Sq = M * M + m1 * m1 + m2 * m2 + m3 * m3 - m12Sq - m23Sq;
  const e1 = (M * M + m1 * m1 - m23Sq) / (2 * M);
  const e2 = (M * M + m2 * m2 - m13Sq) / (2 * M);
  const e3 = (M * M + m3 * m3 - m12Sq) / (2 * M);
  const p1 = Math.sqrt((e1 - m1) * (e1 + m1));
  const p2 = Math.sqrt((e2 - m2) * (e2 + m2));
  const p3 = Math.sqrt((e3 - m3) * (e3 + m3));
  let c13 = (p2 * p2 - p1 * p1 - p3 * p3) / (2 * p1 * p3);
  if (!(p1 > 0 && p3 > 0)) c13 = 1; // a daughter at rest: any direction
  c13 = Math.max(-1, Math.min(1, c13));
  const s13 = Math.sqrt(1 - c13 * c13);
  const a: FourVector = { e: e1, px: 0, py: 0, pz: p1 };
  const c: FourVector = { e: e3, px: p3 * s13, py: 0, pz: p3 * c13 };
  const bx = -c.px;
  const bz = -(p1 + c.pz);
  const b: FourVector = { e: Math.sqrt(m2 * m2 + bx * bx + bz * bz), px: bx, py: 0, pz: bz };
  return [a, b, c];
}

/** Rotates v by the rotation taking +z to the unit vector n and +x to u (u ⟂ n, unit). */
function rotate(v: FourVector, u: readonly number[], w: readonly number[], n: readonly number[]): FourVector {
  return {
    e: v.e,
    px: v.px * u[0]! + v.py * w[0]! + v.pz * n[0]!,
    py: v.px * u[1]! + v.py * w[1]! + v.pz * n[1]!,
    pz: v.px * u[2]! + v.py * w[2]! + v.pz * n[2]!,
  };
}

/**
 * Three-body decays of n parents (columnar): (m²₁₂, m²₂₃) uniform in the Dalitz plot (pure phase
 * space) or distributed as `density` (rejection), the event orientation uniform (three Euler angles),
 * then boosted to each parent's frame. Each event uses its own parent mass; events below threshold
 * or with a non-timelike parent get NaN.
 * @param parent - parent four-momenta (GeV)
 * @param daughters - daughter masses [m₁, m₂, m₃] (GeV)
 * @param rng - the random source
 * @param density - optional |M|²(m²₁₂, m²₂₃) with its bound; flat if absent
 * @returns the three daughters and the Dalitz variables
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for negative masses or a density above its bound
 * @example
 * ```ts
 * const d = threeBodyDecayColumns(kaons, [0, mZp, M_MU], createRandom(3)); // K → ν Z' μ
 * ```
 */
export function threeBodyDecayColumns(
  parent: FourVectorColumns,
  daughters: readonly [number, number, number],
  rng: RandomSource,
  density?: DalitzDensity,
): ThreeBodyDecay {
  if (!Array.isArray(daughters) || daughters.length !== 3) {
    throw argumentError("INVALID_ARGUMENT", "daughters", daughters, "three daughter masses [m1, m2, m3]");
  }
  daughters.forEach((x, i) => {
    requireNonNegative(`daughters[${i}]`, x, "GeV");
  });
  if (
    density !== undefined &&
    !(typeof density.density === "function" && density.max > 0 && Number.isFinite(density.max))
  ) {
    throw argumentError("OUT_OF_DOMAIN", "density", density, "{ density: function, max: finite > 0 }");
  }
  const [m1, m2, m3] = daughters;
  const n = columnsSize("parent", parent);
  const out = [allocateColumns(n), allocateColumns(n), allocateColumns(n)] as const;
  const m12Out = new Float64Array(n);
  const m23Out = new Float64Array(n);
  const u = [0, 0, 0];
  const w = [0, 0, 0];
  const nn = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const frame = { e: parent.e[i]!, px: parent.px[i]!, py: parent.py[i]!, pz: parent.pz[i]! };
    const m2f = (frame.e - frame.pz) * (frame.e + frame.pz) - frame.px ** 2 - frame.py ** 2;
    const M = Math.sqrt(m2f);
    if (!(M >= m1 + m2 + m3 && frame.e > 0)) {
      for (const o of out) {
        o.e[i] = o.px[i] = o.py[i] = o.pz[i] = Number.NaN;
      }
      m12Out[i] = m23Out[i] = Number.NaN;
      continue;
    }
    const aLo = (m1 + m2) ** 2;
    const aHi = (M - m3) ** 2;
    const bLo = (m2 + m3) ** 2;
    const bHi = (M - m1) ** 2;
    let x = 0;
    let y = 0;
    for (;;) {
      x = aLo + (aHi - aLo) * rng.uniform();
      y = bLo + (bHi - bLo) * rng.uniform();
      const r = dalitzM23RangeKernel(M, m1, m2, m3, x);
      if (!(y >= r.min && y <= r.max)) continue;
      if (density === undefined) break;
      const f = density.density(x, y);
      if (!(f >= 0 && f <= density.max)) {
        throw argumentError(
          "OUT_OF_DOMAIN",
          "density.density",
          f,
          `in [0, density.max = ${density.max}] at (${x}, ${y})`,
        );
      }
      if (rng.uniform() * density.max < f) break;
    }
    m12Out[i] = x;
    m23Out[i] = y;
    const [a, b, c] = threeBodyMomentaAtRest(M, m1, m2, m3, x, y);
    // Uniform orientation: n (the direction of p⃗₁) isotropic, then a uniform rotation about it.
    const cosT = 2 * rng.uniform() - 1;
    const sinT = Math.sqrt(Math.max(0, 1 - cosT * cosT));
    const phi = TWO_PI * rng.uniform();
    const psi = TWO_PI * rng.uniform();
    nn[0] = sinT * Math.cos(phi);
    nn[1] = sinT * Math.sin(phi);
    nn[2] = cosT;
    // e_θ and e_φ span the plane ⟂ n; rotate them by ψ.
    const tx = cosT * Math.cos(phi);
    const ty = cosT * Math.sin(phi);
    const tz = -sinT;
    const fx = -Math.sin(phi);
    const fy = Math.cos(phi);
    const cp = Math.cos(psi);
    const sp = Math.sin(psi);
    u[0] = cp * tx + sp * fx;
    u[1] = cp * ty + sp * fy;
    u[2] = cp * tz;
    w[0] = -sp * tx + cp * fx;
    w[1] = -sp * ty + cp * fy;
    w[2] = -sp * tz;
    const rest = [a, b, c];
    for (let k = 0; k < 3; k++) {
      const v = restFrameKernel(rotate(rest[k]!, u, w, nn), frame, 1);
      const o = out[k]!;
      o.e[i] = v.e;
      o.px[i] = v.px;
      o.py[i] = v.py;
      o.pz[i] = v.pz;
    }
  }
  return { first: out[0], second: out[1], third: out[2], m12Sq: m12Out, m23Sq: m23Out };
}
