/**
 * One-dimensional quadrature: adaptive Gauss-Kronrod (7-15) in the global-subdivision style of
 * QUADPACK's QAG, the n-point Gauss-Legendre rule, and a Gauss-Legendre rule for integrands with
 * square-root behaviour at both ends (phase-space widths).
 *
 * Numeric kernels: a `NaN` from the integrand gives a `NaN` integral; they never throw, except
 * {@link gaussLegendre} for an order that is not a positive integer (a structural argument).
 *
 * @packageDocumentation
 */
import { requireInteger } from "@muonphilic/units";

// Nodes and weights of the 15-point Kronrod rule and its embedded 7-point Gauss rule on [−1, 1]
// (QUADPACK qk15, Piessens et al. 1983): XGK[1], XGK[3], XGK[5] and the centre are the Gauss nodes.
const XGK = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911,
  0.4058451513773972, 0.20778495500789848,
];
const WGK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679,
  0.19035057806478542, 0.20443294007529889,
];
const WGK_CENTRE = 0.20948214108472782;
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189];
const WG_CENTRE = 0.4179591836734694;

/** Tolerances and subdivision of {@link integrate}. */
export interface QuadratureOptions {
  /** Relative tolerance on the integral. @defaultValue {@link QUADRATURE_DEFAULTS}.rtol */
  readonly rtol?: number;
  /** Absolute tolerance on the integral (unit of f times unit of x). @defaultValue {@link QUADRATURE_DEFAULTS}.atol */
  readonly atol?: number;
  /** Interior points where f has kinks, peaks or discontinuities: the initial subdivision. */
  readonly breaks?: readonly number[];
  /** Largest number of subintervals; the best estimate so far is returned when it is reached. @defaultValue {@link QUADRATURE_DEFAULTS}.maxIntervals */
  readonly maxIntervals?: number;
}

/** Defaults of {@link integrate}. */
export const QUADRATURE_DEFAULTS = {
  /** Relative tolerance: 1e-10, ten times the rounding floor of a 15-point sum in most integrands. */
  rtol: 1e-10,
  /** No absolute tolerance. */
  atol: 0,
  /** 2000 subintervals (30 000 evaluations of f). */
  maxIntervals: 2000,
} as const;

/**
 * The rounding floor of a sum of Gauss-Kronrod estimates: 50 ε ∫|f| (QUADPACK qk15's floor of the
 * error estimate, `epmach * 50 * resabs`). Below it bisection only reshuffles rounding errors.
 */
const ROUNDING_FLOOR = 50 * Number.EPSILON;

/**
 * GK15 on [a, b]: writes the Kronrod estimate, |K − G| and the Kronrod estimate of ∫|f| into
 * out[o], out[o + 1], out[o + 2].
 */
function gk15(f: (x: number) => number, a: number, b: number, out: Float64Array, o: number): void {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const fc = f(c);
  let kronrod = fc * WGK_CENTRE;
  let gauss = fc * WG_CENTRE;
  let abs = Math.abs(fc) * WGK_CENTRE;
  for (let j = 0; j < 7; j++) {
    const dx = h * XGK[j]!;
    const f1 = f(c - dx);
    const f2 = f(c + dx);
    kronrod += WGK[j]! * (f1 + f2);
    abs += WGK[j]! * (Math.abs(f1) + Math.abs(f2));
    if (j % 2 === 1) gauss += WG[(j - 1) / 2]! * (f1 + f2);
  }
  out[o] = kronrod * h;
  out[o + 1] = Math.abs((kronrod - gauss) * h);
  out[o + 2] = abs * Math.abs(h);
}

/**
 * ∫ₐᵇ f(x) dx by adaptive Gauss-Kronrod 7-15 with global subdivision (QUADPACK QAG,
 * Piessens et al. 1983): [a, b] is first cut at `breaks`, then the subinterval with the largest
 * error estimate |K₁₅ − G₇| is bisected until the summed estimate is below max(atol, rtol |I|),
 * or below the rounding floor 50 ε ∫|f| of the sum, or an interval reaches machine resolution,
 * or `maxIntervals` is reached (the best estimate is returned). The final value is re-summed
 * from the subintervals, free of the round-off of the running updates.
 * @param f - the integrand (evaluated at interior points only: endpoint singularities are fine)
 * @param a - lower limit
 * @param b - upper limit; b < a gives −∫_b^a, b = a gives 0
 * @param options - tolerances, break points and the subdivision limit ({@link QuadratureOptions})
 * @returns the integral; `NaN` if f returns `NaN` or a limit is not finite
 * @example
 * ```ts
 * integrate((x) => Math.exp(-x * x), 0, 10); // √π/2 ≈ 0.886226925452758
 * integrate((x) => Math.abs(x - 0.3), 0, 1, { breaks: [0.3] }); // 0.29
 * ```
 */
export function integrate(f: (x: number) => number, a: number, b: number, options: QuadratureOptions = {}): number {
  if (!(Number.isFinite(a) && Number.isFinite(b))) return Number.NaN;
  if (a === b) return 0;
  if (b < a) return -integrate(f, b, a, options);
  const rtol = options.rtol ?? QUADRATURE_DEFAULTS.rtol;
  const atol = options.atol ?? QUADRATURE_DEFAULTS.atol;
  const maxIntervals = Math.max(1, options.maxIntervals ?? QUADRATURE_DEFAULTS.maxIntervals);
  const pts = [a];
  if (options.breaks !== undefined) {
    const inner = options.breaks.filter((x) => x > a && x < b).sort((x, y) => x - y);
    for (const x of inner) if (x > pts[pts.length - 1]!) pts.push(x);
  }
  pts.push(b);
  const capacity = Math.max(maxIntervals, pts.length - 1);
  // subinterval ends, and value, error and ∫|f| of each subinterval (interleaved), grown on demand
  let size = Math.min(capacity, Math.max(16, pts.length - 1));
  let lo = new Float64Array(size);
  let hi = new Float64Array(size);
  let est = new Float64Array(3 * size);
  let count = 0;
  let total = 0;
  let totalErr = 0;
  let totalAbs = 0;
  for (let i = 0; i + 1 < pts.length; i++, count++) {
    lo[count] = pts[i]!;
    hi[count] = pts[i + 1]!;
    gk15(f, pts[i]!, pts[i + 1]!, est, 3 * count);
    total += est[3 * count]!;
    totalErr += est[3 * count + 1]!;
    totalAbs += est[3 * count + 2]!;
  }
  while (count < capacity) {
    if (Number.isNaN(total) || Number.isNaN(totalErr)) return Number.NaN;
    if (totalErr <= Math.max(atol, rtol * Math.abs(total), ROUNDING_FLOOR * totalAbs)) break;
    let worst = 0;
    for (let i = 1; i < count; i++) if (est[3 * i + 1]! > est[3 * worst + 1]!) worst = i;
    const l = lo[worst]!;
    const h = hi[worst]!;
    const m = 0.5 * (l + h);
    if (m <= l || m >= h) break; // the interval is at machine resolution
    if (count === size) {
      size = Math.min(capacity, 2 * size);
      const grow = (a: Float64Array, n: number): Float64Array<ArrayBuffer> => {
        const b = new Float64Array(n);
        b.set(a);
        return b;
      };
      lo = grow(lo, size);
      hi = grow(hi, size);
      est = grow(est, 3 * size);
    }
    const w = 3 * worst;
    total -= est[w]!;
    totalErr -= est[w + 1]!;
    totalAbs -= est[w + 2]!;
    hi[worst] = m;
    gk15(f, l, m, est, w);
    lo[count] = m;
    hi[count] = h;
    gk15(f, m, h, est, 3 * count);
    total += est[w]! + est[3 * count]!;
    totalErr += est[w + 1]! + est[3 * count + 1]!;
    totalAbs += est[w + 2]! + est[3 * count + 2]!;
    count++;
  }
  let sum = 0;
  for (let i = 0; i < count; i++) sum += est[3 * i]!;
  return Number.isFinite(sum) ? sum : Number.NaN;
}

/** Nodes and weights of a quadrature rule on [−1, 1]. */
export interface QuadratureRule {
  /** Nodes in increasing order. */
  readonly x: Float64Array;
  /** Weights (Σ w = 2). */
  readonly w: Float64Array;
}

const legendreCache = new Map<number, QuadratureRule>();

/** [Pₙ(z), Pₙ′(z)] by the three-term recurrence (k Pₖ = (2k − 1) z Pₖ₋₁ − (k − 1) Pₖ₋₂), |z| < 1. */
function legendre(n: number, z: number): [number, number] {
  let p0 = 1;
  let p1 = 0;
  for (let k = 1; k <= n; k++) {
    const p2 = p1;
    p1 = p0;
    p0 = ((2 * k - 1) * z * p1 - (k - 1) * p2) / k;
  }
  return [p0, (n * (z * p0 - p1)) / (z * z - 1)];
}

/**
 * The n-point Gauss-Legendre rule on [−1, 1] (exact for polynomials of degree ≤ 2n − 1): the
 * nodes are the zeros of Pₙ, found by Newton's method from the Tricomi estimate
 * cos(π(i + 3/4)/(n + 1/2)) with Pₙ from the three-term recurrence; wᵢ = 2/((1 − xᵢ²) Pₙ′(xᵢ)²)
 * (AS1964 eq. 25.4.29). Rules are cached: the arrays are shared and must not be modified.
 * @param n - number of nodes, an integer ≥ 1
 * @returns nodes (increasing) and weights
 * @throws {@link PhysError} `INVALID_ARGUMENT` unless n is an integer ≥ 1
 * @example
 * ```ts
 * const { x, w } = gaussLegendre(2); // x = ∓1/√3, w = 1, 1
 * ```
 */
export function gaussLegendre(n: number): QuadratureRule {
  const hit = legendreCache.get(n);
  if (hit !== undefined) return hit;
  requireInteger("n", n, 1);
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let pn = legendre(n, z);
    for (let iter = 0; iter < 100; iter++) {
      const dz = pn[0] / pn[1];
      z -= dz;
      pn = legendre(n, z);
      if (Math.abs(dz) < 1e-16) break;
    }
    // the weight from Pₙ′ at the final node (not at the last Newton iterate)
    const dp = pn[1];
    x[i] = -z;
    x[n - 1 - i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
    w[n - 1 - i] = w[i]!;
  }
  if (n % 2 === 1) x[(n - 1) / 2] = 0;
  const rule = { x, w };
  legendreCache.set(n, rule);
  return rule;
}

/**
 * ∫ₐᵇ f(t) dt for integrands with square-root behaviour at both ends (two-body phase-space
 * widths, Dalitz boundaries): the substitution t = a + (b − a) sin²u, u ∈ [0, π/2], gives
 * dt = (b − a) sin 2u du and removes the √ singularities; then the n-point Gauss-Legendre rule.
 * @param f - the integrand
 * @param a - lower limit
 * @param b - upper limit
 * @param n - Gauss-Legendre order (default 64)
 * @returns the integral (`NaN` if f returns `NaN`)
 * @throws {@link PhysError} `INVALID_ARGUMENT` unless n is an integer ≥ 1
 * @example
 * ```ts
 * integrateSqrtEndpoints((t) => Math.sqrt(t * (1 - t)), 0, 1); // π/8 ≈ 0.392699
 * ```
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
