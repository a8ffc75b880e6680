/**
 * Public types of the minimiser: parameter specifications, the objective interface and results.
 *
 * @packageDocumentation
 */

/** A parameter of a fit: name, start value, initial step (≈ expected error), optional bounds, fixed flag. */
export interface ParameterSpec {
  /** Unique name. */
  readonly name: string;
  /** Start value (external coordinates, the caller's units). */
  readonly value: number;
  /**
   * Initial step, a guess of the parameter's uncertainty (same unit as `value`); default
   * `0.01 |value|`, or `0.1` for a zero start value (iminuit's guess).
   */
  readonly step?: number;
  /** Lower bound (inclusive); absent or `-Infinity` for none. */
  readonly lower?: number;
  /** Upper bound (inclusive); absent or `+Infinity` for none. */
  readonly upper?: number;
  /** Keep the parameter at `value`. */
  readonly fixed?: boolean;
}

/**
 * An objective: its value at `x` (length = number of parameters, external coordinates, fixed
 * parameters included), an optional analytic gradient written into `grad`, and its `errordef`.
 * Return `NaN` or `Infinity` where the function is undefined; the minimiser backs off.
 */
export interface Objective {
  (x: Float64Array): number;
  /** Writes ∂f/∂x_i (external coordinates) into `grad` (same length as `x`). */
  gradient?: ((x: Float64Array, grad: Float64Array) => void) | undefined;
  /** Change of f that defines one standard deviation: 0.5 for a negative log-likelihood, 1 for a χ²; default 0.5. */
  errordef?: number | undefined;
}

/** How the minimisation ended. */
export type MinimizerStatus =
  /** EDM below the goal. */
  | "converged"
  /** Stopped at the call limit (`maxfcn`). */
  | "call-limit"
  /** Iterations ended with EDM above 10 × goal (no further progress possible). */
  | "above-max-edm"
  /** The objective returned a non-finite value at the start or everywhere near the current point. */
  | "invalid-function"
  /** The second-derivative matrix could not be made positive definite. */
  | "not-pos-def"
  /** Every parameter is fixed: the objective was evaluated once. */
  | "no-free-parameters";

/** Quality of the covariance matrix, as iminuit's `accurate` / `forced` / `made_pos_def` flags. */
export type CovarianceStatus =
  /** From a full HESSE (second derivatives), positive definite as computed. */
  | "accurate"
  /** From HESSE, but the second-derivative matrix had to be made positive definite (MnPosDef). */
  | "forced-positive-definite"
  /** The variable-metric (BFGS/Davidon) estimate from MIGRAD's iterations only. */
  | "approximate"
  /** No covariance (no free parameter, or inversion failed). */
  | "not-available";

/** The result of {@link migrad} (and of {@link hesse}, which returns an updated copy). */
export interface MinimizerResult {
  /** True when MIGRAD converged (EDM below goal, call limit not reached) and the covariance is available. */
  readonly valid: boolean;
  /** How the minimisation ended. */
  readonly status: MinimizerStatus;
  /** Parameter names, in the order of `values`. */
  readonly names: readonly string[];
  /** Which parameters were fixed. */
  readonly fixed: readonly boolean[];
  /** Best-fit values (external coordinates), fixed parameters included. */
  readonly values: Float64Array;
  /** Parabolic (HESSE or MIGRAD-metric) errors, external coordinates; 0 for fixed parameters. */
  readonly errors: Float64Array;
  /** Covariance matrix, n × n row-major (n = all parameters), external coordinates; rows and columns of fixed parameters are 0. */
  readonly covariance: Float64Array;
  /** Objective at the minimum. */
  readonly fval: number;
  /** Estimated distance to minimum ½ gᵀ V g (internal coordinates). */
  readonly edm: number;
  /** The EDM goal 0.002 × tolerance × errordef. */
  readonly edmGoal: number;
  /** Objective evaluations (including those for numerical derivatives). */
  readonly nfcn: number;
  /** Analytic-gradient evaluations. */
  readonly ngrad: number;
  /** Variable-metric iterations. */
  readonly iterations: number;
  /** Quality of `covariance`. */
  readonly covarianceStatus: CovarianceStatus;
  /** Names of parameters within half an error of a bound (iminuit's criterion). */
  readonly paramsAtLimit: readonly string[];
  /** The errordef used. */
  readonly errordef: number;
  /** The strategy used (0, 1 or 2). */
  readonly strategy: 0 | 1 | 2;
  /** Whether a full HESSE has been run on this result. */
  readonly hesseCalled: boolean;
}

/** Options of {@link migrad}. */
export interface MigradOptions {
  /** 0 (fast), 1 (default) or 2 (careful), as in Minuit. */
  readonly strategy?: 0 | 1 | 2;
  /** Tolerance: the EDM goal is 0.002 × tolerance × errordef (Minuit2); default 0.1. */
  readonly tolerance?: number;
  /** Maximum objective evaluations; default 200 + 100 n + 5 n² (n = free parameters). */
  readonly maxfcn?: number;
  /** Overrides the objective's `errordef`. */
  readonly errordef?: number;
  /** Run {@link hesse} after convergence (iminuit's `migrad()` then `hesse()`); default false. */
  readonly hesse?: boolean;
}

/** Options of {@link hesse}. */
export interface HesseOptions {
  /** Strategy (0, 1, 2): number of refinement cycles of the numerical second derivatives; default that of the result, or 1. */
  readonly strategy?: 0 | 1 | 2;
  /** Overrides the objective's `errordef`. */
  readonly errordef?: number;
  /** Maximum objective evaluations; default 200 + 100 n + 5 n². */
  readonly maxfcn?: number;
}

/** Options of {@link minos}. */
export interface MinosOptions {
  /** Overrides the objective's `errordef` (the crossing is at fval + errordef × cl², cl = 1 for one σ). */
  readonly errordef?: number;
  /** Number of standard deviations of the interval; default 1 (the crossing f = fmin + errordef × cl²). */
  readonly cl?: number;
  /** Accuracy of each crossing, as a fraction of errordef × cl²; default 1e-4. */
  readonly tolerance?: number;
  /** Maximum profile fits per side; default 30. */
  readonly maxIterations?: number;
  /** Strategy of the profile fits; default that of the result. */
  readonly strategy?: 0 | 1 | 2;
}

/** One side of a MINOS interval. */
export interface MinosSide {
  /** Signed distance from the best-fit value to the crossing (negative for the lower side); NaN if not found. */
  readonly error: number;
  /** True when the crossing was found within tolerance. */
  readonly valid: boolean;
  /** The crossing lies beyond a parameter bound (error is then the distance to the bound). */
  readonly atLimit: boolean;
  /** A profile fit found a lower minimum than the input: the input was not the minimum. */
  readonly newMinimum: boolean;
  /** The profile fits hit their call limit, or the search its iteration limit. */
  readonly callLimit: boolean;
  /** Objective evaluations used. */
  readonly nfcn: number;
}

/** The asymmetric MINOS error of one parameter (as iminuit's `MError`). */
export interface MinosError {
  /** Parameter name. */
  readonly name: string;
  /** Best-fit value. */
  readonly value: number;
  /** Lower error (≤ 0). */
  readonly lower: number;
  /** Upper error (≥ 0). */
  readonly upper: number;
  /** Both sides valid. */
  readonly valid: boolean;
  /** Lower side details. */
  readonly lowerSide: MinosSide;
  /** Upper side details. */
  readonly upperSide: MinosSide;
}
