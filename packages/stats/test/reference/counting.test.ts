import { describe, expect, it } from "vitest";
import {
  asimovSignificance,
  compileModel,
  countingHypotest,
  countingUpperLimit,
  devianceUpperLimit,
  histFactoryLikelihood,
  makeAsymptoticCalculator,
  poissonDeviance,
  poissonUpperLimit,
  signalForSOverSqrtSB,
  significanceSOverSqrtB,
  significanceSOverSqrtSB,
  type Workspace,
} from "../../src/index.js";
import ref from "../fixtures/counting.json" with { type: "json" };
import extra from "../fixtures/counting-extra.json" with { type: "json" };

// counting.json: shared/reference/stats/counting.json (closed-form asymptotics, cross-checked with
// pyhf 0.7.6 to 1e-8; exact Poisson CLs). counting-extra.json: scipy (scripts/counting_extra.py).

describe("asymptotic CLs for counting experiments (CCGV2011, q-tilde)", () => {
  for (const r of ref.records) {
    const { n_obs: n, b, s, cl } = r.inputs;
    it(`${r.id}: CLs at mu = 1 and its band, closed form`, () => {
      const h = countingHypotest(n, b, s, 1);
      // same closed form as the reference: agreement at the rounding level of the logs (1e-12)
      expect(h.q).toBeCloseToRel(r.values.CLs_at_mu1.qtilde_obs, 1e-10, 1e-13);
      expect(h.qA).toBeCloseToRel(r.values.CLs_at_mu1.q_A, 1e-10);
      expect(h.cls).toBeCloseToRel(r.values.CLs_at_mu1.CLs, 1e-10);
      expect(h.clsb).toBeCloseToRel(r.values.CLs_at_mu1.CLsb, 1e-10);
      expect(h.clb).toBeCloseToRel(r.values.CLs_at_mu1.CLb, 1e-10);
      expect(h.clsExp).toBeCloseToRel(r.values.CLs_at_mu1.CLs_exp_m2_m1_0_p1_p2, 1e-10);
    });
    it(`${r.id}: 90% CL upper limit and band agree with the reference (and pyhf) to 1e-7`, () => {
      // both sides solve to 1e-10 relative; 1e-7 covers pyhf's own 1e-8 agreement with the reference
      const ul = countingUpperLimit(n, b, s, { cl });
      expect(ul.observed).toBeCloseToRel(r.values.mu_up_obs, 1e-7);
      expect(ul.expected).toBeCloseToRel(r.values.mu_up_exp_m2_m1_0_p1_p2, 1e-7);
      expect(ul.observed).toBeCloseToRel(r.values.pyhf.mu_up_obs, 1e-7);
    });
    it(`${r.id}: exact Poisson CLs limit (reference tolerance 1e-6)`, () => {
      expect(poissonUpperLimit(n, b, { cl }) / s).toBeCloseToRel(r.values.mu_up_exact_classical_CLs, 1e-6);
    });
  }
});

describe("exact Poisson limits vs scipy", () => {
  it("classical limits without background are Garwood's chi2 quantiles", () => {
    // Brent to 1e-10 relative on a Poisson CDF accurate to ~1e-13: 1e-8 is safe
    for (const e of extra.classicalNoBackground) {
      expect(poissonUpperLimit(e.n, 0, { cl: e.cl, method: "classical" })).toBeCloseToRel(e.lambdaUp, 1e-8);
      expect(poissonUpperLimit(e.n, 0, { cl: e.cl })).toBeCloseToRel(e.lambdaUp, 1e-8); // CLs = CLs+b at b = 0
    }
  });
  it("classical and CLs limits with background", () => {
    for (const e of extra.classicalWithBackground) {
      expect(poissonUpperLimit(e.n, e.b, { cl: e.cl, method: "classical" })).toBeCloseToRel(e.sUp, 1e-8, 1e-10);
    }
    for (const e of extra.clsWithBackground) {
      expect(poissonUpperLimit(e.n, e.b, { cl: e.cl })).toBeCloseToRel(e.sUp, 1e-8);
    }
  });
  it("the classical limit goes negative for a deficit far below b; CLs does not", () => {
    expect(poissonUpperLimit(0, 4, { cl: 0.9, method: "classical" })).toBeLessThan(0);
    expect(poissonUpperLimit(0, 4, { cl: 0.9 })).toBeCloseToRel(Math.LN10, 1e-9);
  });
});

describe("Ibe2017 eq. (22)", () => {
  it("the deviance is 2N at n = 0 and 0 at N = n", () => {
    expect(poissonDeviance(0, 1.5)).toBeCloseToRel(3, 1e-15);
    expect(poissonDeviance(7, 7)).toBeCloseToRel(0, 0, 1e-15);
  });
  it("upper limits where the deviance reaches the chi2(1) quantile agree with scipy", () => {
    for (const e of extra.devianceUpperLimit) expect(devianceUpperLimit(e.n, { cl: e.cl })).toBeCloseToRel(e.nUp, 1e-9);
    // Ibe2017 uses 3.842 for 95 %: N_up(0) = 1.921
    expect(2 * devianceUpperLimit(0)).toBeCloseToRel(extra.chi2_1_95, 1e-9);
    expect(2 * devianceUpperLimit(0)).toBeCloseToRel(3.842, 2e-4);
  });
});

describe("significances (Jho2019 eq. (3.16), CCGV2011 eq. (97))", () => {
  it("S/sqrt(B), S/sqrt(S+B) and its inverse", () => {
    expect(significanceSOverSqrtB(10, 100)).toBeCloseToRel(1, 1e-15);
    expect(significanceSOverSqrtSB(9, 0)).toBeCloseToRel(3, 1e-15);
    expect(significanceSOverSqrtSB(20, 80)).toBeCloseToRel(2, 1e-15);
    for (const b of [0, 0.3, 12, 1e4]) {
      const s = signalForSOverSqrtSB(3, b);
      expect(significanceSOverSqrtSB(s, b)).toBeCloseToRel(3, 1e-13);
    }
  });
  it("the Asimov significance tends to s/sqrt(b) for s << b", () => {
    // series: Z_A = (s/√b) (1 − s/(6b) + O((s/b)²))
    expect(asimovSignificance(1, 1e6)).toBeCloseToRel(1e-3, 1e-6);
    expect(asimovSignificance(1, 1e4)).toBeCloseToRel(1e-2 * (1 - 1 / 6e4), 1e-8);
  });
  it("equals sqrt(q0) of a profile fit to the Asimov dataset n = s + b (independent path: HistFactory + MIGRAD)", () => {
    const s = 7;
    const b = 20;
    const ws: Workspace = {
      channels: [
        {
          name: "c",
          samples: [
            { name: "sig", data: [s], modifiers: [{ name: "mu", type: "normfactor", data: null }] },
            { name: "bkg", data: [b], modifiers: [] },
          ],
        },
      ],
      observations: [{ name: "c", data: [s + b] }],
      measurements: [{ name: "m", config: { poi: "mu", parameters: [] } }],
      version: "1.0.0",
    };
    const z = makeAsymptoticCalculator(histFactoryLikelihood(compileModel(ws))).discovery().z;
    // fit tolerance 1e-6 in -ln L: sqrt(q0) to ~1e-6 relative
    expect(z).toBeCloseToRel(asimovSignificance(s, b), 1e-5);
  });
  it("rejects bad input with typed errors", () => {
    expect(() => significanceSOverSqrtB(1, 0)).toThrow(
      expect.objectContaining({ code: "OUT_OF_DOMAIN", argument: "b" }),
    );
    expect(() => poissonUpperLimit(1.5, 1)).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT", argument: "nObs" }),
    );
    expect(() => poissonUpperLimit(1, 1, { cl: 1 })).toThrow(
      expect.objectContaining({ code: "OUT_OF_DOMAIN", argument: "options.cl" }),
    );
    expect(() => countingHypotest(1, -1, 1, 1)).toThrow(
      expect.objectContaining({ code: "OUT_OF_DOMAIN", argument: "b" }),
    );
  });
});
