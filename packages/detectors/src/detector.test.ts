import { createRandom } from "@muonphilic/kinematics";
import { M_MU, M_PI } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { expectPhysError, fixedEvents, meanStd, rad } from "../test/helpers.js";
import { createDetector, type DetectorConfig } from "./detector.js";
import { PID } from "./species.js";

const config: DetectorConfig = {
  name: "toy",
  responses: {
    muon: {
      acceptance: { kind: "polar", rangesDeg: [[20, 160]] },
      efficiency: 0.8,
      resolution: { kind: "relativeMomentum", sigma: 0.02 },
      muonId: 0.7,
      electronId: 0.1,
    },
    pion: {
      acceptance: { kind: "polar", rangesDeg: [[20, 160]] },
      efficiency: 1,
      resolution: { kind: "relativeMomentum", sigma: 0.02 },
      muonId: 0.05,
    },
    photon: {
      acceptance: { kind: "all" },
      threshold: { variable: "e", minGeV: 0.1 },
      efficiency: 0.9,
      resolution: { kind: "energy", terms: [{ coefficient: 0.05, power: 0 }] },
    },
  },
  trigger: { kind: "none" },
};

describe("createDetector: reconstruction", () => {
  const det = createDetector(config);
  const n = 40000;
  const events = fixedEvents(n, {
    mu: { p: 2, theta: rad(60), phi: 0.3, mass: M_MU },
    pi: { p: 1, theta: rad(100), phi: -1, mass: M_PI },
    g: { p: 0.5, theta: rad(90), mass: 0 },
    nu: { p: 3, theta: rad(90), mass: 0 },
  });
  const species = { mu: "muon", pi: "pion", g: "photon", nu: "invisible" } as const;
  const reco = det.reconstruct(events, species, createRandom(11));

  it("keeps the batch size, names and weights", () => {
    expect(reco.size).toBe(n);
    expect(reco.names).toEqual(["mu", "pi", "g", "nu"]);
    expect(reco.weight.every((w) => w === 1)).toBe(true);
  });

  it("draws reconstruction and identification with the stated probabilities", () => {
    const mu = reco.particles.mu!;
    const rec = meanStd(mu.reconstructed).mean;
    // Binomial: σ = √(0.8 · 0.2 / n) = 0.002; 4σ.
    expect(rec).toBeCloseToRel(0.8, 0, 4 * Math.sqrt((0.8 * 0.2) / n));
    let nMu = 0;
    let nEl = 0;
    let nRec = 0;
    for (let i = 0; i < n; i++) {
      if (mu.reconstructed[i] !== 1) {
        expect(mu.pid[i]).toBe(PID.none);
        continue;
      }
      nRec++;
      if (mu.pid[i] === PID.muon) nMu++;
      if (mu.pid[i] === PID.electron) nEl++;
    }
    expect(nMu / nRec).toBeCloseToRel(0.7, 0, 4 * Math.sqrt((0.7 * 0.3) / nRec));
    expect(nEl / nRec).toBeCloseToRel(0.1, 0, 4 * Math.sqrt((0.1 * 0.9) / nRec));
    expect(mu.efficiency[0]).toBe(0.8);
    expect(mu.muonIdProbability[0]).toBe(0.7);
  });

  it("smears momentum at fixed mass and direction, energy at fixed direction for photons", () => {
    const mu = reco.particles.mu!;
    const rel = Float64Array.from({ length: n }, (_, i) => Math.hypot(mu.px[i]!, mu.py[i]!, mu.pz[i]!) / 2 - 1);
    const { mean, std } = meanStd(rel);
    // σ = 0.02; the sample std has relative error 1/√(2(n−1)) = 0.35%: 4σ = 1.5%. Mean within 4σ/√n.
    expect(std).toBeCloseToRel(0.02, 0.015);
    expect(Math.abs(mean)).toBeLessThan((4 * 0.02) / Math.sqrt(n));
    for (let i = 0; i < 100; i++) {
      const p2 = mu.px[i]! ** 2 + mu.py[i]! ** 2 + mu.pz[i]! ** 2;
      expect(Math.sqrt(mu.e[i]! ** 2 - p2)).toBeCloseToRel(M_MU, 1e-9);
      expect(mu.theta[i]).toBeCloseToRel(rad(60), 1e-14);
      expect(mu.phi[i]).toBeCloseToRel(0.3, 1e-14);
    }
    const g = reco.particles.g!;
    for (let i = 0; i < 100; i++) expect(Math.hypot(g.px[i]!, g.py[i]!, g.pz[i]!)).toBeCloseToRel(g.e[i]!, 1e-14);
    expect(meanStd(g.e).std / 0.5).toBeCloseToRel(0.05, 0.015);
  });

  it("never detects invisible particles or species without a response", () => {
    const nu = reco.particles.nu!;
    expect(nu.accepted.every((a) => a === 0)).toBe(true);
    expect(Number.isNaN(nu.e[0]!)).toBe(true);
    const out = det.reconstruct(
      fixedEvents(10, { e: { p: 1, theta: 1, mass: 0.000511 } }),
      { e: "electron" },
      createRandom(1),
    );
    expect(out.particles.e!.accepted.every((a) => a === 0)).toBe(true);
  });

  it("applies the threshold to the measured energy", () => {
    // A 0.1 GeV photon with 5% resolution: about half the measured energies fall below 0.1 GeV.
    const soft = det.reconstruct(
      fixedEvents(20000, { g: { p: 0.1, theta: 1, mass: 0 } }),
      { g: "photon" },
      createRandom(2),
    );
    const frac = meanStd(soft.particles.g!.accepted).mean;
    expect(frac).toBeCloseToRel(0.5, 0, 4 * Math.sqrt(0.25 / 20000));
    const g = soft.particles.g!;
    for (let i = 0; i < 200; i++) if (g.accepted[i] === 1) expect(g.e[i]!).toBeGreaterThanOrEqual(0.1);
  });

  it("rejects particles outside the acceptance", () => {
    const out = det.reconstruct(
      fixedEvents(5, { mu: { p: 1, theta: rad(10), mass: M_MU } }),
      { mu: "muon" },
      createRandom(3),
    );
    expect(out.particles.mu!.accepted.every((a) => a === 0)).toBe(true);
    expect(out.particles.mu!.efficiency.every((a) => a === 0)).toBe(true);
  });

  it("is reproducible for a seed and advances the caller's source", () => {
    const small = fixedEvents(50, { mu: { p: 2, theta: 1, mass: M_MU } });
    const a = det.reconstruct(small, { mu: "muon" }, createRandom(5));
    const b = det.reconstruct(small, { mu: "muon" }, createRandom(5));
    expect(a.particles.mu!.px).toEqual(b.particles.mu!.px);
    const rng = createRandom(5);
    const c1 = det.reconstruct(small, { mu: "muon" }, rng);
    const c2 = det.reconstruct(small, { mu: "muon" }, rng);
    expect(c1.particles.mu!.px[0]).not.toBe(c2.particles.mu!.px[0]);
  });

  it("a particle's smearing does not depend on other particles' responses", () => {
    // Same seed, same muons; the photon response differs: the muon columns are identical.
    const { photon: _, ...withoutPhoton } = config.responses;
    const other = createDetector({ ...config, responses: withoutPhoton });
    const a = det.reconstruct(events, species, createRandom(9)).particles.mu!;
    const b = other.reconstruct(events, species, createRandom(9)).particles.mu!;
    expect(b.px).toEqual(a.px);
    expect(b.pid).toEqual(a.pid);
  });

  it("keeps input weights", () => {
    const w = det.reconstruct(
      fixedEvents(3, { mu: { p: 1, theta: 1, mass: M_MU } }, 2.5),
      { mu: "muon" },
      createRandom(1),
    );
    expect(Array.from(w.weight)).toEqual([2.5, 2.5, 2.5]);
  });
});

describe("createDetector: direction smearing", () => {
  it("smears each transverse projection with σ (closure at θ ≫ σ)", () => {
    const sigma = 1e-3;
    const det = createDetector({
      name: "angles",
      responses: {
        muon: { acceptance: { kind: "all" }, efficiency: 1, resolution: { kind: "none" }, angularResolutionRad: sigma },
      },
      trigger: { kind: "none" },
    });
    const n = 40000;
    const reco = det.reconstruct(
      fixedEvents(n, { mu: { p: 5, theta: 0.5, phi: 0, mass: M_MU } }),
      { mu: "muon" },
      createRandom(4),
    );
    const mu = reco.particles.mu!;
    const dTheta = Float64Array.from(mu.theta, (t) => t - 0.5);
    // In-plane projection is Δθ; out-of-plane projection is sin θ · Δφ. Both have width σ (4σ of the std: 1.4%).
    const dPerp = Float64Array.from(mu.phi, (f) => Math.sin(0.5) * f);
    expect(meanStd(dTheta).std).toBeCloseToRel(sigma, 0.015);
    expect(meanStd(dPerp).std).toBeCloseToRel(sigma, 0.015);
    expect(Math.hypot(mu.px[0]!, mu.py[0]!, mu.pz[0]!)).toBeCloseToRel(5, 1e-14);
  });
});

describe("createDetector: track angular resolution", () => {
  // σ = a ⊕ b/(pβ) for θ and φ, p_T kept: at p = 0.5 GeV (β = 0.978) σ_θ = √(0.4² + (2/0.489)²) mrad.
  const theta = { constantRad: 0.4e-3, scatteringGeVRad: 2e-3 };
  const phi = { constantRad: 1e-3, scatteringGeVRad: 0.5e-3 };
  const det = createDetector({
    name: "angles",
    responses: {
      muon: {
        acceptance: { kind: "all" },
        efficiency: 1,
        resolution: { kind: "transverseMomentum", curvature: 0.001, constant: 0.003 },
        trackAngularResolution: { theta, phi },
      },
      photon: { acceptance: { kind: "all" }, efficiency: 1, resolution: { kind: "none" } },
    },
    trigger: { kind: "none" },
  });
  const n = 40000;
  const p = 0.5;
  const th = rad(70);
  const ph = 2.5;
  const events = fixedEvents(n, { mu: { p, theta: th, phi: ph, mass: M_MU } });
  const mu = det.reconstruct(events, { mu: "muon" }, createRandom(5)).particles.mu!;
  const pbeta = (p * p) / Math.hypot(p, M_MU); // p β = p²/E
  const sTheta = Math.hypot(theta.constantRad, theta.scatteringGeVRad / pbeta);
  const sPhi = Math.hypot(phi.constantRad, phi.scatteringGeVRad / pbeta);
  const pt = p * Math.sin(th);
  const sPtRel = Math.hypot(0.001 * pt, 0.003);

  it("smears θ with a ⊕ b/(pβ), φ with its own terms, and keeps the p_T of the momentum smearing", () => {
    // Standard deviations of n = 40000 Gaussians: relative error 1/√(2n) = 0.35%; 4σ = 1.4%.
    const dTheta = meanStd(Float64Array.from(mu.theta, (t) => t - th));
    const dPhi = meanStd(Float64Array.from(mu.phi, (f) => f - ph));
    expect(dTheta.std).toBeCloseToRel(sTheta, 0.015);
    expect(dPhi.std).toBeCloseToRel(sPhi, 0.015);
    // Means: 4 standard errors σ/√n.
    expect(dTheta.mean).toBeCloseToRel(0, 0, (4 * sTheta) / Math.sqrt(n));
    expect(dPhi.mean).toBeCloseToRel(0, 0, (4 * sPhi) / Math.sqrt(n));
    const dPt = meanStd(Float64Array.from(mu.px, (x, i) => Math.hypot(x, mu.py[i]!) / pt - 1));
    expect(dPt.std).toBeCloseToRel(sPtRel, 0.015);
    // Measured four-vectors are consistent: E² − p² = m² (rounding of GeV² quantities, 1e-12 relative).
    const i = 17;
    const m2 = mu.e[i]! ** 2 - mu.px[i]! ** 2 - mu.py[i]! ** 2 - mu.pz[i]! ** 2;
    expect(m2).toBeCloseToRel(M_MU * M_MU, 1e-9);
  });

  it("trackResolution gives the smearing's (σ_pT, σ_θ, σ_φ), and the pulls of the smeared tracks are unit normal", () => {
    const r = det.trackResolution("muon", pt * Math.cos(ph), pt * Math.sin(ph), p * Math.cos(th), M_MU);
    expect(r.sigmaTheta).toBeCloseToRel(sTheta, 1e-14);
    expect(r.sigmaPhi).toBeCloseToRel(sPhi, 1e-14);
    expect(r.sigmaPt).toBeCloseToRel(pt * sPtRel, 1e-14);
    // χ² of the measured (pT, θ, φ) against the truth with the returned widths (evaluated at the
    // truth): mean 3, variance 6 for a correct covariance; the mean to 4 standard errors √(6/n).
    let chi2 = 0;
    for (let k = 0; k < n; k++) {
      const ptm = Math.hypot(mu.px[k]!, mu.py[k]!);
      chi2 +=
        ((ptm - pt) / r.sigmaPt) ** 2 +
        ((mu.theta[k]! - th) / r.sigmaTheta) ** 2 +
        ((mu.phi[k]! - ph) / r.sigmaPhi) ** 2;
    }
    expect(chi2 / n).toBeCloseToRel(3, 0, 4 * Math.sqrt(6 / n));
  });

  it("trackResolution: isotropic direction smearing gives σ and σ/sin θ; kernels return NaN; species are checked", () => {
    const iso = createDetector({
      name: "iso",
      responses: {
        muon: { acceptance: { kind: "all" }, efficiency: 1, resolution: { kind: "none" }, angularResolutionRad: 2e-3 },
      },
      trigger: { kind: "none" },
    });
    const r = iso.trackResolution("muon", 0.6, 0, 0.8, M_MU); // sin θ = 0.6
    expect(r.sigmaPt).toBe(0);
    expect(r.sigmaTheta).toBe(2e-3);
    expect(r.sigmaPhi).toBeCloseToRel(2e-3 / 0.6, 4e-16);
    expect(det.trackResolution("muon", 0, 0, 1, M_MU).sigmaTheta).toBeNaN();
    expect(det.trackResolution("muon", 1, 0, 1, -1).sigmaPt).toBeNaN();
    expectPhysError(() => det.trackResolution("tau" as "muon", 1, 0, 0, M_MU), "UNKNOWN_NAME", "species");
    expectPhysError(() => det.trackResolution("photon", 1, 0, 0, 0), "INVALID_ARGUMENT", "species");
    expectPhysError(() => det.trackResolution("pion", 1, 0, 0, M_PI), "INVALID_ARGUMENT", "species");
  });

  it("reflects θ through the poles (θ < 0 becomes −θ with φ + π)", () => {
    const wide = createDetector({
      name: "wide",
      responses: {
        muon: {
          acceptance: { kind: "all" },
          efficiency: 1,
          resolution: { kind: "none" },
          trackAngularResolution: {
            theta: { constantRad: 0.05, scatteringGeVRad: 0 },
            phi: { constantRad: 0, scatteringGeVRad: 0 },
          },
        },
      },
      trigger: { kind: "none" },
    });
    const m = wide.reconstruct(
      fixedEvents(2000, { mu: { p: 1, theta: 0.02, phi: 0.3, mass: M_MU } }),
      { mu: "muon" },
      createRandom(3),
    ).particles.mu!;
    let flipped = 0;
    for (let k = 0; k < 2000; k++) {
      expect(m.theta[k]!).toBeGreaterThanOrEqual(0);
      if (Math.abs(m.phi[k]! - (0.3 - Math.PI)) < 1e-12) flipped++;
      else expect(m.phi[k]!).toBeCloseToRel(0.3, 1e-15);
    }
    // P(θ + 0.05 z < 0) = Φ(−0.4) = 0.345; 2000 draws: binomial σ = 0.011, 4σ.
    expect(flipped / 2000).toBeCloseToRel(0.3446, 0, 0.043);
  });
});

describe("createDetector: validation", () => {
  const det = createDetector(config);
  const ev = fixedEvents(3, { mu: { p: 1, theta: 1, mass: M_MU } });
  it("requires a declaration for every particle and nothing else", () => {
    expectPhysError(() => det.reconstruct(ev, {}, createRandom(1)), "UNKNOWN_NAME", "species.mu");
    expectPhysError(
      () => det.reconstruct(ev, { mu: "muon", x: "photon" }, createRandom(1)),
      "UNKNOWN_NAME",
      "species.x",
    );
    expectPhysError(() => det.reconstruct(ev, { mu: "tau" as "muon" }, createRandom(1)), "UNKNOWN_NAME", "species.mu");
    expectPhysError(
      () => det.reconstruct(ev, { mu: { species: "muon", charge: 0 } }, createRandom(1)),
      "INVALID_ARGUMENT",
      "species.mu.charge",
    );
    const ok = det.reconstruct(ev, { mu: { species: "muon", charge: -1 } }, createRandom(1));
    expect(ok.particles.mu!.charge).toBe(-1);
  });
  it("checks column lengths and shapes", () => {
    const bad = { size: 4, particles: ev.particles };
    expectPhysError(
      () => det.reconstruct(bad, { mu: "muon" }, createRandom(1)),
      "INCOMPATIBLE_SHAPES",
      "events.particles.mu",
    );
    expectPhysError(
      () => det.reconstruct({ ...ev, weight: new Float64Array(2) }, { mu: "muon" }, createRandom(1)),
      "INCOMPATIBLE_SHAPES",
      "events.weight",
    );
    expectPhysError(
      () => det.reconstruct({ size: -1, particles: {} }, {}, createRandom(1)),
      "INVALID_ARGUMENT",
      "events.size",
    );
    expectPhysError(() => det.reconstruct(null as never, {}, createRandom(1)), "INVALID_ARGUMENT", "events");
    const notFloat = { size: 3, particles: { mu: { ...ev.particles.mu!, e: [1, 1, 1] as unknown as Float64Array } } };
    expectPhysError(
      () => det.reconstruct(notFloat, { mu: "muon" }, createRandom(1)),
      "INVALID_ARGUMENT",
      "events.particles.mu",
    );
  });
  it("validates the configuration", () => {
    expectPhysError(
      () => createDetector({ ...config, responses: { tau: config.responses.muon } as never }),
      "UNKNOWN_NAME",
      "config.responses",
    );
    expectPhysError(
      () => createDetector({ ...config, responses: { muon: { ...config.responses.muon!, efficiency: 1.5 } } }),
      "OUT_OF_DOMAIN",
      "config.responses.muon.efficiency",
    );
    expectPhysError(
      () => createDetector({ ...config, responses: { muon: { ...config.responses.muon!, angularResolutionRad: -1 } } }),
      "OUT_OF_DOMAIN",
      "config.responses.muon.angularResolutionRad",
    );
    const terms = { constantRad: 1e-3, scatteringGeVRad: 1e-3 };
    expectPhysError(
      () =>
        createDetector({
          ...config,
          responses: {
            muon: {
              ...config.responses.muon!,
              trackAngularResolution: { theta: terms, phi: { ...terms, constantRad: -1 } },
            },
          },
        }),
      "OUT_OF_DOMAIN",
      "config.responses.muon.trackAngularResolution.phi.constantRad",
    );
    expectPhysError(
      () =>
        createDetector({
          ...config,
          responses: { muon: { ...config.responses.muon!, trackAngularResolution: { theta: terms } as never } },
        }),
      "INVALID_ARGUMENT",
      "config.responses.muon.trackAngularResolution.phi",
    );
    expectPhysError(
      () =>
        createDetector({
          ...config,
          responses: {
            muon: {
              ...config.responses.muon!,
              angularResolutionRad: 1e-3,
              trackAngularResolution: { theta: terms, phi: terms },
            },
          },
        }),
      "INVALID_ARGUMENT",
      "config.responses.muon.trackAngularResolution",
    );
    expectPhysError(
      () =>
        createDetector({
          ...config,
          responses: { photon: { ...config.responses.photon!, trackAngularResolution: { theta: terms, phi: terms } } },
        }),
      "INVALID_ARGUMENT",
      "config.responses.photon.trackAngularResolution",
    );
    expectPhysError(
      () =>
        createDetector({
          ...config,
          responses: {
            electron: {
              acceptance: { kind: "planar", halfWidthM: 1, distancesM: [1, 2] },
              efficiency: 1,
              resolution: { kind: "none" },
            },
            photon: {
              acceptance: { kind: "planar", halfWidthM: 1, distancesM: [1] },
              efficiency: 1,
              resolution: { kind: "none" },
            },
          },
        }),
      "INCOMPATIBLE_SHAPES",
    );
  });
});
