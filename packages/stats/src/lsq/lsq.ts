/**
 * Least-squares fits through ml-levenberg-marquardt (binned shape fits, e.g. double-CB shape
 * parameters to a simulated mass histogram), with honest uncertainties from HESSE on the χ².
 *
 * Notes on ml-levenberg-marquardt 5.x (checked against its source): its README documents
 * `errorTolerance` = 10e-3 (= 0.01) but the code uses 1e-7, and it stops only when χ² falls below
 * that tolerance or after `maxIterations`, so on real data it always runs all iterations; its
 * `gradientDifference` default 10e-2 (= 0.1) is an absolute step; `weights` are 1/σ (it minimises
 * Σ rᵢ² wᵢ²); and its `parameterError` is the final χ², not an uncertainty. We therefore pass every
 * option explicitly, call the result's χ² `chi2`, and compute errors from the second derivatives.
 *
 * @packageDocumentation
 */
import { argumentError, PhysError, requireFinite, requirePositive } from "@muonphilic/units";
import { levenbergMarquardt } from "ml-levenberg-marquardt";
import { correlationMatrix } from "../fit/fit.js";
import { hesse, migrad } from "../minimizer/migrad.js";
import { defaultStep, validateParams } from "../minimizer/problem.js";
import type { CovarianceStatus, ParameterSpec } from "../minimizer/types.js";

/** Defaults of {@link fitLeastSquares} (passed explicitly to ml-levenberg-marquardt). */
export const LSQ_DEFAULTS = {
  /** Initial damping λ. */
  damping: 1e-2,
  /** Iterations (the library stops early only if χ² < errorTolerance). */
  maxIterations: 200,
  /** χ² below which the library stops (its actual default 1e-7; its README says 10e-3). */
  errorTolerance: 1e-7,
  /** Finite-difference step of the Jacobian as a fraction of each parameter's step. */
  relativeGradientStep: 1e-4,
  /** Polish with MIGRAD when the EDM after Levenberg-Marquardt is above goal. */
  polish: true,
} as const;

/** Options of {@link fitLeastSquares}. */
export interface LeastSquaresOptions {
  /** Abscissae (e.g. bin centres). */
  readonly x: ArrayLike<number>;
  /** Measurements (e.g. bin contents). */
  readonly y: ArrayLike<number>;
  /** Uncertainties of y, > 0 (e.g. √n, or √max(n, 1) for empty bins). */
  readonly sigma: ArrayLike<number>;
  /** Model in ml-levenberg-marquardt's form: parameters → (x → value). */
  readonly model: (p: number[]) => (x: number) => number;
  /** Parameters: start values, steps (scale of the Jacobian steps), bounds (clamped by the library); `fixed` is honoured. */
  readonly params: readonly ParameterSpec[];
  /** Optional analytic Jacobian: parameters → (x → ∂model/∂p, free parameters only, in order). */
  readonly jacobian?: (p: number[]) => (x: number) => number[];
  /** Initial damping; default {@link LSQ_DEFAULTS}.damping. */
  readonly damping?: number;
  /** Iterations; default {@link LSQ_DEFAULTS}.maxIterations. */
  readonly maxIterations?: number;
  /** Run MIGRAD from the Levenberg-Marquardt solution if its EDM is above goal; default true. */
  readonly polish?: boolean;
}

/** Result of {@link fitLeastSquares}. */
export interface LeastSquaresResult {
  /** HESSE succeeded and the EDM at the final point is below the goal (0.002 × 0.1 × 1). */
  readonly valid: boolean;
  readonly names: readonly string[];
  readonly values: Float64Array;
  /** HESSE errors of the χ² (errordef 1); 0 for fixed parameters. */
  readonly errors: Float64Array;
  readonly covariance: Float64Array;
  readonly correlation: Float64Array;
  readonly covarianceStatus: CovarianceStatus;
  /** χ² at the final point. */
  readonly chi2: number;
  /** Degrees of freedom: points − free parameters. */
  readonly ndf: number;
  /** χ² reached by Levenberg-Marquardt (the library's `parameterError`). */
  readonly lmChi2: number;
  /** Levenberg-Marquardt iterations. */
  readonly iterations: number;
  /** Whether MIGRAD polishing was needed (and run). */
  readonly polished: boolean;
  /** EDM at the final point. */
  readonly edm: number;
}

/**
 * Weighted least-squares fit χ²(p) = Σ ((yᵢ − m(xᵢ; p))/σᵢ)² by Levenberg-Marquardt
 * (ml-levenberg-marquardt), then HESSE on χ² (errordef 1) for the covariance, and MIGRAD polishing
 * when the EDM is above the goal.
 * @param options - data (x, y, σ), model, parameter specs and Levenberg-Marquardt settings
 * @returns a {@link LeastSquaresResult}
 * @throws {@link PhysError} for mismatched lengths, non-finite data, σ ≤ 0, fewer points than free parameters, invalid specs
 * @example
 * ```ts
 * const r = fitLeastSquares({ x: centres, y: counts, sigma: counts.map((n) => Math.sqrt(Math.max(n, 1))),
 *   model: ([a, b]) => (x) => a! + b! * x, params: [{ name: "a", value: 1 }, { name: "b", value: 0 }] });
 * r.values; r.errors; r.chi2 / r.ndf;
 * ```
 */
export function fitLeastSquares(options: LeastSquaresOptions): LeastSquaresResult {
  const x = Float64Array.from(options.x);
  const y = Float64Array.from(options.y);
  const sigma = Float64Array.from(options.sigma);
  if (y.length !== x.length || sigma.length !== x.length) {
    throw new PhysError(
      "INCOMPATIBLE_SHAPES",
      `x, y and sigma must have the same length, got ${x.length}, ${y.length}, ${sigma.length}`,
      {
        argument: y.length !== x.length ? "y" : "sigma",
        value: y.length !== x.length ? y.length : sigma.length,
        allowed: `length ${x.length}`,
      },
    );
  }
  for (let i = 0; i < x.length; i++) {
    requireFinite(`x[${i}]`, x[i]);
    requireFinite(`y[${i}]`, y[i]);
    requirePositive(`sigma[${i}]`, sigma[i]);
  }
  validateParams(options.params);
  const specs = options.params;
  const names = specs.map((p) => p.name);
  const freeIdx = specs.flatMap((p, i) => (p.fixed ? [] : [i]));
  const nFree = freeIdx.length;
  if (nFree === 0) throw argumentError("INVALID_ARGUMENT", "params", names, "at least one free parameter");
  if (x.length < Math.max(nFree, 2))
    throw argumentError("INVALID_ARGUMENT", "x", x.length, `at least ${Math.max(nFree, 2)} points`);
  const full = specs.map((p) => p.value);
  const expand = (free: ArrayLike<number>): number[] => {
    const p = full.slice();
    freeIdx.forEach((i, k) => {
      p[i] = free[k]!;
    });
    return p;
  };
  const step = freeIdx.map((i) => specs[i]!.step ?? defaultStep(specs[i]!.value));
  const lm = levenbergMarquardt(
    { x: Array.from(x), y: Array.from(y) },
    (free: number[]) => options.model(expand(free)),
    {
      initialValues: freeIdx.map((i) => specs[i]!.value),
      weights: Array.from(sigma, (s) => 1 / s),
      damping: options.damping ?? LSQ_DEFAULTS.damping,
      maxIterations: options.maxIterations ?? LSQ_DEFAULTS.maxIterations,
      errorTolerance: LSQ_DEFAULTS.errorTolerance,
      gradientDifference: step.map((s) => s * LSQ_DEFAULTS.relativeGradientStep),
      centralDifference: true,
      minValues: freeIdx.map((i) => specs[i]!.lower ?? -Number.MAX_VALUE),
      maxValues: freeIdx.map((i) => specs[i]!.upper ?? Number.MAX_VALUE),
      ...(options.jacobian ? { jacobianFunction: (free: number[]) => options.jacobian!(expand(free)) } : {}),
    },
  );
  const chi2 = Object.assign(
    (p: Float64Array): number => {
      const m = options.model(Array.from(p));
      let c = 0;
      for (let i = 0; i < x.length; i++) {
        const r = (y[i]! - m(x[i]!)) / sigma[i]!;
        c += r * r;
      }
      return c;
    },
    { errordef: 1 },
  );
  const lmValues = expand(lm.parameterValues);
  const atLm = specs.map((p, i) => ({ ...p, value: lmValues[i]! }));
  let h = hesse(chi2, atLm, Float64Array.from(lmValues));
  const goal = 0.002 * 0.1 * 1;
  let polished = false;
  if ((options.polish ?? LSQ_DEFAULTS.polish) && !(h.covarianceStatus === "accurate" && h.edm < goal)) {
    const m = migrad(
      chi2,
      atLm.map((p, i) => (h.errors[i]! > 0 ? { ...p, step: h.errors[i]! } : p)),
      { hesse: true, tolerance: 0.01 },
    );
    if (m.fval <= h.fval) {
      h = m;
      polished = true;
    }
  }
  return {
    valid: h.covarianceStatus !== "not-available" && h.edm < goal,
    names,
    values: h.values,
    errors: h.errors,
    covariance: h.covariance,
    correlation: correlationMatrix(h.covariance, specs.length),
    covarianceStatus: h.covarianceStatus,
    chi2: h.fval,
    ndf: x.length - nFree,
    lmChi2: lm.parameterError,
    iterations: lm.iterations,
    polished,
    edm: h.edm,
  };
}
