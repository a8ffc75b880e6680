/**
 * Combinations of pdfs: normalised sums with fractions (RooAddPdf, non-extended) and products
 * of pdfs of independent observables (RooProdPdf).
 *
 * @packageDocumentation
 */
import type { RandomSource } from "@muonphilic/random";
import { argumentError, PhysError, requireInteger, requireProbability } from "@muonphilic/units";
import { buildPdf, type Pdf } from "./pdf.js";

/**
 * Σᵢ fᵢ pdfᵢ with k − 1 fractions given for k pdfs (the last gets 1 − Σ fᵢ), every component
 * normalised on the common window (RooAddPdf with coefficients). Extended sums (yields instead of
 * fractions) are the job of the extended likelihood ({@link extendedUnbinnedNLL}).
 * @param pdfs - components, all on the same window
 * @param fractions - k − 1 fractions in [0, 1] with Σ ≤ 1
 * @returns a {@link Pdf}
 * @throws {@link PhysError} `INCOMPATIBLE_SHAPES` for mismatched windows or a wrong number of
 *   fractions, `OUT_OF_DOMAIN` for fractions outside [0, 1] or summing above 1
 * @example
 * ```ts
 * const model = sumPdf([signal, background], [0.1]); // 10 % signal
 * ```
 */
export function sumPdf(pdfs: readonly Pdf[], fractions: readonly number[]): Pdf {
  if (!Array.isArray(pdfs) || pdfs.length < 1)
    throw argumentError("INVALID_ARGUMENT", "pdfs", pdfs, "a non-empty array");
  if (!Array.isArray(fractions) || fractions.length !== pdfs.length - 1) {
    throw new PhysError(
      "INCOMPATIBLE_SHAPES",
      `fractions must have ${pdfs.length - 1} entries, got ${fractions?.length}`,
      {
        argument: "fractions",
        value: fractions?.length,
        allowed: `length ${pdfs.length - 1}`,
      },
    );
  }
  const { low, high } = pdfs[0]!;
  pdfs.forEach((p, i) => {
    if (p.low !== low || p.high !== high) {
      throw new PhysError(
        "INCOMPATIBLE_SHAPES",
        `pdfs[${i}] window [${p.low}, ${p.high}] differs from [${low}, ${high}]`,
        {
          argument: `pdfs[${i}]`,
          value: [p.low, p.high],
          allowed: `[${low}, ${high}]`,
        },
      );
    }
  });
  const f = fractions.map((x, i) => requireProbability(`fractions[${i}]`, x));
  const rest = 1 - f.reduce((s, x) => s + x, 0);
  if (rest < -1e-12) throw argumentError("OUT_OF_DOMAIN", "fractions", fractions, "summing to at most 1");
  f.push(Math.max(rest, 0));
  const k = pdfs.length;
  const w = Float64Array.from(f.map((x, i) => x / pdfs[i]!.norm));
  let scratch = new Float64Array(0);
  return buildPdf({
    low,
    high,
    shape: (x) => {
      let s = 0;
      for (let i = 0; i < k; i++) s += w[i]! * pdfs[i]!.shape(x);
      return s;
    },
    // inside the window Σ fᵢ densityᵢ equals the normalised sum (the only place densityArray reads it)
    shapeArray: (x, out) => {
      if (scratch.length < x.length) scratch = new Float64Array(x.length);
      const tmp = scratch.subarray(0, x.length);
      out.fill(0);
      for (let i = 0; i < k; i++) {
        pdfs[i]!.densityArray(x, tmp);
        const fi = f[i]!;
        for (let j = 0; j < x.length; j++) out[j] = out[j]! + fi * tmp[j]!;
      }
    },
    integral: (a, b) => {
      let s = 0;
      for (let i = 0; i < k; i++) s += f[i]! * pdfs[i]!.probability(a, b);
      return s;
    },
  });
}

/** A joint density of two independent observables (x, y). */
export interface Pdf2D {
  /** Pdf of x. */
  readonly x: Pdf;
  /** Pdf of y. */
  readonly y: Pdf;
  /** f(x) g(y). */
  density(x: number, y: number): number;
  /** ln f(x) + ln g(y). */
  logDensity(x: number, y: number): number;
  /** Densities at (xᵢ, yᵢ). */
  densityArray(x: Float64Array, y: Float64Array, out?: Float64Array): Float64Array;
  /** `n` draws: [x column, y column]. */
  sample(rng: RandomSource, n: number): [Float64Array, Float64Array];
}

/**
 * Product of pdfs of two independent observables, f(x) g(y) (RooProdPdf), normalised on the
 * product of the windows.
 * @param px - pdf of the first observable
 * @param py - pdf of the second observable
 * @returns a {@link Pdf2D}
 * @example
 * ```ts
 * const joint = productPdf(massPdf, anglePdf); joint.density(3.0, 0.2);
 * ```
 */
export function productPdf(px: Pdf, py: Pdf): Pdf2D {
  return {
    x: px,
    y: py,
    density: (x, y) => px.density(x) * py.density(y),
    logDensity: (x, y) => px.logDensity(x) + py.logDensity(y),
    densityArray(x, y, out = new Float64Array(x.length)) {
      if (x.length !== y.length) {
        throw new PhysError(
          "INCOMPATIBLE_SHAPES",
          `x and y must have the same length, got ${x.length} and ${y.length}`,
          {
            argument: "y",
            value: y.length,
            allowed: `length ${x.length}`,
          },
        );
      }
      for (let i = 0; i < x.length; i++) out[i] = px.density(x[i]!) * py.density(y[i]!);
      return out;
    },
    sample(rng, n) {
      requireInteger("n", n, 0);
      return [px.sample(rng, n), py.sample(rng, n)];
    },
  };
}
