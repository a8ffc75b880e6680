/**
 * The algorithms of MIGRAD and HESSE on a {@link Problem} in internal coordinates, after
 * Minuit2 (James & Winkler, Minuit2 user's guide; ROOT `math/minuit2`): the seed
 * (MnSeedGenerator), the parabolic line search (MnLineSearch), the Davidon rank-two update
 * (DavidonErrorUpdator), forced positive-definiteness (MnPosDef), the variable-metric loop
 * with its Hesse check (VariableMetricBuilder), and the numerical Hessian (MnHesse).
 *
 * @packageDocumentation
 */
import { cholesky } from "@muonphilic/numeric";
import { dot, invertSymmetric, quadForm, symMatVec, symmetricEigenvalues } from "./linalg.js";
import { EPS, EPS2, type Problem, STRATEGIES, type StrategySettings } from "./problem.js";
import type { CovarianceStatus, MinimizerResult, MinimizerStatus } from "./types.js";

/** The mutable state of a minimisation (internal coordinates; V = inverse Hessian, no 2·up factor). */
export class State {
  readonly x: Float64Array;
  readonly g: Float64Array;
  readonly g2: Float64Array;
  readonly gstep: Float64Array;
  readonly V: Float64Array;
  fval = Number.NaN;
  edm = Number.NaN;
  dcovar = 1;
  iterations = 0;
  covStatus: CovarianceStatus = "approximate";
  hesseCalled = false;
  // scratch
  readonly step: Float64Array;
  readonly xnew: Float64Array;
  readonly gnew: Float64Array;
  readonly dx: Float64Array;
  readonly dg: Float64Array;
  readonly vg: Float64Array;
  readonly work: Float64Array;
  readonly mat: Float64Array;

  constructor(nf: number) {
    this.x = new Float64Array(nf);
    this.g = new Float64Array(nf);
    this.g2 = new Float64Array(nf);
    this.gstep = new Float64Array(nf);
    this.V = new Float64Array(nf * nf);
    this.step = new Float64Array(nf);
    this.xnew = new Float64Array(nf);
    this.gnew = new Float64Array(nf);
    this.dx = new Float64Array(nf);
    this.dg = new Float64Array(nf);
    this.vg = new Float64Array(nf);
    this.work = new Float64Array(3 * nf);
    this.mat = new Float64Array(nf * nf);
  }
}

/** Gradient at s.x into (g, g2, gstep): analytic if available, else Minuit's numerical one. */
function gradientAt(p: Problem, x: Float64Array, fval: number, g: Float64Array, s: State, st: StrategySettings): void {
  if (p.hasGradient) p.analyticGradient(x, g);
  else p.numericalGradient(x, fval, g, s.g2, s.gstep, st);
}

/**
 * MnPosDef: makes a symmetric matrix positive definite in place (shift of negative diagonal,
 * then eigenvalues of the scaled matrix; if λmin ≤ max(1e-6, eps2)·λmax, the diagonal is
 * multiplied by 1 + 0.001 λmax − λmin).
 *
 * Fast path (ours, same outcome): the scaled matrix S has a unit diagonal, so when it is positive
 * definite λmax < tr S = n. If the Cholesky factorisation of S − c·I with c = epspdf·(n + 1)
 * succeeds, then λmin > c > epspdf·max(λmax, 1): the eigenvalue test would pass and leave the
 * matrix as it is. Cholesky costs n³/6 flops against ~4n³/3 for the eigenvalues (tred2 + QL);
 * only matrices that fail it take the eigenvalue route.
 * @returns true if the matrix was modified
 */
export function makePosDef(a: Float64Array, n: number, work: Float64Array, mat: Float64Array): boolean {
  if (n === 0) return false;
  const epspdf = Math.max(1e-6, EPS2);
  if (n === 1) {
    if (a[0]! < EPS) {
      a[0] = 1;
      return true;
    }
    return false;
  }
  let dgmin = a[0]!;
  for (let i = 1; i < n; i++) if (a[i * n + i]! < dgmin) dgmin = a[i * n + i]!;
  let dg = 0;
  if (dgmin <= 0) dg = 0.5 + epspdf - dgmin;
  const s = work.subarray(0, n);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = a[i * n + i]! + dg;
    if (a[i * n + i]! < 0) a[i * n + i] = 1;
    s[i] = 1 / Math.sqrt(a[i * n + i]!);
  }
  const scaled = (): void => {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) mat[i * n + j] = a[i * n + j]! * s[i]! * s[j]!;
  };
  scaled();
  const shift = epspdf * (n + 1);
  for (let i = 0; i < n; i++) mat[i * n + i] = mat[i * n + i]! - shift;
  if (cholesky(mat, n)) return dg !== 0;
  scaled();
  const d = work.subarray(n, 2 * n);
  const e = work.subarray(2 * n, 3 * n);
  if (!symmetricEigenvalues(mat, n, d, e)) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) a[i * n + j] = 0;
    return true;
  }
  const pmin = d[0]!;
  const pmax = Math.max(Math.abs(d[n - 1]!), 1);
  if (pmin > epspdf * pmax) return dg !== 0;
  const padd = 0.001 * pmax - pmin;
  for (let i = 0; i < n; i++) a[i * n + i] = a[i * n + i]! * (1 + padd);
  return true;
}

/** Parabola through three points; returns its minimum abscissa and curvature coefficient a. */
function parabola(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  x3: number,
  y3: number,
): { a: number; b: number; min: number } {
  const s12 = (y2 - y1) / (x2 - x1);
  const s13 = (y3 - y1) / (x3 - x1);
  const a = (s13 - s12) / (x3 - x2);
  const b = s12 - a * (x1 + x2);
  return { a, b, min: -b / (2 * a) };
}

/**
 * MnLineSearch: parabolic line search from s.x along s.step (gdel = gᵀ step < 0), first trial
 * at λ = 1. A non-finite value at λ = 1 halves the step (our addition; Minuit assumes finite f).
 * Returns the best λ, and writes [λ, f(λ)] into `out` (s.xnew is scratch).
 */
function lineSearch(p: Problem, s: State, gdel0: number, out: Float64Array): number {
  const n = p.nf;
  const x0 = s.x;
  const step = s.step;
  const xt = s.xnew;
  let gdel = gdel0;
  const evalAt = (lam: number): number => {
    for (let i = 0; i < n; i++) xt[i] = x0[i]! + lam * step[i]!;
    return p.value(xt);
  };
  let overal = 1000;
  let undral = -100;
  const toler = 0.05;
  let slamin = 0;
  const slambg = 5;
  const alpha = 2;
  const maxiter = 12;
  let niter = 1;
  const f0 = s.fval;
  let f1 = evalAt(1);
  niter++;
  for (let k = 0; k < 40 && !Number.isFinite(f1); k++) {
    for (let i = 0; i < n; i++) step[i] = 0.5 * step[i]!;
    gdel *= 0.5;
    f1 = evalAt(1);
  }
  for (let i = 0; i < n; i++) {
    if (step[i] === 0) continue;
    const ratio = Math.abs(x0[i]! / step[i]!);
    if (slamin === 0) slamin = ratio;
    if (ratio < slamin) slamin = ratio;
  }
  if (Math.abs(slamin) < EPS) slamin = EPS;
  slamin *= EPS2;
  let fvmin = f0;
  let xvmin = 0;
  if (f1 < f0) {
    fvmin = f1;
    xvmin = 1;
  }
  let toler8 = toler;
  let slamax = slambg;
  let flast = f1;
  let slam = 1;
  let iterate: boolean;
  let p0x = 0;
  let p0y = f0;
  let p1x = 1;
  let p1y = f1;
  let f2 = 0;
  const done = (): number => {
    out[0] = xvmin;
    out[1] = fvmin;
    return xvmin;
  };
  do {
    iterate = false;
    const denom = (2 * (flast - f0 - gdel * slam)) / (slam * slam);
    slam = denom !== 0 ? -gdel / denom : 1;
    if (!(slam >= 0)) slam = slamax;
    if (slam > slamax) slam = slamax;
    if (slam < toler8) slam = toler8;
    if (slam < slamin) return done();
    if (Math.abs(slam - 1) < toler8 && p1y < p0y) return done();
    if (Math.abs(slam - 1) < toler8) slam = 1 + toler8;
    f2 = evalAt(slam);
    niter++;
    for (let k = 0; k < 30 && !Number.isFinite(f2); k++) {
      slam = 0.5 * (slam + xvmin);
      f2 = evalAt(slam);
      niter++;
    }
    if (f2 < fvmin) {
      fvmin = f2;
      xvmin = slam;
    }
    if (Math.abs(p0y - fvmin) < Math.abs(fvmin) * EPS) {
      iterate = true;
      flast = f2;
      toler8 = toler * slam;
      overal = slam - toler8;
      slamax = overal;
      p1x = slam;
      p1y = flast;
    }
  } while (iterate && niter < maxiter);
  if (niter >= maxiter || !Number.isFinite(f2)) return done();
  let p2x = slam;
  let p2y = f2;
  do {
    slamax = Math.max(slamax, alpha * Math.abs(xvmin));
    const pb = Number.isFinite(p1y)
      ? parabola(p0x, p0y, p1x, p1y, p2x, p2y)
      : { a: Number.NaN, b: Number.NaN, min: Number.NaN };
    if (!Number.isFinite(pb.a)) {
      slam = 0.5 * (xvmin + (p1y > p2y ? p1x : p2x));
    } else if (pb.a < EPS2) {
      const slopem = 2 * pb.a * xvmin + pb.b;
      slam = slopem < 0 ? xvmin + slamax : xvmin - slamax;
    } else {
      slam = pb.min;
      if (slam > xvmin + slamax) slam = xvmin + slamax;
      if (slam < xvmin - slamax) slam = xvmin - slamax;
    }
    if (slam > 0) {
      if (slam > overal) slam = overal;
    } else if (slam < undral) slam = undral;
    if (Number.isNaN(slam)) return done();
    let f3 = 0;
    do {
      iterate = false;
      const toler9 = Math.max(toler8, Math.abs(toler8 * slam));
      if (Math.abs(p0x - slam) < toler9 || Math.abs(p1x - slam) < toler9 || Math.abs(p2x - slam) < toler9) {
        return done();
      }
      f3 = evalAt(slam);
      if (!(f3 <= p0y || f3 <= p1y || f3 <= p2y)) {
        if (slam > xvmin) overal = Math.min(overal, slam - toler8);
        if (slam < xvmin) undral = Math.max(undral, slam + toler8);
        slam = 0.5 * (slam + xvmin);
        iterate = true;
        niter++;
      }
    } while (iterate && niter < maxiter);
    if (niter >= maxiter) return done();
    if (p0y > p1y && p0y > p2y) {
      p0x = slam;
      p0y = f3;
    } else if (p1y > p0y && p1y > p2y) {
      p1x = slam;
      p1y = f3;
    } else {
      p2x = slam;
      p2y = f3;
    }
    if (f3 < fvmin) {
      fvmin = f3;
      xvmin = slam;
    } else {
      if (slam > xvmin) overal = Math.min(overal, slam - toler8);
      if (slam < xvmin) undral = Math.max(undral, slam + toler8);
    }
    niter++;
  } while (niter < maxiter);
  return done();
}

/**
 * Davidon-Fletcher-Powell rank-two update with the BFGS correction when δᵀγ > γᵀVγ
 * (Minuit2 DavidonErrorUpdator); updates s.V and s.dcovar. Skips the update when the
 * curvature δᵀγ is not positive (Minuit2 only warns), which keeps V positive definite.
 */
function davidonUpdate(s: State, n: number): void {
  const V = s.V;
  const dx = s.dx;
  const dg = s.dg;
  const vg = s.vg;
  const delgam = dot(dx, dg, n);
  if (!(delgam > 0)) return;
  symMatVec(V, dg, vg, n);
  const gvg = dot(dg, vg, n);
  if (!(gvg > 0)) return;
  const bfgs = delgam > gvg;
  let sumUpd = 0;
  let sumV = 0;
  for (let i = 0; i < n; i++) {
    const ai = dx[i]! / delgam - vg[i]! / gvg;
    for (let j = 0; j <= i; j++) {
      let u = (dx[i]! * dx[j]!) / delgam - (vg[i]! * vg[j]!) / gvg;
      if (bfgs) u += gvg * ai * (dx[j]! / delgam - vg[j]! / gvg);
      sumUpd += Math.abs(u);
      const v = V[i * n + j]! + u;
      V[i * n + j] = v;
      V[j * n + i] = v;
      sumV += Math.abs(v);
    }
  }
  s.dcovar = 0.5 * (s.dcovar + sumUpd / sumV);
}

/** Fills s.V with the diagonal seed 1/g2 (1 where |g2| ≤ eps2), dcovar = 1. */
function diagonalSeed(s: State, n: number): void {
  s.V.fill(0);
  for (let i = 0; i < n; i++) {
    const g2 = s.g2[i]!;
    s.V[i * n + i] = Math.abs(g2) > EPS2 ? 1 / g2 : 1;
  }
  s.dcovar = 1;
}

/**
 * NegativeG2LineSearch: while some g2 ≤ 0, line-search along that axis (downhill), then
 * recompute the gradient.
 */
function negativeG2Search(p: Problem, s: State, st: StrategySettings, out: Float64Array): void {
  const n = p.nf;
  for (let iter = 0; iter < 2 * n; iter++) {
    let k = -1;
    for (let i = 0; i < n; i++) {
      if (s.g2[i]! <= 0) {
        k = i;
        break;
      }
    }
    if (k < 0) return;
    s.step.fill(0);
    const gk = s.g[k]!;
    const stp = (gk > 0 ? -1 : 1) * s.gstep[k]!;
    s.step[k] = stp;
    const gdel = stp * gk;
    lineSearch(p, s, gdel, out);
    s.x[k] = s.x[k]! + out[0]! * s.step[k]!;
    s.fval = out[1]!;
    if (p.hasGradient) {
      p.analyticGradient(s.x, s.g);
      // refresh the curvature estimate along k from the numerical calculator
      p.numericalGradient(s.x, s.fval, s.gnew, s.g2, s.gstep, st);
    } else {
      p.numericalGradient(s.x, s.fval, s.g, s.g2, s.gstep, st);
    }
  }
}

/**
 * Diagonal second derivatives for the seed when the gradient is analytic: forward differences
 * g2ᵢ = (gᵢ(x + hᵢeᵢ) − gᵢ(x))/hᵢ with hᵢ = gstepᵢ (a tenth of the user step), n gradient calls.
 * Minuit2 seeds the analytic case with numerical second derivatives as well; without them the
 * metric starts from the user steps and MIGRAD needs about twice the iterations.
 */
function gradientCurvature(p: Problem, s: State): void {
  const n = p.nf;
  for (let i = 0; i < n; i++) {
    const xi = s.x[i]!;
    const h = s.gstep[i]!;
    s.x[i] = xi + h;
    p.analyticGradient(s.x, s.gnew);
    s.x[i] = xi;
    const g2 = (s.gnew[i]! - s.g[i]!) / h;
    if (Number.isFinite(g2) && g2 > 0) s.g2[i] = g2;
  }
  p.setExternal(s.x);
}

/** Result of {@link computeHesse}. */
export interface HesseOutcome {
  readonly ok: boolean;
  readonly status: CovarianceStatus;
}

/**
 * Second-derivative matrix at s.x, inverted into s.V (MnHesse). With an analytic gradient,
 * central differences of the gradient (step 1e-3 σᵢ, 2n gradient calls: truncation ~1e-6 H‴σ²/H, rounding ~1e-13 √N for an N-event NLL); otherwise Minuit's
 * numerical scheme: diagonal by iterated central second differences with the step at which
 * the sag is √eps2 (|f| + up), off-diagonal by forward differences. The matrix is made
 * positive definite if needed (status "forced-positive-definite").
 */
export function computeHesse(p: Problem, s: State, strategy: 0 | 1 | 2, maxfcn: number): HesseOutcome {
  const n = p.nf;
  const st = STRATEGIES[strategy];
  const H = s.mat;
  const x = s.x;
  const amin = p.value(x);
  s.fval = amin;
  if (!Number.isFinite(amin)) return { ok: false, status: "not-available" };
  if (p.hasGradient) {
    const gp = s.gnew;
    const gm = s.vg;
    // σᵢ estimate: from the current metric when it is positive, else from g2
    for (let i = 0; i < n; i++) {
      const vii = s.V[i * n + i]!;
      const sig = vii > 0 ? Math.sqrt(vii) : Math.abs(s.g2[i]!) > 0 ? 1 / Math.sqrt(Math.abs(s.g2[i]!)) : 1;
      let h = 1e-3 * sig;
      if (p.hasLimits(i)) h = Math.min(h, 0.05);
      h = Math.max(h, 8 * EPS2 * (Math.abs(x[i]!) + EPS2));
      const xi = x[i]!;
      x[i] = xi + h;
      p.analyticGradient(x, gp);
      x[i] = xi - h;
      p.analyticGradient(x, gm);
      x[i] = xi;
      for (let j = 0; j < n; j++) H[i * n + j] = (gp[j]! - gm[j]!) / (2 * h);
      s.gstep[i] = h;
    }
    p.analyticGradient(x, s.g);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        const m = 0.5 * (H[i * n + j]! + H[j * n + i]!);
        H[i * n + j] = m;
        H[j * n + i] = m;
      }
      s.g2[i] = H[i * n + i]!;
    }
  } else {
    const aimsag = Math.sqrt(EPS2) * (Math.abs(amin) + p.up);
    const yy = s.dx;
    const g2 = s.g2;
    const gst = s.gstep;
    for (let i = 0; i < n; i++) {
      const xtf = x[i]!;
      const dmin = 8 * EPS2 * (Math.abs(xtf) + EPS2);
      let d = Math.max(Math.abs(gst[i]!), dmin);
      for (let icyc = 0; icyc < st.hessCycles; icyc++) {
        let sag = 0;
        let fs1 = 0;
        let fs2 = 0;
        let found = false;
        for (let multpy = 0; multpy < 5; multpy++) {
          x[i] = xtf + d;
          fs1 = p.value(x);
          x[i] = xtf - d;
          fs2 = p.value(x);
          x[i] = xtf;
          sag = 0.5 * (fs1 + fs2 - 2 * amin);
          if (sag !== 0 && Number.isFinite(sag)) {
            found = true;
            break;
          }
          if (p.hasLimits(i)) {
            if (d > 0.5) break;
            d *= 10;
            if (d > 0.5) d = 0.51;
            continue;
          }
          d *= 10;
        }
        if (!found) {
          p.setExternal(x);
          return { ok: false, status: "not-available" };
        }
        const g2bfor = g2[i]!;
        g2[i] = (2 * sag) / (d * d);
        s.g[i] = (fs1 - fs2) / (2 * d);
        gst[i] = d;
        yy[i] = fs1;
        const dlast = d;
        d = Math.sqrt((2 * aimsag) / Math.abs(g2[i]!));
        if (p.hasLimits(i)) d = Math.min(0.5, d);
        if (d < dmin) d = dmin;
        if (Math.abs((d - dlast) / d) < st.hessStepTol) break;
        if (Math.abs((g2[i]! - g2bfor) / g2[i]!) < st.hessG2Tol) break;
        d = Math.min(d, 10 * dlast);
        d = Math.max(d, 0.1 * dlast);
      }
      H[i * n + i] = g2[i]!;
      if (p.nfcn > maxfcn) {
        p.setExternal(x);
        return { ok: false, status: "not-available" };
      }
    }
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      x[i] = xi + gst[i]!;
      for (let j = i + 1; j < n; j++) {
        const xj = x[j]!;
        x[j] = xj + gst[j]!;
        const fs1 = p.value(x);
        x[j] = xj;
        const elem = (fs1 + amin - yy[i]! - yy[j]!) / (gst[i]! * gst[j]!);
        H[i * n + j] = elem;
        H[j * n + i] = elem;
      }
      x[i] = xi;
    }
    p.setExternal(x);
  }
  for (let i = 0; i < H.length; i++) {
    if (!Number.isFinite(H[i]!)) return { ok: false, status: "not-available" };
  }
  s.V.set(H);
  const forced = makePosDef(s.V, n, s.work, H);
  if (!invertSymmetric(s.V, n, s.work)) {
    diagonalSeed(s, n);
    return { ok: false, status: "not-available" };
  }
  s.dcovar = 0;
  s.edm = 0.5 * quadForm(s.V, s.g, n);
  s.hesseCalled = true;
  const status: CovarianceStatus = forced ? "forced-positive-definite" : "accurate";
  s.covStatus = status;
  return { ok: true, status };
}

/** Settings of one MIGRAD run. */
export interface RunSettings {
  readonly strategy: 0 | 1 | 2;
  readonly tolerance: number;
  readonly maxfcn: number;
  /** End with a full HESSE (and iterate again from its metric while its EDM is above goal). */
  readonly finalHesse?: boolean;
}

/**
 * MIGRAD (VariableMetricBuilder) from the start point in p.ext. Leaves the final state in s.
 * After the variable-metric loop, HESSE runs when Minuit2 would (strategy 2, or strategy 1 with
 * dcovar > 0.05) or when `finalHesse` asks; if HESSE's EDM is above the goal, iteration resumes
 * from HESSE's metric (up to two more passes, call limit raised by 30 % each, as Minuit2).
 */
export function runMigrad(p: Problem, s: State, rs: RunSettings): MinimizerStatus {
  const n = p.nf;
  const st = STRATEGIES[rs.strategy];
  const edmGoal = 0.002 * rs.tolerance * p.up;
  const ls = new Float64Array(2);
  p.internalStart(s.x);
  s.fval = p.value(s.x);
  if (!Number.isFinite(s.fval)) return "invalid-function";
  // seed
  p.initialGradient(s.x, s.g, s.g2, s.gstep);
  if (p.hasGradient) {
    p.analyticGradient(s.x, s.g);
    gradientCurvature(p, s);
  } else p.numericalGradient(s.x, s.fval, s.g, s.g2, s.gstep, st);
  diagonalSeed(s, n);
  let hasNegG2 = false;
  for (let i = 0; i < n; i++) if (s.g2[i]! <= 0) hasNegG2 = true;
  if (hasNegG2) {
    negativeG2Search(p, s, st, ls);
    diagonalSeed(s, n);
  }
  if (rs.strategy === 2) computeHesse(p, s, 2, rs.maxfcn);
  s.edm = 0.5 * quadForm(s.V, s.g, n);
  let maxfcn = rs.maxfcn;
  let status: MinimizerStatus = "converged";
  for (let ipass = 0; ; ipass++) {
    let edm = s.edm * (1 + 3 * s.dcovar);
    while (edm > edmGoal && p.nfcn < maxfcn) {
      symMatVec(s.V, s.g, s.step, n);
      for (let i = 0; i < n; i++) s.step[i] = -s.step[i]!;
      if (dot(s.g, s.g, n) <= 0) break;
      let gdel = dot(s.step, s.g, n);
      if (gdel > 0) {
        makePosDef(s.V, n, s.work, s.mat);
        symMatVec(s.V, s.g, s.step, n);
        for (let i = 0; i < n; i++) s.step[i] = -s.step[i]!;
        gdel = dot(s.step, s.g, n);
        if (gdel > 0) return "not-pos-def";
      }
      lineSearch(p, s, gdel, ls);
      const lam = ls[0]!;
      const fnew = ls[1]!;
      if (Math.abs(fnew - s.fval) <= Math.abs(s.fval) * EPS) break;
      for (let i = 0; i < n; i++) {
        s.xnew[i] = s.x[i]! + lam * s.step[i]!;
        s.gnew[i] = s.g[i]!;
      }
      gradientAt(p, s.xnew, fnew, s.gnew, s, st);
      let e = 0.5 * quadForm(s.V, s.gnew, n);
      if (Number.isNaN(e)) return "invalid-function";
      if (e < 0) {
        makePosDef(s.V, n, s.work, s.mat);
        e = 0.5 * quadForm(s.V, s.gnew, n);
        if (e < 0) return "not-pos-def";
      }
      for (let i = 0; i < n; i++) {
        s.dx[i] = s.xnew[i]! - s.x[i]!;
        s.dg[i] = s.gnew[i]! - s.g[i]!;
      }
      davidonUpdate(s, n);
      s.x.set(s.xnew);
      s.g.set(s.gnew);
      s.fval = fnew;
      s.edm = e;
      s.iterations++;
      s.covStatus = "approximate";
      edm = e * (1 + 3 * s.dcovar);
    }
    if (p.nfcn >= maxfcn) {
      status = "call-limit";
      break;
    }
    let iterate = false;
    const current = s.hesseCalled && s.covStatus !== "approximate";
    if (rs.strategy >= 2 || (rs.strategy === 1 && s.dcovar > 0.05) || (rs.finalHesse && !current)) {
      const h = computeHesse(p, s, rs.strategy, maxfcn + rs.maxfcn);
      if (!h.ok) break;
      // HESSE's EDM is the accurate one: continue from its metric if it is above the goal
      if (s.edm > edmGoal && s.edm >= Math.abs(EPS2 * s.fval) && ipass < 2) iterate = true;
    }
    if (!iterate) break;
    maxfcn = Math.floor(rs.maxfcn * (1.3 + ipass));
  }
  p.setExternal(s.x);
  if (status === "converged" && s.edm > 10 * edmGoal && s.edm >= Math.abs(EPS2 * s.fval)) status = "above-max-edm";
  return status;
}

/** Builds the public result from a final state. */
export function buildResult(
  p: Problem,
  s: State,
  status: MinimizerStatus,
  rs: RunSettings,
  values: Float64Array,
): MinimizerResult {
  const N = p.n;
  const n = p.nf;
  const errors = new Float64Array(N);
  const cov = new Float64Array(N * N);
  const covAvailable = status !== "invalid-function" && status !== "no-free-parameters" && n > 0;
  const paramsAtLimit: string[] = [];
  if (covAvailable) {
    const twoUp = 2 * p.up;
    for (let i = 0; i < n; i++) {
      const ei = p.free[i]!;
      const di = p.dInt2Ext(i, s.x[i]!);
      for (let j = 0; j < n; j++) {
        const ej = p.free[j]!;
        cov[ei * N + ej] = twoUp * di * s.V[i * n + j]! * p.dInt2Ext(j, s.x[j]!);
      }
      const vii = s.V[i * n + i]!;
      errors[ei] = vii > 0 ? p.int2extError(i, s.x[i]!, Math.sqrt(twoUp * vii)) : Number.NaN;
      const v = values[ei]!;
      const e = errors[ei]!;
      if (p.hasLimits(i) && Math.min(v - p.lo[i]!, p.hi[i]! - v) < 0.5 * e) paramsAtLimit.push(p.names[ei]!);
    }
  }
  const covarianceStatus: CovarianceStatus = covAvailable ? s.covStatus : "not-available";
  return {
    valid: status === "converged" && covAvailable,
    status,
    names: p.names,
    fixed: p.fixedFlags,
    values,
    errors,
    covariance: cov,
    fval: s.fval,
    edm: s.edm,
    edmGoal: 0.002 * rs.tolerance * p.up,
    nfcn: p.nfcn,
    ngrad: p.ngrad,
    iterations: s.iterations,
    covarianceStatus,
    paramsAtLimit,
    errordef: p.up,
    strategy: rs.strategy,
    hesseCalled: s.hesseCalled,
  };
}
