import {
  brent,
  chi2PValue,
  cholesky,
  choleskySolve,
  dilog,
  erfc,
  gaussLegendre,
  integrate,
  normalIsf,
  normalProbability,
  normalSf,
  poissonCdf,
} from "../index.js";

// Adaptive Gauss-Kronrod: a break point at the kink, then a narrow peak to 1e-12.
console.log(integrate((x) => Math.abs(x - 0.3), 0, 1, { breaks: [0.3] }).toFixed(12)); // 0.290000000000
console.log(integrate((x) => 1e-4 / (x * x + 1e-8), -1, 1, { rtol: 1e-12 }).toFixed(10)); // 3.1413926536
// A 5-point Gauss-Legendre rule is exact for x⁸ on [−1, 1] (2/9).
const { x, w } = gaussLegendre(5);
console.log(x.reduce((s, xi, i) => s + w[i]! * xi ** 8, 0).toFixed(15)); // 0.222222222222222

// The normal distribution in its tails: the 5σ p-value and back, Φ(6) − Φ(5), erfc(26).
console.log(normalSf(5).toExponential(6), normalIsf(2.866515718791939e-7).toFixed(9)); // 2.866516e-7 5.000000000
console.log(normalProbability(5, 6).toExponential(6), erfc(26).toExponential(4)); // 2.856650e-7 5.6632e-296

// p-values: χ² = 3.84 with one degree of freedom, P(N ≤ 2 | λ = 0.5).
console.log(chi2PValue(3.841458820694124, 1).toFixed(6), poissonCdf(2, 0.5).toFixed(6)); // 0.050000 0.985612

// Brent's method (cos x = x), Li₂(1) = π²/6, and a 2 × 2 Cholesky solve.
const f = (t: number): number => Math.cos(t) - t;
console.log(brent(f, { x: 0, f: f(0) }, { x: 1, f: f(1) }, 1e-15, 0).toFixed(15), dilog(1).toFixed(12)); // 0.739085133215161 1.644934066848
const a = Float64Array.from([4, 2, 2, 3]);
const ok = cholesky(a, 2);
console.log(ok, Array.from(choleskySolve(a, 2, [6, 5], new Float64Array(2)), (v) => v.toFixed(12)).join(" ")); // true 1.000000000000 1.000000000000
