/**
 * Toy datasets from a model and pull studies (Belle2-4mu sec. VI signal-injection study).
 *
 * @packageDocumentation
 */
import type { RandomSource } from "@muonphilic/random";
import { argumentError, PhysError, requireInteger, requireNonNegative } from "@muonphilic/units";
import type { FitResult } from "../fit/fit.js";
import type { Pdf } from "../pdfs/pdf.js";

/** One component of a toy model: an expected yield and its pdf. */
export interface ToyComponent {
  /** Expected number of events, ≥ 0. */
  readonly yield: number;
  /** The component's pdf. */
  readonly pdf: Pdf;
}

/** Options of {@link generateToy}. */
export interface ToyOptions {
  /** Draw each component's count from a Poisson of its yield (extended toy, default) or use round(yield). */
  readonly poisson?: boolean;
}

/**
 * A toy dataset: for each component, n ~ Poisson(yield) events (or round(yield) with
 * `poisson: false`) drawn from its pdf; components are concatenated in order.
 * @param components - yields and pdfs
 * @param rng - the seeded random source
 * @param options - `poisson: false` for fixed counts
 * @returns the events (unit of x)
 * @throws {@link PhysError} for a negative or non-finite yield, or an empty component list
 * @example
 * ```ts
 * const data = generateToy([{ yield: 50, pdf: signal }, { yield: 2000, pdf: background }], createRandom(1));
 * ```
 */
export function generateToy(
  components: readonly ToyComponent[],
  rng: RandomSource,
  options: ToyOptions = {},
): Float64Array {
  if (!Array.isArray(components) || components.length === 0) {
    throw argumentError("INVALID_ARGUMENT", "components", components, "a non-empty array");
  }
  const poisson = options.poisson ?? true;
  const counts = components.map((c, k) => {
    const y = requireNonNegative(`components[${k}].yield`, c.yield);
    return poisson ? rng.poisson(y) : Math.round(y);
  });
  const out = new Float64Array(counts.reduce((s, n) => s + n, 0));
  let at = 0;
  components.forEach((c, k) => {
    out.set(c.pdf.sample(rng, counts[k]!), at);
    at += counts[k]!;
  });
  return out;
}

/** How the pull denominator is chosen. */
export type PullErrorKind =
  /** The HESSE error. */
  | "hesse"
  /** The MINOS error on the side of the truth (upper if the estimate is below the truth). */
  | "minos";

/** Options of {@link pullStudy}. */
export interface PullStudyOptions {
  /** Number of toys, ≥ 1. */
  readonly nToys: number;
  /** Seeded source; toy i uses `rng.fork(i)` so each toy is reproducible on its own. */
  readonly rng: RandomSource;
  /** Generates one toy dataset. */
  readonly generate: (rng: RandomSource) => Float64Array;
  /** Fits one dataset (a result with `valid: false` counts as a failure; an exception too). */
  readonly fit: (data: Float64Array) => FitResult;
  /** True values of the parameters whose pulls are summarised, by name. */
  readonly truth: Readonly<Record<string, number>>;
  /** Pull denominator; default "hesse" (MINOS errors must have been requested by `fit`). */
  readonly errors?: PullErrorKind;
}

/** Summary of the pulls of one parameter. */
export interface PullSummary {
  /** Pull of each toy, (θ̂ − θ_true)/σ̂; NaN for failed toys. */
  readonly pulls: Float64Array;
  /** Mean of the pulls of successful toys. */
  readonly mean: number;
  /** Its standard error, width/√n. */
  readonly meanError: number;
  /** Standard deviation (n − 1 denominator). */
  readonly width: number;
  /** Its standard error, width/√(2(n − 1)) (Gaussian approximation). */
  readonly widthError: number;
  /** Mean of θ̂ − θ_true (the bias, unit of θ). */
  readonly bias: number;
}

/** A failed toy. */
export interface ToyFailure {
  /** Toy index. */
  readonly toy: number;
  /** Minimiser status, or "exception". */
  readonly status: string;
  /** Details (error message or covariance status). */
  readonly reason: string;
}

/** Result of {@link pullStudy}. */
export interface PullStudyResult {
  readonly nToys: number;
  /** Number of failed toys (invalid fit or exception): every failure is listed in `failures`. */
  readonly nFailed: number;
  readonly failures: readonly ToyFailure[];
  /** Per-parameter pull summaries. */
  readonly parameters: Readonly<Record<string, PullSummary>>;
}

/**
 * Pull study: generate `nToys` datasets, fit each, and summarise (θ̂ − θ_true)/σ̂ for the
 * parameters in `truth`: mean and width with their standard errors. A toy whose fit is invalid
 * or throws is a failure: counted, listed with its reason, and excluded from the summaries.
 * @param options - number of toys, random source, generator, fit, true values, pull denominator
 * @returns a {@link PullStudyResult}
 * @throws {@link PhysError} for nToys < 1 or an empty `truth`
 * @example
 * ```ts
 * const study = pullStudy({ nToys: 1000, rng: createRandom(7), truth: { Ns: 50 },
 *   generate: (r) => generateToy(components, r), fit: (d) => fit(makeNll(d), start) });
 * study.parameters.Ns.mean; study.parameters.Ns.width; study.nFailed;
 * ```
 */
export function pullStudy(options: PullStudyOptions): PullStudyResult {
  const nToys = requireInteger("nToys", options.nToys, 1);
  const names = Object.keys(options.truth);
  if (names.length === 0) throw argumentError("INVALID_ARGUMENT", "truth", options.truth, "at least one parameter");
  const kind = options.errors ?? "hesse";
  if (kind !== "hesse" && kind !== "minos") throw argumentError("UNKNOWN_NAME", "errors", kind, `"hesse" or "minos"`);
  const pulls = names.map(() => new Float64Array(nToys).fill(Number.NaN));
  const resid = names.map(() => new Float64Array(nToys).fill(Number.NaN));
  const failures: ToyFailure[] = [];
  for (let t = 0; t < nToys; t++) {
    let r: FitResult;
    try {
      r = options.fit(options.generate(options.rng.fork(t)));
    } catch (e) {
      failures.push({ toy: t, status: "exception", reason: e instanceof Error ? e.message : String(e) });
      continue;
    }
    if (!r.valid) {
      failures.push({ toy: t, status: r.status, reason: `covariance ${r.covarianceStatus}` });
      continue;
    }
    names.forEach((name, k) => {
      const p = r.parameters[name];
      if (!p) {
        throw new PhysError("UNKNOWN_NAME", `truth.${name} is not a parameter of the fit`, {
          argument: `truth.${name}`,
          value: name,
          allowed: r.names.join(" | "),
        });
      }
      const d = p.value - options.truth[name]!;
      let err = p.error;
      if (kind === "minos") err = p.minos ? (d < 0 ? p.minos.upper : -p.minos.lower) : Number.NaN;
      pulls[k]![t] = d / err;
      resid[k]![t] = d;
    });
  }
  const parameters: Record<string, PullSummary> = {};
  names.forEach((name, k) => {
    const ok = pulls[k]!.filter((v) => Number.isFinite(v));
    const n = ok.length;
    const mean = ok.reduce((s, v) => s + v, 0) / n;
    const width = Math.sqrt(ok.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    const rs = resid[k]!.filter((v) => Number.isFinite(v));
    parameters[name] = {
      pulls: pulls[k]!,
      mean,
      meanError: width / Math.sqrt(n),
      width,
      widthError: width / Math.sqrt(2 * (n - 1)),
      bias: rs.reduce((s, v) => s + v, 0) / rs.length,
    };
  });
  return { nToys, nFailed: failures.length, failures, parameters };
}
