import { describe, expect, it } from "vitest";
import { expectPhysError, rad } from "../test/helpers.js";
import { cylindricalGapDeg, makeAcceptance } from "./acceptance.js";

describe("polar acceptance", () => {
  const ecl = makeAcceptance("ecl", {
    kind: "polar",
    rangesDeg: [[12.4, 155.1]],
    gapsDeg: [
      [31.4, 32.2],
      [128.7, 130.7],
    ],
  });
  const at = (deg: number) => ecl.accepts(rad(deg), 0, 0, 0, 0);

  it("accepts inside the coverage, rejects outside and in the gaps", () => {
    expect(at(12.3)).toBe(false);
    expect(at(12.5)).toBe(true);
    expect(at(31.8)).toBe(false);
    expect(at(32.3)).toBe(true);
    expect(at(129)).toBe(false);
    expect(at(155)).toBe(true);
    expect(at(155.2)).toBe(false);
    expect(ecl.accepts(Number.NaN, 0, 0, 0, 0)).toBe(false);
  });

  it("ranges are closed and gaps open at their edges", () => {
    const a = makeAcceptance("a", { kind: "polar", rangesDeg: [[10, 20]], gapsDeg: [[15, 16]] });
    expect(a.accepts(rad(10), 0, 0, 0, 0)).toBe(true);
    expect(a.accepts(rad(20), 0, 0, 0, 0)).toBe(true);
    expect(a.accepts(rad(15.5), 0, 0, 0, 0)).toBe(false);
  });

  it("the 90° gap: θ_c ± atan(w/2R)", () => {
    const [lo, hi] = cylindricalGapDeg(90, 1.5, 1250);
    // Half-width atan(0.75/1250) = 6.0e-4 rad = 0.0343775°.
    expect(hi - 90).toBeCloseToRel((Math.atan(0.75 / 1250) * 180) / Math.PI, 1e-12);
    expect(90 - lo).toBeCloseToRel(hi - 90, 1e-12);
    expectPhysError(() => cylindricalGapDeg(90, 0, 1250), "OUT_OF_DOMAIN", "widthMm");
    expectPhysError(() => cylindricalGapDeg(200, 1, 1250), "OUT_OF_DOMAIN", "centerDeg");
  });
});

describe("planar acceptance (segmented target)", () => {
  const a = makeAcceptance("ecal", { kind: "planar", halfWidthM: 0.5, distancesM: [40, 1] });
  it("depends on the station's distance to the plane", () => {
    // θ = 15 mrad: at 40 m the transverse offset is 0.6 m > 0.5 m; at 1 m, 0.015 m.
    const px = Math.sin(0.015);
    const pz = Math.cos(0.015);
    expect(a.stations).toBe(2);
    expect(a.accepts(0.015, px, 0, pz, 0)).toBe(false);
    expect(a.accepts(0.015, px, 0, pz, 1)).toBe(true);
    expect(a.accepts(0.015, px, 0, -pz, 1)).toBe(false);
    // A square: a diagonal direction reaches the corner region.
    expect(a.accepts(0, 0.012, 0.012, 1, 0)).toBe(true);
  });
});

describe("acceptance validation", () => {
  it("rejects bad descriptions", () => {
    expectPhysError(() => makeAcceptance("a", { kind: "cone" } as never), "UNKNOWN_NAME", "a.kind");
    expectPhysError(
      () => makeAcceptance("a", { kind: "polar", rangesDeg: [[10, 200]] }),
      "OUT_OF_DOMAIN",
      "a.rangesDeg[0][1]",
    );
    expectPhysError(
      () => makeAcceptance("a", { kind: "polar", rangesDeg: [[20, 10]] }),
      "INVALID_ARGUMENT",
      "a.rangesDeg[0]",
    );
    expectPhysError(
      () => makeAcceptance("a", { kind: "polar", rangesDeg: [[10] as never] }),
      "INVALID_ARGUMENT",
      "a.rangesDeg[0]",
    );
    expectPhysError(
      () => makeAcceptance("a", { kind: "planar", halfWidthM: 0, distancesM: [1] }),
      "OUT_OF_DOMAIN",
      "a.halfWidthM",
    );
    expectPhysError(
      () => makeAcceptance("a", { kind: "planar", halfWidthM: 1, distancesM: [] }),
      "INVALID_ARGUMENT",
      "a.distancesM",
    );
    expectPhysError(
      () => makeAcceptance("a", { kind: "planar", halfWidthM: 1, distancesM: [1, -2] }),
      "OUT_OF_DOMAIN",
      "a.distancesM[1]",
    );
  });
});
