/**
 * A small adaptive Gauss-Kronrod (7-15) quadrature for the package's one-dimensional integrals
 * (internal; the error estimate is |K15 − G7|, intervals bisected until below their share of the
 * tolerance, the rounding floor of their own estimate, or the depth limit).
 *
 * @packageDocumentation
 */

const XK = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911,
  0.4058451513773972, 0.20778495500789848, 0,
];
const WK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679,
  0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
];
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

function kronrod(f: (x: number) => number, a: number, b: number): [number, number] {
  const c = (a + b) / 2;
  const h = (b - a) / 2;
  const fc = f(c);
  let k = (WK[7] as number) * fc;
  let g = (WG[3] as number) * fc;
  for (let j = 0; j < 7; j++) {
    const d = h * (XK[j] as number);
    const s = f(c - d) + f(c + d);
    k += (WK[j] as number) * s;
    if (j % 2 === 1) g += (WG[(j - 1) / 2] as number) * s;
  }
  return [k * h, Math.abs((k - g) * h)];
}

/**
 * ∫ₐᵇ f(x) dx, adaptive Gauss-Kronrod 7-15.
 * @param f - the integrand (finite on (a, b))
 * @param a - lower bound
 * @param b - upper bound
 * @param rtol - relative tolerance (default 1e-10)
 * @param maxDepth - bisection depth limit (default 30)
 */
export function integrate(f: (x: number) => number, a: number, b: number, rtol = 1e-10, maxDepth = 30): number {
  if (!(b > a)) return 0;
  const [whole, err] = kronrod(f, a, b);
  const tol = Math.max(rtol * Math.abs(whole), 1e-300);
  const rec = (lo: number, hi: number, est: number, e: number, depth: number, t: number): number => {
    // stop at the tolerance, at the rounding floor of the interval's own estimate, or at the depth limit
    if (e <= t || e <= 1e-14 * Math.abs(est) || depth >= maxDepth) return est;
    const mid = (lo + hi) / 2;
    const [l, el] = kronrod(f, lo, mid);
    const [r, er] = kronrod(f, mid, hi);
    return rec(lo, mid, l, el, depth + 1, t / 2) + rec(mid, hi, r, er, depth + 1, t / 2);
  };
  return rec(a, b, whole, err, 0, tol);
}
