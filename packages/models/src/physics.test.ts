import { integrate } from "@muonphilic/numeric";
import { HBARC_GEV_MM, M_MU, M_TAU } from "@muonphilic/units";
import { expectPhysError } from "@muonphilic/vitest-config/assertions";
import { describe, expect, it } from "vitest";
import {
  couplingForDeltaAmu,
  couplingLimitFromSigma,
  deltaAmu,
  deltaAmuVectorPerG2,
  dilog,
  dSigmaMuMuXdz,
  exactDsigmaDzPerG2,
  f1,
  gm2FavouredBand,
  kaonDBRdpMu,
  kaonMuonMomentumMax,
  kaonToMuNuZPrimeBR,
  kineticMixing,
  labDecayLength,
  properLifetime,
  scalarWidths,
  sigmaBornMuMu,
  sigmaMuMuX,
  sigmaTimesBR,
  splittingPerG2,
  tridentExcludedCoupling,
  tridentRatio,
  zPoleExcludedCoupling,
  zPoleF2,
  zPrime,
  zPrimeWidths,
} from "./index.js";

describe("dilogarithm identities", () => {
  it("Li₂(1/2) = π²/12 - ln²2/2, Li₂(-1) = -π²/12, Euler reflection", () => {
    expect(dilog(0.5)).toBeCloseToRel(Math.PI ** 2 / 12 - Math.log(2) ** 2 / 2, 4 * Number.EPSILON);
    expect(dilog(-1)).toBeCloseToRel(-(Math.PI ** 2) / 12, 4 * Number.EPSILON);
    for (const x of [0.05, 0.3, 0.77]) {
      // Li₂(x) + Li₂(1 - x) = π²/6 - ln x ln(1 - x)
      expect(dilog(x) + dilog(1 - x)).toBeCloseToRel(
        Math.PI ** 2 / 6 - Math.log(x) * Math.log(1 - x),
        8 * Number.EPSILON,
      );
    }
    expect(dilog(1.5)).toBeNaN();
  });
});

describe("(g-2)_μ", () => {
  it("Jho2019 eq. (1.2) equals Ibe2017 eq. (5) (independent quadrature of the other form)", () => {
    for (const m of [0.003, 0.05, 0.3, 2]) {
      const r2 = (m / M_MU) ** 2;
      const ibe = integrate((x) => (2 * x * x * (1 - x)) / (x * x + (1 - x) * r2), 0, 1, {
        rtol: 1e-13,
        maxIntervals: 2000,
      });
      expect(deltaAmuVectorPerG2(m)).toBeCloseToRel(ibe / (8 * Math.PI ** 2), 1e-10);
    }
  });
  it("Jho2019 sec. 1: g ~ 5e-4 gives Δa ~ 3e-9 for m_X ≪ m_μ; heavy limit m_μ²/(12π²m²)", () => {
    expect(deltaAmu({ spin: "vector", mass: 1e-3, coupling: 5e-4 })).toBeCloseToRel(3e-9, 0.05);
    // heavy limit: corrections O((m_μ²/m²) ln(m²/m_μ²)) ≈ 2e-6 at 300 GeV
    expect(deltaAmuVectorPerG2(300)).toBeCloseToRel(M_MU ** 2 / (12 * Math.PI ** 2 * 300 ** 2), 1e-5);
  });
  it("coupling for a Δa and bands; the 2025 input reaches zero coupling", () => {
    const g = couplingForDeltaAmu({ spin: "scalar", mass: 0.3, deltaAmu: 2.5e-9 });
    expect(deltaAmu({ spin: "scalar", mass: 0.3, coupling: g })).toBeCloseToRel(2.5e-9, 1e-14);
    const band = gm2FavouredBand({ spin: "vector", mass: 0.05, input: "jho2019", nSigma: 2 });
    expect(deltaAmu({ spin: "vector", mass: 0.05, coupling: band.low })).toBeCloseToRel(
      268e-11 - 2 * Math.hypot(63e-11, 43e-11),
      1e-13,
    );
    expect(band.reachesZero).toBe(false);
    const now = gm2FavouredBand({ spin: "vector", mass: 0.05, input: "wp2025", nSigma: 1 });
    expect(now.reachesZero).toBe(true);
    expect(now.low).toBe(0);
    const custom = gm2FavouredBand({
      spin: "vector",
      mass: 0.05,
      input: { value: 1e-9, uncertainty: 1e-10, source: "test" },
      nSigma: 1,
    });
    expect(custom.central).toBeCloseToRel(couplingForDeltaAmu({ spin: "vector", mass: 0.05, deltaAmu: 1e-9 }), 1e-15);
    expectPhysError(
      () => gm2FavouredBand({ spin: "vector", mass: 0.05, input: "bnl" as "wp2025", nSigma: 1 }),
      "UNKNOWN_NAME",
      "input",
    );
  });
  it("bad input", () => {
    expectPhysError(() => deltaAmu({ spin: "vector", mass: 0, coupling: 1 }), "OUT_OF_DOMAIN", "mass");
    expectPhysError(() => deltaAmu({ spin: "vector", mass: 1, coupling: -1 }), "OUT_OF_DOMAIN", "coupling");
    expectPhysError(() => deltaAmu({ spin: "tensor" as "vector", mass: 1, coupling: 1 }), "UNKNOWN_NAME", "spin");
  });
});

describe("widths and decay lengths", () => {
  it("Jho2019: Γ ≪ m for g ≲ 1e-3; Belle2-inv: invisible BR between 1/3 and 1", () => {
    for (const m of [0.01, 0.3, 1, 5, 10]) {
      const w = zPrimeWidths({ mass: m, coupling: 1e-3 });
      expect(w.total / m).toBeLessThan(1e-7);
      expect(w.invisibleBR).toBeGreaterThanOrEqual(1 / 3);
      expect(w.invisibleBR).toBeLessThanOrEqual(1);
    }
    expect(zPrimeWidths({ mass: 100, coupling: 1 }).invisibleBR).toBeCloseToRel(1 / 3, 1e-3);
    expect(zPrimeWidths({ mass: 0.2, coupling: 1 }).invisibleBR).toBe(1);
  });
  it("fully invisible: BR(inv) → 1 for g_D ≫ g'", () => {
    const w = zPrimeWidths({ mass: 1, coupling: 1e-3, variant: "fully-invisible" });
    expect(w.invisibleBR).toBeCloseToRel(1, 1e-5);
    expect(w.chi).toBeCloseToRel(1 / (12 * Math.PI), 1e-15);
  });
  it("scalar: Γ(μμ) = g²mβ³/(8π); γγ → α²g²m³(16/9)/(256π³m_μ²) for m ≪ m_μ", () => {
    const w = scalarWidths({ mass: 1, coupling: 1 });
    expect(w.mu).toBeCloseToRel((1 / (8 * Math.PI)) * (1 - 4 * M_MU ** 2) ** 1.5, 1e-14);
    const light = scalarWidths({ mass: 1e-3, coupling: 1 });
    const alpha = 1 / 137.035999084;
    // O(τ) correction: (14/45)τ/(4/3) ~ 2e-5 at τ = 2.2e-5 … keep 1e-4
    expect(light.gammaGamma).toBeCloseToRel((alpha ** 2 * 1e-9 * (16 / 9)) / (256 * Math.PI ** 3 * M_MU ** 2), 1e-4);
    expect(light.gammaGammaBR).toBe(1);
  });
  it("lifetime: the muon's Fermi-theory width gives the PDG muon lifetime", () => {
    // Γ_μ = G_F² m_μ⁵/(192π³) (1 − 8m_e²/m_μ²) (1 + (α/2π)(25/4 − π²)) (Kinoshita-Sirlin QED
    // correction; the W propagator's 3m_μ²/(5m_W²) = 1e-6 neglected). PDG 2022: G_F = 1.1663788e-5
    // GeV⁻², τ_μ = 2.1969811e-6 s (G_F is extracted from τ_μ with the full O(α²) corrections, which
    // move Γ by ~4e-6 relative to this formula: tolerance 2e-5)
    const gF = 1.1663788e-5;
    const mMu = 0.1056583755;
    const mE = 0.51099895e-3;
    const alpha = 1 / 137.035999084;
    const width =
      ((gF ** 2 * mMu ** 5) / (192 * Math.PI ** 3)) *
      (1 - (8 * mE ** 2) / mMu ** 2) *
      (1 + (alpha / (2 * Math.PI)) * (25 / 4 - Math.PI ** 2));
    expect(properLifetime(width)).toBeCloseToRel(2.1969811e-6, 2e-5);
  });
  it("decay length: the charged pion's cτ = 7.8045 m (PDG) from its lifetime, and L = βγ cτ", () => {
    // Γ from τ with ħ = h/(2π e) in GeV s from the exact SI values of h and e (2019); the length
    // then checks ħc/Γ against c τ with c = 299 792 458 m/s. PDG 2022: τ_π = 2.6033e-8 s, cτ = 7.8045 m.
    const hbar = 6.62607015e-34 / (2 * Math.PI * 1.602176634e-19) / 1e9;
    const tau = 2.6033e-8;
    const mPi = 0.13957039;
    const width = hbar / tau;
    expect(properLifetime(width)).toBeCloseToRel(tau, 1e-14);
    // at p = m (βγ = 1): 7804.5 mm to the PDG's 5 digits
    expect(labDecayLength({ mass: mPi, width, momentum: mPi })).toBeCloseToRel(7804.5, 1e-5);
    expect(labDecayLength({ mass: mPi, width, momentum: mPi })).toBeCloseToRel(299792458e3 * tau, 1e-12);
    // a 1 GeV width: cτ = ħc/Γ = 197.3269804 MeV fm / 1 GeV = 1.973269804e-13 mm (ħc to its 10
    // printed digits: half a unit of the last one is 2.5e-10 relative)
    expect(labDecayLength({ mass: 2, width: 1, momentum: 2 })).toBeCloseToRel(1.973269804e-13, 5e-10);
    const hbarcMm = hbar * 299792458e3; // GeV mm
    // a 100 MeV Z' with g' = 5e-4 (Γ = g'² m/(12π), below the dimuon threshold), p = 5 GeV: βγ = 50
    const z = zPrimeWidths({ mass: 0.1, coupling: 5e-4 }).total;
    expect(z).toBeCloseToRel((2.5e-7 * 0.1) / (12 * Math.PI), 1e-14);
    expect(labDecayLength({ mass: 0.1, width: z, momentum: 5 })).toBeCloseToRel(
      (50 * hbarcMm) / ((2.5e-7 * 0.1) / (12 * Math.PI)),
      1e-12,
    );
  });
  it("lifetime and decay length: L = (p/m) ħc/Γ", () => {
    expect(properLifetime(6.582119569509066e-25)).toBeCloseToRel(1, 1e-15);
    expect(labDecayLength({ mass: 1, width: HBARC_GEV_MM, momentum: 2 })).toBeCloseToRel(2, 1e-14);
  });
  it("bad input: dark mass above m/2, negative coupling", () => {
    expectPhysError(
      () => zPrimeWidths({ mass: 1, coupling: 1e-3, variant: "fully-invisible", darkMass: 0.6 }),
      "KINEMATICALLY_FORBIDDEN",
      "darkMass",
    );
    expectPhysError(() => zPrimeWidths({ mass: 1, coupling: -1e-3 }), "OUT_OF_DOMAIN", "coupling");
    // the vanilla Z' has no dark sector: dark parameters need variant "fully-invisible" (audit issue 5, item 6)
    expectPhysError(() => zPrimeWidths({ mass: 1, coupling: 1, darkMass: 0.9 }), "INVALID_ARGUMENT", "darkMass");
    expectPhysError(
      () => zPrimeWidths({ mass: 1, coupling: 1, variant: "vanilla", darkCoupling: 0.5 }),
      "INVALID_ARGUMENT",
      "darkCoupling",
    );
    expect(() => zPrimeWidths({ mass: 1, coupling: 1, darkMass: 0.9 })).toThrowError(/fully-invisible/);
    expectPhysError(
      () => sigmaTimesBR({ mass: 1, coupling: 1e-3, spin: "vector", channel: "mumu", darkMass: 0.1 }),
      "INVALID_ARGUMENT",
      "darkMass",
    );
    // a vanilla model (dark parameters 0) can be passed back in
    const vanilla = zPrime({ mass: 1, coupling: 1e-3 });
    expect(vanilla.darkMass).toBe(0);
    expect(zPrimeWidths(vanilla).total).toBe(zPrimeWidths({ mass: 1, coupling: 1e-3 }).total);
    expectPhysError(() => labDecayLength({ mass: 1, width: 0, momentum: 1 }), "OUT_OF_DOMAIN", "width");
  });
});

describe("kinetic mixing and constraints", () => {
  it("Ibe2017 eq. (8) at q² = 0 and the loop integral's limits", () => {
    const e = Math.sqrt((4 * Math.PI) / 137.035999084);
    expect(kineticMixing({ coupling: 1e-3 })).toBeCloseToRel(
      (8 / 3) * ((e * 1e-3) / (16 * Math.PI ** 2)) * Math.log(M_TAU / M_MU),
      1e-14,
    );
    // q² → 0⁻ continuity (O(q²/m_μ²) = 1e-8) and vanishing at large spacelike q² (~m²/|q²| ln)
    expect(kineticMixing({ coupling: 1e-3, q2: -1e-10 })).toBeCloseToRel(kineticMixing({ coupling: 1e-3 }), 1e-7);
    expect(Math.abs(kineticMixing({ coupling: 1e-3, q2: -1e8 }))).toBeLessThan(
      1e-3 * kineticMixing({ coupling: 1e-3 }),
    );
  });
  it("F₂ small-x limit -ln²x - 3 ln x - 7/2 + π²/3, and F₁ + F₂ → 3/2", () => {
    const x = 1e-12;
    const l = Math.log(x);
    expect(zPoleF2(x)).toBeCloseToRel(-l * l - 3 * l - 3.5 + Math.PI ** 2 / 3, 1e-9);
    // real (eq. (3.2)) + virtual: infrared finite, corrections O(x ln²x) ≈ 1e-9
    expect(f1(x) + zPoleF2(x)).toBeCloseToRel(1.5, 1e-8);
  });
  it("Z-pole: the printed prefactor weakens the bound by √2; trident bound solves R = 0.82 + 1.96 × 0.28", () => {
    const c = zPoleExcludedCoupling({ mass: 0.1 });
    expect(zPoleExcludedCoupling({ mass: 0.1, convention: "as-printed" })).toBeCloseToRel(Math.SQRT2 * c, 1e-14);
    const g = tridentExcludedCoupling({ mass: 0.01 });
    expect(tridentRatio({ mass: 0.01, coupling: g })).toBeCloseToRel(0.82 + 1.96 * 0.28, 1e-12);
    expectPhysError(() => tridentRatio({ mass: 0.2, coupling: 1e-3 }), "OUT_OF_DOMAIN", "mass");
  });
});

describe("e+e- → μμX", () => {
  it("massless Born: 4πα²/(3s) (= 86.8 nb/s[GeV²])", () => {
    expect(sigmaBornMuMu({ sqrtS: 1000 })).toBeCloseToRel(86.8e3 / 1e6, 2e-3);
  });
  it("splitting functions carry the collinear log of the exact matrix element (small-mass limit)", () => {
    // The coefficient of ln(1/m_X²) in dσ/dz at fixed z: exact massless-muon matrix element vs
    // 2D(s, z) (eq. (3.4) for the vector, the derived scalar one). Differences between m_X and m_X/10
    // cancel the non-logarithmic terms; what remains scales like m_X² (1.1e-5 for 10/1 MeV,
    // 2e-7 for 1/0.1 MeV), so 1e-6 at 1/0.1 MeV.
    const s = 10.58 ** 2;
    const alpha = 1 / 137;
    const sigma0 = (4 * Math.PI * alpha ** 2) / (3 * s);
    for (const spin of ["vector", "scalar"] as const) {
      for (const z of [0.2, 0.5, 0.8]) {
        const exact = (m: number): number => exactDsigmaDzPerG2(spin, s, m, alpha, 0, z) / sigma0;
        const split = (m: number): number => 2 * splittingPerG2(spin, s, m, z);
        const slopeExact = exact(1e-4) - exact(1e-3);
        const slopeSplit = split(1e-4) - split(1e-3);
        expect(slopeExact).toBeCloseToRel(slopeSplit, 1e-6);
      }
    }
  });
  it("dσ/dz integrates to σ (splitting and exact)", () => {
    const opts = { mass: 0.5, coupling: 1e-3, spin: "scalar" as const };
    const s = 10.58 ** 2;
    const zMin = (2 * 0.5) / 10.58;
    const zMax = { splitting: 1 - (2 * M_MU) / 10.58, exact: 1 - (4 * M_MU ** 2 - 0.25) / s };
    for (const method of ["splitting", "exact"] as const) {
      const total = integrate((z) => dSigmaMuMuXdz({ ...opts, method, z }), zMin, zMax[method], { rtol: 1e-10 });
      expect(total).toBeCloseToRel(sigmaMuMuX({ ...opts, method }), 1e-7);
    }
  });
  it("σ × BR and its inverse, vanilla and fully invisible", () => {
    for (const [variant, channel] of [
      ["vanilla", "mumu"],
      ["fully-invisible", "invisible"],
      ["fully-invisible", "mumu"],
    ] as const) {
      // the dark parameters only with the fully-invisible variant (the vanilla Z' refuses them)
      const dark = variant === "fully-invisible" ? { darkCoupling: 0.01, darkMass: 0.1 } : {};
      const base = { mass: 1, spin: "vector" as const, channel, variant, ...dark };
      const limit = sigmaTimesBR({ ...base, coupling: 2e-3 });
      expect(couplingLimitFromSigma({ ...base, sigmaLimit: limit })).toBeCloseToRel(2e-3, 1e-12);
    }
    const s = { mass: 3, spin: "scalar" as const, channel: "mumu" as const };
    expect(couplingLimitFromSigma({ ...s, sigmaLimit: sigmaTimesBR({ ...s, coupling: 0.01 }) })).toBeCloseToRel(
      0.01,
      1e-12,
    );
    expect(couplingLimitFromSigma({ mass: 0.1, spin: "vector", channel: "mumu", sigmaLimit: 1 })).toBe(
      Number.POSITIVE_INFINITY,
    );
    expectPhysError(() => sigmaTimesBR({ ...s, coupling: 1, channel: "invisible" }), "INVALID_ARGUMENT", "channel");
  });
  it("bad input: X too heavy, unknown method", () => {
    expectPhysError(() => sigmaMuMuX({ mass: 10.4, coupling: 1, spin: "vector" }), "KINEMATICALLY_FORBIDDEN", "mass");
    expectPhysError(
      () => sigmaMuMuX({ mass: 1, coupling: 1, spin: "vector", method: "nlo" as "exact" }),
      "UNKNOWN_NAME",
      "method",
    );
  });
});

describe("K+ → μ+ ν Z'", () => {
  it("the spectrum integrates to the BR and vanishes at the endpoint eq. (19)", () => {
    const mass = 0.05;
    const pMax = kaonMuonMomentumMax(mass);
    const total = integrate((p) => kaonDBRdpMu({ mass, coupling: 1e-3, pMu: p }), 0, pMax, { rtol: 1e-11 });
    expect(total).toBeCloseToRel(kaonToMuNuZPrimeBR({ mass, coupling: 1e-3 }), 1e-8);
    expect(kaonMuonMomentumMax(0)).toBeCloseToRel(0.2355, 2e-4); // Ibe2017: p_μ = 236 MeV in K → μν
  });
  it("bad input", () => {
    expectPhysError(() => kaonToMuNuZPrimeBR({ mass: 0.4, coupling: 1 }), "KINEMATICALLY_FORBIDDEN", "mass");
    expectPhysError(() => kaonDBRdpMu({ mass: 0.1, coupling: 1, pMu: 0.3 }), "OUT_OF_DOMAIN", "pMu");
  });
});
