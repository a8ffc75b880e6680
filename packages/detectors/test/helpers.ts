// Test helpers: event batches with fixed kinematics, and assertions on PhysError.
import type { EventColumns, FourVectorColumns } from "@muonphilic/kinematics";
import { degToRad } from "@muonphilic/units";

export { expectPhysError } from "@muonphilic/vitest-config/assertions";

/** A particle with fixed lab kinematics: momentum (GeV), polar angle and azimuth (rad), mass (GeV). */
export interface FixedParticle {
  readonly p: number;
  readonly theta: number;
  readonly phi?: number;
  readonly mass: number;
}

/** Columns of n copies of one particle. */
export function fixedColumns(n: number, f: FixedParticle): FourVectorColumns {
  const phi = f.phi ?? 0;
  const px = f.p * Math.sin(f.theta) * Math.cos(phi);
  const py = f.p * Math.sin(f.theta) * Math.sin(phi);
  const pz = f.p * Math.cos(f.theta);
  const e = Math.sqrt(f.p * f.p + f.mass * f.mass);
  return {
    e: new Float64Array(n).fill(e),
    px: new Float64Array(n).fill(px),
    py: new Float64Array(n).fill(py),
    pz: new Float64Array(n).fill(pz),
  };
}

/** A batch of n identical events. */
export function fixedEvents(n: number, particles: Record<string, FixedParticle>, weight?: number): EventColumns {
  const out: Record<string, FourVectorColumns> = {};
  for (const [name, f] of Object.entries(particles)) out[name] = fixedColumns(n, f);
  return weight === undefined
    ? { size: n, particles: out }
    : { size: n, particles: out, weight: new Float64Array(n).fill(weight) };
}

/** Degrees to radians. */
export const rad = (deg: number): number => degToRad(deg);

/** Sample mean and standard deviation. */
export function meanStd(x: ArrayLike<number>): { mean: number; std: number; n: number } {
  let s = 0;
  let s2 = 0;
  const n = x.length;
  for (let i = 0; i < n; i++) s += x[i]!;
  const mean = s / n;
  for (let i = 0; i < n; i++) s2 += (x[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(s2 / (n - 1)), n };
}
