/**
 * Two-body kinematics: the Källén function, the two-body momentum, and two-body decays (scalar
 * and columnar), isotropic or with a given angular distribution.
 *
 * @packageDocumentation
 */
import type { RandomSource } from "@muonphilic/random";
import {
  argumentError,
  type GeV,
  gev,
  PhysError,
  requireFinite,
  requireInRange,
  requireNonNegative,
} from "@muonphilic/units";
import { restFrameKernel } from "./boost.js";
import { allocateColumns, columnsFromFourVectors, columnsSize, fourVectorAt } from "./columns.js";
import { mass2, requireTimelike } from "./fourvector.js";
import type { FourVector, FourVectorColumns } from "./types.js";

const TWO_PI = 2 * Math.PI;

/**
 * The Källén function λ(a, b, c) = a² + b² + c² − 2ab − 2ac − 2bc.
 *
 * For b, c ≥ 0 it is evaluated in the factored form (a − (√b + √c)²)(a − (√b − √c)²), which keeps
 * full relative precision near the threshold a → (√b + √c)², where the expanded form cancels.
 * @param a - first argument (GeV², e.g. M²)
 * @param b - second argument (GeV², e.g. m₁²)
 * @param c - third argument (GeV², e.g. m₂²)
 * @returns λ (GeV⁴); NaN for NaN input
 * @example
 * ```ts
 * kallen(25, 9, 0); // 256: the two-body momentum of 5 → 3 + 0 is √256/(2·5) = 1.6
 * ```
 */
export function kallen(a: number, b: number, c: number): number {
  if (b >= 0 && c >= 0) {
    const sb = Math.sqrt(b);
    const sc = Math.sqrt(c);
    const plus = sb + sc;
    const minus = sb - sc;
    return (a - plus * plus) * (a - minus * minus);
  }
  return a * a + b * b + c * c - 2 * (a * b + a * c + b * c);
}

/**
 * Kernel of {@link twoBodyMomentum}: p* = √λ(M², m₁², m₂²) / (2M), NaN below threshold or for bad input.
 */
export function twoBodyMomentumKernel(parentMass: number, m1: number, m2: number): number {
  if (!(parentMass > 0 && m1 >= 0 && m2 >= 0 && parentMass >= m1 + m2)) return Number.NaN;
  const lam = (parentMass - m1 - m2) * (parentMass + m1 + m2) * (parentMass - m1 + m2) * (parentMass + m1 - m2);
  return Math.sqrt(Math.max(0, lam)) / (2 * parentMass);
}

/**
 * The momentum of either daughter in the rest frame of a parent decaying to two particles,
 *   p* = √λ(M², m₁², m₂²) / (2M) = √((M² − (m₁ + m₂)²)(M² − (m₁ − m₂)²)) / (2M).
 * @param parentMass - M (GeV, > 0)
 * @param m1 - first daughter mass (GeV, ≥ 0)
 * @param m2 - second daughter mass (GeV, ≥ 0)
 * @returns p* (GeV)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for negative masses, `KINEMATICALLY_FORBIDDEN` if M < m₁ + m₂
 * @example
 * ```ts
 * twoBodyMomentum(3.0969, 0.1056583755, 0.1056583755); // 1.5448: J/ψ → μμ
 * ```
 */
export function twoBodyMomentum(parentMass: number, m1: number, m2: number): GeV {
  requireNonNegative("m1", m1, "GeV");
  requireNonNegative("m2", m2, "GeV");
  requireMassAbove("parentMass", parentMass, m1 + m2);
  return gev(twoBodyMomentumKernel(parentMass, m1, m2));
}

/**
 * Throws unless `value` is a finite mass ≥ `threshold` (> 0).
 * @throws {@link PhysError} `INVALID_ARGUMENT` if not finite, `KINEMATICALLY_FORBIDDEN` if below the threshold
 */
export function requireMassAbove(argument: string, value: number, threshold: number): number {
  requireFinite(argument, value);
  if (!(value >= threshold && value > 0)) {
    throw new PhysError(
      "KINEMATICALLY_FORBIDDEN",
      `${argument} must be >= ${threshold} GeV (the sum of the daughter masses) and > 0, got ${value}`,
      { argument, value, allowed: `>= ${threshold} GeV` },
    );
  }
  return value;
}

/**
 * An angular distribution of the decay axis: a density in cos θ on [−1, 1] (unnormalised) with an
 * upper bound used for rejection sampling.
 */
export interface AngularDistribution {
  /** Unnormalised density in cos θ, finite and in [0, max] on [−1, 1]. */
  readonly density: (cosTheta: number) => number;
  /** An upper bound of `density` on [−1, 1]. Sampling throws if the density is found above it. */
  readonly max: number;
}

/**
 * The distribution 1 + α cos²θ: α = 1 for a transversely polarised vector into massless fermions
 * (e⁺e⁻ → μ⁺μ⁻ at Born level), α = −1 for a longitudinal one, 0 isotropic.
 * @param alpha - the coefficient α (≥ −1, so that the density is ≥ 0)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` if α < −1
 * @example
 * ```ts
 * twoBodyDecayColumns(parent, M_MU, M_MU, rng, { angular: cosSquaredDistribution(1) });
 * ```
 */
export function cosSquaredDistribution(alpha: number): AngularDistribution {
  requireInRange("alpha", alpha, -1, Number.POSITIVE_INFINITY);
  return { density: (c) => 1 + alpha * c * c, max: 1 + Math.max(alpha, 0) };
}

/** Options of the two-body decay generators. */
export interface TwoBodyDecayOptions {
  /** Distribution of cos θ of the first daughter in the parent rest frame; isotropic if absent. */
  readonly angular?: AngularDistribution;
  /**
   * The polar axis of θ: `"helicity"` (default) is the parent's flight direction in the frame the
   * parent is given in (the z axis for a parent at rest); `"z"` is the fixed z axis.
   */
  readonly axis?: "helicity" | "z";
}

/** The two daughters of a two-body decay. */
export interface TwoBodyDaughters<T> {
  readonly first: T;
  readonly second: T;
}

function sampleCosTheta(rng: RandomSource, angular: AngularDistribution | undefined): number {
  if (angular === undefined) return 2 * rng.uniform() - 1;
  for (;;) {
    const c = 2 * rng.uniform() - 1;
    const f = angular.density(c);
    if (!(f >= 0 && f <= angular.max)) {
      throw argumentError("OUT_OF_DOMAIN", "angular.density", f, `in [0, angular.max = ${angular.max}] at cosθ = ${c}`);
    }
    if (rng.uniform() * angular.max < f) return c;
  }
}

function requireAngular(angular: AngularDistribution | undefined): void {
  if (angular === undefined) return;
  if (typeof angular.density !== "function") {
    throw argumentError("INVALID_ARGUMENT", "angular.density", angular.density, "a function of cos θ");
  }
  if (!(angular.max > 0 && Number.isFinite(angular.max))) {
    throw argumentError("OUT_OF_DOMAIN", "angular.max", angular.max, "finite and > 0");
  }
}

/**
 * Writes the first daughter's momentum direction (unit vector) for polar cos θ and azimuth φ about
 * the axis n̂ = (nx, ny, nz) (unit) into `dir`. The transverse basis is fixed by n̂ alone.
 */
function directionAbout(nx: number, ny: number, nz: number, cosT: number, phi: number, dir: Float64Array): void {
  const sinT = Math.sqrt(Math.max(0, 1 - cosT * cosT));
  const a = sinT * Math.cos(phi);
  const b = sinT * Math.sin(phi);
  // Orthonormal u, v ⟂ n̂ (Frisvad-style, continuous except on a measure-zero set; exact for n̂ = ±z).
  const sign = nz >= 0 ? 1 : -1;
  const h = -1 / (sign + nz);
  const k = nx * ny * h;
  const ux = 1 + sign * nx * nx * h;
  const uy = sign * k;
  const uz = -sign * nx;
  const vx = k;
  const vy = sign + ny * ny * h;
  const vz = -ny;
  dir[0] = a * ux + b * vx + cosT * nx;
  dir[1] = a * uy + b * vy + cosT * ny;
  dir[2] = a * uz + b * vz + cosT * nz;
}

/**
 * The two daughters of a decay at rest at fixed angles (deterministic kernel): the first daughter
 * moves along (θ, φ) with momentum p*, the second opposite. NaN below threshold.
 * @param parentMass - M (GeV)
 * @param m1 - first daughter mass (GeV)
 * @param m2 - second daughter mass (GeV)
 * @param cosTheta - cos θ of the first daughter (to +z)
 * @param phi - its azimuth (rad)
 * @example
 * ```ts
 * const { first, second } = twoBodyDecayAtRest(3.0969, M_MU, M_MU, 1, 0); // μ⁺ along +z
 * ```
 */
export function twoBodyDecayAtRest(
  parentMass: number,
  m1: number,
  m2: number,
  cosTheta: number,
  phi: number,
): TwoBodyDaughters<FourVector> {
  const p = twoBodyMomentumKernel(parentMass, m1, m2);
  const s = Math.sqrt(Math.max(0, 1 - cosTheta * cosTheta));
  const x = p * s * Math.cos(phi);
  const y = p * s * Math.sin(phi);
  const z = p * cosTheta;
  return {
    first: { e: Math.sqrt(m1 * m1 + p * p), px: x, py: y, pz: z },
    second: { e: Math.sqrt(m2 * m2 + p * p), px: -x, py: -y, pz: -z },
  };
}

function requireDaughterMasses(m1: number, m2: number): void {
  requireNonNegative("m1", m1, "GeV");
  requireNonNegative("m2", m2, "GeV");
}

/**
 * One two-body decay of a moving parent: the daughters in the parent's frame.
 * @param parent - parent four-momentum (GeV, timelike with mass ≥ m₁ + m₂)
 * @param m1 - first daughter mass (GeV)
 * @param m2 - second daughter mass (GeV)
 * @param rng - the random source
 * @param options - angular distribution and axis
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for negative masses or a non-timelike parent,
 *   `KINEMATICALLY_FORBIDDEN` below threshold
 * @example
 * ```ts
 * const { first: muPlus, second: muMinus } = twoBodyDecay(zPrime, M_MU, M_MU, createRandom(1));
 * ```
 */
export function twoBodyDecay(
  parent: FourVector,
  m1: number,
  m2: number,
  rng: RandomSource,
  options: TwoBodyDecayOptions = {},
): TwoBodyDaughters<FourVector> {
  requireDaughterMasses(m1, m2);
  requireTimelike("parent", parent);
  requireAngular(options.angular);
  requireMassAbove("parent mass", Math.sqrt(mass2(parent)), m1 + m2);
  const d = twoBodyDecayColumns(columnsFromFourVectors([parent]), m1, m2, rng, options);
  return { first: fourVectorAt(d.first, 0), second: fourVectorAt(d.second, 0) };
}

/**
 * Two-body decays of n parents (columnar). Each event draws cos θ (isotropic or from
 * `options.angular`) and φ uniform in the parent rest frame, builds the daughters back to back with
 * momentum p*(M) for that event's parent mass M, and boosts them to the parent's frame. Events whose
 * parent is below threshold or not timelike get NaN daughters (numeric kernel; draws still consumed
 * identically so later events do not depend on it).
 * @param parent - parent four-momenta (GeV)
 * @param m1 - first daughter mass (GeV, ≥ 0)
 * @param m2 - second daughter mass (GeV, ≥ 0)
 * @param rng - the random source
 * @param options - angular distribution and axis
 * @returns the two daughters' columns (GeV)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for negative masses or a bad angular distribution
 * @example
 * ```ts
 * const rng = createRandom(7);
 * const { first: muPlus, second: muMinus } = twoBodyDecayColumns(zPrimeColumns, M_MU, M_MU, rng);
 * ```
 */
export function twoBodyDecayColumns(
  parent: FourVectorColumns,
  m1: number,
  m2: number,
  rng: RandomSource,
  options: TwoBodyDecayOptions = {},
): TwoBodyDaughters<FourVectorColumns> {
  requireDaughterMasses(m1, m2);
  requireAngular(options.angular);
  const n = columnsSize("parent", parent);
  const helicity = (options.axis ?? "helicity") === "helicity";
  const first = allocateColumns(n);
  const second = allocateColumns(n);
  const dir = new Float64Array(3);
  const m1s = m1 * m1;
  const m2s = m2 * m2;
  for (let i = 0; i < n; i++) {
    const pe = parent.e[i]!;
    const px = parent.px[i]!;
    const py = parent.py[i]!;
    const pz = parent.pz[i]!;
    const M = Math.sqrt((pe - pz) * (pe + pz) - px * px - py * py);
    const pStar = twoBodyMomentumKernel(M, m1, m2);
    const cosT = sampleCosTheta(rng, options.angular);
    const phi = TWO_PI * rng.uniform();
    let nx = 0;
    let ny = 0;
    let nz = 1;
    const pm = Math.hypot(px, py, pz);
    if (helicity && pm > 0) {
      nx = px / pm;
      ny = py / pm;
      nz = pz / pm;
    }
    directionAbout(nx, ny, nz, cosT, phi, dir);
    const frame = { e: pe, px, py, pz };
    const a = restFrameKernel(
      { e: Math.sqrt(m1s + pStar * pStar), px: pStar * dir[0]!, py: pStar * dir[1]!, pz: pStar * dir[2]! },
      frame,
      1,
    );
    const b = restFrameKernel(
      { e: Math.sqrt(m2s + pStar * pStar), px: -pStar * dir[0]!, py: -pStar * dir[1]!, pz: -pStar * dir[2]! },
      frame,
      1,
    );
    first.e[i] = a.e;
    first.px[i] = a.px;
    first.py[i] = a.py;
    first.pz[i] = a.pz;
    second.e[i] = b.e;
    second.px[i] = b.px;
    second.py[i] = b.py;
    second.pz[i] = b.pz;
  }
  return { first, second };
}
