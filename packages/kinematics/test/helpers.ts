// Shared test helpers of @muonphilic/kinematics.

import { integrateSqrtEndpoints } from "@muonphilic/numeric";
import { dalitzM12Range, dalitzM23Range, type ThreeBodyMasses } from "../src/dalitz.js";

export { expectPhysError } from "@muonphilic/vitest-config/assertions";

/** Width of the m²₂₃ range from the boundaries (an independent route to the area: max − min). */
export const dalitzWidth = (masses: ThreeBodyMasses, t: number): number => {
  const r = dalitzM23Range(masses, t);
  return r.max - r.min;
};

/** χ² of a histogram of m²₁₂ against the expected bin contents ∝ ∫_bin g(t) width(t) dt. */
export function chi2Marginal(
  values: Float64Array,
  weights: Float64Array | undefined,
  masses: ThreeBodyMasses,
  g = (_t: number) => 1,
): number {
  const r = dalitzM12Range(masses);
  const bins = 10;
  const counts = new Float64Array(bins);
  const sumW2 = new Float64Array(bins);
  let total = 0;
  values.forEach((v, i) => {
    const b = Math.min(bins - 1, Math.floor(((v - r.min) / (r.max - r.min)) * bins));
    const w = weights?.[i] ?? 1;
    counts[b] = counts[b]! + w;
    sumW2[b] = sumW2[b]! + w * w;
    total += w;
  });
  const f = (t: number) => g(t) * Math.max(0, dalitzWidth(masses, Math.min(r.max, Math.max(r.min, t))));
  const norm = integrateSqrtEndpoints(f, r.min, r.max, 128);
  let chi2 = 0;
  for (let b = 0; b < bins; b++) {
    const lo = r.min + ((r.max - r.min) * b) / bins;
    const hi = lo + (r.max - r.min) / bins;
    // The sin² substitution is harmless inside and removes the √ behaviour of the end bins.
    const inBin = integrateSqrtEndpoints(f, lo, hi, 64) / norm;
    const expected = inBin * total;
    chi2 += (counts[b]! - expected) ** 2 / sumW2[b]!;
  }
  return chi2;
}
