/**
 * Fixed-target 2 → 2 elastic kinematics: a beam particle (mass m₁, energy E) on a target particle
 * (mass m₂) at rest, as at MUonE (150 GeV μ on atomic e⁻; Asai2022 sec. II).
 *
 * Closed forms (Asai2022 eqs. (1)-(3), written for any masses):
 *   s = m₁² + m₂² + 2 m₂ E                                             (eq. (2))
 *   γ = (E + m₂)/√s,  β = √(E² − m₁²)/(E + m₂)   (the CM velocity in the lab)
 *   R = (m₁² + m₂ E)/(m₂² + m₂ E) = E₁* / E₂* = β / β₁*
 *   tan θ₁ = 2 tan θ₂ / ((1 + R)(1 + γ² tan²θ₂) − 2)                   (eq. (1))
 *   E₂ = m₂ (1 + β² cos²θ₂)/(1 − β² cos²θ₂)                             (eq. (3))
 * with θ₁ the beam-particle angle and θ₂ ∈ [0, π/2] the target-particle angle. When R > 1 (m₁ > m₂)
 * the beam particle has a maximal angle, tan θ₁^max = 1/(γ √(R² − 1)). Asai2022 prints this as
 * "θ_μ^(max) = 1/(γ√(R² − 1)) ≃ 4.84 mrad": the expression is tan θ^max (4.836388 mrad), the angle
 * itself is arctan of it, 4.836350 mrad (shared/reference record muone-theta-mu-max-printed-mrad).
 * For m₁ < m₂ the beam particle can scatter backwards (R < 1) and eq. (1) is read with atan2, so
 * θ₁ ∈ [0, π]; for m₁ = m₂, θ₁^max = π/2.
 *
 * The exact route ({@link FixedTargetElastic.finalState}) builds the final state in the CM frame
 * (momentum p* = √λ(s, m₁², m₂²)/(2√s) at CM angle θ*) and boosts it to the lab; the tests check the
 * closed forms against it.
 *
 * @packageDocumentation
 */
import {
  argumentError,
  type GeV,
  type GeV2,
  gev,
  gev2,
  PhysError,
  type Rad,
  rad,
  requireFinite,
  requireInRange,
  requirePositive,
} from "@muonphilic/units";
import type { FourVector } from "./types.js";

/** Inputs of {@link fixedTargetElastic}. */
export interface FixedTargetElasticOptions {
  /** Beam-particle energy in the lab (GeV, > beamMass). */
  readonly beamEnergy: number;
  /** Beam-particle mass (GeV, > 0). */
  readonly beamMass: number;
  /** Target-particle mass (GeV, > 0); the target is at rest. */
  readonly targetMass: number;
}

/** The final state of one elastic scattering in the lab. */
export interface ElasticFinalState {
  /** The scattered beam particle (GeV). */
  readonly beam: FourVector;
  /** The recoiling target particle (GeV). */
  readonly target: FourVector;
}

/** Elastic 2 → 2 kinematics for one beam energy and pair of masses (see the module documentation). */
export interface FixedTargetElastic {
  /** s = m₁² + m₂² + 2 m₂ E (GeV², Asai2022 eq. (2)). */
  readonly s: GeV2;
  /** √s (GeV); 0.40554 GeV at MUonE. */
  readonly sqrtS: GeV;
  /** γ of the CM frame in the lab, (E + m₂)/√s. */
  readonly gamma: number;
  /** β of the CM frame in the lab, √(E² − m₁²)/(E + m₂) (along +z, the beam direction). */
  readonly beta: number;
  /** R = (m₁² + m₂E)/(m₂² + m₂E), the ratio of the CM energies of beam and target particles. */
  readonly r: number;
  /** The CM momentum p* of either particle (GeV). */
  readonly momentumCm: GeV;
  /**
   * The largest lab angle of the scattered beam particle (rad): arctan(1/(γ√(R² − 1))) for
   * m₁ > m₂ (Asai2022 after eq. (3), read as tan θ^max), π/2 for m₁ = m₂, π for m₁ < m₂.
   */
  readonly maxBeamAngle: Rad;
  /** The largest target-particle energy, at θ₂ = 0 (GeV): eq. (3) with cos θ₂ = 1. */
  readonly maxTargetEnergy: GeV;
  /**
   * The beam-particle angle for a target-particle angle, Asai2022 eq. (1) (with atan2).
   * @param targetAngle - θ₂ (rad, in [0, π/2])
   * @returns θ₁ (rad)
   * @throws {@link PhysError} `OUT_OF_DOMAIN` outside [0, π/2]
   */
  beamAngle(targetAngle: number): Rad;
  /**
   * The target-particle energy for its angle, Asai2022 eq. (3).
   * @param targetAngle - θ₂ (rad, in [0, π/2])
   * @returns E₂ (GeV)
   * @throws {@link PhysError} `OUT_OF_DOMAIN` outside [0, π/2]
   */
  targetEnergy(targetAngle: number): GeV;
  /**
   * The smallest target-particle energy among events whose beam-particle angle exceeds a
   * threshold (Asai2022 Fig. 1): eq. (3) at the largest θ₂ solving eq. (1) for θ₁ = θ_th.
   * At θ_th = 0 it is the infimum m₂.
   * @param beamAngleThreshold - θ_th (rad, in [0, maxBeamAngle))
   * @returns E₂^min (GeV)
   * @throws {@link PhysError} `OUT_OF_DOMAIN` outside [0, π], `KINEMATICALLY_FORBIDDEN` if θ_th ≥ maxBeamAngle
   */
  minTargetEnergy(beamAngleThreshold: number): GeV;
  /**
   * The exact final state for a CM scattering angle: built in the CM frame and boosted to the lab.
   * @param cosThetaCm - cos θ* of the beam particle in the CM (in [−1, 1]; 1 is no scattering)
   * @param phi - azimuth of the beam particle (rad; default 0)
   * @throws {@link PhysError} `OUT_OF_DOMAIN` outside [−1, 1]
   */
  finalState(cosThetaCm: number, phi?: number): ElasticFinalState;
}

function requireTargetAngle(targetAngle: number): number {
  return requireInRange("targetAngle", targetAngle, 0, Math.PI / 2, { unit: "rad" });
}

/**
 * Elastic scattering of a beam particle on a target particle at rest (Asai2022 eqs. (1)-(3)).
 * @param options - beam energy (GeV), beam mass (GeV), target mass (GeV)
 * @returns the kinematics (see {@link FixedTargetElastic})
 * @throws {@link PhysError} `INVALID_ARGUMENT` for non-finite input, `OUT_OF_DOMAIN` for non-positive
 *   masses or a beam energy not above the beam mass
 * @example
 * ```ts
 * const muone = fixedTargetElastic({ beamEnergy: 150, beamMass: M_MU, targetMass: M_E });
 * muone.sqrtS;                 // 0.40554 GeV (Asai2022: ≃ 406 MeV)
 * muone.maxBeamAngle;          // 4.8364e-3 rad
 * muone.minTargetEnergy(1.5e-3); // 37.94 GeV (Asai2022: ≃ 38 GeV)
 * ```
 */
export function fixedTargetElastic(options: FixedTargetElasticOptions): FixedTargetElastic {
  if (typeof options !== "object" || options === null) {
    throw argumentError("INVALID_ARGUMENT", "options", options, "{ beamEnergy, beamMass, targetMass }");
  }
  const m1 = requirePositive("beamMass", options.beamMass, "GeV");
  const m2 = requirePositive("targetMass", options.targetMass, "GeV");
  const energy = requireFinite("beamEnergy", options.beamEnergy);
  if (!(energy > m1)) throw argumentError("OUT_OF_DOMAIN", "beamEnergy", energy, `> beamMass = ${m1} GeV`);

  const s = m1 * m1 + m2 * m2 + 2 * m2 * energy; // eq. (2)
  const sqrtS = Math.sqrt(s);
  const pBeam = Math.sqrt((energy - m1) * (energy + m1));
  const gamma = (energy + m2) / sqrtS;
  const beta = pBeam / (energy + m2);
  const r = (m1 * m1 + m2 * energy) / (m2 * m2 + m2 * energy);
  // p* = m₂ p_beam/√s (the target's CM momentum is γβ m₂): no cancellation.
  const momentumCm = (m2 * pBeam) / sqrtS;
  const g2 = gamma * gamma;
  const b2 = beta * beta;

  const maxBeamAngle = r > 1 ? Math.atan(1 / (gamma * Math.sqrt((r - 1) * (r + 1)))) : r === 1 ? Math.PI / 2 : Math.PI;
  const energyAtCos2 = (c2: number): GeV => gev((m2 * (1 + b2 * c2)) / (1 - b2 * c2)); // eq. (3)

  return {
    s: gev2(s),
    sqrtS: gev(sqrtS),
    gamma,
    beta,
    r,
    momentumCm: gev(momentumCm),
    maxBeamAngle: rad(maxBeamAngle),
    maxTargetEnergy: energyAtCos2(1),
    beamAngle(targetAngle) {
      requireTargetAngle(targetAngle);
      // eq. (1) multiplied through by cos²θ₂, so θ₂ = π/2 needs no tan.
      const c = Math.cos(targetAngle);
      const sn = Math.sin(targetAngle);
      return rad(Math.atan2(2 * sn * c, (1 + r) * (c * c + g2 * sn * sn) - 2 * c * c));
    },
    targetEnergy(targetAngle) {
      requireTargetAngle(targetAngle);
      const c = Math.cos(targetAngle);
      return energyAtCos2(c * c);
    },
    minTargetEnergy(beamAngleThreshold) {
      requireInRange("beamAngleThreshold", beamAngleThreshold, 0, Math.PI, { unit: "rad" });
      if (!(beamAngleThreshold < maxBeamAngle)) {
        throw new PhysError(
          "KINEMATICALLY_FORBIDDEN",
          `beamAngleThreshold must be < the maximal beam angle ${maxBeamAngle} rad, got ${beamAngleThreshold}`,
          { argument: "beamAngleThreshold", value: beamAngleThreshold, allowed: `[0, ${maxBeamAngle}) rad` },
        );
      }
      if (beamAngleThreshold === 0) return gev(m2);
      // eq. (1) with θ₁ = θ_th (u = sin θ_th, v = cos θ_th) is quadratic in t = tan θ₂:
      //   u (1 + R) γ² t² − 2 v t + u (R − 1) = 0.
      // The larger root is the largest θ₂ (smallest E₂); it is the only positive root when R < 1.
      const u = Math.sin(beamAngleThreshold);
      const v = Math.cos(beamAngleThreshold);
      const disc = Math.max(0, v * v - u * u * g2 * (r - 1) * (r + 1));
      const t = (v + Math.sqrt(disc)) / (u * (1 + r) * g2);
      return energyAtCos2(1 / (1 + t * t));
    },
    finalState(cosThetaCm, phi = 0) {
      requireInRange("cosThetaCm", cosThetaCm, -1, 1);
      requireFinite("phi", phi);
      const sn = Math.sqrt(Math.max(0, 1 - cosThetaCm * cosThetaCm));
      const x = momentumCm * sn * Math.cos(phi);
      const y = momentumCm * sn * Math.sin(phi);
      const z = momentumCm * cosThetaCm;
      const e1 = (s + m1 * m1 - m2 * m2) / (2 * sqrtS);
      const e2 = (s + m2 * m2 - m1 * m1) / (2 * sqrtS);
      // Boost along +z with γ = (E + m₂)/√s taken as such: recomputing it from β would lose
      // ε γ² of relative precision (γ ≈ 370 at MUonE).
      const gb = pBeam / sqrtS;
      return {
        beam: { e: gamma * e1 + gb * z, px: x, py: y, pz: gamma * z + gb * e1 },
        target: { e: gamma * e2 - gb * z, px: -x, py: -y, pz: -gamma * z + gb * e2 },
      };
    },
  };
}
