// Numbers from tools/reference/models/spin_sums.py and special.py (explicit Dirac spin sums,
// scipy quadrature, mpmath), copied into test/fixtures/models-traces.json and models-special.json.
import { describe, expect, it } from "vitest";
import {
  bornMuMuInvGeV2,
  DEFAULTS,
  dilog,
  exactDsigmaDzPerG2,
  exactSigmaPerG2InvGeV2,
  fermionLoopAmplitude,
  gammaStarMuMuXMsq,
  kaonDBRdpMu,
  kaonMuNuZPrimeMsq,
  kaonToMuNuZPrimeBR,
} from "../../src/index.js";
import special from "../fixtures/models-special.json" with { type: "json" };
import traces from "../fixtures/models-traces.json" with { type: "json" };

const { alpha, m_mu_GeV: mMu, M_K_GeV: mK } = traces.constants;

describe("closed-form |M|² against explicit numerical spin sums (to round-off: rtol 1e-11)", () => {
  it("K+ → μ+ ν Z' (derived from Ibe2017 eq. (10))", () => {
    for (const p of traces.kaonMsqPoints.points) {
      const v = kaonMuNuZPrimeMsq(p.m12sq, p.m23sq - mMu * mMu, mK * mK, mMu * mMu, p.mZp * p.mZp);
      expect(v).toBeCloseToRel(p.msq, 1e-11);
    }
  });
  it("γ* → μμX, vector and scalar, massive and massless muons", () => {
    for (const spin of ["vector", "scalar"] as const) {
      for (const p of traces.gammaStarPoints[spin]) {
        const m2 = p.mMu * p.mMu;
        const v = gammaStarMuMuXMsq(spin, p.sqrtS ** 2, m2, p.mX * p.mX, p.s1 - m2, p.s2 - m2);
        expect(v).toBeCloseToRel(p.h, 1e-11);
      }
    }
  });
});

describe("phase-space integrals (scipy reference at epsrel 1e-12; ours at 1e-10)", () => {
  const s = traces.eeMuMuXOverSigma0G2.sqrtS_GeV ** 2;
  it("σ(e+e- → μμX)/(σ₀g²), exact and massless muons, vector and scalar, six masses", () => {
    const r = traces.eeMuMuXOverSigma0G2;
    for (const spin of ["vector", "scalar"] as const) {
      r.mX_GeV.forEach((m, i) => {
        const massive = exactSigmaPerG2InvGeV2(spin, s, m, alpha, mMu) / bornMuMuInvGeV2(s, alpha, mMu);
        const massless = exactSigmaPerG2InvGeV2(spin, s, m, alpha, 0) / bornMuMuInvGeV2(s, alpha, 0);
        expect(massive).toBeCloseToRel(r[spin].massive[i] as number, 1e-9);
        expect(massless).toBeCloseToRel(r[spin].massless[i] as number, 1e-9);
      });
    }
  });
  it("dσ/dz/(σ₀g²) at fixed z from the matrix element", () => {
    for (const p of traces.eeMuMuXDzOverSigma0G2) {
      const v =
        exactDsigmaDzPerG2(p.spin as "vector" | "scalar", s, p.mX, alpha, p.mMu, p.z) /
        bornMuMuInvGeV2(s, alpha, p.mMu);
      expect(v).toBeCloseToRel(Math.abs(p.value), 1e-9, 1e-300);
    }
  });
  it("BR(K → μνZ')/g'² at six masses and dBR/dp_μ at six points", () => {
    const r = traces.kaonBrOverG2;
    r.mZp_GeV.forEach((m, i) => {
      expect(kaonToMuNuZPrimeBR({ mass: m, coupling: 1 })).toBeCloseToRel(r.value[i] as number, 1e-9);
    });
    for (const p of traces.kaonDbrDpOverG2PerGeV) {
      expect(kaonDBRdpMu({ mass: p.mZp, coupling: 1, pMu: p.pMu })).toBeCloseToRel(p.value, 1e-10);
    }
  });
});

describe("special functions", () => {
  it("Li₂ against mpmath (30 digits): a few ulp", () => {
    special.dilog.x.forEach((x, i) => {
      expect(dilog(x)).toBeCloseToRel(special.dilog.value[i] as number, 8 * Number.EPSILON);
    });
  });
  it("|A_½(τ)|² against the Feynman-parameter integral (scipy epsrel 1e-13)", () => {
    special.fermionLoopAmp2.tau.forEach((t, i) => {
      const [re, im] = fermionLoopAmplitude(t);
      expect(re * re + im * im).toBeCloseToRel(special.fermionLoopAmp2.value[i] as number, 1e-10);
    });
  });
  it("the default α is the seeds' α(0)", () => {
    expect(DEFAULTS.alpha).toBeCloseToRel(1 / 137.035999084, 1e-15);
  });
});
