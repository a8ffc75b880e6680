/**
 * One scan window of the resonance search (Belle2-4mu sec. V): the events of the reduced-mass
 * spectrum inside ±(window/2) resolutions around the hypothesis, minus the J/ψ veto; the signal
 * shape (double Crystal Ball, fixed, normalised on the fit region) and a polynomial background in
 * the Bernstein basis (quadratic below 1 GeV, linear above), as a `@muonphilic/stats` linear
 * mixture for the data, with its Asimov node template. The total density must stay ≥ 0 at the
 * template's nodes and at the peak, which bounds a negative signal yield where no event does.
 *
 * @packageDocumentation
 */
import {
  asimovMixture,
  bernstein,
  fitRegion,
  inRegion,
  type LinearMixture,
  linearMixture,
  type Pdf,
  type Region,
  regionQuadrature,
} from "@muonphilic/stats";
import { type SignalShape, signalPdf } from "./shape.js";

/** Index of the first element of a sorted array that is ≥ x. */
export function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The geometry of one window: its full interval, the fit region (minus vetoes) and the background order. */
export interface WindowSpec {
  /** Lower and upper edge of the window, GeV (reduced mass). */
  readonly low: number;
  readonly high: number;
  /** The fit region: the window minus the vetoes, as disjoint intervals. */
  readonly region: Region;
  /** Polynomial order of the background (1 or 2). */
  readonly order: number;
}

/**
 * Builds a window spec: [center − halfWidth, center + halfWidth] clipped at `floor`, minus the vetoes.
 * @param center - hypothesis, GeV (reduced mass)
 * @param halfWidth - half the window width, GeV
 * @param vetoes - excluded intervals, GeV (reduced mass)
 * @param order - background polynomial order
 * @param floor - the lowest allowed value of the variable (0 for the reduced mass)
 */
export function makeWindow(center: number, halfWidth: number, vetoes: Region, order: number, floor = 0): WindowSpec {
  const low = Math.max(floor, center - halfWidth);
  const high = center + halfWidth;
  return { low, high, region: fitRegion(low, high, vetoes), order };
}

/** Everything a window fit needs: the data, the Asimov node template and bookkeeping. */
export interface WindowModel {
  readonly spec: WindowSpec;
  /** Data: component densities at the events inside the region (signal first, then b_0..b_order). */
  readonly data: LinearMixture;
  /** Quadrature nodes over the region with their weights: the Asimov template. */
  readonly nodes: LinearMixture;
  /** Number of parameters: 1 (signal) + order + 1. */
  readonly p: number;
  /** The signal shape of the window. */
  readonly shape: SignalShape;
  /** The components: the signal normalised on the region, then the Bernstein basis densities on the window. */
  readonly components: readonly Pdf[];
  /** The model at other points of the window (toy datasets, plots): same components, region integrals and constraints. */
  readonly eventModel: (xs: Float64Array) => LinearMixture;
}

/**
 * Builds the window model for one hypothesis from the sorted reduced-mass column.
 * @param sorted - all events' reduced masses, sorted ascending, GeV
 * @param spec - the window
 * @param shape - the signal shape (its mean is the hypothesis), GeV
 */
export function buildWindowModel(sorted: Float64Array, spec: WindowSpec, shape: SignalShape): WindowModel {
  const { low, high, region, order } = spec;
  const p = order + 2;
  // b_k(u) = C(d, k) u^k (1 − u)^(d − k), each normalised on the window: θ_k ≥ 0 keeps the
  // background non-negative (the Bernstein basis' convex hull property)
  const basis = Array.from({ length: order + 1 }, (_, k) =>
    bernstein({ coefs: Array.from({ length: order + 1 }, (_, j) => (j === k ? 1 : 0)), low, high }),
  );
  const components = [signalPdf(shape, region), ...basis];
  // The signal yield is free (bounded by the positivity of the total density); the background coefficients are ≥ 0.
  const lowerBounds = [Number.NEGATIVE_INFINITY, ...Array<number>(order + 1).fill(0)];
  // Asimov quadrature: panels of one core width within ±8σ of the peak, four outside.
  const sigma = Math.min(shape.core.sigma, shape.tail.sigma);
  const panels = {
    panelWidth: 4 * sigma,
    zones: [{ low: shape.mean - 8 * sigma, high: shape.mean + 8 * sigma, panelWidth: sigma }],
  };
  const q = regionQuadrature(region, panels);
  // Non-negativity of the total density over the region: checked at the ends of the region's
  // pieces, at two points per panel (≤ σ/2 apart around the peak) and at the peak itself, where
  // a negative signal yield binds first (the background varies on the scale of the window).
  const checks = Float64Array.from([
    ...region.flat(),
    ...regionQuadrature(region, { ...panels, points: 2 }).x,
    ...(inRegion(region, shape.mean) ? [shape.mean] : []),
  ]);
  const nodes = linearMixture(components, q.x, { region, weights: q.w, lowerBounds, positivityPoints: checks });
  const events = sorted.subarray(lowerBound(sorted, low), lowerBound(sorted, high));
  const data = linearMixture(components, events, { region, lowerBounds, positivity: nodes.positivity });
  return {
    spec,
    shape,
    components,
    data,
    nodes,
    p,
    eventModel: (xs: Float64Array): LinearMixture =>
      linearMixture(components, xs, {
        region,
        integrals: data.integrals,
        lowerBounds,
        positivity: data.positivity,
      }),
  };
}

/**
 * The Asimov dataset (CCGV2011 eq. (24)) of a window for parameters θ: the quadrature nodes with
 * weights w_j = λ(x_j; θ) Δ_j, so that Σ_j w_j f(x_j) = ∫ λ f dx.
 */
export function asimovModel(window: WindowModel, theta: Float64Array): LinearMixture {
  return asimovMixture(window.nodes, theta);
}
