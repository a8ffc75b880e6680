/**
 * Linear mixtures as {@link ToyLikelihood}s: the profile likelihood of {@link linearMixtureProfile}
 * that can also generate toy datasets, for toy-based CLs on an extended unbinned fit linear in its
 * yields (one window of a resonance scan). A toy at parameters (θ, κ) draws N ~ Poisson(ν) events,
 * ν = Σ_k θ'_k I_k (θ' = θ with the POI's yield multiplied by κ), from the expected density
 * λ(x; θ') on the fit region, and, with a relative uncertainty r, the global observable
 * κ̄ ~ N(κ, r) of κ's Gaussian constraint (the auxiliary datum randomised as HistFactory toys
 * randomise theirs: the LHC procedure, CCGV2011 §2 and ATL-PHYS-PUB-2011-011). The toy's
 * objective carries the linear-mixture structure, so {@link linearMixtureMinimizer} solves its
 * fits exactly.
 *
 * @packageDocumentation
 */
import type { RandomSource } from "@muonphilic/random";
import { argumentError, PhysError, requireInteger } from "@muonphilic/units";
import { type LinearMixture, mixtureDensity } from "../linear/mixture.js";
import {
  type LinearMixtureObjective,
  type LinearMixtureProfileOptions,
  linearMixtureProfile,
  mixtureObjective,
} from "../linear/profile.js";
import type { Objective } from "../minimizer/index.js";
import { type Region, requireRegion } from "../pdfs/region.js";
import type { ToyLikelihood } from "./core.js";

/** Defaults of {@link linearMixtureToyLikelihood}. */
export const LINEAR_MIXTURE_TOY_DEFAULTS = {
  /**
   * Intervals of the tabulated density over the fit region (shared among its pieces by length):
   * 4096 over a 60σ scan window is ~70 per resolution σ, where the piecewise-linear interpolation
   * of a Gaussian peak is exact to ~1e-5 relative.
   */
  gridIntervals: 4096,
  /** Rounds of redrawing the events that fall where λ ≤ 0 (see {@link linearMixtureToyLikelihood}). */
  maxRedraws: 100,
} as const;

/** How to make the mixture of a toy dataset, and where to generate its events. */
export interface LinearMixtureEvents {
  /**
   * The mixture of any set of points `xs` of the fit region: the data's components evaluated at
   * `xs`, with the data's region integrals, bounds and positivity rows, and no point dropped, e.g.
   * `(xs) => linearMixture(components, xs, { region, integrals: data.integrals, lowerBounds, positivity: data.positivity })`.
   * Called once with the nodes of the density table, then once per toy.
   */
  model(xs: Float64Array): LinearMixture;
  /** The fit region (disjoint pieces, unit of x): toy events are generated on it. */
  readonly region: Region;
  /** Intervals of the tabulated density. @defaultValue {@link LINEAR_MIXTURE_TOY_DEFAULTS}.gridIntervals */
  readonly gridIntervals?: number;
}

/** Options of {@link linearMixtureToyLikelihood}: those of {@link linearMixtureProfile} and the events. */
export interface LinearMixtureToyOptions extends LinearMixtureProfileOptions {
  /** The model of toy events and the region where they are generated. */
  readonly events: LinearMixtureEvents;
}

/**
 * The expected density tabulated on nodes over the region's pieces: node positions, the component
 * densities at the nodes, and for each cell (between two nodes of one piece) its left node.
 */
interface DensityTable {
  readonly x: Float64Array;
  readonly nodes: LinearMixture;
  readonly cellLeft: Int32Array;
}

function densityTable(events: LinearMixtureEvents, region: Region, intervals: number, p: number): DensityTable {
  const length = region.reduce((s, [a, b]) => s + (b - a), 0);
  const counts = region.map(([a, b]) => Math.max(1, Math.round((intervals * (b - a)) / length)));
  const nNodes = counts.reduce((s, c) => s + c + 1, 0);
  const nCells = nNodes - region.length;
  const x = new Float64Array(nNodes);
  const cellLeft = new Int32Array(nCells);
  let i = 0;
  let c = 0;
  region.forEach(([a, b], j) => {
    const g = counts[j]!;
    for (let k = 0; k <= g; k++) {
      if (k < g) cellLeft[c++] = i;
      x[i++] = k === g ? b : a + ((b - a) * k) / g;
    }
  });
  const nodes = events.model(x);
  if (nodes === null || typeof nodes !== "object" || nodes.p !== p || nodes.n !== nNodes) {
    throw new PhysError(
      "INCOMPATIBLE_SHAPES",
      `options.events.model must return a mixture of ${p} components at every point it is given (${nNodes} nodes), got p = ${nodes?.p}, n = ${nodes?.n}`,
      { argument: "options.events.model", value: nodes?.n, allowed: `p = ${p}, n = ${nNodes}` },
    );
  }
  return { x, nodes, cellLeft };
}

/**
 * A sampler of the density max(λ, 0) interpolated linearly between the table's nodes: the cell by
 * its exact (trapezoid) probability, then x inside the cell by the exact inverse CDF of the
 * linear density.
 */
interface Sampler {
  /** The generating yields θ' (the POI's yield times κ). */
  readonly theta: Float64Array;
  /** Expected count ν = Σ θ'_k I_k of the model (may differ from the table's integral of max(λ, 0)). */
  readonly expected: number;
  /** ∫ max(λ, 0) over the region by the trapezoid rule (0: nothing to sample). */
  readonly tabulated: number;
  draw(rng: RandomSource): number;
}

function makeSampler(table: DensityTable, theta: Float64Array): Sampler {
  const { x, nodes, cellLeft } = table;
  const lam = mixtureDensity(nodes, theta);
  for (let i = 0; i < lam.length; i++) lam[i] = Math.max(lam[i]!, 0);
  const nCells = cellLeft.length;
  const cum = new Float64Array(nCells + 1);
  for (let c = 0; c < nCells; c++) {
    const i = cellLeft[c]!;
    cum[c + 1] = cum[c]! + 0.5 * (lam[i]! + lam[i + 1]!) * (x[i + 1]! - x[i]!);
  }
  let expected = 0;
  for (let k = 0; k < theta.length; k++) expected += theta[k]! * nodes.integrals[k]!;
  const tabulated = cum[nCells]!;
  const draw = (rng: RandomSource): number => {
    const u = rng.uniform() * tabulated;
    // the last cell with cum[c] ≤ u: its mass is > 0 since u < cum[nCells]
    let lo = 0;
    let hi = nCells;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! <= u) lo = mid;
      else hi = mid;
    }
    const i = cellLeft[lo]!;
    const a = lam[i]!;
    const b = lam[i + 1]!;
    const v = (u - cum[lo]!) / (cum[lo + 1]! - cum[lo]!);
    // density ∝ a + (b − a)t on t ∈ [0, 1]: F(t) = v ⇔ t = v(a + b) / (a + √(a² + v(b² − a²)))
    const t = (v * (a + b)) / (a + Math.sqrt(a * a + v * (b * b - a * a)));
    return Math.min(x[i + 1]!, x[i]! + t * (x[i + 1]! - x[i]!));
  };
  return { theta, expected, tabulated, draw };
}

/**
 * The toy-capable profile likelihood of a linear mixture: {@link linearMixtureProfile} (data,
 * Asimov template, POI, relative uncertainty r with its nuisance κ) and `toy(pars, rng)`, which
 * generates a dataset at `pars` = (θ₀ … θ_{p−1}[, κ]):
 *
 * - N ~ Poisson(ν) with ν = Σ_k θ'_k I_k, the model's own expected count (θ' is θ with the POI's
 *   yield times κ; I_k the region integrals of the data);
 * - N events from max(λ(x; θ'), 0), tabulated at `gridIntervals` + 1 nodes over the region's
 *   pieces (never across a veto) and interpolated linearly between them (the cell by its exact
 *   trapezoid probability, the position by the exact inverse CDF of the linear density);
 * - the negative part of λ is clipped to 0: a feasible λ is ≥ 0 at the positivity check points
 *   and can dip below 0 only between them, so the clipped area is tiny. The count keeps the
 *   model's mean ν, so the extended term of the likelihood sees the right mean; an event that
 *   lands where λ(x; θ') ≤ 0 itself (near a zero crossing, where the linear interpolation is still
 *   > 0) is redrawn (up to {@link LINEAR_MIXTURE_TOY_DEFAULTS}.maxRedraws rounds), so the
 *   generating parameters are always a feasible start of the toy's fits;
 * - with r > 0, the global observable κ̄ ~ N(κ, r) of the constraint (κ − κ̄)²/2r² (the observed
 *   data have κ̄ = 1).
 *
 * The toy's objective is a {@link LinearMixtureObjective}: use `minimizer: linearMixtureMinimizer`
 * in {@link toyHypotest} / {@link toyUpperLimit} (and their `Sync` forms) to solve its fits exactly.
 * The table is rebuilt only when `pars` change (a batch of toys shares it).
 * @param options - the options of {@link linearMixtureProfile} and `events` ({@link LinearMixtureToyOptions})
 * @returns a {@link ToyLikelihood} (runs in the calling thread)
 * @throws {@link PhysError} as {@link linearMixtureProfile}; `INVALID_ARGUMENT` for a missing
 *   `events.model`, a malformed `events.region`, or fewer `gridIntervals` than region pieces;
 *   `INCOMPATIBLE_SHAPES` if `events.model` does not return a p-component mixture at every node
 * @see {@link https://arxiv.org/abs/1007.1727 | CCGV2011}
 * @example
 * ```ts
 * const events = { region, model: (xs) => linearMixture(components, xs, { region, integrals: data.integrals, lowerBounds }) };
 * const problem = linearMixtureToyLikelihood({ data, template, relativeUncertainty: 0.05, events });
 * const ul = toyUpperLimitSync(problem, { cl: 0.9, grid, toys: 500, minimizer: linearMixtureMinimizer });
 * ```
 */
export function linearMixtureToyLikelihood(options: LinearMixtureToyOptions): ToyLikelihood {
  const profile = linearMixtureProfile(options);
  const events = options.events;
  if (events === null || typeof events !== "object" || typeof events.model !== "function") {
    throw argumentError("INVALID_ARGUMENT", "options.events.model", events?.model, "a function of the points");
  }
  const region = requireRegion("options.events.region", events.region);
  const intervals = requireInteger(
    "options.events.gridIntervals",
    events.gridIntervals ?? LINEAR_MIXTURE_TOY_DEFAULTS.gridIntervals,
    region.length,
  );
  const { poi, kappa, relativeUncertainty: r } = (profile.nll as LinearMixtureObjective).linearMixture;
  const p = options.data.p;
  const table = densityTable(events, region, intervals, p);

  // the sampler of the last generating parameters (a batch of toys shares them)
  let cache: { readonly pars: Float64Array; readonly sampler: Sampler } | null = null;
  const samplerAt = (pars: Float64Array): Sampler => {
    if (cache?.pars.every((v, i) => Object.is(v, pars[i])) === true && cache.pars.length === pars.length) {
      return cache.sampler;
    }
    const theta = Float64Array.from(pars.subarray(0, p));
    theta[poi] = pars[poi]! * (kappa >= 0 ? pars[kappa]! : 1);
    cache = { pars: Float64Array.from(pars), sampler: makeSampler(table, theta) };
    return cache.sampler;
  };
  const modelOf = (xs: Float64Array): LinearMixture => {
    const m = events.model(xs);
    if (m.n !== xs.length) {
      throw new PhysError(
        "INCOMPATIBLE_SHAPES",
        `options.events.model dropped points: ${m.n} of ${xs.length} kept (pass the data's integrals so that none is)`,
        { argument: "options.events.model", value: m.n, allowed: `n = ${xs.length}` },
      );
    }
    return m;
  };

  const toy = (pars: Float64Array, rng: RandomSource): Objective => {
    const s = samplerAt(pars);
    const n = s.expected > 0 && s.tabulated > 0 ? rng.poisson(s.expected) : 0;
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = s.draw(rng);
    let mixture = modelOf(xs);
    for (let round = 0; round < LINEAR_MIXTURE_TOY_DEFAULTS.maxRedraws; round++) {
      const lam = mixtureDensity(mixture, s.theta);
      let bad = 0;
      for (let i = 0; i < n; i++) {
        if (!(lam[i]! > 0)) {
          xs[i] = s.draw(rng);
          bad++;
        }
      }
      if (bad === 0) break;
      mixture = modelOf(xs);
    }
    const kappaMean = kappa >= 0 ? rng.normal(pars[kappa]!, r) : 1;
    return mixtureObjective({ mixture, poi, kappa, relativeUncertainty: r, kappaMean });
  };
  return { ...profile, toy };
}
