/**
 * Shape families for likelihoods: a pdf with named parameters that may float, bound to a dataset
 * (densities at the events) or to bin edges (bin probabilities). Families whose densities are
 * linear in their parameters up to the normalisation (fixed shapes, Chebyshev, Bernstein) supply
 * analytic gradients, so an extended fit of yields and polynomial coefficients needs no
 * numerical derivative.
 *
 * @packageDocumentation
 */
import { argumentError } from "@muonphilic/units";
import { sumPdf as sumPdfImpl } from "../pdfs/combine.js";
import { type Pdf, requireWindow } from "../pdfs/pdf.js";
import { bernstein, chebyshev } from "../pdfs/polynomial.js";

/**
 * A shape bound to a set of points x (events) or bins: evaluates normalised densities
 * (or bin probabilities) for parameter values p[offset … offset + nParams).
 */
export interface BoundShape {
  readonly nParams: number;
  /** Writes densities (or bin probabilities) into out; returns false where the shape is invalid (normalisation ≤ 0). */
  evaluate(p: Float64Array, offset: number, out: Float64Array): boolean;
  /**
   * Adds Σᵢ wᵢ ∂fᵢ/∂p_j into grad[gOffset + j] for the parameters of this shape, at the p of the
   * last `evaluate` call (fᵢ = out of that call). Absent when the family has no analytic gradient.
   */
  accumulateGradient?:
    | ((p: Float64Array, offset: number, w: Float64Array, grad: Float64Array, gOffset: number) => void)
    | undefined;
  /**
   * Present when f = Σₘ cₘ bₘ / Σₘ cₘ Jₘ with fixed basis columns bₘ (at the points) and window
   * integrals Jₘ, and each coefficient cₘ either 1 or one of the shape's parameters: lets a
   * likelihood fuse all components into one pass over the data.
   */
  readonly linear?: LinearForm | undefined;
}

/** The linear structure of a {@link BoundShape} (see `BoundShape.linear`). */
export interface LinearForm {
  /** Basis columns bₘ at the bound points (or bins). */
  readonly columns: readonly Float64Array[];
  /** ∫ bₘ over the window (so the normalisation is Σ cₘ Jₘ). */
  readonly integrals: Float64Array;
  /** For each coefficient: index of the shape parameter it equals, or −1 for the constant 1. */
  readonly parameterOf: Int32Array;
}

/** A pdf family with named parameters (external names used by the likelihood). */
export interface ShapeFamily {
  /** Names of the family's parameters (may be empty: a fixed shape). */
  readonly params: readonly string[];
  /** Window of the family. */
  readonly low: number;
  readonly high: number;
  /** True when bound shapes supply `accumulateGradient`. */
  readonly hasGradient: boolean;
  /** Binds to event positions (all inside the window). */
  bind(x: Float64Array): BoundShape;
  /** Binds to bins given by increasing edges inside the window: evaluates bin probabilities. */
  bindBins(edges: Float64Array): BoundShape;
  /** The pdf at parameter values p (in the order of `params`), for sampling and plotting. */
  pdf(p: ArrayLike<number>): Pdf;
}

/**
 * A fixed shape (no free parameter): densities precomputed once at binding, e.g. the signal
 * shape of a resonance scan calibrated beforehand.
 * @param pdf - the shape (its window is the family's)
 * @returns a {@link ShapeFamily} without parameters
 * @example
 * ```ts
 * const sig = fixedShape(doubleCrystalBall({ ... }));
 * ```
 */
export function fixedShape(pdf: Pdf): ShapeFamily {
  return {
    params: [],
    low: pdf.low,
    high: pdf.high,
    hasGradient: true,
    bind(x) {
      const col = pdf.densityArray(x);
      return {
        nParams: 0,
        evaluate: (_p, _o, out) => {
          out.set(col);
          return true;
        },
        accumulateGradient: () => {},
        linear: { columns: [col], integrals: Float64Array.of(1), parameterOf: Int32Array.of(-1) },
      };
    },
    bindBins(edges) {
      const col = new Float64Array(edges.length - 1);
      for (let i = 0; i < col.length; i++) col[i] = pdf.probability(edges[i]!, edges[i + 1]!);
      return {
        nParams: 0,
        evaluate: (_p, _o, out) => {
          out.set(col);
          return true;
        },
        accumulateGradient: () => {},
      };
    },
    pdf: () => pdf,
  };
}

/**
 * A shape linear in its coefficients up to the normalisation: f = (b₀ + Σⱼ cⱼ bⱼ)/I(c) with
 * I = I₀ + Σ cⱼ Iⱼ, from precomputed basis columns. Gradient: ∂f/∂cⱼ = (bⱼ − f Iⱼ)/I.
 */
function linearFamily(
  names: readonly string[],
  low: number,
  high: number,
  basis: (x: number, out: Float64Array) => void,
  basisIntegral: (a: number, b: number, out: Float64Array) => void,
  constant: boolean,
  makePdf: (p: ArrayLike<number>) => Pdf,
): ShapeFamily {
  const K = names.length;
  // columns j = 0..K (0 is the constant term when `constant`, else coefficient j−1 ↔ column j−1)
  const nb = constant ? K + 1 : K;
  const full = new Float64Array(nb);
  const integ = new Float64Array(nb);
  basisIntegral(low, high, integ);
  const fullIntegral = Float64Array.from(integ);
  const parameterOf = Int32Array.from({ length: nb }, (_, j) => (constant ? j - 1 : j));
  const bindColumns = (cols: Float64Array[], m: number): BoundShape => {
    let invI = 0;
    const coef = (p: Float64Array, offset: number, j: number): number =>
      constant ? (j === 0 ? 1 : p[offset + j - 1]!) : p[offset + j]!;
    let lastOut: Float64Array | undefined;
    return {
      nParams: K,
      evaluate(p, offset, out) {
        let I = 0;
        for (let j = 0; j < nb; j++) I += coef(p, offset, j) * fullIntegral[j]!;
        if (!(I > 0)) return false;
        invI = 1 / I;
        const c0 = coef(p, offset, 0);
        const col0 = cols[0]!;
        for (let i = 0; i < m; i++) out[i] = c0 * col0[i]!;
        for (let j = 1; j < nb; j++) {
          const cj = coef(p, offset, j);
          const colj = cols[j]!;
          for (let i = 0; i < m; i++) out[i] = out[i]! + cj * colj[i]!;
        }
        for (let i = 0; i < m; i++) out[i] = out[i]! * invI;
        lastOut = out;
        return true;
      },
      accumulateGradient(_p, _offset, w, grad, gOffset) {
        const f = lastOut as Float64Array;
        let wf = 0;
        for (let i = 0; i < m; i++) wf += w[i]! * f[i]!;
        for (let k = 0; k < K; k++) {
          const j = constant ? k + 1 : k;
          const colj = cols[j]!;
          let s = 0;
          for (let i = 0; i < m; i++) s += w[i]! * colj[i]!;
          grad[gOffset + k] = grad[gOffset + k]! + (s - wf * fullIntegral[j]!) * invI;
        }
      },
      linear: { columns: cols, integrals: fullIntegral, parameterOf },
    };
  };
  return {
    params: names,
    low,
    high,
    hasGradient: true,
    bind(x) {
      const m = x.length;
      const cols = Array.from({ length: nb }, () => new Float64Array(m));
      for (let i = 0; i < m; i++) {
        basis(x[i]!, full);
        for (let j = 0; j < nb; j++) cols[j]![i] = full[j]!;
      }
      return bindColumns(cols, m);
    },
    bindBins(edges) {
      const m = edges.length - 1;
      const cols = Array.from({ length: nb }, () => new Float64Array(m));
      for (let i = 0; i < m; i++) {
        basisIntegral(edges[i]!, edges[i + 1]!, full);
        for (let j = 0; j < nb; j++) cols[j]![i] = full[j]!;
      }
      return bindColumns(cols, m);
    },
    pdf: makePdf,
  };
}

/** Options of {@link chebyshevShape}. */
export interface PolynomialShapeOptions {
  /** Names of the coefficients (c₁, c₂, … for Chebyshev; c₀ … cₙ for Bernstein). */
  readonly params: readonly string[];
  /** Window lower edge. */
  readonly low: number;
  /** Window upper edge. */
  readonly high: number;
}

/**
 * Chebyshev background family 1 + Σₖ cₖ Tₖ(u) on the window (RooChebychev; see {@link chebyshev}),
 * with analytic gradients in the coefficients.
 * @param options - coefficient names (c₁ …) and window
 * @returns a {@link ShapeFamily} with analytic gradients
 * @throws {@link PhysError} for an inverted window
 * @example
 * ```ts
 * const bkg = chebyshevShape({ params: ["c1", "c2"], low: 2.7, high: 3.3 });
 * ```
 */
export function chebyshevShape(options: PolynomialShapeOptions): ShapeFamily {
  const { low, high } = options;
  requireWindow(low, high);
  const names = [...options.params];
  const K = names.length;
  const half = 0.5 * (high - low);
  const mid = 0.5 * (high + low);
  const t = new Float64Array(K + 2);
  const basis = (x: number, out: Float64Array): void => {
    const u = (x - mid) / half;
    out[0] = 1;
    if (K >= 1) out[1] = u;
    for (let k = 2; k <= K; k++) out[k] = 2 * u * out[k - 1]! - out[k - 2]!;
  };
  // ∫ Tₖ over [a, b] in x: half · [prim_k(u_b) − prim_k(u_a)]
  const prim = (u: number, k: number): number => {
    if (k === 0) return u;
    if (k === 1) return 0.5 * u * u;
    return t[k + 1]! / (2 * (k + 1)) - t[k - 1]! / (2 * (k - 1));
  };
  const fill = (u: number): void => {
    t[0] = 1;
    t[1] = u;
    for (let k = 2; k <= K + 1; k++) t[k] = 2 * u * t[k - 1]! - t[k - 2]!;
  };
  const basisIntegral = (a: number, b: number, out: Float64Array): void => {
    const ua = (a - mid) / half;
    const ub = (b - mid) / half;
    fill(ub);
    for (let k = 0; k <= K; k++) out[k] = prim(ub, k);
    fill(ua);
    for (let k = 0; k <= K; k++) out[k] = half * (out[k]! - prim(ua, k));
  };
  return linearFamily(names, low, high, basis, basisIntegral, true, (p) => chebyshev({ coefs: p, low, high }));
}

/**
 * Bernstein background family Σᵢ cᵢ C(n,i) uⁱ(1−u)ⁿ⁻ⁱ (RooBernstein; see {@link bernstein}), with
 * analytic gradients. Overall scale is degenerate with the yield: fix one coefficient (e.g. c₀ = 1).
 * @param options - coefficient names (c₀ … cₙ) and window
 * @returns a {@link ShapeFamily} with analytic gradients
 * @throws {@link PhysError} for an empty parameter list or an inverted window
 * @example
 * ```ts
 * const bkg = bernsteinShape({ params: ["b0", "b1", "b2"], low: 0.2, high: 1 }); // fix b0 = 1 in the fit
 * ```
 */
export function bernsteinShape(options: PolynomialShapeOptions): ShapeFamily {
  const { low, high } = options;
  const names = [...options.params];
  if (names.length < 1)
    throw argumentError("INVALID_ARGUMENT", "options.params", names, "at least one coefficient name");
  requireWindow(low, high);
  const n = names.length - 1;
  const w = high - low;
  const binomRow = (deg: number): Float64Array => {
    const r = new Float64Array(deg + 1);
    r[0] = 1;
    for (let i = 1; i <= deg; i++) r[i] = (r[i - 1]! * (deg - i + 1)) / i;
    return r;
  };
  const bn = binomRow(n);
  const bn1 = binomRow(n + 1);
  const basis = (x: number, out: Float64Array): void => {
    const u = (x - low) / w;
    for (let i = 0; i <= n; i++) out[i] = bn[i]! * u ** i * (1 - u) ** (n - i);
  };
  // ∫₀ᵘ b_{i,n} = (1/(n+1)) Σ_{j=i+1}^{n+1} b_{j,n+1}(u)
  const primI = (u: number, i: number): number => {
    let s = 0;
    for (let j = i + 1; j <= n + 1; j++) s += bn1[j]! * u ** j * (1 - u) ** (n + 1 - j);
    return s / (n + 1);
  };
  const basisIntegral = (a: number, b: number, out: Float64Array): void => {
    const ua = (a - low) / w;
    const ub = (b - low) / w;
    for (let i = 0; i <= n; i++) out[i] = w * (primI(ub, i) - primI(ua, i));
  };
  return linearFamily(names, low, high, basis, basisIntegral, false, (p) => bernstein({ coefs: p, low, high }));
}

/**
 * A family from any pdf factory: `make(values)` builds the pdf at the given parameter values
 * (in the order of `params`); densities are recomputed when the values change. No analytic
 * gradient: a likelihood using it falls back to MIGRAD's numerical derivatives. A factory that
 * throws (e.g. σ ≤ 0 during a fit) makes the likelihood return NaN, and the minimiser backs off.
 * @param params - parameter names, in the order `make` receives them
 * @param make - builds the pdf from parameter values
 * @param low - window lower edge (must match the pdfs' windows)
 * @param high - window upper edge
 * @returns a {@link ShapeFamily} without analytic gradient
 * @example
 * ```ts
 * const sig = pdfShape(["mean", "sigma"], ([m, s]) => gaussian({ mean: m!, sigma: s!, low: 2.7, high: 3.3 }), 2.7, 3.3);
 * ```
 */
export function pdfShape(
  params: readonly string[],
  make: (values: number[]) => Pdf,
  low: number,
  high: number,
): ShapeFamily {
  const build = (p: Float64Array, offset: number, n: number): Pdf | undefined => {
    try {
      return make(Array.from(p.subarray(offset, offset + n)));
    } catch {
      return undefined;
    }
  };
  const n = params.length;
  const cached = (points: Float64Array, binned: boolean): BoundShape => {
    const last = new Float64Array(n).fill(Number.NaN);
    let lastOk = false;
    const col = new Float64Array(binned ? points.length - 1 : points.length);
    return {
      nParams: n,
      evaluate(p, offset, out) {
        let same = true;
        for (let j = 0; j < n; j++) if (p[offset + j] !== last[j]) same = false;
        if (!same) {
          for (let j = 0; j < n; j++) last[j] = p[offset + j]!;
          const pdf = build(p, offset, n);
          lastOk = pdf !== undefined;
          if (pdf) {
            if (binned) for (let i = 0; i < col.length; i++) col[i] = pdf.probability(points[i]!, points[i + 1]!);
            else pdf.densityArray(points, col);
          }
        }
        out.set(col);
        return lastOk;
      },
    };
  };
  return {
    params: [...params],
    low,
    high,
    hasGradient: false,
    bind: (x) => cached(x, false),
    bindBins: (edges) => cached(edges, true),
    pdf: (p) => make(Array.from(p)),
  };
}

/**
 * Mixture Σₖ fₖ shapeₖ with k − 1 floating fractions (the last gets 1 − Σ fₖ; RooAddPdf with
 * coefficients) for non-extended fits. Parameters: the fraction names, then every component's
 * parameters (a name shared by components is one parameter). Analytic gradient when every
 * component has one: ∂f/∂fₖ = shapeₖ − shape_last.
 * @param shapes - component families on one window
 * @param fractions - names of the k − 1 fractions
 * @returns a {@link ShapeFamily}
 * @throws {@link PhysError} for a wrong number of fraction names or mismatched windows
 * @example
 * ```ts
 * const model = mixtureShape([fixedShape(sig), chebyshevShape({ params: ["c1"], low, high })], ["fsig"]);
 * ```
 */
export function mixtureShape(shapes: readonly ShapeFamily[], fractions: readonly string[]): ShapeFamily {
  if (!Array.isArray(shapes) || shapes.length < 1)
    throw argumentError("INVALID_ARGUMENT", "shapes", shapes, "a non-empty array");
  if (!Array.isArray(fractions) || fractions.length !== shapes.length - 1) {
    throw argumentError("INCOMPATIBLE_SHAPES", "fractions", fractions?.length, `${shapes.length - 1} names`);
  }
  const { low, high } = shapes[0]!;
  shapes.forEach((s, k) => {
    if (s.low !== low || s.high !== high)
      throw argumentError("INCOMPATIBLE_SHAPES", `shapes[${k}]`, [s.low, s.high], `window [${low}, ${high}]`);
  });
  const names: string[] = [...fractions];
  const index = new Map(names.map((n, i) => [n, i]));
  const compIdx = shapes.map((s) =>
    Int32Array.from(
      s.params.map((p: string) => {
        const at = index.get(p);
        if (at !== undefined) return at;
        index.set(p, names.length);
        names.push(p);
        return names.length - 1;
      }),
    ),
  );
  const K = shapes.length;
  const nf = fractions.length;
  const fracOf = (p: Float64Array, offset: number, k: number): number => {
    if (k < nf) return p[offset + k]!;
    let s = 1;
    for (let j = 0; j < nf; j++) s -= p[offset + j]!;
    return s;
  };
  const bindWith = (bs: BoundShape[], m: number): BoundShape => {
    const cols = bs.map(() => new Float64Array(m));
    const sub = shapes.map((s) => new Float64Array(s.params.length));
    const subG = shapes.map((s) => new Float64Array(s.params.length));
    const wk = new Float64Array(m);
    return {
      nParams: names.length,
      evaluate(p, offset, out) {
        out.fill(0);
        for (let k = 0; k < K; k++) {
          const idx = compIdx[k]!;
          for (let j = 0; j < idx.length; j++) sub[k]![j] = p[offset + idx[j]!]!;
          if (!bs[k]!.evaluate(sub[k]!, 0, cols[k]!)) return false;
          const fk = fracOf(p, offset, k);
          const ck = cols[k]!;
          for (let i = 0; i < m; i++) out[i] = out[i]! + fk * ck[i]!;
        }
        return true;
      },
      accumulateGradient(p, offset, w, grad, gOffset) {
        const last = cols[K - 1]!;
        for (let k = 0; k < nf; k++) {
          const ck = cols[k]!;
          let s = 0;
          for (let i = 0; i < m; i++) s += w[i]! * (ck[i]! - last[i]!);
          grad[gOffset + k] = grad[gOffset + k]! + s;
        }
        for (let k = 0; k < K; k++) {
          const idx = compIdx[k]!;
          if (idx.length === 0) continue;
          const fk = fracOf(p, offset, k);
          for (let i = 0; i < m; i++) wk[i] = w[i]! * fk;
          subG[k]!.fill(0);
          bs[k]!.accumulateGradient!(sub[k]!, 0, wk, subG[k]!, 0);
          for (let j = 0; j < idx.length; j++) grad[gOffset + idx[j]!] = grad[gOffset + idx[j]!]! + subG[k]![j]!;
        }
      },
    };
  };
  return {
    params: names,
    low,
    high,
    hasGradient: shapes.every((s) => s.hasGradient),
    bind: (x) =>
      bindWith(
        shapes.map((s) => s.bind(x)),
        x.length,
      ),
    bindBins: (edges) =>
      bindWith(
        shapes.map((s) => s.bindBins(edges)),
        edges.length - 1,
      ),
    pdf(p) {
      const v = Float64Array.from(p);
      const pdfs = shapes.map((s, k) => s.pdf(Array.from(compIdx[k]!, (j) => v[j]!)));
      const fr = Array.from({ length: nf }, (_, k) => v[k]!);
      return sumPdfImpl(pdfs, fr);
    },
  };
}
