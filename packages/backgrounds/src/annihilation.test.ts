import { gammaStarMuMuXMsq } from "@muonphilic/models";
import { describe, expect, it } from "vitest";
import traces from "../test/fixtures/traces.json" with { type: "json" };
import { annihilationBeamWeight } from "./annihilation.js";

describe("annihilationBeamWeight", () => {
  it("equals the explicit Dirac-trace contraction L_{μν}H^{μν} (traces.json)", () => {
    for (const r of traces.annihilation) {
      const m2 = r.muonMass ** 2;
      const w = annihilationBeamWeight(r.s, m2, r.vMass ** 2, r.p1, r.p2, r.t1, r.t2);
      // double-precision evaluation of the same rational function: 1e-9 relative
      expect(w).toBeCloseToRel(r.beamContraction, 1e-9);
      // the -g contraction is the models' invariant (independent derivation)
      expect(gammaStarMuMuXMsq("vector", r.s, m2, r.vMass ** 2, r.t1, r.t2)).toBeCloseToRel(r.minusGContraction, 1e-9);
    }
  });
});
