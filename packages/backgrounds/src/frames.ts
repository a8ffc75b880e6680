/**
 * Internal helpers of the generators: Lorentz boosts of four-vectors stored as [E, px, py, pz] in
 * a Float64Array, isotropic two-body decays, unit vectors about an axis, and the
 * "events or luminosity" argument check. Numeric kernels; not part of the public API.
 *
 * @packageDocumentation
 */
import type { FourVectorColumns, RandomSource } from "@muonphilic/kinematics";
import { PhysError, requireInteger, requireNonNegative } from "@muonphilic/units";

/** A velocity (units of c). */
export interface Velocity {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/** Boosts the four-vector at v[k..k+3] in place by the velocity (bx, by, bz) (a pure boost). */
export function boostArray(v: Float64Array, k: number, bx: number, by: number, bz: number): void {
  const b2 = bx * bx + by * by + bz * bz;
  if (b2 === 0) return;
  const g = 1 / Math.sqrt(1 - b2);
  const e = v[k] as number;
  const bp = bx * (v[k + 1] as number) + by * (v[k + 2] as number) + bz * (v[k + 3] as number);
  const f = ((g - 1) * bp) / b2 + g * e;
  v[k] = g * (e + bp);
  v[k + 1] = (v[k + 1] as number) + f * bx;
  v[k + 2] = (v[k + 2] as number) + f * by;
  v[k + 3] = (v[k + 3] as number) + f * bz;
}

/** Writes the four-vector (e, x, y, z), boosted by the velocity b, into row i of the columns c. */
export function writeBoosted(
  c: FourVectorColumns,
  i: number,
  e: number,
  x: number,
  y: number,
  z: number,
  b: Velocity,
): void {
  const b2 = b.x * b.x + b.y * b.y + b.z * b.z;
  const g = 1 / Math.sqrt(1 - b2);
  const bp = b.x * x + b.y * y + b.z * z;
  const f = b2 > 0 ? ((g - 1) * bp) / b2 + g * e : 0;
  c.e[i] = g * (e + bp);
  c.px[i] = x + f * b.x;
  c.py[i] = y + f * b.y;
  c.pz[i] = z + f * b.z;
}

/** Writes out[k..k+3], boosted by b, into row i of c. */
export function writeArrayBoosted(
  c: FourVectorColumns,
  i: number,
  out: ArrayLike<number>,
  k: number,
  b: Velocity,
): void {
  writeBoosted(c, i, out[k] as number, out[k + 1] as number, out[k + 2] as number, out[k + 3] as number, b);
}

/**
 * A unit vector at polar cosine `c` and azimuth `phi` about the unit axis (ax, ay, az), written
 * into out[0..2].
 */
export function directionAbout(ax: number, ay: number, az: number, c: number, phi: number, out: Float64Array): void {
  // u = e × a normalised, e the coordinate axis least aligned with a; v = a × u
  let ux: number;
  let uy: number;
  let uz: number;
  if (Math.abs(ax) < 0.9) {
    ux = 0;
    uy = az;
    uz = -ay;
  } else {
    ux = -az;
    uy = 0;
    uz = ax;
  }
  const un = Math.hypot(ux, uy, uz);
  ux /= un;
  uy /= un;
  uz /= un;
  const vx = ay * uz - az * uy;
  const vy = az * ux - ax * uz;
  const vz = ax * uy - ay * ux;
  const s = Math.sqrt(Math.max(0, 1 - c * c));
  const cp = s * Math.cos(phi);
  const sp = s * Math.sin(phi);
  out[0] = c * ax + cp * ux + sp * vx;
  out[1] = c * ay + cp * uy + sp * vy;
  out[2] = c * az + cp * uz + sp * vz;
}

/**
 * An isotropic two-body decay of a parent (E, p⃗) of mass `mass` into daughters of masses m1 and m2,
 * written as four-vectors into out[4·ia..] and out[4·ib..].
 */
export function decayIsotropic(
  out: Float64Array,
  ia: number,
  ib: number,
  parent: readonly [number, number, number, number],
  mass: number,
  m1: number,
  m2: number,
  rng: RandomSource,
): void {
  const q = Math.sqrt(Math.max((mass * mass - (m1 + m2) ** 2) * (mass * mass - (m1 - m2) ** 2), 0)) / (2 * mass);
  const c = 2 * rng.uniform() - 1;
  const s = Math.sqrt(Math.max(0, 1 - c * c));
  const ph = 2 * Math.PI * rng.uniform();
  const dx = q * s * Math.cos(ph);
  const dy = q * s * Math.sin(ph);
  const dz = q * c;
  const [pe, px, py, pz] = parent;
  for (const [i, m, sign] of [
    [ia, m1, 1],
    [ib, m2, -1],
  ] as const) {
    out[4 * i] = Math.sqrt(q * q + m * m);
    out[4 * i + 1] = sign * dx;
    out[4 * i + 2] = sign * dy;
    out[4 * i + 3] = sign * dz;
    boostArray(out, 4 * i, px / pe, py / pe, pz / pe);
  }
}

/**
 * Checks that exactly one of `events` and `luminosityInvPb` is given and validates it.
 * @returns `{ events }` or `{ luminosityInvPb }`
 * @throws {@link PhysError} `INVALID_ARGUMENT` unless exactly one is given or for a non-integer count;
 *   `OUT_OF_DOMAIN` for a negative luminosity
 */
export function requireCountOrLuminosity(options: {
  readonly events?: number;
  readonly luminosityInvPb?: number;
}): { readonly events: number } | { readonly luminosityInvPb: number } {
  const hasEvents = options.events !== undefined;
  const hasLumi = options.luminosityInvPb !== undefined;
  if (hasEvents === hasLumi) {
    throw new PhysError("INVALID_ARGUMENT", "give exactly one of events and luminosityInvPb", {
      argument: "events",
      value: { events: options.events, luminosityInvPb: options.luminosityInvPb },
      allowed: "exactly one of the two",
    });
  }
  return hasEvents
    ? { events: requireInteger("events", options.events) }
    : { luminosityInvPb: requireNonNegative("luminosityInvPb", options.luminosityInvPb, "pb^-1") };
}

/**
 * The number of events of an unweighted generator call: `events`, or Poisson(σ L) for `luminosityInvPb`.
 * @throws as {@link requireCountOrLuminosity}
 */
export function eventCount(
  options: { readonly events?: number; readonly luminosityInvPb?: number },
  sigmaPb: number,
  rng: RandomSource,
): number {
  const r = requireCountOrLuminosity(options);
  return "events" in r ? r.events : rng.poisson(sigmaPb * r.luminosityInvPb);
}
