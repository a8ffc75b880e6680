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
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911,
  0.4058451513773972, 0.20778495500789848, 0,
];
const WGK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679,
  0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
];
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189];
const WG_CENTRE = 0.4179591836734694;

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
