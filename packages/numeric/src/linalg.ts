/**
 * Dense symmetric positive-definite linear algebra for small matrices (row-major
 * `Float64Array`s): the Cholesky factorisation A = L Lᵀ in place and the solution of A x = b with
 * its factor (Golub & Van Loan, Matrix Computations, 4th ed., alg. 4.2.1). Numeric kernels: a
 * matrix that is not positive definite is reported by the return value, never thrown.
 *
 * @packageDocumentation
 */

/**
 * In-place Cholesky factorisation of the symmetric n × n matrix `a` (row-major; only the lower
 * triangle is read): on success the lower triangle holds L with A = L Lᵀ (the strict upper
 * triangle is left as it was). Fails at the first non-positive (or `NaN`) pivot, which makes it a
 * test of positive definiteness at a sixth of the cost of the eigenvalues.
 * @param a - the matrix, n × n row-major; overwritten by L in its lower triangle
 * @param n - dimension
 * @returns true if A is (numerically) positive definite and `a` holds L
 * @example
 * ```ts
 * const a = Float64Array.from([4, 2, 2, 3]);
 * cholesky(a, 2); // true; a = [2, 2, 1, √2] (lower triangle: L = [[2, 0], [1, √2]])
 * ```
 */
export function cholesky(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let d = a[rowJ + j]!;
    for (let k = 0; k < j; k++) d -= a[rowJ + k]! * a[rowJ + k]!;
    if (!(d > 0)) return false;
    const l = Math.sqrt(d);
    a[rowJ + j] = l;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = a[rowI + j]!;
      for (let k = 0; k < j; k++) s -= a[rowI + k]! * a[rowJ + k]!;
      a[rowI + j] = s / l;
    }
  }
  return true;
}

/**
 * Solves L Lᵀ x = b by forward and back substitution with the factor from {@link cholesky}.
 * @param l - the factor (lower triangle of an n × n row-major array)
 * @param n - dimension
 * @param b - right-hand side, length n
 * @param x - receives the solution, length n (may be the same array as `b`)
 * @returns `x`
 * @example
 * ```ts
 * const a = Float64Array.from([4, 2, 2, 3]);
 * cholesky(a, 2);
 * choleskySolve(a, 2, [6, 5], new Float64Array(2)); // [1, 1]
 * ```
 */
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>, x: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[row + k]! * x[k]!;
    x[i] = s / l[row + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}
