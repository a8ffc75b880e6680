import { isPhysError, M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { fromReducedMass, toReducedMass } from "./calibration.js";
import { massGrid } from "./grid.js";

describe("massGrid", () => {
  const vetoes = [[3.07, 3.12]] as const;
  it("steps by one resolution in the reduced mass and skips the veto", () => {
    const res = (m: number): number => 0.002 + 0.0005 * m;
    const g = massGrid({ minMass: 0.212, maxMass: 9, stepInResolutions: 1, vetoes }, res);
    expect(g[0]!.mass).toBeCloseToRel(0.212, 1e-14);
    for (let i = 1; i < g.length; i++) {
      const prev = g[i - 1]!;
      const d = g[i]!.reducedMass - prev.reducedMass;
      // consecutive points are one resolution apart, except across the veto
      if (!(prev.mass < 3.07 && g[i]!.mass > 3.12)) expect(d).toBeCloseToRel(res(prev.mass), 1e-12);
      expect(g[i]!.index).toBe(i);
      expect(g[i]!.mass >= 3.07 && g[i]!.mass <= 3.12).toBe(false);
    }
    expect(g[g.length - 1]!.mass).toBeLessThanOrEqual(9);
    // ∫ dM_R / σ(M): the number of points follows from the resolution (±1 for the ends and the veto)
    let expected = 0;
    for (let r = toReducedMass(0.212); r < toReducedMass(9); ) {
      const m = fromReducedMass(r);
      if (!(m >= 3.07 && m <= 3.12)) expected++;
      r += res(m);
    }
    expect(g.length).toBe(expected);
  });
  it("reduced and dimuon masses are inverse", () => {
    expect(fromReducedMass(toReducedMass(3.0969))).toBeCloseToRel(3.0969, 1e-15);
    expect(toReducedMass(2 * M_MU)).toBe(0);
    expect(Number.isNaN(toReducedMass(0.2))).toBe(true);
  });
  it("rejects a range below threshold, an inverted range and a bad step", () => {
    const cases: [Parameters<typeof massGrid>[0], string][] = [
      [{ minMass: 0.2, maxMass: 9, stepInResolutions: 1, vetoes }, "minMass"],
      [{ minMass: 5, maxMass: 4, stepInResolutions: 1, vetoes }, "maxMass"],
      [{ minMass: 1, maxMass: 4, stepInResolutions: 0, vetoes }, "step"],
    ];
    for (const [o, arg] of cases) {
      try {
        massGrid(o, () => 0.003);
        expect.unreachable();
      } catch (e) {
        expect(isPhysError(e, "OUT_OF_DOMAIN")).toBe(true);
        expect((e as { argument?: string }).argument).toBe(arg);
      }
    }
  });
});
