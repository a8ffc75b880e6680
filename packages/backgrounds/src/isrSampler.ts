/**
 * Sampling of the initial-state-radiation energy fraction x for an s-channel two-fermion process:
 * x ∝ F(x, s) σ_Born(s(1 − x)), F the Kuraev-Fadin radiator of `@muonphilic/models` (Kuraev1985),
 * σ_Born(s') ∝ β'(3 − β'²)/(2s') the point-like fermion-pair cross section of mass m.
 *
 * @packageDocumentation
 */
import type { RandomSource } from "@muonphilic/kinematics";
import { isrBeta } from "@muonphilic/models";

/** A prepared ISR sampler (internal). */
export interface IsrSampler {
  /** The largest x (pair threshold, or a caller's cut). */
  readonly xMax: number;
  /** Draws x. */
  sample(rng: RandomSource): number;
  /** ⟨σ_Born(s(1 − x))/σ_Born(s)⟩ over F on [0, xMax]: the ISR correction factor of the Born cross section. */
  readonly factor: number;
}

function bornShape(sp: number, m: number): number {
  const r = (4 * m * m) / sp;
  if (!(r < 1)) return 0;
  const b = Math.sqrt(1 - r);
  return (b * (3 - b * b)) / (2 * sp);
}

/**
 * Builds an ISR sampler for e+e- → f f̄ at s.
 * @param s - GeV²
 * @param fermionMass - m_f (GeV)
 * @param alpha - fine-structure constant
 * @param xCut - optional largest x (default: the pair threshold 1 − 4m²/s)
 */
export function makeIsrSampler(s: number, fermionMass: number, alpha: number, xCut?: number): IsrSampler {
  const beta = isrBeta(s, alpha);
  const xThr = 1 - (4 * fermionMass * fermionMass) / s;
  const xMax = Math.min(xCut ?? xThr, xThr);
  // sup of the Born ratio on [0, xMax] on a grid in x^β (dense where the radiator is), +2%
  const born0 = bornShape(s, fermionMass);
  let sup = 0;
  let num = 0;
  const n = 4000;
  const wMax = xMax ** beta;
  for (let i = 0; i <= n; i++) {
    const x = (wMax * (i / n)) ** (1 / beta);
    sup = Math.max(sup, bornShape(s * (1 - x), fermionMass) / born0);
  }
  // factor = ∫₀^xMax F(x) r(x) dx in w = x^β (F dx = [(1 + 3β/4) − (1 − x/2) x^(1−β)] dw), midpoint rule
  for (let i = 0; i < n; i++) {
    const x = (wMax * ((i + 0.5) / n)) ** (1 / beta);
    const jac = 1 + 0.75 * beta - (1 - x / 2) * x ** (1 - beta);
    num += jac * (bornShape(s * (1 - x), fermionMass) / born0) * (wMax / n);
  }
  const bound = sup * 1.02;
  return {
    xMax,
    factor: num,
    sample(rng: RandomSource): number {
      for (;;) {
        const x = xMax * rng.uniformOpen() ** (1 / beta);
        const prop = beta * x ** (beta - 1) * (1 + 0.75 * beta);
        const ratio = ((prop - beta * (1 - x / 2)) / prop) * (bornShape(s * (1 - x), fermionMass) / born0 / bound);
        if (rng.uniform() < ratio) return x;
      }
    },
  };
}
