/**
 * Negative log-likelihoods as {@link Objective}s: extended and non-extended unbinned NLL,
 * binned Poisson NLL, with optional Gaussian constraint terms; analytic gradients whenever every
 * floating shape supplies them.
 *
 * @packageDocumentation
 */
import { argumentError, PhysError, requireFinite, requirePositive } from "@muonphilic/units";
import type { Objective } from "../minimizer/types.js";
import { BLOCK, type ConstraintTerms, constraintGradient, constraintValue, fusedExtended } from "./fused.js";
import type { BoundShape, ShapeFamily } from "./shapes.js";

/** A Gaussian constraint ½((θ − mean)/sigma)² on a parameter (a nuisance parameter with an auxiliary measurement). */
export interface GaussianConstraint {
  /** Parameter name. */
  readonly name: string;
  /** Auxiliary measurement (central value). */
  readonly mean: number;
  /** Its uncertainty, > 0. */
  readonly sigma: number;
}

/** A component of an extended model: a yield parameter and a shape family. */
export interface ExtendedComponent {
  /** Name of the yield parameter (expected number of events of this component). */
  readonly yield: string;
  /** Shape family (its parameters join the likelihood's). */
  readonly shape: ShapeFamily;
}

/** A negative log-likelihood: an {@link Objective} that knows its parameter names. */
export interface Likelihood extends Objective {
  /** Parameter names in the order of the argument vector. */
  readonly names: readonly string[];
  /** errordef of an NLL, 0.5. */
  readonly errordef: 0.5;
  /** Number of events (unbinned) or of bins (binned). */
  readonly size: number;
}

/**
 * Σ ln μᵢ over `mu`: one log per group of 8 (ln of the product, per-event fallback when a μ ≤ 0 or
 * the product leaves [1e-290, 1e290]), groups summed in blocks of 256, blocks combined with
 * Neumaier's compensated summation (as the fused path); NaN if any μᵢ ≤ 0 or is NaN.
 */
function sumLog(mu: Float64Array, n: number): number {
  let sum = 0;
  let comp = 0;
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    let s = 0;
    let i = start;
    for (; i + 8 <= end; i += 8) {
      let p = 1;
      let mn = Number.POSITIVE_INFINITY;
      for (let j = i; j < i + 8; j++) {
        p *= mu[j]!;
        mn = Math.min(mn, mu[j]!);
      }
      if (mn > 0 && p > 1e-290 && p < 1e290) s += Math.log(p);
      else for (let j = i; j < i + 8; j++) s += Math.log(mu[j]!);
    }
    for (; i < end; i++) s += Math.log(mu[i]!);
    const t = sum + s;
    comp += Math.abs(sum) >= Math.abs(s) ? sum - t + s : s - t + sum;
    sum = t;
  }
  return sum + comp;
}

function requireData(x: unknown, low: number, high: number, argument: string): Float64Array {
  if (!(x instanceof Float64Array) && !Array.isArray(x)) {
    throw argumentError("INVALID_ARGUMENT", argument, typeof x, "a Float64Array or number[]");
  }
  const data = x instanceof Float64Array ? x : Float64Array.from(x as number[]);
  if (data.length === 0) throw argumentError("INVALID_ARGUMENT", argument, 0, "at least one event");
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (Number.isNaN(v)) throw argumentError("INVALID_ARGUMENT", `${argument}[${i}]`, v, "a number");
    if (v < low || v > high)
      throw argumentError("OUT_OF_DOMAIN", `${argument}[${i}]`, v, `inside the window [${low}, ${high}]`);
  }
  return data;
}

interface Layout {
  names: string[];
  index: Map<string, number>;
}

function addName(l: Layout, name: string): number {
  const at = l.index.get(name);
  if (at !== undefined) return at;
  l.index.set(name, l.names.length);
  l.names.push(name);
  return l.names.length - 1;
}

function constraintTerms(l: Layout, constraints: readonly GaussianConstraint[] | undefined): ConstraintTerms {
  const cs = constraints ?? [];
  const idx = new Int32Array(cs.length);
  const mean = new Float64Array(cs.length);
  const invSigma = new Float64Array(cs.length);
  cs.forEach((c, k) => {
    const at = l.index.get(c.name);
    if (at === undefined) {
      throw new PhysError(
        "UNKNOWN_NAME",
        `constraints[${k}].name must be a parameter of the likelihood, got ${JSON.stringify(c.name)}`,
        {
          argument: `constraints[${k}].name`,
          value: c.name,
          allowed: l.names.join(" | "),
        },
      );
    }
    idx[k] = at;
    mean[k] = requireFinite(`constraints[${k}].mean`, c.mean);
    invSigma[k] = 1 / requirePositive(`constraints[${k}].sigma`, c.sigma);
  });
  return { idx, mean, invSigma };
}

/** Window shared by all shapes (they must agree). */
function commonWindow(shapes: readonly ShapeFamily[]): [number, number] {
  const { low, high } = shapes[0]!;
  shapes.forEach((s, k) => {
    if (s.low !== low || s.high !== high) {
      throw new PhysError(
        "INCOMPATIBLE_SHAPES",
        `components[${k}].shape window [${s.low}, ${s.high}] differs from [${low}, ${high}]`,
        {
          argument: `components[${k}].shape`,
          value: [s.low, s.high],
          allowed: `[${low}, ${high}]`,
        },
      );
    }
  });
  return [low, high];
}

/** Options of {@link extendedUnbinnedNLL}. */
export interface ExtendedUnbinnedOptions {
  /** Events (unit of x), all inside the components' common window. */
  readonly data: Float64Array | readonly number[];
  /** Components: yield name and shape family. */
  readonly components: readonly ExtendedComponent[];
  /** Gaussian constraints on parameters. */
  readonly constraints?: readonly GaussianConstraint[];
}

/**
 * Extended unbinned negative log-likelihood
 * NLL(ν, θ) = Σₖ νₖ − Σᵢ ln(Σₖ νₖ fₖ(xᵢ; θₖ)) + Σ_c ½((θ_c − m_c)/σ_c)²
 * (the constant ln n! dropped; Barlow1990), with parameters named by the components (yields first
 * appearance order, then shape parameters) and an analytic gradient
 * ∂/∂νₖ = 1 − Σᵢ fₖ(xᵢ)/μᵢ, ∂/∂θₖⱼ = −Σᵢ νₖ ∂fₖ(xᵢ)/∂θₖⱼ / μᵢ when every shape supplies one.
 * The log sum is blocked and compensated (see {@link sumLog}); a non-positive μᵢ gives NaN.
 * @param options - data (unit of x), components (yield name + shape family) and Gaussian constraints
 * @returns a {@link Likelihood} (errordef 0.5)
 * @throws {@link PhysError} for empty data, NaN or out-of-window events (naming the index), mismatched
 *   windows, or constraints on unknown parameters
 * @example
 * ```ts
 * const nll = extendedUnbinnedNLL({ data, components: [
 *   { yield: "Ns", shape: fixedShape(signalPdf) },
 *   { yield: "Nb", shape: chebyshevShape({ params: ["c1"], low: 2.7, high: 3.3 }) }] });
 * nll(Float64Array.from([60, 1960, -0.3])); // NLL value
 * ```
 */
export function extendedUnbinnedNLL(options: ExtendedUnbinnedOptions): Likelihood {
  const comps = requireComponents(options.components);
  const [low, high] = commonWindow(comps.map((c) => c.shape));
  const data = requireData(options.data, low, high, "data");
  const n = data.length;
  const layout: Layout = { names: [], index: new Map() };
  const bound = comps.map((c) => c.shape.bind(data));
  const mix = mixture(comps, bound, n, layout);
  const cons = constraintTerms(layout, options.constraints);
  const names = layout.names as readonly string[];
  if (bound.every((b) => b.linear !== undefined)) {
    const fused = fusedExtended(n, bound, mix.yieldIdx, mix.shapeIdx, cons);
    return Object.assign(fused.value, { names, errordef: 0.5 as const, size: n, gradient: fused.gradient });
  }
  const w = new Float64Array(n);
  const f = (x: Float64Array): number => {
    if (!mix.fill(x)) return Number.NaN;
    let total = 0;
    for (let k = 0; k < comps.length; k++) total += x[mix.yieldIdx[k]!]!;
    return total - sumLog(mix.mu, n) + constraintValue(cons, x);
  };
  // ∂NLL/∂μᵢ = −1/μᵢ, plus 1 for each yield
  const gradient = (x: Float64Array, g: Float64Array): void => {
    g.fill(0);
    if (!mix.fill(x)) {
      g.fill(Number.NaN);
      return;
    }
    for (let i = 0; i < n; i++) w[i] = -1 / mix.mu[i]!;
    mix.accumulate(x, w, g);
    for (let k = 0; k < comps.length; k++) g[mix.yieldIdx[k]!] = g[mix.yieldIdx[k]!]! + 1;
    constraintGradient(cons, x, g);
  };
  return Object.assign(f, {
    names,
    errordef: 0.5 as const,
    size: n,
    ...(comps.every((c) => c.shape.hasGradient) ? { gradient } : {}),
  });
}

function requireComponents(comps: unknown): readonly ExtendedComponent[] {
  if (!Array.isArray(comps) || comps.length === 0) {
    throw argumentError("INVALID_ARGUMENT", "components", comps, "a non-empty array");
  }
  return comps as readonly ExtendedComponent[];
}

/**
 * μᵢ = Σₖ νₖ fₖ,ᵢ(θₖ) over bound components (events or bins), and the chain rule from weights
 * wᵢ = ∂NLL/∂μᵢ to the yields (Σᵢ fₖ,ᵢ wᵢ) and shape parameters (νₖ Σᵢ wᵢ ∂fₖ,ᵢ/∂θ).
 */
function mixture(comps: readonly ExtendedComponent[], bound: readonly BoundShape[], m: number, layout: Layout) {
  const K = comps.length;
  const yieldIdx = Int32Array.from(comps.map((c) => addName(layout, c.yield)));
  const shapeIdx = comps.map((c) => Int32Array.from(c.shape.params.map((p: string) => addName(layout, p))));
  const cols = comps.map(() => new Float64Array(m));
  const mu = new Float64Array(m);
  const shapeP = comps.map((c) => new Float64Array(c.shape.params.length));
  const shapeG = comps.map((c) => new Float64Array(c.shape.params.length));
  const fill = (x: Float64Array): boolean => {
    mu.fill(0);
    for (let k = 0; k < K; k++) {
      const idx = shapeIdx[k]!;
      const p = shapeP[k]!;
      for (let j = 0; j < idx.length; j++) p[j] = x[idx[j]!]!;
      if (!bound[k]!.evaluate(p, 0, cols[k]!)) return false;
      const nk = x[yieldIdx[k]!]!;
      const ck = cols[k]!;
      for (let i = 0; i < m; i++) mu[i] = mu[i]! + nk * ck[i]!;
    }
    return true;
  };
  const accumulate = (x: Float64Array, w: Float64Array, g: Float64Array): void => {
    for (let k = 0; k < K; k++) {
      const ck = cols[k]!;
      let s = 0;
      for (let i = 0; i < m; i++) s += ck[i]! * w[i]!;
      g[yieldIdx[k]!] = g[yieldIdx[k]!]! + s;
      const idx = shapeIdx[k]!;
      if (idx.length === 0) continue;
      const gk = shapeG[k]!;
      gk.fill(0);
      bound[k]!.accumulateGradient!(shapeP[k]!, 0, w, gk, 0);
      const nk = x[yieldIdx[k]!]!;
      for (let j = 0; j < idx.length; j++) g[idx[j]!] = g[idx[j]!]! + nk * gk[j]!;
    }
  };
  return { yieldIdx, shapeIdx, mu, fill, accumulate };
}

/** Options of {@link unbinnedNLL}. */
export interface UnbinnedOptions {
  /** Events, inside the shape's window. */
  readonly data: Float64Array | readonly number[];
  /** The shape family (for a mixture with floating fractions use {@link mixtureShape}). */
  readonly shape: ShapeFamily;
  /** Gaussian constraints on parameters. */
  readonly constraints?: readonly GaussianConstraint[];
}

/**
 * Unbinned negative log-likelihood NLL(θ) = −Σᵢ ln f(xᵢ; θ) + constraints, with an analytic
 * gradient when the shape supplies one.
 * @param options - data (unit of x), the shape family and Gaussian constraints
 * @returns a {@link Likelihood}
 * @throws {@link PhysError} as {@link extendedUnbinnedNLL}
 * @example
 * ```ts
 * const nll = unbinnedNLL({ data, shape: pdfShape(["mean", "sigma"], ([m, s]) => gaussian({ mean: m!, sigma: s!, low: 0, high: 10 }), 0, 10) });
 * ```
 */
export function unbinnedNLL(options: UnbinnedOptions): Likelihood {
  const shape = options.shape;
  const data = requireData(options.data, shape.low, shape.high, "data");
  const n = data.length;
  const layout: Layout = { names: [], index: new Map() };
  for (const p of shape.params) addName(layout, p);
  const bound = shape.bind(data);
  const cons = constraintTerms(layout, options.constraints);
  const col = new Float64Array(n);
  const w = new Float64Array(n);
  const np = shape.params.length;
  const gs = new Float64Array(np);
  const f = (x: Float64Array): number => {
    if (!bound.evaluate(x, 0, col)) return Number.NaN;
    return -sumLog(col, n) + constraintValue(cons, x);
  };
  const gradient = (x: Float64Array, g: Float64Array): void => {
    g.fill(0);
    if (!bound.evaluate(x, 0, col)) {
      g.fill(Number.NaN);
      return;
    }
    for (let i = 0; i < n; i++) w[i] = 1 / col[i]!;
    gs.fill(0);
    bound.accumulateGradient!(x, 0, w, gs, 0);
    for (let j = 0; j < np; j++) g[j] = -gs[j]!;
    constraintGradient(cons, x, g);
  };
  return Object.assign(f, {
    names: layout.names as readonly string[],
    errordef: 0.5 as const,
    size: n,
    ...(shape.hasGradient ? { gradient } : {}),
  });
}

/** Options of {@link binnedNLL}. */
export interface BinnedOptions {
  /** n + 1 increasing bin edges inside the components' window. */
  readonly edges: Float64Array | readonly number[];
  /** n observed counts (≥ 0; non-integer weights are accepted). */
  readonly counts: Float64Array | readonly number[];
  /** Components: yield name and shape (expected count in bin i: Σₖ νₖ Pₖ(bin i)). */
  readonly components: readonly ExtendedComponent[];
  /** Gaussian constraints on parameters. */
  readonly constraints?: readonly GaussianConstraint[];
}

/**
 * Binned extended Poisson NLL in the Baker-Cousins form
 * NLL = Σᵢ [μᵢ − nᵢ + nᵢ ln(nᵢ/μᵢ)] + constraints, μᵢ = Σₖ νₖ Pₖ(bin i; θₖ)
 * (equal to −ln L up to a constant; 2·NLL at the minimum is the likelihood-ratio goodness-of-fit
 * χ²; BakerCousins1984). Bin probabilities are analytic for the Crystal Ball family,
 * polynomials and the other shapes with a primitive. Analytic gradient when every shape supplies one.
 * @param options - bin edges (unit of x), counts, components and Gaussian constraints
 * @returns a {@link Likelihood} (size = number of bins)
 * @throws {@link PhysError} for mismatched lengths, non-increasing edges, negative or NaN counts, edges outside the window
 * @example
 * ```ts
 * const nll = binnedNLL({ edges, counts, components: [{ yield: "N", shape: fixedShape(pdf) }] });
 * ```
 */
export function binnedNLL(options: BinnedOptions): Likelihood {
  const comps = requireComponents(options.components);
  const [low, high] = commonWindow(comps.map((c) => c.shape));
  const edges = Float64Array.from(options.edges);
  const counts = Float64Array.from(options.counts);
  const m = counts.length;
  if (edges.length !== m + 1) {
    throw new PhysError(
      "INCOMPATIBLE_SHAPES",
      `edges must have counts.length + 1 = ${m + 1} entries, got ${edges.length}`,
      {
        argument: "edges",
        value: edges.length,
        allowed: `length ${m + 1}`,
      },
    );
  }
  if (m === 0) throw argumentError("INVALID_ARGUMENT", "counts", 0, "at least one bin");
  for (let i = 0; i <= m; i++) {
    if (!(edges[i]! >= low && edges[i]! <= high)) {
      throw argumentError("OUT_OF_DOMAIN", `edges[${i}]`, edges[i], `inside [${low}, ${high}]`);
    }
    if (i > 0 && !(edges[i]! > edges[i - 1]!)) {
      throw argumentError("INVALID_ARGUMENT", `edges[${i}]`, edges[i], `> ${edges[i - 1]}`);
    }
  }
  for (let i = 0; i < m; i++) {
    if (!(counts[i]! >= 0)) throw argumentError("OUT_OF_DOMAIN", `counts[${i}]`, counts[i], ">= 0");
  }
  const layout: Layout = { names: [], index: new Map() };
  const mix = mixture(
    comps,
    comps.map((c) => c.shape.bindBins(edges)),
    m,
    layout,
  );
  const cons = constraintTerms(layout, options.constraints);
  const w = new Float64Array(m);
  // constant part Σ nᵢ ln nᵢ − nᵢ
  let constant = 0;
  for (let i = 0; i < m; i++) constant += counts[i]! > 0 ? counts[i]! * Math.log(counts[i]!) - counts[i]! : 0;
  const f = (x: Float64Array): number => {
    if (!mix.fill(x)) return Number.NaN;
    let s = constant;
    for (let i = 0; i < m; i++) {
      const v = mix.mu[i]!;
      const c = counts[i]!;
      s += c > 0 ? v - c * Math.log(v) : v;
    }
    return s + constraintValue(cons, x);
  };
  // ∂NLL/∂μᵢ = 1 − nᵢ/μᵢ
  const gradient = (x: Float64Array, g: Float64Array): void => {
    g.fill(0);
    if (!mix.fill(x)) {
      g.fill(Number.NaN);
      return;
    }
    for (let i = 0; i < m; i++) w[i] = 1 - counts[i]! / mix.mu[i]!;
    mix.accumulate(x, w, g);
    constraintGradient(cons, x, g);
  };
  return Object.assign(f, {
    names: layout.names as readonly string[],
    errordef: 0.5 as const,
    size: m,
    ...(comps.every((c) => c.shape.hasGradient) ? { gradient } : {}),
  });
}

/** Options of {@link chi2}. */
export interface Chi2Options {
  /** Abscissae. */
  readonly x: Float64Array | readonly number[];
  /** Measurements. */
  readonly y: Float64Array | readonly number[];
  /** Uncertainties of y, > 0. */
  readonly sigma: Float64Array | readonly number[];
  /** Parameter names. */
  readonly names: readonly string[];
  /** Model value at x for parameters p (in the order of `names`). */
  readonly model: (x: number, p: Float64Array) => number;
  /** Optional: writes ∂model/∂pⱼ at x into `out`. */
  readonly modelGradient?: (x: number, p: Float64Array, out: Float64Array) => void;
}

/**
 * Least-squares objective χ²(p) = Σᵢ ((yᵢ − m(xᵢ; p))/σᵢ)², errordef 1; analytic gradient
 * −2 Σᵢ rᵢ/σᵢ ∂m/∂pⱼ when `modelGradient` is given.
 * @param options - x, y, σ (same unit as y), parameter names, model and optional model gradient
 * @returns an {@link Objective} with `names`, `errordef: 1` and `size`
 * @throws {@link PhysError} for mismatched lengths, non-finite values or σ ≤ 0
 * @example
 * ```ts
 * const c2 = chi2({ x, y, sigma, names: ["a", "b"], model: (x, p) => p[0]! + p[1]! * x });
 * ```
 */
export function chi2(
  options: Chi2Options,
): Objective & { readonly names: readonly string[]; readonly errordef: 1; readonly size: number } {
  const x = Float64Array.from(options.x);
  const y = Float64Array.from(options.y);
  const s = Float64Array.from(options.sigma);
  if (y.length !== x.length || s.length !== x.length) {
    throw new PhysError(
      "INCOMPATIBLE_SHAPES",
      `x, y and sigma must have the same length, got ${x.length}, ${y.length}, ${s.length}`,
      {
        argument: y.length !== x.length ? "y" : "sigma",
        value: y.length !== x.length ? y.length : s.length,
        allowed: `length ${x.length}`,
      },
    );
  }
  for (let i = 0; i < x.length; i++) {
    requireFinite(`x[${i}]`, x[i]);
    requireFinite(`y[${i}]`, y[i]);
    requirePositive(`sigma[${i}]`, s[i]);
  }
  const names = [...options.names];
  const { model, modelGradient } = options;
  const dm = new Float64Array(names.length);
  const f = (p: Float64Array): number => {
    let c = 0;
    for (let i = 0; i < x.length; i++) {
      const r = (y[i]! - model(x[i]!, p)) / s[i]!;
      c += r * r;
    }
    return c;
  };
  const gradient = (p: Float64Array, g: Float64Array): void => {
    g.fill(0);
    for (let i = 0; i < x.length; i++) {
      const r = (y[i]! - model(x[i]!, p)) / s[i]!;
      modelGradient!(x[i]!, p, dm);
      for (let j = 0; j < names.length; j++) g[j] = g[j]! - (2 * r * dm[j]!) / s[i]!;
    }
  };
  return Object.assign(f, { names, errordef: 1 as const, size: x.length, ...(modelGradient ? { gradient } : {}) });
}
