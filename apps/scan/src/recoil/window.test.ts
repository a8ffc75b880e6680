import { compileModel, fitWorkspace, upperLimit } from "@muonphilic/stats";
import { describe, expect, it } from "vitest";
import fixture from "../../test/fixtures/recoil-window-mc-limited.json" with { type: "json" };
import { defaultRecoilConfig } from "./config.js";
import { PER_BIN_PARAMETER_BOUNDS, type WindowTemplates, windowWorkspace } from "./window.js";

/** The MC-limited window of the fixture (20 000-event background pools, 2.1865 GeV). */
function templates(): WindowTemplates {
  return {
    m2Edges: Float64Array.from(fixture.m2Edges),
    cosEdges: fixture.cosEdges,
    signal: Float64Array.from(fixture.signal),
    background: Float64Array.from(fixture.background),
    backgroundVariance: Float64Array.from(fixture.backgroundVariance),
    observed: Float64Array.from(fixture.observed),
    efficiency: fixture.efficiency,
    meanBackgroundWeight: fixture.meanBackgroundWeight,
    widthGeV: fixture.widthGeV,
  };
}
const settings = defaultRecoilConfig();
const ws = windowWorkspace(templates(), fixture.point.mass ** 2, settings);

describe("window workspace: per-bin parameters never take a template bin below zero", () => {
  it("bounds each per-bin parameter at the point where its bin reaches zero rate, when that is inside [−5, 5]", () => {
    const bounds = new Map(ws.measurements[0]!.config.parameters.map((p) => [p.name, p.bounds?.[0]]));
    let bounded = 0;
    for (const s of ws.channels[0]!.samples) {
      for (const m of s.modifiers) {
        if (m.type !== "histosys") continue;
        const i = m.data.lo_data.findIndex((v, j) => v !== s.data[j]);
        const v = s.data[i]!;
        const slope = v - m.data.lo_data[i]!; // code4p is linear below α = −1
        const b = bounds.get(m.name);
        if (v / slope >= -PER_BIN_PARAMETER_BOUNDS[0]) {
          expect(b, m.name).toBeUndefined();
          continue;
        }
        bounded++;
        const [lower, upper] = b as [number, number];
        expect(upper).toBe(PER_BIN_PARAMETER_BOUNDS[1]);
        // at the bound the bin's rate is zero to the rounding of the bound (12 digits), never below
        const rate = v + lower * slope;
        expect(rate, m.name).toBeGreaterThanOrEqual(0);
        expect(rate / v, m.name).toBeLessThan(1e-8);
      }
    }
    // the background cells at the 50% cap (empty or one-event MC cells) and the ≥ 20% ones
    expect(bounded).toBeGreaterThanOrEqual(12);
    expect(() => compileModel(ws)).not.toThrow();
  });

  it("the fit reaches the minimum iminuit finds on this MC-limited window, and the limit is found", () => {
    // Twelve cells hold one background MC event (50% uncertainty) and no observed event: the
    // minimum puts their rate at zero. Unbounded, −ln L is undefined beyond that point and MIGRAD
    // stalled there ~30 units above the minimum, leaving the limit NaN (limit-failed).
    const fit = fitWorkspace(ws, { fixPoi: 0 });
    expect(fit.valid).toBe(true);
    // reference: iminuit on the same likelihood (fixture.reference); fit tolerance ~1e-4 in −ln L
    expect(fit.nll).toBeCloseToRel(fixture.reference.nllAtPoiZero, 0, 1e-4);
    const ul = upperLimit(ws, { cl: settings.cl });
    expect(ul.valid).toBe(true);
    expect(ul.observed).toBeGreaterThan(0);
    expect(ul.expected[2]).toBeGreaterThan(ul.expected[1]!);
  });
});
