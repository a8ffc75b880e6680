import { createRandom } from "@muonphilic/random";
import {
  bernstein,
  doubleCrystalBall,
  fitLinearMixture,
  fitRegion,
  generateToy,
  linearMixture,
  linearMixtureMinimizer,
  linearMixtureProfile,
  makeAsymptoticCalculator,
  regionQuadrature,
} from "@muonphilic/stats";

// One window of a resonance scan: 3.05-3.10 vetoed, the signal shape normalised on what is left.
const region = fitRegion(2.85, 3.15, [[3.05, 3.1]]);
const shape = { mean: 3, sigma1: 0.005, alpha1: 1.5, n1: 3, sigma2: 0.009, alpha2: -2.5, n2: 2, fraction1: 0.65 };
const signal = doubleCrystalBall({ ...shape, low: 2.85, high: 3.15, region });
const basis = [
  bernstein({ coefs: [1, 0], low: 2.85, high: 3.15 }),
  bernstein({ coefs: [0, 1], low: 2.85, high: 3.15 }),
];
const flat = bernstein({ coefs: [1, 1], low: 2.85, high: 3.15 });
const events = generateToy([{ yield: 800, pdf: flat }], createRandom(7)).sort();

// Asimov nodes: σ-wide panels within ±8σ of the peak, 4σ outside; density ≥ 0 at the panel points and the peak.
const panels = { panelWidth: 0.02, zones: [{ low: 2.96, high: 3.04, panelWidth: 0.005 }] };
const nodes = regionQuadrature(region, panels);
const checks = Float64Array.from([...regionQuadrature(region, { ...panels, points: 2 }).x, 3]);
const lowerBounds = [Number.NEGATIVE_INFINITY, 0, 0];
const template = linearMixture([signal, ...basis], nodes.x, {
  region,
  weights: nodes.w,
  lowerBounds,
  positivityPoints: checks,
});
const data = linearMixture([signal, ...basis], events, { region, lowerBounds, positivity: template.positivity });

const fit = fitLinearMixture(data, { start: [0, 300, 300] });
const calc = makeAsymptoticCalculator(linearMixtureProfile({ data, template, relativeUncertainty: 0.1 }), {
  minimizer: linearMixtureMinimizer,
});
const limit = calc.upperLimit({ cl: 0.9, range: [0, 200] });

console.log(fit.converged, fit.theta[0]?.toFixed(2), Math.sqrt(fit.covariance?.[0] ?? Number.NaN).toFixed(2)); // true 6.38 8.95
console.log(limit.valid, limit.observed.toFixed(2), limit.expected.map((v) => v.toFixed(2)).join(" ")); // true 20.28 7.36 10.26 15.13 22.90 33.80

export { fit, limit };
