import { createRandom } from "@muonphilic/kinematics";
import { integrate } from "@muonphilic/numeric";
import { BR_K_MUNU, M_K, M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { generateKaonDecays, kaonMuNuGammaBR, kaonMuNuGammaDensity, kaonMuNuMomentum } from "./kaon.js";

describe("kaon backgrounds", () => {
  it("K → μν gives the monochromatic 236 MeV muon of Ibe2017", () => {
    expect(kaonMuNuMomentum()).toBeCloseToRel(0.236, 2e-3); // Ibe2017 quotes 3 digits
  });

  it("the IB density obeys Low's soft-photon theorem: x dΓ/dx → (α/π)[(1/β) ln((1+β)/(1−β)) − 2]", () => {
    const p = kaonMuNuMomentum();
    const e = Math.hypot(p, M_MU);
    const b = p / e;
    const soft = (1 / (Math.PI * 137.035999084)) * ((1 / b) * Math.log((1 + b) / (1 - b)) - 2);
    const x = 1e-5;
    // y = 2E_μ/M_K range at fixed x: μν system of mass² M²(1 − x) recoiling against the photon
    const m12 = M_K * Math.sqrt(1 - x);
    const eStar = (m12 * m12 + M_MU * M_MU) / (2 * m12);
    const pStar = (m12 * m12 - M_MU * M_MU) / (2 * m12);
    const g = (M_K * (1 - x / 2)) / m12;
    const gb = (M_K * x) / 2 / m12;
    const lo = (2 * (g * eStar - gb * pStar)) / M_K;
    const hi = (2 * (g * eStar + gb * pStar)) / M_K;
    const got = integrate((y) => kaonMuNuGammaDensity(x, y), lo, hi, { rtol: 1e-10 }) * x;
    // corrections are O(x): 1e-4 relative
    expect(got).toBeCloseToRel(soft, 1e-4);
  });

  it("BR(K → μνγ, 140 < p_μ < 200 MeV) agrees with Ibe2017 eq. (20), (1.4 ± 0.2)e-3, within 1.5σ", () => {
    expect(kaonMuNuGammaBR()).toBeCloseToRel(1.4e-3, 0, 0.3e-3);
  });

  it("generated μνγ events reproduce the BR of the momentum window", () => {
    const n = 20000;
    let worst = 0;
    const k = generateKaonDecays({ events: n, channel: "muNuGamma", minPhotonEnergyGeV: 0.001 }, createRandom(3));
    let inWindow = 0;
    for (let i = 0; i < n; i++) {
      const m = k.events.particles.muPlus;
      const pm = Math.hypot(m.px[i] as number, m.py[i] as number, m.pz[i] as number);
      if (pm > 0.14 && pm < 0.2) inWindow++;
      // four-momentum conservation at rest
      const tot = (["muPlus", "neutrino", "photon"] as const).reduce(
        (a, nm) => a + (k.events.particles[nm].e[i] as number),
        0,
      );
      worst = Math.max(worst, Math.abs(tot - M_K));
    }
    expect(worst).toBeLessThan(1e-12);
    const expected = kaonMuNuGammaBR() / k.branchingFractions.muNuGamma;
    const frac = inWindow / n;
    // binomial: 4σ
    expect(frac).toBeCloseToRel(expected, 0, 4 * Math.sqrt((expected * (1 - expected)) / n));
    expect(k.branchingFractions.muNu).toBe(BR_K_MUNU);
  });
});
