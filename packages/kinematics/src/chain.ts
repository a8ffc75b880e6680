/**
 * Sequential decays: a tree of named particles decayed top-down, each step in its parent's rest
 * frame and boosted back (narrow-width: every intermediate is on its mass shell). Two-body steps use
 * {@link twoBodyDecayColumns} (optionally with an angular distribution), three-body steps
 * {@link threeBodyDecayColumns} (optionally with a matrix element), and steps with four or more
 * daughters RAMBO, whose phase-space weights multiply into the event weight.
 *
 * @packageDocumentation
 */
import type { RandomSource } from "@muonphilic/random";
import { argumentError, PhysError, requireNonNegative } from "@muonphilic/units";
import { columnsSize, requireEvents } from "./columns.js";
import { type DalitzDensity, threeBodyDecayColumns } from "./dalitz.js";
import { nBodyDecayColumns } from "./rambo.js";
import { type AngularDistribution, twoBodyDecayColumns } from "./twobody.js";
import type { EventColumns, FourVectorColumns } from "./types.js";

/** A particle in a decay tree: its name, its mass and (if it decays) its daughters. */
export interface DecayNode {
  /** The particle's name in the output {@link EventColumns} (unique in the tree). */
  readonly name: string;
  /** Its mass (GeV, ≥ 0). */
  readonly mass: number;
  /** Its daughters (at least two), or absent for a final-state particle. */
  readonly daughters?: readonly DecayNode[];
  /** For a two-body decay: the cos θ distribution of the first daughter about the helicity axis. */
  readonly angular?: AngularDistribution;
  /** For a three-body decay: |M|²(m²₁₂, m²₂₃) with its bound. */
  readonly dalitz?: DalitzDensity;
}

function collect(node: DecayNode, names: Set<string>, path: string): void {
  if (typeof node !== "object" || node === null || typeof node.name !== "string" || node.name === "") {
    throw argumentError("INVALID_ARGUMENT", path, node, "a decay node { name, mass, daughters? }");
  }
  if (names.has(node.name)) {
    throw new PhysError(
      "INVALID_ARGUMENT",
      `${path}.name must be unique in the decay tree, got a second ${JSON.stringify(node.name)}`,
      {
        argument: `${path}.name`,
        value: node.name,
        allowed: "a unique name",
      },
    );
  }
  names.add(node.name);
  requireNonNegative(`${path}.mass`, node.mass, "GeV");
  if (node.daughters === undefined) return;
  if (!Array.isArray(node.daughters) || node.daughters.length < 2) {
    throw argumentError("INVALID_ARGUMENT", `${path}.daughters`, node.daughters, "at least two daughters");
  }
  let sum = 0;
  node.daughters.forEach((d, i) => {
    collect(d, names, `${path}.daughters[${i}]`);
    sum += d.mass;
  });
  if (sum > node.mass) {
    throw new PhysError(
      "KINEMATICALLY_FORBIDDEN",
      `${path}: the daughters' masses add up to ${sum} GeV, above the mass ${node.mass} GeV of ${node.name}`,
      { argument: `${path}.mass`, value: node.mass, allowed: `>= ${sum} GeV` },
    );
  }
}

function decayNode(
  node: DecayNode,
  momenta: FourVectorColumns,
  rng: RandomSource,
  particles: Record<string, FourVectorColumns>,
  weight: Float64Array,
): void {
  particles[node.name] = momenta;
  const ds = node.daughters;
  if (ds === undefined) return;
  let children: readonly FourVectorColumns[];
  if (ds.length === 2) {
    const r = twoBodyDecayColumns(
      momenta,
      ds[0]!.mass,
      ds[1]!.mass,
      rng,
      node.angular === undefined ? {} : { angular: node.angular },
    );
    children = [r.first, r.second];
  } else if (ds.length === 3) {
    const r = threeBodyDecayColumns(momenta, [ds[0]!.mass, ds[1]!.mass, ds[2]!.mass], rng, node.dalitz);
    children = [r.first, r.second, r.third];
  } else {
    const r = nBodyDecayColumns(
      momenta,
      ds.map((d) => d.mass),
      rng,
    );
    for (let i = 0; i < weight.length; i++) weight[i] = weight[i]! * r.weight[i]!;
    children = r.daughters;
  }
  ds.forEach((d, i) => {
    decayNode(d, children[i]!, rng, particles, weight);
  });
}

/**
 * Decays n parents through a decay tree (see the module documentation). The root's momenta are
 * given; every node's momenta appear in the output under its name (intermediates included), and
 * `weight` is the product of the RAMBO weights of steps with four or more daughters (all 1 without
 * such steps). The parents' masses are taken from their four-momenta; `root.mass` is only used to
 * check the tree.
 * @param root - the decay tree; `root.name` names the parent columns in the output
 * @param parent - the root's four-momenta, one per event (GeV)
 * @param rng - the random source
 * @returns an {@link EventColumns} with one entry per node
 * @throws {@link PhysError} `INVALID_ARGUMENT` for a malformed tree or duplicate names,
 *   `KINEMATICALLY_FORBIDDEN` where daughters outweigh their parent
 * @example
 * ```ts
 * // e⁺e⁻ → μ⁺ μ⁻ Z' (flat three-body) at rest in the CM, Z' → μ⁺μ⁻, then to the lab:
 * const tree = { name: "cm", mass: 10.58, daughters: [
 *   { name: "muPlus1", mass: M_MU }, { name: "muMinus1", mass: M_MU },
 *   { name: "zPrime", mass: 3, daughters: [{ name: "muPlus2", mass: M_MU }, { name: "muMinus2", mass: M_MU }] },
 * ] };
 * const events = decayChainColumns(tree, cmColumns, createRandom(1));
 * ```
 */
export function decayChainColumns(root: DecayNode, parent: FourVectorColumns, rng: RandomSource): EventColumns {
  collect(root, new Set(), "root");
  const n = columnsSize("parent", parent);
  const particles: Record<string, FourVectorColumns> = {};
  const weight = new Float64Array(n).fill(1);
  decayNode(root, parent, rng, particles, weight);
  return requireEvents("result", { size: n, particles, weight });
}
