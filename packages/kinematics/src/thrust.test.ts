import { createRandom } from "@muonphilic/random";
import { describe, expect, it } from "vitest";
import { expectPhysError } from "../test/helpers.js";
import { fourVector } from "./fourvector.js";
import { thrust, thrustExhaustive, thrustPairPlanes } from "./thrust.js";
import type { ThreeVector } from "./types.js";

function randomMomenta(n: number, seed: number): ThreeVector[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, () => {
    const d = rng.isotropic();
    const p = rng.exponential(0.5);
    return { x: p * d[0]!, y: p * d[1]!, z: p * d[2]! };
  });
}

const norm = (v: [number, number, number]) => Math.hypot(...v);

describe("thrust", () => {
  it("back-to-back: T = 1 along the line", () => {
    const t = thrust([fourVector(5, 0, 3, -4), fourVector(5, 0, -3, 4)]);
    expect(t.thrust).toBeCloseToRel(1, 2e-16);
    expect([t.axis.x, t.axis.y, t.axis.z]).toBeCloseToRel([0, -0.6, 0.8], 1e-15, 1e-16);
  });

  it("the symmetric three-prong (Mercedes) event has T = 2/3", () => {
    const c = Math.cos((2 * Math.PI) / 3);
    const s = Math.sin((2 * Math.PI) / 3);
    const t = thrust([
      { x: 1, y: 0, z: 0 },
      { x: c, y: s, z: 0 },
      { x: c, y: -s, z: 0 },
    ]);
    expect(t.thrust).toBeCloseToRel(2 / 3, 1e-15);
  });

  it("a single particle, and collinear particles, have T = 1", () => {
    expect(thrust([{ x: 0, y: 2, z: 0 }]).thrust).toBe(1);
    expect(
      thrust([
        { x: 1, y: 1, z: 0 },
        { x: -2, y: -2, z: 0 },
        { x: 3, y: 3, z: 0 },
      ]).thrust,
    ).toBeCloseToRel(1, 4e-16);
  });

  it("the pair-plane search finds the exhaustive maximum (general position)", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const p = randomMomenta(3 + (seed % 10), seed);
      expect(norm(thrustPairPlanes(p))).toBeCloseToRel(norm(thrustExhaustive(p)), 1e-14);
    }
  });

  it("above 20 particles (pair-plane search) it still matches the exhaustive maximum", () => {
    const p = randomMomenta(22, 99);
    const total = p.reduce((s, v) => s + Math.hypot(v.x, v.y, v.z), 0);
    expect(thrust(p).thrust).toBeCloseToRel(norm(thrustExhaustive(p)) / total, 1e-14);
  });

  it("is a maximum: no random axis gives a larger Σ|p·n|/Σ|p|", () => {
    const p = randomMomenta(8, 5);
    const t = thrust(p);
    const total = p.reduce((s, v) => s + Math.hypot(v.x, v.y, v.z), 0);
    const along = (n: ThreeVector) => p.reduce((s, v) => s + Math.abs(v.x * n.x + v.y * n.y + v.z * n.z), 0) / total;
    expect(along(t.axis)).toBeCloseToRel(t.thrust, 1e-14);
    const rng = createRandom(6);
    for (let i = 0; i < 2000; i++) {
      const d = rng.isotropic();
      expect(along({ x: d[0]!, y: d[1]!, z: d[2]! })).toBeLessThanOrEqual(t.thrust * (1 + 1e-14));
    }
    expect(t.axis.z).toBeGreaterThanOrEqual(0);
  });

  it("rejects empty lists, non-finite and all-zero momenta", () => {
    expectPhysError(() => thrust([]), "INVALID_ARGUMENT", "particles");
    expectPhysError(() => thrust([{ x: Number.NaN, y: 0, z: 0 }]), "INVALID_ARGUMENT", "particles[0]");
    expectPhysError(() => thrust([{ x: 0, y: 0, z: 0 }]), "OUT_OF_DOMAIN", "particles");
  });
});
