/**
 * The shared error class (STYLE.md §5). Every package throws {@link PhysError} (or a subclass)
 * for bad input at its public entry points; numeric kernels return `NaN` instead of throwing.
 *
 * A message says what was wrong, what was expected and what was received:
 * `mass must be > 0 GeV, got -3`.
 *
 * @packageDocumentation
 */

/** Machine-readable error codes. The service maps each to an HTTP status. */
export type PhysErrorCode =
  /** An argument has the wrong type or shape, or is not finite. */
  | "INVALID_ARGUMENT"
  /** An argument is a number outside the domain of the function (negative mass, |β| ≥ 1). */
  | "OUT_OF_DOMAIN"
  /** A process or decay is not kinematically allowed (a daughter heavier than its parent). */
  | "KINEMATICALLY_FORBIDDEN"
  /** Arrays or matrices whose sizes do not match. */
  | "INCOMPATIBLE_SHAPES"
  /** A matrix that must be inverted is singular or not positive definite. */
  | "SINGULAR_MATRIX"
  /** A model has no parameter of interest where one is needed. */
  | "NO_POI"
  /** A name (preset, parameter, column, channel) that does not exist. */
  | "UNKNOWN_NAME"
  /** A document (JSON workspace, CSV, config) that does not follow its schema. */
  | "SCHEMA_VIOLATION"
  /** A root finder could not bracket its root (an upper limit outside the POI range). */
  | "NO_BRACKET"
  /** Input/output failures: missing or unreadable files. */
  | "IO_ERROR";

/** What a {@link PhysError} carries besides its message. */
export interface PhysErrorDetails {
  /** The argument (or JSON/field path) that was wrong, e.g. `"mass"` or `"channels[0].samples[1].data"`. */
  readonly argument?: string;
  /** The value received (kept as given; may be any JSON-like value). */
  readonly value?: unknown;
  /** The allowed range or form, human-readable, e.g. `"> 0"`, `"[0, 1]"`, `"finite"`. */
  readonly allowed?: string;
  /** Anything else useful to the caller. */
  readonly [key: string]: unknown;
}

/**
 * The project's error class.
 *
 * @example
 * ```ts
 * try { requirePositive("mass", -3, "GeV"); }
 * catch (e) { if (e instanceof PhysError) console.log(e.code, e.details.argument); } // "OUT_OF_DOMAIN" "mass"
 * ```
 */
export class PhysError extends Error {
  /** Machine-readable code. */
  readonly code: PhysErrorCode;
  /** The offending argument, value and allowed range, and anything else useful. */
  readonly details: PhysErrorDetails;

  constructor(code: PhysErrorCode, message: string, details: PhysErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "PhysError";
    this.code = code;
    this.details = details;
  }

  /** The argument name, if the error concerns one. */
  get argument(): string | undefined {
    return this.details.argument;
  }

  /** A JSON-serialisable form (for logs, CLI output and the service). */
  toJSON(): { name: string; code: PhysErrorCode; message: string; details: PhysErrorDetails } {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}

/** True when `e` is a {@link PhysError}, optionally with the given code. */
export function isPhysError(e: unknown, code?: PhysErrorCode): e is PhysError {
  return e instanceof PhysError && (code === undefined || e.code === code);
}

function show(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(value);
  }
}

const withUnit = (x: number | string, unit: string | undefined): string => (unit ? `${x} ${unit}` : `${x}`);

/**
 * Builds the standard "`name` must be `allowed`, got `value`" error.
 * @param code - the error code
 * @param argument - the argument's name (or path)
 * @param value - the value received
 * @param allowed - the allowed range or form
 */
export function argumentError(code: PhysErrorCode, argument: string, value: unknown, allowed: string): PhysError {
  return new PhysError(code, `${argument} must be ${allowed}, got ${show(value)}`, { argument, value, allowed });
}

/**
 * Throws unless `value` is a finite number.
 * @throws {@link PhysError} `INVALID_ARGUMENT`
 */
export function requireFinite(argument: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw argumentError("INVALID_ARGUMENT", argument, value, "a finite number");
  }
  return value;
}

/**
 * Throws unless `value` is finite and > 0.
 * @param unit - printed after the bound in the message (e.g. "GeV")
 * @throws {@link PhysError} `INVALID_ARGUMENT` if not finite, `OUT_OF_DOMAIN` if ≤ 0
 */
export function requirePositive(argument: string, value: unknown, unit?: string): number {
  const x = requireFinite(argument, value);
  if (!(x > 0)) throw argumentError("OUT_OF_DOMAIN", argument, x, withUnit("> 0", unit));
  return x;
}

/**
 * Throws unless `value` is finite and ≥ 0.
 * @throws {@link PhysError} `INVALID_ARGUMENT` if not finite, `OUT_OF_DOMAIN` if < 0
 */
export function requireNonNegative(argument: string, value: unknown, unit?: string): number {
  const x = requireFinite(argument, value);
  if (!(x >= 0)) throw argumentError("OUT_OF_DOMAIN", argument, x, withUnit(">= 0", unit));
  return x;
}

/** Options of {@link requireInRange}. */
export interface RangeOptions {
  /** Include the lower bound (default true). */
  readonly lowInclusive?: boolean;
  /** Include the upper bound (default true). */
  readonly highInclusive?: boolean;
  /** Unit printed in the message. */
  readonly unit?: string;
}

/**
 * Throws unless `low ≤ value ≤ high` (bounds inclusive by default).
 * @throws {@link PhysError} `INVALID_ARGUMENT` if not finite, `OUT_OF_DOMAIN` if outside
 */
export function requireInRange(
  argument: string,
  value: unknown,
  low: number,
  high: number,
  options: RangeOptions = {},
): number {
  const x = requireFinite(argument, value);
  const lowIn = options.lowInclusive ?? true;
  const highIn = options.highInclusive ?? true;
  const okLow = lowIn ? x >= low : x > low;
  const okHigh = highIn ? x <= high : x < high;
  if (!okLow || !okHigh) {
    const range = `${lowIn ? "[" : "("}${low}, ${high}${highIn ? "]" : ")"}`;
    throw argumentError("OUT_OF_DOMAIN", argument, x, `in ${withUnit(range, options.unit)}`);
  }
  return x;
}

/**
 * Throws unless `value` is a probability (efficiency, branching fraction, CL) in [0, 1].
 * @throws {@link PhysError} `INVALID_ARGUMENT` if not finite, `OUT_OF_DOMAIN` if outside [0, 1]
 */
export function requireProbability(argument: string, value: unknown): number {
  return requireInRange(argument, value, 0, 1);
}

/**
 * Throws unless `value` is an integer ≥ `min` (default 0).
 * @throws {@link PhysError} `INVALID_ARGUMENT`
 */
export function requireInteger(argument: string, value: unknown, min = 0): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw argumentError("INVALID_ARGUMENT", argument, value, `an integer >= ${min}`);
  }
  return value;
}

/**
 * Throws unless every entry of `values` is finite; the message names the first bad index.
 * @throws {@link PhysError} `INVALID_ARGUMENT`
 */
export function requireAllFinite(argument: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined || !Number.isFinite(v)) {
      throw argumentError("INVALID_ARGUMENT", `${argument}[${i}]`, v, "a finite number");
    }
  }
}

/**
 * Throws unless two arrays have the same length.
 * @throws {@link PhysError} `INCOMPATIBLE_SHAPES`
 */
export function requireSameLength(
  argumentA: string,
  a: ArrayLike<unknown>,
  argumentB: string,
  b: ArrayLike<unknown>,
): void {
  if (a.length !== b.length) {
    throw new PhysError(
      "INCOMPATIBLE_SHAPES",
      `${argumentA} and ${argumentB} must have the same length, got ${a.length} and ${b.length}`,
      { argument: argumentB, value: b.length, allowed: `length ${a.length}` },
    );
  }
}

/**
 * Throws unless `value` is one of `allowed`.
 * @throws {@link PhysError} `UNKNOWN_NAME`
 */
export function requireOneOf<T extends string>(argument: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new PhysError(
      "UNKNOWN_NAME",
      `${argument} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${show(value)}`,
      {
        argument,
        value,
        allowed: allowed.join(" | "),
      },
    );
  }
  return value as T;
}
