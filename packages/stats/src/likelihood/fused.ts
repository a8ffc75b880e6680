/**
 * The fused extended NLL for components that are linear in fixed basis columns.
 *
 * @packageDocumentation
 */
import type { BoundShape, LinearForm } from "./shapes.js";

/** Block size of the blocked/compensated sums (naive inside a block, Neumaier across blocks). */
export const BLOCK = 256;

/** Gaussian constraint terms resolved to parameter indices. */
export interface ConstraintTerms {
  readonly idx: Int32Array;
  readonly mean: Float64Array;
  readonly invSigma: Float64Array;
}

/** ½ Σ ((θ − m)/σ)² over the constraint terms. */
export function constraintValue(cons: ConstraintTerms, x: Float64Array): number {
  let s = 0;
  for (let q = 0; q < cons.idx.length; q++) {
    const z = (x[cons.idx[q]!]! - cons.mean[q]!) * cons.invSigma[q]!;
    s += 0.5 * z * z;
  }
  return s;
}

/** Adds the constraint gradient (θ − m)/σ² into g. */
export function constraintGradient(cons: ConstraintTerms, x: Float64Array, g: Float64Array): void {
  for (let q = 0; q < cons.idx.length; q++) {
    const j = cons.idx[q]!;
    g[j] = g[j]! + (x[j]! - cons.mean[q]!) * cons.invSigma[q]! * cons.invSigma[q]!;
  }
}

/**
 * Value and gradient of the extended NLL when every component is linear in fixed basis columns
 * (fixed shapes, Chebyshev, Bernstein): μᵢ = Σₘ aₘ Bᵢₘ with aₘ = ν_k cₘ / I_k and I_k = Σ_{m∈k} cₘ Jₘ.
 * The value is one pass over a packed n × M matrix (one log per group of 8 events, groups summed
 * in blocks of 256, blocks combined with Neumaier's compensation); the gradient is one pass computing μᵢ, wᵢ = 1/μᵢ and
 * Sₘ = Σᵢ wᵢ Bᵢₘ together, then ∂/∂ν_k = 1 − W_k with W_k = Σ_{m∈k} cₘ Sₘ / I_k and
 * ∂/∂cₘ = −ν_k (Sₘ − W_k Jₘ)/I_k.
 */
export function fusedExtended(
  n: number,
  bound: readonly BoundShape[],
  yieldIdx: Int32Array,
  shapeIdx: readonly Int32Array[],
  cons: ConstraintTerms,
): { value: (x: Float64Array) => number; gradient: (x: Float64Array, g: Float64Array) => void } {
  const K = bound.length;
  const forms = bound.map((b) => b.linear as LinearForm);
  const M = forms.reduce((s, f) => s + f.columns.length, 0);
  const B = new Float64Array(n * M);
  const compOf = new Int32Array(M);
  const J = new Float64Array(M);
  const paramOf = new Int32Array(M);
  let m0 = 0;
  forms.forEach((f, k) => {
    f.columns.forEach((col, j) => {
      const m = m0 + j;
      for (let i = 0; i < n; i++) B[i * M + m] = col[i]!;
      compOf[m] = k;
      J[m] = f.integrals[j]!;
      const pj = f.parameterOf[j]!;
      paramOf[m] = pj < 0 ? -1 : shapeIdx[k]![pj]!;
    });
    m0 += f.columns.length;
  });
  const c = new Float64Array(M);
  const a = new Float64Array(M);
  const invI = new Float64Array(K);
  const S = new Float64Array(M);
  const W = new Float64Array(K);
  const weights = (x: Float64Array): boolean => {
    invI.fill(0);
    for (let m = 0; m < M; m++) {
      c[m] = paramOf[m]! < 0 ? 1 : x[paramOf[m]!]!;
      invI[compOf[m]!] = invI[compOf[m]!]! + c[m]! * J[m]!;
    }
    for (let k = 0; k < K; k++) {
      if (!(invI[k]! > 0)) return false;
      invI[k] = 1 / invI[k]!;
    }
    for (let m = 0; m < M; m++) a[m] = x[yieldIdx[compOf[m]!]!]! * c[m]! * invI[compOf[m]!]!;
    return true;
  };
  // Σ ln μᵢ over [start, end): μ of 8 consecutive events multiplied and one log taken per group
  // (the product's relative rounding ≤ 8 ε, i.e. ≤ 1e-15 absolute on the group's log, no worse than
  // 8 separate logs); a group with a μ ≤ 0 or a product outside [1e-290, 1e290] falls back to
  // per-event logs, so NaN for μ ≤ 0 and the full range are kept.
  const muAt = (i: number): number => {
    let mu = 0;
    const r = i * M;
    for (let m = 0; m < M; m++) mu += a[m]! * B[r + m]!;
    return mu;
  };
  const blockLogSum = (start: number, end: number): number => {
    let s = 0;
    let i = start;
    if (M === 2) {
      const a0 = a[0]!;
      const a1 = a[1]!;
      for (; i + 8 <= end; i += 8) {
        let p = 1;
        let mn = Number.POSITIVE_INFINITY;
        for (let j = i; j < i + 8; j++) {
          const mu = a0 * B[2 * j]! + a1 * B[2 * j + 1]!;
          p *= mu;
          mn = Math.min(mn, mu);
        }
        if (mn > 0 && p > 1e-290 && p < 1e290) s += Math.log(p);
        else for (let j = i; j < i + 8; j++) s += Math.log(muAt(j));
      }
    } else if (M === 3) {
      const a0 = a[0]!;
      const a1 = a[1]!;
      const a2 = a[2]!;
      for (; i + 8 <= end; i += 8) {
        let p = 1;
        let mn = Number.POSITIVE_INFINITY;
        for (let j = i; j < i + 8; j++) {
          const r = 3 * j;
          const mu = a0 * B[r]! + a1 * B[r + 1]! + a2 * B[r + 2]!;
          p *= mu;
          mn = Math.min(mn, mu);
        }
        if (mn > 0 && p > 1e-290 && p < 1e290) s += Math.log(p);
        else for (let j = i; j < i + 8; j++) s += Math.log(muAt(j));
      }
    } else if (M === 4) {
      const a0 = a[0]!;
      const a1 = a[1]!;
      const a2 = a[2]!;
      const a3 = a[3]!;
      for (; i + 8 <= end; i += 8) {
        let p = 1;
        let mn = Number.POSITIVE_INFINITY;
        for (let j = i; j < i + 8; j++) {
          const r = 4 * j;
          const mu = a0 * B[r]! + a1 * B[r + 1]! + a2 * B[r + 2]! + a3 * B[r + 3]!;
          p *= mu;
          mn = Math.min(mn, mu);
        }
        if (mn > 0 && p > 1e-290 && p < 1e290) s += Math.log(p);
        else for (let j = i; j < i + 8; j++) s += Math.log(muAt(j));
      }
    } else {
      for (; i + 8 <= end; i += 8) {
        let p = 1;
        let mn = Number.POSITIVE_INFINITY;
        for (let j = i; j < i + 8; j++) {
          const mu = muAt(j);
          p *= mu;
          mn = Math.min(mn, mu);
        }
        if (mn > 0 && p > 1e-290 && p < 1e290) s += Math.log(p);
        else for (let j = i; j < i + 8; j++) s += Math.log(muAt(j));
      }
    }
    for (; i < end; i++) s += Math.log(muAt(i));
    return s;
  };
  const value = (x: Float64Array): number => {
    if (!weights(x)) return Number.NaN;
    let total = 0;
    for (let k = 0; k < K; k++) total += x[yieldIdx[k]!]!;
    let sum = 0;
    let comp = 0;
    for (let start = 0; start < n; start += BLOCK) {
      const s = blockLogSum(start, Math.min(n, start + BLOCK));
      const t = sum + s;
      comp += Math.abs(sum) >= Math.abs(s) ? sum - t + s : s - t + sum;
      sum = t;
    }
    return total - (sum + comp) + constraintValue(cons, x);
  };
  const gradient = (x: Float64Array, g: Float64Array): void => {
    g.fill(0);
    if (!weights(x)) {
      g.fill(Number.NaN);
      return;
    }
    S.fill(0);
    if (M === 3) {
      const a0 = a[0]!;
      const a1 = a[1]!;
      const a2 = a[2]!;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const r = 3 * i;
        const b0 = B[r]!;
        const b1 = B[r + 1]!;
        const b2 = B[r + 2]!;
        const w = 1 / (a0 * b0 + a1 * b1 + a2 * b2);
        s0 += w * b0;
        s1 += w * b1;
        s2 += w * b2;
      }
      S[0] = s0;
      S[1] = s1;
      S[2] = s2;
    } else if (M === 4) {
      const a0 = a[0]!;
      const a1 = a[1]!;
      const a2 = a[2]!;
      const a3 = a[3]!;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < n; i++) {
        const r = 4 * i;
        const b0 = B[r]!;
        const b1 = B[r + 1]!;
        const b2 = B[r + 2]!;
        const b3 = B[r + 3]!;
        const w = 1 / (a0 * b0 + a1 * b1 + a2 * b2 + a3 * b3);
        s0 += w * b0;
        s1 += w * b1;
        s2 += w * b2;
        s3 += w * b3;
      }
      S[0] = s0;
      S[1] = s1;
      S[2] = s2;
      S[3] = s3;
    } else {
      for (let i = 0; i < n; i++) {
        const r = i * M;
        let mu = 0;
        for (let m = 0; m < M; m++) mu += a[m]! * B[r + m]!;
        const w = 1 / mu;
        for (let m = 0; m < M; m++) S[m] = S[m]! + w * B[r + m]!;
      }
    }
    W.fill(0);
    for (let m = 0; m < M; m++) W[compOf[m]!] = W[compOf[m]!]! + c[m]! * S[m]! * invI[compOf[m]!]!;
    for (let k = 0; k < K; k++) g[yieldIdx[k]!] = g[yieldIdx[k]!]! + 1 - W[k]!;
    for (let m = 0; m < M; m++) {
      const pj = paramOf[m]!;
      if (pj < 0) continue;
      const k = compOf[m]!;
      g[pj] = g[pj]! - x[yieldIdx[k]!]! * (S[m]! - W[k]! * J[m]!) * invI[k]!;
    }
    constraintGradient(cons, x, g);
  };
  return { value, gradient };
}
