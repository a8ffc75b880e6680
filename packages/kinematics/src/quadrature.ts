/**
 * Gauss-Legendre quadrature (internal): nodes and weights on [−1, 1] by Newton iteration on
 * Pₙ (Golub-Welsch-free, the classic recurrence), cached per order.
 *
 * @packageDocumentation
 */

const cache = new Map<number, { x: Float64Array; w: Float64Array }>();

/** Nodes and weights of the n-point Gauss-Legendre rule on [−1, 1]. */
export function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const hit = cache.get(n);
  if (hit !== undefined) return hit;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = 0;
      for (let k = 1; k <= n; k++) {
        const p2 = p1;
        p1 = p0;
        p0 = ((2 * k - 1) * z * p1 - (k - 1) * p2) / k;
      }
      dp = (n * (z * p0 - p1)) / (z * z - 1);
      const dz = p0 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x[i] = -z;
    x[n - 1 - i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
    w[n - 1 - i] = w[i]!;
  }
  const rule = { x, w };
  cache.set(n, rule);
  return rule;
}

/**
 * ∫ₐᵇ f(t) dt for integrands with square-root behaviour at both ends (phase-space widths):
 * t = a + (b − a) sin²u, u ∈ [0, π/2], makes the integrand smooth; then n-point Gauss-Legendre.
 */
export function integrateSqrtEndpoints(f: (t: number) => number, a: number, b: number, n = 64): number {
  const { x, w } = gaussLegendre(n);
  const half = Math.PI / 4;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const u = half * (x[i]! + 1);
    const su = Math.sin(u);
    const cu = Math.cos(u);
    s += w[i]! * f(a + (b - a) * su * su) * 2 * su * cu;
  }
  return s * half * (b - a);
}
