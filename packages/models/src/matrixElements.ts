/**
 * Tree-level squared matrix elements derived for this package (derivations in
 * docs/models/derivations.md: §2 γ* → μ+μ- X, §3 K+ → μ+ ν Z', §4 the hadronic tensor, §5 the
 * spin density of a produced vector; generated and checked by tools/reference/models/traces.py and
 * spin_sums.py against explicit numerical Dirac spin sums). Numeric kernels: no validation.
 *
 * @packageDocumentation
 */
import type { Spin } from "./defaults.js";

/**
 * The hadronic-tensor trace of γ*(Q) → μ-(k₁) μ+(k₂) X(q), X radiated by either muon, summed over
 * spins and X polarisations and contracted with -g_μν, divided by g²:
 * H = -g_μν Σ J^μ J^ν* / g², with t₁ = (k₁ + q)² - m², t₂ = (k₂ + q)² - m², s = Q², M = m_X, m = m_μ.
 *
 * Vector (J^μ = ū[ε̸^*(k̸₁+q̸+m)γ^μ/t₁ + γ^μ(-k̸₂-q̸+m)ε̸^* /t₂]v):
 * H = 8(t₁/t₂ + t₂/t₁) - 16(s + M² + 2m²)(1/t₁ + 1/t₂) + 16((s + M²)² - 4m⁴)/(t₁t₂)
 *     - 8(M² + 2m²)(s + 2m²)(1/t₁² + 1/t₂²).
 * Scalar (J^μ = ū[(k̸₁+q̸+m)γ^μ/t₁ + γ^μ(-k̸₂-q̸+m)/t₂]v):
 * H = 4(t₁/t₂ + t₂/t₁) + 8 - 8(M² - 4m²)(1/t₁ + 1/t₂) + 8((M² - 2m²)(M² - 4m²) + 4m²s)/(t₁t₂)
 *     - 4(M² - 4m²)(s + 2m²)(1/t₁² + 1/t₂²).
 * For m = M = 0 the vector gives 8(x₁² + x₂²)/((1-x₁)(1-x₂)), the classic e+e- → qq̄g numerator.
 * The cross section is σ = (α² g²/(48π s³)) ∫∫ H ds₁ ds₂ with s_i = t_i + m².
 *
 * @param spin - "vector" or "scalar"
 * @param s - Q² in GeV²
 * @param m2 - m_μ² in GeV²
 * @param M2 - m_X² in GeV²
 * @param t1 - (k₁ + q)² - m_μ² in GeV²
 * @param t2 - (k₂ + q)² - m_μ² in GeV²
 * @returns H (dimensionless)
 */
export function gammaStarMuMuXMsq(spin: Spin, s: number, m2: number, M2: number, t1: number, t2: number): number {
  const [A, K, B, C, D] = hCoefficients(spin, s, m2, M2);
  return A * (t1 / t2 + t2 / t1) + K + B * (1 / t1 + 1 / t2) + C / (t1 * t2) + D * (1 / (t1 * t1) + 1 / (t2 * t2));
}

/**
 * Spin- and polarisation-summed |M̂|² of K+(ℓ) → μ+(p) ν_μ(k) Z'(q) from the amplitude of
 * Ibe2017 eq. (10), without its prefactor 4 f_K²|V_us|²G_F²g'² (Σ|M|² = 4f_K²|V_us|²G_F²g'² |M̂|²).
 * With a = m₁₂² = (k + q)², t = m₂₃² - m_μ² = (p + q)² - m_μ², m = m_μ, M = m_Z', M_K:
 * |M̂|² = (2m²/(a² t²)) [a t³ + c₂ t² + c₁ t + c₀],
 * c₂ = 2a² + 2am² - 2M_K²a - M²(M_K² - m²),
 * c₁ = a(a² + 2am² + 2m⁴ - 2M_K²a - 4M_K²m² + 2M_K⁴ + 2M²m²),
 * c₀ = a²(2m⁴ - 2M_K²m² - M²(M_K² - m²)).
 * The extracted Ibe2017 eq. (11) is damaged; this form, derived from eq. (10) by a trace
 * computation, agrees with an explicit numerical spin sum to 1e-14 and reproduces the independent
 * BR values of shared/reference to 1e-15.
 *
 * @param a - m₁₂² in GeV²
 * @param t - m₂₃² - m_μ² in GeV²
 * @param mK2 - M_K² in GeV²
 * @param m2 - m_μ² in GeV²
 * @param M2 - m_Z'² in GeV²
 * @returns |M̂|² (dimensionless)
 */
export function kaonMuNuZPrimeMsq(a: number, t: number, mK2: number, m2: number, M2: number): number {
  const [c2, c1, c0] = kaonCoefficients(a, mK2, m2, M2);
  return ((2 * m2) / (a * a * t * t)) * (((a * t + c2) * t + c1) * t + c0);
}

function kaonCoefficients(a: number, mK2: number, m2: number, M2: number): [number, number, number] {
  return [
    2 * a * a + 2 * a * m2 - 2 * mK2 * a - M2 * (mK2 - m2),
    a * (a * a + 2 * a * m2 + 2 * m2 * m2 - 2 * mK2 * a - 4 * mK2 * m2 + 2 * mK2 * mK2 + 2 * M2 * m2),
    a * a * (2 * m2 * m2 - 2 * mK2 * m2 - M2 * (mK2 - m2)),
  ];
}

/**
 * ∫ |M̂|² dt over [t_a, t_a + Δ] at fixed m₁₂² = a (see {@link kaonMuNuZPrimeMsq}), in closed form:
 * (2m²/a²)[aΔ(2t_a + Δ)/2 + c₂Δ + c₁ ln(1 + Δ/t_a) + c₀Δ/(t_a(t_a + Δ))].
 * @returns the integral in GeV² (numeric kernel)
 */
export function kaonMsqIntegralT(a: number, ta: number, width: number, mK2: number, m2: number, M2: number): number {
  const [c2, c1, c0] = kaonCoefficients(a, mK2, m2, M2);
  const inner =
    (a * width * (2 * ta + width)) / 2 + c2 * width + c1 * Math.log1p(width / ta) + (c0 * width) / (ta * (ta + width));
  return ((2 * m2) / (a * a)) * inner;
}

/** The edges of a Dalitz-plot row, in a cancellation-free form (see {@link dalitzEdges}). */
export interface DalitzEdges {
  /** E₂*E₃* - p₂*p₃* (GeV²): min m₂₃² = m₂² + m₃² + 2·cross. */
  readonly cross: number;
  /** max m₂₃² - min m₂₃² = 4 p₂* p₃* (GeV²). */
  readonly width: number;
}

/**
 * Dalitz limits of m₂₃² at fixed m₁₂² for a decay P → 1 2 3 (PDG kinematics review; Ibe2017
 * eqs. (A3)-(A5)): E₂* = (m₁₂² - m₁² + m₂²)/(2m₁₂), E₃* = (M² - m₁₂² - m₃²)/(2m₁₂),
 * m₂₃² = (E₂* + E₃*)² - (p₂* ± p₃*)², i.e. min m₂₃² = m₂² + m₃² + 2(E₂*E₃* - p₂*p₃*) and
 * max - min = 4p₂*p₃*. E₂*E₃* - p₂*p₃* is evaluated as (m₂²E₃*² + m₃²E₂*² - m₂²m₃²)/(E₂*E₃* + p₂*p₃*),
 * free of the cancellation that the textbook form suffers near the collinear edges.
 * @param parentMass2 - M² of the decaying system in GeV²
 * @param m1 - mass of particle 1 in GeV
 * @param m2 - mass of particle 2 in GeV
 * @param m3 - mass of particle 3 in GeV
 * @param m12sq - m₁₂² in GeV²
 * @returns the edges (`NaN` fields outside the physical m₁₂² range)
 */
export function dalitzEdges(parentMass2: number, m1: number, m2: number, m3: number, m12sq: number): DalitzEdges {
  const m12 = Math.sqrt(m12sq);
  const e2 = (m12sq - m1 * m1 + m2 * m2) / (2 * m12);
  const e3 = (parentMass2 - m12sq - m3 * m3) / (2 * m12);
  if (!(e3 >= m3) || !(e2 >= m2)) return { cross: Number.NaN, width: Number.NaN };
  const p2 = Math.sqrt(Math.max((e2 - m2) * (e2 + m2), 0));
  const p3 = Math.sqrt(Math.max((e3 - m3) * (e3 + m3), 0));
  const m22 = m2 * m2;
  const m32 = m3 * m3;
  return { cross: (m22 * e3 * e3 + m32 * e2 * e2 - m22 * m32) / (e2 * e3 + p2 * p3), width: 4 * p2 * p3 };
}

/**
 * The spatial hadronic tensor of γ*(Q) → μ-(k₁) μ+(k₂) X(q) in the γ* rest frame, summed over spins
 * and X polarisations (per g², the normalisation of {@link gammaStarMuMuXMsq}):
 * H^{ij} = A₁ δ^{ij} + A₂ k₁^i k₁^j + A₃ k₂^i k₂^j + A₄ (k₁^i k₂^j + k₂^i k₁^j)
 * (current conservation makes H^{0μ} = 0 in that frame; parity makes the normal to the event plane
 * an eigenvector, so four functions span it), with t_i = (k_i + q)² - m², s = Q², M = m_X, m = m_μ:
 *
 * vector: A₂ = 16[(M² + 2m²)/t₂² - s/(t₁t₂)], A₃ = 16[(M² + 2m²)/t₁² - s/(t₁t₂)],
 *         A₄ = -16(M² + 2m²)/(t₁t₂),
 *         A₁ = 4(t₁/t₂ + t₂/t₁) - 8s(1/t₁ + 1/t₂) + 8s(s + M² - 2m²)/(t₁t₂) - 4s(M² + 2m²)(1/t₁² + 1/t₂²);
 * scalar: A₂ = 8[(M² - 4m²)/t₂² - s/(t₁t₂)], A₃ = 8[(M² - 4m²)/t₁² - s/(t₁t₂)],
 *         A₄ = -8(s + M² - 4m²)/(t₁t₂),   A₁ = 2(t₁ + t₂)²(t₁t₂ - s(M² - 4m²))/(t₁t₂)².
 *
 * Its trace is {@link gammaStarMuMuXMsq}. Contracted with the massless lepton tensor of e-(p₁) e+(p₂),
 * L_{μν} = p₁_μ p₂_ν + p₂_μ p₁_ν - g_{μν} p₁·p₂, it gives the production angular distribution,
 * L_{μν} H^{μν} = (s/2)(Tr H - ê·H·ê) with ê the beam direction in the γ* frame (its average over ê is
 * (s/3) Tr H, the rate). Derived with the trace engine of tools/reference/models/tensor.py, which also
 * checks ê·H·ê against explicit Dirac spinors for all six fermions (1e-13).
 *
 * @param spin - "vector" or "scalar"
 * @param s - Q² in GeV²
 * @param m2 - m_μ² in GeV²
 * @param M2 - m_X² in GeV²
 * @param t1 - (k₁ + q)² - m_μ² in GeV²
 * @param t2 - (k₂ + q)² - m_μ² in GeV²
 * @param out - where to write [A₁, A₂, A₃, A₄] (A₁ dimensionless, the others in GeV⁻²); allocated if absent
 * @returns `out` (numeric kernel: no validation)
 * @example
 * ```ts
 * const [a1, a2, a3, a4] = gammaStarHadronicTensor("vector", 111.9, 0.0112, 1, 2.3, 40.1);
 * ```
 */
export function gammaStarHadronicTensor(
  spin: Spin,
  s: number,
  m2: number,
  M2: number,
  t1: number,
  t2: number,
  out: Float64Array = new Float64Array(4),
): Float64Array {
  const i12 = 1 / (t1 * t2);
  if (spin === "vector") {
    const w = M2 + 2 * m2;
    const i1 = 1 / t1;
    const i2 = 1 / t2;
    out[0] =
      4 * (t1 * i2 + t2 * i1) - 8 * s * (i1 + i2) + 8 * s * (s + M2 - 2 * m2) * i12 - 4 * s * w * (i1 * i1 + i2 * i2);
    out[1] = 16 * (w * i2 * i2 - s * i12);
    out[2] = 16 * (w * i1 * i1 - s * i12);
    out[3] = -16 * w * i12;
    return out;
  }
  const d = M2 - 4 * m2;
  const t = t1 + t2;
  out[0] = 2 * t * t * (t1 * t2 - s * d) * i12 * i12;
  out[1] = 8 * (d / (t2 * t2) - s * i12);
  out[2] = 8 * (d / (t1 * t1) - s * i12);
  out[3] = -8 * (s + d) * i12;
  return out;
}

/**
 * e+e- → γ* → μ-(k₁) μ+(k₂) X(q) for a vector X of fixed real polarisation ε (ε² = -1, ε·q = 0),
 * summed over the fermion spins and contracted with the massless lepton tensor of e-(p₁) e+(p₂):
 * P(ε) = L_{μν} Σ (J^{μα}ε_α)(J^{νβ}ε_β)* per g² (the normalisation of {@link gammaStarHadronicTensor}:
 * the sum over three orthogonal polarisations is L_{μν}H^{μν} = (s/2)(Tr H - ê·H·ê)). With
 * a = p₁·k₁, b = p₁·k₂, x₁ = ε·k₁, x₂ = ε·k₂, y = ε·p₁, t_i = (k_i + q)² - m², i_k = 1/t_k,
 * i₁₂ = 1/(t₁t₂), M = m_X, m = m_μ:
 *
 * P = 64(a x₂ i₂ + b x₁ i₁)² + 16a²(s i₁₂ - M² i₂²) + 16b²(s i₁₂ - M² i₁²) + 32ab(s + M²) i₁₂
 *   - 32s(a x₂² i₂² + b x₁² i₁²) - 32s x₁x₂(a + b) i₁₂ + 64y(a x₂ i₂ + b x₁ i₁)
 *   - 8s a[(2s + M²) i₁₂ - M² i₂² - i₁ - i₂] - 8s b[(2s + M²) i₁₂ - M² i₁² - i₁ - i₂]
 *   + 8s[(s + 2m²)(x₁² i₁² + x₂² i₂²) - M² i₁₂(x₁² + x₂²)] - 32m²s x₁x₂ i₁₂
 *   - 16s y[x₁(i₁ - M² i₁₂) + x₂(i₂ - M² i₁₂)] + 16y²(1 - M²s i₁₂)
 *   + 2s(t₁/t₂ + t₂/t₁) - 4s(s + M²)(i₁ + i₂) - 2M²s(s + 2m²)(i₁² + i₂²) + 4s((s + M²)² - 2M²m²) i₁₂.
 *
 * With ε = (0, d̂) in the X rest frame it gives the decay distribution of X → μ+μ- with spin
 * correlations, W(d̂) ∝ Σ_ε P - β² P(ε_d̂), β² = 1 - 4m²/M². Derived with the trace engine of
 * tools/reference/models/tensor.py and checked there against explicit Dirac spinors (3e-14).
 *
 * @param s - Q² in GeV²
 * @param m2 - m_μ² in GeV²
 * @param M2 - m_X² in GeV²
 * @param t1 - (k₁ + q)² - m_μ² in GeV²
 * @param t2 - (k₂ + q)² - m_μ² in GeV²
 * @param a - p₁·k₁ in GeV²
 * @param b - p₁·k₂ in GeV²
 * @param x1 - ε·k₁ in GeV
 * @param x2 - ε·k₂ in GeV
 * @param y - ε·p₁ in GeV
 * @returns P(ε) in GeV² (numeric kernel: no validation)
 * @example
 * ```ts
 * gammaStarVectorPolarisedMsq(111.9, 0.0112, 1, 2.3, 40.1, 10.2, 30.5, 0.4, -1.1, 2.0);
 * ```
 */
export function gammaStarVectorPolarisedMsq(
  s: number,
  m2: number,
  M2: number,
  t1: number,
  t2: number,
  a: number,
  b: number,
  x1: number,
  x2: number,
  y: number,
): number {
  const i1 = 1 / t1;
  const i2 = 1 / t2;
  const i12 = i1 * i2;
  const w = a * x2 * i2 + b * x1 * i1;
  const lepton =
    64 * w * w +
    16 * a * a * (s * i12 - M2 * i2 * i2) +
    16 * b * b * (s * i12 - M2 * i1 * i1) +
    32 * a * b * (s + M2) * i12 -
    32 * s * (a * x2 * x2 * i2 * i2 + b * x1 * x1 * i1 * i1) -
    32 * s * x1 * x2 * (a + b) * i12 +
    64 * y * w -
    8 * s * a * ((2 * s + M2) * i12 - M2 * i2 * i2 - i1 - i2) -
    8 * s * b * ((2 * s + M2) * i12 - M2 * i1 * i1 - i1 - i2);
  const polarisation =
    8 * s * ((s + 2 * m2) * (x1 * x1 * i1 * i1 + x2 * x2 * i2 * i2) - M2 * i12 * (x1 * x1 + x2 * x2)) -
    32 * m2 * s * x1 * x2 * i12 -
    16 * s * y * (x1 * (i1 - M2 * i12) + x2 * (i2 - M2 * i12)) +
    16 * y * y * (1 - M2 * s * i12);
  const constant =
    2 * s * (t1 * i2 + t2 * i1) -
    4 * s * (s + M2) * (i1 + i2) -
    2 * M2 * s * (s + 2 * m2) * (i1 * i1 + i2 * i2) +
    4 * s * ((s + M2) * (s + M2) - 2 * M2 * m2) * i12;
  return lepton + polarisation + constant;
}

/**
 * Coefficients [A, K, B, C, D] of H = A(t₁/t₂ + t₂/t₁) + K + B(1/t₁ + 1/t₂) + C/(t₁t₂) + D(1/t₁² + 1/t₂²)
 * ({@link gammaStarMuMuXMsq}); internal to the package (the matrix-element generator bounds H with them).
 */
export function hCoefficients(spin: Spin, s: number, m2: number, M2: number): [number, number, number, number, number] {
  if (spin === "vector") {
    const sp = s + M2;
    return [8, 0, -16 * (sp + 2 * m2), 16 * (sp * sp - 4 * m2 * m2), -8 * (M2 + 2 * m2) * (s + 2 * m2)];
  }
  const d = M2 - 4 * m2;
  return [4, 8, -8 * d, 8 * ((M2 - 2 * m2) * d + 4 * m2 * s), -4 * d * (s + 2 * m2)];
}

/**
 * ∫ H dt₂ at fixed t₁ over [t₂a, t₂a + Δ] (H of {@link gammaStarMuMuXMsq}), in closed form:
 * A[t₁ L + Δ(2t₂a + Δ)/(2t₁)] + KΔ + B[Δ/t₁ + L] + C L/t₁ + D[Δ/t₁² + Δ/(t₂a(t₂a + Δ))],
 * L = ln(1 + Δ/t₂a).
 * @returns the integral in GeV² (numeric kernel)
 */
export function gammaStarMsqIntegralT2(
  spin: Spin,
  s: number,
  m2: number,
  M2: number,
  t1: number,
  t2a: number,
  width: number,
): number {
  const [A, K, B, C, D] = hCoefficients(spin, s, m2, M2);
  const l = Math.log1p(width / t2a);
  return (
    A * (t1 * l + (width * (2 * t2a + width)) / (2 * t1)) +
    K * width +
    B * (width / t1 + l) +
    (C * l) / t1 +
    D * (width / (t1 * t1) + width / (t2a * (t2a + width)))
  );
}

/**
 * ∫ H ds₂ along a line of fixed s₁₂ = (k₁ + k₂)², where t₁ + t₂ = T is constant and both t_i run over
 * the same interval [t_a, t_a + Δ] (equal muon masses), in closed form:
 * A(2T L - 2Δ) + KΔ + 2B L + 2C L/T + 2DΔ/(t_a(t_a + Δ)), L = ln(1 + Δ/t_a).
 * @returns the integral in GeV² (numeric kernel)
 */
export function gammaStarMsqIntegralFixedS12(
  spin: Spin,
  s: number,
  m2: number,
  M2: number,
  ta: number,
  width: number,
): number {
  const [A, K, B, C, D] = hCoefficients(spin, s, m2, M2);
  const total = 2 * ta + width;
  const l = Math.log1p(width / ta);
  return (
    A * (2 * total * l - 2 * width) +
    K * width +
    2 * B * l +
    (2 * C * l) / total +
    (2 * D * width) / (ta * (ta + width))
  );
}
