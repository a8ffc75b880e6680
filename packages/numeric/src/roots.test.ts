import { describe, expect, it } from "vitest";
import { bracketRoot, brent, type RootPoint } from "./roots.js";

const at = (f: (x: number) => number, x: number): RootPoint => ({ x, f: f(x) });

describe("brent", () => {
  it("finds the Dottie number cos x = x to the requested tolerance", () => {
    const f = (x: number): number => Math.cos(x) - x;
    // 0.7390851332151607: the fixed point of cos (50-digit value 0.739085133215160641655…)
    expect(brent(f, at(f, 0), at(f, 1), 1e-15, 0)).toBeCloseToRel(0.7390851332151607, 2e-15);
  });
  it("converges superlinearly: ∛2 from [1, 2] in a dozen evaluations", () => {
    let calls = 0;
    const f = (x: number): number => {
      calls++;
      return x * x * x - 2;
    };
    const a = at(f, 1);
    const b = at(f, 2);
    calls = 0;
    expect(brent(f, a, b, 0, 1e-14)).toBeCloseToRel(Math.cbrt(2), 1e-14);
    expect(calls).toBeLessThan(12);
  });
  it("returns an end that is already a root, and NaN when f is NaN", () => {
    const f = (x: number): number => x - 1;
    expect(brent(f, at(f, 1), at(f, 3), 1e-12, 0)).toBe(1);
    const g = (x: number): number => (x > 0.5 ? Number.NaN : x - 0.7);
    expect(brent(g, { x: 0, f: -0.7 }, { x: 1, f: 0.3 }, 1e-12, 0)).toBeNaN();
  });
});

describe("bracketRoot", () => {
  it("brackets the root of a decreasing function from a guess on either side", () => {
    const f = (x: number): number => 3 - x;
    for (const guess of [0.5, 2.9, 3.1, 40]) {
      const r = bracketRoot(f, guess, 0, 100);
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.a.f).toBeGreaterThanOrEqual(0);
        expect(r.b.f).toBeLessThan(0);
        expect(r.a.x).toBeLessThanOrEqual(3);
        expect(r.b.x).toBeGreaterThan(3);
      }
    }
  });
  it("brackets a nearly linear function tightly (secant-aimed steps)", () => {
    let calls = 0;
    const f = (x: number): number => {
      calls++;
      return 2 - x - 0.01 * x * x;
    };
    const r = bracketRoot(f, 1, 0, 1000);
    expect(r.ok).toBe(true);
    // a 5 % first step, then a secant step aimed 1 % beyond the secant root (≈ 1.9804)
    expect(calls).toBe(3);
    if (r.ok) expect(r.b.x).toBeCloseToRel(1.9804, 0.02);
  });
  it("reports the side when the root is outside the range, and stops at NaN", () => {
    const f = (x: number): number => 50 - x;
    const r = bracketRoot(f, 1, 0, 10);
    expect(r).toMatchObject({ ok: false, side: "above" });
    const g = (x: number): number => -1 - x;
    expect(bracketRoot(g, 1, 0.5, 10, -1.5)).toMatchObject({ ok: false, side: "below" });
    const h = (x: number): number => (x > 2 ? Number.NaN : 5 - x);
    const n = bracketRoot(h, 1, 0, 10);
    expect(n.ok).toBe(false);
    if (!n.ok) expect(n.last.f).toBeNaN();
  });
});
