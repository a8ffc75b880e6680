import { M_E, M_MU } from "@muonphilic/units";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectPhysError } from "../test/helpers.js";
import { fixedTargetElastic } from "./fixedTarget.js";
import { add, mass, theta } from "./fourvector.js";

const cases = {
  "MUonE μ on e (R > 1)": { beamEnergy: 150, beamMass: M_MU, targetMass: M_E },
  "equal masses (R = 1)": { beamEnergy: 3, beamMass: 0.5, targetMass: 0.5 },
  "e on μ (R < 1, backscattering)": { beamEnergy: 0.3, beamMass: M_E, targetMass: M_MU },
};

/**
 * The exact route, independently of the closed forms: the largest cos θ* (smallest target energy)
 * whose lab beam angle exceeds θ_th, found by bisection on the boosted final state. θ₁(cos θ*) is
 * monotonic on [max(−1, −1/R), 1] (the maximum of θ₁ is at cos θ* = −1/R).
 */
function minTargetEnergyByBisection(k: ReturnType<typeof fixedTargetElastic>, threshold: number): number {
  let lo = Math.max(-1, -1 / k.r);
  let hi = 1;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (theta(k.finalState(mid).beam) > threshold) lo = mid;
    else hi = mid;
  }
  return k.finalState(lo).target.e;
}

describe("fixed-target elastic kinematics", () => {
  for (const [name, opts] of Object.entries(cases)) {
    describe(name, () => {
      const k = fixedTargetElastic(opts);

      it("the exact final state conserves four-momentum and has mass √s", () => {
        const f = k.finalState(0.3, 0.7);
        const tot = add(f.beam, f.target);
        expect(tot.e).toBeCloseToRel(opts.beamEnergy + opts.targetMass, 1e-14);
        expect(tot.pz).toBeCloseToRel(Math.sqrt(opts.beamEnergy ** 2 - opts.beamMass ** 2), 1e-14);
        expect(mass(f.target)).toBeCloseToRel(opts.targetMass, 1e-6); // E ≫ m: m² = E² − p² cancels
        expect(k.sqrtS).toBeCloseToRel(mass({ e: opts.beamEnergy + opts.targetMass, px: 0, py: 0, pz: tot.pz }), 1e-10);
      });

      // eq. (1) and eq. (3) against the boosted CM final state, over the whole range of cos θ*.
      // Tolerance: the target angle taken from the exact route carries a rounding error that eq. (3)
      // amplifies by up to ~γ² (1 − β²cos²θ₂ cancels): γ² ε ≈ 3e-11 at MUonE, so 1e-9 relative.
      it("property: eqs. (1) and (3) agree with the boost from the CM", () => {
        fc.assert(
          fc.property(fc.double({ min: -0.999999, max: 0.999999, noNaN: true }), (c) => {
            const f = k.finalState(c);
            const targetAngle = theta(f.target);
            fc.pre(targetAngle < Math.PI / 2 && targetAngle > 0);
            expect(k.beamAngle(targetAngle)).toBeCloseToRel(theta(f.beam), 1e-9, 1e-15);
            expect(k.targetEnergy(targetAngle)).toBeCloseToRel(f.target.e, 1e-9);
          }),
        );
      });

      it("the maximal beam angle is the maximum over the exact final states", () => {
        let best = 0;
        // cos θ* = −1 is excluded: with equal masses the beam particle is then at rest (no angle).
        for (let i = 1; i <= 20000; i++) best = Math.max(best, theta(k.finalState(-1 + i / 10000).beam));
        // The grid in cos θ* has step 1e-4 and θ₁ is quadratic near an interior maximum (R > 1);
        // for R ≤ 1 the supremum is reached only at cos θ* = −1, approached like √(1 + cos θ*).
        if (k.r > 1) expect(best).toBeCloseToRel(k.maxBeamAngle, 1e-6);
        else expect(best).toBeCloseToRel(k.maxBeamAngle, 0.02);
        expect(best).toBeLessThanOrEqual(k.maxBeamAngle * (1 + 1e-12));
      });

      it("minTargetEnergy agrees with a bisection on the exact final state", () => {
        for (const f of [0.05, 0.3, 0.6, 0.9, 0.99]) {
          const threshold = f * Math.min(k.maxBeamAngle, 3);
          expect(k.minTargetEnergy(threshold)).toBeCloseToRel(minTargetEnergyByBisection(k, threshold), 1e-9);
        }
        expect(k.minTargetEnergy(0)).toBe(opts.targetMass);
      });

      it("target energy runs from m₂ at 90° to the maximum forward", () => {
        expect(k.targetEnergy(Math.PI / 2)).toBeCloseToRel(opts.targetMass, 1e-15);
        expect(k.targetEnergy(0)).toBeCloseToRel(k.maxTargetEnergy, 1e-15);
        expect(k.maxTargetEnergy).toBeCloseToRel(k.finalState(-1).target.e, 1e-10);
        expect(k.beamAngle(Math.PI / 2)).toBeCloseToRel(0, 0, 1e-15); // cos(π/2) ≈ 6e-17 in binary
        expect(k.beamAngle(0)).toBe(k.r < 1 ? Math.PI : 0);
      });
    });
  }

  it("rejects bad input", () => {
    expectPhysError(
      () => fixedTargetElastic({ beamEnergy: 0.05, beamMass: M_MU, targetMass: M_E }),
      "OUT_OF_DOMAIN",
      "beamEnergy",
    );
    expectPhysError(
      () => fixedTargetElastic({ beamEnergy: 150, beamMass: -1, targetMass: M_E }),
      "OUT_OF_DOMAIN",
      "beamMass",
    );
    expectPhysError(
      () => fixedTargetElastic({ beamEnergy: 150, beamMass: M_MU, targetMass: 0 }),
      "OUT_OF_DOMAIN",
      "targetMass",
    );
    expectPhysError(
      () => fixedTargetElastic({ beamEnergy: Number.NaN, beamMass: M_MU, targetMass: M_E }),
      "INVALID_ARGUMENT",
      "beamEnergy",
    );
    const k = fixedTargetElastic(cases["MUonE μ on e (R > 1)"]);
    expectPhysError(() => k.beamAngle(2), "OUT_OF_DOMAIN", "targetAngle");
    expectPhysError(() => k.targetEnergy(-0.1), "OUT_OF_DOMAIN", "targetAngle");
    expectPhysError(() => k.minTargetEnergy(0.005), "KINEMATICALLY_FORBIDDEN", "beamAngleThreshold");
    expectPhysError(() => k.minTargetEnergy(Number.NaN), "INVALID_ARGUMENT", "beamAngleThreshold");
    expectPhysError(() => k.finalState(1.5), "OUT_OF_DOMAIN", "cosThetaCm");
  });
});
