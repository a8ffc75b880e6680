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

/**
 * a + b (component by component).
 * @param a - first four-vector (GeV)
 * @param b - second four-vector (GeV)
 * @returns a + b (GeV)
 * @example
 * ```ts
 * mass(add(muPlus, muMinus)); // the dimuon mass
 * ```
 */
export function add(a: FourVector, b: FourVector): FourVector {
  return { e: a.e + b.e, px: a.px + b.px, py: a.py + b.py, pz: a.pz + b.pz };
}

/**
 * a − b (component by component).
 * @param a - first four-vector (GeV)
 * @param b - second four-vector (GeV)
 * @returns a − b (GeV)
 * @example
 * ```ts
 * mass2(subtract(beams.total, dimuon)); // recoil mass squared
 * ```
 */
export function subtract(a: FourVector, b: FourVector): FourVector {
  return { e: a.e - b.e, px: a.px - b.px, py: a.py - b.py, pz: a.pz - b.pz };
}

/**
 * s · a (every component scaled).
 * @param a - the four-vector (GeV)
 * @param s - the factor (dimensionless)
 * @returns s·a (GeV)
 * @example
 * ```ts
 * scale(fourVector(1, 0, 0, 0.5), 2); // { e: 2, px: 0, py: 0, pz: 1 }
 * ```
 */
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

/**
 * Minkowski product a·b = a_E b_E − a⃗·b⃗.
 * @param a - first four-vector (GeV)
 * @param b - second four-vector (GeV)
 * @returns a·b (GeV²)
 * @example
 * ```ts
 * dot(fourVector(5, 1, 2, 3), fourVector(7, -1, 0.5, 2)); // 29
 * ```
 */
export function dot(a: FourVector, b: FourVector): number {
  return a.e * b.e - a.px * b.px - a.py * b.py - a.pz * b.pz;
}

/**
 * m² = E² − |p|², negative for spacelike vectors; evaluated as (E − pz)(E + pz) − px² − py².
 * @param p - the four-vector (GeV)
 * @returns m² (GeV²)
 * @example
 * ```ts
 * mass2(fourVector(5, 0, 0, 3)); // 16
 * ```
 */
export function mass2(p: FourVector): number {
  return (p.e - p.pz) * (p.e + p.pz) - p.px * p.px - p.py * p.py;
}

/**
 * m = √(m²); −√(−m²) for spacelike vectors (ROOT and scikit-hep `vector` convention).
 * @param p - the four-vector (GeV)
 * @returns m (GeV)
 * @example
 * ```ts
 * mass(fourVector(5, 0, 0, 3)); // 4
 * mass(fourVector(3, 0, 0, 5)); // -4 (spacelike)
 * ```
 */
export function mass(p: FourVector): number {
  const m2 = mass2(p);
  return m2 >= 0 ? Math.sqrt(m2) : -Math.sqrt(-m2);
}

/**
 * The invariant mass of a non-empty set of particles, √((Σ pᵢ)²) (GeV).
 * @throws {@link PhysError} `INVALID_ARGUMENT` for an empty list
 * @param vectors - the particles (GeV)
 * @returns the invariant mass (GeV)
 * @example
 * ```ts
 * invariantMass([muPlus, muMinus]); // M(μμ)
 * ```
 */
export function invariantMass(vectors: readonly FourVector[]): number {
  return mass(sum(vectors));
}

/**
 * |p⃗| = √(px² + py² + pz²).
 * @param p - the four-vector (GeV)
 * @returns |p⃗| (GeV)
 * @example
 * ```ts
 * momentum(fourVector(13, 3, 4, 12)); // 13
 * ```
 */
export function momentum(p: FourVector): number {
  return Math.hypot(p.px, p.py, p.pz);
}

/**
 * Transverse momentum pT = √(px² + py²) (to the z axis).
 * @param p - the four-vector (GeV)
 * @returns pT (GeV)
 * @example
 * ```ts
 * pt(fourVector(6, 3, 4, 1)); // 5
 * ```
 */
export function pt(p: FourVector): number {
  return Math.hypot(p.px, p.py);
}

/**
 * Transverse mass mT = √(E² − pz²) = √(m² + pT²); negative like {@link mass} if E² < pz².
 * @param p - the four-vector (GeV)
 * @returns mT (GeV)
 * @example
 * ```ts
 * transverseMass(fourVector(5, 3, 0, 0)); // 5
 * ```
 */
export function transverseMass(p: FourVector): number {
  const mt2 = (p.e - p.pz) * (p.e + p.pz);
  return mt2 >= 0 ? Math.sqrt(mt2) : -Math.sqrt(-mt2);
}

/**
 * Polar angle θ = atan2(pT, pz) ∈ [0, π]; 0 for the zero vector.
 * @param p - the four-vector (GeV)
 * @returns θ (rad)
 * @example
 * ```ts
 * theta(fourVector(2, 1, 0, 0)); // π/2
 * ```
 */
export function theta(p: FourVector): number {
  return Math.atan2(pt(p), p.pz);
}

/**
 * cos θ = pz / |p⃗|; 1 for the zero vector.
 * @param p - the four-vector (GeV)
 * @returns cos θ ∈ [−1, 1]
 * @example
 * ```ts
 * cosTheta(fourVector(2, 0, 0, -1)); // -1
 * ```
 */
export function cosTheta(p: FourVector): number {
  const m = momentum(p);
  return m === 0 ? 1 : p.pz / m;
}

/**
 * Azimuth φ = atan2(py, px) ∈ [−π, π]; 0 for pT = 0.
 * @param p - the four-vector (GeV)
 * @returns φ (rad)
 * @example
 * ```ts
 * phi(fourVector(2, 0, 1, 0)); // π/2
 * ```
 */
export function phi(p: FourVector): number {
  return Math.atan2(p.py, p.px);
}

/**
 * Pseudorapidity η = −ln tan(θ/2) = asinh(pz / pT); ±∞ along the z axis, 0 for the zero vector.
 * @param p - the four-vector (GeV)
 * @returns η (dimensionless)
 * @example
 * ```ts
 * pseudorapidity(fromPtEtaPhiM(2, 0.5, 0, 0.1)); // 0.5
 * ```
 */
export function pseudorapidity(p: FourVector): number {
  const t = pt(p);
  if (t === 0) return p.pz > 0 ? Number.POSITIVE_INFINITY : p.pz < 0 ? Number.NEGATIVE_INFINITY : 0;
  return Math.asinh(p.pz / t);
}

/**
 * Rapidity y = ½ ln((E + pz)/(E − pz)); ±∞ for a massless particle along z, NaN if |pz| > E.
 * @param p - the four-vector (GeV)
 * @returns y (dimensionless); for a particle moving along z with velocity β, atanh β
 * @example
 * ```ts
 * rapidity(fourVector(1.25, 0, 0, 0.75)); // atanh(0.6) = 0.693
 * ```
 */
export function rapidity(p: FourVector): number {
  return 0.5 * Math.log((p.e + p.pz) / (p.e - p.pz));
}

/**
 * Velocity β⃗ = p⃗ / E.
 * @param p - the four-vector (GeV)
 * @returns β⃗ (units of c); boosting a particle at rest by it gives p again (up to the mass)
 * @example
 * ```ts
 * velocity(fourVector(1.25, 0, 0, 0.75)); // { x: 0, y: 0, z: 0.6 }
 * ```
 */
export function velocity(p: FourVector): ThreeVector {
  return { x: p.px / p.e, y: p.py / p.e, z: p.pz / p.e };
}

/**
 * Lorentz factor γ = E / m; ∞ for massless, NaN for spacelike vectors.
 * @param p - the four-vector (GeV)
 * @returns γ (dimensionless)
 * @example
 * ```ts
 * gamma(fourVector(1.25, 0, 0, 0.75)); // 1.25
 * ```
 */
export function gamma(p: FourVector): number {
  const m2 = mass2(p);
  return m2 < 0 ? Number.NaN : p.e / Math.sqrt(m2);
}

/**
 * The momentum three-vector of a four-vector.
 * @param p - the four-vector (GeV)
 * @returns { x: px, y: py, z: pz } (GeV)
 * @example
 * ```ts
 * threeMomentum(fourVector(5, 1, 2, 3)); // { x: 1, y: 2, z: 3 }
 * ```
 */
export function threeMomentum(p: FourVector): ThreeVector {
  return { x: p.px, y: p.py, z: p.pz };
}

/**
 * The opening angle between the three-momenta of a and b, atan2(|a⃗ × b⃗|, a⃗ · b⃗) ∈ [0, π] (rad):
 * accurate for small and near-π angles, unlike acos of the cosine.
 * @param a - first momentum (a four-vector's three-momentum is used; GeV)
 * @param b - second momentum (GeV)
 * @returns the angle between them (rad)
 * @example
 * ```ts
 * openingAngle({ x: 1, y: 0, z: 0 }, { x: 0, y: 1, z: 0 }); // π/2
 * ```
 */
export function openingAngle(a: FourVector | ThreeVector, b: FourVector | ThreeVector): number {
  const u = toThree(a);
  const v = toThree(b);
  const cx = u.y * v.z - u.z * v.y;
  const cy = u.z * v.x - u.x * v.z;
  const cz = u.x * v.y - u.y * v.x;
  return Math.atan2(Math.hypot(cx, cy, cz), u.x * v.x + u.y * v.y + u.z * v.z);
}

/**
 * The three-vector of a direction given as a {@link ThreeVector} or the momentum of a {@link FourVector}.
 * @param a - a three-vector or a four-vector
 * @returns the three-vector (the four-vector's momentum)
 * @example
 * ```ts
 * toThree(fourVector(5, 1, 2, 3)); // { x: 1, y: 2, z: 3 }
 * ```
 */
export function toThree(a: FourVector | ThreeVector): ThreeVector {
  return "px" in a ? { x: a.px, y: a.py, z: a.pz } : a;
}

/**
 * Longitudinal projection of a momentum on an axis, p⃗·n̂ (GeV).
 * @param p - the momentum (GeV)
 * @param axis - the axis direction (any length > 0; a four-vector's three-momentum is used)
 * @returns p⃗·n̂, or NaN for a zero axis
 * @example
 * ```ts
 * longitudinalMomentum(fourVector(10, 3, 4, 2), { x: 0, y: 0, z: 1 }); // 2
 * ```
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
 * @example
 * ```ts
 * transverseMomentum(fourVector(10, 3, 4, 2), { x: 0, y: 0, z: 1 }); // 5 (= pT)
 * ```
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
 * @example
 * ```ts
 * signedTransverseMomentum(dimuonCm, recoilMuonMinMomentum); // p_T(p_μμ, p_min^rec)
 * ```
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
