import { createRandom } from "@muonphilic/random";
import { M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { expectPhysError } from "../test/helpers.js";
import { belle2Beams, labToCm } from "./beams.js";
import { addColumns, columnsFromFourVectors, invariantMassColumns } from "./columns.js";
import { add, dot, fourVector, mass, mass2, pt } from "./fourvector.js";
import {
  cosHelicityAngle,
  cosHelicityAngleColumns,
  missingMassSquared,
  missingTransverseMomentum,
  pairMomentumP0,
  recoilMassSquared,
  recoilMassSquaredColumns,
  reducedMass,
  reducedMassColumns,
} from "./observables.js";
import { twoBodyDecay, twoBodyMomentum } from "./twobody.js";

const beams = belle2Beams();

/** e⁺e⁻ → X (mass mX) + pair (mass mPair), pair → μ⁺μ⁻, in the lab: the recoil of the pair is mX exactly. */
function event(seed: number, mX: number, mPair: number) {
  const rng = createRandom(seed);
  const { first: x, second: pair } = twoBodyDecay(beams.total, mX, mPair, rng);
  const { first: muPlus, second: muMinus } = twoBodyDecay(pair, M_MU, M_MU, rng);
  return { x, pair, muPlus, muMinus };
}

describe("reduced mass (Belle2-4mu sec. V)", () => {
  it("M_R = 2p* of the pair at rest (two independent formulas) and 0 at threshold", () => {
    for (const M of [0.2114, 0.5, 3.0969, 9]) {
      expect(reducedMass(M, M_MU)).toBeCloseToRel(2 * twoBodyMomentum(M, M_MU, M_MU), 1e-14);
    }
    expect(reducedMass(2 * M_MU, M_MU)).toBe(0);
    expect(reducedMass(3, 0)).toBe(3);
  });

  it("columnar version: same numbers, NaN below threshold", () => {
    const out = reducedMassColumns(new Float64Array([3.0969, 0.1, 2 * M_MU]), M_MU);
    expect(out[0]).toBe(reducedMass(3.0969, M_MU));
    expect(Number.isNaN(out[1])).toBe(true);
    expect(out[2]).toBe(0);
  });

  it("rejects bad input", () => {
    expectPhysError(() => reducedMass(0.2, M_MU), "KINEMATICALLY_FORBIDDEN", "mass");
    expectPhysError(() => reducedMass(Number.NaN, M_MU), "INVALID_ARGUMENT", "mass");
    expectPhysError(() => reducedMass(1, -M_MU), "OUT_OF_DOMAIN", "daughterMass");
  });
});

describe("recoil and missing mass", () => {
  const mX = 1.25;
  const ev = event(1, mX, 4);

  it("the recoil mass of the dimuon is the mass of X (exact event)", () => {
    // Energies ~5 GeV: m² = E² − p² loses ~ε E² absolute.
    expect(recoilMassSquared(beams.total, [ev.muPlus, ev.muMinus])).toBeCloseToRel(mX * mX, 1e-12, 1e-13);
  });

  it("Jho2019 eq. (3.7) in the CM equals the lab recoil mass (Lorentz invariance)", () => {
    const cm = [labToCm(ev.muPlus, beams), labToCm(ev.muMinus, beams)];
    expect(missingMassSquared(beams.sqrtS, cm)).toBeCloseToRel(mX * mX, 1e-12, 1e-13);
  });

  it("missing pT is the pT of X for head-on beams, and accounts for a crossing angle", () => {
    const m = missingTransverseMomentum([ev.muPlus, ev.muMinus]);
    expect(m.pt).toBeCloseToRel(pt(ev.x), 1e-12, 1e-14);
    const crossed = belle2Beams({ crossingAngle: 0.083 });
    const withInitial = missingTransverseMomentum([crossed.electron], crossed.total);
    expect(withInitial.px).toBeCloseToRel(crossed.positron.px, 1e-14);
  });

  it("columnar recoil equals the scalar one", () => {
    const evs = [event(2, 0.5, 3), event(3, 2, 6), event(4, 0.1, 1)];
    const mp = columnsFromFourVectors(evs.map((e) => e.muPlus));
    const mm = columnsFromFourVectors(evs.map((e) => e.muMinus));
    const r = recoilMassSquaredColumns(beams.total, [mp, mm]);
    evs.forEach((e, i) => {
      expect(r[i]).toBeCloseToRel(recoilMassSquared(beams.total, [e.muPlus, e.muMinus]), 1e-14, 1e-14);
    });
  });

  it("rejects empty lists and bad four-vectors", () => {
    expectPhysError(() => recoilMassSquared(beams.total, []), "INVALID_ARGUMENT", "visible");
    expectPhysError(() => missingMassSquared(-1, [ev.muPlus]), "OUT_OF_DOMAIN", "sqrtS");
    expectPhysError(() => missingTransverseMomentum([]), "INVALID_ARGUMENT", "visible");
    expectPhysError(
      () => recoilMassSquared(beams.total, [fourVector(1, 0, 0, 0), { e: 1, px: Number.NaN, py: 0, pz: 0 }]),
      "INVALID_ARGUMENT",
      "visible[1]",
    );
    expectPhysError(() => recoilMassSquaredColumns(beams.total, []), "INVALID_ARGUMENT", "visible");
  });
});

describe("helicity angle (Belle2-4mu sec. IV D)", () => {
  /** Independent invariant form: in the rest frame of Q (mass M), E_a = a·Q/M and a⃗·b⃗ = E_aE_b − a·b. */
  function invariantCos(
    a: ReturnType<typeof fourVector>,
    q: ReturnType<typeof fourVector>,
    b: ReturnType<typeof fourVector>,
  ) {
    const M = Math.sqrt(mass2(q));
    const ea = dot(a, q) / M;
    const eb = dot(b, q) / M;
    return (ea * eb - dot(a, b)) / (Math.sqrt(ea * ea - mass2(a)) * Math.sqrt(eb * eb - mass2(b)));
  }

  it("agrees with the invariant form", () => {
    for (let s = 10; s < 20; s++) {
      const ev = event(s, 1, 2.5);
      const c = cosHelicityAngle(ev.muMinus, ev.pair, beams.total);
      expect(c).toBeCloseToRel(invariantCos(ev.muMinus, ev.pair, beams.total), 1e-9, 1e-11);
    }
  });

  it("is flat for isotropic pair decays: ⟨cos⟩ = 0, ⟨cos²⟩ = 1/3 (5 standard errors, n = 4000)", () => {
    const n = 4000;
    const evs = Array.from({ length: n }, (_, i) => event(100 + i, 1, 3));
    const mm = columnsFromFourVectors(evs.map((e) => e.muMinus));
    const pair = addColumns(columnsFromFourVectors(evs.map((e) => e.muPlus)), mm);
    const c = cosHelicityAngleColumns(mm, pair, beams.total);
    let s1 = 0;
    let s2 = 0;
    for (const v of c) {
      s1 += v;
      s2 += v * v;
    }
    expect(Math.abs(s1 / n)).toBeLessThan(5 * Math.sqrt(1 / 3 / n));
    expect(Math.abs(s2 / n - 1 / 3)).toBeLessThan(5 * Math.sqrt((1 / 5 - 1 / 9) / n));
    expect(c[7]).toBe(cosHelicityAngle(evs[7]!.muMinus, add(evs[7]!.muPlus, evs[7]!.muMinus), beams.total));
    expect(invariantMassColumns([pair])[7]).toBeCloseToRel(3, 1e-12);
  });

  it("rejects a non-timelike parent", () => {
    expectPhysError(
      () => cosHelicityAngle(fourVector(1, 0, 0, 1), fourVector(1, 0, 0, 1), beams.total),
      "OUT_OF_DOMAIN",
      "parent",
    );
  });
});

describe("p0 (Belle2-4mu sec. IV D)", () => {
  it("equals √(E₀² − m₀²) with E₀ = (s + m₀² − 4m²)/(2√s)", () => {
    const sqrtS = 10.58;
    for (const m0 of [0.3, 3, 9]) {
      const e0 = (sqrtS * sqrtS + m0 * m0 - 4 * M_MU * M_MU) / (2 * sqrtS);
      expect(pairMomentumP0(sqrtS, m0, M_MU)).toBeCloseToRel(Math.sqrt(e0 * e0 - m0 * m0), 1e-13);
    }
    // The two pairs are back to back with this momentum: the recoiling pair has mass 2m.
    const p0 = pairMomentumP0(sqrtS, 3, M_MU);
    expect(mass(fourVector(sqrtS - Math.hypot(p0, 3), 0, 0, -p0))).toBeCloseToRel(2 * M_MU, 1e-10);
  });

  it("rejects forbidden configurations", () => {
    expectPhysError(() => pairMomentumP0(10.58, 0.1, M_MU), "KINEMATICALLY_FORBIDDEN", "pairMass");
    expectPhysError(() => pairMomentumP0(3, 3, M_MU), "KINEMATICALLY_FORBIDDEN", "sqrtS");
    expectPhysError(() => pairMomentumP0(10.58, 3, -1), "OUT_OF_DOMAIN", "leptonMass");
  });
});
