/**
 * The orthonormal frame around a unit vector, shared by the two signal-generator methods.
 *
 * @packageDocumentation
 */

/** An orthonormal frame: the unit vector n and two unit vectors u, v perpendicular to it. */
export interface Frame {
  readonly n: readonly [number, number, number];
  readonly u: readonly [number, number, number];
  readonly v: readonly [number, number, number];
}

/** An orthonormal frame (u, v, n) around the unit vector n. */
export function frameAround(nx: number, ny: number, nz: number): Frame {
  const a: [number, number, number] = Math.abs(nx) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  // u = a × n normalised, v = n × u
  let ux = a[1] * nz - a[2] * ny;
  let uy = a[2] * nx - a[0] * nz;
  let uz = a[0] * ny - a[1] * nx;
  const un = Math.hypot(ux, uy, uz);
  ux /= un;
  uy /= un;
  uz /= un;
  return { n: [nx, ny, nz], u: [ux, uy, uz], v: [ny * uz - nz * uy, nz * ux - nx * uz, nx * uy - ny * ux] };
}
