/**
 * One scan window of the resonance search (Belle2-4mu sec. V): the events of the reduced-mass
 * spectrum inside ±(window/2) resolutions around the hypothesis, minus the J/ψ veto; the signal
 * shape (double Crystal Ball, fixed) and a polynomial background in the Legendre basis (quadratic
 * below 1 GeV, linear above), as a {@link LinearModel} for the data and for Asimov data.
 *
 * @packageDocumentation
 */
import type { LinearModel } from "./linearFit.js";
import { makeSignalDensity, type Region, type SignalShape } from "./shape.js";

/** Gauss–Legendre nodes and weights on [−1, 1], 8 points (exact for polynomials of degree 15). */
const GL8_X = [
  -0.9602898564975363, -0.7966664774136267, -0.525532409916329, -0.1834346424956498, 0.1834346424956498,
  0.525532409916329, 0.7966664774136267, 0.9602898564975363,
];
const GL8_W = [
  0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.362683783378362, 0.362683783378362, 0.3137066458778873,
  0.2223810344533745, 0.1012285362903763,
];

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

const BINOMIAL = [[1], [1, 1], [1, 2, 1]];

/** Bernstein basis polynomials b_{k,d}(u) = C(d,k) u^k (1−u)^(d−k), k = 0..d ≤ 2, into out[offset..]. */
function bernstein(u: number, d: number, out: Float64Array, offset: number): void {
  const v = 1 - u;
  for (let k = 0; k <= d; k++) out[offset + k] = BINOMIAL[d]![k]! * u ** k * v ** (d - k);
}

/** Antiderivative of b_{k,d}(u) (d ≤ 2). */
function bernsteinIntegral(k: number, d: number, u: number): number {
  const v = 1 - u;
  if (d === 0) return u;
  if (d === 1) return k === 0 ? -0.5 * v * v : 0.5 * u * u;
  if (k === 0) return -(v * v * v) / 3;
  if (k === 1) return u * u - (2 * u * u * u) / 3;
  return (u * u * u) / 3;
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
  let pieces: [number, number][] = [[low, high]];
  for (const [va, vb] of vetoes) {
    const next: [number, number][] = [];
    for (const [a, b] of pieces) {
      if (vb <= a || va >= b) next.push([a, b]);
      else {
        if (va > a) next.push([a, va]);
        if (vb < b) next.push([vb, b]);
      }
    }
    pieces = next;
  }
  return { low, high, region: pieces, order };
}

/** Everything a window fit needs: the data model, the Asimov node template and bookkeeping. */
export interface WindowModel {
  readonly spec: WindowSpec;
  /** Data: component densities at the events inside the region (signal first, then b_0..b_order). */
  readonly data: LinearModel;
  /** Quadrature nodes over the region with φ at the nodes and the quadrature weights (Asimov template). */
  readonly nodes: { readonly phi: Float64Array; readonly weights: Float64Array; readonly n: number };
  /** Number of parameters: 1 (signal) + order + 1. */
  readonly p: number;
  /** The signal shape of the window. */
  readonly shape: SignalShape;
  /** The model for other events in the region (toy datasets), same components and integrals. */
  readonly eventModel: (xs: Float64Array) => LinearModel;
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
  const width = high - low;
  const toU = (x: number): number => (x - low) / width;
  const signal = makeSignalDensity(shape, region);

  const phiAt = (xs: ArrayLike<number>, i0: number, i1: number, out: Float64Array, row0: number): void => {
    for (let i = i0, row = row0; i < i1; i++, row++) {
      const x = xs[i]!;
      out[row * p] = signal(x);
      bernstein(toU(x), order, out, row * p + 1);
      for (let k = 1; k < p; k++) out[row * p + k] = out[row * p + k]! / width;
    }
  };
  // Events inside the region.
  let n = 0;
  const ranges: [number, number][] = [];
  for (const [a, b] of region) {
    const i0 = lowerBound(sorted, a);
    const i1 = lowerBound(sorted, b);
    ranges.push([i0, i1]);
    n += i1 - i0;
  }
  const phi = new Float64Array(n * p);
  let row = 0;
  for (const [i0, i1] of ranges) {
    phiAt(sorted, i0, i1, phi, row);
    row += i1 - i0;
  }
  // ∫ over the region: signal 1 by construction; background ∫ b_k(u)/W dx = ∫ b_k du.
  const integrals = new Float64Array(p);
  integrals[0] = 1;
  for (let k = 0; k <= order; k++) {
    let s = 0;
    for (const [a, b] of region) s += bernsteinIntegral(k, order, toU(b)) - bernsteinIntegral(k, order, toU(a));
    integrals[k + 1] = s;
  }
  // The signal yield is free; the background coefficients are ≥ 0.
  const lowerBounds = [Number.NEGATIVE_INFINITY, ...Array<number>(order + 1).fill(0)];

  // Quadrature panels: fine (half a core width) within ±8σ of the peak, coarser outside.
  const sigma = Math.min(shape.core.sigma, shape.tail.sigma);
  const edges: number[] = [];
  for (const [a, b] of region) {
    const cuts = [a, b, shape.mean - 8 * sigma, shape.mean + 8 * sigma].filter((c) => c >= a && c <= b);
    cuts.sort((u, v) => u - v);
    for (let j = 0; j + 1 < cuts.length; j++) {
      const u = cuts[j]!;
      const v = cuts[j + 1]!;
      if (v <= u) continue;
      const mid = 0.5 * (u + v);
      const inCore = Math.abs(mid - shape.mean) < 8 * sigma;
      const panels = Math.max(1, Math.ceil((v - u) / ((inCore ? 1 : 4) * sigma)));
      for (let q = 0; q < panels; q++) edges.push(u + ((v - u) * q) / panels, u + ((v - u) * (q + 1)) / panels);
    }
  }
  const nPanels = edges.length / 2;
  const nNodes = nPanels * GL8_X.length;
  const nodePhi = new Float64Array(nNodes * p);
  const nodeW = new Float64Array(nNodes);
  let node = 0;
  for (let q = 0; q < nPanels; q++) {
    const u = edges[2 * q]!;
    const v = edges[2 * q + 1]!;
    const half = 0.5 * (v - u);
    for (let j = 0; j < GL8_X.length; j++, node++) {
      const x = u + half * (1 + GL8_X[j]!);
      nodeW[node] = half * GL8_W[j]!;
      nodePhi[node * p] = signal(x);
      bernstein(toU(x), order, nodePhi, node * p + 1);
      for (let k = 1; k < p; k++) nodePhi[node * p + k] = nodePhi[node * p + k]! / width;
    }
  }
  return {
    spec,
    shape,
    data: { p, n, phi, weights: null, integrals, lowerBounds },
    nodes: { phi: nodePhi, weights: nodeW, n: nNodes },
    p,
    eventModel: (xs: Float64Array): LinearModel => {
      const out = new Float64Array(xs.length * p);
      phiAt(xs, 0, xs.length, out, 0);
      return { p, n: xs.length, phi: out, weights: null, integrals, lowerBounds };
    },
  };
}

/**
 * The Asimov dataset (CCGV2011 eq. (24)) of a window for parameters θ: the quadrature nodes with
 * weights w_j = λ(x_j; θ) Δ_j, so that Σ_j w_j f(x_j) = ∫ λ f dx.
 */
export function asimovModel(window: WindowModel, theta: Float64Array): LinearModel {
  const { p } = window;
  const { phi, weights, n } = window.nodes;
  const w = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let lam = 0;
    for (let k = 0; k < p; k++) lam += theta[k]! * phi[j * p + k]!;
    w[j] = Math.max(lam, 0) * weights[j]!;
  }
  return { ...window.data, n, phi, weights: w };
}
