/**
 * Columnar (structure-of-arrays) versions of the hot operations: allocation, sums, invariant
 * masses and boosts over n events held in `Float64Array`s.
 *
 * Every function takes an optional `out` and writes into it (so a caller can reuse buffers);
 * `out` may alias an input. Validation is done once per call (shapes, |β| < 1); the per-event
 * arithmetic is a numeric kernel that yields `NaN` where an event has no answer (a spacelike
 * rest frame), never an exception.
 *
 * @packageDocumentation
 */
import { argumentError, PhysError, requireInteger } from "@muonphilic/units";
import { requireVelocity } from "./boost.js";
import type { EventColumns, FourVector, FourVectorColumns, ThreeVector } from "./types.js";

/**
 * Allocates one particle's columns for n events, filled with zeros.
 * @param n - number of events (integer ≥ 0)
 * @throws {@link PhysError} `INVALID_ARGUMENT` if n is not a non-negative integer
 * @example
 * ```ts
 * const mu = allocateColumns(1_000_000);
 * ```
 */
export function allocateColumns(n: number): FourVectorColumns {
  requireInteger("n", n, 0);
  return { e: new Float64Array(n), px: new Float64Array(n), py: new Float64Array(n), pz: new Float64Array(n) };
}

/** The number of events in a {@link FourVectorColumns}; throws unless its four arrays have one length. */
export function columnsSize(argument: string, c: FourVectorColumns): number {
  if (
    typeof c !== "object" ||
    c === null ||
    !(c.e instanceof Float64Array) ||
    !(c.px instanceof Float64Array) ||
    !(c.py instanceof Float64Array) ||
    !(c.pz instanceof Float64Array)
  ) {
    throw argumentError("INVALID_ARGUMENT", argument, c, "four-vector columns { e, px, py, pz } of Float64Array");
  }
  const n = c.e.length;
  if (c.px.length !== n || c.py.length !== n || c.pz.length !== n) {
    throw new PhysError(
      "INCOMPATIBLE_SHAPES",
      `${argument}: e, px, py, pz must have one length, got ${n}, ${c.px.length}, ${c.py.length}, ${c.pz.length}`,
      { argument, value: [n, c.px.length, c.py.length, c.pz.length], allowed: "equal lengths" },
    );
  }
  return n;
}

export function requireSize(argument: string, c: FourVectorColumns, n: number): void {
  const m = columnsSize(argument, c);
  if (m !== n) {
    throw new PhysError("INCOMPATIBLE_SHAPES", `${argument} must hold ${n} events, got ${m}`, {
      argument,
      value: m,
      allowed: `${n} events`,
    });
  }
}

function output(out: FourVectorColumns | undefined, n: number): FourVectorColumns {
  if (out === undefined) return allocateColumns(n);
  requireSize("out", out, n);
  return out;
}

/**
 * Copies a list of four-vectors into columns.
 * @param vectors - one four-vector per event (GeV)
 * @example
 * ```ts
 * const cols = columnsFromFourVectors([fourVector(1, 0, 0, 0.5), fourVector(2, 1, 0, 0)]);
 * ```
 */
export function columnsFromFourVectors(vectors: readonly FourVector[]): FourVectorColumns {
  const c = allocateColumns(vectors.length);
  for (let i = 0; i < vectors.length; i++) setFourVector(c, i, vectors[i]!);
  return c;
}

/**
 * Event i of a column set as a {@link FourVector} (undefined components read as NaN).
 * @param c - the columns (GeV)
 * @param i - the event index
 * @returns the four-vector of event i (GeV)
 * @example
 * ```ts
 * const first = fourVectorAt(events.particles.muPlus1, 0);
 * ```
 */
export function fourVectorAt(c: FourVectorColumns, i: number): FourVector {
  return { e: c.e[i] ?? Number.NaN, px: c.px[i] ?? Number.NaN, py: c.py[i] ?? Number.NaN, pz: c.pz[i] ?? Number.NaN };
}

/**
 * Writes a four-vector into event i of a column set.
 * @param c - the columns (GeV)
 * @param i - the event index
 * @param v - the four-vector to write (GeV)
 * @example
 * ```ts
 * setFourVector(cols, 3, fourVector(5, 0, 0, 3));
 * ```
 */
export function setFourVector(c: FourVectorColumns, i: number, v: FourVector): void {
  c.e[i] = v.e;
  c.px[i] = v.px;
  c.py[i] = v.py;
  c.pz[i] = v.pz;
}

/**
 * Event-by-event sum a + b.
 * @param a - first particle (GeV)
 * @param b - second particle (GeV), same number of events
 * @param out - optional output (may alias a or b)
 * @throws {@link PhysError} `INCOMPATIBLE_SHAPES` if the sizes differ
 * @example
 * ```ts
 * const pair = addColumns(muPlus, muMinus); // dimuon four-momenta
 * ```
 */
export function addColumns(a: FourVectorColumns, b: FourVectorColumns, out?: FourVectorColumns): FourVectorColumns {
  const n = columnsSize("a", a);
  requireSize("b", b, n);
  const o = output(out, n);
  for (let i = 0; i < n; i++) {
    o.e[i] = a.e[i]! + b.e[i]!;
    o.px[i] = a.px[i]! + b.px[i]!;
    o.py[i] = a.py[i]! + b.py[i]!;
    o.pz[i] = a.pz[i]! + b.pz[i]!;
  }
  return o;
}

/** Checks a non-empty list of particles with one size, and returns the first and the size. */
export function requireParts(
  parts: readonly FourVectorColumns[],
  argument = "parts",
): { first: FourVectorColumns; n: number } {
  const first = parts[0];
  if (first === undefined)
    throw argumentError("INVALID_ARGUMENT", argument, [], "a non-empty list of particle columns");
  const n = columnsSize(`${argument}[0]`, first);
  for (let k = 1; k < parts.length; k++) requireSize(`${argument}[${k}]`, parts[k]!, n);
  return { first, n };
}

/**
 * Event-by-event sum of a non-empty list of particles.
 * @param parts - the particles (GeV), each with the same number of events
 * @param out - optional output (may alias one of the inputs only if it is the first)
 * @throws {@link PhysError} `INVALID_ARGUMENT` for an empty list, `INCOMPATIBLE_SHAPES` for unequal sizes
 * @example
 * ```ts
 * const fourMuon = sumColumns([mu1, mu2, mu3, mu4]);
 * ```
 */
export function sumColumns(parts: readonly FourVectorColumns[], out?: FourVectorColumns): FourVectorColumns {
  const { first, n } = requireParts(parts);
  const o = output(out, n);
  if (o !== first) {
    o.e.set(first.e);
    o.px.set(first.px);
    o.py.set(first.py);
    o.pz.set(first.pz);
  }
  for (let k = 1; k < parts.length; k++) {
    const p = parts[k]!;
    for (let i = 0; i < n; i++) {
      o.e[i] = o.e[i]! + p.e[i]!;
      o.px[i] = o.px[i]! + p.px[i]!;
      o.py[i] = o.py[i]! + p.py[i]!;
      o.pz[i] = o.pz[i]! + p.pz[i]!;
    }
  }
  return o;
}

/**
 * Event-by-event invariant mass squared (Σ pᵢ)² of a non-empty list of particles (GeV²).
 * @param parts - the particles (GeV)
 * @param out - optional output of length n
 * @throws {@link PhysError} `INVALID_ARGUMENT` for an empty list, `INCOMPATIBLE_SHAPES` for unequal sizes
 * @example
 * ```ts
 * const m2 = massSquaredColumns([muPlus, muMinus]);
 * ```
 */
export function massSquaredColumns(parts: readonly FourVectorColumns[], out?: Float64Array): Float64Array {
  const { first, n } = requireParts(parts);
  const o = out ?? new Float64Array(n);
  if (o.length !== n) throw argumentError("INCOMPATIBLE_SHAPES", "out", o.length, `length ${n}`);
  if (parts.length === 1) {
    for (let i = 0; i < n; i++) {
      const e = first.e[i]!;
      const z = first.pz[i]!;
      o[i] = (e - z) * (e + z) - first.px[i]! * first.px[i]! - first.py[i]! * first.py[i]!;
    }
    return o;
  }
  if (parts.length === 2) {
    // The common case (a pair), unrolled.
    const b = parts[1]!;
    for (let i = 0; i < n; i++) {
      const e = first.e[i]! + b.e[i]!;
      const x = first.px[i]! + b.px[i]!;
      const y = first.py[i]! + b.py[i]!;
      const z = first.pz[i]! + b.pz[i]!;
      o[i] = (e - z) * (e + z) - x * x - y * y;
    }
    return o;
  }
  // Three or more: per event, over the particles (indexed loops: no iterator in the hot path).
  const np = parts.length;
  for (let i = 0; i < n; i++) {
    let e = 0;
    let x = 0;
    let y = 0;
    let z = 0;
    for (let k = 0; k < np; k++) {
      const p = parts[k]!;
      e += p.e[i]!;
      x += p.px[i]!;
      y += p.py[i]!;
      z += p.pz[i]!;
    }
    o[i] = (e - z) * (e + z) - x * x - y * y;
  }
  return o;
}

/**
 * Event-by-event invariant mass √((Σ pᵢ)²) (GeV), negative −√(−m²) for spacelike sums.
 * @param parts - the particles (GeV)
 * @param out - optional output of length n
 * @throws {@link PhysError} `INVALID_ARGUMENT` for an empty list, `INCOMPATIBLE_SHAPES` for unequal sizes
 * @example
 * ```ts
 * const mMuMu = invariantMassColumns([events.particles.muPlus1, events.particles.muMinus1]);
 * ```
 */
export function invariantMassColumns(parts: readonly FourVectorColumns[], out?: Float64Array): Float64Array {
  const o = massSquaredColumns(parts, out);
  for (let i = 0; i < o.length; i++) {
    const m2 = o[i]!;
    o[i] = m2 >= 0 ? Math.sqrt(m2) : -Math.sqrt(-m2);
  }
  return o;
}

/**
 * Boosts every event by one velocity β⃗ (active boost; see `boost`).
 * @param c - the particle (GeV)
 * @param beta - the velocity (units of c, |β| < 1)
 * @param out - optional output (may alias c)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` if |β| ≥ 1
 * @example
 * ```ts
 * const lab = boostColumns(muCm, belle2Beams().boost); // CM → lab
 * ```
 */
export function boostColumns(c: FourVectorColumns, beta: ThreeVector, out?: FourVectorColumns): FourVectorColumns {
  const n = columnsSize("c", c);
  const b2 = requireVelocity("beta", beta);
  const o = output(out, n);
  const { x: bx, y: by, z: bz } = beta;
  const g = 1 / Math.sqrt(1 - b2);
  const g2 = (g * g) / (g + 1);
  const { e, px, py, pz } = c;
  for (let i = 0; i < n; i++) {
    const x = px[i]!;
    const y = py[i]!;
    const z = pz[i]!;
    const en = e[i]!;
    const bp = bx * x + by * y + bz * z;
    const f = g2 * bp + g * en;
    o.e[i] = g * (en + bp);
    o.px[i] = x + f * bx;
    o.py[i] = y + f * by;
    o.pz[i] = z + f * bz;
  }
  return o;
}

function restFrameColumns(
  c: FourVectorColumns,
  frame: FourVectorColumns,
  sign: 1 | -1,
  out: FourVectorColumns | undefined,
): FourVectorColumns {
  const n = columnsSize("c", c);
  requireSize("frame", frame, n);
  const o = output(out, n);
  for (let i = 0; i < n; i++) {
    const fe = frame.e[i]!;
    const fx = frame.px[i]!;
    const fy = frame.py[i]!;
    const fz = frame.pz[i]!;
    const m2 = (fe - fz) * (fe + fz) - fx * fx - fy * fy;
    const m = m2 > 0 && fe > 0 ? Math.sqrt(m2) : Number.NaN;
    const en = c.e[i]!;
    const x = c.px[i]!;
    const y = c.py[i]!;
    const z = c.pz[i]!;
    const pp = x * fx + y * fy + z * fz;
    const f = pp / (m * (fe + m)) + (sign * en) / m;
    o.e[i] = (en * fe + sign * pp) / m;
    o.px[i] = x + f * fx;
    o.py[i] = y + f * fy;
    o.pz[i] = z + f * fz;
  }
  return o;
}

/**
 * Event by event, transforms c into the rest frame of `frame` (see `boostToRestFrame`); NaN for
 * events whose frame is not timelike with E > 0.
 * @param c - the particle (GeV)
 * @param frame - the frame four-momenta, one per event (GeV)
 * @param out - optional output (may alias c, not frame)
 * @throws {@link PhysError} `INCOMPATIBLE_SHAPES` if the sizes differ
 * @example
 * ```ts
 * const muInPairFrame = boostToRestFrameColumns(muMinus, addColumns(muPlus, muMinus));
 * ```
 */
export function boostToRestFrameColumns(
  c: FourVectorColumns,
  frame: FourVectorColumns,
  out?: FourVectorColumns,
): FourVectorColumns {
  return restFrameColumns(c, frame, -1, out);
}

/**
 * Event by event, transforms c from the rest frame of `frame` to the frame where `frame` is given
 * (the inverse of {@link boostToRestFrameColumns}); NaN for events whose frame is not timelike.
 * @param c - the particle in the rest frame of `frame` (GeV)
 * @param frame - the frame four-momenta, one per event (GeV)
 * @param out - optional output (may alias c, not frame)
 * @throws {@link PhysError} `INCOMPATIBLE_SHAPES` if the sizes differ
 * @example
 * ```ts
 * const lab = boostFromRestFrameColumns(daughterAtRest, zPrimeColumns);
 * ```
 */
export function boostFromRestFrameColumns(
  c: FourVectorColumns,
  frame: FourVectorColumns,
  out?: FourVectorColumns,
): FourVectorColumns {
  return restFrameColumns(c, frame, 1, out);
}

/**
 * Checks an {@link EventColumns} batch: every particle holds `size` events and the weights, if
 * any, too. Returns the batch.
 * @throws {@link PhysError} `INVALID_ARGUMENT` for a malformed batch, `INCOMPATIBLE_SHAPES` for wrong sizes
 */
export function requireEvents<P extends string>(argument: string, events: EventColumns<P>): EventColumns<P> {
  if (typeof events !== "object" || events === null || typeof events.particles !== "object") {
    throw argumentError("INVALID_ARGUMENT", argument, events, "an EventColumns { size, particles, weight? }");
  }
  requireInteger(`${argument}.size`, events.size, 0);
  for (const name of Object.keys(events.particles) as P[]) {
    requireSize(`${argument}.particles.${name}`, events.particles[name], events.size);
  }
  if (events.weight !== undefined && events.weight.length !== events.size) {
    throw new PhysError("INCOMPATIBLE_SHAPES", `${argument}.weight must hold ${events.size} entries`, {
      argument: `${argument}.weight`,
      value: events.weight.length,
      allowed: `${events.size} entries`,
    });
  }
  return events;
}

/**
 * Boosts every particle of an event batch by one velocity (e.g. CM → lab), keeping names and weights.
 * @param events - the batch (GeV)
 * @param beta - the velocity (units of c, |β| < 1)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` if |β| ≥ 1, `INCOMPATIBLE_SHAPES` for a malformed batch
 * @example
 * ```ts
 * const lab = boostEvents(cmEvents, belle2Beams().boost);
 * ```
 */
export function boostEvents<P extends string>(events: EventColumns<P>, beta: ThreeVector): EventColumns<P> {
  requireEvents("events", events);
  const particles = {} as { [K in P]: FourVectorColumns };
  for (const name of Object.keys(events.particles) as P[]) {
    particles[name] = boostColumns(events.particles[name], beta);
  }
  return events.weight === undefined
    ? { size: events.size, particles }
    : { size: events.size, particles, weight: events.weight.slice() };
}
