/**
 * Extended unbinned maximum-likelihood fits of a model whose expected density is linear in its
 * parameters: λ(x; θ) = Σ_k θ_k φ_k(x), with fixed component shapes φ_k (the normalised signal
 * shape, and a polynomial background in the Legendre basis). The extended negative log-likelihood
 *
 *   NLL(θ) = Σ_k θ_k I_k − Σ_i w_i ln λ(x_i; θ)  [+ (θ_j − m)² / 2s² for a Gaussian constraint],
 *
 * with I_k = ∫ φ_k over the fit region and event weights w_i (1 for data; the expected density
 * times the quadrature weight for Asimov data), is convex in θ wherever every λ(x_i) > 0: it has
 * one minimum, which Newton's method with exact gradient and Hessian,
 *
 *   g_k = I_k − Σ_i w_i φ_k(x_i)/λ_i,   H_kl = Σ_i w_i φ_k(x_i) φ_l(x_i)/λ_i²,
 *
 * finds in a few iterations from any feasible start. This is a reparametrisation of the usual
 * (N_s, N_b, c₁, c₂) of RooFit/zfit fits (θ_0 = N_s; the background coefficients are linear
 * combinations of N_b and N_b c_k), so the maximum, the profile likelihood in N_s and the HESSE
 * error of N_s are the same whenever the maximum is inside the bounds. The covariance is the inverse of the exact Hessian (what
 * MINUIT's HESSE estimates by finite differences).
 *
 * The extended likelihood and its Asimov dataset follow CCGV2011 sec. 2 and eq. (24).
 *
 * @packageDocumentation
 */

/** The data of a linear extended fit: component densities at each event, weights and integrals. */
export interface LinearModel {
  /** Number of components (parameters). */
  readonly p: number;
  /** Number of events (or quadrature nodes). */
  readonly n: number;
  /** Component densities φ_k(x_i), row-major n × p, GeV⁻¹. */
  readonly phi: Float64Array;
  /** Event weights w_i, or `null` for unit weights. */
  readonly weights: Float64Array | null;
  /** ∫ φ_k over the fit region (dimensionless), length p. */
  readonly integrals: Float64Array;
  /** Lower bounds of the parameters (−∞ for none), used unless a fit passes its own. */
  readonly lowerBounds?: readonly number[];
}

/** A Gaussian constraint (θ_index − mean)² / (2 sigma²) added to the NLL. */
export interface GaussianConstraint {
  readonly index: number;
  readonly mean: number;
  readonly sigma: number;
}

/** Options of {@link fitLinear}. */
export interface LinearFitOptions {
  /** Starting values (length p); must give λ(x_i) > 0 at every event. */
  readonly start: Float64Array;
  /** Parameters held fixed at their start values (by index). */
  readonly fixed?: readonly number[];
  /** Optional Gaussian constraint on one parameter. */
  readonly constraint?: GaussianConstraint;
  /** Convergence: stop when the estimated distance to minimum gᵀH⁻¹g/2 is below this. */
  readonly edmTolerance?: number;
  /** Maximum Newton iterations. */
  readonly maxIterations?: number;
  /** Compute the covariance at the minimum (default true; profile fits inside limits skip it). */
  readonly covariance?: boolean;
  /**
   * Lower bounds (length p; −∞ for none). Bounds are handled by an active set: a parameter at its
   * bound whose gradient points outwards is held there (Karush–Kuhn–Tucker conditions).
   */
  readonly lowerBounds?: readonly number[];
}

/** Defaults of {@link fitLinear}. */
export const LINEAR_FIT_DEFAULTS = {
  /** Far below MINUIT's default (2e-3 × 0.1 × up), cheap here because the Hessian is exact. */
  edmTolerance: 1e-10,
  maxIterations: 60,
} as const;

/** The outcome of {@link fitLinear}; a failed fit has `converged: false` and its diagnostics. */
export interface LinearFitResult {
  /** Parameter values at the minimum (length p). */
  readonly theta: Float64Array;
  /** NLL at the minimum (without constant terms). */
  readonly nll: number;
  /** Estimated distance to minimum at the end. */
  readonly edm: number;
  /** Newton iterations used. */
  readonly iterations: number;
  /** True when the EDM went below tolerance with a positive-definite Hessian. */
  readonly converged: boolean;
  /** Covariance (p × p, row-major; zero rows/columns for fixed parameters), or `null` if singular. */
  readonly covariance: Float64Array | null;
  /** Free parameters held at their lower bound at the minimum. */
  readonly atBound: readonly number[];
  /** Why the fit stopped. */
  readonly reason: "converged" | "max-iterations" | "line-search-failed" | "singular-hessian" | "infeasible-start";
}

/**
 * NLL at θ, or +∞ if some λ(x_i) ≤ 0 (compensated sum of the log terms).
 * @param model - the data
 * @param theta - parameters
 * @param constraint - optional Gaussian constraint
 */
export function linearNll(model: LinearModel, theta: Float64Array, constraint?: GaussianConstraint): number {
  return evaluate(model, theta, constraint, null, null);
}

/**
 * One pass over the events: the NLL at θ (+∞ if some λ(x_i) ≤ 0) and, when `grad` and `hess` are
 * given, its gradient and Hessian (p × p, row-major). Unrolled for the scan's p = 3 and p = 4.
 */
function evaluate(
  model: LinearModel,
  theta: Float64Array,
  constraint: GaussianConstraint | undefined,
  grad: Float64Array | null,
  hess: Float64Array | null,
): number {
  const { p, n, phi, weights, integrals } = model;
  let nll = 0;
  for (let k = 0; k < p; k++) nll += theta[k]! * integrals[k]!;
  let sum = 0;
  let comp = 0;
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
    const derivs = grad !== null;
    for (let i = 0, row = 0; i < n; i++, row += p) {
      const f0 = phi[row]!;
      const f1 = phi[row + 1]!;
      const f2 = phi[row + 2]!;
      const f3 = four ? phi[row + 3]! : 0;
      const lam = t0 * f0 + t1 * f1 + t2 * f2 + t3 * f3;
      if (!(lam > 0)) return Number.POSITIVE_INFINITY;
      const w = weights === null ? 1 : weights[i]!;
      const term = w * Math.log(lam) - comp;
      const t = sum + term;
      comp = t - sum - term;
      sum = t;
      if (derivs) {
        const r = w / lam;
        const r2 = r / lam;
        g0 += r * f0;
        g1 += r * f1;
        g2 += r * f2;
        g3 += r * f3;
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
    if (grad !== null && hess !== null) {
      const g = [g0, g1, g2, g3];
      const h = [h00, h01, h02, h03, h01, h11, h12, h13, h02, h12, h22, h23, h03, h13, h23, h33];
      for (let k = 0; k < p; k++) {
        grad[k] = integrals[k]! - g[k]!;
        for (let l = 0; l < p; l++) hess[k * p + l] = h[k * 4 + l]!;
      }
    }
  } else {
    if (grad !== null && hess !== null) {
      for (let k = 0; k < p; k++) grad[k] = integrals[k]!;
      hess.fill(0);
    }
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
      if (grad !== null && hess !== null) {
        const r = w / lam;
        const r2 = r / lam;
        for (let k = 0; k < p; k++) {
          const fk = phi[row + k]!;
          grad[k] = grad[k]! - r * fk;
          const fk2 = r2 * fk;
          for (let l = k; l < p; l++) hess[k * p + l] = hess[k * p + l]! + fk2 * phi[row + l]!;
        }
      }
    }
    if (hess !== null) for (let k = 0; k < p; k++) for (let l = 0; l < k; l++) hess[k * p + l] = hess[l * p + k]!;
  }
  nll -= sum;
  if (constraint !== undefined) {
    const j = constraint.index;
    const s2 = constraint.sigma * constraint.sigma;
    const d = theta[j]! - constraint.mean;
    nll += (0.5 * d * d) / s2;
    if (grad !== null && hess !== null) {
      grad[j] = grad[j]! + d / s2;
      hess[j * p + j] = hess[j * p + j]! + 1 / s2;
    }
  }
  return nll;
}

/**
 * Cholesky solve of the free block: writes −H⁻¹g into `step` for free parameters (0 for fixed),
 * and H⁻¹ into `inv` when given. Returns false if the free block is not positive definite.
 */
function solveFree(
  p: number,
  free: readonly number[],
  hess: Float64Array,
  grad: Float64Array,
  step: Float64Array,
  inv: Float64Array | null,
): boolean {
  const m = free.length;
  const L = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b <= a; b++) {
      let s = hess[free[a]! * p + free[b]!]!;
      for (let c = 0; c < b; c++) s -= L[a * m + c]! * L[b * m + c]!;
      if (a === b) {
        if (!(s > 0)) return false;
        L[a * m + a] = Math.sqrt(s);
      } else L[a * m + b] = s / L[b * m + b]!;
    }
  }
  const solve = (rhs: Float64Array, out: Float64Array): void => {
    const y = new Float64Array(m);
    for (let a = 0; a < m; a++) {
      let s = rhs[a]!;
      for (let c = 0; c < a; c++) s -= L[a * m + c]! * y[c]!;
      y[a] = s / L[a * m + a]!;
    }
    for (let a = m - 1; a >= 0; a--) {
      let s = y[a]!;
      for (let c = a + 1; c < m; c++) s -= L[c * m + a]! * out[c]!;
      out[a] = s / L[a * m + a]!;
    }
  };
  const rhs = new Float64Array(m);
  const x = new Float64Array(m);
  for (let a = 0; a < m; a++) rhs[a] = -grad[free[a]!]!;
  solve(rhs, x);
  step.fill(0);
  for (let a = 0; a < m; a++) step[free[a]!] = x[a]!;
  if (inv !== null) {
    inv.fill(0);
    const e = new Float64Array(m);
    const col = new Float64Array(m);
    for (let b = 0; b < m; b++) {
      e.fill(0);
      e[b] = 1;
      solve(e, col);
      for (let a = 0; a < m; a++) inv[free[a]! * p + free[b]!] = col[a]!;
    }
  }
  return true;
}

/**
 * Minimises the extended NLL of a {@link LinearModel} by damped Newton iterations.
 * Never throws: a failure is a result with `converged: false` and its `reason`.
 * @param model - component densities at the events, weights and integrals
 * @param options - start values, fixed parameters, an optional Gaussian constraint
 * @returns the minimum, its NLL, EDM and covariance (inverse Hessian of the free parameters)
 */
export function fitLinear(model: LinearModel, options: LinearFitOptions): LinearFitResult {
  const p = model.p;
  const tol = options.edmTolerance ?? LINEAR_FIT_DEFAULTS.edmTolerance;
  const maxIt = options.maxIterations ?? LINEAR_FIT_DEFAULTS.maxIterations;
  const wantCov = options.covariance ?? true;
  const lb = options.lowerBounds ?? model.lowerBounds ?? null;
  const fixed = new Set(options.fixed ?? []);
  const free: number[] = [];
  for (let k = 0; k < p; k++) if (!fixed.has(k)) free.push(k);
  const theta = Float64Array.from(options.start);
  const grad = new Float64Array(p);
  const hess = new Float64Array(p * p);
  const gradTrial = new Float64Array(p);
  const hessTrial = new Float64Array(p * p);
  const step = new Float64Array(p);
  const trial = new Float64Array(p);
  const c = options.constraint;
  let work = free;
  // Invariant: grad and hess hold the derivatives at θ.
  let nll = evaluate(model, theta, c, grad, hess);
  const done = (reason: LinearFitResult["reason"], edm: number, it: number): LinearFitResult => {
    let covariance: Float64Array | null = null;
    if (wantCov && Number.isFinite(nll)) {
      const inv = new Float64Array(p * p);
      if (work.length === 0 || solveFree(p, work, hess, grad, step, inv)) covariance = inv;
    }
    const converged = reason === "converged" && (covariance !== null || !wantCov);
    const atBound = free.filter((k) => !work.includes(k));
    return { theta, nll, edm, iterations: it, converged, covariance, reason, atBound };
  };
  if (!Number.isFinite(nll) || (lb !== null && free.some((k) => theta[k]! < lb[k]!))) {
    return done("infeasible-start", Number.NaN, 0);
  }
  if (free.length === 0) return done("converged", 0, 0);
  let edm = Number.POSITIVE_INFINITY;
  for (let it = 1; it <= maxIt; it++) {
    // Active set: parameters at their lower bound that the gradient pushes below it (KKT), and
    // then those at the bound that the Newton step of the others would move below it.
    work = lb === null ? free : free.filter((k) => !(theta[k]! <= lb[k]! && grad[k]! >= 0));
    for (;;) {
      if (work.length === 0) return done("converged", 0, it);
      if (!solveFree(p, work, hess, grad, step, null)) return done("singular-hessian", edm, it);
      const out = lb === null ? [] : work.filter((k) => theta[k]! <= lb[k]! && step[k]! < 0);
      if (out.length === 0) break;
      work = work.filter((k) => !out.includes(k));
    }
    let slope = 0;
    for (const k of work) slope += grad[k]! * step[k]!;
    edm = -0.5 * slope;
    if (edm < tol) return done("converged", edm, it);
    // Longest step inside the bounds.
    let alpha = 1;
    let blocking = -1;
    if (lb !== null) {
      for (const k of work) {
        if (step[k]! < 0 && theta[k]! + step[k]! < lb[k]!) {
          const a = (lb[k]! - theta[k]!) / step[k]!;
          if (a < alpha) {
            alpha = a;
            blocking = k;
          }
        }
      }
    }
    const alphaBlock = alpha;
    const setTrial = (a: number): void => {
      for (let k = 0; k < p; k++) trial[k] = theta[k]! + a * step[k]!;
      // Land exactly on the bound that stops the step (no rounding below it).
      if (a === alphaBlock && blocking >= 0) trial[blocking] = lb![blocking]!;
    };
    // The first step is evaluated with its derivatives (accepted almost always) ...
    setTrial(alpha);
    let f = evaluate(model, trial, c, gradTrial, hessTrial);
    if (f <= nll + 1e-4 * alpha * slope) {
      theta.set(trial);
      grad.set(gradTrial);
      hess.set(hessTrial);
      nll = f;
      continue;
    }
    // ... else backtracking (Armijo), which also keeps every λ(x_i) > 0.
    let accepted = false;
    for (let h = 0; h < 60; h++) {
      alpha *= 0.5;
      setTrial(alpha);
      f = evaluate(model, trial, c, null, null);
      if (f <= nll + 1e-4 * alpha * slope) {
        theta.set(trial);
        nll = f;
        accepted = true;
        break;
      }
    }
    // No decrease at the level of rounding: we are at the minimum already.
    if (!accepted) return done(edm < 1e-6 ? "converged" : "line-search-failed", edm, it);
    evaluate(model, theta, c, grad, hess);
  }
  return done("max-iterations", edm, maxIt);
}
