/**
 * The four-constraint kinematic fit of Belle2-4mu sec. IV E: the four muon momenta are adjusted so
 * that their sum equals the four-momentum of the colliding beams, which improves the dimuon-mass
 * resolution.
 *
 * With the Belle II track model of the scan's calibration (momentum magnitudes smeared, directions
 * measured much better than magnitudes and taken as exact), each track keeps its direction and
 * its momentum is scaled, p⃗ᵢ → kᵢ p⃗ᵢ. The four constraints Σ kᵢ p⃗ᵢ = P⃗, Σ √(kᵢ² pᵢ² + m²) = E then
 * fix the four scale factors (zero degrees of freedom: the χ² weights drop out), solved by Newton's
 * method from k = 1. An event whose solution has some kᵢ ≤ 0 or does not converge fails the fit.
 *
 * @packageDocumentation
 */

/** Solves the 4 × 4 system A x = b in place by Gaussian elimination with partial pivoting. */
function solve4(a: Float64Array, b: Float64Array): boolean {
  for (let c = 0; c < 4; c++) {
    let piv = c;
    for (let r = c + 1; r < 4; r++) if (Math.abs(a[r * 4 + c]!) > Math.abs(a[piv * 4 + c]!)) piv = r;
    if (!(Math.abs(a[piv * 4 + c]!) > 1e-300)) return false;
    if (piv !== c) {
      for (let k = 0; k < 4; k++) {
        const t = a[c * 4 + k]!;
        a[c * 4 + k] = a[piv * 4 + k]!;
        a[piv * 4 + k] = t;
      }
      const t = b[c]!;
      b[c] = b[piv]!;
      b[piv] = t;
    }
    for (let r = c + 1; r < 4; r++) {
      const f = a[r * 4 + c]! / a[c * 4 + c]!;
      for (let k = c; k < 4; k++) a[r * 4 + k] = a[r * 4 + k]! - f * a[c * 4 + k]!;
      b[r] = b[r]! - f * b[c]!;
    }
  }
  for (let r = 3; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < 4; k++) s -= a[r * 4 + k]! * b[k]!;
    b[r] = s / a[r * 4 + r]!;
  }
  return true;
}

/**
 * Fits the scale factors of four tracks of mass m to the total four-momentum (E, P⃗).
 * @param p - the measured momenta, 12 numbers (px, py, pz) × 4, GeV
 * @param m - the track mass (m_μ), GeV
 * @param total - [E, Px, Py, Pz] of the beams, GeV
 * @param k - output: the 4 scale factors
 * @returns true on convergence (residual < 1e-10 GeV) with all kᵢ > 0
 */
export function fourConstraintFit(p: Float64Array, m: number, total: readonly number[], k: Float64Array): boolean {
  k.fill(1);
  const a = new Float64Array(16);
  const f = new Float64Array(4);
  const p2 = new Float64Array(4);
  for (let i = 0; i < 4; i++) p2[i] = p[3 * i]! ** 2 + p[3 * i + 1]! ** 2 + p[3 * i + 2]! ** 2;
  for (let it = 0; it < 30; it++) {
    let e = 0;
    let px = 0;
    let py = 0;
    let pz = 0;
    for (let i = 0; i < 4; i++) {
      const ei = Math.sqrt(k[i]! * k[i]! * p2[i]! + m * m);
      e += ei;
      px += k[i]! * p[3 * i]!;
      py += k[i]! * p[3 * i + 1]!;
      pz += k[i]! * p[3 * i + 2]!;
      a[i] = (k[i]! * p2[i]!) / ei; // ∂E/∂kᵢ
      a[4 + i] = p[3 * i]!;
      a[8 + i] = p[3 * i + 1]!;
      a[12 + i] = p[3 * i + 2]!;
    }
    f[0] = total[0]! - e;
    f[1] = total[1]! - px;
    f[2] = total[2]! - py;
    f[3] = total[3]! - pz;
    const res = Math.abs(f[0]!) + Math.abs(f[1]!) + Math.abs(f[2]!) + Math.abs(f[3]!);
    if (res < 1e-10) return k.every((x) => x > 0);
    if (!solve4(a, f)) return false;
    for (let i = 0; i < 4; i++) k[i] = k[i]! + f[i]!;
    if (!k.every((x) => Number.isFinite(x))) return false;
  }
  return false;
}
