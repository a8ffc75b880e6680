/**
 * Dense symmetric-matrix kernels over row-major `Float64Array`s (n × n, both triangles stored).
 * Internal to the minimiser: no validation, no allocation in the hot routines.
 *
 * @packageDocumentation
 */

/** y = A x for a symmetric n × n matrix A (row-major). */
export function symMatVec(a: Float64Array, x: Float64Array, y: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) s += a[row + j]! * x[j]!;
    y[i] = s;
  }
}

/** xᵀ A x for a symmetric n × n matrix A. */
export function quadForm(a: Float64Array, x: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let t = 0;
    for (let j = 0; j < n; j++) t += a[row + j]! * x[j]!;
    s += x[i]! * t;
  }
  return s;
}

/** Dot product of the first n entries. */
export function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * In-place inverse of a symmetric n × n matrix by Gauss-Jordan elimination with diagonal
 * scaling and pivoting on the largest remaining diagonal element (the method of Minuit's
 * `mnvert`, which also handles indefinite matrices). `work` must hold at least 3n doubles.
 * @returns false if the matrix is singular (the content of `a` is then undefined)
 */
export function invertSymmetric(a: Float64Array, n: number, work: Float64Array): boolean {
  if (n === 0) return true;
  const scale = work.subarray(0, n);
  const done = work.subarray(n, 2 * n);
  for (let i = 0; i < n; i++) {
    const d = a[i * n + i]!;
    if (!(d !== 0) || !Number.isFinite(d)) return false;
    scale[i] = 1 / Math.sqrt(Math.abs(d));
    done[i] = 0;
  }
  for (let i = 0; i < n; i++) {
    const si = scale[i]!;
    for (let j = 0; j < n; j++) a[i * n + j] = a[i * n + j]! * si * scale[j]!;
  }
  // Gauss-Jordan sweep (symmetric pivoting): after sweeping every index, a holds -A^{-1}.
  for (let step = 0; step < n; step++) {
    let k = -1;
    let best = 0;
    for (let i = 0; i < n; i++) {
      if (done[i] === 0 && Math.abs(a[i * n + i]!) > best) {
        best = Math.abs(a[i * n + i]!);
        k = i;
      }
    }
    if (k < 0 || best < 1e-300) return false;
    done[k] = 1;
    const akk = a[k * n + k]!;
    const inv = 1 / akk;
    const rowK = k * n;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const aik = a[i * n + k]!;
      if (aik === 0) continue;
      const f = aik * inv;
      const rowI = i * n;
      for (let j = 0; j < n; j++) {
        if (j !== k) a[rowI + j] = a[rowI + j]! - f * a[rowK + j]!;
      }
    }
    for (let j = 0; j < n; j++) {
      if (j !== k) {
        a[rowK + j] = a[rowK + j]! * inv;
        a[j * n + k] = a[j * n + k]! * inv;
      }
    }
    a[rowK + k] = -inv;
  }
  for (let i = 0; i < n; i++) {
    const si = scale[i]!;
    for (let j = 0; j < n; j++) {
      const v = -a[i * n + j]! * si * scale[j]!;
      if (!Number.isFinite(v)) return false;
      a[i * n + j] = v;
    }
  }
  // symmetrise (rounding)
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const m = 0.5 * (a[i * n + j]! + a[j * n + i]!);
      a[i * n + j] = m;
      a[j * n + i] = m;
    }
  }
  return true;
}

/**
 * Eigenvalues of a symmetric n × n matrix (ascending), by Householder reduction to
 * tridiagonal form and the implicit QL algorithm (EISPACK tred2/tql2, eigenvalues only).
 * `a` is destroyed; `d` receives the eigenvalues; `e` is n doubles of workspace.
 * @returns false if the QL iteration did not converge
 */
export function symmetricEigenvalues(a: Float64Array, n: number, d: Float64Array, e: Float64Array): boolean {
  if (n === 0) return true;
  if (n === 1) {
    d[0] = a[0]!;
    return true;
  }
  // Householder tridiagonalisation (values only)
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1;
    let h = 0;
    let scale = 0;
    if (l > 0) {
      for (let k = 0; k <= l; k++) scale += Math.abs(a[i * n + k]!);
      if (scale === 0) {
        e[i] = a[i * n + l]!;
      } else {
        for (let k = 0; k <= l; k++) {
          const v = a[i * n + k]! / scale;
          a[i * n + k] = v;
          h += v * v;
        }
        let f = a[i * n + l]!;
        const g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
        e[i] = scale * g;
        h -= f * g;
        a[i * n + l] = f - g;
        f = 0;
        for (let j = 0; j <= l; j++) {
          let gg = 0;
          for (let k = 0; k <= j; k++) gg += a[j * n + k]! * a[i * n + k]!;
          for (let k = j + 1; k <= l; k++) gg += a[k * n + j]! * a[i * n + k]!;
          e[j] = gg / h;
          f += e[j]! * a[i * n + j]!;
        }
        const hh = f / (h + h);
        for (let j = 0; j <= l; j++) {
          const fj = a[i * n + j]!;
          const gj = e[j]! - hh * fj;
          e[j] = gj;
          for (let k = 0; k <= j; k++) a[j * n + k] = a[j * n + k]! - (fj * e[k]! + gj * a[i * n + k]!);
        }
      }
    } else {
      e[i] = a[i * n + l]!;
    }
    d[i] = h;
  }
  for (let i = 0; i < n; i++) d[i] = a[i * n + i]!;
  // QL with implicit shifts
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (iter++ === 60) return false;
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = Math.hypot(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        let f = s * e[i]!;
        const b = c * e[i]!;
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] = d[i + 1]! - p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - p;
        r = (d[i]! - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        f = 0;
      }
      if (r === 0 && i >= l) continue;
      d[l] = d[l]! - p;
      e[l] = g;
      e[m] = 0;
    }
  }
  const sorted = Array.from(d.subarray(0, n)).sort((x, y) => x - y);
  for (let i = 0; i < n; i++) d[i] = sorted[i]!;
  return true;
}
