/**
 * The real dilogarithm Li₂(x) = -∫₀ˣ ln(1 - t)/t dt (Jho2019 eq. (2.6) defines it so), for x ≤ 1.
 *
 * @packageDocumentation
 */

// Bernoulli numbers B_{2k}, k = 1..10: Li₂(x) = Σ_{n≥0} B_n u^{n+1}/(n+1)! with u = -ln(1 - x).
const B2K = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510, 43867 / 798, -174611 / 330];
const PI2_6 = (Math.PI * Math.PI) / 6;

// Coefficients B_{2k}/(2k+1)! of u^{2k+1}.
const COEF = B2K.map((b, i) => {
  let fact = 1;
  for (let j = 2; j <= 2 * (i + 1) + 1; j++) fact *= j;
  return b / fact;
});

/** Series in u = -ln(1 - x), |u| ≤ ln 2: converges like (u/2π)^{2k}; 10 terms reach 1e-20. */
function series(x: number): number {
  const u = -Math.log1p(-x);
  const u2 = u * u;
  let sum = 0;
  let p = u * u2;
  for (const c of COEF) {
    sum += c * p;
    p *= u2;
  }
  return u - u2 / 4 + sum;
}

/**
 * Real dilogarithm Li₂(x) for x ≤ 1 (Spence's function in the convention of Jho2019 eq. (2.6)).
 *
 * Reflections map x into [-1, 1/2], where the Bernoulli series in u = -ln(1 - x) converges fast
 * (Lewin1981 ch. 1):
 * Li₂(x) = π²/6 - ln x ln(1 - x) - Li₂(1 - x) for 1/2 < x ≤ 1, and
 * Li₂(x) = -π²/6 - ½ ln²(-x) - Li₂(1/x) for x < -1. Accuracy: a few ulp (tested against mpmath).
 *
 * @param x - the argument (dimensionless), x ≤ 1
 * @returns Li₂(x); `NaN` for x > 1 (complex there) or `NaN` input
 * @example
 * ```ts
 * dilog(1);   // π²/6 ≈ 1.6449340668
 * dilog(0.5); // π²/12 - ln²2/2 ≈ 0.5822405265
 * ```
 */
export function dilog(x: number): number {
  if (!(x <= 1)) return Number.NaN;
  if (x === 1) return PI2_6;
  if (x > 0.5) return PI2_6 - Math.log(x) * Math.log1p(-x) - series(1 - x);
  if (x >= -1) return series(x);
  const l = Math.log(-x);
  return -PI2_6 - 0.5 * l * l - series(1 / x);
}
