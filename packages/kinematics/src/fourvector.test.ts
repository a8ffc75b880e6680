import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectPhysError } from "../test/helpers.js";
import {
  add,
  cosTheta,
  dot,
  fourVector,
  fromEnergyMassAngles,
  fromMassMomentum,
  fromPtEtaPhiM,
  gamma,
  invariantMass,
  longitudinalMomentum,
  mass,
  mass2,
  momentum,
  openingAngle,
  phi,
  pseudorapidity,
  pt,
  rapidity,
  scale,
  signedTransverseMomentum,
  subtract,
  sum,
  theta,
  transverseMass,
  transverseMomentum,
  velocity,
} from "./fourvector.js";

const EPS = Number.EPSILON;

describe("construction", () => {
  it("builds from (E, p) and gets the exact mass of a Pythagorean vector", () => {
    expect(mass(fourVector(5, 0, 0, 3))).toBe(4);
    expect(mass(fourVector(13, 3, 4, 0))).toBeCloseToRel(Math.sqrt(144), 4 * EPS);
  });

  it("the same mass from every coordinate form (as scikit-hep vector test_tau)", () => {
    const m = 0.1056583755;
    const a = fromPtEtaPhiM(2.5, 0.7, -1.1, m);
    const b = fromMassMomentum(m, a.px, a.py, a.pz);
    const c = fromEnergyMassAngles(a.e, m, theta(a), phi(a));
    for (const v of [a, b, c]) expect(mass(v)).toBeCloseToRel(m, 1e-9); // m² = E² − p² cancels: |δm| ≈ ε E²/m
    expect(c.px).toBeCloseToRel(a.px, 1e-13);
    expect(c.pz).toBeCloseToRel(a.pz, 1e-13);
  });

  it("pT, η, φ round-trip through fromPtEtaPhiM", () => {
    const v = fromPtEtaPhiM(3.2, -1.4, 2.9, 0.5);
    expect(pt(v)).toBeCloseToRel(3.2, 4 * EPS);
    expect(pseudorapidity(v)).toBeCloseToRel(-1.4, 8 * EPS);
    expect(phi(v)).toBeCloseToRel(2.9, 4 * EPS);
  });

  it("rejects bad input with typed errors naming the argument", () => {
    expectPhysError(() => fourVector(Number.NaN, 0, 0, 0), "INVALID_ARGUMENT", "e");
    expectPhysError(() => fourVector(1, 0, Number.POSITIVE_INFINITY, 0), "INVALID_ARGUMENT", "py");
    expectPhysError(() => fromMassMomentum(-1, 0, 0, 0), "OUT_OF_DOMAIN", "m");
    expectPhysError(() => fromPtEtaPhiM(-1, 0, 0, 0), "OUT_OF_DOMAIN", "pt");
    expectPhysError(() => fromPtEtaPhiM(1, 0, 0, -0.1), "OUT_OF_DOMAIN", "m");
    expectPhysError(() => fromEnergyMassAngles(0.1, 0.2, 0, 0), "OUT_OF_DOMAIN", "e");
    expectPhysError(() => fromEnergyMassAngles(1, 0.2, 4, 0), "OUT_OF_DOMAIN", "theta");
    expectPhysError(() => sum([]), "INVALID_ARGUMENT", "vectors");
    expectPhysError(() => invariantMass([]), "INVALID_ARGUMENT", "vectors");
  });
});

describe("quantities", () => {
  it("η = −ln tan(θ/2) and cos θ = tanh η (independent forms)", () => {
    for (const th of [0.01, 0.3, 1.2, Math.PI / 2, 2.5, 3.1]) {
      const v = fromEnergyMassAngles(10, 1, th, 0.4);
      expect(theta(v)).toBeCloseToRel(th, 8 * EPS);
      expect(pseudorapidity(v)).toBeCloseToRel(-Math.log(Math.tan(th / 2)), 1e-13, 1e-15);
      expect(cosTheta(v)).toBeCloseToRel(Math.tanh(pseudorapidity(v)), 1e-14, 1e-15);
    }
  });

  it("rapidity of a particle moving along z with velocity β is atanh β", () => {
    const m = 2;
    for (const b of [0.1, 0.5, 0.9, 0.999]) {
      const g = 1 / Math.sqrt(1 - b * b);
      const v = fourVector(g * m, 0, 0, g * b * m);
      expect(rapidity(v)).toBeCloseToRel(Math.atanh(b), 1e-12);
      expect(gamma(v)).toBeCloseToRel(g, 1e-12);
      expect(velocity(v).z).toBeCloseToRel(b, 4 * EPS);
    }
  });

  it("documents the odd cases: spacelike, zero vector, along z", () => {
    expect(mass(fourVector(3, 0, 0, 5))).toBe(-4);
    expect(mass2(fourVector(3, 0, 0, 5))).toBe(-16);
    const zero = fourVector(1, 0, 0, 0);
    expect(theta(zero)).toBe(0);
    expect(cosTheta(zero)).toBe(1);
    expect(phi(zero)).toBe(0);
    expect(pseudorapidity(zero)).toBe(0);
    expect(pseudorapidity(fourVector(2, 0, 0, 1))).toBe(Number.POSITIVE_INFINITY);
    expect(pseudorapidity(fourVector(2, 0, 0, -1))).toBe(Number.NEGATIVE_INFINITY);
    expect(rapidity(fourVector(1, 0, 0, 1))).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(gamma(fourVector(3, 0, 0, 5)))).toBe(true);
    expect(transverseMass(fourVector(5, 3, 0, 0))).toBe(5);
  });

  it("NaN in gives NaN out (kernels never throw)", () => {
    const bad = { e: Number.NaN, px: 0, py: 0, pz: 0 };
    expect(Number.isNaN(mass(bad))).toBe(true);
    expect(Number.isNaN(rapidity(bad))).toBe(true);
  });

  it("arithmetic: sum, difference, scale, Minkowski product", () => {
    const a = fourVector(5, 1, 2, 3);
    const b = fourVector(7, -1, 0.5, 2);
    expect(add(a, b)).toEqual({ e: 12, px: 0, py: 2.5, pz: 5 });
    expect(subtract(a, b)).toEqual({ e: -2, px: 2, py: 1.5, pz: 1 });
    expect(scale(a, 2)).toEqual({ e: 10, px: 2, py: 4, pz: 6 });
    expect(dot(a, b)).toBe(35 + 1 - 1 - 6);
    expect(mass2(sum([a, b]))).toBe(dot(a, a) + 2 * dot(a, b) + dot(b, b));
    expect(momentum(a)).toBeCloseToRel(Math.sqrt(14), 2 * EPS);
  });

  it("opening angle is accurate at tiny angles where acos(cos) fails", () => {
    const a = { x: 1, y: 0, z: 0 };
    const b = { x: Math.cos(1e-9), y: Math.sin(1e-9), z: 0 };
    expect(openingAngle(a, b)).toBeCloseToRel(1e-9, 1e-12);
    expect(openingAngle(a, { x: -1, y: 1e-10, z: 0 })).toBeCloseToRel(Math.PI - 1e-10, 4 * EPS);
    expect(openingAngle(fourVector(9, 0, 0, 1), fourVector(9, 0, 2, 0))).toBeCloseToRel(Math.PI / 2, 2 * EPS);
  });

  it("projections on an axis: pT about z, signed transverse projection (Belle2-4mu sec. IV D)", () => {
    const p = fourVector(10, 3, 4, 2);
    const z = { x: 0, y: 0, z: 5 };
    expect(transverseMomentum(p, z)).toBe(pt(p));
    expect(longitudinalMomentum(p, z)).toBe(2);
    const axis = { x: 1, y: 1, z: 0 };
    expect(longitudinalMomentum(p, axis)).toBeCloseToRel(7 / Math.SQRT2, 4 * EPS);
    // |p|² = p∥² + p⊥² (Pythagoras, independent of the cross-product formula)
    expect(transverseMomentum(p, axis) ** 2).toBeCloseToRel(29 - 49 / 2, 1e-14);
    expect(signedTransverseMomentum(p, axis)).toBeGreaterThan(0);
    expect(signedTransverseMomentum(p, { x: -1, y: -1, z: 0 })).toBeCloseToRel(-transverseMomentum(p, axis), 4 * EPS);
    expect(Number.isNaN(transverseMomentum(p, { x: 0, y: 0, z: 0 }))).toBe(true);
  });

  it("property: p∥² + p⊥² = |p|² for any axis", () => {
    const comp = fc.double({ min: -50, max: 50, noNaN: true });
    fc.assert(
      fc.property(comp, comp, comp, comp, comp, comp, (x, y, z, ax, ay, az) => {
        fc.pre(Math.hypot(ax, ay, az) > 1e-3);
        const p = { x, y, z };
        const a = { x: ax, y: ay, z: az };
        const l = longitudinalMomentum(p, a);
        const t = transverseMomentum(p, a);
        const p2 = x * x + y * y + z * z;
        expect(l * l + t * t).toBeCloseToRel(p2, 1e-12, 1e-12);
      }),
    );
  });
});
