import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectPhysError } from "../test/helpers.js";
import { boost, boostFromRestFrame, boostFromRestFrameInPlace, boostInPlace, boostToRestFrame } from "./boost.js";
import { dot, fourVector, mass2, momentum } from "./fourvector.js";
import type { FourVector, ThreeVector } from "./types.js";

const comp = fc.double({ min: -20, max: 20, noNaN: true });
const massArb = fc.double({ min: 0.01, max: 10, noNaN: true });
const fourVectorArb = fc
  .tuple(massArb, comp, comp, comp)
  .map(([m, x, y, z]) => ({ e: Math.sqrt(m * m + x * x + y * y + z * z), px: x, py: y, pz: z }) as FourVector);
/** Velocities with |β| ≤ 0.99 (γ ≤ 7.1). */
const velocityArb = fc
  .tuple(
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 0.99, noNaN: true }),
  )
  .filter(([x, y, z]) => Math.hypot(x, y, z) > 1e-3)
  .map(([x, y, z, b]) => {
    const n = Math.hypot(x, y, z);
    return { x: (b * x) / n, y: (b * y) / n, z: (b * z) / n } as ThreeVector;
  });

/** Component-wise closeness with an absolute tolerance scaled by the energy. */
function expectSameVector(a: FourVector, b: FourVector, tol: number): void {
  const scaleE = Math.max(Math.abs(a.e), Math.abs(b.e), 1);
  expect([a.e, a.px, a.py, a.pz]).toBeCloseToRel([b.e, b.px, b.py, b.pz], tol, tol * scaleE);
}

describe("boost", () => {
  it("a particle at rest boosted by β along z gets E = γm, pz = γβm (textbook)", () => {
    const b = boost(fourVector(1, 0, 0, 0), { x: 0, y: 0, z: 0.6 });
    expect(b.e).toBeCloseToRel(1.25, 2 * Number.EPSILON);
    expect(b.pz).toBeCloseToRel(0.75, 2 * Number.EPSILON);
    expect(b.px).toBe(0);
  });

  it("a photon along the boost is Doppler shifted by √((1+β)/(1−β))", () => {
    const b = boost(fourVector(1, 1, 0, 0), { x: 0.8, y: 0, z: 0 });
    expect(b.e).toBeCloseToRel(3, 4 * Number.EPSILON);
    expect(b.px).toBeCloseToRel(3, 4 * Number.EPSILON);
  });

  it("β = 0 is the identity exactly", () => {
    const p = fourVector(3, 1, -2, 0.5);
    expect(boost(p, { x: 0, y: 0, z: 0 })).toEqual(p);
  });

  // Tolerances: each component is a sum of O(10) terms of size ≤ γ²E, so errors are a few ε γ² E;
  // γ ≤ 7.1 here, so 1e-12 relative to E leaves a margin of ~100.
  it("property: the mass and the Minkowski product are invariant", () => {
    fc.assert(
      fc.property(fourVectorArb, fourVectorArb, velocityArb, (p, q, beta) => {
        const bp = boost(p, beta);
        const bq = boost(q, beta);
        expect(mass2(bp)).toBeCloseToRel(mass2(p), 1e-11, 1e-12 * bp.e * bp.e);
        expect(dot(bp, bq)).toBeCloseToRel(dot(p, q), 1e-11, 1e-12 * bp.e * bq.e);
      }),
    );
  });

  it("property: boosting by β then by −β is the identity", () => {
    fc.assert(
      fc.property(fourVectorArb, velocityArb, (p, beta) => {
        const back = boost(boost(p, beta), { x: -beta.x, y: -beta.y, z: -beta.z });
        expectSameVector(back, p, 1e-12);
      }),
    );
  });

  // A frame given by (E, P⃗) has a mass known only to ε γ² relative (m² = E² − P² cancels), so the
  // rest-frame tests use a tolerance of 10 ε γ² (plus the 1e-12 of the boost itself).
  it("property: into and out of a rest frame round-trips; the frame itself comes to rest", () => {
    fc.assert(
      fc.property(fourVectorArb, fourVectorArb, (p, frame) => {
        const g = frame.e / Math.sqrt(mass2(frame));
        const tol = 1e-12 + 10 * Number.EPSILON * g * g;
        const inFrame = boostToRestFrame(p, frame);
        expectSameVector(boostFromRestFrame(inFrame, frame), p, tol);
        const rest = boostToRestFrame(frame, frame);
        expect(momentum(rest)).toBeLessThan(tol * frame.e);
        expect(rest.e).toBeCloseToRel(Math.sqrt(mass2(frame)), tol);
      }),
    );
  });

  it("into a rest frame equals the boost by −P⃗/E (two independent formulas)", () => {
    const frame = fourVector(10, 1, 2, 6);
    const p = fourVector(4, 0.5, -1, 3);
    const v = { x: -frame.px / frame.e, y: -frame.py / frame.e, z: -frame.pz / frame.e };
    expectSameVector(boostToRestFrame(p, frame), boost(p, v), 1e-14);
  });

  it("uses γ = E/M directly: exact rest frame of an exactly representable fast frame (γ = 1e4)", () => {
    // E = 1e4 · 0.5, |P| chosen so that E² − P² = 0.25 exactly in binary: (E − P)(E + P) with E − P = 2^-14.
    const d = 2 ** -14;
    const pz = (0.25 / d - d) / 2;
    const frame = fourVector(pz + d, 0, 0, pz);
    expect(mass2(frame)).toBe(0.25);
    const rest = boostToRestFrame(frame, frame);
    expect(rest.e).toBeCloseToRel(0.5, 4 * Number.EPSILON);
    expect(Math.abs(rest.pz)).toBeLessThan(4 * Number.EPSILON * frame.e);
  });

  it("rejects |β| ≥ 1, NaN and non-timelike frames", () => {
    const p = fourVector(1, 0, 0, 0);
    expectPhysError(() => boost(p, { x: 0, y: 0, z: 1 }), "OUT_OF_DOMAIN", "beta");
    expectPhysError(() => boost(p, { x: 0.8, y: 0.7, z: 0 }), "OUT_OF_DOMAIN", "beta");
    expectPhysError(() => boost(p, { x: Number.NaN, y: 0, z: 0 }), "INVALID_ARGUMENT", "beta.x");
    expectPhysError(() => boost({ e: Number.NaN, px: 0, py: 0, pz: 0 }, { x: 0, y: 0, z: 0 }), "INVALID_ARGUMENT", "p");
    expectPhysError(() => boostToRestFrame(p, fourVector(1, 0, 0, 1)), "OUT_OF_DOMAIN", "frame");
    expectPhysError(() => boostFromRestFrame(p, fourVector(-2, 0, 0, 1)), "OUT_OF_DOMAIN", "frame");
  });
});

describe("allocation-free kernels", () => {
  const frameArb = fc
    .tuple(fc.double({ min: 0.1, max: 10, noNaN: true }), comp, comp, comp)
    .map(([m, x, y, z]) => ({ e: Math.sqrt(m * m + x * x + y * y + z * z), px: x, py: y, pz: z }) as FourVector);
  it("boostInPlace equals boost (property, 4 ulp-scale tolerance at γ ≤ 7)", () => {
    fc.assert(
      fc.property(fourVectorArb, velocityArb, (p, beta) => {
        const a = Float64Array.of(9, p.e, p.px, p.py, p.pz);
        boostInPlace(a, 1, beta.x, beta.y, beta.z);
        const b = boost(p, beta);
        expect(a[0]).toBe(9);
        expectSameVector({ e: a[1] as number, px: a[2] as number, py: a[3] as number, pz: a[4] as number }, b, 1e-14);
      }),
    );
  });
  it("boostFromRestFrameInPlace equals boostFromRestFrame, and inverts boostToRestFrame", () => {
    fc.assert(
      fc.property(fourVectorArb, frameArb, (p, frame) => {
        const m = Math.sqrt(mass2(frame));
        const a = Float64Array.of(p.e, p.px, p.py, p.pz);
        boostFromRestFrameInPlace(a, 0, frame.e, frame.px, frame.py, frame.pz, m);
        const b = boostFromRestFrame(p, frame);
        // γ ≤ 350 (m ≥ 0.1, |p| ≤ 35): round-off grows like γ ε one way and γ² ε for the round trip
        const v = { e: a[0] as number, px: a[1] as number, py: a[2] as number, pz: a[3] as number };
        expectSameVector(v, b, 1e-11);
        expectSameVector(boostToRestFrame(v, frame), p, 1e-9);
      }),
    );
  });
  it("textbook values: a particle at rest boosted by 0.6 c; a daughter of a moving 1 GeV parent", () => {
    const p = Float64Array.of(1, 0, 0, 0);
    boostInPlace(p, 0, 0, 0, 0.6);
    expect(Array.from(p)).toBeCloseToRel([1.25, 0, 0, 0.75], 4 * Number.EPSILON);
    const d = Float64Array.of(0.5, 0, 0, 0.3);
    boostFromRestFrameInPlace(d, 0, 1.25, 0, 0, 0.75, 1);
    expect(Array.from(d)).toBeCloseToRel([0.85, 0, 0, 0.75], 4 * Number.EPSILON);
  });
});
