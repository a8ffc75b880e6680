/**
 * The mass grid of the resonance scan (Belle2-4mu sec. V): hypotheses from 0.212 to 9 GeV in
 * dimuon mass, in steps of the reduced-mass resolution in the reduced mass M_R ("the scan
 * step-size is set equal to the mass resolution"), skipping hypotheses inside the J/ψ veto.
 *
 * @packageDocumentation
 */
import { argumentError, M_MU } from "@muonphilic/units";
import { fromReducedMass, toReducedMass } from "./calibration.js";

/** One mass hypothesis. */
export interface GridPoint {
  /** Position in the full grid (stable across shards and resumes). */
  readonly index: number;
  /** Dimuon mass hypothesis, GeV. */
  readonly mass: number;
  /** Reduced mass √(M² − 4m_μ²), GeV. */
  readonly reducedMass: number;
}

/** Options of {@link massGrid}. */
export interface GridOptions {
  /** First and last dimuon mass, GeV. */
  readonly minMass: number;
  readonly maxMass: number;
  /** Step in units of the resolution (1 in Belle2-4mu). */
  readonly stepInResolutions: number;
  /** Dimuon-mass intervals that are not scanned (the J/ψ veto), GeV. */
  readonly vetoes: readonly (readonly [number, number])[];
}

/**
 * The grid: M_R(k+1) = M_R(k) + step × σ_R(M(k)), from M_R(minMass) up to M_R(maxMass) inclusive
 * of the last point below it, without the hypotheses inside a veto.
 * @param options - range (GeV), step and vetoes
 * @param resolutionAt - reduced-mass resolution at a dimuon mass, GeV
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for a range below the dimuon threshold or inverted, or a non-positive resolution
 */
export function massGrid(options: GridOptions, resolutionAt: (mass: number) => number): GridPoint[] {
  const { minMass, maxMass, stepInResolutions } = options;
  if (!(minMass > 2 * M_MU)) throw argumentError("OUT_OF_DOMAIN", "minMass", minMass, `> 2 m_mu = ${2 * M_MU} GeV`);
  if (!(maxMass > minMass)) throw argumentError("OUT_OF_DOMAIN", "maxMass", maxMass, `> minMass = ${minMass} GeV`);
  if (!(stepInResolutions > 0)) throw argumentError("OUT_OF_DOMAIN", "step", stepInResolutions, "> 0");
  const points: GridPoint[] = [];
  const rMax = toReducedMass(maxMass);
  let r = toReducedMass(minMass);
  for (let guard = 0; r <= rMax * (1 + 1e-12); guard++) {
    const mass = fromReducedMass(r);
    const vetoed = options.vetoes.some(([a, b]) => mass >= a && mass <= b);
    if (!vetoed) points.push({ index: points.length, mass, reducedMass: r });
    const sigma = resolutionAt(mass);
    if (!(sigma > 0)) throw argumentError("OUT_OF_DOMAIN", "resolution", sigma, `> 0 at mass ${mass} GeV`);
    r += stepInResolutions * sigma;
    if (guard > 10_000_000)
      throw argumentError("OUT_OF_DOMAIN", "step", stepInResolutions, "a step giving < 1e7 points");
  }
  return points;
}

/** Converts dimuon-mass vetoes to reduced-mass intervals (for the fit regions). */
export function reducedVetoes(vetoes: readonly (readonly [number, number])[]): [number, number][] {
  return vetoes.map(([a, b]) => [toReducedMass(a), toReducedMass(b)]);
}
