import { createRandom } from "@muonphilic/random";
import { M_MU } from "@muonphilic/units";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectPhysError } from "../test/helpers.js";
import { boostToRestFrameColumns, columnsFromFourVectors, fourVectorAt } from "./columns.js";
import { fromMassMomentum, mass } from "./fourvector.js";
import {
  cosSquaredDistribution,
  kallen,
  twoBodyDecay,
  twoBodyDecayAtRest,
  twoBodyDecayColumns,
  twoBodyMomentum,
} from "./twobody.js";

const expanded = (a: number, b: number, c: number) => a * a + b * b + c * c - 2 * a * b - 2 * a * c - 2 * b * c;

describe("Källén function and two-body momentum", () => {
  it("exact integer values and the expanded form", () => {
    expect(kallen(25, 9, 0)).toBe(256);
    expect(kallen(49, 16, 9)).toBe(0); // threshold: 7 → 4 + 3
    expect(kallen(25, 16, 9)).toBe(-576); // below threshold: (25 − 49)(25 − 1)
  });

  it("property: equals the expanded form (any sign of the arguments)", () => {
    const x = fc.double({ min: -100, max: 100, noNaN: true });
    fc.assert(
      fc.property(x, x, x, (a, b, c) => {
        const scale = a * a + b * b + c * c;
        // Both forms carry rounding errors of a few ε times the largest term, and, where the
        // products underflow into subnormals (|a|, |c| ~ 1e-160), an absolute error of up to half the
        // subnormal spacing (Number.MIN_VALUE) per operation: about ten operations in all.
        expect(kallen(a, b, c)).toBeCloseToRel(expanded(a, b, c), 1e-12, 1e-13 * scale + 10 * Number.MIN_VALUE);
      }),
      // A counterexample found by CI with the subnormal floor missing.
      { examples: [[-2.059747891802392e-164, 0, -5.996676192843583e-161]] },
    );
  });

  it("keeps relative precision at threshold where the expanded form cancels", () => {
    const m = 1;
    const d = 1e-7;
    const a = (2 * m + d) ** 2;
    // exact: (a − 4)(a − 0) with a − 4 = 4d + d²
    expect(kallen(a, 1, 1)).toBeCloseToRel((4 * d + d * d) * a, 1e-8);
  });

  it("two-body momentum: equal masses p = √(M²/4 − m²); massless p = M/2; textbook 5 → 3 + 0", () => {
    const M = 3.0969;
    expect(twoBodyMomentum(M, M_MU, M_MU)).toBeCloseToRel(Math.sqrt((M * M) / 4 - M_MU * M_MU), 1e-15);
    expect(twoBodyMomentum(10, 0, 0)).toBe(5);
    expect(twoBodyMomentum(5, 3, 0)).toBeCloseToRel(1.6, 2e-16);
    expect(twoBodyMomentum(2 * M_MU, M_MU, M_MU)).toBe(0);
  });

  it("rejects bad masses and forbidden decays", () => {
    expectPhysError(() => twoBodyMomentum(1, 0.6, 0.6), "KINEMATICALLY_FORBIDDEN", "parentMass");
    expectPhysError(() => twoBodyMomentum(1, -0.1, 0.6), "OUT_OF_DOMAIN", "m1");
    expectPhysError(() => twoBodyMomentum(Number.NaN, 0.1, 0.1), "INVALID_ARGUMENT", "parentMass");
    expectPhysError(() => twoBodyMomentum(0, 0, 0), "KINEMATICALLY_FORBIDDEN", "parentMass");
  });
});

describe("two-body decays", () => {
  const parentMass = 3;
  const rng = createRandom(11);
  const n = 20_000;
  const parents = columnsFromFourVectors(
    Array.from({ length: n }, () => fromMassMomentum(parentMass, rng.normal(0, 1), rng.normal(0, 1), rng.normal(2, 2))),
  );

  it("conserves four-momentum and puts the daughters on shell", () => {
    const { first, second } = twoBodyDecayColumns(parents, M_MU, 0.5, createRandom(1));
    let worst = 0;
    let worstMass = 0;
    for (let i = 0; i < n; i++) {
      const a = fourVectorAt(first, i);
      const b = fourVectorAt(second, i);
      const p = fourVectorAt(parents, i);
      worst = Math.max(worst, Math.abs(a.e + b.e - p.e), Math.abs(a.px + b.px - p.px), Math.abs(a.pz + b.pz - p.pz));
      worstMass = Math.max(worstMass, Math.abs(mass(b) - 0.5));
    }
    // m² = E² − p² cancels: |δm| ≲ ε E²/m ≈ 1e-14 for E ≲ 10 GeV.
    expect(worstMass).toBeLessThan(1e-12);
    // Energies up to ~10 GeV: a few ε of them.
    expect(worst).toBeLessThan(1e-13);
  });

  // Statistical tolerances: 5 standard errors of the mean of n = 20000 draws.
  it("is isotropic in the parent rest frame (⟨cos θ⟩ = 0, ⟨cos²θ⟩ = 1/3)", () => {
    const { first } = twoBodyDecayColumns(parents, M_MU, M_MU, createRandom(2), { axis: "z" });
    const rest = boostToRestFrameColumns(first, parents);
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const c = rest.pz[i]! / Math.hypot(rest.px[i]!, rest.py[i]!, rest.pz[i]!);
      s1 += c;
      s2 += c * c;
    }
    expect(Math.abs(s1 / n)).toBeLessThan(5 * Math.sqrt(1 / 3 / n));
    expect(Math.abs(s2 / n - 1 / 3)).toBeLessThan(5 * Math.sqrt((1 / 5 - 1 / 9) / n));
  });

  it("samples 1 + cos²θ about the helicity axis: ⟨cos²θ⟩ = 2/5, ⟨cos θ⟩ = 0", () => {
    const { first } = twoBodyDecayColumns(parents, M_MU, M_MU, createRandom(3), { angular: cosSquaredDistribution(1) });
    const rest = boostToRestFrameColumns(first, parents);
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      // Helicity axis: the parent's direction in the frame it is given in.
      const px = parents.px[i]!;
      const py = parents.py[i]!;
      const pz = parents.pz[i]!;
      const c =
        (rest.px[i]! * px + rest.py[i]! * py + rest.pz[i]! * pz) /
        (Math.hypot(px, py, pz) * Math.hypot(rest.px[i]!, rest.py[i]!, rest.pz[i]!));
      s1 += c;
      s2 += c * c;
    }
    // ⟨c⁴⟩ = 9/35 for this density, so var(c²) = 9/35 − 4/25.
    expect(Math.abs(s2 / n - 0.4)).toBeLessThan(5 * Math.sqrt((9 / 35 - 0.16) / n));
    expect(Math.abs(s1 / n)).toBeLessThan(5 * Math.sqrt(0.4 / n));
  });

  it("is deterministic for a seed; the scalar version matches the columnar one", () => {
    const a = twoBodyDecayColumns(parents, M_MU, M_MU, createRandom(5));
    const b = twoBodyDecayColumns(parents, M_MU, M_MU, createRandom(5));
    expect(a.first.px).toEqual(b.first.px);
    const p0 = fourVectorAt(parents, 0);
    const s = twoBodyDecay(p0, M_MU, M_MU, createRandom(5));
    expect(s.first).toEqual(fourVectorAt(a.first, 0));
  });

  it("at rest: back to back along (θ, φ) with p*", () => {
    const { first, second } = twoBodyDecayAtRest(3, M_MU, M_MU, 1, 0);
    expect(first.pz).toBeCloseToRel(twoBodyMomentum(3, M_MU, M_MU), 1e-15);
    expect(second.pz).toBe(-first.pz);
    expect(first.e).toBeCloseToRel(1.5, 1e-15);
  });

  it("below-threshold events give NaN in columns; the scalar version throws", () => {
    const light = columnsFromFourVectors([fromMassMomentum(0.1, 0, 0, 1), fromMassMomentum(3, 0, 0, 1)]);
    const { first } = twoBodyDecayColumns(light, M_MU, M_MU, createRandom(1));
    expect(Number.isNaN(first.e[0])).toBe(true);
    expect(Number.isFinite(first.e[1])).toBe(true);
    expectPhysError(
      () => twoBodyDecay(fromMassMomentum(0.1, 0, 0, 1), M_MU, M_MU, createRandom(1)),
      "KINEMATICALLY_FORBIDDEN",
      "parent mass",
    );
    expectPhysError(() => twoBodyDecay(fromMassMomentum(1, 0, 0, 1), -1, 0, createRandom(1)), "OUT_OF_DOMAIN", "m1");
  });

  it("rejects a density above its declared maximum and α < −1", () => {
    const bad = { density: (c: number) => 2 + c, max: 1 };
    expectPhysError(
      () => twoBodyDecayColumns(parents, M_MU, M_MU, createRandom(1), { angular: bad }),
      "OUT_OF_DOMAIN",
      "angular.density",
    );
    expectPhysError(() => cosSquaredDistribution(-2), "OUT_OF_DOMAIN", "alpha");
  });
});
