/**
 * The finite-width signal shape of the recoil-mass scan (Belle2-inv): the Z' line shape in the
 * recoil mass squared s = M²_recoil, a relativistic Breit-Wigner convolved with the Gaussian
 * resolution, integrated over bins of s. Belle2-inv models a finite Z' width with "Breit-Wigner
 * distributions with the widths convolved with Gaussian resolution functions".
 *
 * @packageDocumentation
 */
import { convolveReal, normalProbability } from "@muonphilic/numeric";
import { PhysError, requireFinite, requireNonNegative, requirePositive } from "@muonphilic/units";

/** Options of {@link breitWignerGaussianBins}. */
export interface BreitWignerGaussianOptions {
  /** Z' mass m, GeV (> 0): the peak sits at s = m². */
  readonly massGeV: number;
  /** Total Z' width Γ, GeV (≥ 0; 0 gives the Gaussian resolution alone). */
  readonly widthGeV: number;
  /** Gaussian resolution σ of the recoil mass squared, GeV² (> 0). */
  readonly sigmaM2: number;
  /** Bin edges in s = M²_recoil, GeV², at least two, strictly increasing. */
  readonly edges: readonly number[];
}

/** Result of {@link breitWignerGaussianBins}. */
export interface BreitWignerGaussianBins {
  /**
   * Probability of each bin [edges[i], edges[i + 1]] for the distribution normalised to 1 over all
   * s ∈ (−∞, ∞) (so the bins hold less than 1 in total: the Breit-Wigner tails reach far).
   */
  readonly probabilities: Float64Array;
  /** The sum of `probabilities`: the fraction of the signal inside the edges. */
  readonly inside: number;
}

/**
 * The grid of the FFT convolution in {@link breitWignerGaussianBins}: fixed numerical choices, not
 * options.
 */
export const BREIT_WIGNER_GAUSSIAN_GRID = {
  /** Grid cells per min(σ, mΓ): the step is h ≤ min(σ, mΓ)/8. */
  cellsPerWidth: 8,
  /**
   * The Gaussian kernel is cut at ±9σ (it misses 2Φ(−9) = 2.3e-19 of its mass, and is normalised
   * on the cut); the grid extends as far beyond the edges, so that the Breit-Wigner beyond the grid
   * reaches the bins only through that cut tail: nothing is added for it.
   */
  kernelSigmas: 9,
  /** Largest convolution (grid plus kernel) in points: one FFT of at most 2^20. */
  maxPoints: 2 ** 20,
  /**
   * A grid with the edges on its nodes may use a step down to h_max/64 (h_max = min(σ, mΓ)/8; only
   * edge ranges narrower than h_max need a finer step than h_max); below that the step is h_max and
   * the edges other than the first are interpolated.
   */
  finestAlignedFraction: 1 / 64,
} as const;

/** Extra output cells kept beyond the edges, for the interpolation stencils (nodes n − 2 … n + 3). */
const STENCIL_CELLS = 4;

/**
 * (atan b − atan a)/π without cancellation: by atan((b − a)/(1 + ab)) when a and b have the same
 * sign (both in one tail, where the two arctangents are close to ±π/2).
 */
function cauchyMass(a: number, b: number): number {
  if (a * b > 0) return Math.atan((b - a) / (1 + a * b)) / Math.PI;
  return (Math.atan(b) - Math.atan(a)) / Math.PI;
}

function requireEdges(edges: unknown): readonly number[] {
  if (!Array.isArray(edges) || edges.length < 2) {
    throw new PhysError(
      "INVALID_ARGUMENT",
      `edges must be an array of at least 2 bin edges (GeV²), got ${Array.isArray(edges) ? `${edges.length} entries` : typeof edges}`,
      { argument: "edges", value: edges, allowed: "at least 2 finite, strictly increasing numbers (GeV²)" },
    );
  }
  for (let i = 0; i < edges.length; i++) {
    const e = requireFinite(`edges[${i}]`, edges[i]);
    if (i > 0 && !(e > edges[i - 1])) {
      throw new PhysError(
        "INVALID_ARGUMENT",
        `edges must be strictly increasing, got ${edges[i - 1]} then ${e} at index ${i}`,
        { argument: `edges[${i}]`, value: e, allowed: `> ${edges[i - 1]} GeV² (strictly increasing)` },
      );
    }
  }
  return edges as readonly number[];
}

/** The grid: `cells` cells of width `h` across [e₀, e_N] (e₀ on a node), `kernel` = J, J = ⌈9σ/h⌉. */
interface Grid {
  readonly h: number;
  readonly cells: number;
  readonly kernel: number;
}

/** Length of the linear convolution of the grid (cells + 2(J + 4)) with the kernel (2J + 1). */
const convolutionLength = (g: Grid): number => g.cells + 2 * (g.kernel + STENCIL_CELLS) + 2 * g.kernel;

/**
 * The grid: the finest of (a) every edge of uniform bins on a node (cells a multiple of the bins),
 * (b) e₀ and e_N on nodes, (c) the step h_max with e₀ on a node, that keeps the step in
 * [h_max/64, h_max] and the convolution within 2^20 points; `undefined` if none does.
 */
function chooseGrid(span: number, bins: number, hMax: number, sigma: number): Grid | undefined {
  const { kernelSigmas, maxPoints, finestAlignedFraction } = BREIT_WIGNER_GAUSSIAN_GRID;
  const make = (h: number, cells: number): Grid => ({ h, cells, kernel: Math.ceil((kernelSigmas * sigma) / h) });
  const minCells = Math.ceil(span / hMax);
  const candidates: Grid[] = [];
  if (bins <= minCells) {
    const cells = bins * Math.ceil(minCells / bins);
    candidates.push(make(span / cells, cells));
  }
  candidates.push(make(span / minCells, minCells));
  candidates.push(make(hMax, minCells));
  return candidates.find((g) => g.h >= hMax * finestAlignedFraction && convolutionLength(g) <= maxPoints);
}

/**
 * Probabilities of bins in the recoil mass squared s = M²_recoil for a Z' of mass m and total
 * width Γ seen with a Gaussian resolution σ in s (Belle2-inv: "Breit-Wigner distributions with the
 * widths convolved with Gaussian resolution functions"):
 *
 *   f(s) = ∫ BW(t) G(s − t) dt,   BW(t) = (mΓ/π) / ((t − m²)² + m²Γ²),   G(u) = e^{−u²/2σ²}/(σ√(2π)),
 *
 * the relativistic Breit-Wigner in s (a Cauchy distribution centred on m² with half width mΓ,
 * normalised over all s ∈ (−∞, ∞); the physical s > 0 bound and an s-dependent width are not
 * modelled) convolved with the resolution: a Voigt profile in s.
 *
 * Γ = 0 gives the Gaussian alone, p_i = Φ((e_{i+1} − m²)/σ) − Φ((e_i − m²)/σ), by the erf/erfc
 * differences of `normalProbability` (no cancellation in the tails).
 *
 * Γ > 0, by an FFT convolution (`convolveReal` of `@muonphilic/numeric`) on a uniform grid:
 * - step h ≤ min(σ, mΓ)/8 (finer when that puts the edges on grid nodes), the grid covering the
 *   edges and 9σ (+ 4 cells) beyond them;
 * - the Breit-Wigner enters as the exact probability of each grid cell, P_k = (atan((x_{k+1} − m²)/mΓ)
 *   − atan((x_k − m²)/mΓ))/π (also when m² lies outside the edges), never renormalised on the grid:
 *   the Breit-Wigner beyond the grid is left out because it reaches the bins only through the
 *   Gaussian tail beyond 9σ (2Φ(−9) = 2.3e-19), so `inside` is the true fraction in the edges;
 * - the Gaussian enters as the probability of each cell around 0, cut at ±9σ and normalised there,
 *   of a Gaussian of variance σ² − h²/12: Sheppard's correction (W. F. Sheppard, Proc. London Math.
 *   Soc. 29 (1898) 353) for putting each cell's Breit-Wigner probability at the cell centre, which
 *   adds h²/12 to the variance. The error of the cell convolution is then O(h⁴) instead of O(h²)
 *   (≤ 3e-9 relative for bins of width σ at h = σ/8 against direct integration in the tests);
 * - bins: the sum of their cells; an edge between nodes is placed by 6-point Lagrange
 *   interpolation of the cumulative probability (≤ 6e-8 relative in the tests).
 * Cost: one real convolution of about (e_N − e₀ + 36σ)/h points (0.1-0.2 ms for 30 bins of width σ
 * when mΓ ≥ σ).
 *
 * @param options - mass (GeV), width (GeV), resolution (GeV²) and bin edges (GeV²)
 * @returns the probability of each bin (≥ 0) and their sum `inside`
 * @throws {@link PhysError} `INVALID_ARGUMENT` for a non-finite number or edges that are not at
 *   least two strictly increasing numbers (argument `edges[i]` or `edges`); `OUT_OF_DOMAIN` for
 *   massGeV ≤ 0, widthGeV < 0, sigmaM2 ≤ 0, and when the grid would need more than 2^20 points
 *   (argument `widthGeV` when mΓ < σ sets the step: use widthGeV = 0, the Gaussian, for such narrow
 *   widths; `edges` when the edges span too many σ)
 * @example
 * ```ts
 * const { probabilities, inside } = breitWignerGaussianBins({
 *   massGeV: 5, widthGeV: 0.13, sigmaM2: 0.15,
 *   edges: Array.from({ length: 31 }, (_, i) => 22.75 + 0.15 * i),
 * });
 * // inside ≈ 0.8203: the Breit-Wigner's half width mΓ = 0.65 GeV² puts 18 % beyond m² ± 2.25 GeV²;
 * // probabilities[14] = probabilities[15] ≈ 0.0691, the bins on either side of m² = 25 GeV²
 * ```
 */
export function breitWignerGaussianBins(options: BreitWignerGaussianOptions): BreitWignerGaussianBins {
  if (typeof options !== "object" || options === null) {
    throw new PhysError("INVALID_ARGUMENT", `options must be an object, got ${String(options)}`, {
      argument: "options",
      value: options,
      allowed: "{ massGeV, widthGeV, sigmaM2, edges }",
    });
  }
  const m = requirePositive("massGeV", options.massGeV, "GeV");
  const width = requireNonNegative("widthGeV", options.widthGeV, "GeV");
  const sigma = requirePositive("sigmaM2", options.sigmaM2, "GeV²");
  const edges = requireEdges(options.edges);
  const bins = edges.length - 1;
  const s0 = m * m;
  const probabilities = new Float64Array(bins);

  if (width === 0) {
    let inside = 0;
    for (let i = 0; i < bins; i++) {
      const p = normalProbability((edges[i]! - s0) / sigma, (edges[i + 1]! - s0) / sigma);
      probabilities[i] = p;
      inside += p;
    }
    return { probabilities, inside };
  }

  const gamma = m * width; // half width of the Cauchy in s, GeV²
  const { cellsPerWidth, maxPoints, kernelSigmas } = BREIT_WIGNER_GAUSSIAN_GRID;
  const hMax = Math.min(sigma, gamma) / cellsPerWidth;
  const e0 = edges[0]!;
  const span = edges[bins]! - e0;
  const grid = chooseGrid(span, bins, hMax, sigma);
  if (grid === undefined) {
    // (span + 4·9σ)/h points at the step h = h_max: the smallest mΓ or the widest span that fits
    const budget = maxPoints - 2 * STENCIL_CELLS - 4;
    const points = Math.ceil((span + 4 * kernelSigmas * sigma) / hMax);
    if (gamma < sigma) {
      const minWidth = (cellsPerWidth * (span + 4 * kernelSigmas * sigma)) / budget / m;
      throw new PhysError(
        "OUT_OF_DOMAIN",
        `widthGeV must be 0 or at least about ${minWidth.toPrecision(3)} GeV for these edges and sigmaM2 (a grid step of m·Γ/${cellsPerWidth} needs ${points} points, more than ${maxPoints}), got ${width}`,
        { argument: "widthGeV", value: width, allowed: `0 or >= ${minWidth.toPrecision(3)} GeV` },
      );
    }
    const maxSpan = (budget * sigma) / cellsPerWidth - 4 * kernelSigmas * sigma;
    throw new PhysError(
      "OUT_OF_DOMAIN",
      `edges must span at most about ${maxSpan.toPrecision(3)} GeV² for sigmaM2 = ${sigma} GeV² (a grid step of σ/${cellsPerWidth} needs ${points} points, more than ${maxPoints}), got ${span}`,
      { argument: "edges", value: span, allowed: `a span of at most ${maxSpan.toPrecision(3)} GeV²` },
    );
  }
  const { h, cells, kernel: J } = grid;

  // Breit-Wigner: exact cell probabilities on the grid [e₀ − (J + 4)h, e_N + (J + 4)h]
  const margin = J + STENCIL_CELLS;
  const n = cells + 2 * margin;
  const start = e0 - margin * h;
  const bw = new Float64Array(n);
  let uPrev = (start - s0) / gamma;
  for (let k = 0; k < n; k++) {
    const u = (start + (k + 1) * h - s0) / gamma;
    bw[k] = cauchyMass(uPrev, u);
    uPrev = u;
  }

  // Gaussian: cell probabilities at offsets −J … J, variance σ² − h²/12 (Sheppard), normalised
  const sigmaK = Math.sqrt(sigma * sigma - (h * h) / 12);
  const g = new Float64Array(2 * J + 1);
  let norm = 0;
  for (let j = -J; j <= J; j++) {
    const p = normalProbability(((j - 0.5) * h) / sigmaK, ((j + 0.5) * h) / sigmaK);
    g[j + J] = p;
    norm += p;
  }
  for (let j = 0; j < g.length; j++) g[j]! /= norm;

  // output cell r (0 … cells + 2·4 − 1) = [e₀ + (r − 4)h, e₀ + (r − 3)h] is grid cell r + J, whose
  // convolution sum Σ_k bw[k] g[(r + J − k) + J] is conv[r + 2J]
  const conv = convolveReal(bw, g);
  const q = conv.subarray(2 * J, 2 * J + cells + 2 * STENCIL_CELLS);
  const lo = e0 - STENCIL_CELLS * h;

  // each edge as (node n_e, F(e) − F(node n_e)) by 6-point Lagrange interpolation of the cumulative
  // F on nodes n_e − 2 … n_e + 3 (differences F(n + j) − F(n) summed from the cells directly)
  const nodes = new Int32Array(edges.length);
  const offsets = new Float64Array(edges.length);
  const last = cells + 2 * STENCIL_CELLS - 3;
  for (let i = 0; i < edges.length; i++) {
    const t = (edges[i]! - lo) / h;
    const node = Math.min(Math.max(Math.floor(t), 2), last);
    const f = t - node;
    nodes[i] = node;
    if (f === 0) continue;
    let sum = 0;
    for (let j = -2; j <= 3; j++) {
      if (j === 0) continue;
      let l = 1;
      for (let k = -2; k <= 3; k++) if (k !== j) l *= (f - k) / (j - k);
      let d = 0;
      if (j > 0) for (let r = node; r < node + j; r++) d += q[r]!;
      else for (let r = node + j; r < node; r++) d -= q[r]!;
      sum += l * d;
    }
    offsets[i] = sum;
  }

  let inside = 0;
  for (let i = 0; i < bins; i++) {
    let p = offsets[i + 1]! - offsets[i]!;
    for (let r = nodes[i]!; r < nodes[i + 1]!; r++) p += q[r]!;
    // rounding of the FFT (≈ 1e-16 of the largest cell) must not give a negative probability
    p = Math.max(p, 0);
    probabilities[i] = p;
    inside += p;
  }
  return { probabilities, inside };
}
