// Reference values of shared/reference/physics.json (copied into test/fixtures/physics-reference.json).
import { describe, expect, it } from "vitest";
import {
  deltaAmuScalarPerG2,
  deltaAmuVectorPerG2,
  f1,
  kaonToMuNuZPrimeBR,
  sigmaBornMuMu,
  sigmaMuMuX,
  vectorToDiracWidthPerG2,
  zPoleF2,
  zPrimeWidths,
} from "../../src/index.js";
import fixture from "../fixtures/physics-reference.json" with { type: "json" };

// biome-ignore lint/suspicious/noExplicitAny: the fixture's records have heterogeneous inputs
const rec = (id: string): any => (fixture.records as Record<string, unknown>)[id];
const refAlpha: number = rec("constants").inputs.alpha;
// The reference converts GeV⁻² to pb with 389379372.1 (rounded) where units has the exact
// 389379372.17: 1.8e-10 relative, so cross sections get rtol 5e-10.
const PB_RTOL = 5e-10;

describe("(g-2): Jho2019 eq. (1.2), Ibe2017 eq. (5), scalar (Leveille1978)", () => {
  it("vector Δa/g² at eight masses (reference rtol 1e-10)", () => {
    const r = rec("gm2-vector-damu-per-g2");
    r.inputs.m_Zp_GeV.forEach((m: number, i: number) => {
      expect(deltaAmuVectorPerG2(m)).toBeCloseToRel(r.value[i], 1e-10);
    });
  });
  it("scalar Δa/g² at eight masses", () => {
    const r = rec("gm2-scalar-damu-per-g2");
    r.inputs.m_Zp_GeV.forEach((m: number, i: number) => {
      expect(deltaAmuScalarPerG2(m)).toBeCloseToRel(r.value[i], 1e-10);
    });
  });
  it("massless limit 1/(8π²)", () => {
    // at m = 1e-7 GeV the correction is O((m/m_μ) ln) ~ 1e-5
    expect(deltaAmuVectorPerG2(1e-7)).toBeCloseToRel(rec("gm2-vector-massless-limit-per-g2").value, 2e-5);
  });
});

describe("Z' widths (Jho2019 eqs. (2.4), (3.8), (3.9) with the corrected Dirac factor)", () => {
  it("ν width per flavour = g² m/(24π)", () => {
    const w = zPrimeWidths({ mass: 2, coupling: 1 });
    expect(w.nuMu / 2).toBeCloseToRel(rec("widths-nunu-per-flavour-over-g2m").value, 1e-14);
  });
  it("μμ, ττ widths and the invisible BR at twelve masses (rtol 1e-12)", () => {
    const mu = rec("widths-mumu-per-g2-points");
    const tau = rec("widths-tautau-per-g2-points");
    const br = rec("widths-br-invisible-vanilla-points");
    mu.inputs.m_Zp_GeV.forEach((m: number, i: number) => {
      const w = zPrimeWidths({ mass: m, coupling: 1 });
      expect(w.mu).toBeCloseToRel(mu.value[i], 1e-12, 1e-300);
      expect(w.tau).toBeCloseToRel(tau.value[i], 1e-12, 1e-300);
      expect(w.invisibleBR).toBeCloseToRel(br.value[i], 1e-12);
    });
  });
  it("χχ̄ width with (1 + 2m²/M²), and the printed (1 + m²/M²) differs by (1+x)/(1+2x)", () => {
    const std = rec("widths-chichi-dirac-standard-per-gD2");
    const printed = rec("widths-chichi-dirac-printed-per-gD2");
    std.inputs.pairs_mX_mchi_GeV.forEach(([mx, mchi]: [number, number], i: number) => {
      const w = zPrimeWidths({ mass: mx, coupling: 0, variant: "fully-invisible", darkCoupling: 1, darkMass: mchi });
      expect(w.chi).toBeCloseToRel(std.value[i], 1e-12);
      const x = (mchi / mx) ** 2;
      expect(vectorToDiracWidthPerG2(mx, mchi) * ((1 + x) / (1 + 2 * x))).toBeCloseToRel(printed.value[i], 1e-12);
    });
  });
});

describe("e+e- → μμ(X) (Jho2019 eqs. (3.1)-(3.6))", () => {
  it("Born σ₀ at 10.58 GeV", () => {
    expect(sigmaBornMuMu({ sqrtS: 10.58, alpha: refAlpha })).toBeCloseToRel(
      rec("eemumu-born-sigma0-pb").value,
      PB_RTOL,
    );
  });
  it("F₁ at nine masses (rtol 1e-10)", () => {
    const r = rec("eemumuX-F1");
    r.inputs.m_X_GeV.forEach((m: number, i: number) => {
      expect(f1((m / 10.58) ** 2)).toBeCloseToRel(r.value[i], 1e-10);
    });
  });
  it("σ/g² = σ₀ F₁/(8π²) at nine masses", () => {
    const r = rec("eemumuX-sigma-over-g2-pb");
    r.inputs.m_X_GeV.forEach((m: number, i: number) => {
      expect(sigmaMuMuX({ sqrtS: 10.58, mass: m, coupling: 1, spin: "vector", alpha: refAlpha })).toBeCloseToRel(
        r.value[i],
        PB_RTOL,
      );
    });
  });
  it("splitting-function integral 2∫D dz (eq. (3.6)) and its ratio to F₁ (not 1: leading log only)", () => {
    const r = rec("eemumuX-split-integral");
    const ratio = rec("eemumuX-split-over-F1");
    r.inputs.m_X_GeV.forEach((m: number, i: number) => {
      const opts = { sqrtS: 10.58, mass: m, coupling: 1, spin: "vector" as const, alpha: refAlpha };
      const sigma0 = sigmaBornMuMu({ sqrtS: 10.58, alpha: refAlpha });
      const split = (sigmaMuMuX({ ...opts, method: "splitting" }) / sigma0) * 8 * Math.PI * Math.PI;
      // reference rtol 1e-9 (mpmath tanh-sinh); our adaptive rule is set to 1e-10
      expect(split).toBeCloseToRel(r.value[i], 1e-9, 1e-300);
      if (r.value[i] > 0) expect(split / f1((m / 10.58) ** 2)).toBeCloseToRel(ratio.value[i], 1e-9);
    });
  });
});

describe("Z-pole loop function F₂ (Jho2019 eq. (2.6))", () => {
  it("at four masses (rtol 1e-10)", () => {
    const r = rec("zpole-F2");
    r.inputs.m_X_GeV.forEach((m: number, i: number) => {
      expect(zPoleF2((m / 91.1876) ** 2)).toBeCloseToRel(r.value[i], 1e-10);
    });
  });
  it("decouples: F₂(1e2, 1e4, 1e6) from the record's notes (4 digits given)", () => {
    expect(zPoleF2(1e2)).toBeCloseToRel(0.04283, 2e-4);
    expect(zPoleF2(1e4)).toBeCloseToRel(0.0007362, 2e-4);
    expect(zPoleF2(1e6)).toBeCloseToRel(1.043e-5, 5e-4);
  });
});

describe("K+ → μ+ ν Z' (Ibe2017 eqs. (13)-(16))", () => {
  it("BR/g'² at 10 and 100 MeV (reference rtol 1e-6; agreement ~1e-11)", () => {
    const r = rec("kaon-BR-over-g2-two-masses");
    r.inputs.m_Zp_GeV.forEach((m: number, i: number) => {
      expect(kaonToMuNuZPrimeBR({ mass: m, coupling: 1 })).toBeCloseToRel(r.value[i], 1e-9);
    });
  });
});
