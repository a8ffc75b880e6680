import { belle2, e949, muone, muoneLuminosityPerMuon } from "@muonphilic/detectors";
import { createRandom } from "@muonphilic/kinematics";
import { expectPhysError } from "@muonphilic/vitest-config/assertions";
import { describe, expect, it } from "vitest";
import { kaonMuNuGammaBR } from "./kaon.js";
import { jho2019Requirements, muMuMissingVariables } from "./muMuMissing.js";
import { muonElectronSigma } from "./muone.js";
import {
  BACKGROUND_PROCESSES,
  backgroundProcess,
  fillHistogram,
  NEGLIGIBLE_PROCESSES,
  TOY_DEFAULTS,
  toyDataset,
} from "./toy.js";

describe("toyDataset", () => {
  const det = belle2({ muonId: "jho2019", tracking: "jho2019Flat" });
  const selection = jho2019Requirements(det.beams).slice(0, 4); // two identified muons above 0.6 GeV
  const variables = muMuMissingVariables(det.beams);
  const toy = toyDataset({
    processes: ["belle2.tauPairMuMu"],
    exposure: { luminosityInvFb: 1 },
    detector: det,
    selection,
    seed: 4,
    poolEvents: 5000,
    variables,
  });

  it("expected yield = L × σ × efficiency, observed Poisson around it", () => {
    const y = toy.yields[0];
    // 27.79 pb × 1000 pb⁻¹ × (2 identified muons in the KLM ≈ 0.4)
    expect(y?.expected).toBeGreaterThan(0.2 * 27790);
    expect(y?.expected).toBeLessThan(0.6 * 27790);
    expect(y?.observed).toBeCloseToRel(y?.expected as number, 0, 5 * Math.sqrt(y?.expected as number));
    expect(toy.events.size).toBe(y?.observed);
  });

  it("templates from the pool sum to the expected yield in range; observed histogram to the events in range", () => {
    const axes = [
      { variable: "missingMass2", edges: [-100, 0, 10, 20, 40, 120] },
      { variable: "cosRecoil", edges: [-1, 0, 1] },
    ];
    const pool = toy.pools[0] as (typeof toy.pools)[0];
    const t = fillHistogram(pool.variables, axes, pool.weight);
    expect(t.length).toBe(10);
    const total = t.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseToRel(toy.yields[0]?.expected as number, 1e-12);
    const h = fillHistogram(toy.events.variables, axes);
    expect(h.reduce((a, b) => a + b, 0)).toBe(toy.events.size);
  });

  it("is deterministic for its seed", () => {
    const again = toyDataset({
      processes: ["belle2.tauPairMuMu"],
      exposure: { luminosityInvFb: 1 },
      detector: det,
      selection,
      seed: 4,
      poolEvents: 5000,
      variables,
    });
    expect(Array.from(again.events.variables.missingMass2 as Float64Array)).toEqual(
      Array.from(toy.events.variables.missingMass2 as Float64Array),
    );
  });

  it("rejects unknown processes, negligible ones, negative and mismatched exposures", () => {
    const base = { detector: det, selection, seed: 1 };
    expect(() => toyDataset({ ...base, processes: ["belle2.nope"], exposure: { luminosityInvFb: 1 } })).toThrowError(
      expect.objectContaining({ code: "UNKNOWN_NAME" }),
    );
    expect(() => backgroundProcess("belle2.wzMuMuNuNu")).toThrowError(/negligible/);
    expect(Object.keys(NEGLIGIBLE_PROCESSES)).toContain("kaon.muNuNuNu");
    expect(() =>
      toyDataset({ ...base, processes: ["belle2.tauPairMuMu"], exposure: { luminosityInvFb: -1 } }),
    ).toThrowError(
      expect.objectContaining({
        code: "OUT_OF_DOMAIN",
        details: expect.objectContaining({ argument: "exposure.luminosityInvFb" }),
      }),
    );
    expect(() => toyDataset({ ...base, processes: ["kaon.muNu"], exposure: { luminosityInvFb: 1 } })).toThrowError(
      expect.objectContaining({ code: "INVALID_ARGUMENT" }),
    );
    expect(() => toyDataset({ ...base, processes: ["kaon.muNu"], exposure: { kaons: -5 } })).toThrowError(
      expect.objectContaining({ code: "OUT_OF_DOMAIN" }),
    );
  });

  it("every registered process generates a pool of the requested size with positive total weight", () => {
    for (const p of Object.values(BACKGROUND_PROCESSES)) {
      const pool = p.generate(300, createRandom(1));
      expect(pool.events.size).toBe(300);
      const w = pool.events.weight as Float64Array;
      expect(w.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      for (const name of Object.keys(pool.events.particles)) expect(Object.keys(pool.species)).toContain(name);
    }
  });
});

describe("toyDataset: MUonE exposure in muons on target, and yields too large to draw", () => {
  const det = muone();
  const perMuon = muoneLuminosityPerMuon();
  const elastic = (muonsOnTarget: number, extra: object = {}) =>
    toyDataset({
      processes: ["muone.elastic"],
      exposure: { muonsOnTarget, luminosityPerMuonInvPb: perMuon },
      detector: det,
      selection: [],
      seed: 3,
      poolEvents: 2000,
      ...extra,
    });

  it("expected yield = N_μ × (L/N_μ) × σ(μe → μe, 1 < E_e < 139 GeV) with no selection", () => {
    const n = 1e6;
    const t = elastic(n);
    const sigma = muonElectronSigma({ minElectronEnergy: 1, maxElectronEnergy: 139 });
    // equal weights σ/N per pool event, no cut: exact up to the summation's rounding (2000 terms)
    expect(t.yields[0]?.expected).toBeCloseToRel(n * perMuon * sigma, 1e-12);
    expect(t.events.size).toBe(t.yields[0]?.observed);
  });

  it("a huge expected yield throws OUT_OF_DOMAIN naming the exposure (regression: Asai2022's 5.06e14 muons, no cuts)", () => {
    // the audit's case: 5.06e14 muons on target with only 'reconstructed' gave an untyped
    // RangeError "Invalid typed array length: 2517109560015"
    const asai = 15e3 / perMuon;
    expectPhysError(
      () =>
        toyDataset({
          processes: ["muone.elastic"],
          exposure: { muonsOnTarget: asai, luminosityPerMuonInvPb: perMuon },
          detector: det,
          selection: [{ kind: "reconstructed", particles: ["muon", "electron"] }],
          seed: 1,
          poolEvents: 1000,
        }),
      "OUT_OF_DOMAIN",
      "exposure",
    );
    expect(() => elastic(asai)).toThrowError(/at most maxExpectedEvents = 10000000 .* \(process muone\.elastic: /);
    // the cap is on the expected yield: N_μ σ L/N_μ just above and just below it
    const sigma = muonElectronSigma({ minElectronEnergy: 1, maxElectronEnergy: 139 });
    const atCap = TOY_DEFAULTS.maxExpectedEvents / (perMuon * sigma);
    expectPhysError(() => elastic(atCap * 1.001), "OUT_OF_DOMAIN", "exposure");
    expect(elastic(1000 / (perMuon * sigma), { maxExpectedEvents: 1001 }).yields[0]?.expected).toBeCloseToRel(
      1000,
      1e-12,
    );
    expectPhysError(() => elastic(1000 / (perMuon * sigma), { maxExpectedEvents: 999 }), "OUT_OF_DOMAIN", "exposure");
    expectPhysError(() => elastic(1, { maxExpectedEvents: -1 }), "OUT_OF_DOMAIN", "maxExpectedEvents");
    expectPhysError(() => elastic(1, { maxExpectedEvents: 2 ** 31 }), "OUT_OF_DOMAIN", "maxExpectedEvents");
  });
});

describe("provenance of the registered processes (a parametrisation is never labelled computed)", () => {
  it("the ρ → π+π- processes are parametrised (Gounaris-Sakurai alone), the four-muon ones computed", () => {
    const kind = (name: string) => backgroundProcess(name).provenance;
    expect(kind("belle2.fourLepton.conversionPiPi")).toBe("parametrised");
    expect(kind("belle2.fourLepton.annihilationPiPi")).toBe("parametrised");
    expect(backgroundProcess("belle2.fourLepton.conversionPiPi").citation).toMatch(/Gounaris-Sakurai/);
    expect(kind("belle2.fourLepton.conversion")).toBe("computed");
    expect(kind("belle2.fourLepton.annihilation")).toBe("computed");
    expect(kind("belle2.twoPhotonMuMu")).toBe("parametrised"); // EPA × Breit-Wheeler
    expect(kind("belle2.tauPairMuMu")).toBe("seed"); // Jho2019 eq. (3.11)
  });
  it("every process whose citation names a parametrisation (Gounaris-Sakurai, EPA) is labelled parametrised", () => {
    for (const p of Object.values(BACKGROUND_PROCESSES)) {
      if (/Gounaris-Sakurai|equivalent-photon|EPA/.test(p.citation)) expect(p.provenance, p.name).toBe("parametrised");
      expect(["computed", "parametrised", "seed"]).toContain(p.provenance);
    }
  });
});

describe("fillHistogram", () => {
  it("bins row-major with the first axis slowest and drops entries outside", () => {
    const v = { a: Float64Array.of(0.5, 1.5, 1.5, 3), b: Float64Array.of(0.1, 0.9, 0.2, 0.5) };
    const h = fillHistogram(v, [
      { variable: "a", edges: [0, 1, 2] },
      { variable: "b", edges: [0, 0.5, 1] },
    ]);
    expect(Array.from(h)).toEqual([1, 0, 1, 1]);
    expect(() => fillHistogram(v, [{ variable: "c", edges: [0, 1] }])).toThrowError(
      expect.objectContaining({ code: "UNKNOWN_NAME" }),
    );
    expect(() => fillHistogram(v, [{ variable: "a", edges: [1, 0] }])).toThrowError(
      expect.objectContaining({ code: "INVALID_ARGUMENT" }),
    );
  });
  it("E949: kaon processes take a number of stopped kaons", () => {
    const det = e949();
    const t = toyDataset({
      processes: ["kaon.muNuGamma"],
      exposure: { kaons: 1.7e12 },
      detector: det,
      selection: [
        { kind: "reconstructed", particles: ["muPlus"] },
        { kind: "photonVeto", maxTotalEnergyGeV: 0 },
      ],
      seed: 2,
      poolEvents: 5000,
    });
    // N_K × BR(140 < p_μ < 200 MeV) × acceptance 1e-3 × ε_γ 1e-3 (Ibe2017 sec. III), to the MC error
    // plus 2% for the 1% momentum smearing across the window edges
    const y = t.yields[0] as (typeof t.yields)[0];
    expect(y.expected).toBeCloseToRel(1.7e12 * kaonMuNuGammaBR() * 1e-6, 0.02, 4 * y.expectedError);
  });
});
