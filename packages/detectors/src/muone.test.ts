import { createRandom } from "@muonphilic/kinematics";
import { M_E, M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { expectPhysError, fixedEvents, meanStd } from "../test/helpers.js";
import { muone } from "./muone.js";

describe("MUonE geometry", () => {
  it("ECAL distances from 40 m (first station) to 1 m (last)", () => {
    const d = muone().ecalDistancesM;
    expect(d).toHaveLength(40);
    expect(d[0]).toBe(40);
    expect(d[39]).toBe(1);
  });

  it("an electron at 15 mrad reaches the 0.5 m half-width ECAL from 33 of the 40 stations", () => {
    // Accepted when L tan θ ≤ 0.5 m, i.e. L ≤ 33.33 m: stations at 1..33 m.
    const n = 40000;
    const reco = muone().reconstruct(
      fixedEvents(n, { e: { p: 5, theta: 0.015, mass: M_E } }),
      { e: "electron" },
      createRandom(1),
    );
    const p = 33 / 40;
    expect(meanStd(reco.particles.e!.accepted).mean).toBeCloseToRel(p, 0, 4 * Math.sqrt((p * (1 - p)) / n));
    const st = reco.station!;
    for (let i = 0; i < 200; i++) expect(reco.particles.e!.accepted[i]).toBe(40 - st[i]! <= 33 ? 1 : 0);
  });
});

describe("MUonE electron-photon clusters", () => {
  const det = muone({ ecalEnergyResolution: 0, trackAngularResolutionRad: 0, ecalAngularResolutionRad: 0 });
  const species = { mu: "muon", e: "electron", g: "photon" } as const;
  it("a photon within 2 mrad of the electron joins its cluster: the electron reads E_e + E_γ", () => {
    const ev = fixedEvents(5, {
      mu: { p: 120, theta: 0.002, mass: M_MU },
      e: { p: 20, theta: 0.005, phi: 0, mass: M_E },
      g: { p: 15, theta: 0.0055, phi: 0, mass: 0 },
    });
    const reco = det.reconstruct(ev, species, createRandom(2));
    expect(reco.particles.g!.accepted.every((a) => a === 0)).toBe(true);
    expect(reco.particles.e!.e[0]).toBeCloseToRel(35 + Math.hypot(20, M_E) - 20, 1e-14);
  });
  it("a separated photon is its own cluster", () => {
    const ev = fixedEvents(5, {
      mu: { p: 120, theta: 0.002, mass: M_MU },
      e: { p: 20, theta: 0.005, phi: 0, mass: M_E },
      g: { p: 15, theta: 0.005, phi: Math.PI, mass: 0 },
    });
    const reco = det.reconstruct(ev, species, createRandom(3));
    expect(reco.particles.g!.accepted.every((a) => a === 1)).toBe(true);
    expect(reco.particles.g!.e[0]).toBe(15);
    expect(reco.particles.e!.e[0]).toBeCloseToRel(Math.hypot(20, M_E), 1e-15);
  });
});

describe("MUonE validation", () => {
  it("rejects bad options", () => {
    expectPhysError(() => muone({ stations: 0 }), "INVALID_ARGUMENT", "stations");
    expectPhysError(() => muone({ ecalHalfWidthM: -1 }), "OUT_OF_DOMAIN", "ecalHalfWidthM");
    expectPhysError(() => muone({ photonInefficiency: 2 }), "OUT_OF_DOMAIN", "photonInefficiency");
    expectPhysError(() => muone({ ecalEnergyResolution: -0.1 }), "OUT_OF_DOMAIN", "ecalEnergyResolution");
    expectPhysError(
      () => muone({ target: { z: 4, molarMassGPerMol: 0, densityGPerCm3: 1 } }),
      "OUT_OF_DOMAIN",
      "target.molarMassGPerMol",
    );
  });
});
