/**
 * The asymptotic CLs calculator on an extended unbinned likelihood (the shape of one Belle2-4mu
 * scan window): shared/reference/stats/unbinned.json (copied by part 1 to
 * test/fixtures/unbinned.json, data in unbinned_sig_linear.csv): double-CB signal with a fixed
 * shape + linear Chebyshev background on [2.7, 3.3] GeV, Ns (POI), Nb, c1 free. The reference
 * computed q_{μ,A} with a 1200 × 12-node Gauss-Legendre Asimov integral; here the Asimov dataset is
 * a weighted midpoint grid of 6000 points (spacing σ₁/50). The same problem as a linear mixture
 * (signal + two Bernstein basis densities, fitted by Newton's method, Asimov data on composite
 * Gauss-Legendre panels) must give the same numbers.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  bernstein,
  doubleCrystalBall,
  fitLinearMixture,
  fitRegion,
  linearMixture,
  linearMixtureMinimizer,
  linearMixtureProfile,
  makeAsymptoticCalculator,
  type Objective,
  type ProfileLikelihood,
  regionQuadrature,
} from "../../src/index.js";
import fixture from "../fixtures/unbinned.json" with { type: "json" };

const ref = fixture.records[0]!.values;
const LOW = 2.7;
const HIGH = 3.3;
const data = Float64Array.from(
  readFileSync(new URL("../fixtures/unbinned_sig_linear.csv", import.meta.url), "utf8")
    .trim()
    .split("\n")
    .map(Number),
);
const signal = doubleCrystalBall({
  mean: 3,
  sigma1: 0.005,
  alpha1: 1.5,
  n1: 3,
  sigma2: 0.009,
  alpha2: 2.5,
  n2: 2,
  fraction1: 0.65,
  low: LOW,
  high: HIGH,
});

/** −ln L = Ns + Nb − Σ wᵢ ln(Ns fs(xᵢ) + Nb (1 + c1 xᵢ')/0.6), x' = (2x − a − b)/(b − a). */
function extendedNll(x: Float64Array, w: Float64Array | null): Objective {
  const fs = signal.densityArray(x);
  const t = Float64Array.from(x, (v) => (2 * v - LOW - HIGH) / (HIGH - LOW));
  const width = HIGH - LOW;
  const weight = (i: number) => (w ? w[i]! : 1);
  const f = ((p: Float64Array) => {
    const [ns, nb, c1] = [p[0]!, p[1]!, p[2]!];
    let s = ns + nb;
    for (let i = 0; i < x.length; i++) {
      const l = ns * fs[i]! + (nb * (1 + c1 * t[i]!)) / width;
      if (!(l > 0)) return Number.NaN;
      s -= weight(i) * Math.log(l);
    }
    return s;
  }) as Objective;
  f.gradient = (p, g) => {
    const [ns, nb, c1] = [p[0]!, p[1]!, p[2]!];
    g[0] = 1;
    g[1] = 1;
    g[2] = 0;
    for (let i = 0; i < x.length; i++) {
      const fb = (1 + c1 * t[i]!) / width;
      const r = weight(i) / (ns * fs[i]! + nb * fb);
      g[0]! -= r * fs[i]!;
      g[1]! -= r * fb;
      g[2]! -= (r * nb * t[i]!) / width;
    }
  };
  f.errordef = 0.5;
  return f;
}

const M = 6000;
const grid = Float64Array.from({ length: M }, (_, j) => LOW + ((j + 0.5) * (HIGH - LOW)) / M);
const gridFs = signal.densityArray(grid);

const problem: ProfileLikelihood = {
  params: [
    { name: "Ns", value: 50, lower: 0, upper: 1000 },
    { name: "Nb", value: 2000, lower: 0, upper: 10000 },
    { name: "c1", value: 0, lower: -1, upper: 1 },
  ],
  poiIndex: 0,
  nll: extendedNll(data, null),
  asimov: (p) => {
    const dx = (HIGH - LOW) / M;
    const w = Float64Array.from(grid, (v, j) => {
      const t = (2 * v - LOW - HIGH) / (HIGH - LOW);
      return (p[0]! * gridFs[j]! + (p[1]! * (1 + p[2]! * t)) / (HIGH - LOW)) * dx;
    });
    return extendedNll(grid, w);
  },
};

describe("asymptotic CLs on an extended unbinned likelihood (unbinned.json)", () => {
  const calc = makeAsymptoticCalculator(problem);

  it("local significance √q₀ (Belle2-4mu's √(2 ln(L/L₀)))", () => {
    const d = calc.discovery();
    expect(d.valid).toBe(true);
    // fits to EDM 1e-6: q₀ to ~1e-5 absolute, √q₀ to ~1e-6
    expect(d.q0).toBeCloseToRel(ref.q0, 1e-5);
    expect(d.z).toBeCloseToRel(ref.local_significance_sqrt_2lnL_over_L0_signed, 1e-5);
  });

  it("90% CL CLs upper limit on Ns and its expected band", () => {
    const ul = calc.upperLimit({ cl: 0.9, range: [0, 1000] });
    expect(ul.valid).toBe(true);
    // the reference's limit tolerance is 1e-4; the midpoint-grid Asimov integral adds ~1e-5 to q_A
    expect(ul.observed).toBeCloseToRel(ref.upper_limit_90CL_CLs_asymptotic_qtilde.obs, 1e-4);
    expect(ul.expected).toBeCloseToRel(ref.upper_limit_90CL_CLs_asymptotic_qtilde.exp_m2_m1_0_p1_p2, 1e-4);
  });
});

describe("the same window as a linear mixture with the exact Newton minimiser", () => {
  // (Nb, c1) of the reference ↔ Bernstein yields: Nb = θ₁ + θ₂, c1 = (θ₂ − θ₁)/(θ₁ + θ₂)
  const region = fitRegion(LOW, HIGH);
  const components = [
    signal,
    bernstein({ coefs: [1, 0], low: LOW, high: HIGH }),
    bernstein({ coefs: [0, 1], low: LOW, high: HIGH }),
  ];
  const lowerBounds = [Number.NEGATIVE_INFINITY, 0, 0];
  const sorted = Float64Array.from(data).sort();
  const nodes = regionQuadrature(region, {
    panelWidth: 0.02,
    zones: [{ low: 3 - 8 * 0.005, high: 3 + 8 * 0.005, panelWidth: 0.005 }],
  });
  const checks = Float64Array.from([...nodes.x, 3]);
  const mixture = linearMixture(components, sorted, { region, lowerBounds, positivityPoints: checks });
  const template = linearMixture(components, nodes.x, {
    region,
    weights: nodes.w,
    lowerBounds,
    positivity: mixture.positivity,
  });

  it("MLE to 1e-6 and the minimum NLL to 1e-12 (the reference's own precision)", () => {
    const fit = fitLinearMixture(mixture, { start: [0, 1000, 1000] });
    expect(fit.converged).toBe(true);
    const nb = fit.theta[1]! + fit.theta[2]!;
    expect(fit.theta[0]).toBeCloseToRel(ref.mle.Ns, 1e-6);
    expect(nb).toBeCloseToRel(ref.mle.Nb, 1e-6);
    expect((fit.theta[2]! - fit.theta[1]!) / nb).toBeCloseToRel(ref.mle.c1, 1e-6);
    expect(fit.nll).toBeCloseToRel(ref.nll_min, 1e-12);
    // HESSE error of Ns: invariant under the reparametrisation (the reference's 1e-4)
    expect(Math.sqrt(fit.covariance![0]!)).toBeCloseToRel(ref.hesse_errors.Ns, 1e-4);
  });

  it("q₀, the 90% CL CLs limit and its band through makeAsymptoticCalculator", () => {
    const calc = makeAsymptoticCalculator(linearMixtureProfile({ data: mixture, template }), {
      minimizer: linearMixtureMinimizer,
    });
    const d = calc.discovery();
    expect(d.valid).toBe(true);
    // Newton to EDM 1e-10: q₀ to ~1e-9 absolute
    expect(d.q0).toBeCloseToRel(ref.q0, 1e-6);
    const ul = calc.upperLimit({ cl: 0.9, range: [0, 1000], rtol: 1e-6 });
    expect(ul.valid).toBe(true);
    // 8-point Gauss-Legendre panels (σ₁ wide at the peak): q_A to ~1e-9; the reference's 1e-4
    expect(ul.observed).toBeCloseToRel(ref.upper_limit_90CL_CLs_asymptotic_qtilde.obs, 1e-4);
    expect(ul.expected).toBeCloseToRel(ref.upper_limit_90CL_CLs_asymptotic_qtilde.exp_m2_m1_0_p1_p2, 1e-4);
  });
});
