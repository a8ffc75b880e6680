import { describe, expect, it } from "vitest";
import { expectPhysError, rad } from "../test/helpers.js";
import { allocateTrackView, makeTrigger, type TrackView } from "./trigger.js";

function tracks(list: { pt: number; thetaDeg: number; phi?: number; muon?: boolean; p?: number }[]): TrackView {
  const v = allocateTrackView(list.length);
  v.count = list.length;
  list.forEach((t, i) => {
    v.pt[i] = t.pt;
    v.p[i] = t.p ?? t.pt / Math.sin(rad(t.thetaDeg));
    v.e[i] = v.p[i]!;
    v.theta[i] = rad(t.thetaDeg);
    v.phi[i] = t.phi ?? 0;
    v.isMuon[i] = t.muon ? 1 : 0;
  });
  return v;
}

describe("trigger models", () => {
  const three = makeTrigger("t", {
    kind: "trackMultiplicity",
    minTracks: 3,
    thetaRangeDeg: [37, 120],
    lowestTracks: 2,
    turnOn: { variable: "pt", grid: [0.1, 0.5], values: [0, 1] },
  });

  it("three-track: needs three tracks in the window; efficiency from the two lowest p_T", () => {
    expect(
      three.probability(
        tracks([
          { pt: 1, thetaDeg: 60 },
          { pt: 1, thetaDeg: 60 },
        ]),
      ),
    ).toBe(0);
    expect(
      three.probability(
        tracks([
          { pt: 1, thetaDeg: 60 },
          { pt: 1, thetaDeg: 60 },
          { pt: 1, thetaDeg: 30 },
        ]),
      ),
    ).toBe(0);
    // Lowest p_T 0.3 (turn-on 0.5) and 0.7 (plateau 1): 0.5; the 0.05 GeV track outside the window is ignored.
    const v = tracks([
      { pt: 0.7, thetaDeg: 60 },
      { pt: 0.3, thetaDeg: 90 },
      { pt: 2, thetaDeg: 100 },
      { pt: 0.05, thetaDeg: 20 },
    ]);
    expect(three.probability(v)).toBeCloseToRel(0.5, 1e-15);
    // Two tracks on the ramp multiply: 0.5 × 0.25.
    expect(
      three.probability(
        tracks([
          { pt: 0.3, thetaDeg: 60 },
          { pt: 0.2, thetaDeg: 60 },
          { pt: 3, thetaDeg: 60 },
        ]),
      ),
    ).toBeCloseToRel(0.125, 1e-15);
  });

  it("single muon: 1 − Π(1 − ε_i) over muons (no correlation)", () => {
    const t = makeTrigger("t", { kind: "singleMuon", efficiency: 0.9 });
    expect(t.probability(tracks([{ pt: 1, thetaDeg: 60, muon: true }]))).toBeCloseToRel(0.9, 1e-15);
    expect(
      t.probability(
        tracks([
          { pt: 1, thetaDeg: 60, muon: true },
          { pt: 1, thetaDeg: 80, muon: true },
          { pt: 1, thetaDeg: 80 },
        ]),
      ),
    ).toBeCloseToRel(0.99, 1e-15);
    expect(t.probability(tracks([{ pt: 1, thetaDeg: 60 }]))).toBe(0);
  });

  it("track pair: needs an azimuthal opening angle (wrapped at π)", () => {
    const t = makeTrigger("t", {
      kind: "trackPair",
      thetaRangeDeg: [37, 120],
      minOpeningAzimuthDeg: 90,
      efficiency: 0.95,
    });
    expect(
      t.probability(
        tracks([
          { pt: 1, thetaDeg: 60, phi: 0 },
          { pt: 1, thetaDeg: 60, phi: 1 },
        ]),
      ),
    ).toBe(0);
    // φ = 3 and −3: |Δφ| = 6 rad wraps to 2π − 6 = 0.28 rad < 90°.
    expect(
      t.probability(
        tracks([
          { pt: 1, thetaDeg: 60, phi: 3 },
          { pt: 1, thetaDeg: 60, phi: -3 },
        ]),
      ),
    ).toBe(0);
    expect(
      t.probability(
        tracks([
          { pt: 1, thetaDeg: 60, phi: 0 },
          { pt: 1, thetaDeg: 70, phi: 2 },
        ]),
      ),
    ).toBe(0.95);
  });

  it("OR of uncorrelated triggers: 1 − Π(1 − ε_k)", () => {
    const t = makeTrigger("t", {
      kind: "or",
      triggers: [
        { kind: "singleMuon", efficiency: 0.9 },
        { kind: "trackPair", thetaRangeDeg: [0, 180], minOpeningAzimuthDeg: 0, efficiency: 0.5 },
      ],
    });
    const v = tracks([
      { pt: 1, thetaDeg: 60, muon: true },
      { pt: 1, thetaDeg: 60 },
    ]);
    expect(t.probability(v)).toBeCloseToRel(1 - 0.1 * 0.5, 1e-15);
    expect(makeTrigger("n", { kind: "none" }).probability(allocateTrackView(0))).toBe(1);
  });

  it("rejects bad descriptions", () => {
    expectPhysError(() => makeTrigger("trigger", { kind: "l1" } as never), "UNKNOWN_NAME", "trigger.kind");
    expectPhysError(
      () =>
        makeTrigger("t", {
          kind: "trackMultiplicity",
          minTracks: 2,
          lowestTracks: 3,
          thetaRangeDeg: [0, 180],
          turnOn: { variable: "pt", grid: [0], values: [1] },
        }),
      "OUT_OF_DOMAIN",
      "t.lowestTracks",
    );
    expectPhysError(
      () =>
        makeTrigger("t", {
          kind: "trackMultiplicity",
          minTracks: 3,
          lowestTracks: 2,
          thetaRangeDeg: [0, 180],
          turnOn: { variable: "p", grid: [0], values: [1] },
        }),
      "INVALID_ARGUMENT",
      "t.turnOn.variable",
    );
    expectPhysError(
      () => makeTrigger("t", { kind: "trackPair", thetaRangeDeg: [120, 37], minOpeningAzimuthDeg: 90, efficiency: 1 }),
      "OUT_OF_DOMAIN",
      "t.thetaRangeDeg[1]",
    );
    expectPhysError(
      () =>
        makeTrigger("t", { kind: "trackPair", thetaRangeDeg: [37, 120], minOpeningAzimuthDeg: 90, efficiency: 1.5 }),
      "OUT_OF_DOMAIN",
      "t.efficiency",
    );
    expectPhysError(() => makeTrigger("t", { kind: "or", triggers: [] }), "INVALID_ARGUMENT", "t.triggers");
    expectPhysError(() => makeTrigger("t", { kind: "singleMuon", efficiency: 2 }), "OUT_OF_DOMAIN", "t.efficiency");
  });
});
