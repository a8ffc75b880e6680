// The cone of the photon veto (Belle2-inv: no photon within 15° of the recoil momentum).
import type { EventColumns, FourVectorColumns, ThreeVector } from "@muonphilic/kinematics";
import { createRandom } from "@muonphilic/kinematics";
import { M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { expectPhysError, fixedColumns, fixedEvents, rad } from "../test/helpers.js";
import { createDetector, type DetectorConfig, type ReconstructedEvents } from "./detector.js";
import { type Requirement, select } from "./selection.js";

// Same toy detector as selection.test.ts: no smearing, photon efficiency 0.6 above 50 MeV.
const config: DetectorConfig = {
  name: "toy",
  responses: {
    muon: {
      acceptance: { kind: "polar", rangesDeg: [[20, 160]] },
      efficiency: 0.9,
      resolution: { kind: "none" },
      muonId: 0.8,
      electronId: 0.05,
    },
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
const Q = 0.6; // photon efficiency

// Three photons in the x-z plane (φ = 0): the angle to an axis at (θ = 55°, φ = 0) is |θ − 55°|:
// g1 at 5°, g3 at 25°, g2 at 65°.
const particles = {
  mu1: { p: 2, theta: rad(60), phi: 0, mass: M_MU },
  mu2: { p: 3, theta: rad(80), phi: 2, mass: M_MU },
  g1: { p: 0.3, theta: rad(50), mass: 0 },
  g2: { p: 0.2, theta: rad(120), mass: 0 },
  g3: { p: 0.15, theta: rad(30), mass: 0 },
};
const species = { mu1: "muon", mu2: "muon", g1: "photon", g2: "photon", g3: "photon" } as const;
const photonNames = ["g1", "g2", "g3"] as const;
const energies = [0.3, 0.2, 0.15];
const unit = (thetaDeg: number, phiDeg = 0): ThreeVector => ({
  x: Math.sin(rad(thetaDeg)) * Math.cos(rad(phiDeg)),
  y: Math.sin(rad(thetaDeg)) * Math.sin(rad(phiDeg)),
  z: Math.cos(rad(thetaDeg)),
});
const fixedAxis =
  (v: ThreeVector) =>
  (_events: ReconstructedEvents, _i: number): ThreeVector =>
    v;
const axis55 = fixedAxis({ x: 3 * unit(55).x, y: 0, z: 3 * unit(55).z }); // not normalised on purpose
const veto = (
  halfAngleDeg: number,
  extra: Partial<Extract<Requirement, { kind: "photonVeto" }>> = {},
): Requirement => ({
  kind: "photonVeto",
  ...extra,
  cone: { halfAngleDeg, axis: axis55 },
});

/**
 * Brute force over the 2^3 presence patterns of the photons, straight from the definition: the
 * event passes if no present photon is in the cone or above `single`, and the present total is
 * ≤ `total`. `sure[k]`: photon k is known present.
 */
function bruteForce(inCone: boolean[], total: number, single: number, sure: boolean[] = [false, false, false]): number {
  let r = 0;
  for (let mask = 0; mask < 8; mask++) {
    let pr = 1;
    let sum = 0;
    let pass = true;
    for (let k = 0; k < 3; k++) {
      const present = (mask & (1 << k)) !== 0;
      if (sure[k]) {
        if (!present) pr = 0;
      } else pr *= present ? Q : 1 - Q;
      if (present) {
        sum += energies[k]!;
        if (inCone[k] || energies[k]! > single) pass = false;
      }
    }
    if (pass && sum <= total) r += pr;
  }
  return r;
}

describe("photonVeto cone: known answers", () => {
  const reco = det.reconstruct(fixedEvents(400, particles), species, createRandom(11));
  const w = (reqs: Requirement[]) => select(reco, reqs, { mode: "weight" });

  it("weight mode: uncertain photons in the cone multiply (1 − q), whatever their energy", () => {
    // 15°: g1 only. 30°: g1 and g3. 70°: all three. 180°: every direction.
    expect(w([veto(15)]).weight[0]).toBeCloseToRel(1 - Q, 1e-15);
    expect(w([veto(30)]).weight[0]).toBeCloseToRel((1 - Q) ** 2, 1e-15);
    expect(w([veto(70)]).weight[0]).toBeCloseToRel((1 - Q) ** 3, 1e-15);
    expect(w([veto(180)]).weight[0]).toBeCloseToRel((1 - Q) ** 3, 1e-15);
    // The boundary: g1 is at 5° (to ~1e-14 rad of rounding), 1e-6° either side is resolved.
    expect(w([veto(5 - 1e-6)]).weight[0]).toBe(1);
    expect(w([veto(5 + 1e-6)]).weight[0]).toBeCloseToRel(1 - Q, 1e-15);
    // A photon below maxPhotonEnergyGeV is still vetoed in the cone.
    expect(w([veto(15, { maxPhotonEnergyGeV: 10 })]).weight[0]).toBeCloseToRel(1 - Q, 1e-15);
  });

  it("weight mode: the cone and the energy cuts combine as the brute-force expectation", () => {
    // Cone (g1) + total ≤ 0.3: (1 − q) × P(E2 + E3 ≤ 0.3) = 0.4 × (1 − 0.6²) = 0.256.
    const a = w([veto(15, { maxTotalEnergyGeV: 0.3 })]).weight[0]!;
    expect(a).toBeCloseToRel((1 - Q) * (1 - Q * Q), 1e-15);
    expect(a).toBeCloseToRel(bruteForce([true, false, false], 0.3, Infinity), 1e-15);
    // g1 both above 0.18 GeV and in the cone counts once; g2 is above 0.18 GeV: 0.4².
    const b = w([veto(15, { maxPhotonEnergyGeV: 0.18 })]).weight[0]!;
    expect(b).toBeCloseToRel((1 - Q) ** 2, 1e-15);
    expect(b).toBeCloseToRel(bruteForce([true, false, false], Infinity, 0.18), 1e-15);
    // 30° (g1, g3) + total ≤ 0.1 + single ≤ 0.25.
    const c = w([veto(30, { maxTotalEnergyGeV: 0.1, maxPhotonEnergyGeV: 0.25 })]).weight[0]!;
    expect(c).toBeCloseToRel(bruteForce([true, false, true], 0.1, 0.25), 1e-15);
    expect(c).toBeCloseToRel((1 - Q) ** 3, 1e-15);
    // The cone is in the lab whatever frameVelocity says (energies move, angles do not).
    const d = w([veto(15, { maxPhotonEnergyGeV: 10, frameVelocity: { x: 0, y: 0, z: 0.6 } })]).weight[0]!;
    expect(d).toBeCloseToRel(1 - Q, 1e-15);
  });

  it("weight mode: a certain photon in the cone gives 0; a certain one outside only spends budget", () => {
    const inside = w([{ kind: "reconstructed", particles: ["g1"] }, veto(15)]);
    expect(inside.count).toBe(0);
    expect(inside.sumWeight).toBe(0);
    expect(inside.cutFlow.steps[1]!.events).toBe(0);
    // g3 certain (0.15 GeV) leaves 0.15 GeV: g2 (0.2) must be missed, g1 (cone) must be missed.
    const outside = w([{ kind: "reconstructed", particles: ["g3"] }, veto(15, { maxTotalEnergyGeV: 0.3 })]);
    expect(outside.weight[0]).toBeCloseToRel(Q * (1 - Q) * (1 - Q), 1e-15);
    expect(outside.weight[0]! / Q).toBeCloseToRel(
      bruteForce([true, false, false], 0.3, Infinity, [false, false, true]),
      1e-15,
    );
  });

  it("a zero or non-finite axis vetoes nothing", () => {
    const none = w([{ kind: "photonVeto", maxTotalEnergyGeV: 0.3 }]).weight[0]!;
    for (const v of [
      { x: 0, y: 0, z: 0 },
      { x: Number.NaN, y: 0, z: 1 },
      { x: Number.POSITIVE_INFINITY, y: 0, z: 0 },
    ]) {
      const r: Requirement = {
        kind: "photonVeto",
        maxTotalEnergyGeV: 0.3,
        cone: { halfAngleDeg: 180, axis: fixedAxis(v) },
      };
      expect(w([r]).weight[0]).toBe(none);
      expect(select(reco, [r]).count).toBe(select(reco, [{ kind: "photonVeto", maxTotalEnergyGeV: 0.3 }]).count);
    }
  });

  it("sample mode: an event passes iff no reconstructed photon is in the cone and the rest fit the budget", () => {
    const g = photonNames.map((name) => reco.particles[name]!.reconstructed);
    const cases: [Requirement, (i: number) => boolean][] = [
      [veto(15), (i) => g[0]![i] === 0],
      [veto(30), (i) => g[0]![i] === 0 && g[2]![i] === 0],
      [veto(15, { maxTotalEnergyGeV: 0.3 }), (i) => g[0]![i] === 0 && !(g[1]![i] === 1 && g[2]![i] === 1)],
      [veto(180), (i) => g.every((r) => r[i] === 0)],
    ];
    for (const [r, expected] of cases) {
      const sel = select(reco, [r]);
      let n = 0;
      for (let i = 0; i < reco.size; i++) {
        expect(sel.passed[i]).toBe(expected(i) ? 1 : 0);
        n += expected(i) ? 1 : 0;
      }
      expect(sel.count).toBe(n);
      expect(n).toBeGreaterThan(0); // both outcomes occur in the batch
      expect(n).toBeLessThan(reco.size);
    }
  });

  it("calls the axis with the reconstructed events and the event index", () => {
    const seen: number[] = [];
    const r: Requirement = {
      kind: "photonVeto",
      cone: {
        halfAngleDeg: 15,
        axis: (events, i) => {
          expect(events).toBe(reco);
          seen.push(i);
          return unit(55);
        },
      },
    };
    select(reco, [r], { mode: "weight" });
    expect(seen).toEqual(Array.from({ length: reco.size }, (_, i) => i));
    expect(select(reco, [r]).cutFlow.steps[0]!.description).toContain("none within 15° of the cone axis");
  });
});

describe("photonVeto cone: weight mode is the expectation of sample mode", () => {
  it("identical events: every step's pass fraction within binomial errors", () => {
    const n = 60000;
    const reco = det.reconstruct(fixedEvents(n, particles), species, createRandom(12));
    const requirements: Requirement[] = [
      { kind: "reconstructed", particles: ["mu1", "mu2"] },
      { kind: "reconstructed", particles: ["g3"] },
      veto(15, { maxTotalEnergyGeV: 0.5 }),
    ];
    const weighted = select(reco, requirements, { mode: "weight" });
    const sampled = select(reco, requirements, { mode: "sample" });
    // Per event: 0.9² (muons) × q (g3) × (1 − q) (g1 in the cone); g2 + g3 = 0.35 ≤ 0.5 always fits.
    expect(weighted.weight[0]).toBeCloseToRel(0.81 * Q * (1 - Q), 1e-15);
    weighted.cutFlow.steps.forEach((s, k) => {
      const p = s.weight / n;
      const got = sampled.cutFlow.steps[k]!.events / n;
      // 4 binomial standard deviations.
      expect(got).toBeCloseToRel(p, 0, 4 * Math.sqrt((p * (1 - p)) / n));
    });
  });

  it("isotropic photons around the measured recoil: sum of weights vs passing count (Poisson-binomial errors)", () => {
    // Per-event photon directions vary, so the weights differ: the passing count of sample mode
    // has mean Σ w_i and variance Σ w_i (1 − w_i).
    const n = 40000;
    const rng = createRandom(13);
    const photon = (e: number): FourVectorColumns => {
      const c = { e: new Float64Array(n), px: new Float64Array(n), py: new Float64Array(n), pz: new Float64Array(n) };
      for (let i = 0; i < n; i++) {
        const cos = rng.uniformRange(-1, 1);
        const sin = Math.sqrt(1 - cos * cos);
        const phi = rng.uniformRange(-Math.PI, Math.PI);
        c.e[i] = e;
        c.px[i] = e * sin * Math.cos(phi);
        c.py[i] = e * sin * Math.sin(phi);
        c.pz[i] = e * cos;
      }
      return c;
    };
    const events: EventColumns = {
      size: n,
      particles: {
        mu1: fixedColumns(n, particles.mu1),
        mu2: fixedColumns(n, particles.mu2),
        g1: photon(0.3),
        g2: photon(0.2),
        g3: photon(0.15),
      },
    };
    const reco = det.reconstruct(events, species, createRandom(14));
    // Recoil of the two measured muons (NaN, hence no cone, when a muon is outside the acceptance).
    const recoil = (r: ReconstructedEvents, i: number): ThreeVector => {
      const a = r.particles.mu1!;
      const b = r.particles.mu2!;
      return { x: -(a.px[i]! + b.px[i]!), y: -(a.py[i]! + b.py[i]!), z: -(a.pz[i]! + b.pz[i]!) };
    };
    const requirements: Requirement[] = [
      { kind: "reconstructed", particles: ["mu1"] },
      { kind: "photonVeto", maxTotalEnergyGeV: 0.4, cone: { halfAngleDeg: 40, axis: recoil } },
    ];
    const weighted = select(reco, requirements, { mode: "weight" });
    const sampled = select(reco, requirements, { mode: "sample" });
    let mean = 0;
    let variance = 0;
    for (let i = 0; i < n; i++) {
      const wi = weighted.weight[i]!;
      mean += wi;
      variance += wi * (1 - wi);
    }
    // The cone matters here: it removes a few per cent on top of the energy veto.
    const energyOnly = select(reco, [requirements[0]!, { kind: "photonVeto", maxTotalEnergyGeV: 0.4 }], {
      mode: "weight",
    });
    expect(mean / energyOnly.sumWeight).toBeLessThan(0.95);
    expect(sampled.count).toBeCloseToRel(mean, 0, 4 * Math.sqrt(variance));
  });
});

describe("photonVeto cone: validation", () => {
  const reco = det.reconstruct(fixedEvents(3, particles), species, createRandom(15));
  const axis = fixedAxis(unit(55));
  it("rejects bad cones with typed errors naming the argument", () => {
    expectPhysError(
      () => select(reco, [{ kind: "photonVeto", cone: { halfAngleDeg: 0, axis } }]),
      "OUT_OF_DOMAIN",
      "requirements[0].cone.halfAngleDeg",
    );
    expectPhysError(
      () => select(reco, [{ kind: "trigger" }, { kind: "photonVeto", cone: { halfAngleDeg: 180.5, axis } }]),
      "OUT_OF_DOMAIN",
      "requirements[1].cone.halfAngleDeg",
    );
    expectPhysError(
      () => select(reco, [{ kind: "photonVeto", cone: { halfAngleDeg: -15, axis } }]),
      "OUT_OF_DOMAIN",
      "requirements[0].cone.halfAngleDeg",
    );
    expectPhysError(
      () => select(reco, [{ kind: "photonVeto", cone: { halfAngleDeg: Number.NaN, axis } }]),
      "INVALID_ARGUMENT",
      "requirements[0].cone.halfAngleDeg",
    );
    expectPhysError(
      () => select(reco, [{ kind: "photonVeto", cone: { halfAngleDeg: "15" as unknown as number, axis } }]),
      "INVALID_ARGUMENT",
      "requirements[0].cone.halfAngleDeg",
    );
    expectPhysError(
      () => select(reco, [{ kind: "photonVeto", cone: { halfAngleDeg: 15 } as never }]),
      "INVALID_ARGUMENT",
      "requirements[0].cone.axis",
    );
    expectPhysError(
      () => select(reco, [{ kind: "photonVeto", cone: { halfAngleDeg: 15, axis: unit(55) } as never }]),
      "INVALID_ARGUMENT",
      "requirements[0].cone.axis",
    );
    expectPhysError(
      () => select(reco, [{ kind: "photonVeto", cone: null as never }]),
      "INVALID_ARGUMENT",
      "requirements[0].cone",
    );
    // Still at least one of the three.
    expectPhysError(() => select(reco, [{ kind: "photonVeto" }]), "INVALID_ARGUMENT", "requirements[0]");
    // A cone alone is a valid photon veto; 180° is allowed.
    expect(select(reco, [{ kind: "photonVeto", cone: { halfAngleDeg: 180, axis } }]).size).toBe(3);
  });
});
