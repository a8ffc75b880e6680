/**
 * e+e- → γ_ISR Υ(2S, 3S) → γ Υ(1S)π+π- (upsilon.ts): the rate against an independent narrow-resonance
 * convolution from the PDG inputs typed here, and the generator's kinematics.
 */
import { belle2Beams, createRandom } from "@muonphilic/kinematics";
import { integrate } from "@muonphilic/numeric";
import { expectPhysError } from "@muonphilic/vitest-config/assertions";
import { describe, expect, it } from "vitest";
import { generateUpsilonTransitions, upsilonTransitionSigma } from "./upsilon.js";

// PDG 2022 (Review of Particle Physics, Prog. Theor. Exp. Phys. 2022, 083C01), typed from the
// listings, not read from @muonphilic/units:
const ALPHA = 1 / 137.035999084; // α(0), CODATA 2018
const M_E = 0.51099895e-3; // GeV
const M_PI = 0.13957039; // GeV
const M_MU = 0.1056583755; // GeV
const GEV2_PB = 0.3893793721e9; // (ħc)² = 0.3893793721 GeV² mb
const UPS = {
  "1S": { mass: 9.4603, brMuMu: 0.0248 },
  "2S": { mass: 10.02326, gammaEE: 0.612e-6, width: 31.98e-6, brTo1SPiPi: 0.1785 },
  "3S": { mass: 10.3552, gammaEE: 0.443e-6, width: 20.32e-6, brTo1SPiPi: 0.0437 },
} as const;

// Belle II beams, 7 GeV e- on 4 GeV e+ head-on: s = 2m_e² + 2(E₁E₂ + p₁p₂).
const E1 = 7;
const E2 = 4;
const S = 2 * M_E ** 2 + 2 * (E1 * E2 + Math.sqrt(E1 ** 2 - M_E ** 2) * Math.sqrt(E2 ** 2 - M_E ** 2));

/**
 * Kuraev1985 (Sov. J. Nucl. Phys. 41 (1985) 466) radiator at O(β) with the soft-photon
 * exponentiation, without the non-logarithmic (α/π)(π²/3 − 1/2) term (as documented in
 * `@muonphilic/models` isrRadiator): F(x) = β x^(β−1)(1 + 3β/4) − β(1 − x/2), β = (2α/π)(ln(s/m_e²) − 1).
 */
function radiator(x: number, s: number): number {
  const beta = ((2 * ALPHA) / Math.PI) * (Math.log(s / M_E ** 2) - 1);
  return beta * x ** (beta - 1) * (1 + 0.75 * beta) - beta * (1 - x / 2);
}

/**
 * σ(e+e- → γ_ISR V → γ Υ(1S)π+π- → γ μμππ) as the ISR convolution of a Breit-Wigner resonance,
 * σ_V(s') = 12π Γ_ee Γ_f / ((s' − M²)² + M²Γ²), Γ_f = Γ BR(V → Υ(1S)π+π-) BR(Υ(1S) → μμ), with
 * σ = ∫ F(x) σ_V(s(1 − x)) dx = (1/s) ∫ F(1 − s'/s) σ_V(s') ds', integrated numerically in
 * u = atan((s' − M²)/(MΓ)). The width is scaled down by `shrink` (the narrow-width limit: the result
 * depends on Γ_ee BR only); the u range stops at |s' − M²| = 10⁵ MΓ (a missing fraction 2/(10⁵π)).
 */
function convolved(v: (typeof UPS)["2S"] | (typeof UPS)["3S"], shrink: number): number {
  const m = v.mass;
  const gamma = v.width / shrink;
  const gf = gamma * v.brTo1SPiPi * UPS["1S"].brMuMu;
  const uMax = Math.atan(1e5);
  // ds'/((s' − M²)² + M²Γ²) = du/(MΓ)
  const inner = integrate(
    (u) => {
      const sp = m * m + m * gamma * Math.tan(u);
      return radiator(1 - sp / S, S) / (m * gamma);
    },
    -uMax,
    uMax,
    { rtol: 1e-10 },
  );
  return ((12 * Math.PI * v.gammaEE * gf) / S) * inner * GEV2_PB;
}

describe("upsilonTransitionSigma: radiative return to Υ(2S), Υ(3S) (PDG 2022 inputs)", () => {
  it("equals the numerical ISR convolution of a Breit-Wigner in the narrow-width limit", () => {
    for (const [state, v] of [
      ["upsilon2S", UPS["2S"]],
      ["upsilon3S", UPS["3S"]],
    ] as const) {
      // the Breit-Wigner's weight outside the u range, 1 − (2/π) atan(10⁵) = 6.4e-6, restored
      const reference = convolved(v, 1000) / ((2 / Math.PI) * Math.atan(1e5));
      // what remains: the curvature of F over ±10⁵ MΓ/1000 (|Δx| < 3e-4), O(1e-7) after the
      // symmetric cancellation, and the quadrature's 1e-10; the PDG numbers typed here equal
      // @muonphilic/units' to all digits
      expect(upsilonTransitionSigma(state)).toBeCloseToRel(reference, 1e-6);
    }
  });
  it("the README's 0.073 pb (2S) and 0.030 pb (3S), to their printed digits", () => {
    // two significant digits: within half a unit of the last digit plus the truncation of 0.0735
    expect(upsilonTransitionSigma("upsilon2S")).toBeCloseToRel(0.073, 0, 0.001);
    expect(upsilonTransitionSigma("upsilon3S")).toBeCloseToRel(0.03, 0, 0.0005);
  });
  it("scales as Γ_ee BR F(1 − M²/s)/(M s): the 2S/3S ratio from the inputs alone", () => {
    const r = (v: (typeof UPS)["2S"] | (typeof UPS)["3S"]) =>
      (v.gammaEE * v.brTo1SPiPi * radiator(1 - v.mass ** 2 / S, S)) / v.mass;
    // double precision on both sides: 1e-12
    expect(upsilonTransitionSigma("upsilon2S") / upsilonTransitionSigma("upsilon3S")).toBeCloseToRel(
      r(UPS["2S"]) / r(UPS["3S"]),
      1e-12,
    );
  });
});

/** Invariant mass of the sum of particles `names` of event i. */
function mass(
  cols: { [k: string]: { e: Float64Array; px: Float64Array; py: Float64Array; pz: Float64Array } },
  names: readonly string[],
  i: number,
): number {
  let e = 0;
  let px = 0;
  let py = 0;
  let pz = 0;
  for (const n of names) {
    const c = cols[n] as (typeof cols)[string];
    e += c.e[i] as number;
    px += c.px[i] as number;
    py += c.py[i] as number;
    pz += c.pz[i] as number;
  }
  return Math.sqrt(Math.max((e - pz) * (e + pz) - px * px - py * py, 0));
}

/**
 * The parametrised dipion-mass density (unnormalised): |M|² ∝ (m² − 2m_π²)², the lowest-order
 * chiral amplitude of BrownCahn1975 (Phys. Rev. Lett. 35 (1975) 1), times the three-body phase
 * space at fixed m, dΦ/dm ∝ p_Υ(1S)(m) p_π(m) (the Υ(1S) momentum in the Υ(nS) frame and the pion
 * momentum in the dipion frame).
 */
function dipionDensity(m: number, mv: number): number {
  const m1 = UPS["1S"].mass;
  const lambda = (mv * mv - (m1 + m) ** 2) * (mv * mv - (m1 - m) ** 2);
  if (!(lambda > 0) || !(m > 2 * M_PI)) return 0;
  return (m * m - 2 * M_PI * M_PI) ** 2 * (Math.sqrt(lambda) / (2 * mv)) * Math.sqrt((m * m) / 4 - M_PI * M_PI);
}

describe("generateUpsilonTransitions", () => {
  const n = 60000;
  const sample = generateUpsilonTransitions({ events: n }, createRandom(2024));
  const p = sample.events.particles;
  const beams = belle2Beams();

  it("conserves four-momentum: μ+μ-π+π-γ sum to the beams (lab), to round-off", () => {
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const names = ["minus1", "plus1", "minus2", "plus2", "gammaIsr"] as const;
      const sum = (k: "e" | "px" | "py" | "pz") => names.reduce((a, nm) => a + (p[nm][k][i] as number), 0);
      worst = Math.max(
        worst,
        Math.abs(sum("e") - beams.total.e),
        Math.abs(sum("px") - beams.total.px),
        Math.abs(sum("py") - beams.total.py),
        Math.abs(sum("pz") - beams.total.pz),
      );
    }
    // components of ~11 GeV after two decays and a boost: a few hundred ulps of 11 GeV
    expect(worst).toBeLessThan(1e-12 * beams.sqrtS);
  });

  it("puts every particle on shell and the pair μ+μ- at M(Υ(1S)), the four tracks at M(Υ(nS))", () => {
    let worst1S = 0;
    let worstNS = 0;
    let worstShell = 0;
    for (let i = 0; i < n; i++) {
      worst1S = Math.max(worst1S, Math.abs(mass(p, ["minus1", "plus1"], i) - UPS["1S"].mass));
      const mv = sample.state[i] === 1 ? UPS["3S"].mass : UPS["2S"].mass;
      worstNS = Math.max(worstNS, Math.abs(mass(p, ["minus1", "plus1", "minus2", "plus2"], i) - mv));
      worstShell = Math.max(
        worstShell,
        Math.abs(mass(p, ["minus1"], i) - M_MU),
        Math.abs(mass(p, ["plus1"], i) - M_MU),
        Math.abs(mass(p, ["minus2"], i) - M_PI),
        Math.abs(mass(p, ["plus2"], i) - M_PI),
        mass(p, ["gammaIsr"], i),
      );
    }
    // masses from E² − p² of ~5 GeV vectors: relative round-off ~1e-15 (E/M)² on M
    expect(worst1S).toBeLessThan(1e-9);
    expect(worstNS).toBeLessThan(1e-9);
    // a pion of ~1 GeV: M = √(E² − p²) loses digits as (E/M)²: 1e-15 × 50 GeV²/0.02 GeV² → 1e-7 relative
    expect(worstShell).toBeLessThan(1e-7);
  });

  it("shares the events between Υ(2S) and Υ(3S) as their cross sections, and reports their sum", () => {
    const s2 = upsilonTransitionSigma("upsilon2S");
    const s3 = upsilonTransitionSigma("upsilon3S");
    expect(sample.crossSectionPb).toBeCloseToRel(s2 + s3, 1e-15);
    const f3 = s3 / (s2 + s3);
    const n3 = sample.state.reduce((a, x) => a + x, 0);
    // binomial, 4σ
    expect(n3 / n).toBeCloseToRel(f3, 0, 4 * Math.sqrt((f3 * (1 - f3)) / n));
  });

  it("the ISR photon carries E* = (s − M²)/(2√s) along a beam", () => {
    for (let i = 0; i < 200; i++) {
      const mv = sample.state[i] === 1 ? UPS["3S"].mass : UPS["2S"].mass;
      const g = p.gammaIsr;
      // head-on beams along z: the photon has no transverse momentum in the lab
      expect(Math.hypot(g.px[i] as number, g.py[i] as number)).toBeLessThan(1e-12);
      // its CM energy from the lab one: E* = γ(E − β p_z)
      const eStar = beams.gamma * ((g.e[i] as number) - beams.beta * (g.pz[i] as number));
      expect(eStar).toBeCloseToRel((beams.s - mv * mv) / (2 * beams.sqrtS), 1e-12);
    }
  });

  it("dipion masses lie in [2m_π, M(Υ(nS)) − M(Υ(1S))] and follow the parametrised shape (χ², 20 bins per state)", () => {
    for (const [state, key] of [
      [0, "2S"],
      [1, "3S"],
    ] as const) {
      const mv = UPS[key].mass;
      const lo = 2 * M_PI;
      const hi = mv - UPS["1S"].mass;
      // 20 bins of equal expected content: edges at the quantiles of the density (bisection on its
      // integral), so that every bin expects total/20 ≥ 800 events
      const nb = 20;
      const cdf = (m: number) => integrate((x) => dipionDensity(x, mv), lo, m, { rtol: 1e-10 });
      const norm = cdf(hi);
      const edges = [lo];
      for (let b = 1; b < nb; b++) {
        let a = edges[b - 1] as number;
        let c = hi;
        for (let k = 0; k < 60; k++) {
          const mid = (a + c) / 2;
          if (cdf(mid) < (b / nb) * norm) a = mid;
          else c = mid;
        }
        edges.push((a + c) / 2);
      }
      edges.push(hi);
      const counts = new Float64Array(nb);
      let total = 0;
      let below = lo;
      let above = hi;
      for (let i = 0; i < n; i++) {
        if (sample.state[i] !== state) continue;
        const m = mass(p, ["minus2", "plus2"], i);
        below = Math.min(below, m);
        above = Math.max(above, m);
        let b = 0;
        while (b < nb - 1 && m >= (edges[b + 1] as number)) b++;
        counts[b] = (counts[b] as number) + 1;
        total++;
      }
      // round-off of M from the pion four-vectors: 1e-7 relative (above)
      expect(below).toBeGreaterThanOrEqual(lo * (1 - 1e-6));
      expect(above).toBeLessThanOrEqual(hi * (1 + 1e-6));
      const expected = total / nb;
      const chi2 = counts.reduce((a, c) => a + (c - expected) ** 2 / expected, 0);
      // 19 degrees of freedom (the total is fixed): P(χ²₁₉ > 43.8) = 1e-3
      expect(chi2, `Υ(${key}) χ² over 19 dof`).toBeLessThan(43.8);
    }
  });

  it("the generator's rejection bound (shape maximum on a 51-point grid × 1.1) holds on a fine grid", () => {
    // upsilon.ts draws m_ππ by rejection against 1.1 × the maximum of the shape on 51 points; the
    // true maximum, on 20 001 points, must not exceed that bound (else the shape is clipped).
    for (const key of ["2S", "3S"] as const) {
      const mv = UPS[key].mass;
      const lo = 2 * M_PI;
      const hi = mv - UPS["1S"].mass;
      const maxOn = (k: number) => {
        let best = 0;
        for (let j = 0; j <= k; j++) best = Math.max(best, dipionDensity(lo + ((hi - lo) * j) / k, mv));
        return best;
      };
      const ratio = maxOn(20000) / maxOn(50);
      expect(ratio).toBeGreaterThanOrEqual(1);
      expect(ratio, `Υ(${key})`).toBeLessThan(1.1);
    }
  });

  it("a luminosity gives Poisson(σL) events; exactly one of events/luminosityInvPb is required", () => {
    const sigma = upsilonTransitionSigma("upsilon2S") + upsilonTransitionSigma("upsilon3S");
    const lumi = 178000; // 178 fb⁻¹
    const u = generateUpsilonTransitions({ luminosityInvPb: lumi }, createRandom(5));
    // Poisson, 5σ
    expect(u.events.size).toBeCloseToRel(sigma * lumi, 0, 5 * Math.sqrt(sigma * lumi));
    expectPhysError(() => generateUpsilonTransitions({}, createRandom(1)), "INVALID_ARGUMENT");
    expectPhysError(
      () => generateUpsilonTransitions({ events: 10, luminosityInvPb: 1 }, createRandom(1)),
      "INVALID_ARGUMENT",
    );
  });
});
