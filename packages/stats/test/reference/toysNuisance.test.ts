import { createRandom } from "@muonphilic/random";
import { describe, expect, it } from "vitest";
import {
  compileModel,
  countingHypotest,
  fitProfile,
  hesse,
  histFactoryModelToyLikelihood,
  hypotest,
  makeAsymptoticCalculator,
  poissonCdf,
  toyHypotest,
  type Workspace,
} from "../../src/index.js";
import { toyTestStatistic } from "../../src/toys/core.js";

// Toy CLs with nuisance parameters: a HistFactory workspace with a normsys (Gaussian constraint on
// α), a staterror (Gaussian γ per bin) and a shapesys (Poisson γ per bin), at counts large enough
// (3300 background events) for the asymptotic formulas to hold. The toys profile the nuisances
// in every fit and randomise the auxiliary data (global observables); both are checked here.

const signal = [30, 60, 30];
const background = [1000, 1000, 1000];
const fakes = [100, 100, 100];
const observed = [1120, 1150, 1090];
const ws: Workspace = {
  channels: [
    {
      name: "sr",
      samples: [
        { name: "signal", data: signal, modifiers: [{ name: "mu", type: "normfactor", data: null }] },
        {
          name: "background",
          data: background,
          modifiers: [
            { name: "bkg_norm", type: "normsys", data: { hi: 1.03, lo: 0.97 } },
            { name: "stat_sr", type: "staterror", data: [20, 20, 20] },
          ],
        },
        { name: "fakes", data: fakes, modifiers: [{ name: "fakes_shape", type: "shapesys", data: [10, 10, 10] }] },
      ],
    },
  ],
  observations: [{ name: "sr", data: observed }],
  measurements: [{ name: "m", config: { poi: "mu", parameters: [] } }],
  version: "1.0.0",
};
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
/** The toy calculators' fit settings (TOY_CLS_DEFAULTS.strategy 1, tolerance 1e-3). */
const toyFits = { testStat: "qtilde", tolerance: 1e-3, strategy: 1 } as const;
const seed = 1;

describe("toy CLs with profiled, randomised nuisance parameters (normsys, staterror, shapesys)", () => {
  // μ̂ ≈ 0.75 here: μ = 1 … 2 have q̃ > 0, CLs from 0.47 down to 0.08
  it.each([1, 1.5, 2])("μ = %s: toy CLs (2000 toys) agrees with the asymptotic CLs", async (mu) => {
    const asym = hypotest(ws, mu);
    const toys = await toyHypotest(ws, mu, { toys: 2000, seed, threads: 1 });
    expect(asym.valid).toBe(true);
    expect(toys.failed).toBe(0);
    // Tolerance: 3 binomial standard errors of the toy CLs, plus twice the size of the asymptotic
    // approximation's own error, estimated on the single-bin counting experiment with the same
    // totals (n = 3360, b = 3300, s = 120 per unit μ) against its exact Poisson CLs; its relative
    // error (1-3 % here) is carried over to this CLs. The counting analogue has no systematics, so
    // it is the more sensitive of the two at a given μ: its relative error is the larger.
    const [n, b, s] = [sum(observed), sum(background) + sum(fakes), sum(signal)];
    const exact = poissonCdf(n, mu * s + b) / poissonCdf(n, b);
    const asymptoticRelError = Math.abs(countingHypotest(n, b, s, mu).cls / exact - 1);
    const tolerance = 3 * toys.clsObsError + 2 * asymptoticRelError * asym.clsObs;
    expect(toys.clsObs).toBeCloseToRel(asym.clsObs, 0, tolerance);
    expect(tolerance).toBeLessThan(0.4 * asym.clsObs); // a test with teeth: 12-32 % here
  });

  describe("the background-only toys randomise the auxiliary data", () => {
    const model = compileModel(ws);
    const problem = histFactoryModelToyLikelihood(model);
    // the generation point of toyHypotest's b-only toys at μ = 1.5: the conditional fit at μ = 0,
    // θ̂̂(0), made as toyHypotest makes it (after the observed q̃, warm-started from the fit at μ)
    const calc = makeAsymptoticCalculator(problem, toyFits);
    calc.testStatistic(1.5);
    const pars0 = calc.fixedFit(0).values;
    const nToys = 500;
    const toyData = Array.from({ length: nToys }, (_, i) => model.sample(pars0, createRandom(seed, 2 * i + 1)));
    const constrained = model.parameters.filter((p) => p.constraint !== "none");
    const indexOf = (name: string) => model.parameters.findIndex((p) => p.name === name);
    const meanSd = (xs: readonly number[]) => {
      const m = sum(xs) / xs.length;
      return { mean: m, sd: Math.sqrt(sum(xs.map((x) => (x - m) ** 2)) / (xs.length - 1)) };
    };
    // a sample standard deviation of N Gaussian values has relative error 1/√(2N): 4 of those
    const sdTolerance = 4 / Math.sqrt(2 * nToys);

    it("these datasets are toyHypotest's b-only toys (stream 2i + 1 at θ̂̂(0)): the same q̃", async () => {
      const t = await toyHypotest(ws, 1.5, { toys: 40, seed, threads: 1 });
      for (let i = 0; i < 40; i++) {
        const q = toyTestStatistic(problem, model.objective(toyData[i]!), 1.5, pars0, toyFits);
        expect(q).toBe(t.qB[i]);
      }
    });

    it("each global observable scatters with its constraint's width about the generating value", () => {
      expect(constrained.map((p) => p.kind).sort()).toEqual([
        "alpha",
        "shapesys",
        "shapesys",
        "shapesys",
        "staterror",
        "staterror",
        "staterror",
      ]);
      for (const p of constrained) {
        const v = pars0[indexOf(p.name)]!;
        const { mean, sd } = meanSd(toyData.map((d) => d[model.nMain + p.auxIndex]!));
        // Gaussian: a ~ N(θ, σ); Poisson (shapesys): a ~ Pois(γτ)
        const [m, s] = p.constraint === "gaussian" ? [v, p.width] : [v * p.width, Math.sqrt(v * p.width)];
        expect(mean, p.name).toBeCloseToRel(m, 0, (4 * s) / Math.sqrt(nToys));
        expect(sd, p.name).toBeCloseToRel(s, sdTolerance);
      }
    });

    it("fitted nuisances scatter with their HESSE errors, not with the narrower spread of fixed auxiliary data", () => {
      // Profiled at μ = 0, θ̂̂ combines the main data with the auxiliary datum a: with a random its
      // spread is the HESSE error σ_H; with a fixed it would be σ_H √(1 − σ_H²/σ_c²) (σ_c the
      // constraint width in θ: σ for Gaussians, 1/√τ for shapesys γ ≈ 1), below the band tested.
      const fixedPoi = model.parameters.map((p, i) => (i === model.poiIndex ? { ...p, value: 0, fixed: true } : p));
      const errors = hesse(model.objective(model.expectedData(pars0)), fixedPoi, pars0).errors;
      const fits = toyData.map((d) =>
        fitProfile(model.objective(d), problem.params, problem.poiIndex, 0, pars0, toyFits),
      );
      expect(fits.every((f) => f.valid)).toBe(true);
      for (const p of constrained) {
        const k = indexOf(p.name);
        const sigmaH = errors[k]!;
        const sigmaC = p.constraint === "gaussian" ? p.width : 1 / Math.sqrt(p.width);
        const { mean, sd } = meanSd(fits.map((f) => f.values[k]!));
        expect(mean, p.name).toBeCloseToRel(pars0[k]!, 0, (4 * sigmaH) / Math.sqrt(nToys));
        expect(sd, p.name).toBeCloseToRel(sigmaH, sdTolerance);
        const withoutRandomisation = sigmaH * Math.sqrt(1 - (sigmaH / sigmaC) ** 2);
        expect(withoutRandomisation, p.name).toBeLessThan(sigmaH * (1 - sdTolerance));
      }
    });
  });
});
