import { describe, expect, it } from "vitest";
import vectors from "../test/fixtures/xoshiro128ss.json" with { type: "json" };
import { createRandom, logFactorial, restoreRandom } from "./random.js";

const fromState = (words: readonly number[]) =>
  restoreRandom({
    algorithm: "xoshiro128**",
    seed: 0,
    stream: 0,
    words: [words[0]!, words[1]!, words[2]!, words[3]!],
    spareNormal: null,
  });

/** Sample mean and variance. */
function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: (s2 - n * mean * mean) / (n - 1) };
}

describe("xoshiro128** core", () => {
  it("reproduces the reference C implementation bit for bit (state 1,2,3,4)", () => {
    const rng = fromState(vectors.state);
    const got = vectors.outputs.map(() => rng.nextUint32());
    expect(got).toEqual(vectors.outputs);
  });

  it("builds 53-bit doubles exactly as the reference", () => {
    const rng = fromState(vectors.state);
    expect(vectors.doubles.map(() => rng.uniform())).toEqual(vectors.doubles);
  });

  it("is deterministic for a seed and differs between seeds and streams", () => {
    const a = createRandom(2024);
    const b = createRandom(2024);
    const c = createRandom(2025);
    const d = createRandom(2024, 1);
    const xa = [a.uniform(), a.uniform()];
    expect([b.uniform(), b.uniform()]).toEqual(xa);
    expect(c.uniform()).not.toBe(xa[0]);
    expect(d.uniform()).not.toBe(xa[0]);
    expect(createRandom("scan").uniform()).toBe(createRandom("scan").uniform());
  });

  it("forks are reproducible and independent of how much the parent has drawn", () => {
    const p1 = createRandom(7);
    const p2 = createRandom(7);
    for (let i = 0; i < 100; i++) p2.uniform();
    expect(p1.fork(3).uniform()).toBe(p2.fork(3).uniform());
    expect(p1.fork(3).uniform()).not.toBe(p1.fork(4).uniform());
  });

  it("a restored state continues the stream exactly, including a cached normal", () => {
    const rng = createRandom(99);
    rng.normal();
    const snapshot = JSON.parse(JSON.stringify(rng.state()));
    const next = [rng.normal(), rng.uniform(), rng.poisson(20)];
    const again = restoreRandom(snapshot);
    expect([again.normal(), again.uniform(), again.poisson(20)]).toEqual(next);
  });
});

// Tolerances: a sample mean of N draws has standard error σ/√N; we allow 5 standard errors
// (false-failure probability 6e-7 per assertion, and the seeds are fixed anyway).
const N = 200_000;
const within = (got: number, expected: number, se: number) => expect(Math.abs(got - expected)).toBeLessThan(5 * se);

describe("distributions", () => {
  it("uniform: mean 1/2, variance 1/12, never 1", () => {
    const rng = createRandom(1);
    const m = moments(() => rng.uniform(), N);
    within(m.mean, 0.5, Math.sqrt(1 / 12 / N));
    within(m.variance, 1 / 12, Math.sqrt(1 / 180 / N));
  });

  it("normal: mean, variance and kurtosis", () => {
    const rng = createRandom(2);
    const xs = rng.fillNormal(new Float64Array(N), 3, 2);
    let s = 0;
    for (const x of xs) s += x;
    const mean = s / N;
    let s2 = 0;
    let s4 = 0;
    for (const x of xs) {
      const d = (x - mean) / 2;
      s2 += d * d;
      s4 += d ** 4;
    }
    within(mean, 3, 2 / Math.sqrt(N));
    within(s2 / N, 1, Math.sqrt(2 / N));
    within(s4 / N, 3, Math.sqrt(96 / N));
  });

  it.each([0.3, 4.5, 9.99, 10, 37, 1234.5])("poisson(%s): mean and variance equal the mean", (mu) => {
    const rng = createRandom(3);
    const m = moments(() => rng.poisson(mu), N);
    within(m.mean, mu, Math.sqrt(mu / N));
    // Var of the sample variance for Poisson: (μ + 2μ²)/N approximately.
    within(m.variance, mu, Math.sqrt((mu + 2 * mu * mu) / N));
  });

  it("poisson(4): frequencies of k = 0..8 match the pmf (χ² test)", () => {
    const rng = createRandom(4);
    const counts = new Array(9).fill(0);
    for (let i = 0; i < N; i++) {
      const k = rng.poisson(4);
      if (k < 9) counts[k]++;
    }
    let chi2 = 0;
    for (let k = 0; k < 9; k++) {
      const expected = N * Math.exp(-4 + k * Math.log(4) - logFactorial(k));
      chi2 += (counts[k] - expected) ** 2 / expected;
    }
    // 9 cells: χ² with ~9 dof; P(χ² > 33.7) = 1e-4.
    expect(chi2).toBeLessThan(33.7);
  });

  it.each([
    [10, 0.3],
    [1000, 0.02],
    [100000, 0.7],
  ])("binomial(%s, %s): mean np, variance np(1-p)", (n, p) => {
    const rng = createRandom(5);
    const m = moments(() => rng.binomial(n, p), N / 4);
    const v = n * p * (1 - p);
    within(m.mean, n * p, Math.sqrt(v / (N / 4)));
    within(m.variance, v, v * Math.sqrt(2 / (N / 4)) * 1.2);
  });

  it.each([0.4, 1, 7.5])("gamma(%s): mean k, variance k", (k) => {
    const rng = createRandom(6);
    const m = moments(() => rng.gamma(k), N);
    within(m.mean, k, Math.sqrt(k / N));
    within(m.variance, k, Math.sqrt((6 * k + 2 * k * k) / N));
  });

  it("exponential(2): mean 1/2", () => {
    const rng = createRandom(8);
    within(moments(() => rng.exponential(2), N).mean, 0.5, 0.5 / Math.sqrt(N));
  });

  it("integer(n) is uniform (χ² over 10 cells) and stays in range", () => {
    const rng = createRandom(9);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < N; i++) counts[rng.integer(10)]++;
    const chi2 = counts.reduce((acc, c) => acc + (c - N / 10) ** 2 / (N / 10), 0);
    expect(chi2).toBeLessThan(33.7); // χ²(9 dof), p = 1e-4
    expect(rng.integer(1)).toBe(0);
  });

  it("isotropic directions are unit vectors with <z> = 0 and <z²> = 1/3", () => {
    const rng = createRandom(10);
    const v = new Float64Array(3);
    let sz = 0;
    let sz2 = 0;
    for (let i = 0; i < N; i++) {
      rng.isotropic(v);
      expect(Math.abs(Math.hypot(v[0]!, v[1]!, v[2]!) - 1)).toBeLessThan(4 * Number.EPSILON);
      sz += v[2]!;
      sz2 += v[2]! ** 2;
    }
    within(sz / N, 0, Math.sqrt(1 / 3 / N));
    within(sz2 / N, 1 / 3, Math.sqrt(4 / 45 / N));
  });
});

describe("logFactorial", () => {
  it("matches direct sums below and above the table edge", () => {
    for (const k of [0, 1, 5, 20, 255, 256, 300, 1000]) {
      let direct = 0;
      for (let i = 2; i <= k; i++) direct += Math.log(i);
      expect(logFactorial(k)).toBeCloseToRel(direct, 1e-13, 1e-15);
    }
  });
});

describe("bad input", () => {
  it.each([
    [() => createRandom(-1), "seed"],
    [() => createRandom(1.5), "seed"],
    [() => createRandom(Number.NaN), "seed"],
    [() => createRandom(1, -2), "stream"],
    [() => createRandom(1).poisson(-1), "mean"],
    [() => createRandom(1).poisson(Number.POSITIVE_INFINITY), "mean"],
    [() => createRandom(1).binomial(10, 1.5), "p"],
    [() => createRandom(1).binomial(2.5, 0.5), "n"],
    [() => createRandom(1).gamma(0), "shape"],
    [() => createRandom(1).integer(0), "n"],
    [() => createRandom(1).fork(-1), "stream"],
  ])("%# throws a PhysError naming %s", (f, argument) => {
    expect(f).toThrowError(
      expect.objectContaining({ name: "PhysError", details: expect.objectContaining({ argument }) }),
    );
  });
});
