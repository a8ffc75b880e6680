/**
 * Provenance of every number a detector model uses: a seed paper (with its section or
 * equation), another publication, or an assumption of ours (with the reason). Every curve,
 * resolution and acceptance in this package carries one, and {@link DetectorModel.description}
 * lists them all, so a parametrisation is never mistaken for a measurement.
 *
 * The same type labels the components of `@muonphilic/backgrounds` toys, which add two kinds:
 * `computed` (a calculation of ours from first principles at a stated order, with published
 * inputs) and `parametrised` (a functional form standing in for a calculation or a measurement:
 * never a prediction).
 *
 * @packageDocumentation
 */

/** Where a number comes from. */
export type ProvenanceKind =
  /** Quoted from one of the seed papers (docs/references.md); `citation` names section or equation. */
  | "seed"
  /** Quoted from a publication that is not a seed (named in `citation`). */
  | "external"
  /** No published number is available to us: a documented, configurable choice. */
  | "assumption"
  /** Chosen by the caller (the default was overridden). */
  | "user"
  /**
   * Calculated in this project from first principles at the order named in `citation` (for
   * example tree-level QED), with published inputs (PDG constants): a prediction at that order.
   */
  | "computed"
  /**
   * A parametrisation: a functional form (a fit, a model such as a Gounaris-Sakurai form factor or
   * the equivalent-photon approximation, or a curve shaped to match a quoted range) standing in for
   * a calculation or a measurement. Its parameters may be published, but the result is not a
   * prediction; `citation` names the form and what it is known to miss.
   */
  | "parametrised";

/** The origin of a number or curve, for the model description, the README and the cut flow. */
export interface Provenance {
  /** What kind of source this is. */
  readonly kind: ProvenanceKind;
  /** The citation (`"Jho2019 eq. (3.10)"`) or, for an assumption, the reason for the choice. */
  readonly citation: string;
}

/**
 * A number taken from a seed paper.
 * @param citation - key and place, e.g. `"Jho2019 sec. 3.3"`
 * @returns a {@link Provenance} of kind `"seed"`
 * @example
 * ```ts
 * fromSeed("Jho2019 eq. (3.10)"); // { kind: "seed", citation: "Jho2019 eq. (3.10)" }
 * ```
 */
export function fromSeed(citation: string): Provenance {
  return { kind: "seed", citation };
}

/**
 * A number taken from a publication that is not a seed.
 * @param citation - the publication and place
 * @returns a {@link Provenance} of kind `"external"`
 * @example
 * ```ts
 * fromExternal("Abashian2002 Table 1");
 * ```
 */
export function fromExternal(citation: string): Provenance {
  return { kind: "external", citation };
}

/**
 * A documented choice where no published number is available.
 * @param reason - why this value was chosen and what would replace it
 * @returns a {@link Provenance} of kind `"assumption"`
 * @example
 * ```ts
 * assumption("tracking efficiency not quoted in the seeds; 1 inside the CDC acceptance");
 * ```
 */
export function assumption(reason: string): Provenance {
  return { kind: "assumption", citation: reason };
}

/**
 * A number calculated in this project from first principles.
 * @param citation - the order, the formula or module, and the published inputs
 * @returns a {@link Provenance} of kind `"computed"`
 * @example
 * ```ts
 * fromComputation("tree-level QED with the Kuraev-Fadin ISR radiator; PDG 2022 Γ_ee");
 * ```
 */
export function fromComputation(citation: string): Provenance {
  return { kind: "computed", citation };
}

/**
 * A parametrisation (never a prediction).
 * @param citation - the functional form, where its parameters come from, and what it misses
 * @returns a {@link Provenance} of kind `"parametrised"`
 * @example
 * ```ts
 * parametrisation("Gounaris-Sakurai ρ form factor (GS1968): Γ_ee 17% below the PDG value");
 * ```
 */
export function parametrisation(citation: string): Provenance {
  return { kind: "parametrised", citation };
}

/** The provenance given to a parameter the caller set explicitly. */
export const USER_PROVENANCE: Provenance = { kind: "user", citation: "set by the caller" };
