import { describe, expect, it } from "vitest";
import { fitWorkspace, hypotest, upperLimit } from "./inference.js";
import { compileModel } from "./model.js";
import type { Sample, Workspace } from "./types.js";
import { parseWorkspace } from "./workspace.js";

// Negative sample bins, as pyhf accepts them (schema 1.0.0: numbers without a minimum; pyhf 0.7
// clips nothing unless asked to): the Poisson rate of a bin is the sum of its samples, so a
// workspace with a negative sample (a subtracted background, negative-weight MC, interference)
// is the same likelihood as one with the samples merged.

function workspace(
  samples: Sample[],
  obs: number[],
  parameters: Workspace["measurements"][0]["config"]["parameters"] = [],
) {
  return {
    channels: [{ name: "sr", samples }],
    observations: [{ name: "sr", data: obs }],
    measurements: [{ name: "m", config: { poi: "mu", parameters } }],
    version: "1.0.0",
  } satisfies Workspace;
}
const signal: Sample = { name: "sig", data: [4, 6, 3], modifiers: [{ name: "mu", type: "normfactor", data: null }] };
const norm = { name: "bkg_norm", type: "normsys", data: { hi: 1.08, lo: 0.93 } } as const;
const obs = [49, 42, 31];

describe("negative sample bins (pyhf-compatible)", () => {
  // a background and a negative "subtracted" sample sharing one normsys ≡ their merged sample
  const split = workspace(
    [
      signal,
      { name: "bkg", data: [50, 40, 30], modifiers: [norm] },
      { name: "subtracted", data: [-8, -5, 0], modifiers: [norm] },
    ],
    obs,
  );
  const merged = workspace([signal, { name: "bkg", data: [42, 35, 30], modifiers: [norm] }], obs);

  it("are valid and written back unchanged", () => {
    expect(parseWorkspace(split)).toBe(split);
  });

  it("give the likelihood of the merged samples: −ln L equal to rounding at any point", () => {
    const a = compileModel(split);
    const b = compileModel(merged);
    expect(a.parameters.map((p) => p.name)).toEqual(b.parameters.map((p) => p.name));
    for (const x of [
      [0.3, 0],
      [-1.2, 2.5],
      [1.7, 0.4],
    ]) {
      const pars = Float64Array.from(x);
      expect(a.expectedMain(pars)).toBeCloseToRel(b.expectedMain(pars), 1e-14);
      expect(a.nll(pars, a.observedData)).toBeCloseToRel(b.nll(pars, b.observedData), 1e-13);
    }
  });

  it("hypotest and upperLimit equal those of the merged workspace (fit tolerance)", () => {
    // the same objective up to rounding: the fits follow the same path; 1e-6 covers the EDM goal
    const h = hypotest(split, 1.5);
    const hm = hypotest(merged, 1.5);
    expect(h.valid).toBe(true);
    expect(h.clsObs).toBeCloseToRel(hm.clsObs, 1e-6);
    expect(h.clsExp).toBeCloseToRel(hm.clsExp, 1e-6);
    const ul = upperLimit(split, { cl: 0.9 });
    const ulm = upperLimit(merged, { cl: 0.9 });
    expect(ul.observed).toBeCloseToRel(ulm.observed, 1e-6);
    expect(ul.expected).toBeCloseToRel(ulm.expected, 1e-6);
  });

  it("staterror: σ_b = √(Σδ²)/Σν over the samples, negative ν included (pyhf 0.7); Σν ≤ 0 fixes the bin", () => {
    const w = workspace(
      [
        signal,
        { name: "a", data: [50, 40, 5], modifiers: [{ name: "stat", type: "staterror", data: [5, 4, 1] }] },
        { name: "b", data: [-10, 20, -5], modifiers: [{ name: "stat", type: "staterror", data: [2, -3, 1] }] },
      ],
      [41, 60, 0],
    );
    const m = compileModel(w);
    const stat = m.parameters.filter((p) => p.set === "stat");
    expect(stat.map((p) => p.width)).toBeCloseToRel([Math.sqrt(29) / 40, Math.sqrt(25) / 60, 1], 1e-15);
    expect(stat.map((p) => p.fixed)).toEqual([false, false, true]);
  });

  it("shapesys: a bin whose sample is ≤ 0 (or δ ≤ 0) has no parameter, as pyhf's fixed γ = 1", () => {
    const w = workspace(
      [signal, { name: "bkg", data: [30, -4, 20], modifiers: [{ name: "ss", type: "shapesys", data: [3, 1, -2] }] }],
      [35, 3, 22],
    );
    const m = compileModel(w);
    const ss = m.parameters.filter((p) => p.set === "ss");
    expect(ss.map((p) => p.width)).toEqual([100]); // τ = (30/3)²; bins 1 and 2 have none
  });

  it("a bin whose samples sum below 0 at the start values is OUT_OF_DOMAIN, naming the most negative sample bin", () => {
    const w = workspace(
      [
        { name: "sig", data: [1, -30], modifiers: [{ name: "mu", type: "normfactor", data: null }] },
        { name: "bkg", data: [10, 20], modifiers: [] },
      ],
      [10, 5],
    );
    expect(() => compileModel(w)).toThrow(
      expect.objectContaining({ code: "OUT_OF_DOMAIN", argument: "channels[0].samples[0].data[1]" }),
    );
    expect(() => hypotest(w, 0.5)).toThrow(expect.objectContaining({ code: "OUT_OF_DOMAIN" }));
    // starting at μ = 0.5 the rate is 20 − 15 = 5 > 0: a valid model, fitted where every rate is ≥ 0
    const started = workspace(w.channels[0]!.samples, [10, 5], [{ name: "mu", inits: [0.5] }]);
    const f = fitWorkspace(started);
    expect(f.valid).toBe(true);
    expect(f.values[0]).toBeCloseToRel(0.5, 0, 2e-3); // n₂ = 5 = 20 − 30μ ⇒ μ = 0.5; bin 1 (n = 10) pulls μ̂ by −3e-4
  });

  it("fits keep every rate ≥ 0; a POI range where a rate goes negative gives NaN and a typed NO_BRACKET", () => {
    // bin 2: λ = 2 f(α) − μ: negative beyond μ ≈ 2 f(α), inside the default POI bounds [0, 10]
    const w = workspace(
      [
        { name: "sig", data: [4, -1], modifiers: [{ name: "mu", type: "normfactor", data: null }] },
        { name: "bkg", data: [10, 2], modifiers: [{ name: "bkg_norm", type: "normsys", data: { hi: 1.1, lo: 0.9 } }] },
      ],
      [30, 1],
    );
    const m = compileModel(w);
    const f = fitWorkspace(w);
    expect(f.valid).toBe(true);
    const rates = m.expectedMain(f.values);
    expect(Math.min(...rates)).toBeGreaterThan(0);
    // beyond the edge −ln L is undefined (NaN), so MIGRAD never steps there
    expect(m.nll(Float64Array.from([0, 4]), m.observedData)).toBeNaN();
    expect(() => upperLimit(w, { cl: 0.95 })).toThrow(expect.objectContaining({ code: "NO_BRACKET" }));
  });

  it("a fit warm-started where a rate is ≤ 0 is redone from the unconditional fit (regression: NaN CLs, CLs_exp = 1)", () => {
    // At μ = 1 the fit pulls the background of bin 1 to 10 − 5 × 4.73 = −13.7 (the signal, 200,
    // keeps the rate positive). Warm-started from there, the fits at μ = 0 (the Asimov generator)
    // and at small μ began where the rate is < 0, failed, and gave NaN or q_A = 0.
    const w = workspace(
      [
        { name: "sig", data: [200, 2], modifiers: [{ name: "mu", type: "normfactor", data: null }] },
        {
          name: "bkg",
          data: [10, 50],
          modifiers: [{ name: "shape", type: "histosys", data: { lo_data: [5, 50], hi_data: [15, 50] } }],
        },
      ],
      [10, 50],
    );
    expect(fitWorkspace(w, { fixPoi: 1 }).values[1]).toBeLessThan(-2); // the pulled background
    const h = hypotest(w, 1);
    expect(h.valid).toBe(true);
    expect(h.clsExp[2]).toBeLessThan(1e-50); // μ = 1 is 200 signal events on 10: excluded
    const ul = upperLimit(w, { cl: 0.9 });
    expect(ul.valid).toBe(true);
    // the limits are where CLs = α, checked by separate hypotests (each a new calculator: no warm
    // starts from other μ): the limits are solved to 1e-6 of μ and ln CLs changes by ~q ≈ 3 per unit
    // ln μ there, so CLs agrees to ~3e-6 plus the fits' tolerance (q to ~1e-4): 1e-3 relative
    expect(hypotest(w, ul.observed).clsObs).toBeCloseToRel(0.1, 1e-3);
    ul.expected.forEach((mu, k) => {
      expect(hypotest(w, mu).clsExp[k]).toBeCloseToRel(0.1, 1e-3);
    });
  });
});
