import { createRandom } from "@muonphilic/random";
import { describe, expect, it } from "vitest";
import { expectPhysError } from "../test/helpers.js";
import { boost, boostFromRestFrame, boostToRestFrame } from "./boost.js";
import {
  addColumns,
  allocateColumns,
  boostColumns,
  boostEvents,
  boostFromRestFrameColumns,
  boostToRestFrameColumns,
  columnsFromFourVectors,
  fourVectorAt,
  invariantMassColumns,
  massSquaredColumns,
  sumColumns,
} from "./columns.js";
import { add, fromMassMomentum, mass, mass2, sum } from "./fourvector.js";
import type { FourVector } from "./types.js";

function randomVectors(n: number, seed: number, m: number): FourVector[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, () => fromMassMomentum(m, rng.normal(0, 2), rng.normal(0, 2), rng.normal(1, 3)));
}

// The columnar kernels must agree with the scalar functions to the last bits: same formulas,
// possibly different operation order, so a few ε.
const TOL = 1e-14;

describe("columns", () => {
  const a = randomVectors(200, 1, 0.1056583755);
  const b = randomVectors(200, 2, 0.1056583755);
  const c = randomVectors(200, 3, 0.5);
  const ca = columnsFromFourVectors(a);
  const cb = columnsFromFourVectors(b);
  const cc = columnsFromFourVectors(c);

  it("allocates zeros and round-trips four-vectors", () => {
    const z = allocateColumns(3);
    expect(Array.from(z.e)).toEqual([0, 0, 0]);
    expect(fourVectorAt(ca, 17)).toEqual(a[17]);
  });

  it("sums and invariant masses match the scalar versions", () => {
    const ab = addColumns(ca, cb);
    const abc = sumColumns([ca, cb, cc]);
    const m2 = invariantMassColumns([ca, cb]);
    const m3 = invariantMassColumns([ca, cb, cc]);
    const s3 = massSquaredColumns([ca, cb, cc]);
    for (let i = 0; i < a.length; i++) {
      expect(fourVectorAt(ab, i)).toEqual(add(a[i]!, b[i]!));
      const scalar3 = sum([a[i]!, b[i]!, c[i]!]);
      expect(fourVectorAt(abc, i)).toEqual(scalar3);
      expect(m2[i]).toBeCloseToRel(mass(add(a[i]!, b[i]!)), TOL);
      expect(m3[i]).toBeCloseToRel(mass(scalar3), TOL);
      expect(s3[i]).toBeCloseToRel(mass2(scalar3), TOL);
    }
  });

  it("boosts match the scalar boost, and out may alias the input", () => {
    const beta = { x: 0.1, y: -0.2, z: 0.5 };
    const boosted = boostColumns(ca, beta);
    const copy = columnsFromFourVectors(a);
    boostColumns(copy, beta, copy);
    for (let i = 0; i < a.length; i++) {
      const s = boost(a[i]!, beta);
      expect(fourVectorAt(boosted, i)).toEqual(s);
      expect(fourVectorAt(copy, i)).toEqual(s);
    }
  });

  it("rest-frame boosts match the scalar versions; non-timelike frames give NaN", () => {
    const frame = addColumns(cb, cc);
    const to = boostToRestFrameColumns(ca, frame);
    const from = boostFromRestFrameColumns(ca, frame);
    for (let i = 0; i < a.length; i++) {
      const f = add(b[i]!, c[i]!);
      expect(fourVectorAt(to, i)).toEqual(boostToRestFrame(a[i]!, f));
      expect(fourVectorAt(from, i)).toEqual(boostFromRestFrame(a[i]!, f));
    }
    const light = columnsFromFourVectors([{ e: 1, px: 0, py: 0, pz: 1 }]);
    const r = boostToRestFrameColumns(columnsFromFourVectors([{ e: 1, px: 0, py: 0, pz: 0 }]), light);
    expect(Number.isNaN(r.e[0])).toBe(true);
  });

  it("boosts whole event batches, keeping names and weights", () => {
    const ev = { size: 200, particles: { mu: ca, x: cc }, weight: new Float64Array(200).fill(2) };
    const out = boostEvents(ev, { x: 0, y: 0, z: 0.3 });
    expect(Object.keys(out.particles).sort()).toEqual(["mu", "x"]);
    expect(out.weight?.[5]).toBe(2);
    expect(fourVectorAt(out.particles.x, 9)).toEqual(boost(c[9]!, { x: 0, y: 0, z: 0.3 }));
  });

  it("rejects bad shapes, empty lists and |β| ≥ 1", () => {
    expectPhysError(() => allocateColumns(-1), "INVALID_ARGUMENT", "n");
    expectPhysError(() => addColumns(ca, allocateColumns(3)), "INCOMPATIBLE_SHAPES", "b");
    expectPhysError(() => invariantMassColumns([]), "INVALID_ARGUMENT", "parts");
    expectPhysError(() => sumColumns([]), "INVALID_ARGUMENT", "parts");
    expectPhysError(() => boostColumns(ca, { x: 0, y: 0, z: -1 }), "OUT_OF_DOMAIN", "beta");
    expectPhysError(() => invariantMassColumns([ca], new Float64Array(3)), "INCOMPATIBLE_SHAPES", "out");
    const broken = {
      e: new Float64Array(2),
      px: new Float64Array(2),
      py: new Float64Array(3),
      pz: new Float64Array(2),
    };
    expectPhysError(() => boostColumns(broken, { x: 0, y: 0, z: 0 }), "INCOMPATIBLE_SHAPES", "c");
    expectPhysError(
      () => boostEvents({ size: 5, particles: { mu: ca } }, { x: 0, y: 0, z: 0 }),
      "INCOMPATIBLE_SHAPES",
      "events.particles.mu",
    );
  });
});
