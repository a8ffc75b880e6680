import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import {
  closeToyWorkers,
  countingUpperLimit,
  linearMixtureMinimizer,
  type Objective,
  poissonUpperLimit,
  type ToyLikelihood,
  toyHypotest,
  toyUpperLimit,
  type Workspace,
} from "../../src/index.js";
import counting from "../fixtures/counting.json" with { type: "json" };

// Toy CLs converges to the exact Poisson CLs for a counting experiment and to the asymptotic CLs at
// large counts (shared/reference/stats/counting.json). Every toy study is seeded; tolerances are
// 3 standard errors of the toy estimate (binomial errors propagated to CLs).

const record = (id: string) => counting.records.find((r) => r.id === id)!;
const workspaceOf = (id: string) => record(id).inputs.pyhf_workspace as unknown as Workspace;

describe("toy CLs (q-tilde) for counting experiments", () => {
  it.each(["counting/n0_b0.5_s1", "counting/n3_b3_s1"])(
    "%s: CLs at the exact Poisson CLs limit is 1 − CL (within 3 standard errors)",
    async (id) => {
      const r = record(id);
      const mu = r.values.mu_up_exact_classical_CLs;
      const t = await toyHypotest(workspaceOf(id), mu, { toys: 3000, seed: 17, threads: 1 });
      expect(t.failed).toBe(0);
      // q̃ orders counts like n (ties at q_obs included), so toy CLs → P(N ≤ n | μs+b)/P(N ≤ n | b)
      expect(t.clsObs).toBeCloseToRel(1 - r.inputs.cl, 0, 3 * t.clsObsError);
    },
  );

  it("counting/n100_b100_s1: CLs at the asymptotic limit is 1 − CL (asymptotic regime)", async () => {
    const r = record("counting/n100_b100_s1");
    const t = await toyHypotest(workspaceOf(r.id), r.values.mu_up_obs, { toys: 3000, seed: 5, threads: 1 });
    expect(t.clsObs).toBeCloseToRel(0.1, 0, 3 * t.clsObsError);
    // the median expected CLs sits at the observed (n = b): the same α
    expect(t.clsExp[2]).toBeCloseToRel(0.1, 0, 3 * t.clsObsError);
  });

  it("counting/n3_b3_s1: the toy upper limit reproduces the exact Poisson CLs limit", async () => {
    const r = record("counting/n3_b3_s1");
    const grid = [1, 1.5, 2, 2.75, 3.5, 4, 4.5, 5, 6, 7, 9, 12];
    const ul = await toyUpperLimit(workspaceOf(r.id), { cl: 0.9, grid, toys: 2000, seed: 9, threads: 1 });
    expect(ul.method).toBe("toys");
    // CLs has a 7 % toy error near 0.1 and d ln CLs/dμ ≈ −0.6 here: ~0.12 in μ, plus the linear
    // interpolation between grid points (≤ 0.1): 0.45 ≈ 10 % covers 3 σ
    expect(ul.observed).toBeCloseToRel(r.values.mu_up_exact_classical_CLs, 0.1);
    // the median b-only outcome is n = 3 = n_obs: the same exact limit (same toy-error budget)
    expect(ul.expected[2]).toBeCloseToRel(r.values.mu_up_exact_classical_CLs, 0.1);
    expect(ul.expected[0]).toBeLessThan(ul.expected[2]);
    expect(ul.expected[2]).toBeLessThan(ul.expected[4]);
  });
});

describe("toy CLs on a likelihood that is not a workspace (serial)", () => {
  /** One Poisson count n ~ Pois(μ s + b) with known b: the same problem as a ToyLikelihood. */
  function poissonProblem(n: number, s: number, b: number): ToyLikelihood {
    const make = (k: number): Objective => {
      const f = ((x: Float64Array) => {
        const l = x[0]! * s + b;
        return l - k * Math.log(l);
      }) as Objective;
      f.gradient = (x, g) => {
        g[0] = s * (1 - k / (x[0]! * s + b));
      };
      return f;
    };
    return {
      params: [{ name: "mu", value: 1, lower: 0, upper: 200 }],
      poiIndex: 0,
      nll: make(n),
      asimov: (p) => make(p[0]! * s + b),
      toy: (p, rng) => make(rng.poisson(p[0]! * s + b)),
    };
  }
  it("gives the same toy CLs as the equivalent workspace (same streams)", async () => {
    const r = record("counting/n10_b5_s1");
    const viaWs = await toyHypotest(workspaceOf(r.id), 12, { toys: 500, seed: 4, threads: 1 });
    const direct = await toyHypotest(poissonProblem(10, 1, 5), 12, { toys: 500, seed: 4 });
    expect(direct.clsObs).toBeCloseToRel(viaWs.clsObs, 1e-12);
    expect(direct.qB).toBeCloseToRel(viaWs.qB, 0, 1e-5);
  });
  it("converges to the exact CLs limit of a fresh counting case", async () => {
    const exact = poissonUpperLimit(6, 4.2, { cl: 0.95 });
    const t = await toyHypotest(poissonProblem(6, 1, 4.2), exact, { toys: 3000, seed: 23 });
    expect(t.clsObs).toBeCloseToRel(0.05, 0, 3 * t.clsObsError);
    // and the asymptotic limit differs from the exact one at these small counts
    expect(Math.abs(countingUpperLimit(6, 4.2, 1).observed / exact - 1)).toBeGreaterThan(0.01);
  });
});

describe("worker threads", () => {
  const pkg = fileURLToPath(new URL("../../", import.meta.url));
  const worker = join(pkg, "dist/toys/worker.js");
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = join(dir, e.name);
      return Math.max(
        m,
        e.isDirectory() ? newest(p) : e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? statSync(p).mtimeMs : 0,
      );
    }, 0);
  beforeAll(() => {
    // worker threads run the built JavaScript: build when dist/ is missing or older than src/
    if (!existsSync(worker) || statSync(worker).mtimeMs < newest(join(pkg, "src"))) {
      spawnSync(
        process.execPath,
        [join(pkg, "node_modules/typescript/bin/tsc"), "-p", join(pkg, "tsconfig.build.json")],
        {
          stdio: "ignore",
        },
      );
    }
  }, 120_000);

  it("1 and 2 threads give bit-identical toys (toy i always uses stream i), also on a reused pool", async () => {
    expect(existsSync(worker)).toBe(true);
    const ws = workspaceOf("counting/n3_b3_s1");
    const one = await toyHypotest(ws, 4, { toys: 600, seed: 3, threads: 1 });
    const two = await toyHypotest(ws, 4, { toys: 600, seed: 3, threads: 2 });
    expect(Array.from(two.qSplusB)).toEqual(Array.from(one.qSplusB));
    expect(Array.from(two.qB)).toEqual(Array.from(one.qB));
    expect(two.clsObs).toBe(one.clsObs);
    // the workers (and their compiled model) are kept: a second workspace, then the first again
    const other = await toyHypotest(workspaceOf("counting/n10_b5_s1"), 12, { toys: 200, seed: 4, threads: 2 });
    const otherSerial = await toyHypotest(workspaceOf("counting/n10_b5_s1"), 12, { toys: 200, seed: 4, threads: 1 });
    expect(Array.from(other.qB)).toEqual(Array.from(otherSerial.qB));
    const again = await toyHypotest(ws, 4, { toys: 600, seed: 3, threads: 2 });
    expect(Array.from(again.qSplusB)).toEqual(Array.from(one.qSplusB));
    await closeToyWorkers();
  });

  it("rejects bad toy options with typed errors", async () => {
    const ws = workspaceOf("counting/n3_b3_s1");
    await expect(toyHypotest(ws, 1, { toys: 0 })).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
      argument: "options.toys",
    });
    await expect(toyHypotest(ws, 1, { seed: -1 })).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
      argument: "options.seed",
    });
    await expect(toyUpperLimit(ws, { grid: [3, 2], toys: 10, threads: 1 })).rejects.toMatchObject({
      argument: "options.grid[1]",
    });
    // a minimiser is a function: it cannot be sent to worker threads
    await expect(toyHypotest(ws, 1, { toys: 10, threads: 2, minimizer: linearMixtureMinimizer })).rejects.toMatchObject(
      {
        code: "INVALID_ARGUMENT",
        argument: "options.minimizer",
      },
    );
  });
});
