/**
 * e+e- → γ*(q₁²) γ*(q₂²): the "double photon conversion" diagram of the four-muon background
 * (Belle2-4mu Fig. 2 left, sec. IV D), t- and u-channel electron exchange with massless electrons.
 *
 * Spin-averaged |M|² = 2e⁴ X with (derived here; checked against an explicit numerical Dirac
 * trace by tools/reference/backgrounds/traces.py, fixture `traces.json`)
 *   X = t/u + u/t + 2s(m₁² + m₂²)/(tu) − m₁²m₂²(1/t² + 1/u²),
 * t = (k₁ − q₁)², u = (k₁ − q₂)², the polarisation sums −g + qq/m² (the qq terms vanish by current
 * conservation). m₁ = m₂ = 0 gives e+e- → γγ; m₁ = m₂ = m_Z gives the vector part of e+e- → ZZ.
 *   dσ/dcosθ = 2πα² X p/s^{3/2},   p = λ^{1/2}(s, m₁², m₂²)/(2√s),
 * and with A = (s − m₁² − m₂²)/2, B = √s p (so t = −(A − B cosθ), u = −(A + B cosθ), A² − B² = m₁²m₂²):
 *   ∫₋₁¹ X dcosθ = (4A/B + 2s(m₁² + m₂²)/(AB)) L − 8,   L = ln((A + B)/(A − B)).
 * The four-lepton cross section follows by attaching the spectral densities of `spectral.ts` to
 * each photon, with a factor ½ when both photons go to the same final state (identical photons
 * integrated over the full (q₁², q₂²) square).
 *
 * @packageDocumentation
 */
import { ALPHA, GEV2_PB, type Pb, pb, requireFinite, requireInRange, requireNonNegative } from "@muonphilic/units";

/**
 * X(s, m₁², m₂², t, u) of the module documentation (numeric kernel).
 * @param s - GeV²
 * @param m1s - q₁² (GeV²)
 * @param m2s - q₂² (GeV²)
 * @param t - (k₁ − q₁)² (GeV², < 0)
 * @param u - (k₁ − q₂)² (GeV², < 0)
 * @returns X (dimensionless)
 * @example
 * ```ts
 * conversionX(111.9, 0.09, 4, -50, -58); // X at one (t, u)
 * ```
 */
export function conversionX(s: number, m1s: number, m2s: number, t: number, u: number): number {
  return t / u + u / t + (2 * s * (m1s + m2s)) / (t * u) - m1s * m2s * (1 / (t * t) + 1 / (u * u));
}

/**
 * dσ/dcosθ(e+e- → γ*γ*) = 2πα² X p/s^{3/2}, θ the angle of γ*(q₁) to the electron beam in the
 * centre-of-mass frame (numeric kernel: `NaN` or 0 outside the physical region).
 * @param s - GeV²
 * @param m1s - q₁² (GeV²)
 * @param m2s - q₂² (GeV²)
 * @param cosTheta - cos θ
 * @param alpha - fine-structure constant
 * @returns GeV⁻²
 * @example
 * ```ts
 * conversionDsigmaDcosInvGeV2(111.9, 0.25, 9, 0.5) * GEV2_PB; // pb per unit cos θ
 * ```
 */
export function conversionDsigmaDcosInvGeV2(
  s: number,
  m1s: number,
  m2s: number,
  cosTheta: number,
  alpha: number = ALPHA,
): number {
  const lam = (s - m1s - m2s) ** 2 - 4 * m1s * m2s;
  if (!(lam > 0) || !(Math.sqrt(m1s) + Math.sqrt(m2s) < Math.sqrt(s))) return Number.isNaN(lam) ? Number.NaN : 0;
  const a = (s - m1s - m2s) / 2;
  const b = Math.sqrt(lam) / 2;
  const t = -(a - b * cosTheta);
  const u = -(a + b * cosTheta);
  return ((2 * Math.PI * alpha * alpha * b) / (s * s)) * conversionX(s, m1s, m2s, t, u);
}

/**
 * L = ln((A + B)/(A − B)) without cancellation: 2 atanh(B/A) when B ≪ A, else
 * 2 ln(A + B) − ln(m₁²m₂²) (A − B = m₁²m₂²/(A + B)), accurate as the photon masses go to zero.
 * @returns L (numeric kernel)
 */
export function conversionLog(a: number, b: number, m1s: number, m2s: number): number {
  return b < 0.5 * a ? 2 * Math.atanh(b / a) : 2 * Math.log(a + b) - Math.log(m1s * m2s);
}

/**
 * σ(e+e- → γ*(q₁²)γ*(q₂²)) for distinguishable photons, in closed form (module documentation;
 * numeric kernel). Diverges logarithmically as q₁², q₂² → 0 (the collinear e+e- → γγ limit).
 * @param s - GeV²
 * @param m1s - q₁² (GeV², > 0)
 * @param m2s - q₂² (GeV², > 0)
 * @param alpha - fine-structure constant
 * @returns GeV⁻² (0 if m₁ + m₂ ≥ √s)
 * @example
 * ```ts
 * conversionSigmaInvGeV2(111.9, 0.25, 9) * GEV2_PB; // pb
 * ```
 */
export function conversionSigmaInvGeV2(s: number, m1s: number, m2s: number, alpha: number = ALPHA): number {
  const lam = (s - m1s - m2s) ** 2 - 4 * m1s * m2s;
  if (!(lam > 0) || !(Math.sqrt(m1s) + Math.sqrt(m2s) < Math.sqrt(s))) return Number.isNaN(lam) ? Number.NaN : 0;
  const a = (s - m1s - m2s) / 2;
  const b = Math.sqrt(lam) / 2;
  const l = conversionLog(a, b, m1s, m2s);
  const integral = ((4 * a) / b + (2 * s * (m1s + m2s)) / (a * b)) * l - 8;
  return ((2 * Math.PI * alpha * alpha * b) / (s * s)) * integral;
}

/**
 * σ(e+e- → γ*γ*) for virtual photons of fixed masses, in pb: the public form of
 * {@link conversionSigmaInvGeV2} (validated).
 * @param options.sqrtS - √s (GeV)
 * @param options.mass1 - √q₁² (GeV, > 0)
 * @param options.mass2 - √q₂² (GeV, > 0)
 * @param options.alpha - fine-structure constant (default α(0))
 * @returns σ in pb
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for non-positive masses or m₁ + m₂ ≥ √s
 * @example
 * ```ts
 * virtualPhotonPairSigma({ sqrtS: 10.58, mass1: 0.5, mass2: 3 }); // pb
 * ```
 */
export function virtualPhotonPairSigma(options: {
  readonly sqrtS: number;
  readonly mass1: number;
  readonly mass2: number;
  readonly alpha?: number;
}): Pb {
  const sqrtS = requireFinite("sqrtS", options.sqrtS);
  const m1 = requireInRange("mass1", options.mass1, 0, sqrtS, { lowInclusive: false, unit: "GeV" });
  const m2 = requireInRange("mass2", options.mass2, 0, sqrtS - m1, {
    lowInclusive: false,
    highInclusive: false,
    unit: "GeV",
  });
  const alpha = requireNonNegative("alpha", options.alpha ?? ALPHA);
  return pb(conversionSigmaInvGeV2(sqrtS * sqrtS, m1 * m1, m2 * m2, alpha) * GEV2_PB);
}
