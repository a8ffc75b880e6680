/**
 * Extended unbinned maximum-likelihood fit of a {@link LinearMixture}, λ(x; θ) = Σ_k θ_k f_k(x).
 * The extended negative log-likelihood (Barlow1990)
 *
 *   NLL(θ) = Σ_k θ_k I_k − Σ_i w_i ln λ(x_i; θ) + Σ_c (θ_{j_c} − m_c)² / 2s_c²
 *
 * (I_k = ∫ f_k over the fit region, event weights w_i, optional Gaussian constraints) is convex in
 * θ wherever every λ(x_i) > 0, so it has one minimum, which Newton's method with the exact
 * gradient and Hessian,
 *
 *   g_k = I_k − Σ_i w_i f_k(x_i)/λ_i,   H_kl = Σ_i w_i f_k(x_i) f_l(x_i)/λ_i²,
 *
 * finds in a few iterations from any feasible start. This is a reparametrisation of the usual
 * (N_s, N_b, c₁, …) of RooFit/zfit fits of yields and polynomial coefficients, so the maximum, the
 * profile likelihood in N_s and the HESSE error of N_s are the same whenever the maximum is inside
 * the constraints; the covariance is the inverse of the exact Hessian (what MINUIT's HESSE
 * estimates by finite differences).
 *
 * Linear inequality constraints, θ_k ≥ lower_k, θ_k ≤ upper_k and the non-negativity of the total
 * density at the mixture's check points Σ_k θ_k ψ_jk ≥ 0, are handled by a primal active-set
 * method (NocedalWright2006 sec. 16.5, with Newton steps on the
 * NLL): each step solves the Newton equations on the face of the active constraints (null-space
 * method), drops a constraint whose Lagrange multiplier is negative, and stops at the first
 * constraint it meets. At the minimum the Karush-Kuhn-Tucker conditions hold; the covariance is
 * the inverse Hessian on the face, Z (Zᵀ H Z)⁻¹ Zᵀ (zero in the constrained directions, as for a
 * parameter at a bound).
 *
 * @packageDocumentation
 */
import { cholesky, choleskySolve } from "@muonphilic/numeric";
import { argumentError, PhysError, requireAllFinite, requireInteger } from "@muonphilic/units";
import type { LinearMixture } from "./mixture.js";

/** A Gaussian constraint (θ_index − mean)² / (2 sigma²) added to the NLL. */
export interface LinearMixtureConstraint {
  /** Index of the constrained parameter. */
  readonly index: number;
  /** Mean (the auxiliary measurement), unit of θ. */
  readonly mean: number;
  /** Standard deviation, > 0. */
  readonly sigma: number;
}

/** Options of {@link fitLinearMixture}. */
export interface LinearMixtureFitOptions {
  /** Starting values (length p); must give λ(x_i) > 0 at every point and satisfy the constraints. */
  readonly start: ArrayLike<number>;
  /** Parameters held fixed at their start values (by index). */
  readonly fixed?: readonly number[];
  /** Gaussian constraints on parameters. */
  readonly constraints?: readonly LinearMixtureConstraint[];
  /** Lower bounds (length p) replacing the mixture's. */
  readonly lowerBounds?: ArrayLike<number>;
  /** Upper bounds (length p) replacing the mixture's. */
  readonly upperBounds?: ArrayLike<number>;
  /** Stop when the estimated distance to the minimum −gᵀd/2 is below this. @defaultValue {@link LINEAR_MIXTURE_DEFAULTS}.edmTolerance */
  readonly edmTolerance?: number;
  /** Maximum Newton iterations. @defaultValue {@link LINEAR_MIXTURE_DEFAULTS}.maxIterations */
  readonly maxIterations?: number;
  /** Compute the covariance at the minimum (profile fits skip it). Default true. */
  readonly covariance?: boolean;
}

/** Defaults of {@link fitLinearMixture}. */
export const LINEAR_MIXTURE_DEFAULTS = {
  /** Far below MINUIT's default (2e-3 × 0.1 × errordef), cheap here because the Hessian is exact. */
  edmTolerance: 1e-10,
  /** Newton iterations (a fit takes 3-8; each constraint met adds one). */
  maxIterations: 60,
} as const;

/** Why {@link fitLinearMixture} stopped. */
export type LinearMixtureFitReason =
  | "converged"
  | "max-iterations"
  | "line-search-failed"
  | "singular-hessian"
  | "infeasible-start";

/** The outcome of {@link fitLinearMixture}; a failed fit has `converged: false` and its diagnostics. */
export interface LinearMixtureFitResult {
  /** Parameter values at the minimum (length p). */
  readonly theta: Float64Array;
  /** NLL at the minimum (without the constant terms Σ ln w_i!), constraints included. */
  readonly nll: number;
  /** Estimated distance to the minimum at the end. */
  readonly edm: number;
  /** Newton iterations used. */
  readonly iterations: number;
  /** True when the EDM went below tolerance with a positive-definite Hessian on the active face. */
  readonly converged: boolean;
  /** Covariance (p × p row-major; zero rows/columns for fixed and constrained directions), or `null`. */
  readonly covariance: Float64Array | null;
  /** Free parameters held at a bound at the minimum. */
  readonly atBound: readonly number[];
  /** Positivity check points (row indices) where the total density is 0 at the minimum. */
  readonly activePositivity: readonly number[];
  /** Why the fit stopped. */
  readonly reason: LinearMixtureFitReason;
}

/**
 * The extended NLL of a mixture at θ (compensated sum of the log terms), or +∞ if some
 * λ(x_i) ≤ 0. The positivity check points are not tested (see {@link fitLinearMixture}).
 * @param mixture - the data
 * @param theta - parameters (length p)
 * @param constraints - Gaussian constraints
 * @returns NLL(θ) without constant terms
 * @example
 * ```ts
 * linearMixtureNll(data, fit.theta); // === fit.nll
 * ```
 */
export function linearMixtureNll(
  mixture: LinearMixture,
  theta: ArrayLike<number>,
  constraints: readonly LinearMixtureConstraint[] = [],
): number {
  return evaluateConstrained(mixture, theta, packConstraints(constraints), null, null);
}

/** {@link evaluate} plus the packed Gaussian constraints (+∞ stays +∞). */
export function evaluateConstrained(
  mixture: LinearMixture,
  theta: ArrayLike<number>,
  constraints: Float64Array,
  grad: Float64Array | null,
  hess: Float64Array | null,
): number {
  const nll = evaluate(mixture, theta, grad, hess);
  if (constraints.length === 0 || !Number.isFinite(nll)) return nll;
  return nll + gaussianTerms(theta, constraints, mixture.p, grad, hess);
}

/** No Gaussian constraint (see {@link packConstraints}). */
export const NO_CONSTRAINTS: Float64Array = new Float64Array(0);

/**
 * Gaussian constraints packed as [index, mean, σ] triplets: the hot loop reads one typed array
 * instead of objects in arrays whose hidden classes vary between callers.
 */
export function packConstraints(constraints: readonly LinearMixtureConstraint[]): Float64Array {
  if (constraints.length === 0) return NO_CONSTRAINTS;
  const packed = new Float64Array(3 * constraints.length);
  constraints.forEach((c, q) => {
    packed[3 * q] = c.index;
    packed[3 * q + 1] = c.mean;
    packed[3 * q + 2] = c.sigma;
  });
  return packed;
}

/**
 * One pass over the points: the NLL at θ (+∞ if some λ(x_i) ≤ 0) and, when `grad` is given, its
 * gradient, and when `hess` is given, its Hessian (p × p, row-major). Unrolled for p = 3 and p = 4 (a signal and
 * a linear or quadratic background), the resonance scan's hot loop.
 */
export function evaluate(
  mixture: LinearMixture,
  theta: ArrayLike<number>,
  grad: Float64Array | null,
  hess: Float64Array | null,
): number {
  const { p, n, phi, weights, integrals } = mixture;
  let nll = 0;
  for (let k = 0; k < p; k++) nll += theta[k]! * integrals[k]!;
  let sum = 0;
  let comp = 0;
  const wantGrad = grad !== null;
  const wantHess = hess !== null;
  const derivs = wantGrad || wantHess;
  if (p === 4 || p === 3) {
    const four = p === 4;
    const t0 = theta[0]!;
    const t1 = theta[1]!;
    const t2 = theta[2]!;
    const t3 = four ? theta[3]! : 0;
    let g0 = 0;
    let g1 = 0;
    let g2 = 0;
    let g3 = 0;
    let h00 = 0;
    let h01 = 0;
    let h02 = 0;
    let h03 = 0;
    let h11 = 0;
    let h12 = 0;
    let h13 = 0;
    let h22 = 0;
    let h23 = 0;
    let h33 = 0;
    for (let i = 0, row = 0; i < n; i++, row += p) {
      const f0 = phi[row]!;
      const f1 = phi[row + 1]!;
      const f2 = phi[row + 2]!;
      const f3 = four ? phi[row + 3]! : 0;
      const lam = t0 * f0 + t1 * f1 + t2 * f2 + t3 * f3;
      if (!(lam > 0)) return Number.POSITIVE_INFINITY;
      const w = weights === null ? 1 : weights[i]!;
      // Neumaier1974 compensated summation of the log terms
      const term = w * Math.log(lam) - comp;
      const t = sum + term;
      comp = t - sum - term;
      sum = t;
      if (derivs) {
        const r = w / lam;
        if (wantGrad) {
          g0 += r * f0;
          g1 += r * f1;
          g2 += r * f2;
          g3 += r * f3;
        }
        if (wantHess) {
          const r2 = r / lam;
          const a0 = r2 * f0;
          const a1 = r2 * f1;
          const a2 = r2 * f2;
          h00 += a0 * f0;
          h01 += a0 * f1;
          h02 += a0 * f2;
          h03 += a0 * f3;
          h11 += a1 * f1;
          h12 += a1 * f2;
          h13 += a1 * f3;
          h22 += a2 * f2;
          h23 += a2 * f3;
          h33 += r2 * f3 * f3;
        }
      }
    }
    if (grad !== null) {
      const g = [g0, g1, g2, g3];
      for (let k = 0; k < p; k++) grad[k] = integrals[k]! - g[k]!;
    }
    if (hess !== null) {
      const h = [h00, h01, h02, h03, h01, h11, h12, h13, h02, h12, h22, h23, h03, h13, h23, h33];
      for (let k = 0; k < p; k++) for (let l = 0; l < p; l++) hess[k * p + l] = h[k * 4 + l]!;
    }
  } else {
    if (grad !== null) for (let k = 0; k < p; k++) grad[k] = integrals[k]!;
    if (hess !== null) hess.fill(0);
    for (let i = 0; i < n; i++) {
      const row = i * p;
      let lam = 0;
      for (let k = 0; k < p; k++) lam += theta[k]! * phi[row + k]!;
      if (!(lam > 0)) return Number.POSITIVE_INFINITY;
      const w = weights === null ? 1 : weights[i]!;
      const term = w * Math.log(lam) - comp;
      const t = sum + term;
      comp = t - sum - term;
      sum = t;
      if (derivs) {
        const r = w / lam;
        if (grad !== null) for (let k = 0; k < p; k++) grad[k] = grad[k]! - r * phi[row + k]!;
        if (hess !== null) {
          const r2 = r / lam;
          for (let k = 0; k < p; k++) {
            const fk2 = r2 * phi[row + k]!;
            for (let l = k; l < p; l++) hess[k * p + l] = hess[k * p + l]! + fk2 * phi[row + l]!;
          }
        }
      }
    }
    if (hess !== null) for (let k = 0; k < p; k++) for (let l = 0; l < k; l++) hess[k * p + l] = hess[l * p + k]!;
  }
  nll -= sum;
  return nll;
}

/**
 * Σ_c (θ_{j_c} − m_c)²/2σ_c² of packed constraints, adding their derivatives to grad and hess when
 * given (kept out of `evaluate`'s loop, which most fits run without constraints).
 */
function gaussianTerms(
  theta: ArrayLike<number>,
  constraints: Float64Array,
  p: number,
  grad: Float64Array | null,
  hess: Float64Array | null,
): number {
  let sum = 0;
  for (let q = 0; q < constraints.length; q += 3) {
    const j = constraints[q]!;
    const s2 = constraints[q + 2]! * constraints[q + 2]!;
    const d = theta[j]! - constraints[q + 1]!;
    sum += (0.5 * d * d) / s2;
    if (grad !== null && hess !== null) {
      grad[j] = grad[j]! + d / s2;
      hess[j * p + j] = hess[j * p + j]! + 1 / s2;
    }
  }
  return sum;
}

/** Σ_k |ψ_jk| per row and max_j ψ_jk per column (null if some ψ_jk < 0) of positivity rows. */
interface RowStatistics {
  readonly rowAbs: Float64Array;
  readonly rowAbsMax: number;
  readonly columnMax: Float64Array | null;
}

/** Row statistics of a positivity array (computed when its `Constraints` are built, which are cached per array). */
function rowStatistics(rows: Float64Array, p: number): RowStatistics {
  const m = rows.length / p;
  const rowAbs = new Float64Array(m);
  let nonNegative = true;
  const columnMax = new Float64Array(p);
  for (let j = 0, o = 0; j < m; j++, o += p) {
    let a = 0;
    for (let k = 0; k < p; k++) {
      const v = rows[o + k]!;
      if (!(v >= 0)) nonNegative = false;
      a += Math.abs(v);
      if (v > columnMax[k]!) columnMax[k] = v;
    }
    rowAbs[j] = a;
  }
  let rowAbsMax = 0;
  for (let j = 0; j < m; j++) rowAbsMax = Math.max(rowAbsMax, rowAbs[j]!);
  return { rowAbs, rowAbsMax, columnMax: nonNegative ? columnMax : null };
}

/** Reusable constraint buffers, one per positivity array (see `Constraints.of`). */
const constraintsCache = new WeakMap<Float64Array, Constraints>();

/**
 * The linear inequality constraints a_c·θ ≥ b_c of a fit: the bounds of the free parameters
 * (a = ±e_k), then the positivity rows (a = ψ_j, b = 0). Slacks and directional derivatives of
 * all constraints are computed in tight loops over typed arrays (a window has ~250 rows).
 */
class Constraints {
  /** Number of bound constraints (first in the numbering). */
  nb = 0;
  /** Parameter of bound constraint c. */
  readonly bk: Int32Array;
  /** +1 for a lower bound, −1 for an upper bound. */
  readonly bs: Float64Array;
  /** The bound's value. */
  readonly bv: Float64Array;
  /** Number of positivity rows. */
  readonly m: number;
  /** Number of constraints (bounds, then rows). */
  count = 0;
  /** The free parameters of the current fit. */
  free: readonly number[] = [];
  /** a_c·θ − b_c at the current θ, and a bound on its scale Σ|a_ck θ_k| + |b_c| (for tolerances). */
  readonly slack: Float64Array;
  readonly scale: Float64Array;
  /** a_c·d for the current step, and a bound on Σ|a_ck d_k|. */
  readonly ad: Float64Array;
  readonly adScale: Float64Array;
  /** Σ_k |ψ_jk| of each positivity row, and their largest. */
  private readonly rowAbs: Float64Array;
  private readonly rowAbsMax: number;
  /** The row slacks are older than θ (only their lower bound `minRowSlack` is current). */
  rowsStale = false;
  /** max_j ψ_jk of each column when every ψ_jk ≥ 0 (densities), else null. */
  private readonly columnMax: Float64Array | null;
  /** The smallest slack of the positivity rows at the last `update`. */
  minRowSlack = Number.POSITIVE_INFINITY;
  /** Some constraint was active (slack ≤ 1e-12 of its scale) at the last `update`. */
  anyActive = false;
  /** Some constraint was violated beyond rounding (slack < −1e-9 of its scale) at the last `update`. */
  anyViolated = false;

  /** Buffers for the rows of a mixture with p components (at most 2p bounds). */
  constructor(
    readonly p: number,
    readonly rows: Float64Array,
  ) {
    this.m = rows.length / p;
    const size = 2 * p + this.m;
    this.bk = new Int32Array(2 * p);
    this.bs = new Float64Array(2 * p);
    this.bv = new Float64Array(2 * p);
    this.slack = new Float64Array(size);
    this.scale = new Float64Array(size);
    this.ad = new Float64Array(size);
    this.adScale = new Float64Array(size);
    const stats = rowStatistics(rows, p);
    this.rowAbs = stats.rowAbs;
    this.rowAbsMax = stats.rowAbsMax;
    this.columnMax = stats.columnMax;
  }

  /**
   * The constraints of one fit: bounds of the free parameters, then the rows. Instances are
   * cached per positivity array and reused by the fits of a model (fits never nest).
   */
  static of(
    p: number,
    rows: Float64Array,
    free: readonly number[],
    lower: ArrayLike<number>,
    upper: ArrayLike<number>,
  ): Constraints {
    let cons = constraintsCache.get(rows);
    if (cons === undefined || cons.p !== p) {
      cons = new Constraints(p, rows);
      constraintsCache.set(rows, cons);
    }
    let c = 0;
    for (const k of free) {
      if (lower[k]! > Number.NEGATIVE_INFINITY) {
        cons.bk[c] = k;
        cons.bs[c] = 1;
        cons.bv[c++] = lower[k]!;
      }
      if (upper[k]! < Number.POSITIVE_INFINITY) {
        cons.bk[c] = k;
        cons.bs[c] = -1;
        cons.bv[c++] = upper[k]!;
      }
    }
    cons.nb = c;
    cons.count = c + cons.m;
    cons.free = free;
    return cons;
  }

  /**
   * True when no positivity row can block the step d: with non-negative rows (densities),
   * a_j·d ≥ Σ_k max_j ψ_jk · min(d_k, 0) = −D for every row, so a step of length ≤ 1 keeps every
   * row above its slack − D ≥ min slack − D ≥ 0.
   */
  rowsCannotBlock(d: Float64Array): boolean {
    if (this.m === 0) return true;
    if (this.columnMax === null) return false;
    let reach = 0;
    for (let k = 0; k < this.p; k++) if (d[k]! < 0) reach -= this.columnMax[k]! * d[k]!;
    return this.minRowSlack > reach;
  }

  /**
   * Slacks at θ, with their scales bounded by Σ_k |ψ_jk| · max_k |θ_k| (the rows' own Σ|ψ θ| to a
   * factor ≤ p), and whether any constraint is active or violated (one pass over the rows).
   */
  update(theta: Float64Array): void {
    const { nb, p, rows, slack, scale } = this;
    this.updateBounds(theta);
    let active = this.anyActive;
    let violated = this.anyViolated;
    this.rowsStale = false;
    let tmax = 0;
    for (let k = 0; k < p; k++) tmax = Math.max(tmax, Math.abs(theta[k]!));
    let min = Number.POSITIVE_INFINITY;
    let minRatio = Number.POSITIVE_INFINITY;
    for (let j = 0, o = 0; j < this.m; j++, o += p) {
      let s = 0;
      for (let k = 0; k < p; k++) s += rows[o + k]! * theta[k]!;
      slack[nb + j] = s;
      if (s < min) min = s;
      const ratio = s / this.rowAbs[j]!;
      if (ratio < minRatio) minRatio = ratio;
    }
    this.minRowSlack = min;
    // rows: active when s ≤ 1e-12 Σ|ψ| max|θ|, violated when s < −1e-9 Σ|ψ| max|θ|
    if (minRatio <= 1e-12 * tmax) {
      active = true;
      for (let j = 0; j < this.m; j++) scale[nb + j] = this.rowAbs[j]! * tmax;
    }
    if (minRatio < -1e-9 * tmax) violated = true;
    this.anyActive = active;
    this.anyViolated = violated;
  }

  /** Slacks of the bounds at θ; sets `anyActive` and `anyViolated` from them. */
  private updateBounds(theta: Float64Array): void {
    const { nb, slack, scale } = this;
    let active = false;
    let violated = false;
    for (let c = 0; c < nb; c++) {
      const t = theta[this.bk[c]!]!;
      const s = this.bs[c]! * (t - this.bv[c]!);
      const a = Math.abs(t) + Math.abs(this.bv[c]!);
      slack[c] = s;
      scale[c] = a;
      if (s <= 1e-12 * a) active = true;
      if (s < -1e-9 * a) violated = true;
    }
    this.anyActive = active;
    this.anyViolated = violated;
  }

  /**
   * After a step θ ← θ + α d. With non-negative rows no row slack falls by more than
   * α Σ_k max_j ψ_jk max(−d_k, 0): while that bound keeps every row clear of its tolerance, only
   * the bounds are recomputed and the rows keep a lower bound of their smallest slack
   * (`rowsStale`); `update` recomputes them when a step could reach them.
   */
  advance(theta: Float64Array, d: Float64Array, alpha: number): void {
    if (this.m === 0 || this.columnMax === null) {
      this.update(theta);
      return;
    }
    let reach = 0;
    let tmax = 0;
    for (let k = 0; k < this.p; k++) {
      if (d[k]! < 0) reach -= this.columnMax[k]! * d[k]! * alpha;
      tmax = Math.max(tmax, Math.abs(theta[k]!));
    }
    const bound = this.minRowSlack - reach;
    if (!(bound > 1e-9 * this.rowAbsMax * tmax)) {
      this.update(theta);
      return;
    }
    this.updateBounds(theta);
    this.minRowSlack = bound;
    this.rowsStale = true;
  }

  /**
   * a_c·d for a step d in full coordinates (zero on fixed parameters), with the scale |a_c| max|d|
   * against which a_c·d is rounding; `rows` false skips the positivity rows. A bound's scale is
   * max|d| like a row's (not its own |d_k|): a component 1e-12 below the step, left by a check
   * row parallel to the bound in the working set, is rounding and must not stop the step at the
   * bound (which would repeat a zero step forever).
   */
  direction(d: Float64Array, withRows: boolean): void {
    const { nb, p, rows, ad, adScale } = this;
    let dmax = 0;
    for (let k = 0; k < p; k++) dmax = Math.max(dmax, Math.abs(d[k]!));
    for (let c = 0; c < nb; c++) {
      ad[c] = this.bs[c]! * d[this.bk[c]!]!;
      adScale[c] = dmax;
    }
    if (!withRows) {
      ad.fill(0, nb);
      return;
    }
    for (let j = 0, o = 0; j < this.m; j++, o += p) {
      let s = 0;
      for (let k = 0; k < p; k++) s += rows[o + k]! * d[k]!;
      ad[nb + j] = s;
      adScale[nb + j] = this.rowAbs[j]! * dmax;
    }
  }

  /** a_c restricted to the free parameters, written into out (length nf). */
  row(c: number, out: Float64Array): void {
    out.fill(0);
    if (c < this.nb) {
      out[this.free.indexOf(this.bk[c]!)] = this.bs[c]!;
      return;
    }
    const o = (c - this.nb) * this.p;
    for (let a = 0; a < this.free.length; a++) out[a] = this.rows[o + this.free[a]!]!;
  }
}

/**
 * Gram-Schmidt (twice, for stability) of r against an orthonormal basis; appends r/|r| and
 * returns true unless r is within 1e-10 |r| of the basis' span.
 */
function extendBasis(basis: Float64Array[], r: ArrayLike<number>): boolean {
  const v = Float64Array.from(r);
  const nf = v.length;
  let n0 = 0;
  for (let a = 0; a < nf; a++) n0 += v[a]! * v[a]!;
  for (let pass = 0; pass < 2; pass++) {
    for (const q of basis) {
      let s = 0;
      for (let a = 0; a < nf; a++) s += q[a]! * v[a]!;
      for (let a = 0; a < nf; a++) v[a] = v[a]! - s * q[a]!;
    }
  }
  let n1 = 0;
  for (let a = 0; a < nf; a++) n1 += v[a]! * v[a]!;
  if (!(n1 > 1e-20 * n0)) return false;
  const inv = 1 / Math.sqrt(n1);
  for (let a = 0; a < nf; a++) v[a] = v[a]! * inv;
  basis.push(v);
  return true;
}

/** Buffers of the unconstrained Newton step, reused across the iterations and fits. */
interface Workspace {
  readonly r: Float64Array;
  readonly l: Float64Array;
  readonly rg: Float64Array;
  readonly y: Float64Array;
}

/** Per-dimension buffers of a fit, reused by every fit of that dimension (fits never nest). */
interface Buffers {
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  readonly gradTrial: Float64Array;
  readonly hessTrial: Float64Array;
  readonly step: Float64Array;
  readonly trial: Float64Array;
  inWorking: Uint8Array;
}

const workspaces = new Map<number, Workspace>();
const buffers = new Map<number, Buffers>();

function workspaceFor(nf: number): Workspace {
  let ws = workspaces.get(nf);
  if (ws === undefined) {
    ws = {
      r: new Float64Array(nf * nf),
      l: new Float64Array(nf * nf),
      rg: new Float64Array(nf),
      y: new Float64Array(nf),
    };
    workspaces.set(nf, ws);
  }
  return ws;
}

function buffersFor(p: number, count: number): Buffers {
  let b = buffers.get(p);
  if (b === undefined) {
    b = {
      grad: new Float64Array(p),
      hess: new Float64Array(p * p),
      gradTrial: new Float64Array(p),
      hessTrial: new Float64Array(p * p),
      step: new Float64Array(p),
      trial: new Float64Array(p),
      inWorking: new Uint8Array(count),
    };
    buffers.set(p, b);
  }
  if (b.inWorking.length < count) b.inWorking = new Uint8Array(count);
  return b;
}

const NO_MULTIPLIERS = new Float64Array(0);

/** The Newton step on the face of the working set and its multipliers. */
interface FaceSolution {
  /** True if the reduced Hessian is positive definite (else the step used a shifted Hessian). */
  readonly positiveDefinite: boolean;
  /** Multipliers of the working-set constraints (same order). */
  readonly multipliers: Float64Array;
}

/** The solutions without constraints (no multipliers), shared. */
const FACE_PD: FaceSolution = { positiveDefinite: true, multipliers: NO_MULTIPLIERS };
const FACE_NOT_PD: FaceSolution = { positiveDefinite: false, multipliers: NO_MULTIPLIERS };

/**
 * Null-space Newton step on the face {d : a_c·d = 0, c ∈ W}: with Q an orthonormal basis of the
 * rows (free coordinates) and Z of their complement, d = −Z (Zᵀ H Z)⁻¹ Zᵀ g; multipliers from
 * A_W A_Wᵀ μ = A_W (g + H d). Without constraints Z is the identity: the plain Newton step on the
 * free block by Cholesky. Writes d (full coordinates) into `step`, and Z (Zᵀ H Z)⁻¹ Zᵀ into
 * `inverse` when given. A reduced Hessian that is not positive definite is shifted by
 * τ·max diag (τ = 1e-12, ×100 until positive definite) for the step only.
 * @returns the solution, or null if the rows are linearly dependent
 */
function solveFace(
  free: readonly number[],
  p: number,
  hess: Float64Array,
  grad: Float64Array,
  rows: readonly Float64Array[],
  step: Float64Array,
  inverse: Float64Array | null,
  ws: Workspace,
): FaceSolution | null {
  const nf = free.length;
  const w = rows.length;
  let z: Float64Array[] = [];
  if (w > 0) {
    const basis: Float64Array[] = [];
    for (const r of rows) if (!extendBasis(basis, r)) return null;
    for (let a = 0; a < nf && basis.length < nf; a++) {
      const e = new Float64Array(nf);
      e[a] = 1;
      if (extendBasis(basis, e)) z.push(basis[basis.length - 1]!);
    }
  } else z = [];
  const m = w === 0 ? nf : z.length;
  const r = w === 0 ? ws.r : new Float64Array(m * m);
  const rg = w === 0 ? ws.rg : new Float64Array(m);
  const l = w === 0 ? ws.l : new Float64Array(m * m);
  if (w === 0) {
    for (let c = 0; c < m; c++) {
      const row = free[c]! * p;
      for (let e = 0; e < m; e++) r[c * m + e] = hess[row + free[e]!]!;
      rg[c] = -grad[free[c]!]!;
    }
  } else {
    const hz = new Float64Array(nf * m);
    for (let a = 0; a < nf; a++) {
      for (let c = 0; c < m; c++) {
        let s = 0;
        for (let b = 0; b < nf; b++) s += hess[free[a]! * p + free[b]!]! * z[c]![b]!;
        hz[a * m + c] = s;
      }
    }
    for (let c = 0; c < m; c++) {
      for (let e = 0; e < m; e++) {
        let s = 0;
        for (let a = 0; a < nf; a++) s += z[c]![a]! * hz[a * m + e]!;
        r[c * m + e] = s;
      }
      let s = 0;
      for (let a = 0; a < nf; a++) s += z[c]![a]! * grad[free[a]!]!;
      rg[c] = -s;
    }
  }
  for (let i = 0; i < m * m; i++) l[i] = r[i]!;
  const positiveDefinite = cholesky(l, m);
  if (!positiveDefinite) {
    let diagMax = 0;
    for (let c = 0; c < m; c++) diagMax = Math.max(diagMax, Math.abs(r[c * m + c]!));
    let shift = 1e-12 * (diagMax > 0 ? diagMax : 1);
    let ok = false;
    for (let attempt = 0; attempt < 12 && !ok; attempt++, shift *= 100) {
      for (let i = 0; i < m * m; i++) l[i] = r[i]!;
      for (let c = 0; c < m; c++) l[c * m + c] = l[c * m + c]! + shift;
      ok = cholesky(l, m);
    }
    if (!ok) return { positiveDefinite: false, multipliers: new Float64Array(w).fill(Number.NaN) };
  }
  const y = w === 0 ? ws.y : new Float64Array(m);
  choleskySolve(l, m, rg, y);
  step.fill(0);
  if (w === 0) for (let a = 0; a < nf; a++) step[free[a]!] = y[a]!;
  else {
    for (let a = 0; a < nf; a++) {
      let s = 0;
      for (let c = 0; c < m; c++) s += z[c]![a]! * y[c]!;
      step[free[a]!] = s;
    }
  }
  if (inverse !== null) {
    inverse.fill(0);
    if (positiveDefinite) {
      const col = new Float64Array(m);
      const e = new Float64Array(m);
      for (let c = 0; c < m; c++) {
        e.fill(0);
        e[c] = 1;
        choleskySolve(l, m, e, col);
        // column c of R⁻¹, mapped to Z R⁻¹ Zᵀ
        for (let a = 0; a < nf; a++) {
          const zac = w === 0 ? (a === c ? 1 : 0) : z[c]![a]!;
          if (zac === 0) continue;
          for (let b = 0; b < nf; b++) {
            let s = 0;
            if (w === 0) s = col[b]!;
            else for (let d = 0; d < m; d++) s += z[d]![b]! * col[d]!;
            inverse[free[a]! * p + free[b]!] = inverse[free[a]! * p + free[b]!]! + zac * s;
          }
        }
      }
    }
  }
  if (w === 0) return positiveDefinite ? FACE_PD : FACE_NOT_PD;
  // Multipliers: A_W A_Wᵀ μ = A_W (g + H d), on the free coordinates.
  const multipliers = new Float64Array(w);
  const resid = new Float64Array(nf);
  for (let a = 0; a < nf; a++) {
    let s = grad[free[a]!]!;
    for (let b = 0; b < nf; b++) s += hess[free[a]! * p + free[b]!]! * step[free[b]!]!;
    resid[a] = s;
  }
  const gram = new Float64Array(w * w);
  const rhs = new Float64Array(w);
  for (let i = 0; i < w; i++) {
    for (let j = 0; j < w; j++) {
      let s = 0;
      for (let a = 0; a < nf; a++) s += rows[i]![a]! * rows[j]![a]!;
      gram[i * w + j] = s;
    }
    let s = 0;
    for (let a = 0; a < nf; a++) s += rows[i]![a]! * resid[a]!;
    rhs[i] = s;
  }
  if (cholesky(gram, w)) choleskySolve(gram, w, rhs, multipliers);
  else multipliers.fill(Number.NaN);
  return { positiveDefinite, multipliers };
}

function requireIndex(argument: string, k: number, p: number): void {
  requireInteger(argument, k, 0);
  if (k >= p) throw argumentError("OUT_OF_DOMAIN", argument, k, `< ${p}`);
}

function requireIndexList(argument: string, list: readonly number[] | undefined, p: number): readonly number[] {
  if (list === undefined) return [];
  list.forEach((k, i) => {
    requireIndex(`${argument}[${i}]`, k, p);
  });
  return list;
}

function requireLength(argument: string, values: ArrayLike<number>, p: number): void {
  if (values.length !== p) {
    throw new PhysError("INCOMPATIBLE_SHAPES", `${argument} must have ${p} entries, got ${values.length}`, {
      argument,
      value: values.length,
      allowed: `length ${p}`,
    });
  }
}

/**
 * Minimises the extended NLL of a {@link LinearMixture} by Newton's method with exact derivatives
 * under its bounds and positivity constraints (active set; see the module documentation).
 * Never throws for a numerical failure: that is a result with `converged: false` and its `reason`.
 * @param mixture - component densities at the points, weights, integrals, bounds, check points
 * @param options - start values, fixed parameters, Gaussian constraints, tolerances ({@link LinearMixtureFitOptions})
 * @returns the minimum, its NLL, EDM, covariance and the active constraints
 * @throws {@link PhysError} `INCOMPATIBLE_SHAPES` for a start or bounds of the wrong length,
 *   `INVALID_ARGUMENT`/`OUT_OF_DOMAIN` for non-finite starts, bad indices or σ ≤ 0
 * @example
 * ```ts
 * const fit = fitLinearMixture(data, { start: [0, 500, 500] });
 * fit.theta[0]; // the signal yield, fit.covariance[0] its variance
 * ```
 */
export function fitLinearMixture(mixture: LinearMixture, options: LinearMixtureFitOptions): LinearMixtureFitResult {
  const p = mixture.p;
  requireLength("options.start", options.start, p);
  requireAllFinite("options.start", options.start);
  const fixedList = requireIndexList("options.fixed", options.fixed, p);
  const constraints = options.constraints ?? [];
  constraints.forEach((c, i) => {
    requireIndex(`options.constraints[${i}].index`, c.index, p);
    if (!Number.isFinite(c.mean)) {
      throw argumentError("INVALID_ARGUMENT", `options.constraints[${i}].mean`, c.mean, "finite");
    }
    if (!(c.sigma > 0 && Number.isFinite(c.sigma))) {
      throw argumentError("OUT_OF_DOMAIN", `options.constraints[${i}].sigma`, c.sigma, "> 0");
    }
  });
  const lower = options.lowerBounds ?? mixture.lowerBounds;
  const upper = options.upperBounds ?? mixture.upperBounds;
  requireLength("options.lowerBounds", lower, p);
  requireLength("options.upperBounds", upper, p);
  const tol = options.edmTolerance ?? LINEAR_MIXTURE_DEFAULTS.edmTolerance;
  const maxIt = options.maxIterations ?? LINEAR_MIXTURE_DEFAULTS.maxIterations;
  const wantCov = options.covariance ?? true;

  const fixed = new Set(fixedList);
  const free: number[] = [];
  for (let k = 0; k < p; k++) if (!fixed.has(k)) free.push(k);
  const nf = free.length;
  const cons = Constraints.of(p, mixture.positivity, free, lower, upper);
  const { slack, scale, ad, adScale } = cons;
  const theta = Float64Array.from(options.start);
  const { grad, hess, gradTrial, hessTrial, step, trial, inWorking } = buffersFor(p, cons.count);
  const ws = workspaceFor(nf);
  inWorking.fill(0, 0, cons.count);

  // Invariant: grad and hess hold the derivatives at θ, cons the slacks at θ.
  const packed = packConstraints(constraints);
  let nll = evaluateConstrained(mixture, theta, packed, grad, hess);
  const working: number[] = [];
  const rows: Float64Array[] = [];
  let edm = Number.NaN;

  const done = (reason: LinearMixtureFitReason, it: number, positiveDefinite: boolean): LinearMixtureFitResult => {
    let covariance: Float64Array | null = null;
    if (wantCov && Number.isFinite(nll) && positiveDefinite) {
      const inv = new Float64Array(p * p);
      if (nf === 0 || solveFace(free, p, hess, grad, rows, step, inv, ws)?.positiveDefinite === true) covariance = inv;
    }
    const atBound: number[] = [];
    const activePositivity: number[] = [];
    for (const c of working) {
      if (c >= cons.nb) activePositivity.push(c - cons.nb);
      else if (!atBound.includes(cons.bk[c]!)) atBound.push(cons.bk[c]!);
    }
    atBound.sort((a, b) => a - b);
    const ok = reason === "converged" && positiveDefinite;
    return {
      theta,
      nll,
      edm,
      iterations: it,
      converged: ok && (covariance !== null || !wantCov),
      covariance,
      atBound,
      activePositivity,
      reason: reason === "converged" && !positiveDefinite ? "singular-hessian" : reason,
    };
  };

  cons.update(theta);
  if (cons.anyViolated) return done("infeasible-start", 0, false);
  if (!Number.isFinite(nll)) return done("infeasible-start", 0, false);
  if (nf === 0) {
    edm = 0;
    return done("converged", 0, true);
  }
  for (let it = 1; it <= maxIt; it++) {
    // Working set: the active constraints (slack at the rounding level of their terms),
    // independent ones only, smallest slack first.
    working.length = 0;
    rows.length = 0;
    if (cons.anyActive) {
      const candidates: number[] = [];
      for (let c = 0; c < cons.count; c++) if (slack[c]! <= 1e-12 * scale[c]!) candidates.push(c);
      candidates.sort((a, b) => slack[a]! - slack[b]!);
      const span: Float64Array[] = [];
      for (const c of candidates) {
        if (rows.length >= nf) break;
        const r = new Float64Array(nf);
        cons.row(c, r);
        if (!extendBasis(span, r)) continue;
        working.push(c);
        rows.push(r);
      }
    }
    // Drop the constraint with the most negative multiplier until all are ≥ 0 (KKT).
    let face = solveFace(free, p, hess, grad, rows, step, null, ws);
    for (;;) {
      if (face === null) return done("singular-hessian", it, false);
      let worst = -1;
      let gmax = 0;
      for (const k of free) gmax = Math.max(gmax, Math.abs(grad[k]!));
      let most = -1e-12 * (gmax > 0 ? gmax : 1);
      face.multipliers.forEach((mu, i) => {
        if (mu < most) {
          most = mu;
          worst = i;
        }
      });
      if (worst < 0) break;
      working.splice(worst, 1);
      rows.splice(worst, 1);
      face = solveFace(free, p, hess, grad, rows, step, null, ws);
    }
    for (const c of working) inWorking[c] = 1;
    let slope = 0;
    for (const k of free) slope += grad[k]! * step[k]!;
    edm = -0.5 * slope;
    if (face.positiveDefinite && edm < tol) return done("converged", it, true);
    if (!(slope < 0))
      return done(edm < 1e-6 && face.positiveDefinite ? "converged" : "line-search-failed", it, face.positiveDefinite);
    // Longest step inside the constraints not in the working set.
    let alpha = 1;
    let blocking = -1;
    let withRows = !cons.rowsCannotBlock(step);
    if (withRows && cons.rowsStale) {
      cons.update(theta);
      withRows = !cons.rowsCannotBlock(step);
    }
    cons.direction(step, withRows);
    for (let c = 0, last = withRows ? cons.count : cons.nb; c < last; c++) {
      // moving away from the constraint, or along it within rounding: it cannot block
      if (inWorking[c] === 1 || !(ad[c]! < -1e-12 * adScale[c]!)) continue;
      const a = Math.max(slack[c]!, 0) / -ad[c]!;
      if (a < alpha) {
        alpha = a;
        blocking = c;
      }
    }
    const alphaBlock = alpha;
    const setTrial = (a: number): void => {
      // a moving parameter stays within its bounds (a step component at the rounding level of the
      // step may cross one); fixed parameters (step 0) stay where they were put
      for (let k = 0; k < p; k++) {
        const v = theta[k]! + a * step[k]!;
        trial[k] = step[k] === 0 ? v : Math.min(upper[k]!, Math.max(lower[k]!, v));
      }
      // land exactly on a bound that stops the step (no rounding beyond it)
      if (a === alphaBlock && blocking >= 0 && blocking < cons.nb) trial[cons.bk[blocking]!] = cons.bv[blocking]!;
    };
    for (const c of working) inWorking[c] = 0;
    // The first step is evaluated with its derivatives (accepted almost always) ...
    setTrial(alpha);
    let f = evaluateConstrained(mixture, trial, packed, gradTrial, hessTrial);
    if (f <= nll + 1e-4 * alpha * slope) {
      theta.set(trial);
      grad.set(gradTrial);
      hess.set(hessTrial);
      nll = f;
      cons.advance(theta, step, alpha);
      continue;
    }
    // ... else backtracking (Armijo), which also keeps every λ(x_i) > 0.
    let accepted = false;
    for (let h = 0; h < 60; h++) {
      alpha *= 0.5;
      setTrial(alpha);
      f = evaluateConstrained(mixture, trial, packed, null, null);
      if (f <= nll + 1e-4 * alpha * slope) {
        theta.set(trial);
        nll = f;
        accepted = true;
        break;
      }
    }
    // No decrease at the level of rounding: we are at the minimum already.
    if (!accepted)
      return done(edm < 1e-6 && face.positiveDefinite ? "converged" : "line-search-failed", it, face.positiveDefinite);
    evaluateConstrained(mixture, theta, packed, grad, hess);
    cons.advance(theta, step, alpha);
  }
  return done("max-iterations", maxIt, false);
}
