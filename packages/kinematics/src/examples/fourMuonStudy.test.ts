import { describe, expect, it } from "vitest";
import { fourMuonStudy } from "./fourMuonStudy.js";

describe("four-muon resolution study (the README numbers, on a small sample)", () => {
  it("the 4C fit improves the Z' dimuon-mass resolution and has ⟨χ²⟩ ≈ ndf", () => {
    const r = fourMuonStudy({ zPrimeMass: 6, events: 2000, seed: 1 });
    expect(r.converged).toBe(2000);
    // The full study (20 000 events) gives a factor 3.05 at 6 GeV; with 2000 events the robust σ
    // of each sample is known to ~3 %, so a factor > 2.5 is a safe, non-trivial bound.
    expect(r.sigmaBefore / r.sigmaAfter).toBeGreaterThan(2.5);
    // ⟨χ²⟩/4 has a standard error √(8/2000)/4 ≈ 1.6 %; the smearing is Gaussian in (pT, θ, φ), not in
    // the fitted (px, py, pz), so allow 10 %.
    expect(r.meanChi2 / 4).toBeCloseToRel(1, 0.1);
  });
});
