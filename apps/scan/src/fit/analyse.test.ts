import { readFileSync } from "node:fs";
import { fitLinearMixture, linearMixture, mixtureDensity } from "@muonphilic/stats";
import { describe, expect, it } from "vitest";
import { analyseWindow, freeFit, startValues } from "./analyse.js";
import { buildWindowModel, type WindowSpec } from "./window.js";

// Regression: the captured window of the first hypothesis of the default scan (M = 0.2120 GeV,
// 19 events, none near the peak), which the scan reported as fit-failed before the total density
// was required to stay ≥ 0 over the window (test/fixtures/threshold-window.json says where it
// comes from).
const fixture = JSON.parse(
  readFileSync(new URL("../../test/fixtures/threshold-window.json", import.meta.url), "utf8"),
) as {
  window: { low: number; high: number; region: [number, number][]; order: number };
  shape: Parameters<typeof buildWindowModel>[2];
  events: number[];
};
const spec: WindowSpec = fixture.window;
const model = buildWindowModel(Float64Array.from(fixture.events), spec, fixture.shape);

describe("the 0.2120 GeV threshold window (regression: fit-failed, signal yield unbounded below)", () => {
  it("without the non-negativity of the density over the window the fit fails, as before", () => {
    const unconstrained = linearMixture(model.components, model.data.x, {
      region: spec.region,
      lowerBounds: [Number.NEGATIVE_INFINITY, 0, 0, 0],
    });
    const attempts = [0, 4, -2].map((s) => fitLinearMixture(unconstrained, { start: startValues(unconstrained, s) }));
    // either no convergence or a "minimum" where the density is negative at the peak
    const peak = linearMixture(model.components, Float64Array.of(fixture.shape.mean), { region: spec.region });
    for (const r of attempts) expect(r.converged && mixtureDensity(peak, r.theta)[0]! >= 0).toBe(false);
  });

  it("with it the fit converges on the boundary, the density ≥ 0 at every check point, limits finite", () => {
    const { result, attempts } = freeFit(model.data);
    expect(result.converged).toBe(true);
    expect(attempts).toBe(1);
    expect(result.theta[0]).toBeLessThan(0);
    expect(result.activePositivity.length).toBeGreaterThan(0);
    // λ at the check points: ≥ 0 to rounding (1e-12 of the background scale)
    const rows = model.data.positivity;
    const p = model.p;
    const scale = result.theta[1]! + result.theta[2]! + result.theta[3]!;
    let min = Number.POSITIVE_INFINITY;
    for (let j = 0; j < rows.length / p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += rows[j * p + k]! * result.theta[k]!;
      min = Math.min(min, s);
    }
    expect(min).toBeGreaterThan(-1e-10 * scale);
    const a = analyseWindow(model, { cl: 0.9, relativeSystematic: 0.129, minEvents: 10 });
    expect(a.status).toBe("ok");
    expect(a.q0).toBe(0); // μ̂ < 0
    // with ~0 expected signal-like events the 90 % CL limit is of the order of −ln 0.1 = 2.3 events
    expect(a.limits!.observed).toBeGreaterThan(1);
    expect(a.limits!.observed).toBeLessThan(5);
    expect(a.limitsWithSystematics!.observed).toBeGreaterThanOrEqual(a.limits!.observed);
  });
});
