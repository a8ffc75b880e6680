/**
 * The muon spectrum of τ → μ ν ν̄ in the collinear (ultra-relativistic τ) limit, Jho2019 eqs.
 * (3.12)-(3.13):
 *   (1/σ) d²σ/(dx dcosθ) = f(x) − P_τ g(x),   x = E_μ/E_τ,
 *   f(x) = (2 − 6x² + 4x³) + ρ (4/9)(−1 + 9x² − 8x³),
 *   g(x) = ξ [(−2/3 + 4x − 6x² + (8/3)x³) + δ (4/9)(1 − 12x + 27x² − 16x³)],
 * with the Standard-Model Michel parameters ρ = 3/4, ξ = 1, δ = 3/4. f is normalised on [0, 1]
 * for any ρ (the ρ term integrates to 0) and g integrates to 0; the moments are polynomial:
 *   ⟨x⟩ = 3/10 + ρ/15 (= 7/20 in the SM),   ⟨x²⟩ = 2/15 + 8ρ/135 (= 8/45),
 *   ∫x g dx = ξ(1/30 + δ/45) (= 1/20), in closed form by {@link michelMoments}.
 * The muon mass and the finite τ velocity are neglected here (the tau-pair generator keeps both).
 *
 * Numeric kernels: no validation (x outside [0, 1] gives 0).
 *
 * @packageDocumentation
 */
import { argumentError, requireFinite, requireInRange } from "@muonphilic/units";

/** Michel parameters of a leptonic τ decay. */
export interface MichelParameters {
  /** ρ (SM: 3/4). */
  readonly rho: number;
  /** ξ (SM: 1). */
  readonly xi: number;
  /** δ (SM: 3/4). */
  readonly delta: number;
}

/** The Standard-Model Michel parameters, as Jho2019 sec. 3.2 uses them. */
export const SM_MICHEL: MichelParameters = { rho: 0.75, xi: 1, delta: 0.75 };

/**
 * f(x) of Jho2019 eq. (3.13): the isotropic part of the collinear muon spectrum.
 * @param x - E_μ/E_τ in [0, 1]
 * @param p - Michel parameters (default SM)
 * @returns f(x) (0 outside [0, 1])
 * @example
 * ```ts
 * michelF(0); // 5/3
 * ```
 */
export function michelF(x: number, p: MichelParameters = SM_MICHEL): number {
  if (!(x >= 0 && x <= 1)) return Number.isNaN(x) ? Number.NaN : 0;
  const x2 = x * x;
  const x3 = x2 * x;
  return 2 - 6 * x2 + 4 * x3 + ((p.rho * 4) / 9) * (-1 + 9 * x2 - 8 * x3);
}

/**
 * g(x) of Jho2019 eq. (3.13): the polarisation-dependent part of the collinear muon spectrum.
 * @param x - E_μ/E_τ in [0, 1]
 * @param p - Michel parameters (default SM)
 * @returns g(x) (0 outside [0, 1])
 * @example
 * ```ts
 * michelG(0.5); // 1/12
 * ```
 */
export function michelG(x: number, p: MichelParameters = SM_MICHEL): number {
  if (!(x >= 0 && x <= 1)) return Number.isNaN(x) ? Number.NaN : 0;
  const x2 = x * x;
  const x3 = x2 * x;
  return p.xi * (-2 / 3 + 4 * x - 6 * x2 + (8 / 3) * x3 + ((p.delta * 4) / 9) * (1 - 12 * x + 27 * x2 - 16 * x3));
}

/**
 * The collinear spectrum dN/dx = f(x) − P g(x) for a τ of longitudinal polarisation P (Jho2019
 * eq. (3.12) at fixed θ). Non-negative for |P| ≤ 1 with the SM parameters.
 * @param x - E_μ/E_τ
 * @param polarization - P_τ in [−1, 1]
 * @param p - Michel parameters (default SM)
 * @returns the density (normalised to 1 on [0, 1])
 * @example
 * ```ts
 * michelSpectrum(0.5, -1); // f(0.5) + g(0.5) = 13/12 + 1/12
 * ```
 */
export function michelSpectrum(x: number, polarization: number, p: MichelParameters = SM_MICHEL): number {
  return michelF(x, p) - polarization * michelG(x, p);
}

/** Closed-form moments of f and g (see {@link michelMoments}). */
export interface MichelMoments {
  /** ∫₀¹ f dx (= 1 for any ρ). */
  readonly norm: number;
  /** ⟨x⟩ = ∫ x f dx = 3/10 + ρ/15. */
  readonly mean: number;
  /** ⟨x²⟩ = ∫ x² f dx = 2/15 + 8ρ/135. */
  readonly meanSquare: number;
  /** ∫ g dx (= 0). */
  readonly gNorm: number;
  /** ∫ x g dx = ξ(1/30 + δ/45): the shift of ⟨x⟩ per unit polarisation (⟨x⟩_P = ⟨x⟩ − P ∫x g). */
  readonly gMean: number;
}

/**
 * The moments of the collinear spectrum, in closed form from the polynomial coefficients of
 * Jho2019 eq. (3.13): ∫x^k dx = 1/(k+1) applied term by term.
 * @param p - Michel parameters (default SM)
 * @returns the moments; with the SM parameters ⟨x⟩ = 7/20, ⟨x²⟩ = 8/45, ∫x g = 1/20
 * @throws {@link PhysError} `INVALID_ARGUMENT` for non-finite parameters
 * @example
 * ```ts
 * michelMoments().mean; // 0.35
 * ```
 */
export function michelMoments(p: MichelParameters = SM_MICHEL): MichelMoments {
  const rho = requireFinite("rho", p.rho);
  const xi = requireFinite("xi", p.xi);
  const delta = requireFinite("delta", p.delta);
  // polynomial coefficients c_k of f and g (x^0..x^3)
  const f = [2 - (4 * rho) / 9, 0, -6 + 4 * rho, 4 - (32 * rho) / 9];
  const g = [
    xi * (-2 / 3 + (4 * delta) / 9),
    xi * (4 - (48 * delta) / 9),
    xi * (-6 + 12 * delta),
    xi * (8 / 3 - (64 * delta) / 9),
  ];
  const moment = (c: number[], k: number): number => c.reduce((a, ck, j) => a + ck / (j + k + 1), 0);
  return { norm: moment(f, 0), mean: moment(f, 1), meanSquare: moment(f, 2), gNorm: moment(g, 0), gMean: moment(g, 1) };
}

/**
 * Samples x from the collinear spectrum f(x) − P g(x) by rejection (envelope: the maximum of the
 * density on [0, 1], found on its cubic's critical points).
 * @param polarization - P in [−1, 1]
 * @param u - a function returning uniform deviates in [0, 1) (e.g. `() => rng.uniform()`)
 * @param p - Michel parameters (default SM)
 * @returns x in [0, 1]
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for |P| > 1, or a density that is negative somewhere
 * @example
 * ```ts
 * const rng = createRandom(1);
 * sampleMichel(0, () => rng.uniform()); // one x
 * ```
 */
export function sampleMichel(polarization: number, u: () => number, p: MichelParameters = SM_MICHEL): number {
  const pol = requireInRange("polarization", polarization, -1, 1);
  let max = 0;
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i <= 200; i++) {
    const d = michelSpectrum(i / 200, pol, p);
    max = Math.max(max, d);
    min = Math.min(min, d);
  }
  if (min < -1e-12) throw argumentError("OUT_OF_DOMAIN", "polarization", pol, "a value giving a non-negative spectrum");
  // the density is a cubic: on a 200-point grid its maximum is within (1/200)² · max|f''|/8 < 1e-4 of the true one
  const bound = max * 1.001 + 1e-4;
  for (;;) {
    const x = u();
    if (u() * bound < michelSpectrum(x, pol, p)) return x;
  }
}
