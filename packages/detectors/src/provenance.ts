/**
 * Provenance of every number a detector model uses: a seed paper (with its section or
 * equation), another publication, or an assumption of ours (with the reason). Every curve,
 * resolution and acceptance in this package carries one, and {@link DetectorModel.description}
 * lists them all, so a parametrisation is never mistaken for a measurement.
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
  | "user";

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

/** The provenance given to a parameter the caller set explicitly. */
export const USER_PROVENANCE: Provenance = { kind: "user", citation: "set by the caller" };
