import { createRandom } from "@muonphilic/kinematics";
import { M_MU, M_PI } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { expectPhysError, fixedEvents, rad } from "../test/helpers.js";
import { createDetector, type DetectorConfig } from "./detector.js";
import { type Requirement, select, selectedEvents } from "./selection.js";

const track = (efficiency: number, muonId: number, electronId = 0) => ({
  acceptance: { kind: "polar", rangesDeg: [[20, 160]] } as const,
  efficiency,
  resolution: { kind: "none" } as const,
  muonId,
  electronId,
});

const config: DetectorConfig = {
  name: "toy",
  responses: {
    muon: track(0.9, 0.8, 0.05),
    pion: track(0.7, 0.1, 0.02),
    photon: {
      acceptance: { kind: "all" },
      threshold: { variable: "e", minGeV: 0.05 },
      efficiency: 0.6,
      resolution: { kind: "none" },
    },
  },
  trigger: { kind: "singleMuon", efficiency: 0.85 },
};
const det = createDetector(config);

// No smearing: every event of the batch has the same kinematics, so the weight-mode weight is
// the same for all and the sample-mode pass fraction is a binomial estimate of it.
const particles = {
  mu1: { p: 2, theta: rad(60), phi: 0, mass: M_MU },
  mu2: { p: 3, theta: rad(80), phi: 2, mass: M_MU },
  pi: { p: 1, theta: rad(100), phi: -2, mass: M_PI },
  g1: { p: 0.3, theta: rad(50), mass: 0 },
  g2: { p: 0.2, theta: rad(120), mass: 0 },
  g3: { p: 0.15, theta: rad(30), mass: 0 },
};
const species = { mu1: "muon", mu2: "muon", pi: "pion", g1: "photon", g2: "photon", g3: "photon" } as const;

/** Brute-force probability that the sum of detected photon energies is ≤ budget (all 2^n patterns). */
function bruteForceVeto(e: number[], q: number[], budget: number): number {
  let r = 0;
  for (let mask = 0; mask < 1 << e.length; mask++) {
    let pr = 1;
    let sum = 0;
    e.forEach((x, k) => {
      if (mask & (1 << k)) {
        pr *= q[k]!;
        sum += x;
      } else pr *= 1 - q[k]!;
    });
    if (sum <= budget) r += pr;
  }
  return r;
}

const requirements: Requirement[] = [
  { kind: "reconstructed", particles: ["mu1", "mu2"] },
  { kind: "trackCount", min: 2, max: 2 },
  { kind: "identification", particles: ["mu1", "mu2"], muons: { min: 1 }, electrons: { max: 0 } },
  { kind: "trigger" },
  { kind: "photonVeto", maxTotalEnergyGeV: 0.4 },
];

describe("select: weight mode is the exact expectation of sample mode", () => {
  it("matches the analytic probability of every step", () => {
    const reco = det.reconstruct(fixedEvents(10, particles), species, createRandom(1));
    const sel = select(reco, requirements, { mode: "weight" });
    // Independent hand computation of each factor.
    const fReco = 0.9 * 0.9;
    const fTracks = 1 - 0.7; // exactly two tracks: the pion must be lost
    const pNone = 1 - 0.8 - 0.05;
    const fId = (0.8 + pNone) ** 2 - pNone ** 2; // ≥ 1 muon and no electron: (P(μ)+P(none))² − P(none)²
    const fTrig = 1 - 0.15 ** 2; // two true muons, uncorrelated
    const fVeto = bruteForceVeto([0.3, 0.2, 0.15], [0.6, 0.6, 0.6], 0.4);
    const steps = [fReco, fTracks, fId, fTrig, fVeto];
    let cum = 1;
    sel.cutFlow.steps.forEach((s, k) => {
      cum *= steps[k]!;
      expect(s.weight / 10).toBeCloseToRel(cum, 1e-13);
    });
    expect(sel.weight[0]).toBeCloseToRel(cum, 1e-13);
    expect(sel.count).toBe(10);
  });

  it("the pass fraction in sample mode agrees within binomial errors", () => {
    const n = 60000;
    const reco = det.reconstruct(fixedEvents(n, particles), species, createRandom(2));
    const weighted = select(reco, requirements, { mode: "weight" });
    const sampled = select(reco, requirements, { mode: "sample" });
    weighted.cutFlow.steps.forEach((s, k) => {
      const p = s.weight / n;
      const got = sampled.cutFlow.steps[k]!.events / n;
      // 4 binomial standard deviations.
      expect(got).toBeCloseToRel(p, 0, 4 * Math.sqrt((p * (1 - p)) / n));
    });
  });

  it("trigger probabilities are averaged over tracks not required earlier (2^m enumeration)", () => {
    // Without the `reconstructed` step, each muon is present with 0.9: E[trigger] = Σ patterns.
    const reco = det.reconstruct(fixedEvents(4, particles), species, createRandom(3));
    const sel = select(reco, [{ kind: "trigger" }], { mode: "weight" });
    const expected = 2 * 0.9 * 0.1 * 0.85 + 0.9 * 0.9 * (1 - 0.15 ** 2);
    expect(sel.weight[0]).toBeCloseToRel(expected, 1e-14);
  });

  it("single-photon energy vetoes multiply (1 − q) over the photons above the cut", () => {
    const reco = det.reconstruct(fixedEvents(4, particles), species, createRandom(4));
    const sel = select(reco, [{ kind: "photonVeto", maxPhotonEnergyGeV: 0.18 }], { mode: "weight" });
    expect(sel.weight[0]).toBeCloseToRel(0.4 * 0.4, 1e-14);
    // In a frame moving along −z with β = 0.6 the forward photons lose energy, the backward one gains.
    const boosted = select(
      reco,
      [{ kind: "photonVeto", maxPhotonEnergyGeV: 0.18, frameVelocity: { x: 0, y: 0, z: 0.6 } }],
      {
        mode: "weight",
      },
    );
    const e = (p: number, th: number) => (p - 0.6 * p * Math.cos(th)) / Math.sqrt(1 - 0.36);
    const above = [e(0.3, rad(50)), e(0.2, rad(120)), e(0.15, rad(30))].filter((x) => x > 0.18).length;
    expect(boosted.weight[0]).toBeCloseToRel(0.4 ** above, 1e-14);
  });
});

describe("select: sample mode and the cut flow", () => {
  it("cut-flow counts decrease, removed counts add up, selectedEvents keeps the passing events", () => {
    const n = 2000;
    const reco = det.reconstruct(fixedEvents(n, particles, 0.5), species, createRandom(5));
    const sel = select(reco, [
      ...requirements,
      { kind: "custom", name: "mu1 p > 1", test: (r, i) => r.particles.mu1!.e[i]! > 1 },
    ]);
    expect(sel.mode).toBe("sample");
    expect(sel.cutFlow.initialEvents).toBe(n);
    expect(sel.cutFlow.initialWeight).toBe(n * 0.5);
    let prev = n;
    for (const s of sel.cutFlow.steps) {
      expect(s.events).toBeLessThanOrEqual(prev);
      expect(s.removedEvents).toBe(prev - s.events);
      prev = s.events;
    }
    expect(sel.count).toBe(prev);
    expect(sel.sumWeight).toBe(0.5 * sel.count);
    const data = selectedEvents(reco, sel, ["mu1", "mu2"]);
    expect(data.size).toBe(sel.count);
    expect(Object.keys(data.particles)).toEqual(["mu1", "mu2"]);
    expect(data.weight?.every((w) => w === 0.5)).toBe(true);
    expect(data.particles.mu1!.e[0]).toBeCloseToRel(Math.hypot(2, M_MU), 1e-15);
    // Photons not reconstructed in sample mode are NaN; all of them are accepted here.
    const all = selectedEvents(reco, sel);
    const rows = Array.from(sel.passed.keys()).filter((i) => sel.passed[i] === 1);
    rows.forEach((i, k) => {
      expect(Number.isNaN(all.particles.g1!.e[k]!)).toBe(reco.particles.g1!.reconstructed[i] === 0);
    });
  });

  it("an empty requirement list passes everything", () => {
    const reco = det.reconstruct(fixedEvents(5, particles), species, createRandom(6));
    const sel = select(reco, []);
    expect(sel.count).toBe(5);
    expect(sel.cutFlow.steps).toHaveLength(0);
  });
});

describe("select: validation", () => {
  const reco = det.reconstruct(fixedEvents(3, particles), species, createRandom(7));
  it("rejects bad requirements with typed errors", () => {
    expectPhysError(
      () => select(reco, [{ kind: "reconstructed", particles: ["tau"] }]),
      "UNKNOWN_NAME",
      "requirements[0].particles[0]",
    );
    expectPhysError(
      () => select(reco, [{ kind: "reconstructed", particles: [] }]),
      "INVALID_ARGUMENT",
      "requirements[0].particles",
    );
    expectPhysError(() => select(reco, [{ kind: "cut" } as never]), "UNKNOWN_NAME", "requirements[0].kind");
    expectPhysError(
      () => select(reco, [{ kind: "trackCount", min: 3, max: 2 }]),
      "OUT_OF_DOMAIN",
      "requirements[0].max",
    );
    expectPhysError(() => select(reco, [{ kind: "trackCount", min: 1.5 }]), "INVALID_ARGUMENT", "requirements[0].min");
    expectPhysError(() => select(reco, [{ kind: "photonVeto" }]), "INVALID_ARGUMENT", "requirements[0]");
    expectPhysError(
      () => select(reco, [{ kind: "photonVeto", maxTotalEnergyGeV: -1 }]),
      "OUT_OF_DOMAIN",
      "requirements[0].maxTotalEnergyGeV",
    );
    expectPhysError(
      () => select(reco, [{ kind: "photonVeto", maxTotalEnergyGeV: 1, frameVelocity: { x: 0, y: 0, z: 1 } }]),
      "OUT_OF_DOMAIN",
      "requirements[0].frameVelocity",
    );
    expectPhysError(
      () => select(reco, [{ kind: "custom", name: "x" } as never]),
      "INVALID_ARGUMENT",
      "requirements[0]",
    );
    expectPhysError(() => select(reco, [], { mode: "exact" as "weight" }), "UNKNOWN_NAME", "options.mode");
    const id: Requirement = { kind: "identification", particles: ["mu1"], muons: { min: 1 } };
    expectPhysError(() => select(reco, [id, id], { mode: "weight" }), "INVALID_ARGUMENT", "requirements");
    expect(select(reco, [id, id]).size).toBe(3); // allowed in sample mode
  });
  it("selectedEvents checks its inputs", () => {
    const sel = select(reco, []);
    expectPhysError(() => selectedEvents(reco, { ...sel, size: 4 }), "INCOMPATIBLE_SHAPES", "selection");
    expectPhysError(() => selectedEvents(reco, sel, ["x"]), "UNKNOWN_NAME", "particles[0]");
  });
});
