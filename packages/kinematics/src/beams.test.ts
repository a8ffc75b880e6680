import { M_E, M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { expectPhysError } from "../test/helpers.js";
import { beamSetup, belle2Beams, cmToLab, cmToLabColumns, cmToLabPolarAngle, labToCm, labToCmEvents } from "./beams.js";
import { columnsFromFourVectors, fourVectorAt } from "./columns.js";
import { add, fromEnergyMassAngles, mass, momentum, theta } from "./fourvector.js";

describe("beam setups", () => {
  it("the total momentum has mass √s and the CM boost brings it to rest", () => {
    for (const crossingAngle of [0, 0.083]) {
      const b = belle2Beams({ crossingAngle });
      expect(mass(b.total)).toBeCloseToRel(b.sqrtS, 1e-15);
      expect(b.s).toBeCloseToRel(b.sqrtS ** 2, 2e-16);
      const rest = labToCm(b.total, b);
      expect(rest.e).toBeCloseToRel(b.sqrtS, 1e-15);
      expect(momentum(rest)).toBeLessThan(1e-14 * b.sqrtS);
      // In the CM, the beams are back to back with equal energies √s/2 (massless: exactly).
      const e = labToCm(b.electron, b);
      const p = labToCm(b.positron, b);
      expect(e.e).toBeCloseToRel(b.sqrtS / 2, 1e-14);
      expect(p.e).toBeCloseToRel(b.sqrtS / 2, 1e-14);
      expect(mass(add(e, p))).toBeCloseToRel(b.sqrtS, 1e-15);
    }
  });

  it("with the electron mass, √s and β move by less than 1e-8 relative to the massless values", () => {
    const massive = belle2Beams();
    const massless = belle2Beams({ beamMass: 0 });
    expect(massive.beamMass).toBe(M_E);
    expect(massive.sqrtS).toBeCloseToRel(massless.sqrtS, 1e-8);
    expect(massive.beta).toBeCloseToRel(massless.beta, 1e-8);
    expect(massive.sqrtS).not.toBe(massless.sqrtS);
  });

  it("a crossing angle α: angle between p⃗(e⁻) and −p⃗(e⁺) is α, and √s = 2√(E₋E₊) cos(α/2) when massless", () => {
    const b = belle2Beams({ crossingAngle: 0.083, beamMass: 0 });
    const minusPositron = { x: -b.positron.px, y: -b.positron.py, z: -b.positron.pz };
    const el = { x: b.electron.px, y: b.electron.py, z: b.electron.pz };
    const cos = (el.x * minusPositron.x + el.z * minusPositron.z) / (momentum(b.electron) * momentum(b.positron));
    expect(Math.acos(cos)).toBeCloseToRel(0.083, 1e-10);
    expect(b.sqrtS).toBeCloseToRel(2 * Math.sqrt(28) * Math.cos(0.0415), 1e-15);
    expect(b.boost.x).toBeCloseToRel(Math.sin(0.0415), 1e-15); // (7 + 4) sin(α/2) / 11
  });

  it("lab ↔ CM round-trips for columns and event batches", () => {
    const b = belle2Beams({ crossingAngle: 0.083 });
    const mu = fromEnergyMassAngles(3, M_MU, 1.1, 0.3);
    const back = cmToLab(labToCm(mu, b), b);
    expect([back.e, back.px, back.py, back.pz]).toBeCloseToRel([mu.e, mu.px, mu.py, mu.pz], 1e-14, 1e-15);
    const cols = columnsFromFourVectors([mu]);
    const ev = labToCmEvents({ size: 1, particles: { mu: cols } }, b);
    expect(fourVectorAt(ev.particles.mu, 0)).toEqual(labToCm(mu, b));
    expect(fourVectorAt(cmToLabColumns(ev.particles.mu, b), 0).e).toBeCloseToRel(mu.e, 1e-14);
  });

  it("cmToLabPolarAngle agrees with boosting the four-vector", () => {
    const b = belle2Beams();
    for (const th of [0, 0.3, Math.PI / 2, 2.5, Math.PI]) {
      const cm = fromEnergyMassAngles(Math.hypot(4, M_MU), M_MU, th, 0.2);
      expect(cmToLabPolarAngle(th, 4, M_MU, b)).toBeCloseToRel(theta(cmToLab(cm, b)), 1e-13, 1e-15);
    }
  });

  it("rejects bad beams", () => {
    expectPhysError(
      () => beamSetup({ electronEnergy: Number.NaN, positronEnergy: 4 }),
      "INVALID_ARGUMENT",
      "electronEnergy",
    );
    expectPhysError(() => beamSetup({ electronEnergy: 7, positronEnergy: -4 }), "OUT_OF_DOMAIN", "positronEnergy");
    expectPhysError(
      () => beamSetup({ electronEnergy: 7, positronEnergy: 4, beamMass: -1 }),
      "OUT_OF_DOMAIN",
      "beamMass",
    );
    expectPhysError(
      () => beamSetup({ electronEnergy: 7, positronEnergy: 4, beamMass: 5 }),
      "OUT_OF_DOMAIN",
      "positronEnergy",
    );
    expectPhysError(() => belle2Beams({ crossingAngle: 4 }), "OUT_OF_DOMAIN", "crossingAngle");
    expectPhysError(
      () => cmToLabPolarAngle(1, 4, M_MU, belle2Beams({ crossingAngle: 0.083 })),
      "OUT_OF_DOMAIN",
      "beams.crossingAngle",
    );
  });
});
