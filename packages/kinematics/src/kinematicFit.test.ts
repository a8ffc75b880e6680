import { createRandom, type RandomSource } from "@muonphilic/random";
import { M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { expectPhysError } from "../test/helpers.js";
import { belle2Beams, cmToLabEvents } from "./beams.js";
import { decayChainColumns } from "./chain.js";
import { allocateColumns, fourVectorAt } from "./columns.js";
import { fourMuonDecayTree } from "./examples/fourMuonStudy.js";
import { add, fourVector, mass, pt, sum } from "./fourvector.js";
import { createKinematicFitter, kinematicFit, trackCovariance } from "./kinematicFit.js";
import type { FourVector } from "./types.js";

const beams = belle2Beams();
const resolution = (p: FourVector) => ({
  sigmaPt: pt(p) * Math.hypot(0.001 * pt(p), 0.003),
  sigmaTheta: 1e-3,
  sigmaPhi: 1e-3,
});

/** Four-muon events e⁺e⁻ → μ⁺μ⁻Z', Z' → μ⁺μ⁻ in the lab: exact four-momentum conservation. */
function fourMuonEvents(n: number, seed: number, mZ = 3): FourVector[][] {
  const cm = allocateColumns(n);
  cm.e.fill(beams.sqrtS);
  const ev = cmToLabEvents(decayChainColumns(fourMuonDecayTree(beams.sqrtS, mZ), cm, createRandom(seed)), beams);
  return Array.from({ length: n }, (_, i) =>
    ["muPlus1", "muMinus1", "muPlus2", "muMinus2"].map((k) => fourVectorAt(ev.particles[k]!, i)),
  );
}

/** Smears a momentum with a multivariate normal of covariance V (Cholesky). */
function smear(p: FourVector, v: Float64Array, rng: RandomSource): FourVector {
  const l11 = Math.sqrt(v[0]!);
  const l21 = v[3]! / l11;
  const l31 = v[6]! / l11;
  const l22 = Math.sqrt(v[4]! - l21 * l21);
  const l32 = (v[7]! - l31 * l21) / l22;
  const l33 = Math.sqrt(v[8]! - l31 * l31 - l32 * l32);
  const z1 = rng.normal();
  const z2 = rng.normal();
  const z3 = rng.normal();
  const px = p.px + l11 * z1;
  const py = p.py + l21 * z1 + l22 * z2;
  const pz = p.pz + l31 * z1 + l32 * z2 + l33 * z3;
  return { e: Math.sqrt(M_MU * M_MU + px * px + py * py + pz * pz), px, py, pz };
}

describe("kinematic fit: exact linear cases", () => {
  it("3 linear constraints p⃗₁ + p⃗₂ = P⃗: the correction splits the residual by the variances", () => {
    const v1 = [0.01, 0.02, 0.03];
    const v2 = [0.03, 0.02, 0.01];
    const p1 = { x: 1, y: 2, z: 3 };
    const p2 = { x: -0.5, y: 0.4, z: 1 };
    const total = fourVector(10, 0.7, 2.3, 4.1);
    const r = kinematicFit(
      [
        { momentum: p1, mass: 0.1, covariance: [v1[0]!, 0, 0, 0, v1[1]!, 0, 0, 0, v1[2]!] },
        { momentum: p2, mass: 0.2, covariance: [v2[0]!, 0, 0, 0, v2[1]!, 0, 0, 0, v2[2]!] },
      ],
      [{ type: "fourMomentum", total, components: ["px", "py", "pz"] }],
    );
    expect(r.valid).toBe(true);
    expect(r.ndf).toBe(3);
    const res = [p1.x + p2.x - total.px, p1.y + p2.y - total.py, p1.z + p2.z - total.pz];
    const m1 = [p1.x, p1.y, p1.z];
    let chi2 = 0;
    for (let a = 0; a < 3; a++) {
      const w = v1[a]! / (v1[a]! + v2[a]!);
      expect(r.momenta[a]).toBeCloseToRel(m1[a]! - w * res[a]!, 1e-14);
      // V_α = V₁ − V₁²/(V₁ + V₂) and the pull is exactly ±1 per component here
      expect(r.covariance[a * 6 + a]).toBeCloseToRel(v1[a]! - v1[a]! ** 2 / (v1[a]! + v2[a]!), 1e-14);
      expect(r.covariance[a * 6 + a + 3]).toBeCloseToRel(-(v1[a]! * v2[a]!) / (v1[a]! + v2[a]!), 1e-14);
      chi2 += res[a]! ** 2 / (v1[a]! + v2[a]!);
    }
    expect(r.chi2).toBeCloseToRel(chi2, 1e-14);
    expect(r.iterations).toBeLessThanOrEqual(2); // linear: exact in one step, the second confirms
  });
});

describe("kinematic fit: Belle II four-muon events (4C: Σ p = p(beams))", () => {
  const n = 3000;
  const events = fourMuonEvents(n, 7);
  const rng = createRandom(8);
  const fitter = createKinematicFitter({
    masses: [M_MU, M_MU, M_MU, M_MU],
    constraints: [{ type: "fourMomentum", total: beams.total }],
  });
  const momenta = new Float64Array(12);
  const cov = new Float64Array(36);
  const results = events.map((ev) => {
    ev.forEach((p, i) => {
      const v = trackCovariance(p, resolution(p));
      const m = smear(p, v, rng);
      // The fit uses the covariance evaluated at the measured momentum, as with real tracks.
      cov.set(trackCovariance(m, resolution(m)), 9 * i);
      momenta.set([m.px, m.py, m.pz], 3 * i);
    });
    return fitter.fit(momenta, cov);
  });

  it("converges for every event and satisfies the constraints", () => {
    expect(results.every((r) => r.valid)).toBe(true);
    for (const r of results.slice(0, 200)) {
      const s = sum([...r.particles]);
      expect(Math.abs(s.e - beams.total.e)).toBeLessThan(1e-9);
      expect(Math.abs(s.pz - beams.total.pz)).toBeLessThan(1e-9);
      expect(Math.abs(s.px)).toBeLessThan(1e-9);
    }
  });

  // Closure: with Gaussian smearing in the fitted parameters, χ² follows χ²(4) up to the small
  // non-linearity of E(p⃗) and of evaluating V at the measured point. Tolerances: 5 standard errors.
  it("χ² has mean ndf = 4 and p-values are uniform", () => {
    const chi2 = results.map((r) => r.chi2);
    const mean = chi2.reduce((a, b) => a + b, 0) / n;
    expect(Math.abs(mean - 4)).toBeLessThan(5 * Math.sqrt(8 / n));
    const small = results.filter((r) => r.pValue < 0.1).length / n;
    expect(Math.abs(small - 0.1)).toBeLessThan(5 * Math.sqrt(0.09 / n));
    const meanP = results.reduce((a, r) => a + r.pValue, 0) / n;
    expect(Math.abs(meanP - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
  });

  it("pulls are standard normal", () => {
    for (const a of [0, 4, 8, 11]) {
      const pulls = results.map((r) => r.pulls[a]!);
      const mean = pulls.reduce((x, y) => x + y, 0) / n;
      const sd = Math.sqrt(pulls.reduce((x, y) => x + (y - mean) ** 2, 0) / n);
      expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
      expect(Math.abs(sd - 1)).toBeLessThan(5 / Math.sqrt(2 * n));
    }
  });

  it("an added mass constraint puts the Z' candidate exactly on its mass (5C)", () => {
    const r = kinematicFit(
      events[0]!.map((p) => ({ momentum: p, mass: M_MU, covariance: trackCovariance(p, resolution(p)) })),
      [
        { type: "fourMomentum", total: beams.total },
        { type: "mass", particles: [2, 3], mass: 3 },
      ],
    );
    expect(r.valid).toBe(true);
    expect(r.ndf).toBe(5);
    expect(mass(add(r.particles[2]!, r.particles[3]!))).toBeCloseToRel(3, 1e-12);
    // The unsmeared event satisfies every constraint: χ² ≈ 0.
    expect(r.chi2).toBeLessThan(1e-16);
  });

  it("reports non-convergence as a result, not an exception", () => {
    const one = createKinematicFitter({
      masses: [M_MU, M_MU, M_MU, M_MU],
      constraints: [{ type: "fourMomentum", total: beams.total }],
      options: { maxIterations: 1 },
    });
    const ev = events[1]!.map((p) => ({ ...p, px: p.px * 1.05 }));
    const r = one.fit(
      ev.flatMap((p) => [p.px, p.py, p.pz]),
      ev.flatMap((p) => Array.from(trackCovariance(p, resolution(p)))),
    );
    expect(r.valid).toBe(false);
    expect(r.status).toBe("max-iterations");
    const bad = fitter.fit(new Float64Array(12).fill(Number.NaN), cov);
    expect(bad.valid).toBe(false);
    const singular = fitter.fit(momenta, new Float64Array(36));
    expect(singular.status).toBe("singular");
  });
});

describe("kinematic fit: bad input", () => {
  const p = { momentum: { x: 1, y: 0, z: 1 }, mass: M_MU, covariance: [1e-4, 0, 0, 0, 1e-4, 0, 0, 0, 1e-4] };
  const c = [{ type: "fourMomentum" as const, total: fourVector(3, 1, 0, 1) }];
  it("throws typed errors naming the argument", () => {
    expectPhysError(() => kinematicFit([], c), "INVALID_ARGUMENT", "particles");
    expectPhysError(() => kinematicFit([p], []), "INVALID_ARGUMENT", "constraints");
    expectPhysError(
      () => kinematicFit([p, { ...p, covariance: [1, 0, 0, 0, 1, 0, 0, 0, 0] }], c),
      "SINGULAR_MATRIX",
      "particles[1].covariance",
    );
    expectPhysError(
      () => kinematicFit([{ ...p, covariance: [1, 0.5, 0, 0, 1, 0, 0, 0, 1] }], c),
      "INVALID_ARGUMENT",
      "particles[0].covariance",
    );
    expectPhysError(
      () => kinematicFit([{ ...p, covariance: [1, 0, 0] }], c),
      "INVALID_ARGUMENT",
      "particles[0].covariance",
    );
    expectPhysError(() => kinematicFit([{ ...p, mass: -1 }], c), "OUT_OF_DOMAIN", "masses[0]");
    expectPhysError(
      () => kinematicFit([{ ...p, momentum: { x: Number.NaN, y: 0, z: 0 } }], c),
      "INVALID_ARGUMENT",
      "particles[0].momentum.x",
    );
    expectPhysError(
      () => kinematicFit([p], [{ type: "mass", particles: [0, 1], mass: 1 }]),
      "OUT_OF_DOMAIN",
      "constraints[0].particles[1]",
    );
    expectPhysError(
      () => kinematicFit([p, p], [{ type: "mass", particles: [0, 0], mass: 1 }]),
      "INVALID_ARGUMENT",
      "constraints[0].particles[1]",
    );
    expectPhysError(
      () => kinematicFit([p], [{ type: "fourMomentum", total: c[0]!.total, components: ["q" as "e"] }]),
      "UNKNOWN_NAME",
      "constraints[0].components",
    );
    expectPhysError(() => kinematicFit([p], [{ type: "vertex" } as never]), "UNKNOWN_NAME", "constraints[0].type");
    expectPhysError(
      () => createKinematicFitter({ masses: [M_MU], constraints: c, options: { tolerance: 0 } }),
      "OUT_OF_DOMAIN",
      "options.tolerance",
    );
    const f = createKinematicFitter({ masses: [M_MU], constraints: c });
    expectPhysError(() => f.fit([1, 2], new Float64Array(9)), "INCOMPATIBLE_SHAPES", "momenta");
    expectPhysError(
      () => trackCovariance({ x: 0, y: 0, z: 1 }, resolution(fourVector(2, 1, 0, 0))),
      "OUT_OF_DOMAIN",
      "pT of momentum",
    );
  });

  it("trackCovariance: the Jacobian propagation matches a finite-difference Jacobian", () => {
    const m = { x: 1.2, y: -0.7, z: 2.5 };
    const res = { sigmaPt: 0.01, sigmaTheta: 0.002, sigmaPhi: 0.003 };
    const v = trackCovariance(m, res);
    const ptv = Math.hypot(m.x, m.y);
    const th = Math.atan2(ptv, m.z);
    const ph = Math.atan2(m.y, m.x);
    const cart = (a: number, b: number, c: number) => [a * Math.cos(c), a * Math.sin(c), a / Math.tan(b)];
    const h = 1e-6;
    const cols = [
      cart(ptv + h, th, ph).map((x, i) => (x - cart(ptv - h, th, ph)[i]!) / (2 * h)),
      cart(ptv, th + h, ph).map((x, i) => (x - cart(ptv, th - h, ph)[i]!) / (2 * h)),
      cart(ptv, th, ph + h).map((x, i) => (x - cart(ptv, th, ph - h)[i]!) / (2 * h)),
    ];
    const s = [res.sigmaPt ** 2, res.sigmaTheta ** 2, res.sigmaPhi ** 2];
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const expected = cols.reduce((acc, col, k) => acc + col[a]! * s[k]! * col[b]!, 0);
        // Central differences: O(h²) ≈ 1e-12 relative, plus rounding ε/h ≈ 1e-10.
        expect(v[3 * a + b]).toBeCloseToRel(expected, 1e-8, 1e-16);
      }
    }
  });
});
