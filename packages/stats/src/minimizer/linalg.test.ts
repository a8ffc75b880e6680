import { createRandom } from "@muonphilic/random";
import { describe, expect, test } from "vitest";
import { invertSymmetric, symmetricEigenvalues } from "./linalg.js";

function randomSymmetric(n: number, seed: number, shift: number): Float64Array {
  const rng = createRandom(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = rng.normal();
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
    a[i * n + i] = a[i * n + i]! + shift;
  }
  return a;
}

describe("invertSymmetric", () => {
  test.each([1, 2, 5, 40])("A·A⁻¹ = I for a random symmetric %i × %i matrix (indefinite too)", (n) => {
    const a = randomSymmetric(n, 7 + n, n === 5 ? 0 : 2 * Math.sqrt(n));
    const inv = Float64Array.from(a);
    expect(invertSymmetric(inv, n, new Float64Array(3 * n))).toBe(true);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k]! * inv[k * n + j]!;
        // a condition number below ~1e3 keeps the residual within 1e4 ε
        expect(s).toBeCloseToRel(i === j ? 1 : 0, 0, 1e-11);
      }
    }
  });

  test("a singular matrix is reported", () => {
    const a = Float64Array.from([1, 2, 2, 4]);
    expect(invertSymmetric(a, 2, new Float64Array(6))).toBe(false);
  });
});

describe("symmetricEigenvalues", () => {
  test("known spectrum: Q diag(λ) Qᵀ with a Householder Q", () => {
    const n = 6;
    const lambda = [-3, -0.5, 1e-3, 1, 2, 10];
    const v = Float64Array.from([1, -2, 0.5, 3, -1, 0.25]);
    const vv = v.reduce((s, x) => s + x * x, 0);
    const q = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) q[i * n + j] = (i === j ? 1 : 0) - (2 * v[i]! * v[j]!) / vv;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += q[i * n + k]! * lambda[k]! * q[j * n + k]!;
        a[i * n + j] = s;
      }
    const d = new Float64Array(n);
    expect(symmetricEigenvalues(a, n, d, new Float64Array(n))).toBe(true);
    // backward-stable QL: absolute error ~ ε ‖A‖ = 1e-15 × 10
    expect(d).toBeCloseToRel(lambda, 0, 1e-13);
  });

  test("trace and determinant of a random 30 × 30 matrix are preserved", () => {
    const n = 30;
    const a = randomSymmetric(n, 3, 0);
    let trace = 0;
    let frob = 0;
    for (let i = 0; i < n; i++) trace += a[i * n + i]!;
    for (let i = 0; i < n * n; i++) frob += a[i]! * a[i]!;
    const d = new Float64Array(n);
    expect(symmetricEigenvalues(Float64Array.from(a), n, d, new Float64Array(n))).toBe(true);
    expect(d.reduce((s, x) => s + x, 0)).toBeCloseToRel(trace, 1e-12, 1e-12);
    expect(d.reduce((s, x) => s + x * x, 0)).toBeCloseToRel(frob, 1e-12);
    for (let i = 1; i < n; i++) expect(d[i]!).toBeGreaterThanOrEqual(d[i - 1]!);
  });
});
