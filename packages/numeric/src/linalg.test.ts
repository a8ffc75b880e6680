import { describe, expect, it } from "vitest";
import { cholesky, choleskySolve } from "./linalg.js";

/** The n × n Hilbert-like SPD matrix A_ij = 1/(i + j + 1) + δ_ij. */
function spd(n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = 1 / (i + j + 1) + (i === j ? 1 : 0);
  return a;
}

describe("cholesky", () => {
  it("factorises a 2 × 2 matrix by hand: [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]]", () => {
    const a = Float64Array.from([4, 2, 2, 3]);
    expect(cholesky(a, 2)).toBe(true);
    expect(a[0]).toBe(2);
    expect(a[2]).toBe(1);
    expect(a[3]).toBeCloseToRel(Math.SQRT2, Number.EPSILON);
  });
  it("L Lᵀ reproduces A and the solve inverts A x = b (residual at rounding level)", () => {
    const n = 12;
    const a = spd(n);
    const l = Float64Array.from(a);
    expect(cholesky(l, n)).toBe(true);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = 0; k <= j; k++) s += l[i * n + k]! * l[j * n + k]!;
        expect(s).toBeCloseToRel(a[i * n + j]!, 1e-15, 1e-16);
      }
    }
    const xTrue = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i] = b[i]! + a[i * n + j]! * xTrue[j]!;
    // the condition number of A is below 5: the solution is good to a few ε
    expect(Array.from(choleskySolve(l, n, b, new Float64Array(n)))).toBeCloseToRel(Array.from(xTrue), 0, 1e-14);
    // in place (x = b)
    expect(Array.from(choleskySolve(l, n, b, b))).toBeCloseToRel(Array.from(xTrue), 0, 1e-14);
  });
  it("fails on indefinite, singular and NaN matrices", () => {
    expect(cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toBe(false);
    expect(cholesky(Float64Array.from([1, 1, 1, 1]), 2)).toBe(false);
    expect(cholesky(Float64Array.from([Number.NaN, 0, 0, 1]), 2)).toBe(false);
    expect(cholesky(new Float64Array(0), 0)).toBe(true);
  });
});
