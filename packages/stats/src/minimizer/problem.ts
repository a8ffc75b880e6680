/**
 * The internal view of a minimisation problem: free parameters in Minuit's internal
 * coordinates (bound transformations), the objective wrapper with call counting, and the
 * numerical gradient with Minuit's step control. Not exported from the package.
 *
 * @packageDocumentation
 */
import { argumentError, PhysError } from "@muonphilic/units";
import type { Objective, ParameterSpec } from "./types.js";

/** Minuit2's machine precision for doubles: eps = 8 × 2⁻⁵³, eps2 = 2 √eps (MnMachinePrecision). */
export const EPS = 8 * 2 ** -53;
/** 2 √EPS. */
export const EPS2 = 2 * Math.sqrt(EPS);

/** Kinds of bound transformation. */
enum Bound {
  None = 0,
  Both = 1,
  Lower = 2,
  Upper = 3,
}

/** Minuit strategy settings (MnStrategy). */
export interface StrategySettings {
  readonly gradCycles: number;
  readonly gradStepTol: number;
  readonly gradTol: number;
  readonly hessCycles: number;
  readonly hessStepTol: number;
  readonly hessG2Tol: number;
}

/** MnStrategy levels 0, 1, 2. */
export const STRATEGIES: readonly [StrategySettings, StrategySettings, StrategySettings] = [
  { gradCycles: 2, gradStepTol: 0.5, gradTol: 0.1, hessCycles: 3, hessStepTol: 0.5, hessG2Tol: 0.1 },
  { gradCycles: 3, gradStepTol: 0.3, gradTol: 0.05, hessCycles: 5, hessStepTol: 0.3, hessG2Tol: 0.05 },
  { gradCycles: 5, gradStepTol: 0.1, gradTol: 0.02, hessCycles: 7, hessStepTol: 0.1, hessG2Tol: 0.02 },
];

/** iminuit's initial-step guess: 1 % of |value|, or 0.1 for a zero value. */
export function defaultStep(value: number): number {
  return value !== 0 ? 0.01 * Math.abs(value) : 0.1;
}

/**
 * Validates parameter specs: unique names, finite start values, positive steps, ordered bounds,
 * start values inside bounds.
 * @throws {@link PhysError} naming the offending `params[i].field`
 */
export function validateParams(params: readonly ParameterSpec[]): void {
  if (!Array.isArray(params)) throw argumentError("INVALID_ARGUMENT", "params", params, "an array of ParameterSpec");
  const seen = new Set<string>();
  params.forEach((p, i) => {
    const at = `params[${i}]`;
    if (p === null || typeof p !== "object") throw argumentError("INVALID_ARGUMENT", at, p, "a ParameterSpec object");
    if (typeof p.name !== "string" || p.name.length === 0) {
      throw argumentError("INVALID_ARGUMENT", `${at}.name`, p.name, "a non-empty string");
    }
    if (seen.has(p.name)) throw argumentError("INVALID_ARGUMENT", `${at}.name`, p.name, "unique among parameters");
    seen.add(p.name);
    if (typeof p.value !== "number" || !Number.isFinite(p.value)) {
      throw argumentError("INVALID_ARGUMENT", `${at}.value`, p.value, "a finite number");
    }
    if (p.step !== undefined && !(typeof p.step === "number" && Number.isFinite(p.step) && p.step > 0)) {
      throw argumentError("OUT_OF_DOMAIN", `${at}.step`, p.step, "a finite number > 0");
    }
    const lo = p.lower ?? Number.NEGATIVE_INFINITY;
    const hi = p.upper ?? Number.POSITIVE_INFINITY;
    if (typeof lo !== "number" || Number.isNaN(lo) || lo === Number.POSITIVE_INFINITY) {
      throw argumentError("INVALID_ARGUMENT", `${at}.lower`, p.lower, "a number or -Infinity");
    }
    if (typeof hi !== "number" || Number.isNaN(hi) || hi === Number.NEGATIVE_INFINITY) {
      throw argumentError("INVALID_ARGUMENT", `${at}.upper`, p.upper, "a number or +Infinity");
    }
    if (!(lo < hi)) {
      throw new PhysError("OUT_OF_DOMAIN", `${at}: bounds inverted or empty, lower ${lo} must be < upper ${hi}`, {
        argument: `${at}.upper`,
        value: hi,
        allowed: `> ${lo}`,
      });
    }
    if (p.value < lo || p.value > hi) {
      throw argumentError("OUT_OF_DOMAIN", `${at}.value`, p.value, `within the bounds [${lo}, ${hi}]`);
    }
  });
}

/**
 * A minimisation problem in internal coordinates. Owns every buffer the algorithms reuse.
 */
export class Problem {
  /** Total number of parameters. */
  readonly n: number;
  /** Number of free parameters. */
  readonly nf: number;
  /** External index of free parameter i. */
  readonly free: Int32Array;
  readonly names: readonly string[];
  readonly fixedFlags: readonly boolean[];
  readonly up: number;
  readonly hasGradient: boolean;
  /** External point handed to the objective (fixed parameters stay at their values). */
  readonly ext: Float64Array;
  /** External gradient buffer. */
  readonly gext: Float64Array;
  /** Initial external steps of the free parameters. */
  readonly steps: Float64Array;
  private readonly kind: Uint8Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  private readonly fcn: Objective;
  nfcn = 0;
  ngrad = 0;

  constructor(fcn: Objective, params: readonly ParameterSpec[], errordef: number, values?: Float64Array) {
    this.fcn = fcn;
    this.n = params.length;
    this.names = params.map((p) => p.name);
    this.fixedFlags = params.map((p) => p.fixed === true);
    this.up = errordef;
    this.hasGradient = typeof fcn.gradient === "function";
    this.ext = new Float64Array(this.n);
    this.gext = new Float64Array(this.n);
    const freeIdx: number[] = [];
    params.forEach((p, i) => {
      this.ext[i] = values ? values[i]! : p.value;
      if (p.fixed !== true) freeIdx.push(i);
    });
    this.nf = freeIdx.length;
    this.free = Int32Array.from(freeIdx);
    this.kind = new Uint8Array(this.nf);
    this.lo = new Float64Array(this.nf);
    this.hi = new Float64Array(this.nf);
    this.steps = new Float64Array(this.nf);
    for (let i = 0; i < this.nf; i++) {
      const p = params[this.free[i]!]!;
      const lo = p.lower ?? Number.NEGATIVE_INFINITY;
      const hi = p.upper ?? Number.POSITIVE_INFINITY;
      this.lo[i] = lo;
      this.hi[i] = hi;
      const hasLo = Number.isFinite(lo);
      const hasHi = Number.isFinite(hi);
      this.kind[i] = hasLo && hasHi ? Bound.Both : hasLo ? Bound.Lower : hasHi ? Bound.Upper : Bound.None;
      this.steps[i] = p.step ?? defaultStep(p.value);
    }
  }

  /** True if free parameter i has at least one bound. */
  hasLimits(i: number): boolean {
    return this.kind[i] !== Bound.None;
  }

  /**
   * Internal → external value. Sin transformation for two bounds, square-root transformations
   * for one (Minuit2 SinParameterTransformation, SqrtLow/SqrtUpParameterTransformation).
   */
  int2ext(i: number, v: number): number {
    switch (this.kind[i]) {
      case Bound.Both:
        return this.lo[i]! + 0.5 * (this.hi[i]! - this.lo[i]!) * (Math.sin(v) + 1);
      case Bound.Lower:
        return this.lo[i]! - 1 + Math.sqrt(v * v + 1);
      case Bound.Upper:
        return this.hi[i]! + 1 - Math.sqrt(v * v + 1);
      default:
        return v;
    }
  }

  /** External → internal value (inverse of {@link int2ext}, clamped as Minuit2 does at the bounds). */
  ext2int(i: number, x: number): number {
    switch (this.kind[i]) {
      case Bound.Both: {
        const lo = this.lo[i]!;
        const hi = this.hi[i]!;
        const distnn = 8 * Math.sqrt(EPS2);
        const yy = (2 * (x - lo)) / (hi - lo) - 1;
        if (yy * yy > 1 - EPS2) return yy < 0 ? -Math.PI / 2 + distnn : Math.PI / 2 - distnn;
        return Math.asin(yy);
      }
      case Bound.Lower: {
        const yy = x - this.lo[i]! + 1;
        return yy * yy < 1 ? 0 : Math.sqrt(yy * yy - 1);
      }
      case Bound.Upper: {
        const yy = this.hi[i]! - x + 1;
        return yy * yy < 1 ? 0 : Math.sqrt(yy * yy - 1);
      }
      default:
        return x;
    }
  }

  /** d(external)/d(internal) at internal value v. */
  dInt2Ext(i: number, v: number): number {
    switch (this.kind[i]) {
      case Bound.Both:
        return 0.5 * (this.hi[i]! - this.lo[i]!) * Math.cos(v);
      case Bound.Lower:
        return v / Math.sqrt(v * v + 1);
      case Bound.Upper:
        return -v / Math.sqrt(v * v + 1);
      default:
        return 1;
    }
  }

  /**
   * External error from an internal one (MnUserTransformation::Int2extError): for bounded
   * parameters, the mean of the external images of v ± err.
   */
  int2extError(i: number, v: number, err: number): number {
    if (this.kind[i] === Bound.None) return err;
    const ui = this.int2ext(i, v);
    let du1 = this.int2ext(i, v + err) - ui;
    const du2 = this.int2ext(i, v - err) - ui;
    if (this.kind[i] === Bound.Both && err > 1) du1 = this.hi[i]! - this.lo[i]!;
    return 0.5 * (Math.abs(du1) + Math.abs(du2));
  }

  /** Writes the external point for internal x into `ext`. */
  setExternal(x: Float64Array): void {
    const free = this.free;
    for (let i = 0; i < this.nf; i++) this.ext[free[i]!] = this.int2ext(i, x[i]!);
  }

  /** Objective at internal x (counts the call; non-finite values become +Infinity). */
  value(x: Float64Array): number {
    this.setExternal(x);
    this.nfcn++;
    const f = this.fcn(this.ext);
    return Number.isNaN(f) ? Number.POSITIVE_INFINITY : f;
  }

  /** Analytic gradient at internal x, in internal coordinates, written into g. */
  analyticGradient(x: Float64Array, g: Float64Array): void {
    this.setExternal(x);
    this.ngrad++;
    this.gext.fill(0);
    (this.fcn.gradient as (x: Float64Array, grad: Float64Array) => void)(this.ext, this.gext);
    for (let i = 0; i < this.nf; i++) g[i] = this.gext[this.free[i]!]! * this.dInt2Ext(i, x[i]!);
  }

  /**
   * Initial gradient estimate from the user steps (Minuit2 InitialGradientCalculator):
   * dirin = mean internal image of ± step, g2 = 2 up / dirin², gstep = max(gsmin, 0.1 dirin),
   * grd = g2 dirin.
   */
  initialGradient(x: Float64Array, g: Float64Array, g2: Float64Array, gstep: Float64Array): void {
    for (let i = 0; i < this.nf; i++) {
      const v = x[i]!;
      const werr = this.steps[i]!;
      const sav = this.int2ext(i, v);
      let sav2 = sav + werr;
      if (Number.isFinite(this.hi[i]!) && sav2 > this.hi[i]!) sav2 = this.hi[i]!;
      const vplu = this.ext2int(i, sav2) - v;
      sav2 = sav - werr;
      if (Number.isFinite(this.lo[i]!) && sav2 < this.lo[i]!) sav2 = this.lo[i]!;
      const vmin = this.ext2int(i, sav2) - v;
      const gsmin = 8 * EPS2 * (Math.abs(v) + EPS2);
      const dirin = Math.max(0.5 * (Math.abs(vplu) + Math.abs(vmin)), gsmin);
      g2[i] = (2 * this.up) / (dirin * dirin);
      gstep[i] = Math.max(gsmin, 0.1 * dirin);
      if (this.hasLimits(i)) gstep[i] = Math.min(gstep[i]!, 0.5);
      g[i] = g2[i]! * dirin;
    }
  }

  /**
   * Two-point numerical gradient with Minuit's iterative step control
   * (Numerical2PGradientCalculator): starts from the previous g, g2, gstep and refines each
   * component over up to `cycles` central differences.
   */
  numericalGradient(
    x: Float64Array,
    fval: number,
    g: Float64Array,
    g2: Float64Array,
    gstep: Float64Array,
    s: StrategySettings,
  ): void {
    const dfmin = 8 * EPS2 * (Math.abs(fval) + this.up);
    const vrysml = 8 * EPS * EPS;
    for (let i = 0; i < this.nf; i++) {
      const xtf = x[i]!;
      const epspri = EPS2 + Math.abs(g[i]! * EPS2);
      let stepb4 = 0;
      for (let j = 0; j < s.gradCycles; j++) {
        const optstp = Math.sqrt(dfmin / (Math.abs(g2[i]!) + epspri));
        let step = Math.max(optstp, Math.abs(0.1 * gstep[i]!));
        if (this.hasLimits(i) && step > 0.5) step = 0.5;
        const stpmax = 10 * Math.abs(gstep[i]!);
        if (step > stpmax) step = stpmax;
        const stpmin = Math.max(vrysml, 8 * Math.abs(EPS2 * xtf));
        if (step < stpmin) step = stpmin;
        if (Math.abs((step - stepb4) / step) < s.gradStepTol) break;
        gstep[i] = step;
        stepb4 = step;
        x[i] = xtf + step;
        const fs1 = this.value(x);
        x[i] = xtf - step;
        const fs2 = this.value(x);
        x[i] = xtf;
        const grdb4 = g[i]!;
        g[i] = (0.5 * (fs1 - fs2)) / step;
        g2[i] = (fs1 + fs2 - 2 * fval) / step / step;
        if (Math.abs(grdb4 - g[i]!) / (Math.abs(g[i]!) + dfmin / step) < s.gradTol) break;
      }
    }
    this.setExternal(x);
  }

  /** Internal start point from the external values in `ext`. */
  internalStart(x: Float64Array): void {
    for (let i = 0; i < this.nf; i++) x[i] = this.ext2int(i, this.ext[this.free[i]!]!);
  }
}
