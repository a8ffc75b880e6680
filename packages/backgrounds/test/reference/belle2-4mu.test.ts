/**
 * Belle2-4mu secs. III-V: the e+e- → 4μ background, its diagrams and the four-muon toy.
 */
import { createRandom } from "@muonphilic/kinematics";
import { exactSigmaPerG2InvGeV2 } from "@muonphilic/models";
import { integrate } from "@muonphilic/numeric";
import { ALPHA, GEV2_PB, M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { belle2FourMuonToy } from "../../src/belle2FourMuon.js";
import { conversionDsigmaDcosInvGeV2, conversionSigmaInvGeV2, conversionX } from "../../src/conversion.js";
import { annihilationRegion, generateFourLepton } from "../../src/fourLepton.js";
import { DIMUON_RESONANCES, dimuonContinuumDensity, resonanceConversionProbability } from "../../src/spectral.js";
import paper from "../fixtures/belle2-4mu.json" with { type: "json" };
import traces from "../fixtures/traces.json" with { type: "json" };

const S = 10.583005244258363 ** 2; // belle2Beams(): 7 × 4 GeV head-on

describe("double photon conversion e+e- → γ*γ*", () => {
  it("X equals the explicit Dirac trace |M|²/(2e⁴) (traces.json)", () => {
    for (const r of traces.conversion) {
      // the same rational function in double precision: 1e-12
      expect(2 * conversionX(r.s, r.m1 ** 2, r.m2 ** 2, r.t, r.u)).toBeCloseToRel(r.msqOverE4, 1e-12);
    }
  });
  it("the closed-form cos θ integral equals a quadrature of dσ/dcos θ", () => {
    for (const [m1, m2] of [
      [0.22, 0.22],
      [0.5, 3],
      [2, 7.5],
    ] as const) {
      // X(t, u) is symmetric under c → −c; on [0, 1] integrate in y = ln(A − Bc), where the t-pole is smooth
      const a = (S - m1 * m1 - m2 * m2) / 2;
      const b = Math.sqrt(a * a - m1 * m1 * m2 * m2);
      const q =
        2 *
        integrate(
          (y) => conversionDsigmaDcosInvGeV2(S, m1 * m1, m2 * m2, (a - Math.exp(y)) / b) * (Math.exp(y) / b),
          Math.log(a - b),
          Math.log(a),
          { rtol: 1e-10 },
        );
      // quadrature tolerance 1e-10
      expect(conversionSigmaInvGeV2(S, m1 * m1, m2 * m2)).toBeCloseToRel(q, 1e-8);
    }
  });
  it("massless limit: σ grows by the collinear logarithm (4πα²/s) ΔL as the photon masses go to zero", () => {
    const a = conversionSigmaInvGeV2(S, 1e-6, 1e-6);
    const b = conversionSigmaInvGeV2(S, 1e-8, 1e-8);
    // σ → (4πα²/s) L with L ≈ ln(s²/(m₁²m₂²)): lowering both m² by 100 adds 2 ln 100 to L
    expect((b - a) / (2 * Math.log(100))).toBeCloseToRel((4 * Math.PI * ALPHA * ALPHA) / S, 1e-6);
  });
});

describe("generated four-lepton cross sections vs independent quadrature (no ISR)", () => {
  const m = M_MU;
  const lo = Math.log(4 * m * m);
  const top = (Math.sqrt(S) - 2 * m) ** 2;

  it("annihilation: ∫ ρ(q²) σ(e+e- → μμV(q²)) dq² with the exact σ of @muonphilic/models", () => {
    const g2 = 4 * Math.PI * ALPHA;
    const cont = integrate(
      (l) => {
        const q2 = Math.exp(l);
        return dimuonContinuumDensity(q2) * q2 * exactSigmaPerG2InvGeV2("vector", S, Math.sqrt(q2), ALPHA, m) * g2;
      },
      lo,
      Math.log(top),
      { rtol: 1e-6 },
    );
    let res = 0;
    for (const v of DIMUON_RESONANCES) {
      if (v.mass < Math.sqrt(S) - 2 * m)
        res += resonanceConversionProbability(v, "mumu") * exactSigmaPerG2InvGeV2("vector", S, v.mass, ALPHA, m) * g2;
    }
    const s = generateFourLepton({ process: "annihilation", events: 20000, isr: false }, createRandom(21));
    expect(s.envelopeViolations).toBe(0);
    // hit-or-miss binomial error, 4σ; the narrow-resonance approximation changes the quadrature by < 1e-4
    expect(s.crossSectionPb).toBeCloseToRel((cont + res) * GEV2_PB, 0, 4 * s.crossSectionErrorPb);
  });

  it("conversion: ½ ∫∫ ρ(q₁²) ρ(q₂²) σ_γ*γ*(q₁², q₂²) (continuum ⊗ continuum plus resonance terms)", () => {
    const inner = (q1: number) =>
      integrate(
        (l2) => {
          const q2 = Math.exp(l2);
          return dimuonContinuumDensity(q2) * q2 * conversionSigmaInvGeV2(S, q1, q2);
        },
        lo,
        2 * Math.log(Math.sqrt(S) - Math.sqrt(q1)),
        { rtol: 1e-6 },
      );
    const cc = integrate(
      (l1) => dimuonContinuumDensity(Math.exp(l1)) * Math.exp(l1) * inner(Math.exp(l1)),
      lo,
      Math.log(top),
      { rtol: 1e-5 },
    );
    let cv = 0;
    for (const v of DIMUON_RESONANCES) {
      if (v.mass < Math.sqrt(S) - 2 * m) cv += resonanceConversionProbability(v, "mumu") * inner(v.mass * v.mass);
    }
    // ½ (cc + 2 cV) (VV terms < 1e-7 relative)
    const expected = 0.5 * (cc + 2 * cv) * GEV2_PB;
    const s = generateFourLepton({ process: "conversion", events: 20000, isr: false }, createRandom(22));
    expect(s.envelopeViolations).toBe(0);
    expect(s.crossSectionPb).toBeCloseToRel(expected, 0, 4 * s.crossSectionErrorPb);
  });

  it("the annihilation proposal region contains the whole Dalitz plot (t₁t₂ ≥ M²s', checked on a grid)", () => {
    for (const M of [2 * M_MU * 1.0001, 0.3, 1, 3.1, 8]) {
      const region = annihilationRegion(S, M * M);
      const sq = Math.sqrt(S);
      let worst = Number.POSITIVE_INFINITY;
      let lowest = Number.POSITIVE_INFINITY;
      let highest = Number.NEGATIVE_INFINITY;
      for (let i = 1; i < 400; i++) {
        const s12 = 4 * m * m + ((sq - M) ** 2 - 4 * m * m) * (i / 400);
        const e1 = Math.sqrt(s12) / 2;
        const p1 = Math.sqrt(e1 * e1 - m * m);
        const ek = (S - s12 - M * M) / (2 * Math.sqrt(s12));
        const pk = Math.sqrt(Math.max(ek * ek - M * M, 0));
        for (let j = 0; j <= 100; j++) {
          const c = -1 + (2 * j) / 100;
          const t1 = 2 * (e1 * ek - p1 * pk * c) + M * M;
          const t2 = 2 * (e1 * ek + p1 * pk * c) + M * M;
          worst = Math.min(worst, Math.log(t1) + Math.log(t2) - region.c);
          lowest = Math.min(lowest, Math.log(t1), Math.log(t2));
          highest = Math.max(highest, Math.log(t1), Math.log(t2));
        }
      }
      expect(worst).toBeGreaterThan(0);
      expect(lowest).toBeGreaterThanOrEqual(region.a - 1e-9);
      expect(highest).toBeLessThanOrEqual(region.b + 1e-9);
    }
  });
});

describe("the four-muon toy against the paper's statements", () => {
  const L = 60;
  const withIsr = belle2FourMuonToy({ luminosityInvFb: L, seed: 31, mlpRejection: "none" });
  const noIsr = belle2FourMuonToy({ luminosityInvFb: L, seed: 31, mlpRejection: "none", isr: false });
  const selected = (t: typeof withIsr) => t.yields.reduce((a, y) => a + y.selected, 0);

  it("ISR lowers the selected yield, in the direction and size of the data/simulation ratio 0.76 (sec. IV C)", () => {
    const r = selected(withIsr) / selected(noIsr);
    // ours: ≈ 0.86 ± 0.01 (ISR only); the paper's 0.76 also contains the trigger mis-modelling of sec. IV C
    expect(r).toBeLessThan(0.95);
    expect(r).toBeGreaterThan(paper.dataOverSimulation.value);
  });

  it("the J/ψ appears as a peak at its mass (true pairs of the J/ψ component)", () => {
    const ms: number[] = [];
    for (let c = 0; c < withIsr.candidates.size; c++) {
      const e = withIsr.candidates.event[c] as number;
      if (withIsr.events.component[e] === "J/psi" && withIsr.candidates.pairing[c] === 3)
        ms.push(withIsr.candidates.mass[c] as number);
    }
    ms.sort((a, b) => a - b);
    expect(ms.length).toBeGreaterThan(10);
    expect(ms[Math.floor(ms.length / 2)] as number).toBeCloseToRel(3.0969, 0, 0.002);
  });

  it("the candidate spectrum falls steeply from threshold to 5 GeV", () => {
    const count = (lo: number, hi: number) => {
      let n = 0;
      for (const x of withIsr.candidates.mass) if (x >= lo && x < hi) n++;
      return n / (hi - lo);
    };
    expect(count(0.212, 0.5)).toBeGreaterThan(5 * count(4.5, 5.5));
  });
});
