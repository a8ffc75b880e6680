import { describe, expect, it } from "vitest";
import { expectPhysError } from "../test/helpers.js";
import { e949 } from "./e949.js";

describe("E949 options", () => {
  it("takes a user acceptance curve and exposure", () => {
    const det = e949({
      stoppedKaons: 1.7e13,
      acceptance: { variable: "p", grid: [0.13, 0.2], values: [5e-4, 1.5e-3] },
    });
    expect(det.stoppedKaons).toBe(1.7e13);
    expect(det.description.parameters.stoppedKaons?.provenance.kind).toBe("user");
    expect(det.description.config.responses.muon?.efficiency).toMatchObject({ grid: [0.13, 0.2] });
  });
  it("rejects bad input with typed errors", () => {
    expectPhysError(() => e949({ photonRejection: 2 }), "OUT_OF_DOMAIN", "photonRejection");
    expectPhysError(() => e949({ stoppedKaons: -1 }), "OUT_OF_DOMAIN", "stoppedKaons");
    expectPhysError(() => e949({ muonMomentumResolution: -0.01 }), "OUT_OF_DOMAIN", "muonMomentumResolution");
    expectPhysError(
      () => e949({ acceptance: { variable: "p", grid: [0.2, 0.14], values: [1e-3, 1e-3] } }),
      "INVALID_ARGUMENT",
      "acceptance.grid[1]",
    );
    expectPhysError(
      () => e949({ acceptance: { variable: "p", grid: [0.14, 0.2], values: [1e-3, 1.1] } }),
      "OUT_OF_DOMAIN",
      "acceptance.values[1]",
    );
  });
});
