/**
 * The two bosons as typed, validated values.
 *
 * @packageDocumentation
 */
import { argumentError, type GeV, gev, requireNonNegative, requireOneOf, requirePositive } from "@muonphilic/units";
import { DEFAULTS, type Spin, type ZPrimeVariant } from "./defaults.js";

/**
 * The L_μ - L_τ gauge boson Z' (Jho2019 eqs. (2.1)-(2.4), Ibe2017 eqs. (3)-(4)): it couples with
 * strength g' to the vector currents of μ and τ (charges +1, -1) and to the left-handed ν_μ, ν_τ;
 * the fully-invisible variant adds a dark Dirac fermion χ with vector coupling g_D and mass m_χ.
 */
export interface ZPrimeModel {
  readonly kind: "zprime";
  /** m_Z' in GeV. */
  readonly mass: GeV;
  /** g' (dimensionless). */
  readonly coupling: number;
  readonly variant: ZPrimeVariant;
  /** g_D (dimensionless; 0 in the vanilla model). */
  readonly darkCoupling: number;
  /** m_χ in GeV (0 in the vanilla model). */
  readonly darkMass: GeV;
}

/** The muonphilic scalar S (Belle2-4mu): a Yukawa coupling L = -g_S S μ̄μ and nothing else. */
export interface ScalarModel {
  readonly kind: "scalar";
  /** m_S in GeV. */
  readonly mass: GeV;
  /** g_S (dimensionless). */
  readonly coupling: number;
}

/** Either boson. */
export type BosonModel = ZPrimeModel | ScalarModel;

/** Arguments of {@link zPrime}. */
export interface ZPrimeOptions {
  /** m_Z' in GeV, > 0. */
  readonly mass: number;
  /** g' ≥ 0. */
  readonly coupling: number;
  /** @defaultValue {@link DEFAULTS}.variant */
  readonly variant?: ZPrimeVariant;
  /**
   * g_D > 0, fully-invisible variant only (the vanilla Z' has no dark sector: a non-zero value
   * there throws). @defaultValue {@link DEFAULTS}.darkCoupling
   */
  readonly darkCoupling?: number;
  /**
   * m_χ in GeV, 0 ≤ m_χ < m_Z'/2, fully-invisible variant only (a non-zero value with the vanilla
   * variant throws). @defaultValue {@link DEFAULTS}.darkMass
   */
  readonly darkMass?: number;
}

/**
 * A validated Z' model.
 * @param options - mass (GeV), coupling g', variant, and for `fully-invisible` g_D and m_χ (GeV)
 * @returns the model (in the vanilla variant `darkCoupling` and `darkMass` are 0)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for mass ≤ 0, coupling < 0, darkCoupling ≤ 0 or
 *   darkMass < 0; `KINEMATICALLY_FORBIDDEN` (argument `darkMass`) if the fully-invisible Z' cannot
 *   decay to χχ̄ (m_χ ≥ m_Z'/2); `INVALID_ARGUMENT` (argument `darkCoupling` or `darkMass`) for a
 *   non-zero dark parameter with the vanilla variant, which has no dark sector (0, the value a
 *   vanilla {@link ZPrimeModel} carries, is accepted, so a model can be passed back in);
 *   `UNKNOWN_NAME` for an unknown variant
 * @example
 * ```ts
 * zPrime({ mass: 0.1, coupling: 5e-4 }); // vanilla
 * zPrime({ mass: 1, coupling: 1e-3, variant: "fully-invisible", darkCoupling: 1, darkMass: 0.1 });
 * ```
 */
export function zPrime(options: ZPrimeOptions): ZPrimeModel {
  const mass = requirePositive("mass", options.mass, "GeV");
  const coupling = requireNonNegative("coupling", options.coupling);
  const variant = requireOneOf("variant", options.variant ?? DEFAULTS.variant, ["vanilla", "fully-invisible"] as const);
  if (variant === "vanilla") {
    for (const argument of ["darkCoupling", "darkMass"] as const) {
      const value = options[argument];
      if (value !== undefined && value !== 0) {
        throw argumentError(
          "INVALID_ARGUMENT",
          argument,
          value,
          `omitted (or 0) with variant "vanilla", which has no dark sector: ${argument} needs variant "fully-invisible"`,
        );
      }
    }
    return { kind: "zprime", mass: gev(mass), coupling, variant, darkCoupling: 0, darkMass: gev(0) };
  }
  const darkCoupling = requirePositive("darkCoupling", options.darkCoupling ?? DEFAULTS.darkCoupling);
  const darkMass = requireNonNegative("darkMass", options.darkMass ?? DEFAULTS.darkMass, "GeV");
  if (!(2 * darkMass < mass)) {
    throw argumentError(
      "KINEMATICALLY_FORBIDDEN",
      "darkMass",
      darkMass,
      `< mass/2 = ${mass / 2} GeV (Z' → χχ̄ must be open)`,
    );
  }
  return { kind: "zprime", mass: gev(mass), coupling, variant, darkCoupling, darkMass: gev(darkMass) };
}

/** Arguments of {@link muonphilicScalar}. */
export interface ScalarOptions {
  /** m_S in GeV, > 0. */
  readonly mass: number;
  /** g_S ≥ 0. */
  readonly coupling: number;
}

/**
 * A validated muonphilic-scalar model.
 * @param options - mass (GeV) and Yukawa coupling g_S
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for mass ≤ 0 or coupling < 0
 * @example
 * ```ts
 * muonphilicScalar({ mass: 1, coupling: 1e-3 });
 * ```
 */
export function muonphilicScalar(options: ScalarOptions): ScalarModel {
  const mass = requirePositive("mass", options.mass, "GeV");
  const coupling = requireNonNegative("coupling", options.coupling);
  return { kind: "scalar", mass: gev(mass), coupling };
}

/** Validates a spin name. @throws {@link PhysError} `UNKNOWN_NAME` */
export function requireSpin(spin: unknown): Spin {
  return requireOneOf("spin", spin, ["vector", "scalar"] as const);
}
