/**
 * Four-vectors: construction from (E, p), (m, p), (pT, η, φ, m) and (E, m, θ, φ), arithmetic and
 * the basic quantities (mass, |p|, pT, η, y, θ, cos θ, φ, opening angle).
 *
 * Constructors validate their input and throw {@link PhysError}; the quantities are numeric
 * kernels: they never throw, and return `NaN` for `NaN` input.
 *
 * Odd cases follow ROOT's `TLorentzVector` and scikit-hep `vector` (STYLE.md §3): a spacelike
 * vector (m² < 0) has a negative {@link mass}, −√(−m²); the zero three-vector has θ = 0,
 * cos θ = 1, φ = 0 and η = 0; a vector along the z axis has η = ±∞.
 *
 * @packageDocumentation
 */
import { argumentError, PhysError, requireFinite, requireNonNegative } from "@muonphilic/units";
import type { FourVector, ThreeVector } from "./types.js";

/**
 * A four-vector from its energy and momentum components.
 * @param e - energy (GeV)
 * @param px - momentum x component (GeV)
 * @param py - momentum y component (GeV)
 * @param pz - momentum z component (GeV)
 * @returns the four-vector (spacelike vectors are allowed: a momentum transfer is one)
 * @throws {@link PhysError} `INVALID_ARGUMENT` if a component is not finite
 * @example
 * ```ts
 * mass(fourVector(5, 0, 0, 3)); // 4
 * ```
 */
export function fourVector(e: number, px: number, py: number, pz: number): FourVector {
  return {
    e: requireFinite("e", e),
    px: requireFinite("px", px),
    py: requireFinite("py", py),
    pz: requireFinite("pz", pz),
  };
}

/**
 * A four-vector from its mass and momentum: E = √(m² + |p|²).
 * @param m - mass (GeV, ≥ 0)
 * @param px - momentum x component (GeV)
 * @param py - momentum y component (GeV)
 * @param pz - momentum z component (GeV)
 * @throws {@link PhysError} `INVALID_ARGUMENT` if not finite, `OUT_OF_DOMAIN` if m < 0
 * @example
 * ```ts
 * fromMassMomentum(0.1056583755, 0, 0, 3).e; // 3.00186...
 * ```
 */
export function fromMassMomentum(m: number, px: number, py: number, pz: number): FourVector {
  requireNonNegative("m", m, "GeV");
  requireFinite("px", px);
  requireFinite("py", py);
  requireFinite("pz", pz);
  return { e: Math.sqrt(m * m + px * px + py * py + pz * pz), px, py, pz };
}

/**
 * A four-vector from collider coordinates: p = (pT cos φ, pT sin φ, pT sinh η), E = √(m² + |p|²).
 * @param pt - transverse momentum (GeV, ≥ 0)
 * @param eta - pseudorapidity η = −ln tan(θ/2)
 * @param phi - azimuth (rad)
 * @param m - mass (GeV, ≥ 0)
 * @throws {@link PhysError} `INVALID_ARGUMENT` if not finite, `OUT_OF_DOMAIN` if pt < 0 or m < 0
 * @example
 * ```ts
 * pseudorapidity(fromPtEtaPhiM(2, 0.5, 0.1, 0.105)); // 0.5
 * ```
 */
export function fromPtEtaPhiM(pt: number, eta: number, phi: number, m: number): FourVector {
  requireNonNegative("pt", pt, "GeV");
  requireFinite("eta", eta);
  requireFinite("phi", phi);
  requireNonNegative("m", m, "GeV");
  const px = pt * Math.cos(phi);
  const py = pt * Math.sin(phi);
  const pz = pt * Math.sinh(eta);
  return { e: Math.sqrt(m * m + px * px + py * py + pz * pz), px, py, pz };
}

/**
 * A four-vector from its energy, mass and direction: |p| = √(E² − m²) along (θ, φ).
 * @param e - energy (GeV, ≥ m)
 * @param m - mass (GeV, ≥ 0)
 * @param theta - polar angle to +z (rad, in [0, π])
 * @param phi - azimuth (rad)
 * @throws {@link PhysError} `INVALID_ARGUMENT` if not finite, `OUT_OF_DOMAIN` if m < 0, θ outside
 *   [0, π] or the energy is below the mass
 * @example
 * ```ts
 * fromEnergyMassAngles(5, 3, Math.PI / 2, 0).px; // 4
 * ```
 */
export function fromEnergyMassAngles(e: number, m: number, theta: number, phi: number): FourVector {
  requireNonNegative("m", m, "GeV");
  requireFinite("e", e);
  if (!(e >= m)) throw argumentError("OUT_OF_DOMAIN", "e", e, `>= the mass ${m} GeV`);
  requireFinite("theta", theta);
  if (!(theta >= 0 && theta <= Math.PI)) throw argumentError("OUT_OF_DOMAIN", "theta", theta, "in [0, π] rad");
  requireFinite("phi", phi);
  const p = Math.sqrt((e - m) * (e + m));
  const st = Math.sin(theta);
  return { e, px: p * st * Math.cos(phi), py: p * st * Math.sin(phi), pz: p * Math.cos(theta) };
}

/** a + b. */
export function add(a: FourVector, b: FourVector): FourVector {
  return { e: a.e + b.e, px: a.px + b.px, py: a.py + b.py, pz: a.pz + b.pz };
}

/** a − b. */
export function subtract(a: FourVector, b: FourVector): FourVector {
  return { e: a.e - b.e, px: a.px - b.px, py: a.py - b.py, pz: a.pz - b.pz };
}

/** s · a (every component scaled). */
export function scale(a: FourVector, s: number): FourVector {
  return { e: s * a.e, px: s * a.px, py: s * a.py, pz: s * a.pz };
}

/**
 * The sum of a non-empty list of four-vectors.
 * @param vectors - the four-vectors (GeV)
 * @throws {@link PhysError} `INVALID_ARGUMENT` for an empty list
 * @example
 * ```ts
 * mass(sum([muPlus, muMinus])); // the dimuon mass
 * ```
 */
export function sum(vectors: readonly FourVector[]): FourVector {
  if (vectors.length === 0) throw argumentError("INVALID_ARGUMENT", "vectors", [], "a non-empty list of four-vectors");
  let e = 0;
  let px = 0;
  let py = 0;
  let pz = 0;
  for (const v of vectors) {
    e += v.e;
    px += v.px;
    py += v.py;
    pz += v.pz;
  }
  return { e, px, py, pz };
}

/** Minkowski product a·b = a_E b_E − a⃗·b⃗ (GeV²). */
export function dot(a: FourVector, b: FourVector): number {
  return a.e * b.e - a.px * b.px - a.py * b.py - a.pz * b.pz;
}

/** m² = E² − |p|² (GeV²); negative for spacelike vectors. */
export function mass2(p: FourVector): number {
  return (p.e - p.pz) * (p.e + p.pz) - p.px * p.px - p.py * p.py;
}

/** m = √(m²) (GeV); −√(−m²) for spacelike vectors (ROOT and scikit-hep `vector` convention). */
export function mass(p: FourVector): number {
  const m2 = mass2(p);
  return m2 >= 0 ? Math.sqrt(m2) : -Math.sqrt(-m2);
}

/**
 * The invariant mass of a non-empty set of particles, √((Σ pᵢ)²) (GeV).
 * @throws {@link PhysError} `INVALID_ARGUMENT` for an empty list
 */
export function invariantMass(vectors: readonly FourVector[]): number {
  return mass(sum(vectors));
}

/** |p⃗| (GeV). */
export function momentum(p: FourVector): number {
  return Math.hypot(p.px, p.py, p.pz);
}

/** Transverse momentum pT = √(px² + py²) (GeV). */
export function pt(p: FourVector): number {
  return Math.hypot(p.px, p.py);
}

/** Transverse mass mT = √(E² − pz²) = √(m² + pT²) (GeV); negative like {@link mass} if E² < pz². */
export function transverseMass(p: FourVector): number {
  const mt2 = (p.e - p.pz) * (p.e + p.pz);
  return mt2 >= 0 ? Math.sqrt(mt2) : -Math.sqrt(-mt2);
}

/** Polar angle θ = atan2(pT, pz) ∈ [0, π] (rad); 0 for the zero vector. */
export function theta(p: FourVector): number {
  return Math.atan2(pt(p), p.pz);
}

/** cos θ = pz / |p|; 1 for the zero vector. */
export function cosTheta(p: FourVector): number {
  const m = momentum(p);
  return m === 0 ? 1 : p.pz / m;
}

/** Azimuth φ = atan2(py, px) ∈ [−π, π] (rad); 0 for pT = 0. */
export function phi(p: FourVector): number {
  return Math.atan2(p.py, p.px);
}

/**
 * Pseudorapidity η = −ln tan(θ/2) = asinh(pz / pT); ±∞ along the z axis, 0 for the zero vector.
 */
export function pseudorapidity(p: FourVector): number {
  const t = pt(p);
  if (t === 0) return p.pz > 0 ? Number.POSITIVE_INFINITY : p.pz < 0 ? Number.NEGATIVE_INFINITY : 0;
  return Math.asinh(p.pz / t);
}

/** Rapidity y = ½ ln((E + pz)/(E − pz)); ±∞ for a massless particle along z, NaN if |pz| > E. */
export function rapidity(p: FourVector): number {
  return 0.5 * Math.log((p.e + p.pz) / (p.e - p.pz));
}

/** Velocity β⃗ = p⃗ / E (units of c). */
export function velocity(p: FourVector): ThreeVector {
  return { x: p.px / p.e, y: p.py / p.e, z: p.pz / p.e };
}

/** Lorentz factor γ = E / m; ∞ for massless, NaN for spacelike vectors. */
export function gamma(p: FourVector): number {
  const m2 = mass2(p);
  return m2 < 0 ? Number.NaN : p.e / Math.sqrt(m2);
}

/** The momentum three-vector of a four-vector. */
export function threeMomentum(p: FourVector): ThreeVector {
  return { x: p.px, y: p.py, z: p.pz };
}

/**
 * The opening angle between the three-momenta of a and b, atan2(|a⃗ × b⃗|, a⃗ · b⃗) ∈ [0, π] (rad):
 * accurate for small and near-π angles, unlike acos of the cosine.
 */
export function openingAngle(a: FourVector | ThreeVector, b: FourVector | ThreeVector): number {
  const u = toThree(a);
  const v = toThree(b);
  const cx = u.y * v.z - u.z * v.y;
  const cy = u.z * v.x - u.x * v.z;
  const cz = u.x * v.y - u.y * v.x;
  return Math.atan2(Math.hypot(cx, cy, cz), u.x * v.x + u.y * v.y + u.z * v.z);
}

/** The three-vector of a direction given as a {@link ThreeVector} or the momentum of a {@link FourVector}. */
export function toThree(a: FourVector | ThreeVector): ThreeVector {
  return "px" in a ? { x: a.px, y: a.py, z: a.pz } : a;
}

/**
 * Longitudinal projection of a momentum on an axis, p⃗·n̂ (GeV).
 * @param p - the momentum (GeV)
 * @param axis - the axis direction (any length > 0; a four-vector's three-momentum is used)
 * @returns p⃗·n̂, or NaN for a zero axis
 */
export function longitudinalMomentum(p: FourVector | ThreeVector, axis: FourVector | ThreeVector): number {
  const u = toThree(p);
  const n = toThree(axis);
  const nn = Math.hypot(n.x, n.y, n.z);
  return nn === 0 ? Number.NaN : (u.x * n.x + u.y * n.y + u.z * n.z) / nn;
}

/**
 * Transverse projection of a momentum with respect to an axis, |p⃗ × n̂| ≥ 0 (GeV).
 * With the z axis this is pT. Belle2-4mu sec. IV D uses it with the directions of the recoil muons.
 * @param p - the momentum (GeV)
 * @param axis - the axis direction (any length > 0)
 * @returns |p⃗ × n̂|, or NaN for a zero axis
 */
export function transverseMomentum(p: FourVector | ThreeVector, axis: FourVector | ThreeVector): number {
  const u = toThree(p);
  const n = toThree(axis);
  const nn = Math.hypot(n.x, n.y, n.z);
  if (nn === 0) return Number.NaN;
  const cx = u.y * n.z - u.z * n.y;
  const cy = u.z * n.x - u.x * n.z;
  const cz = u.x * n.y - u.y * n.x;
  return Math.hypot(cx, cy, cz) / nn;
}

/**
 * The signed transverse projection of Belle2-4mu sec. IV D: |p⃗ × n̂| with the sign of the
 * longitudinal projection p⃗·n̂ (the paper's p_T(p_μμ, p_min^rec)); +|p⃗ × n̂| when p⃗·n̂ = 0.
 * @param p - the momentum (GeV)
 * @param axis - the axis direction (any length > 0)
 * @returns sign(p⃗·n̂) |p⃗ × n̂| (GeV), or NaN for a zero axis
 */
export function signedTransverseMomentum(p: FourVector | ThreeVector, axis: FourVector | ThreeVector): number {
  const t = transverseMomentum(p, axis);
  return longitudinalMomentum(p, axis) < 0 ? -t : t;
}

/**
 * Throws unless `p` is a four-vector with finite components.
 * @throws {@link PhysError} `INVALID_ARGUMENT`
 */
export function requireFourVector(argument: string, p: unknown): FourVector {
  const v = p as FourVector | null | undefined;
  if (
    typeof v !== "object" ||
    v === null ||
    !Number.isFinite(v.e) ||
    !Number.isFinite(v.px) ||
    !Number.isFinite(v.py) ||
    !Number.isFinite(v.pz)
  ) {
    throw argumentError("INVALID_ARGUMENT", argument, p, "a four-vector { e, px, py, pz } with finite components");
  }
  return v;
}

/**
 * Throws unless `p` is a timelike four-vector with positive energy (a rest frame exists).
 * @throws {@link PhysError} `INVALID_ARGUMENT` if not finite, `OUT_OF_DOMAIN` if m² ≤ 0 or E ≤ 0
 */
export function requireTimelike(argument: string, p: unknown): FourVector {
  const v = requireFourVector(argument, p);
  if (!(v.e > 0 && mass2(v) > 0)) {
    throw new PhysError(
      "OUT_OF_DOMAIN",
      `${argument} must be timelike with E > 0 (m² > 0), got m² = ${mass2(v)} GeV², E = ${v.e} GeV`,
      {
        argument,
        value: v,
        allowed: "m² > 0 and E > 0",
      },
    );
  }
  return v;
}
