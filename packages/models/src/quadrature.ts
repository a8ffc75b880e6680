/**
 * Adaptive Gauss-Kronrod quadrature (7-point Gauss, 15-point Kronrod), QUADPACK QAG style: the
 * interval with the largest error estimate is bisected until the summed estimate meets the
 * tolerance. Internal numerical kernel of the package (not exported from the index): returns
 * `NaN` if the integrand does, never throws.
 *
 * @packageDocumentation
 */

// Nodes and weights of the 15-point Kronrod rule and its embedded 7-point Gauss rule (QUADPACK qk15).
const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.58608723546769113029414483825873, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
];
const WGK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
const WG = [
  0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975,
];
const WG_CENTRE = 0.417959183673469387755102040816327;

/** Tolerances of {@link integrate}. */
export interface QuadratureOptions {
  /** Relative tolerance on the integral. */
  readonly rtol?: number;
  /** Absolute tolerance on the integral. */
  readonly atol?: number;
  /** Maximum number of subintervals. */
  readonly maxIntervals?: number;
}

interface Piece {
  a: number;
  b: number;
  value: number;
  error: number;
}

function gk15(f: (x: number) => number, a: number, b: number): Piece {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const fc = f(c);
  let kronrod = fc * (WGK[7] as number);
  let gauss = fc * WG_CENTRE;
  for (let j = 0; j < 7; j++) {
    const dx = h * (XGK[j] as number);
    const fs = f(c - dx) + f(c + dx);
    kronrod += (WGK[j] as number) * fs;
    if (j % 2 === 1) gauss += (WG[(j - 1) / 2] as number) * fs;
  }
  const value = kronrod * h;
  return { a, b, value, error: Math.abs((kronrod - gauss) * h) };
}

/**
 * ∫_a^b f(x) dx by adaptive Gauss-Kronrod 7-15.
 * @param f - the integrand
 * @param a - lower limit
 * @param b - upper limit (may be below `a`: the sign follows)
 * @param options - tolerances (default rtol 1e-11, atol 0, 400 intervals)
 * @returns the integral, or `NaN` if the integrand returned `NaN`
 */
export function integrate(f: (x: number) => number, a: number, b: number, options: QuadratureOptions = {}): number {
  if (a === b) return 0;
  const rtol = options.rtol ?? 1e-11;
  const atol = options.atol ?? 0;
  const maxIntervals = options.maxIntervals ?? 400;
  const pieces: Piece[] = [gk15(f, a, b)];
  let value = (pieces[0] as Piece).value;
  let error = (pieces[0] as Piece).error;
  while (error > Math.max(atol, rtol * Math.abs(value)) && pieces.length < maxIntervals) {
    let worst = 0;
    for (let i = 1; i < pieces.length; i++) {
      if ((pieces[i] as Piece).error > (pieces[worst] as Piece).error) worst = i;
    }
    const p = pieces[worst] as Piece;
    const mid = 0.5 * (p.a + p.b);
    if (mid === p.a || mid === p.b) break; // interval at machine resolution
    const left = gk15(f, p.a, mid);
    const right = gk15(f, mid, p.b);
    value += left.value + right.value - p.value;
    error += left.error + right.error - p.error;
    pieces[worst] = left;
    pieces.push(right);
  }
  if (!Number.isFinite(value)) return Number.NaN;
  // Re-sum to remove the round-off accumulated by the running updates.
  let sum = 0;
  for (const p of pieces) sum += p.value;
  return sum;
}

/**
 * ∫ f over consecutive breakpoints `points[0] < points[1] < ...`, each piece adaptively.
 * Used where the integrand has a known sharp feature (a collinear peak) inside the range.
 */
export function integratePieces(
  f: (x: number) => number,
  points: readonly number[],
  options: QuadratureOptions = {},
): number {
  let sum = 0;
  for (let i = 0; i + 1 < points.length; i++)
    sum += integrate(f, points[i] as number, points[i + 1] as number, options);
  return sum;
}
