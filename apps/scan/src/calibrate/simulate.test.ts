import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { signalModelAt, validateCalibration } from "../calibration.js";
import { massGrid } from "../grid.js";
import { CALIBRATION_DEFAULTS, calibratePoint } from "./simulate.js";

const shipped = validateCalibration(
  JSON.parse(
    readFileSync(fileURLToPath(new URL("../../calibration/belle2-4mu-default.json", import.meta.url)), "utf8"),
  ),
);

describe("the shipped calibration (calibration/belle2-4mu-default.json)", () => {
  it("is reproduced by the code: the Z' at 1 GeV, default settings and its random stream", () => {
    const i = CALIBRATION_DEFAULTS.masses.indexOf(1);
    const expected = shipped.models.zprime[i]!;
    expect(expected.massGeV).toBe(1);
    // stream 1000 × model index + mass index, as simulateCalibration assigns them
    const point = calibratePoint("zprime", 1, CALIBRATION_DEFAULTS, i);
    // the same events and the same fit: equal up to the minimiser's convergence (EDM ~1e-4 on an NLL
    // of 10⁴ events moves a width by < 1e-4 of itself); efficiencies count events: exact
    expect(point.nSelected).toBe(expected.nSelected);
    expect(point.efficiency).toBe(expected.efficiency);
    expect(point.resolutionGeV).toBeCloseToRel(expected.resolutionGeV, 1e-4);
    expect(point.meanOffsetGeV).toBeCloseToRel(expected.meanOffsetGeV, 0, 1e-4 * expected.resolutionGeV);
  });

  it("was made with the matrix-element generator and the detector's track angles; every fit converged", () => {
    const p = shipped.provenance;
    expect(String(p.generator)).toMatch(/matrix-element/);
    expect(String(p.detector)).toMatch(/fourMuon/);
    expect(p.eventsPerPoint).toBe(CALIBRATION_DEFAULTS.events);
    expect(p.seed).toBe(CALIBRATION_DEFAULTS.seed);
    for (const model of ["zprime", "scalar"] as const) {
      expect(shipped.models[model].map((q) => q.massGeV)).toEqual(CALIBRATION_DEFAULTS.masses);
      for (const q of shipped.models[model]) expect(q.fitStatus).toBe("ok");
    }
  });

  it("has the resolution of Belle2-4mu sec. V: 2-2.5 MeV below 1 GeV, ~5 MeV at 5 GeV, 2.5 MeV at 9 GeV", () => {
    // The detector's angular resolution is tuned to these numbers (an assumption of @muonphilic/detectors),
    // so this checks the chain generator → detector → 4C fit → shape fit rather than a prediction.
    // Bands: the paper's ranges widened by the ±20% scatter of the eight-parameter shape fit between
    // neighbouring masses.
    const res = (m: number): number => shipped.models.zprime.find((q) => q.massGeV === m)!.resolutionGeV * 1e3;
    for (const m of [0.5, 0.7, 0.9, 1]) {
      expect(res(m)).toBeGreaterThan(1.6);
      expect(res(m)).toBeLessThan(3);
    }
    expect(res(5)).toBeGreaterThan(4);
    expect(res(5)).toBeLessThan(6);
    expect(res(9)).toBeGreaterThan(2);
    expect(res(9)).toBeLessThan(3);
  });

  it("gives a scan grid of the size of Belle2-4mu's (2,315 hypotheses) within the resolution's ±20%", () => {
    const grid = massGrid(
      { minMass: 0.212, maxMass: 9, stepInResolutions: 1, vetoes: [[3.07, 3.12]] },
      (m) => signalModelAt(shipped, m).resolution,
    );
    expect(grid.length).toBeGreaterThan(2315 * 0.8);
    expect(grid.length).toBeLessThan(2315 * 1.2);
  });
});
