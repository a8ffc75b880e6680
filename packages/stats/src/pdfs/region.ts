/**
 * Fit regions: a window minus vetoed intervals (the J/ψ veto of a resonance scan), pdfs
 * normalised on such a region (RooFit's normalisation range), and composite Gauss-Legendre
 * quadrature over it (the node grid of an Asimov dataset).
 *
 * @packageDocumentation
 */
import { gaussLegendre } from "@muonphilic/numeric";
import { argumentError, PhysError, requireFinite, requireInteger } from "@muonphilic/units";
import { buildPdf, type Pdf, requireAbove, requireWindow } from "./pdf.js";

/** A region of the observable: disjoint intervals [low, high], increasing and non-empty (unit of x). */
export type Region = readonly (readonly [number, number])[];

/**
 * Validates a {@link Region}: a non-empty array of finite intervals [a, b] with a < b, increasing
 * and disjoint (touching ends allowed).
 * @param argument - the argument name for the error message
 * @param region - the value to check
 * @returns the region
 * @throws {@link PhysError} `INVALID_ARGUMENT` for a malformed region, `OUT_OF_DOMAIN` for empty,
 *   inverted or overlapping intervals
 */
export function requireRegion(argument: string, region: unknown): Region {
  if (!Array.isArray(region) || region.length === 0) {
    throw argumentError("INVALID_ARGUMENT", argument, region, "a non-empty array of [low, high] intervals");
  }
  let previous = Number.NEGATIVE_INFINITY;
  region.forEach((piece: unknown, i) => {
    if (!Array.isArray(piece) || piece.length !== 2) {
      throw argumentError("INVALID_ARGUMENT", `${argument}[${i}]`, piece, "an interval [low, high]");
    }
    const a = requireFinite(`${argument}[${i}][0]`, piece[0]);
    const b = requireFinite(`${argument}[${i}][1]`, piece[1]);
    if (!(a < b)) throw argumentError("OUT_OF_DOMAIN", `${argument}[${i}][1]`, b, `> ${a}`);
    if (a < previous) {
      throw argumentError(
        "OUT_OF_DOMAIN",
        `${argument}[${i}][0]`,
        a,
        `>= ${previous} (increasing, disjoint intervals)`,
      );
    }
    previous = b;
  });
  return region as Region;
}

/**
 * The fit region of a window: [low, high] minus the vetoed intervals, as disjoint increasing
 * intervals (a veto that covers the whole window leaves an empty region, which is an error).
 * @param low - lower edge of the window (unit of x)
 * @param high - upper edge, > low
 * @param vetoes - excluded intervals [a, b] (any order, may overlap or reach outside the window)
 * @returns the region
 * @throws {@link PhysError} `INVALID_ARGUMENT` for non-finite edges or malformed vetoes,
 *   `OUT_OF_DOMAIN` for low ≥ high or a region emptied by the vetoes
 * @example
 * ```ts
 * fitRegion(2.9, 3.3, [[3.05, 3.15]]); // [[2.9, 3.05], [3.15, 3.3]]
 * ```
 */
export function fitRegion(low: number, high: number, vetoes: readonly (readonly [number, number])[] = []): Region {
  requireWindow(low, high);
  let pieces: [number, number][] = [[low, high]];
  vetoes.forEach((veto, i) => {
    if (!Array.isArray(veto) || veto.length !== 2) {
      throw argumentError("INVALID_ARGUMENT", `vetoes[${i}]`, veto, "an interval [low, high]");
    }
    const va = requireFinite(`vetoes[${i}][0]`, veto[0]);
    const vb = requireFinite(`vetoes[${i}][1]`, veto[1]);
    const next: [number, number][] = [];
    for (const [a, b] of pieces) {
      if (vb <= a || va >= b) next.push([a, b]);
      else {
        if (va > a) next.push([a, va]);
        if (vb < b) next.push([vb, b]);
      }
    }
    pieces = next;
  });
  if (pieces.length === 0) {
    throw new PhysError("OUT_OF_DOMAIN", `the vetoes cover the whole window [${low}, ${high}]`, {
      argument: "vetoes",
      value: vetoes,
      allowed: `intervals leaving part of [${low}, ${high}]`,
    });
  }
  return pieces;
}

/** Index of the region piece containing x, or −1 (x in a gap or outside). Pieces are few: a linear scan. */
function pieceOf(region: Region, x: number): number {
  for (let j = 0; j < region.length; j++) {
    const piece = region[j]!;
    if (x >= piece[0] && x <= piece[1]) return j;
  }
  return -1;
}

/**
 * True when x lies in the region (ends included).
 * @param region - the region
 * @param x - the point
 * @returns whether x is in one of the intervals
 * @example
 * ```ts
 * inRegion([[0, 1], [2, 3]], 1.5); // false
 * ```
 */
export function inRegion(region: Region, x: number): boolean {
  return pieceOf(region, x) >= 0;
}

/**
 * A pdf restricted to a region and normalised there (RooFit's normalisation range): density
 * f(x)/P(region) inside the region, 0 in its gaps and outside. The window of the result is
 * [first low, last high] of the region. Vectorised through the pdf's own `densityArray`;
 * probabilities are sums of the pdf's over the pieces (analytic where the pdf's are).
 * @param pdf - the pdf (its window must contain the region)
 * @param region - the normalisation region
 * @returns the restricted {@link Pdf}
 * @throws {@link PhysError} for a malformed region or one outside the pdf's window
 *   (`OUT_OF_DOMAIN`), or a region of zero probability
 * @example
 * ```ts
 * const g = restrictPdf(gaussian({ mean: 0, sigma: 1, low: -5, high: 5 }), [[-5, -1], [1, 5]]);
 * g.density(2); // φ(2) / (2 Φ(−1)) ≈ 0.1704
 * ```
 */
export function restrictPdf(pdf: Pdf, region: Region): Pdf {
  requireRegion("region", region);
  const low = region[0]![0];
  const high = region[region.length - 1]![1];
  if (low < pdf.low || high > pdf.high) {
    throw argumentError("OUT_OF_DOMAIN", "region", region, `inside the pdf's window [${pdf.low}, ${pdf.high}]`);
  }
  const single = region.length === 1;
  return buildPdf({
    low,
    high,
    shape: (x) => (single || pieceOf(region, x) >= 0 ? pdf.density(x) : 0),
    shapeArray: (x, out) => {
      pdf.densityArray(x, out);
      if (!single) for (let i = 0; i < x.length; i++) if (pieceOf(region, x[i]!) < 0) out[i] = 0;
    },
    integral: (a, b) => {
      let s = 0;
      for (const [u, v] of region) {
        const lo = Math.max(a, u);
        const hi = Math.min(b, v);
        if (hi > lo) s += pdf.probability(lo, hi);
      }
      return s;
    },
    breaks: region.flat(),
  });
}

/** A zone of {@link regionQuadrature} with its own panel width. */
export interface QuadratureZone {
  /** Lower edge of the zone (unit of x). */
  readonly low: number;
  /** Upper edge. */
  readonly high: number;
  /** Panel width inside the zone (unit of x), > 0. */
  readonly panelWidth: number;
}

/** Options of {@link regionQuadrature}. */
export interface RegionQuadratureOptions {
  /** Panel width outside the zones (unit of x), > 0. */
  readonly panelWidth: number;
  /** Zones with finer panels (around a peak); where zones overlap the finest width applies. */
  readonly zones?: readonly QuadratureZone[];
  /** Gauss-Legendre points per panel. @defaultValue {@link REGION_QUADRATURE_DEFAULTS}.points */
  readonly points?: number;
}

/** Defaults of {@link regionQuadrature}. */
export const REGION_QUADRATURE_DEFAULTS = {
  /** 8 points per panel: exact for polynomials of degree 15 on each panel. */
  points: 8,
} as const;

/** Nodes and weights of a quadrature rule on a region. */
export interface RegionNodes {
  /** Nodes, increasing (unit of x). */
  readonly x: Float64Array;
  /** Weights (unit of x): Σ w f(x) ≈ ∫_region f. */
  readonly w: Float64Array;
}

/**
 * Composite Gauss-Legendre quadrature over a region: each piece is cut at the zone edges, each
 * part into equal panels no wider than its panel width (the finest zone containing the part's
 * midpoint, else `panelWidth`), each panel gets the n-point Gauss-Legendre rule. Used for Asimov
 * datasets (CCGV2011 eq. (24)): nodes weighted by λ(x) w give ∫ λ f dx for any smooth f.
 * @param region - the region
 * @param options - panel widths, zones and points per panel ({@link RegionQuadratureOptions})
 * @returns nodes and weights
 * @throws {@link PhysError} for a malformed region, non-positive panel widths or a bad point count
 * @example
 * ```ts
 * const { x, w } = regionQuadrature([[0, 1]], { panelWidth: 0.5 }); // 16 nodes, Σ w = 1
 * ```
 */
export function regionQuadrature(region: Region, options: RegionQuadratureOptions): RegionNodes {
  requireRegion("region", region);
  const width = requireAbove("options.panelWidth", options.panelWidth, 0);
  const zones = options.zones ?? [];
  zones.forEach((z, i) => {
    requireFinite(`options.zones[${i}].low`, z.low);
    requireFinite(`options.zones[${i}].high`, z.high);
    requireAbove(`options.zones[${i}].panelWidth`, z.panelWidth, 0);
  });
  const points = requireInteger("options.points", options.points ?? REGION_QUADRATURE_DEFAULTS.points, 1);
  const rule = gaussLegendre(points);
  const edges: number[] = [];
  for (const [a, b] of region) {
    const cuts = [a, b];
    for (const z of zones) for (const c of [z.low, z.high]) if (c > a && c < b) cuts.push(c);
    cuts.sort((u, v) => u - v);
    for (let j = 0; j + 1 < cuts.length; j++) {
      const u = cuts[j]!;
      const v = cuts[j + 1]!;
      if (!(v > u)) continue;
      const mid = 0.5 * (u + v);
      let h = width;
      for (const z of zones) if (mid > z.low && mid < z.high && z.panelWidth < h) h = z.panelWidth;
      const panels = Math.max(1, Math.ceil((v - u) / h));
      for (let q = 0; q < panels; q++) edges.push(u + ((v - u) * q) / panels, u + ((v - u) * (q + 1)) / panels);
    }
  }
  const nPanels = edges.length / 2;
  const x = new Float64Array(nPanels * points);
  const w = new Float64Array(nPanels * points);
  for (let q = 0, node = 0; q < nPanels; q++) {
    const u = edges[2 * q]!;
    const v = edges[2 * q + 1]!;
    const half = 0.5 * (v - u);
    for (let j = 0; j < points; j++, node++) {
      x[node] = u + half * (1 + rule.x[j]!);
      w[node] = half * rule.w[j]!;
    }
  }
  return { x, w };
}
