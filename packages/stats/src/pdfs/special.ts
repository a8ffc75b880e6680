/**
 * Special functions for the pdfs: erf, erfc with full relative precision in the tail, the
 * Faddeeva function w(z) (Weideman's rational approximation), and adaptive Gauss-Kronrod
 * quadrature. Numeric kernels: NaN in, NaN out; no exceptions.
 *
 * @packageDocumentation
 */

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);

/**
 * erf(x) for |x| < 2.5 by the positive series erf x = (2x/√π) e^{−x²} Σₙ (2x²)ⁿ / (1·3···(2n+1))
 * (no cancellation; AS1964 eq. 7.1.6), which converges to double precision.
 */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return TWO_OVER_SQRT_PI * x * Math.exp(-x2) * sum;
}

/**
 * erfc(x) for x ≥ 2.5 by the Laplace continued fraction
 * erfc x = (e^{−x²}/√π) · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) (AS1964 eq. 7.1.14), evaluated by
 * the modified Lentz method; e^{−x²} is split as e^{−h²} e^{−(x−h)(x+h)} with h = x rounded to
 * 1/16 so that the exponent keeps full relative precision.
 */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 5000; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const h = Math.round(x * 16) / 16;
  return (Math.exp(-h * h) * Math.exp(-(x - h) * (x + h)) * INV_SQRT_PI) / f;
}

/**
 * The error function erf(x) = (2/√π) ∫₀ˣ e^{−t²} dt: positive series below |x| = 2.5
 * (AS1964 eq. 7.1.6), 1 − erfc above; relative accuracy ~1e-15 (tested against mpmath).
 * @param x - argument (dimensionless)
 * @returns erf(x); NaN for NaN
 * @example
 * ```ts
 * erf(1); // 0.8427007929497149
 * ```
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax < 2.5) return erfSeries(x);
  const r = 1 - erfcContinuedFraction(ax);
  return x < 0 ? -r : r;
}

/**
 * The complementary error function erfc(x) = 1 − erf(x), with full relative precision in the
 * upper tail (continued fraction, AS1964 eq. 7.1.14), e.g. erfc(26) ≈ 5.66e-296.
 * @param x - argument (dimensionless)
 * @returns erfc(x) in [0, 2]; NaN for NaN
 * @example
 * ```ts
 * erfc(5); // 1.5374597944280349e-12
 * ```
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x >= 2.5) return erfcContinuedFraction(x);
  if (x > -2.5) return 1 - erfSeries(x);
  return 2 - erfcContinuedFraction(-x);
}

/**
 * Standard normal probability between a and b, Φ(b) − Φ(a), computed on the side of the mean
 * where it does not cancel (both bounds in one tail use erfc differences).
 */
export function normalProbability(a: number, b: number): number {
  const s = Math.SQRT1_2;
  if (a >= 0) return 0.5 * (erfc(a * s) - erfc(b * s));
  if (b <= 0) return 0.5 * (erfc(-b * s) - erfc(-a * s));
  return 0.5 * (erf(b * s) - erf(a * s));
}

// Weideman1994 (SIAM J. Numer. Anal. 31, 1497): w(z) ≈ 2 p(Z)/(L − iz)² + 1/(√π (L − iz)),
// Z = (L + iz)/(L − iz), p(Z) = Σ_{m=1}^{N} a_m Z^{m−1}, with a_m the Fourier coefficients of
// f(t) = e^{−t²}(L² + t²) on t = L tan(θ/2). N = 36 gives |error| ≲ 1e-13 in the upper half plane.
const W_N = 36;
const W_L = Math.sqrt(W_N / Math.SQRT2);
const W_COEF: Float64Array = (() => {
  const M = 2 * W_N;
  const M2 = 2 * M;
  const a = new Float64Array(W_N + 1);
  for (let m = 1; m <= W_N; m++) {
    let s = 0;
    for (let k = -M + 1; k <= M - 1; k++) {
      const t = W_L * Math.tan((k * Math.PI) / (2 * M));
      const f = Math.exp(-t * t) * (W_L * W_L + t * t);
      s += f * Math.cos((Math.PI * k * m) / M);
    }
    a[m] = s / M2;
  }
  return a;
})();

/**
 * The Faddeeva function w(z) = e^{−z²} erfc(−iz) for Im z ≥ 0, by Weideman1994's rational
 * approximation (N = 36): absolute error ≲ 1e-13 (tested against e^{y²} erfc(y), the Dawson
 * integral and the asymptotic form).
 * @param re - Re z
 * @param im - Im z ≥ 0 (the upper half plane, where the approximation holds)
 * @param out - receives [Re w, Im w]
 * @returns `out`
 * @example
 * ```ts
 * faddeeva(0, 1, new Float64Array(2)); // [e·erfc(1) ≈ 0.4275836, 0]
 * ```
 */
export function faddeeva(re: number, im: number, out: Float64Array): Float64Array {
  // L − iz = (L + im) − i re ; L + iz = (L − im) + i re
  const dr = W_L + im;
  const di = -re;
  const nr = W_L - im;
  const ni = re;
  const den = dr * dr + di * di;
  // Z = (L + iz)/(L − iz)
  const zr = (nr * dr + ni * di) / den;
  const zi = (ni * dr - nr * di) / den;
  // Horner: p = Σ a_m Z^{m−1}
  let pr = W_COEF[W_N]!;
  let pi = 0;
  for (let m = W_N - 1; m >= 1; m--) {
    const tr = pr * zr - pi * zi + W_COEF[m]!;
    pi = pr * zi + pi * zr;
    pr = tr;
  }
  // 1/(L − iz)
  const ir = dr / den;
  const ii = -di / den;
  // 1/(L − iz)²
  const i2r = ir * ir - ii * ii;
  const i2i = 2 * ir * ii;
  out[0] = 2 * (pr * i2r - pi * i2i) + INV_SQRT_PI * ir;
  out[1] = 2 * (pr * i2i + pi * i2r) + INV_SQRT_PI * ii;
  return out;
}

// Gauss-Kronrod 7-15 nodes and weights (QUADPACK qk15).
const XGK = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911,
  0.4058451513773972, 0.20778495500789848, 0,
];
const WGK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679,
  0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
];
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

function gk15(f: (x: number) => number, a: number, b: number, out: Float64Array): void {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const fc = f(c);
  let resk = fc * WGK[7]!;
  let resg = fc * WG[3]!;
  for (let j = 0; j < 7; j++) {
    const dx = h * XGK[j]!;
    const f1 = f(c - dx);
    const f2 = f(c + dx);
    resk += WGK[j]! * (f1 + f2);
    if (j % 2 === 1) resg += WG[(j - 1) / 2]! * (f1 + f2);
  }
  out[0] = resk * h;
  out[1] = Math.abs((resk - resg) * h);
}

/**
 * Adaptive Gauss-Kronrod (7-15) quadrature of f over [a, b] with `breaks` (interior points where
 * f has kinks or peaks) as initial subdivision; bisects the interval of largest error estimate
 * until the total estimate is below max(absTol, relTol |I|) (QUADPACK qk15 rule).
 * @param f - integrand
 * @param a - lower limit
 * @param b - upper limit (b < a gives −∫_b^a)
 * @param relTol - relative accuracy goal
 * @param absTol - absolute accuracy goal
 * @param breaks - interior points where f has kinks or peaks
 * @param maxIntervals - subdivision limit (the best estimate is returned when reached)
 * @returns the integral (NaN if f returns NaN)
 * @example
 * ```ts
 * integrate((x) => Math.exp(-x * x), 0, 10); // √π/2 ≈ 0.886227
 * ```
 */
export function integrate(
  f: (x: number) => number,
  a: number,
  b: number,
  relTol = 1e-12,
  absTol = 0,
  breaks: readonly number[] = [],
  maxIntervals = 2000,
): number {
  if (!(b > a)) return b === a ? 0 : -integrate(f, b, a, relTol, absTol, breaks, maxIntervals);
  const pts = [a, ...breaks.filter((x) => x > a && x < b).sort((x, y) => x - y), b];
  const lo: number[] = [];
  const hi: number[] = [];
  const val: number[] = [];
  const err: number[] = [];
  const tmp = new Float64Array(2);
  for (let i = 0; i + 1 < pts.length; i++) {
    gk15(f, pts[i]!, pts[i + 1]!, tmp);
    lo.push(pts[i]!);
    hi.push(pts[i + 1]!);
    val.push(tmp[0]!);
    err.push(tmp[1]!);
  }
  for (let iter = 0; iter < maxIntervals; iter++) {
    let total = 0;
    let totalErr = 0;
    let worst = 0;
    for (let i = 0; i < val.length; i++) {
      total += val[i]!;
      totalErr += err[i]!;
      if (err[i]! > err[worst]!) worst = i;
    }
    if (Number.isNaN(total)) return Number.NaN;
    if (totalErr <= Math.max(absTol, relTol * Math.abs(total))) return total;
    const m = 0.5 * (lo[worst]! + hi[worst]!);
    if (m <= lo[worst]! || m >= hi[worst]!) return total;
    gk15(f, m, hi[worst]!, tmp);
    lo.push(m);
    hi.push(hi[worst]!);
    val.push(tmp[0]!);
    err.push(tmp[1]!);
    gk15(f, lo[worst]!, m, tmp);
    hi[worst] = m;
    val[worst] = tmp[0]!;
    err[worst] = tmp[1]!;
  }
  return val.reduce((s, v) => s + v, 0);
}
