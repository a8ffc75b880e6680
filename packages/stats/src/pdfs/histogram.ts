/**
 * Histogram (binned template) pdf, piecewise constant or linearly interpolated (RooHistPdf).
 *
 * @packageDocumentation
 */
import { argumentError, PhysError, requireAllFinite } from "@muonphilic/units";
import { buildPdf, type Pdf } from "./pdf.js";

/** Options of {@link histogramPdf}. */
export interface HistogramPdfOptions {
  /** "none" (piecewise constant, default) or "linear" (between bin centres, flat in the outer half bins). */
  readonly interpolation?: "none" | "linear";
}

/**
 * A pdf from a histogram: bin contents (≥ 0) over increasing edges. Piecewise constant:
 * f = contentᵢ/(widthᵢ Σ content); linear: the density at bin centres is contentᵢ/widthᵢ, joined
 * linearly (constant in the outer half bins), normalised exactly (trapezoids).
 * @param edges - n + 1 increasing bin edges (unit of x); the window is [edges[0], edges[n]]
 * @param contents - n non-negative contents (events or weights)
 * @returns a {@link Pdf}
 * @throws {@link PhysError} for non-increasing or non-finite edges, negative or non-finite contents,
 *   mismatched lengths, or an all-zero histogram
 * @example
 * ```ts
 * histogramPdf([0, 1, 2], [1, 3]).density(1.5); // 0.75
 * ```
 */
export function histogramPdf(
  edges: ArrayLike<number>,
  contents: ArrayLike<number>,
  options: HistogramPdfOptions = {},
): Pdf {
  requireAllFinite("edges", edges);
  requireAllFinite("contents", contents);
  const n = contents.length;
  if (edges.length !== n + 1) {
    throw new PhysError(
      "INCOMPATIBLE_SHAPES",
      `edges must have contents.length + 1 = ${n + 1} entries, got ${edges.length}`,
      {
        argument: "edges",
        value: edges.length,
        allowed: `length ${n + 1}`,
      },
    );
  }
  if (n < 1) throw argumentError("INVALID_ARGUMENT", "contents", n, "at least one bin");
  for (let i = 0; i < n; i++) {
    if (!(edges[i + 1]! > edges[i]!))
      throw argumentError("INVALID_ARGUMENT", `edges[${i + 1}]`, edges[i + 1], `> ${edges[i]}`);
    if (contents[i]! < 0) throw argumentError("OUT_OF_DOMAIN", `contents[${i}]`, contents[i], ">= 0");
  }
  const e = Float64Array.from(edges);
  const dens = new Float64Array(n);
  for (let i = 0; i < n; i++) dens[i] = contents[i]! / (e[i + 1]! - e[i]!);
  const find = (x: number): number => {
    let lo = 0;
    let hi = n;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (e[mid]! <= x) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  const low = e[0]!;
  const high = e[n]!;
  const interp = options.interpolation ?? "none";
  if (interp !== "none" && interp !== "linear") {
    throw argumentError("UNKNOWN_NAME", "options.interpolation", interp, `"none" or "linear"`);
  }
  if (interp === "none") {
    const cum = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) cum[i + 1] = cum[i]! + contents[i]!;
    const prim = (x: number): number => {
      const i = find(x);
      return cum[i]! + dens[i]! * (Math.min(x, e[i + 1]!) - e[i]!);
    };
    return buildPdf({
      low,
      high,
      shape: (x) => (x >= low && x <= high ? dens[find(x)]! : 0),
      integral: (a, b) => prim(b) - prim(a),
      breaks: Array.from(e.subarray(1, n)),
    });
  }
  // linear between centres; nodes: low, centres..., high
  const nodes = new Float64Array(n + 2);
  const vals = new Float64Array(n + 2);
  nodes[0] = low;
  vals[0] = dens[0]!;
  for (let i = 0; i < n; i++) {
    nodes[i + 1] = 0.5 * (e[i]! + e[i + 1]!);
    vals[i + 1] = dens[i]!;
  }
  nodes[n + 1] = high;
  vals[n + 1] = dens[n - 1]!;
  const cum = new Float64Array(n + 2);
  for (let i = 1; i < n + 2; i++) cum[i] = cum[i - 1]! + 0.5 * (nodes[i]! - nodes[i - 1]!) * (vals[i]! + vals[i - 1]!);
  const seg = (x: number): number => {
    let lo = 0;
    let hi = n + 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (nodes[mid]! <= x) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  const value = (x: number): number => {
    if (!(x >= low && x <= high)) return 0;
    const i = seg(x);
    const t = (x - nodes[i]!) / (nodes[i + 1]! - nodes[i]!);
    return (1 - t) * vals[i]! + t * vals[i + 1]!;
  };
  const prim = (x: number): number => {
    const i = seg(x);
    const d = Math.min(x, nodes[i + 1]!) - nodes[i]!;
    const slope = (vals[i + 1]! - vals[i]!) / (nodes[i + 1]! - nodes[i]!);
    return cum[i]! + vals[i]! * d + 0.5 * slope * d * d;
  };
  return buildPdf({
    low,
    high,
    shape: value,
    integral: (a, b) => prim(b) - prim(a),
    breaks: Array.from(nodes.subarray(1, n + 1)),
  });
}
