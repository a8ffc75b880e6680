import { createRandom } from "@muonphilic/random";
import {
  chebyshev,
  chebyshevShape,
  doubleCrystalBall,
  extendedUnbinnedNLL,
  fit,
  fixedShape,
  generateToy,
  refit,
} from "@muonphilic/stats";

// A 60σ window around 3 GeV: double Crystal Ball signal (shape fixed) + linear background.
const window = { low: 2.85, high: 3.15 };
const signal = doubleCrystalBall({
  mean: 3.0,
  sigma1: 0.005,
  alpha1: 1.5,
  n1: 3,
  sigma2: 0.009,
  alpha2: 2.5,
  n2: 2,
  fraction1: 0.65,
  ...window,
});
const data = generateToy(
  [
    { yield: 40, pdf: signal },
    { yield: 960, pdf: chebyshev({ coefs: [-0.2], ...window }) },
  ],
  createRandom(2024),
);

// Extended unbinned NLL with analytic gradients in the yields and the Chebyshev coefficient.
const nll = extendedUnbinnedNLL({
  data,
  components: [
    { yield: "Ns", shape: fixedShape(signal) },
    { yield: "Nb", shape: chebyshevShape({ params: ["c1"], ...window }) },
  ],
});
const result = fit(nll, { Ns: 10, Nb: data.length, c1: 0 }, { minos: ["Ns"] });
const background = refit(nll, result, { Ns: 0 }); // conditional fit for the significance
const z = Math.sqrt(2 * (background.nllMin - result.nllMin));

const ns = result.parameters.Ns;
console.log(result.valid, ns?.value.toFixed(1), ns?.error.toFixed(1), result.minos.Ns?.upper.toFixed(1)); // true 47.1 11.9 12.3
console.log(`local significance ${z.toFixed(2)} σ`); // local significance 4.61 σ

export { result, z };
