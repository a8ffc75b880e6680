/**
 * n-body phase space: RAMBO (Kleiss1986) with the weights of massive particles, and the analytic
 * phase-space volumes used to check it.
 *
 * Convention (as in `dalitz.ts`): dΦₙ = (2π)⁴ δ⁴(P − Σpᵢ) Πᵢ d³pᵢ/((2π)³ 2Eᵢ), so a decay width is
 * Γ = ∫|M|² dΦₙ/(2M) and the average event weight is the phase-space volume Φₙ. For massless
 * particles every RAMBO event has the same weight, the exact volume (Kleiss1986 eq. (4.9) with the
 * (2π)^(4−3n) of this convention):
 *   Φₙ⁽⁰⁾ = (2π)^(4−3n) (π/2)^(n−1) s^(n−2) / ((n − 1)! (n − 2)!)        (Φ₂⁽⁰⁾ = 1/(8π)).
 * Massive particles: the massless momenta qᵢ are rescaled, kᵢ = (√(mᵢ² + ξ²qᵢ⁰²), ξ q⃗ᵢ), with ξ
 * solving Σᵢ √(mᵢ² + ξ²qᵢ⁰²) = √s (Newton), and the weight becomes (Kleiss1986 sec. 5)
 *   w = Φₙ⁽⁰⁾ ξ^(2n−3) (Πᵢ |k⃗ᵢ|/kᵢ⁰) √s / (Σᵢ |k⃗ᵢ|²/kᵢ⁰).
 *
 * @packageDocumentation
 */
import { logFactorial, type RandomSource } from "@muonphilic/random";
import { argumentError, requireInteger, requireNonNegative, requirePositive } from "@muonphilic/units";
import { restFrameKernel } from "./boost.js";
import { allocateColumns, columnsSize } from "./columns.js";
import { requireMassAbove, twoBodyMomentum } from "./twobody.js";
import type { FourVectorColumns } from "./types.js";

const TWO_PI = 2 * Math.PI;

/**
 * The massless n-body phase-space volume Φₙ⁽⁰⁾ (module documentation; dimension GeV^(2n−4)).
 * @param n - number of particles (integer ≥ 2)
 * @param sqrtS - total energy in the CM (GeV, > 0)
 * @throws {@link PhysError} `INVALID_ARGUMENT` for n < 2, `OUT_OF_DOMAIN` for √s ≤ 0
 * @example
 * ```ts
 * masslessPhaseSpaceVolume(2, 10); // 1/(8π) = 0.0398
 * ```
 */
export function masslessPhaseSpaceVolume(n: number, sqrtS: number): number {
  requireInteger("n", n, 2);
  requirePositive("sqrtS", sqrtS, "GeV");
  return Math.exp(logMasslessVolume(n, sqrtS));
}

function logMasslessVolume(n: number, sqrtS: number): number {
  return (
    (4 - 3 * n) * Math.log(TWO_PI) +
    (n - 1) * Math.log(Math.PI / 2) +
    (2 * n - 4) * Math.log(sqrtS) -
    logFactorial(n - 1) -
    logFactorial(n - 2)
  );
}

/**
 * The two-body phase-space volume Φ₂ = p* / (4π√s) (dimensionless; the convention of the module documentation).
 * @param sqrtS - √s (GeV)
 * @param m1 - first mass (GeV)
 * @param m2 - second mass (GeV)
 * @throws {@link PhysError} as `twoBodyMomentum`
 * @example
 * ```ts
 * twoBodyPhaseSpaceVolume(10, 0, 0); // 1/(8π)
 * ```
 */
export function twoBodyPhaseSpaceVolume(sqrtS: number, m1: number, m2: number): number {
  return twoBodyMomentum(sqrtS, m1, m2) / (4 * Math.PI * sqrtS);
}

/** The output of {@link nBodyDecayColumns} and {@link ramboColumns}. */
export interface NBodyDecay {
  /** One column set per daughter, in the order of the masses (GeV). */
  readonly daughters: readonly FourVectorColumns[];
  /** Phase-space weight of each event (module convention); its mean estimates Φₙ. */
  readonly weight: Float64Array;
}

function requireMasses(masses: readonly number[]): number {
  if (!Array.isArray(masses) || masses.length < 2) {
    throw argumentError("INVALID_ARGUMENT", "masses", masses, "a list of at least two daughter masses");
  }
  let total = 0;
  masses.forEach((m, i) => {
    total += requireNonNegative(`masses[${i}]`, m, "GeV");
  });
  return total;
}

/**
 * n-body decays of n parents with RAMBO (columnar): momenta in each parent's rest frame by
 * Kleiss1986, massive rescaling and weights (module documentation), then boosted to the parent's
 * frame. Parents below threshold or not timelike get NaN momenta and weight 0.
 * @param parent - parent four-momenta (GeV)
 * @param masses - daughter masses (GeV, at least two)
 * @param rng - the random source
 * @returns the daughters' columns and the phase-space weights
 * @throws {@link PhysError} `INVALID_ARGUMENT` for fewer than two masses, `OUT_OF_DOMAIN` for negative masses
 * @example
 * ```ts
 * const { daughters, weight } = nBodyDecayColumns(parents, [M_MU, M_MU, M_MU, M_MU], createRandom(1));
 * ```
 */
export function nBodyDecayColumns(parent: FourVectorColumns, masses: readonly number[], rng: RandomSource): NBodyDecay {
  const massSum = requireMasses(masses);
  const k = masses.length;
  const size = columnsSize("parent", parent);
  const daughters = Array.from({ length: k }, () => allocateColumns(size));
  const weight = new Float64Array(size);
  const q = new Float64Array(4 * k);
  const e = new Float64Array(k);
  const massless = masses.every((m) => m === 0);
  for (let i = 0; i < size; i++) {
    const frame = { e: parent.e[i]!, px: parent.px[i]!, py: parent.py[i]!, pz: parent.pz[i]! };
    const sqrtS = Math.sqrt((frame.e - frame.pz) * (frame.e + frame.pz) - frame.px ** 2 - frame.py ** 2);
    // Draw the event's random numbers even for a bad parent, so later events do not depend on it.
    const w = ramboAtRest(sqrtS, masses, massless, rng, q, e);
    const ok = sqrtS > massSum && frame.e > 0 && Number.isFinite(w);
    weight[i] = ok ? w : 0;
    for (let j = 0; j < k; j++) {
      const d = daughters[j]!;
      if (!ok) {
        d.e[i] = d.px[i] = d.py[i] = d.pz[i] = Number.NaN;
        continue;
      }
      const v = restFrameKernel({ e: e[j]!, px: q[4 * j + 1]!, py: q[4 * j + 2]!, pz: q[4 * j + 3]! }, frame, 1);
      d.e[i] = v.e;
      d.px[i] = v.px;
      d.py[i] = v.py;
      d.pz[i] = v.pz;
    }
  }
  return { daughters, weight };
}

/**
 * One RAMBO event at rest: writes momenta into q (4 per particle: unused, x, y, z) and energies into
 * e, returns the weight (NaN below threshold). Kleiss1986 sec. 3 (massless), sec. 5 (massive).
 */
function ramboAtRest(
  sqrtS: number,
  masses: readonly number[],
  massless: boolean,
  rng: RandomSource,
  q: Float64Array,
  e: Float64Array,
): number {
  const n = masses.length;
  // Massless momenta with isotropic directions and energies distributed as q⁰ e^(−q⁰).
  let Q0 = 0;
  let Qx = 0;
  let Qy = 0;
  let Qz = 0;
  for (let j = 0; j < n; j++) {
    const c = 2 * rng.uniform() - 1;
    const s = Math.sqrt(Math.max(0, 1 - c * c));
    const f = TWO_PI * rng.uniform();
    const q0 = -Math.log(rng.uniformOpen() * rng.uniformOpen());
    q[4 * j] = q0;
    q[4 * j + 1] = q0 * s * Math.cos(f);
    q[4 * j + 2] = q0 * s * Math.sin(f);
    q[4 * j + 3] = q0 * c;
    Q0 += q0;
    Qx += q[4 * j + 1]!;
    Qy += q[4 * j + 2]!;
    Qz += q[4 * j + 3]!;
  }
  // Conformal transformation to total momentum (√s, 0⃗).
  const MQ = Math.sqrt((Q0 - Qz) * (Q0 + Qz) - Qx * Qx - Qy * Qy);
  const bx = -Qx / MQ;
  const by = -Qy / MQ;
  const bz = -Qz / MQ;
  const x = sqrtS / MQ;
  const g = Q0 / MQ;
  const a = 1 / (1 + g);
  for (let j = 0; j < n; j++) {
    const q0 = q[4 * j]!;
    const bq = bx * q[4 * j + 1]! + by * q[4 * j + 2]! + bz * q[4 * j + 3]!;
    q[4 * j] = x * (g * q0 + bq);
    q[4 * j + 1] = x * (q[4 * j + 1]! + bx * q0 + a * bq * bx);
    q[4 * j + 2] = x * (q[4 * j + 2]! + by * q0 + a * bq * by);
    q[4 * j + 3] = x * (q[4 * j + 3]! + bz * q0 + a * bq * bz);
    e[j] = q[4 * j]!;
  }
  const logW0 = logMasslessVolume(n, sqrtS);
  if (massless) return Math.exp(logW0);
  let massSum = 0;
  for (const m of masses) massSum += m;
  if (!(sqrtS > massSum)) return Number.NaN;
  // Solve Σ √(mᵢ² + ξ² qᵢ⁰²) = √s for ξ ∈ (0, 1) by Newton's method from below-convex start.
  let xi = Math.sqrt(Math.max(0, 1 - (massSum / sqrtS) ** 2));
  for (let iter = 0; iter < 60; iter++) {
    let f = -sqrtS;
    let df = 0;
    for (let j = 0; j < n; j++) {
      const m = masses[j]!;
      const q0 = q[4 * j]!;
      const ej = Math.sqrt(m * m + xi * xi * q0 * q0);
      f += ej;
      df += (xi * q0 * q0) / ej;
    }
    const step = f / df;
    xi -= step;
    if (Math.abs(step) <= 1e-15 * xi) break;
  }
  let prod = 1;
  let denom = 0;
  for (let j = 0; j < n; j++) {
    const m = masses[j]!;
    const pj = xi * q[4 * j]!;
    const ej = Math.sqrt(m * m + pj * pj);
    q[4 * j + 1] = xi * q[4 * j + 1]!;
    q[4 * j + 2] = xi * q[4 * j + 2]!;
    q[4 * j + 3] = xi * q[4 * j + 3]!;
    e[j] = ej;
    prod *= pj / ej;
    denom += (pj * pj) / ej;
  }
  return Math.exp(logW0 + (2 * n - 3) * Math.log(xi)) * prod * (sqrtS / denom);
}

/**
 * RAMBO events at rest: n events of the given daughters with total four-momentum (√s, 0⃗).
 * @param sqrtS - total energy (GeV, > Σ masses)
 * @param masses - daughter masses (GeV, at least two)
 * @param events - number of events (integer ≥ 0)
 * @param rng - the random source
 * @returns the daughters' columns and the phase-space weights (their mean estimates Φₙ)
 * @throws {@link PhysError} `KINEMATICALLY_FORBIDDEN` if √s ≤ Σ masses, and as {@link nBodyDecayColumns}
 * @example
 * ```ts
 * const { daughters, weight } = ramboColumns(10.58, [M_MU, M_MU, M_MU, M_MU], 100_000, createRandom(4));
 * ```
 */
export function ramboColumns(sqrtS: number, masses: readonly number[], events: number, rng: RandomSource): NBodyDecay {
  const massSum = requireMasses(masses);
  requireMassAbove("sqrtS", sqrtS, massSum);
  if (sqrtS === massSum) throw argumentError("KINEMATICALLY_FORBIDDEN", "sqrtS", sqrtS, `> ${massSum} GeV (Σ masses)`);
  requireInteger("events", events, 0);
  const parent = allocateColumns(events);
  parent.e.fill(sqrtS);
  return nBodyDecayColumns(parent, masses, rng);
}
