/**
 * Linear mixtures: an extended model whose expected density is linear in its parameters,
 * λ(x; θ) = Σ_k θ_k f_k(x), with fixed component shapes f_k (a calibrated signal shape, the basis
 * polynomials of a background), evaluated once at the events (or at quadrature nodes) of a fit
 * region. Asimov datasets of such a model are its quadrature nodes weighted by λ(x; θ) Δ
 * (CCGV2011 eq. (24)).
 *
 * @packageDocumentation
 */
import { argumentError, PhysError, requireAllFinite } from "@muonphilic/units";
import type { Pdf } from "../pdfs/pdf.js";
import { inRegion, type Region, requireRegion } from "../pdfs/region.js";

/**
 * The data of a linear extended fit: the component densities at each point, point weights, the
 * components' integrals over the fit region, parameter bounds and the points where the total
 * density must stay non-negative.
 */
export interface LinearMixture {
  /** Number of components (parameters) p. */
  readonly p: number;
  /** Number of points n (events, or quadrature nodes for Asimov data). */
  readonly n: number;
  /** Positions of the points, length n (unit of x). */
  readonly x: Float64Array;
  /** Component densities f_k(x_i), row-major n × p (1/unit of x). */
  readonly phi: Float64Array;
  /** Point weights w_i (1 for data; λ Δ for Asimov data; Δ for a node template), or `null` for unit weights. */
  readonly weights: Float64Array | null;
  /** I_k = ∫ f_k over the fit region (dimensionless), length p: the expected count is Σ θ_k I_k. */
  readonly integrals: Float64Array;
  /** Lower bounds of θ, length p (−∞: none). */
  readonly lowerBounds: Float64Array;
  /** Upper bounds of θ, length p (+∞: none). */
  readonly upperBounds: Float64Array;
  /**
   * Non-negativity of the model over the fit region: the total density at m check points,
   * Σ_k θ_k ψ_jk with ψ_jk = f_k(x_j), must stay ≥ 0 (row-major m × p; empty: no check). This is
   * what bounds a negative signal yield where no event constrains it.
   */
  readonly positivity: Float64Array;
}

/** Options of {@link linearMixture}. */
export interface LinearMixtureOptions {
  /** The fit region: points outside it are dropped, integrals are over it. Default: the first component's window. */
  readonly region?: Region;
  /** Point weights, one per x (Asimov data, quadrature weights). Default: unit weights (events). */
  readonly weights?: Float64Array;
  /** Lower bounds of θ (length p; −∞ for none). Default: none. */
  readonly lowerBounds?: readonly number[];
  /** Upper bounds of θ (length p; +∞ for none). Default: none. */
  readonly upperBounds?: readonly number[];
  /** Points of the region where the total density must stay ≥ 0 (e.g. the quadrature nodes and the peak). */
  readonly positivityPoints?: Float64Array;
  /** Precomputed positivity rows (m × p), e.g. shared with another mixture of the same model; overrides `positivityPoints`. */
  readonly positivity?: Float64Array;
  /**
   * Region integrals (length p) to use instead of computing them, e.g. those of the data when the
   * points are a plotting or sampling grid: with them, no point is dropped (the region only
   * serves the integrals, which are given).
   */
  readonly integrals?: Float64Array;
}

/**
 * Every mixture is made here, with its fields in one order, so that all of them share one hidden
 * class and the fit's hot loop stays monomorphic (a spread `{ ...m, weights }` makes another).
 */
function makeMixture(
  p: number,
  x: Float64Array,
  phi: Float64Array,
  weights: Float64Array | null,
  integrals: Float64Array,
  lowerBounds: Float64Array,
  upperBounds: Float64Array,
  positivity: Float64Array,
): LinearMixture {
  return { p, n: x.length, x, phi, weights, integrals, lowerBounds, upperBounds, positivity };
}

/** Component densities at points: row-major n × p. */
function evaluateComponents(components: readonly Pdf[], x: Float64Array): Float64Array {
  const p = components.length;
  const n = x.length;
  const phi = new Float64Array(n * p);
  const column = new Float64Array(n);
  for (let k = 0; k < p; k++) {
    components[k]!.densityArray(x, column);
    for (let i = 0, at = k; i < n; i++, at += p) phi[at] = column[i]!;
  }
  return phi;
}

/** Bounds array of length p from an option (default ±∞). */
function boundsOf(argument: string, values: readonly number[] | undefined, p: number, fill: number): Float64Array {
  if (values === undefined) return new Float64Array(p).fill(fill);
  if (values.length !== p) {
    throw new PhysError("INCOMPATIBLE_SHAPES", `${argument} must have ${p} entries, got ${values.length}`, {
      argument,
      value: values.length,
      allowed: `length ${p}`,
    });
  }
  values.forEach((v, i) => {
    if (Number.isNaN(v)) throw argumentError("INVALID_ARGUMENT", `${argument}[${i}]`, v, "a number or ±Infinity");
  });
  return Float64Array.from(values);
}

/**
 * Builds a {@link LinearMixture}: evaluates each component pdf at the points inside the region
 * (through its vectorised `densityArray`) and integrates it over the region (its `probability`
 * over the pieces). θ_k is then the expected count of component k in its own window: for a
 * component normalised on the region (`restrictPdf`) it is the count in the region.
 * @param components - the component pdfs f_k (p ≥ 1)
 * @param x - the points: events, or quadrature nodes (unit of x)
 * @param options - region, weights, bounds, positivity points ({@link LinearMixtureOptions})
 * @returns the mixture
 * @throws {@link PhysError} `INVALID_ARGUMENT` for no components or non-finite points,
 *   `INCOMPATIBLE_SHAPES` for weights or bounds of the wrong length, and as `requireRegion`
 * @example
 * ```ts
 * const region = fitRegion(2.7, 3.3, [[3.05, 3.15]]);
 * const data = linearMixture([signal, flat], events, { region, lowerBounds: [-Infinity, 0] });
 * ```
 */
export function linearMixture(
  components: readonly Pdf[],
  x: Float64Array,
  options: LinearMixtureOptions = {},
): LinearMixture {
  if (!Array.isArray(components) || components.length === 0) {
    throw argumentError("INVALID_ARGUMENT", "components", components, "a non-empty array of pdfs");
  }
  requireAllFinite("x", x);
  const p = components.length;
  const region =
    options.region === undefined
      ? ([[components[0]!.low, components[0]!.high]] as Region)
      : requireRegion("options.region", options.region);
  const w0 = options.weights;
  if (w0 !== undefined && w0.length !== x.length) {
    throw new PhysError("INCOMPATIBLE_SHAPES", `options.weights must have ${x.length} entries, got ${w0.length}`, {
      argument: "options.weights",
      value: w0.length,
      allowed: `length ${x.length}`,
    });
  }
  // keep the points inside the region (no copy when all are, or when the integrals are given)
  let keep = 0;
  const single = region.length === 1;
  const [lo0, hi0] = region[0]!;
  const inside = (v: number): boolean => (single ? v >= lo0 && v <= hi0 : inRegion(region, v));
  if (options.integrals !== undefined) keep = x.length;
  else for (let i = 0; i < x.length; i++) if (inside(x[i]!)) keep++;
  let xs = x;
  let weights: Float64Array | null = w0 ?? null;
  if (keep < x.length) {
    xs = new Float64Array(keep);
    const ws = w0 === undefined ? null : new Float64Array(keep);
    for (let i = 0, j = 0; i < x.length; i++) {
      if (!inside(x[i]!)) continue;
      xs[j] = x[i]!;
      if (ws !== null) ws[j] = w0![i]!;
      j++;
    }
    weights = ws;
  }
  let integrals: Float64Array;
  if (options.integrals !== undefined) {
    if (options.integrals.length !== p) {
      throw new PhysError(
        "INCOMPATIBLE_SHAPES",
        `options.integrals must have ${p} entries, got ${options.integrals.length}`,
        {
          argument: "options.integrals",
          value: options.integrals.length,
          allowed: `length ${p}`,
        },
      );
    }
    integrals = options.integrals;
  } else {
    integrals = new Float64Array(p);
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (const [a, b] of region) s += components[k]!.probability(a, b);
      integrals[k] = s;
    }
  }
  let positivity: Float64Array;
  if (options.positivity !== undefined) {
    if (options.positivity.length % p !== 0) {
      throw new PhysError(
        "INCOMPATIBLE_SHAPES",
        `options.positivity must have a multiple of ${p} entries, got ${options.positivity.length}`,
        { argument: "options.positivity", value: options.positivity.length, allowed: `a multiple of ${p}` },
      );
    }
    positivity = options.positivity;
  } else if (options.positivityPoints !== undefined) {
    requireAllFinite("options.positivityPoints", options.positivityPoints);
    positivity = evaluateComponents(components, options.positivityPoints);
  } else positivity = new Float64Array(0);
  return makeMixture(
    p,
    xs,
    evaluateComponents(components, xs),
    weights,
    integrals,
    boundsOf("options.lowerBounds", options.lowerBounds, p, Number.NEGATIVE_INFINITY),
    boundsOf("options.upperBounds", options.upperBounds, p, Number.POSITIVE_INFINITY),
    positivity,
  );
}

/**
 * The expected density λ(x_i; θ) = Σ_k θ_k f_k(x_i) at every point of a mixture.
 * @param mixture - the mixture
 * @param theta - parameters (length p)
 * @param out - receives the densities (length n; allocated if absent)
 * @returns `out`
 * @example
 * ```ts
 * const lambda = mixtureDensity(data, fit.theta); // fitted density at the events
 * ```
 */
export function mixtureDensity(
  mixture: LinearMixture,
  theta: ArrayLike<number>,
  out: Float64Array = new Float64Array(mixture.n),
): Float64Array {
  const { p, n, phi } = mixture;
  for (let i = 0, row = 0; i < n; i++, row += p) {
    let s = 0;
    for (let k = 0; k < p; k++) s += theta[k]! * phi[row + k]!;
    out[i] = s;
  }
  return out;
}

/**
 * The Asimov dataset (CCGV2011 eq. (24)) of a linear mixture at θ: the nodes of a quadrature
 * template (`linearMixture(components, nodes.x, { weights: nodes.w, … })`) with weights
 * w_j = max(λ(x_j; θ), 0) Δ_j, so that Σ_j w_j g(x_j) = ∫ λ g dx. Its maximum-likelihood
 * estimate is θ itself (up to the quadrature error). Shares the template's arrays.
 * @param template - nodes over the fit region with their quadrature weights Δ_j
 * @param theta - the generating parameters (length p)
 * @returns the Asimov mixture
 * @throws {@link PhysError} `INVALID_ARGUMENT` if the template has no weights,
 *   `INCOMPATIBLE_SHAPES` for θ of the wrong length
 * @example
 * ```ts
 * const asimov = asimovMixture(template, backgroundOnlyFit.theta);
 * ```
 */
export function asimovMixture(template: LinearMixture, theta: ArrayLike<number>): LinearMixture {
  if (template.weights === null) {
    throw argumentError("INVALID_ARGUMENT", "template.weights", null, "quadrature weights (a node template)");
  }
  if (theta.length !== template.p) {
    throw new PhysError("INCOMPATIBLE_SHAPES", `theta must have ${template.p} entries, got ${theta.length}`, {
      argument: "theta",
      value: theta.length,
      allowed: `length ${template.p}`,
    });
  }
  const w = mixtureDensity(template, theta);
  const dx = template.weights;
  for (let j = 0; j < template.n; j++) w[j] = Math.max(w[j]!, 0) * dx[j]!;
  const t = template;
  return makeMixture(t.p, t.x, t.phi, w, t.integrals, t.lowerBounds, t.upperBounds, t.positivity);
}
