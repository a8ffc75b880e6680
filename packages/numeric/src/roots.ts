/**
 * Root finding in one dimension: bracketing of a decreasing function from a guess (secant-aimed
 * steps inside bounds) and Brent's method on a bracket (Brent1973 ch. 4: inverse quadratic
 * interpolation and secant steps safeguarded by bisection). Numeric kernels: a `NaN` from f ends
 * the search; they never throw.
 *
 * @packageDocumentation
 */

/** A point where f was evaluated. */
export interface RootPoint {
  /** Abscissa. */
  readonly x: number;
  /** f(x). */
  readonly f: number;
}

/** Outcome of {@link bracketRoot}: a sign change, or where the search stopped. */
export type BracketOutcome =
  | { readonly ok: true; readonly a: RootPoint; readonly b: RootPoint }
  | { readonly ok: false; readonly side: "below" | "above"; readonly last: RootPoint };

/**
 * Finds [a, b] with f(a) ≥ 0 > f(b) for a decreasing f, starting at `guess`: a first step of 5 %
 * towards the root, then secant steps aimed 1 % beyond the secant root (so that a near-linear f is
 * bracketed tightly after two or three evaluations), limited to a factor 4 per step and falling back
 * to doubling where the secant is useless; clamped to [lo, hi].
 * @param f - function, decreasing through its root (NaN ends the search)
 * @param guess - start, in [lo, hi]
 * @param lo - lower end of the search range (≥ 0)
 * @param hi - upper end
 * @param fLo - f(lo) when known without evaluation (e.g. CLs = 1 at μ = 0)
 * @returns a bracket `{ ok: true, a, b }` with f(a) ≥ 0 > f(b), or `{ ok: false, side, last }`:
 *   the root lies beyond the `side` end of [lo, hi] (or f was `NaN` at `last`)
 * @example
 * ```ts
 * bracketRoot((x) => 2 - x, 1, 0, 10); // { ok: true, a: { x: ≈1.9…, … }, b: { x: ≈2.0…, … } }
 * ```
 */
export function bracketRoot(
  f: (x: number) => number,
  guess: number,
  lo: number,
  hi: number,
  fLo?: number,
): BracketOutcome {
  const at = (x: number): RootPoint => ({ x, f: x === lo && fLo !== undefined ? fLo : f(x) });
  let prev = at(Math.min(Math.max(guess, lo), hi));
  let cur: RootPoint | undefined;
  for (let i = 0; i < 200; i++) {
    const p = cur ?? prev;
    if (Number.isNaN(p.f)) return { ok: false, side: "above", last: p };
    const up = p.f >= 0; // the root lies above p
    if (up ? p.x >= hi : p.x <= lo) return { ok: false, side: up ? "above" : "below", last: p };
    let next: number;
    const slope = cur ? (cur.f - prev.f) / (cur.x - prev.x) : Number.NaN;
    if (cur && slope < 0 && Number.isFinite(slope)) {
      const root = cur.x - cur.f / slope;
      next = root + (up ? 0.01 : -0.01) * Math.max(Math.abs(root), Math.abs(cur.x - prev.x));
    } else if (cur) {
      next = up ? (p.x > 0 ? 2 * p.x : lo + (hi - lo) * 1e-3) : p.x / 2;
    } else {
      next = up ? (p.x > 0 ? 1.05 * p.x : lo + (hi - lo) * 1e-3) : p.x / 1.05;
    }
    if (p.x > 0) next = Math.min(Math.max(next, p.x / 4), 4 * p.x);
    next = Math.min(Math.max(next, lo), hi);
    if (next === p.x) next = up ? hi : lo;
    const n = at(next);
    if (up && n.f < 0) return { ok: true, a: p, b: n };
    if (!up && n.f >= 0) return { ok: true, a: n, b: p };
    if (cur) prev = cur;
    cur = n;
  }
  const last = cur ?? prev;
  return { ok: false, side: last.f >= 0 ? "above" : "below", last };
}

/**
 * Brent's method on a bracket with f(a), f(b) of opposite signs: inverse quadratic interpolation
 * and secant steps safeguarded by bisection.
 * @param f - the function
 * @param a - one end with its value
 * @param b - the other end with its value
 * @param xtol - absolute tolerance on x
 * @param rtol - relative tolerance on x
 * @param maxIter - iteration limit
 * @returns the root estimate (the last iterate if the limit is reached); `NaN` if f returns `NaN`
 * @example
 * ```ts
 * const f = (x: number) => Math.cos(x) - x;
 * brent(f, { x: 0, f: f(0) }, { x: 1, f: f(1) }, 1e-15, 1e-15); // 0.7390851332151607
 * ```
 */
export function brent(
  f: (x: number) => number,
  a: RootPoint,
  b: RootPoint,
  xtol: number,
  rtol: number,
  maxIter = 100,
): number {
  let xa = a.x;
  let fa = a.f;
  let xb = b.x;
  let fb = b.f;
  if (fa === 0) return xa;
  if (fb === 0) return xb;
  let xc = xa;
  let fc = fa;
  let d = xb - xa;
  let e = d;
  for (let i = 0; i < maxIter; i++) {
    if (Math.sign(fb) === Math.sign(fc)) {
      xc = xa;
      fc = fa;
      d = xb - xa;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      xa = xb;
      xb = xc;
      xc = xa;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 0.5 * (xtol + rtol * Math.abs(xb));
    const m = 0.5 * (xc - xb);
    if (Math.abs(m) <= tol || fb === 0) return xb;
    // converged in x by the secant estimate of the distance to the root, |f(b)| / |slope| ≤ tol/2:
    // saves the final "tolerance steps" of Brent when the iterates approach from one side
    if (Math.abs(fb) * Math.abs(xc - xb) <= 0.5 * tol * Math.abs(fc - fb)) return xb;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (xa === xc) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qa * (qa - r) - (xb - xa) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    xa = xb;
    fa = fb;
    xb += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(xb);
    if (Number.isNaN(fb)) return Number.NaN;
  }
  return xb;
}
