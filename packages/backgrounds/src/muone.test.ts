import { createRandom, fixedTargetElastic } from "@muonphilic/kinematics";
import { integrate } from "@muonphilic/numeric";
import { M_E, M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import physics from "../test/fixtures/physics.json" with { type: "json" };
import {
  generateMuonElectronElastic,
  generateMuonElectronGamma,
  muonElectronDsigmaDt,
  muonElectronSigma,
} from "./muone.js";

const ref = (id: string) => physics.records.find((r) => r.id === id)?.value as number;

describe("MUonE elastic μ e → μ e", () => {
  it("the closed-form σ equals a quadrature of dσ/dt", () => {
    const lo = 1;
    const hi = 25;
    const q =
      integrate((t) => muonElectronDsigmaDt(t), -2 * M_E * (hi - M_E), -2 * M_E * (lo - M_E), { rtol: 1e-12 }) *
      0.3893793721e9;
    // both double precision: the quadrature's tolerance 1e-12, cancellation in the primitive ~1e-12
    expect(muonElectronSigma({ minElectronEnergy: lo, maxElectronEnergy: hi })).toBeCloseToRel(q, 1e-9);
  });
  it("at small |t| it is the Rutherford-like 4πα²/t² × (s − m² − M²)²/λ limit", () => {
    const t = -1e-7;
    const s = M_MU * M_MU + M_E * M_E + 2 * M_E * 150;
    const a = s - M_MU * M_MU - M_E * M_E;
    const lam = a * a - 4 * M_MU * M_MU * M_E * M_E;
    expect(muonElectronDsigmaDt(t)).toBeCloseToRel((4 * Math.PI * (a * a)) / (137.035999084 ** 2 * lam * t * t), 1e-4);
  });
  it("no elastic event has θ_μ > 1.5 mrad with E_e < 25 GeV: E_e^min(1.5 mrad) ≈ 38 GeV (Asai2022 Fig. 1)", () => {
    const kin = fixedTargetElastic({ beamEnergy: 150, beamMass: M_MU, targetMass: M_E });
    expect(kin.minTargetEnergy(1.5e-3)).toBeCloseToRel(ref("muone-Ee-min-at-1p5mrad"), 1e-9);
    const el = generateMuonElectronElastic(
      { events: 5000, minElectronEnergy: 1, maxElectronEnergy: 139 },
      createRandom(8),
    );
    let bad = 0;
    for (let i = 0; i < el.events.size; i++) {
      const m = el.events.particles.muon;
      const th = Math.atan2(Math.hypot(m.px[i] as number, m.py[i] as number), m.pz[i] as number);
      if (th > 1.5e-3 && (el.events.particles.electron.e[i] as number) < 25) bad++;
    }
    expect(bad).toBe(0);
  });
  it("generated electron energies follow dσ/dt: the fraction below 10 GeV", () => {
    const n = 20000;
    const el = generateMuonElectronElastic(
      { events: n, minElectronEnergy: 1, maxElectronEnergy: 100 },
      createRandom(9),
    );
    let below = 0;
    for (let i = 0; i < n; i++) if ((el.events.particles.electron.e[i] as number) < 10) below++;
    const p =
      muonElectronSigma({ minElectronEnergy: 1, maxElectronEnergy: 10 }) /
      muonElectronSigma({ minElectronEnergy: 1, maxElectronEnergy: 100 });
    expect(below / n).toBeCloseToRel(p, 0, 4 * Math.sqrt((p * (1 - p)) / n));
  });
});

describe("MUonE radiative μ e → μ e γ", () => {
  it("in Asai2022's signal region the photon carries > 13 GeV at < 6 mrad, so the photon veto removes it", () => {
    const r = generateMuonElectronGamma({ events: 60000, minPhotonEnergy: 1e-3 }, createRandom(10));
    let inRegion = 0;
    let minEg = Number.POSITIVE_INFINITY;
    let maxTheta = 0;
    const { muon, electron, photon } = r.events.particles;
    for (let i = 0; i < r.events.size; i++) {
      if (!((r.events.weight?.[i] ?? 0) > 0)) continue;
      const thMu = Math.atan2(Math.hypot(muon.px[i] as number, muon.py[i] as number), muon.pz[i] as number);
      const ee = electron.e[i] as number;
      if (!(thMu > 1.5e-3 && ee > 1 && ee < 25)) continue;
      inRegion++;
      minEg = Math.min(minEg, photon.e[i] as number);
      maxTheta = Math.max(
        maxTheta,
        Math.atan2(Math.hypot(photon.px[i] as number, photon.py[i] as number), photon.pz[i] as number),
      );
    }
    expect(inRegion).toBeGreaterThan(10);
    // E_e + E_γ > E_e^min(1.5 mrad) ≈ 38 GeV (Asai2022 sec. II) and E_e < 25 GeV
    expect(minEg).toBeGreaterThan(13);
    // Asai2022: "the photon is emitted in the forward direction, θ_γ ≲ 6 mrad"
    expect(maxTheta).toBeLessThan(6e-3);
  });
});
