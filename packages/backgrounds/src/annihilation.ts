/**
 * e+e- → γ*(s) → μ-(p₁) μ+(p₂) V(k), V a virtual photon of mass² M² radiated by either muon: the
 * "annihilation" diagram of the four-muon background (Belle2-4mu Fig. 2 right), computed like the
 * signal e+e- → μ+μ- Z' with the photon's coupling (g² = 4πα) and a continuous mass.
 *
 * The hadronic tensor H^{μν} (summed over spins and V polarisations) decomposes, up to terms ∝ Q^μ
 * or Q^ν (Q = p₁ + p₂ + k) that vanish against the lepton tensor, as
 *   H^{μν}/4 = c_g g^{μν} + c₁₁ p₁^μp₁^ν + c₂₂ p₂^μp₂^ν + c₁₂ (p₁^μp₂^ν + p₂^μp₁^ν),
 *   c_g = a s (1/t₁² + 1/t₂²) − 2s(s + M² − 2m²)/(t₁t₂) + 2s(1/t₁ + 1/t₂) − (t₁/t₂ + t₂/t₁),
 *   c₁₁ = 4a/t₂² − 4s/(t₁t₂),   c₂₂ = 4a/t₁² − 4s/(t₁t₂),   c₁₂ = −4a/(t₁t₂),
 * with a = M² + 2m², t_i = 2p_i·k + M² = (p_i + k)² − m², s = Q² (derived for this package by
 * fitting an explicit numerical Dirac trace, tools/reference/backgrounds/traces.py; fixture
 * `traces.json`). Contracted with the unpolarised beam tensor L_{μν} = k₁μk₂ν + k₂μk₁ν − (s/2)g_{μν}:
 *   W = L_{μν}H^{μν} = 4[−s c_g + c₁₁ L(p₁,p₁) + c₂₂ L(p₂,p₂) + 2c₁₂ L(p₁,p₂)],
 *   L(a,b) = (k₁·a)(k₂·b) + (k₂·a)(k₁·b) − (s/2) a·b.
 * Its average over orientations is (s/3)·H, H = −g_{μν}H^{μν} the invariant of `@muonphilic/models`
 * (`gammaStarMuMuXMsq`), so that
 *   dσ = (α² g²/(48π s³)) H dt₁ dt₂ · (3W/(sH)) dΩ/(4π),
 * and W ≤ (3/2)⟨W⟩ (the beam tensor projects on the two transverse photon helicities).
 *
 * @packageDocumentation
 */

/**
 * W = L_{μν}H^{μν} for one configuration, beams along ±z in the centre-of-mass frame of Q
 * (numeric kernel; module documentation).
 * @param s - Q² (GeV²)
 * @param m2 - muon mass² (GeV²)
 * @param M2 - V mass² (GeV²)
 * @param p1 - μ- four-momentum [E, px, py, pz] in the Q rest frame (GeV)
 * @param p2 - μ+ four-momentum (GeV)
 * @param t1 - (p₁ + k)² − m² (GeV²)
 * @param t2 - (p₂ + k)² − m² (GeV²)
 * @returns W (dimensionless)
 * @example
 * ```ts
 * annihilationBeamWeight(s, M_MU ** 2, 1, p1, p2, t1, t2); // W for one configuration (beams along ±z)
 * ```
 */
export function annihilationBeamWeight(
  s: number,
  m2: number,
  M2: number,
  p1: ArrayLike<number>,
  p2: ArrayLike<number>,
  t1: number,
  t2: number,
): number {
  const a = M2 + 2 * m2;
  const it1 = 1 / t1;
  const it2 = 1 / t2;
  const i12 = it1 * it2;
  const cg =
    a * s * (it1 * it1 + it2 * it2) - 2 * s * (s + M2 - 2 * m2) * i12 + 2 * s * (it1 + it2) - (t1 * it2 + t2 * it1);
  const c11 = 4 * a * it2 * it2 - 4 * s * i12;
  const c22 = 4 * a * it1 * it1 - 4 * s * i12;
  const c12 = -4 * a * i12;
  const h = Math.sqrt(s) / 2;
  const e1 = p1[0] as number;
  const z1 = p1[3] as number;
  const e2 = p2[0] as number;
  const z2 = p2[3] as number;
  const k1p1 = h * (e1 - z1);
  const k2p1 = h * (e1 + z1);
  const k1p2 = h * (e2 - z2);
  const k2p2 = h * (e2 + z2);
  const p1p2 = (s + M2 - t1 - t2 - 2 * m2) / 2;
  const l11 = 2 * k1p1 * k2p1 - (s / 2) * m2;
  const l22 = 2 * k1p2 * k2p2 - (s / 2) * m2;
  const l12 = k1p1 * k2p2 + k2p1 * k1p2 - (s / 2) * p1p2;
  return 4 * (-s * cg + c11 * l11 + c22 * l22 + 2 * c12 * l12);
}
