import { createRandom } from "@muonphilic/random";
import { M_MU } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { expectPhysError } from "../test/helpers.js";
import { belle2Beams, cmToLabEvents } from "./beams.js";
import { type DecayNode, decayChainColumns } from "./chain.js";
import { allocateColumns, invariantMassColumns, sumColumns } from "./columns.js";
import { fourMuonDecayTree } from "./examples/fourMuonStudy.js";
import { cosSquaredDistribution } from "./twobody.js";

const beams = belle2Beams();
const plain = fourMuonDecayTree(beams.sqrtS, 3);
// The same tree with a 1 + cos²θ angular distribution for the Z' decay.
const tree: DecayNode = {
  ...plain,
  daughters: plain.daughters!.map((d) => (d.name === "zPrime" ? { ...d, angular: cosSquaredDistribution(1) } : d)),
};

function atRest(n: number, m: number) {
  const c = allocateColumns(n);
  c.e.fill(m);
  return c;
}

describe("sequential decays", () => {
  const n = 2000;
  const cm = decayChainColumns(tree, atRest(n, beams.sqrtS), createRandom(1));
  const lab = cmToLabEvents(cm, beams);

  it("names every node, keeps intermediates on shell and conserves the total four-momentum", () => {
    expect(Object.keys(cm.particles).sort()).toEqual(["cm", "muMinus1", "muMinus2", "muPlus1", "muPlus2", "zPrime"]);
    const p = lab.particles;
    const mZ = invariantMassColumns([p.muPlus2!, p.muMinus2!]);
    const total = sumColumns([p.muPlus1!, p.muMinus1!, p.muPlus2!, p.muMinus2!]);
    for (let i = 0; i < n; i++) {
      expect(mZ[i]).toBeCloseToRel(3, 1e-12);
      expect(total.e[i]).toBeCloseToRel(beams.total.e, 1e-14);
      expect(total.pz[i]).toBeCloseToRel(beams.total.pz, 1e-13);
    }
    expect(Array.from(cm.weight ?? [])).toEqual(new Array(n).fill(1));
  });

  it("a four-body step multiplies its RAMBO weights into the event weight", () => {
    const fourBody: DecayNode = {
      name: "x",
      mass: 2,
      daughters: [
        { name: "a", mass: M_MU },
        { name: "b", mass: M_MU },
        { name: "c", mass: M_MU },
        { name: "d", mass: M_MU },
      ],
    };
    const ev = decayChainColumns(fourBody, atRest(10, 2), createRandom(2));
    expect(ev.weight?.[3]).toBeGreaterThan(0);
    expect(ev.weight?.[3]).not.toBe(ev.weight?.[4]);
  });

  it("is deterministic for a seed", () => {
    const again = decayChainColumns(tree, atRest(n, beams.sqrtS), createRandom(1));
    expect(again.particles.muPlus2?.px).toEqual(cm.particles.muPlus2?.px);
  });

  it("rejects malformed trees", () => {
    const rng = createRandom(1);
    const p = atRest(1, 10);
    expectPhysError(
      () => decayChainColumns({ name: "a", mass: 1, daughters: [{ name: "b", mass: 0.1 }] }, p, rng),
      "INVALID_ARGUMENT",
      "root.daughters",
    );
    const pairOf = (b: DecayNode, c: DecayNode): DecayNode => ({ name: "a", mass: 1, daughters: [b, c] });
    const b = { name: "b", mass: 0.1 };
    expectPhysError(() => decayChainColumns(pairOf(b, b), p, rng), "INVALID_ARGUMENT", "root.daughters[1].name");
    const heavy = pairOf({ name: "b", mass: 0.6 }, { name: "c", mass: 0.6 });
    expectPhysError(() => decayChainColumns(heavy, p, rng), "KINEMATICALLY_FORBIDDEN", "root.mass");
    expectPhysError(() => decayChainColumns({ name: "a", mass: -1 }, p, rng), "OUT_OF_DOMAIN", "root.mass");
  });
});
