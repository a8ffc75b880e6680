/**
 * Resolution models: the Gaussian width with which a detector measures a track's momentum or
 * a cluster's energy, in the forms the seeds publish.
 *
 * Every momentum or energy model gives a relative width σ_rel. Tracks are smeared by scaling the
 * three-momentum by (1 + σ_rel z), z ~ N(0, 1), keeping the direction (so σ_p/p = σ_pT/pT);
 * calorimeter objects by E → E (1 + σ_rel z) at fixed direction and mass. Track angles have their
 * own model ({@link TrackAngularResolutionSpec}: σ = a ⊕ b/(p β) for θ and for φ).
 *
 * @packageDocumentation
 */
import { PhysError, requireFinite, requireNonNegative, requireOneOf } from "@muonphilic/units";
import type { Provenance } from "./provenance.js";

/** One term c · X^(−power) of a relative resolution added in quadrature (X = E in GeV). */
export interface ResolutionTerm {
  /** The coefficient c (dimensionless when X is in GeV). */
  readonly coefficient: number;
  /** The power: 0.5 for a stochastic term c/√E, 0 for a constant term, 1 for a noise term c/E. */
  readonly power: number;
}

/**
 * A resolution model.
 *
 * - `none`: the quantity is measured exactly.
 * - `relativeMomentum`: σ_p/p = `sigma` (Jho2019 sec. 3.1 uses 0.005 in its analysis).
 * - `momentumBeta`: σ_p/p = `curvature`·p ⊕ `scattering`/β (Jho2019 eq. (3.10): 0.0011 GeV⁻¹, 0.0025).
 * - `transverseMomentum`: σ_pT/pT = `curvature`·p_T ⊕ `constant` (Belle2-4mu sec. II: 0.001 GeV⁻¹, 0.003).
 * - `energy`: σ_E/E = ⊕_i c_i E^(−power_i) (calorimeters).
 *
 * ⊕ is the sum in quadrature, √(a² + b²).
 */
export type ResolutionSpec =
  | { readonly kind: "none"; readonly provenance?: Provenance }
  | { readonly kind: "relativeMomentum"; readonly sigma: number; readonly provenance?: Provenance }
  | {
      readonly kind: "momentumBeta";
      /** Coefficient of p, in GeV⁻¹. */
      readonly curvature: number;
      /** Coefficient of 1/β (multiple scattering). */
      readonly scattering: number;
      readonly provenance?: Provenance;
    }
  | {
      readonly kind: "transverseMomentum";
      /** Coefficient of p_T, in GeV⁻¹. */
      readonly curvature: number;
      /** Constant term. */
      readonly constant: number;
      readonly provenance?: Provenance;
    }
  | { readonly kind: "energy"; readonly terms: readonly ResolutionTerm[]; readonly provenance?: Provenance };

/** The kinds of {@link ResolutionSpec}. */
export const RESOLUTION_KINDS = ["none", "relativeMomentum", "momentumBeta", "transverseMomentum", "energy"] as const;

/** A validated resolution model. */
export interface Resolution {
  /** The validated description. */
  readonly spec: ResolutionSpec;
  /** What is smeared: the three-momentum (tracks), the energy (clusters), or nothing. */
  readonly smears: "momentum" | "energy" | "none";
  /**
   * The relative width σ_rel for a particle. A numeric kernel: `NaN` for unphysical input
   * (β ≤ 0, E ≤ 0 with an energy term of positive power), never throws.
   * @param p - momentum (GeV)
   * @param pt - transverse momentum (GeV)
   * @param e - energy (GeV)
   * @param beta - velocity p/E (units of c)
   */
  relativeSigma(p: number, pt: number, e: number, beta: number): number;
}

/** Published Belle II tracking-resolution coefficients. */
export const BELLE2_TRACKING = {
  /** σ_p/p = 0.0011 p[GeV] ⊕ 0.0025/β: Jho2019 eq. (3.10), quoting the Belle II TDR. */
  jho2019: { curvature: 0.0011, scattering: 0.0025 },
  /** σ_pT/pT = 0.1% p_T[GeV] ⊕ 0.3%: Belle2-4mu sec. II. */
  fourMuon: { curvature: 0.001, constant: 0.003 },
  /** The flat σ_p/p = 0.005 Jho2019 sec. 3.1 uses "in our event analysis at the detector level". */
  jho2019Flat: { sigma: 0.005 },
} as const;

/**
 * Belle II relative momentum resolution, Jho2019 eq. (3.10):
 * σ_p/p = 0.0011 p ⊕ 0.0025/β with p in GeV and β = p/E.
 *
 * @param p - track momentum (GeV)
 * @param mass - the particle's mass (GeV), for β
 * @returns σ_p/p (dimensionless); `NaN` for p ≤ 0 or a negative mass
 * @example
 * ```ts
 * belle2MomentumResolution(4, 0.1056583755); // ≈ 0.00491 (σ_p ≈ 20 MeV, Jho2019 sec. 3.1: "15-25 MeV")
 * ```
 */
export function belle2MomentumResolution(p: number, mass: number): number {
  if (!(p > 0) || !(mass >= 0)) return Number.NaN;
  const beta = p / Math.sqrt(p * p + mass * mass);
  return Math.hypot(BELLE2_TRACKING.jho2019.curvature * p, BELLE2_TRACKING.jho2019.scattering / beta);
}

/**
 * Belle II relative transverse-momentum resolution, Belle2-4mu sec. II:
 * σ_pT/pT = 0.1% p_T ⊕ 0.3% with p_T in GeV.
 *
 * @param pt - transverse momentum (GeV)
 * @returns σ_pT/pT (dimensionless); `NaN` for p_T < 0
 * @example
 * ```ts
 * belle2PtResolution(1); // ≈ 0.00316
 * ```
 */
export function belle2PtResolution(pt: number): number {
  if (!(pt >= 0)) return Number.NaN;
  return Math.hypot(BELLE2_TRACKING.fourMuon.curvature * pt, BELLE2_TRACKING.fourMuon.constant);
}

/**
 * Relative calorimeter resolution σ_E/E = ⊕_i c_i E^(−power_i).
 *
 * @param e - energy (GeV)
 * @param terms - the terms added in quadrature
 * @returns σ_E/E; `NaN` for E ≤ 0
 * @example
 * ```ts
 * calorimeterResolution(4, [{ coefficient: 0.013, power: 0.5 }]); // 0.0065
 * ```
 */
export function calorimeterResolution(e: number, terms: readonly ResolutionTerm[]): number {
  if (!(e > 0)) return Number.NaN;
  let s = 0;
  for (const t of terms) {
    const x = t.coefficient * e ** -t.power;
    s += x * x;
  }
  return Math.sqrt(s);
}

/** One angle's resolution σ = a ⊕ b/(p β): a constant (measurement) term and a multiple-scattering term. */
export interface AngleResolutionTerms {
  /** The constant term a (rad). */
  readonly constantRad: number;
  /** The multiple-scattering coefficient b (GeV·rad): the term is b/(p β) with p in GeV. */
  readonly scatteringGeVRad: number;
}

/**
 * A track angular resolution: the polar angle θ and the azimuth φ are measured with independent
 * Gaussian errors σ_θ = a_θ ⊕ b_θ/(p β) and σ_φ = a_φ ⊕ b_φ/(p β) (a constant term plus a
 * multiple-scattering term that grows as 1/(p β) at low momentum, the usual form of a tracker's
 * angular resolution). Smearing keeps the transverse momentum of the momentum smearing and moves
 * (θ, φ): the measured track is (p_T, θ, φ) with independent errors, the parametrisation of a
 * helix fit and of `trackCovariance` in `@muonphilic/kinematics`.
 */
export interface TrackAngularResolutionSpec {
  /** σ_θ terms. */
  readonly theta: AngleResolutionTerms;
  /** σ_φ terms (the azimuth itself, in rad). */
  readonly phi: AngleResolutionTerms;
  /** Where the numbers come from. */
  readonly provenance?: Provenance;
}

/**
 * One angle's resolution σ = a ⊕ b/(p β) (numeric kernel).
 *
 * @param terms - the constant term a (rad) and the scattering coefficient b (GeV·rad)
 * @param p - track momentum (GeV)
 * @param beta - velocity p/E (units of c)
 * @returns σ (rad); `NaN` for p ≤ 0 or β outside (0, 1]
 * @example
 * ```ts
 * angleResolution({ constantRad: 3e-4, scatteringGeVRad: 1e-3 }, 1, 0.994); // ≈ 1.05e-3 rad
 * ```
 */
export function angleResolution(terms: AngleResolutionTerms, p: number, beta: number): number {
  if (!(p > 0 && beta > 0 && beta <= 1)) return Number.NaN;
  const ms = terms.scatteringGeVRad / (p * beta);
  return Math.sqrt(terms.constantRad * terms.constantRad + ms * ms);
}

/**
 * Validates a track angular resolution.
 * @param argument - the argument name used in error messages
 * @param spec - the description
 * @returns the validated description (numbers checked, provenance kept)
 * @throws {@link PhysError} `INVALID_ARGUMENT` for a malformed description or a non-finite number;
 *   `OUT_OF_DOMAIN` for a negative coefficient
 * @example
 * ```ts
 * const terms = { constantRad: 3e-4, scatteringGeVRad: 1e-3 };
 * makeTrackAngularResolution("angles", { theta: terms, phi: terms });
 * ```
 */
export function makeTrackAngularResolution(
  argument: string,
  spec: TrackAngularResolutionSpec,
): TrackAngularResolutionSpec {
  if (spec === null || typeof spec !== "object") {
    throw new PhysError("INVALID_ARGUMENT", `${argument} must be a track angular resolution`, {
      argument,
      value: spec,
      allowed: "{ theta: { constantRad, scatteringGeVRad }, phi: { constantRad, scatteringGeVRad } }",
    });
  }
  const terms = (name: "theta" | "phi"): AngleResolutionTerms => {
    const t = spec[name];
    if (t === null || typeof t !== "object") {
      throw new PhysError("INVALID_ARGUMENT", `${argument}.${name} must be { constantRad, scatteringGeVRad }`, {
        argument: `${argument}.${name}`,
        value: t,
        allowed: "{ constantRad, scatteringGeVRad }",
      });
    }
    return {
      constantRad: requireCoefficient(`${argument}.${name}.constantRad`, t.constantRad),
      scatteringGeVRad: requireCoefficient(`${argument}.${name}.scatteringGeVRad`, t.scatteringGeVRad),
    };
  };
  const theta = terms("theta");
  const phi = terms("phi");
  return spec.provenance === undefined ? { theta, phi } : { theta, phi, provenance: spec.provenance };
}

function requireCoefficient(argument: string, value: unknown): number {
  return requireNonNegative(argument, value);
}

/**
 * Validates a resolution description.
 * @param argument - the argument name used in error messages
 * @param spec - the description
 * @returns the compiled {@link Resolution}
 * @throws {@link PhysError} `UNKNOWN_NAME` for an unknown kind; `OUT_OF_DOMAIN` for a negative
 *   coefficient; `INVALID_ARGUMENT` for a non-finite number or missing terms
 * @example
 * ```ts
 * const r = makeResolution("tracking", { kind: "transverseMomentum", curvature: 0.001, constant: 0.003 });
 * r.relativeSigma(2, 1, 2.003, 0.998); // ≈ 0.00316
 * ```
 */
export function makeResolution(argument: string, spec: ResolutionSpec): Resolution {
  if (spec === null || typeof spec !== "object") {
    throw new PhysError("INVALID_ARGUMENT", `${argument} must be a resolution description`, {
      argument,
      value: spec,
      allowed: `{ kind: ${RESOLUTION_KINDS.join(" | ")}, ... }`,
    });
  }
  const kind = requireOneOf(`${argument}.kind`, spec.kind, RESOLUTION_KINDS);
  switch (kind) {
    case "none":
      return { spec, smears: "none", relativeSigma: () => 0 };
    case "relativeMomentum": {
      const s = requireCoefficient(`${argument}.sigma`, (spec as { sigma: unknown }).sigma);
      return { spec, smears: "momentum", relativeSigma: (p) => (p > 0 ? s : Number.NaN) };
    }
    case "momentumBeta": {
      const sp = spec as { curvature: unknown; scattering: unknown };
      const a = requireCoefficient(`${argument}.curvature`, sp.curvature);
      const b = requireCoefficient(`${argument}.scattering`, sp.scattering);
      return {
        spec,
        smears: "momentum",
        relativeSigma: (p, _pt, _e, beta) =>
          p > 0 && beta > 0 ? Math.sqrt((a * p) ** 2 + (b / beta) ** 2) : Number.NaN,
      };
    }
    case "transverseMomentum": {
      const sp = spec as { curvature: unknown; constant: unknown };
      const a = requireCoefficient(`${argument}.curvature`, sp.curvature);
      const b = requireCoefficient(`${argument}.constant`, sp.constant);
      return {
        spec,
        smears: "momentum",
        relativeSigma: (_p, pt) => (pt >= 0 ? Math.sqrt((a * pt) ** 2 + b * b) : Number.NaN),
      };
    }
    case "energy": {
      const terms = (spec as { terms: unknown }).terms;
      if (!Array.isArray(terms) || terms.length === 0) {
        throw new PhysError("INVALID_ARGUMENT", `${argument}.terms must be a non-empty array`, {
          argument: `${argument}.terms`,
          value: terms,
          allowed: "[{ coefficient, power }, ...]",
        });
      }
      const checked: ResolutionTerm[] = terms.map((t: { coefficient?: unknown; power?: unknown }, i: number) => ({
        coefficient: requireCoefficient(`${argument}.terms[${i}].coefficient`, t?.coefficient),
        power: requireFinite(`${argument}.terms[${i}].power`, t?.power),
      }));
      return { spec, smears: "energy", relativeSigma: (_p, _pt, e) => calorimeterResolution(e, checked) };
    }
  }
}
