/**
 * The data types of `@muonphilic/kinematics`: one four-momentum, one particle across many events
 * (structure of arrays) and a batch of events with named particles.
 *
 * Conventions: natural units (c = 1), energies and momenta in GeV, metric (+, -, -, -).
 *
 * @packageDocumentation
 */

/** One four-momentum (GeV). Metric (+, -, -, -). */
export interface FourVector {
  /** Energy (GeV). */
  readonly e: number;
  /** Momentum x component (GeV). */
  readonly px: number;
  /** Momentum y component (GeV). */
  readonly py: number;
  /** Momentum z component (GeV); +z is the electron-beam direction at Belle II. */
  readonly pz: number;
}

/** A plain three-vector: a momentum (GeV), a velocity (units of c) or a direction (any scale). */
export interface ThreeVector {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/** One particle across n events, structure of arrays (GeV). All four arrays have length n. */
export interface FourVectorColumns {
  readonly e: Float64Array;
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly pz: Float64Array;
}

/** A batch of n events: named particles (e.g. "muPlus1", "muMinus1", "photon"), optional per-event weights. */
export interface EventColumns<P extends string = string> {
  /** Number of events n; every column has this length. */
  readonly size: number;
  /** One {@link FourVectorColumns} per particle name. */
  readonly particles: { readonly [K in P]: FourVectorColumns };
  /** Per-event weights (phase-space weights of RAMBO, generator weights); absent means all 1. */
  readonly weight?: Float64Array;
}
