import { M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { expectPhysError } from "../test/helpers.js";
import {
  angleResolution,
  belle2MomentumResolution,
  belle2PtResolution,
  calorimeterResolution,
  makeResolution,
  makeTrackAngularResolution,
} from "./resolution.js";

describe("Belle II tracking resolution", () => {
  it("Jho2019 eq. (3.10): σ_p/p = 0.0011 p ⊕ 0.0025/β", () => {
    // Independent evaluation of the formula at p = 4 GeV for a muon (β from E = √(p² + m²)).
    const p = 4;
    const beta = p / Math.sqrt(p * p + M_MU * M_MU);
    const expected = Math.sqrt((0.0011 * p) ** 2 + (0.0025 / beta) ** 2);
    expect(belle2MomentumResolution(p, M_MU)).toBeCloseToRel(expected, 4e-16);
  });

  it("has the analytic limits: curvature term at high p, multiple scattering 0.0025/β at low p", () => {
    // p = 1000 GeV: the 1/β term is 2.3e-3 of the curvature term, in quadrature 2.6e-6 relative.
    expect(belle2MomentumResolution(1000, M_MU)).toBeCloseToRel(1.1, 3e-6);
    // p = 0.01 GeV: β = 0.0942, the curvature term (1.1e-5) is 4e-4 of 0.0025/β; quadrature 8e-8.
    const beta = 0.01 / Math.hypot(0.01, M_MU);
    expect(belle2MomentumResolution(0.01, M_MU)).toBeCloseToRel(0.0025 / beta, 1e-7);
  });

  it("Belle2-4mu sec. II: σ_pT/pT = 0.1% p_T ⊕ 0.3%", () => {
    expect(belle2PtResolution(0)).toBe(0.003);
    expect(belle2PtResolution(4)).toBeCloseToRel(0.005, 4e-16); // √(0.004² + 0.003²) = 0.005
  });

  it("returns NaN outside the domain", () => {
    expect(belle2MomentumResolution(0, M_MU)).toBeNaN();
    expect(belle2MomentumResolution(1, -1)).toBeNaN();
    expect(belle2PtResolution(-1)).toBeNaN();
    expect(calorimeterResolution(0, [{ coefficient: 0.1, power: 0.5 }])).toBeNaN();
  });
});

describe("resolution models", () => {
  it("compiles every kind with its σ_rel", () => {
    expect(makeResolution("r", { kind: "none" }).relativeSigma(1, 1, 1, 1)).toBe(0);
    expect(makeResolution("r", { kind: "relativeMomentum", sigma: 0.005 }).relativeSigma(3, 1, 3, 1)).toBe(0.005);
    const beta = makeResolution("r", { kind: "momentumBeta", curvature: 0.0011, scattering: 0.0025 });
    expect(beta.smears).toBe("momentum");
    expect(beta.relativeSigma(4, 1, 4.0014, 4 / Math.hypot(4, M_MU))).toBeCloseToRel(
      belle2MomentumResolution(4, M_MU),
      4e-16,
    );
    const pt = makeResolution("r", { kind: "transverseMomentum", curvature: 0.001, constant: 0.003 });
    expect(pt.relativeSigma(10, 4, 10, 1)).toBeCloseToRel(0.005, 4e-16);
    const cal = makeResolution("r", {
      kind: "energy",
      terms: [
        { coefficient: 0.02, power: 0.5 },
        { coefficient: 0.01, power: 0 },
      ],
    });
    expect(cal.smears).toBe("energy");
    // σ/E = √(0.02²/4 + 0.01²) at E = 4 GeV = √2 × 0.01.
    expect(cal.relativeSigma(4, 1, 4, 1)).toBeCloseToRel(Math.SQRT2 * 0.01, 4e-16);
    expect(calorimeterResolution(4, [{ coefficient: 0.013, power: 0.5 }])).toBeCloseToRel(0.0065, 4e-16);
  });

  it("rejects bad descriptions", () => {
    expectPhysError(() => makeResolution("trk", { kind: "gauss" } as never), "UNKNOWN_NAME", "trk.kind");
    expectPhysError(
      () => makeResolution("trk", { kind: "relativeMomentum", sigma: -0.1 }),
      "OUT_OF_DOMAIN",
      "trk.sigma",
    );
    expectPhysError(
      () => makeResolution("trk", { kind: "momentumBeta", curvature: Number.NaN, scattering: 0 }),
      "INVALID_ARGUMENT",
      "trk.curvature",
    );
    expectPhysError(() => makeResolution("cal", { kind: "energy", terms: [] }), "INVALID_ARGUMENT", "cal.terms");
    expectPhysError(() => makeResolution("cal", null as never), "INVALID_ARGUMENT", "cal");
  });
});

describe("track angular resolution", () => {
  const terms = { constantRad: 3e-4, scatteringGeVRad: 1e-3 };
  it("σ = a ⊕ b/(p β)", () => {
    // p = 1 GeV muon: p β = p²/E; independent evaluation.
    const beta = 1 / Math.hypot(1, M_MU);
    expect(angleResolution(terms, 1, beta)).toBeCloseToRel(Math.sqrt(3e-4 ** 2 + (1e-3 / beta) ** 2), 4e-16);
    // Limits: the constant term at high momentum (b/p = 1e-7 is 1.1e-7 relative in quadrature... 5.6e-8),
    // the scattering term at low momentum (a is 3e-4 of b/(pβ) at p β = 1e-3: 4.5e-8 relative).
    expect(angleResolution(terms, 1e4, 1)).toBeCloseToRel(3e-4, 1e-7);
    expect(angleResolution(terms, 0.01, 0.1)).toBeCloseToRel(1, 1e-7);
  });
  it("returns NaN outside the domain", () => {
    expect(angleResolution(terms, 0, 1)).toBeNaN();
    expect(angleResolution(terms, 1, 0)).toBeNaN();
    expect(angleResolution(terms, 1, 1.5)).toBeNaN();
    expect(angleResolution(terms, Number.NaN, 1)).toBeNaN();
  });
  it("validates descriptions", () => {
    const ok = makeTrackAngularResolution("a", { theta: terms, phi: terms });
    expect(ok).toEqual({ theta: terms, phi: terms });
    expectPhysError(() => makeTrackAngularResolution("a", null as never), "INVALID_ARGUMENT", "a");
    expectPhysError(
      () => makeTrackAngularResolution("a", { theta: terms, phi: { constantRad: 0, scatteringGeVRad: -1 } }),
      "OUT_OF_DOMAIN",
      "a.phi.scatteringGeVRad",
    );
    expectPhysError(
      () => makeTrackAngularResolution("a", { theta: { constantRad: Number.NaN, scatteringGeVRad: 0 }, phi: terms }),
      "INVALID_ARGUMENT",
      "a.theta.constantRad",
    );
  });
});
