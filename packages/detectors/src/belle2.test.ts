import {
  cmToLabEvents,
  createKinematicFitter,
  createRandom,
  type FourVectorColumns,
  ramboColumns,
  trackCovariance,
} from "@muonphilic/kinematics";
import { M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { expectPhysError, fixedEvents, rad } from "../test/helpers.js";
import { BELLE2_TRACK_ANGLES, belle2 } from "./belle2.js";
import type { DetectorDescription } from "./detector.js";
import { e949 } from "./e949.js";
import { muone } from "./muone.js";
import { select } from "./selection.js";

/** Every acceptance, efficiency, resolution, threshold and trigger of a description, with its path. */
function specs(d: DetectorDescription): [string, { provenance?: unknown } | undefined][] {
  const out: [string, { provenance?: unknown } | undefined][] = [["trigger", d.config.trigger]];
  for (const [s, r] of Object.entries(d.config.responses)) {
    if (r === undefined) continue;
    for (const k of [
      "acceptance",
      "efficiency",
      "resolution",
      "muonId",
      "electronId",
      "threshold",
      "trackAngularResolution",
    ] as const) {
      const v = r[k];
      if ((k === "threshold" || k === "trackAngularResolution") && v === undefined) continue;
      out.push([`${s}.${k}`, v as { provenance?: unknown }]);
    }
  }
  return out;
}

describe("provenance", () => {
  it("every number of the built-in models says where it comes from", () => {
    for (const det of [
      belle2(),
      belle2({ muonId: "jho2019", trigger: "twoTrack", photonVeto: "overall" }),
      muone(),
      e949(),
    ]) {
      for (const [path, spec] of specs(det.description)) {
        expect(spec?.provenance, `${det.name}: ${path}`).toBeDefined();
      }
      for (const [key, p] of Object.entries(det.description.parameters)) expect(p.provenance, key).toBeDefined();
      // The description is plain data.
      expect(JSON.parse(JSON.stringify(det.description)).config.name).toBe(det.name);
    }
  });
});

describe("belle2 track angular resolution", () => {
  it("is on with the four-muon tracking (the default) and off with Jho2019's", () => {
    const muon = belle2().description.config.responses.muon!;
    expect(muon.trackAngularResolution?.theta).toEqual(BELLE2_TRACK_ANGLES);
    expect(muon.trackAngularResolution?.phi).toEqual(BELLE2_TRACK_ANGLES);
    expect(muon.trackAngularResolution?.provenance?.kind).toBe("assumption");
    expect(belle2({ tracking: "jho2019" }).presets.trackAngles).toBe("none");
    expect(belle2({ tracking: "jho2019" }).description.config.responses.muon!.trackAngularResolution).toBeUndefined();
    expect(belle2({ tracking: "jho2019", trackAngles: "fourMuon" }).presets.trackAngles).toBe("fourMuon");
    expect(belle2({ trackAngles: "none" }).description.config.responses.pion!.trackAngularResolution).toBeUndefined();
    const terms = { constantRad: 1e-3, scatteringGeVRad: 0 };
    expect(belle2({ trackAngles: { theta: terms, phi: terms } }).presets.trackAngles).toBe("custom");
    expectPhysError(() => belle2({ trackAngles: "flat" as "none" }), "UNKNOWN_NAME", "trackAngles");
  });

  it("trackResolution of the default model: Belle2-4mu's σ_pT and the preset's σ_θ = σ_φ = a ⊕ b/(pβ)", () => {
    const det = belle2();
    const [px, py, pz] = [0.3, -0.4, 1.2]; // p_T = 0.5, p = 1.3 GeV
    const r = det.trackResolution("muon", px, py, pz, M_MU);
    const pbeta = (1.3 * 1.3) / Math.hypot(1.3, M_MU);
    const a = BELLE2_TRACK_ANGLES.constantRad;
    const b = BELLE2_TRACK_ANGLES.scatteringGeVRad;
    // Independent evaluations of the formulas (a few ulps of rounding).
    expect(r.sigmaPt).toBeCloseToRel(0.5 * Math.sqrt((0.001 * 0.5) ** 2 + 0.003 ** 2), 1e-15);
    expect(r.sigmaTheta).toBeCloseToRel(Math.sqrt(a * a + (b / pbeta) ** 2), 1e-15);
    expect(r.sigmaPhi).toBeCloseToRel(r.sigmaTheta, 1e-15);
    const none = belle2({ trackAngles: "none" }).trackResolution("muon", px, py, pz, M_MU);
    expect(none.sigmaTheta).toBe(0);
    expect(none.sigmaPhi).toBe(0);
  });
});

describe("belle2 track covariances in a 4C kinematic fit (closure)", () => {
  it("e+e- → 4μ at √s (RAMBO, no ISR): the fitted χ² of four degrees of freedom averages 4", () => {
    // trackResolution must be the covariance of the smearing: then χ² ~ χ²₄ (mean 4, variance 8).
    const det = belle2();
    const beams = det.beams;
    const n = 4000;
    const rng = createRandom(17);
    const { daughters } = ramboColumns(beams.sqrtS, [M_MU, M_MU, M_MU, M_MU], n, rng);
    const [a, b, c, d] = daughters as [FourVectorColumns, FourVectorColumns, FourVectorColumns, FourVectorColumns];
    const events = cmToLabEvents({ size: n, particles: { a, b, c, d } }, beams);
    const reco = det.reconstruct(events, { a: "muon", b: "muon", c: "muon", d: "muon" }, rng);
    const fitter = createKinematicFitter({
      masses: [M_MU, M_MU, M_MU, M_MU],
      constraints: [{ type: "fourMomentum", total: beams.total }],
    });
    const momenta = new Float64Array(12);
    const cov = new Float64Array(36);
    const names = ["a", "b", "c", "d"] as const;
    let sum = 0;
    let fitted = 0;
    for (let i = 0; i < n; i++) {
      if (!names.every((k) => reco.particles[k]!.accepted[i] === 1)) continue;
      names.forEach((k, j) => {
        const p = reco.particles[k]!;
        const [x, y, z] = [p.px[i]!, p.py[i]!, p.pz[i]!];
        momenta.set([x, y, z], 3 * j);
        cov.set(trackCovariance({ x, y, z }, det.trackResolution("muon", x, y, z, M_MU)), 9 * j);
      });
      const r = fitter.fit(momenta, cov);
      if (!r.valid) continue;
      sum += r.chi2;
      fitted++;
    }
    expect(fitted).toBeGreaterThan(1000);
    // The mean of χ²₄ over `fitted` events to 4 standard errors √(8/fitted) (≈ 0.2).
    expect(sum / fitted).toBeCloseToRel(4, 0, 4 * Math.sqrt(8 / fitted));
  });
});

describe("belle2 presets", () => {
  it("records the preset names and 'custom' for descriptions", () => {
    expect(belle2().presets).toEqual({
      tracking: "fourMuon",
      trackAngles: "fourMuon",
      muonId: "belle2",
      trigger: "fourMuon",
      photonVeto: "conservative",
    });
    const d = belle2({
      tracking: { kind: "relativeMomentum", sigma: 0.01 },
      photonVeto: { inefficiency: 1e-4, modelGaps: true },
    });
    expect(d.presets.tracking).toBe("custom");
    expect(d.presets.photonVeto).toBe("custom");
    expect(d.description.config.responses.photon?.efficiency).toMatchObject({
      constant: 1 - 1e-4,
      provenance: { kind: "user" },
    });
  });

  it("throws UNKNOWN_NAME for unknown presets", () => {
    expectPhysError(() => belle2({ tracking: "cms" as "jho2019" }), "UNKNOWN_NAME", "tracking");
    expectPhysError(() => belle2({ muonId: "tight" as "belle2" }), "UNKNOWN_NAME", "muonId");
    expectPhysError(() => belle2({ trigger: "l1" as "none" }), "UNKNOWN_NAME", "trigger");
    expectPhysError(() => belle2({ photonVeto: "perfect" as "overall" }), "UNKNOWN_NAME", "photonVeto");
  });

  it("throws for efficiencies outside [0, 1] and bad numbers", () => {
    expectPhysError(
      () => belle2({ photonVeto: { inefficiency: 1.5, modelGaps: true } }),
      "OUT_OF_DOMAIN",
      "photonVeto.inefficiency",
    );
    expectPhysError(() => belle2({ trackingEfficiency: 1.2 }), "OUT_OF_DOMAIN", "config.responses.muon.efficiency");
    expectPhysError(() => belle2({ electronId: -0.1 }), "OUT_OF_DOMAIN", "config.responses.electron.electronId");
    expectPhysError(() => belle2({ photonThresholdGeV: -0.1 }), "OUT_OF_DOMAIN", "photonThresholdGeV");
    expectPhysError(() => belle2({ eclCentralGapWidthMm: -1 }), "OUT_OF_DOMAIN", "eclCentralGapWidthMm");
    expectPhysError(
      () => belle2({ trackingEfficiency: { variable: "p", grid: [1, 0.5], values: [1, 1] } }),
      "INVALID_ARGUMENT",
      "config.responses.muon.efficiency.grid[1]",
    );
    expectPhysError(() => belle2({ tracking: 3 as never }), "INVALID_ARGUMENT", "tracking");
  });

  it("tracks need the CDC; muon identification needs the KLM in the Jho2019 working point", () => {
    const det = belle2({ muonId: "jho2019" });
    const events = fixedEvents(1, {
      a: { p: 2, theta: rad(16), mass: M_MU },
      b: { p: 2, theta: rad(20), mass: M_MU },
      c: { p: 2, theta: rad(60), mass: M_MU },
    });
    const reco = det.reconstruct(events, { a: "muon", b: "muon", c: "muon" }, createRandom(1));
    expect(reco.particles.a!.accepted[0]).toBe(0);
    expect(reco.particles.b!.accepted[0]).toBe(1);
    expect(reco.particles.b!.muonIdProbability[0]).toBe(0);
    expect(reco.particles.c!.muonIdProbability[0]).toBe(0.9);
  });

  it("the four-muon trigger: OR of three-track and single-muon", () => {
    const det = belle2();
    // Four muons of p_T ≈ 1 GeV, all inside 51°-117°: three-track fires (1), so the OR is 1.
    const four = fixedEvents(1, {
      a: { p: 1.1, theta: rad(60), phi: 0, mass: M_MU },
      b: { p: 1.1, theta: rad(70), phi: 1, mass: M_MU },
      c: { p: 1.1, theta: rad(80), phi: 2, mass: M_MU },
      d: { p: 1.1, theta: rad(100), phi: 3, mass: M_MU },
    });
    const sp = { a: "muon", b: "muon", c: "muon", d: "muon" } as const;
    const w = (ev: typeof four) =>
      select(det.reconstruct(ev, sp, createRandom(2)), [{ kind: "trigger" }], { mode: "weight" }).sumWeight;
    expect(w(four)).toBe(1);
    // Only one muon in the single-muon window and fewer than three tracks in 37°-120°: 0.9 from the single-muon trigger.
    const forward = fixedEvents(1, {
      a: { p: 1.1, theta: rad(60), mass: M_MU },
      b: { p: 1.1, theta: rad(25), mass: M_MU },
      c: { p: 1.1, theta: rad(30), mass: M_MU },
      d: { p: 1.1, theta: rad(130), mass: M_MU },
    });
    expect(w(forward)).toBeCloseToRel(0.9, 1e-15);
  });
});
