/**
 * Defaults of every optional argument of the package, in one place (STYLE.md §7).
 *
 * @packageDocumentation
 */
import { ALPHA, type GeV, gev } from "@muonphilic/units";

/** The Z' variants: `vanilla` decays to SM leptons only; `fully-invisible` adds dark Dirac fermions χ (Jho2019 eq. (2.3), Belle2-inv). */
export type ZPrimeVariant = "vanilla" | "fully-invisible";

/** The spin of the new boson X: the L_μ - L_τ Z' is a vector, the muonphilic S a scalar. */
export type Spin = "vector" | "scalar";

/**
 * How σ(e+e- → μ+μ- X) is computed (see `sigmaMuMuX`):
 * - `massless`: the muon mass is neglected in the matrix element (the seeds' choice: Jho2019
 *   eqs. (3.1)-(3.2), the closed form F₁, for the vector; the same massless-muon matrix element
 *   integrated numerically for the scalar), times the Born σ₀ with the muon velocity;
 * - `exact`: the tree-level matrix element with the full muon and X masses, integrated over the
 *   Dalitz plot;
 * - `splitting`: σ₀ · 2∫D(s, z) dz with the massive splitting functions (Jho2019 eqs. (3.3)-(3.6)).
 */
export type ProductionMethod = "massless" | "exact" | "splitting";

/**
 * How `generateMuMuX` samples the hard process e+e- → μ+μ- X:
 * - `matrix-element`: exactly from the tree-level matrix element with the full muon and X masses
 *   (`gammaStarMuMuXMsq`), the event orientation from the lepton tensor (`gammaStarHadronicTensor`);
 *   valid for 0 < m_X < √s - 2m_μ; its rate is σ of `sigmaMuMuX({ method: "exact" })`;
 * - `splitting`: X radiated collinearly by one muon with the massive splitting functions (Jho2019
 *   eqs. (3.3)-(3.5)), the parent muon along the Born distribution; valid for m_X < √s/2 - m_μ and
 *   accurate at leading logarithm (small m_X/√s); its rate is `sigmaMuMuX({ method: "splitting" })`.
 */
export type GeneratorMethod = "matrix-element" | "splitting";

/** Default values of the package's optional arguments. */
export const DEFAULTS: {
  /** Z' variant. */
  readonly variant: ZPrimeVariant;
  /** Dark coupling g_D of the fully-invisible Z': "g_D ≫ g'" (Belle2-inv), so BR(Z' → χχ̄) ≈ 1 for g' ≲ 0.1. */
  readonly darkCoupling: number;
  /** Dark-fermion mass m_χ of the fully-invisible Z' in GeV: "m_χ ≪ m_Z'" (Belle2-inv). */
  readonly darkMass: GeV;
  /** Fine-structure constant in e+e- production: α(0), as in the seeds (Jho2019 eq. (3.1)). */
  readonly alpha: number;
  /** Centre-of-mass energy √s in GeV: the Υ(4S) energy of Jho2019 and Belle2-4mu. */
  readonly sqrtS: GeV;
  /** Production method (see {@link ProductionMethod}): the seeds' massless-muon formula. */
  readonly productionMethod: ProductionMethod;
  /**
   * Signal-generator method (see {@link GeneratorMethod}): the exact matrix element, valid over the
   * whole kinematic range (the splitting functions stop at √s/2 - m_μ and are leading-log).
   */
  readonly generatorMethod: GeneratorMethod;
  /** Relative tolerance of the package's numerical integrals. */
  readonly rtol: number;
} = {
  variant: "vanilla",
  darkCoupling: 1,
  darkMass: gev(0),
  alpha: ALPHA,
  sqrtS: gev(10.58),
  productionMethod: "massless",
  generatorMethod: "matrix-element",
  rtol: 1e-10,
};
