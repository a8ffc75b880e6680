/**
 * Particle species: the physics a particle name does not carry. Generator-level events name
 * their particles freely (`"muPlus1"`, `"gammaIsr"`); the caller declares each name's species,
 * which decides how the detector responds to it.
 *
 * @packageDocumentation
 */
import { PhysError, requireOneOf } from "@muonphilic/units";

/** The species a detector model distinguishes. Neutrinos and dark-sector particles are `"invisible"`. */
export type Species = "muon" | "electron" | "pion" | "kaon" | "proton" | "photon" | "invisible";

/** Every {@link Species}, in a fixed order. */
export const SPECIES: readonly Species[] = ["muon", "electron", "pion", "kaon", "proton", "photon", "invisible"];

/** The species that leave a track (electrically charged). */
export const CHARGED_SPECIES: readonly Species[] = ["muon", "electron", "pion", "kaon", "proton"];

/**
 * Reconstructed particle-identification outcome codes, as stored in
 * {@link ReconstructedParticle.pid}: `none` (not identified as a lepton, or not reconstructed),
 * `muon`, `electron`.
 */
export const PID = { none: 0, muon: 1, electron: 2 } as const;

/** One value of {@link PID}. */
export type PidCode = (typeof PID)[keyof typeof PID];

/** How one particle name is declared: its species, optionally its electric charge (in units of e). */
export interface ParticleDeclaration {
  /** The species. */
  readonly species: Species;
  /** Electric charge in units of e (−1, 0, +1); carried to the output for charge requirements. */
  readonly charge?: number;
}

/** The species of every particle name of an event batch: a species, or a full declaration. */
export type SpeciesDeclaration = { readonly [name: string]: Species | ParticleDeclaration };

/**
 * Normalises one declaration.
 * @param name - the particle name (for messages)
 * @param value - a species or a declaration
 * @returns the declaration with a validated species and charge
 * @throws {@link PhysError} `UNKNOWN_NAME` for an unknown species, `INVALID_ARGUMENT` for a bad charge
 */
export function normaliseDeclaration(name: string, value: Species | ParticleDeclaration): ParticleDeclaration {
  if (typeof value === "string") return { species: requireOneOf(`species.${name}`, value, SPECIES) };
  if (value === null || typeof value !== "object") {
    throw new PhysError("INVALID_ARGUMENT", `species.${name} must be a species or { species, charge }`, {
      argument: `species.${name}`,
      value,
      allowed: "a species name or { species, charge? }",
    });
  }
  const species = requireOneOf(`species.${name}.species`, value.species, SPECIES);
  if (value.charge === undefined) return { species };
  const charge = value.charge;
  if (!Number.isInteger(charge) || Math.abs(charge) > 1 || (charge !== 0) !== CHARGED_SPECIES.includes(species)) {
    throw new PhysError(
      "INVALID_ARGUMENT",
      `species.${name}.charge must be ${CHARGED_SPECIES.includes(species) ? "-1 or +1" : "0"} for a ${species}, got ${String(charge)}`,
      {
        argument: `species.${name}.charge`,
        value: charge,
        allowed: CHARGED_SPECIES.includes(species) ? "-1 | 1" : "0",
      },
    );
  }
  return { species, charge };
}
