/**
 * Bracketing and root finding for limits: expand from a guess until the sign changes (within
 * bounds), then Brent's method [Brent 1973, "Algorithms for Minimization without Derivatives",
 * ch. 4]. Internal to the inference layer.
 *
 * @packageDocumentation
 */

/** A point where f was evaluated. */
export interface RootPoint {
  readonly x: number;
  readonly f: number;
}

/** Outcome of {@link bracketRoot}: a sign change, or where the search stopped. */
export type BracketOutcome =
  | { readonly ok: true; readonly a: RootPoint; readonly b: RootPoint }
  | { readonly ok: false; readonly side: "below" | "above"; readonly last: RootPoint };

/**
 * Finds [a, b] with f(a) ≥ 0 > f(b) for a decreasing f, starting at `guess` and stepping
 * geometrically (factors 1.25, 1.56, 1.95, …) towards the root, clamped to [lo, hi].
 * @param f - function, decreasing through its root (NaN is treated as "no information": stop)
 * @param guess - start, in (lo, hi]
 * @param lo - lower end of the search range (≥ 0); `fLo` is its value if known without evaluation
 * @param hi - upper end
 * @param fLo - f(lo) when known (e.g. CLs = 1 at μ = 0)
 */
export function bracketRoot(
  f: (x: number) => number,
  guess: number,
  lo: number,
  hi: number,
  fLo?: number,
): BracketOutcome {
  let x = Math.min(Math.max(guess, lo), hi);
  let fx = x === lo && fLo !== undefined ? fLo : f(x);
  let factor = 1.25;
  for (let i = 0; i < 200; i++) {
    if (Number.isNaN(fx)) return { ok: false, side: "above", last: { x, f: fx } };
    if (fx >= 0) {
      if (x >= hi) return { ok: false, side: "above", last: { x, f: fx } };
      const next = Math.min(hi, x > 0 ? x * factor : (hi - lo) * 1e-3 + lo);
      const fn = f(next);
      if (fn < 0) return { ok: true, a: { x, f: fx }, b: { x: next, f: fn } };
      x = next;
      fx = fn;
    } else {
      if (x <= lo) return { ok: false, side: "below", last: { x, f: fx } };
      const next = Math.max(lo, x / factor);
      const fn = next === lo && fLo !== undefined ? fLo : f(next);
      if (fn >= 0) return { ok: true, a: { x: next, f: fn }, b: { x, f: fx } };
      x = next;
      fx = fn;
    }
    factor = 1 + 1.25 * (factor - 1);
  }
  return { ok: false, side: fx >= 0 ? "above" : "below", last: { x, f: fx } };
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
 * @returns the root estimate (the end with the smaller |f| if the limit is reached)
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
