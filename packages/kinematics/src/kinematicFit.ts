/**
 * Kinematic fit: least-squares adjustment of measured particle momenta under exact constraints
 * (total four-momentum equal to the beams', invariant masses), by iterated linearised Lagrange
 * multipliers (Avery1998), as in the 4C fit Σ p(μ) = p(c.m.) that Belle2-4mu sec. IV E uses to
 * improve the dimuon-mass resolution.
 *
 * Each particle has three measured parameters, its momentum α = (px, py, pz), with a 3×3 covariance
 * V, and a fixed mass m (E = √(m² + |p|²)). With constraints H(α) = 0 linearised at the current
 * point α_A, D = ∂H/∂α, r = D (α₀ − α_A) + H(α_A):
 *   S = D V Dᵀ,   λ = S⁻¹ r,   α = α₀ − V Dᵀ λ,
 * iterated until the largest step is below `tolerance` standard deviations. At the solution
 *   χ² = (α − α₀)ᵀ V⁻¹ (α − α₀),   ndf = number of constraint equations,
 *   V_α = V − V Dᵀ S⁻¹ D V    (covariance of the fitted momenta),
 * and the pull of parameter a is (α − α₀)_a / √(V_aa − (V_α)_aa).
 *
 * Constraints:
 * - `fourMomentum`: Σ_{i∈S} pᵢ^c = P^c for each chosen component c ∈ {e, px, py, pz} (4C by default);
 * - `mass`: (Σ_{i∈S} pᵢ)² = M² (1C), e.g. a resonance hypothesis.
 *
 * @packageDocumentation
 */

import { chi2PValue, cholesky, choleskySolve } from "@muonphilic/numeric";
import {
  argumentError,
  PhysError,
  requireFinite,
  requireInteger,
  requireNonNegative,
  requirePositive,
} from "@muonphilic/units";
import { requireFourVector, toThree } from "./fourvector.js";
import type { FourVector, ThreeVector } from "./types.js";

/** Defaults of the kinematic fit. */
export const KINEMATIC_FIT_DEFAULTS = {
  /** Maximal number of linearisation steps. */
  maxIterations: 20,
  /** Convergence: the largest parameter change of a step, in units of its measured σ. */
  tolerance: 1e-8,
} as const;

/** A component of a four-momentum. */
export type FourMomentumComponent = "e" | "px" | "py" | "pz";

/** Σ_{i∈particles} pᵢ^c = total^c for each component c (4C with all four components). */
export interface FourMomentumConstraint {
  readonly type: "fourMomentum";
  /** The required total four-momentum (GeV), e.g. `belle2Beams().total`. */
  readonly total: FourVector;
  /** Indices of the particles summed (default: all). */
  readonly particles?: readonly number[];
  /** The constrained components (default: all four). */
  readonly components?: readonly FourMomentumComponent[];
}

/** (Σ_{i∈particles} pᵢ)² = mass² (1C). */
export interface MassConstraint {
  readonly type: "mass";
  /** Indices of the particles (at least two). */
  readonly particles: readonly number[];
  /** The required invariant mass (GeV, ≥ 0). */
  readonly mass: number;
}

/** A constraint of the kinematic fit. */
export type FitConstraint = FourMomentumConstraint | MassConstraint;

/** Options of the kinematic fit; defaults in {@link KINEMATIC_FIT_DEFAULTS}. */
export interface KinematicFitOptions {
  /** @defaultValue {@link KINEMATIC_FIT_DEFAULTS}.maxIterations */
  readonly maxIterations?: number;
  /** @defaultValue {@link KINEMATIC_FIT_DEFAULTS}.tolerance */
  readonly tolerance?: number;
}

/** Why a fit stopped. */
export type KinematicFitStatus =
  /** The step fell below the tolerance. */
  | "converged"
  /** `maxIterations` steps without convergence. */
  | "max-iterations"
  /** D V Dᵀ or a covariance block was not positive definite. */
  | "singular"
  /** A non-finite χ² or parameter appeared. */
  | "diverged";

/** The result of a kinematic fit; `valid` is false unless the fit converged (never an exception). */
export interface KinematicFitResult {
  /** True when `status` is `"converged"` and every number is finite. */
  readonly valid: boolean;
  readonly status: KinematicFitStatus;
  /** Linearisation steps taken. */
  readonly iterations: number;
  /** χ² = (α − α₀)ᵀ V⁻¹ (α − α₀) at the fitted point. */
  readonly chi2: number;
  /** Degrees of freedom: the number of constraint equations. */
  readonly ndf: number;
  /** P(χ²_ndf ≥ chi2). */
  readonly pValue: number;
  /** The fitted four-momenta (GeV), with E = √(m² + |p|²). */
  readonly particles: readonly FourVector[];
  /** The fitted momenta (px, py, pz) of every particle, 3k values (GeV). */
  readonly momenta: Float64Array;
  /** Covariance of the fitted momenta, 3k × 3k row-major (GeV²). */
  readonly covariance: Float64Array;
  /** Pulls (α − α₀)_a / √(V_aa − (V_α)_aa), 3k values (NaN where the constraints do not move a). */
  readonly pulls: Float64Array;
  /** The constraint values H at the fitted point (GeV or GeV² for mass constraints). */
  readonly constraintResidual: Float64Array;
}

/** A measured particle for {@link kinematicFit}. */
export interface FitParticle {
  /** Measured momentum (GeV); a four-vector's three-momentum is used. */
  readonly momentum: FourVector | ThreeVector;
  /** The particle's mass (GeV, ≥ 0), fixed in the fit. */
  readonly mass: number;
  /** Covariance of (px, py, pz), 9 values row-major (GeV²), symmetric positive definite. */
  readonly covariance: ArrayLike<number>;
}

/** A fitter prepared for one event topology: "check once, fit many". */
export interface KinematicFitter {
  /** Number of particles k. */
  readonly size: number;
  /** Number of constraint equations (the fit's ndf). */
  readonly ndf: number;
  /**
   * Fits one event. A kernel: malformed numbers give an invalid result, not an exception.
   * @param momenta - measured (px, py, pz) of each particle, 3k values (GeV)
   * @param covariances - the 3×3 covariance of each particle, 9k values row-major (GeV²)
   * @throws {@link PhysError} `INCOMPATIBLE_SHAPES` if the lengths are not 3k and 9k
   */
  fit(momenta: ArrayLike<number>, covariances: ArrayLike<number>): KinematicFitResult;
}

interface Row {
  /** 0..3 = e, px, py, pz of a four-momentum sum; 4 = mass². */
  readonly kind: number;
  readonly members: Int32Array;
  readonly target: number;
}

const COMPONENTS: readonly FourMomentumComponent[] = ["e", "px", "py", "pz"];

function requireIndices(argument: string, indices: unknown, k: number, min: number): Int32Array {
  if (!Array.isArray(indices) || indices.length < min) {
    throw argumentError("INVALID_ARGUMENT", argument, indices, `a list of at least ${min} particle indices`);
  }
  const seen = new Set<number>();
  indices.forEach((x, i) => {
    requireInteger(`${argument}[${i}]`, x, 0);
    if (x >= k) throw argumentError("OUT_OF_DOMAIN", `${argument}[${i}]`, x, `a particle index < ${k}`);
    if (seen.has(x)) throw argumentError("INVALID_ARGUMENT", `${argument}[${i}]`, x, "a particle index not repeated");
    seen.add(x);
  });
  return Int32Array.from(indices as number[]);
}

function compileConstraints(constraints: readonly FitConstraint[], k: number): Row[] {
  if (!Array.isArray(constraints) || constraints.length === 0) {
    throw argumentError("INVALID_ARGUMENT", "constraints", constraints, "a non-empty list of constraints");
  }
  const rows: Row[] = [];
  constraints.forEach((c, j) => {
    const path = `constraints[${j}]`;
    if (c?.type === "fourMomentum") {
      const total = requireFourVector(`${path}.total`, c.total);
      const members =
        c.particles === undefined
          ? Int32Array.from({ length: k }, (_, i) => i)
          : requireIndices(`${path}.particles`, c.particles, k, 1);
      const comps = c.components ?? COMPONENTS;
      if (!Array.isArray(comps) || comps.length === 0 || new Set(comps).size !== comps.length) {
        throw argumentError("INVALID_ARGUMENT", `${path}.components`, comps, "distinct components among e, px, py, pz");
      }
      for (const comp of comps as readonly FourMomentumComponent[]) {
        const kind = COMPONENTS.indexOf(comp);
        if (kind < 0) throw argumentError("UNKNOWN_NAME", `${path}.components`, comp, "one of e, px, py, pz");
        rows.push({ kind, members, target: total[COMPONENTS[kind]!] });
      }
    } else if (c?.type === "mass") {
      const members = requireIndices(`${path}.particles`, c.particles, k, 2);
      const m = requireNonNegative(`${path}.mass`, c.mass, "GeV");
      rows.push({ kind: 4, members, target: m * m });
    } else {
      throw argumentError(
        "UNKNOWN_NAME",
        `${path}.type`,
        (c as { type?: unknown } | undefined)?.type,
        '"fourMomentum" or "mass"',
      );
    }
  });
  return rows;
}

/**
 * Prepares a kinematic fitter for k particles of the given masses and a set of constraints
 * (validated once); `fit` then runs per event without re-validation.
 * @param spec - `masses` (GeV, one per particle), `constraints`, `options`
 * @returns the fitter
 * @throws {@link PhysError} `INVALID_ARGUMENT`/`OUT_OF_DOMAIN`/`UNKNOWN_NAME` for a malformed
 *   specification (the argument path names the bad entry)
 * @example
 * ```ts
 * const beams = belle2Beams();
 * const fitter = createKinematicFitter({
 *   masses: [M_MU, M_MU, M_MU, M_MU],
 *   constraints: [{ type: "fourMomentum", total: beams.total }],
 * });
 * const r = fitter.fit(momenta12, covariances36); // r.chi2, r.particles, r.valid
 * ```
 */
export function createKinematicFitter(spec: {
  readonly masses: readonly number[];
  readonly constraints: readonly FitConstraint[];
  readonly options?: KinematicFitOptions;
}): KinematicFitter {
  const masses = spec?.masses;
  if (!Array.isArray(masses) || masses.length === 0) {
    throw argumentError("INVALID_ARGUMENT", "masses", masses, "a non-empty list of particle masses");
  }
  masses.forEach((m, i) => {
    requireNonNegative(`masses[${i}]`, m, "GeV");
  });
  const k = masses.length;
  const rows = compileConstraints(spec.constraints, k);
  const maxIterations = requireInteger(
    "options.maxIterations",
    spec.options?.maxIterations ?? KINEMATIC_FIT_DEFAULTS.maxIterations,
    1,
  );
  const tolerance = requirePositive("options.tolerance", spec.options?.tolerance ?? KINEMATIC_FIT_DEFAULTS.tolerance);
  const m = rows.length;
  const n = 3 * k;
  const m2 = Float64Array.from(masses, (x) => x * x);
  // Work arrays, reused across fits.
  const alpha = new Float64Array(n);
  const energy = new Float64Array(k);
  const H = new Float64Array(m);
  const D = new Float64Array(m * n);
  const VDt = new Float64Array(n * m);
  const S = new Float64Array(m * m);
  const r = new Float64Array(m);
  const lambda = new Float64Array(m);
  const block = new Float64Array(9);
  const tmp3 = new Float64Array(3);

  /** H(α) and D = ∂H/∂α at the current alpha. */
  function linearise(): void {
    for (let i = 0; i < k; i++) {
      const x = alpha[3 * i]!;
      const y = alpha[3 * i + 1]!;
      const z = alpha[3 * i + 2]!;
      energy[i] = Math.sqrt(m2[i]! + x * x + y * y + z * z);
    }
    D.fill(0);
    for (let j = 0; j < m; j++) {
      const row = rows[j]!;
      const mem = row.members;
      const base = j * n;
      if (row.kind === 0) {
        let h = -row.target;
        for (let q = 0; q < mem.length; q++) {
          const i = mem[q]!;
          const e = energy[i]!;
          h += e;
          D[base + 3 * i] = alpha[3 * i]! / e;
          D[base + 3 * i + 1] = alpha[3 * i + 1]! / e;
          D[base + 3 * i + 2] = alpha[3 * i + 2]! / e;
        }
        H[j] = h;
      } else if (row.kind < 4) {
        const c = row.kind - 1;
        let h = -row.target;
        for (let q = 0; q < mem.length; q++) {
          const i = mem[q]!;
          h += alpha[3 * i + c]!;
          D[base + 3 * i + c] = 1;
        }
        H[j] = h;
      } else {
        let et = 0;
        let px = 0;
        let py = 0;
        let pz = 0;
        for (let q = 0; q < mem.length; q++) {
          const i = mem[q]!;
          et += energy[i]!;
          px += alpha[3 * i]!;
          py += alpha[3 * i + 1]!;
          pz += alpha[3 * i + 2]!;
        }
        H[j] = (et - pz) * (et + pz) - px * px - py * py - row.target;
        for (let q = 0; q < mem.length; q++) {
          const i = mem[q]!;
          const f = et / energy[i]!;
          D[base + 3 * i] = 2 * (f * alpha[3 * i]! - px);
          D[base + 3 * i + 1] = 2 * (f * alpha[3 * i + 1]! - py);
          D[base + 3 * i + 2] = 2 * (f * alpha[3 * i + 2]! - pz);
        }
      }
    }
  }

  /** VDt = V Dᵀ (V block diagonal) and the Cholesky factor of S = D V Dᵀ; false if S is not PD. */
  function factor(cov: ArrayLike<number>): boolean {
    for (let i = 0; i < k; i++) {
      for (let a = 0; a < 3; a++) {
        for (let j = 0; j < m; j++) {
          let s = 0;
          for (let b = 0; b < 3; b++) s += cov[9 * i + 3 * a + b]! * D[j * n + 3 * i + b]!;
          VDt[(3 * i + a) * m + j] = s;
        }
      }
    }
    for (let p = 0; p < m; p++) {
      for (let q = 0; q <= p; q++) {
        let s = 0;
        for (let c = 0; c < n; c++) s += D[p * n + c]! * VDt[c * m + q]!;
        S[p * m + q] = s;
        S[q * m + p] = s;
      }
    }
    return cholesky(S, m);
  }

  function result(
    status: KinematicFitStatus,
    iterations: number,
    alpha0: ArrayLike<number>,
    cov: ArrayLike<number>,
    haveFactor: boolean,
  ): KinematicFitResult {
    const momenta = Float64Array.from(alpha);
    const covariance = new Float64Array(n * n);
    const pulls = new Float64Array(n).fill(Number.NaN);
    // χ² = Σᵢ δᵢᵀ Vᵢ⁻¹ δᵢ, block by block.
    let chi2 = 0;
    for (let i = 0; i < k; i++) {
      for (let q = 0; q < 9; q++) block[q] = cov[9 * i + q]!;
      if (!cholesky(block, 3)) {
        chi2 = Number.NaN;
        status = "singular";
        break;
      }
      const d = [
        alpha[3 * i]! - alpha0[3 * i]!,
        alpha[3 * i + 1]! - alpha0[3 * i + 1]!,
        alpha[3 * i + 2]! - alpha0[3 * i + 2]!,
      ];
      choleskySolve(block, 3, d, tmp3);
      chi2 += d[0]! * tmp3[0]! + d[1]! * tmp3[1]! + d[2]! * tmp3[2]!;
    }
    if (haveFactor) {
      // V_α = V − VDt S⁻¹ VDtᵀ
      const col = new Float64Array(m);
      const sol = new Float64Array(m);
      for (let a = 0; a < n; a++) {
        for (let j = 0; j < m; j++) col[j] = VDt[a * m + j]!;
        choleskySolve(S, m, col, sol);
        for (let b = 0; b <= a; b++) {
          let s = 0;
          for (let j = 0; j < m; j++) s += VDt[b * m + j]! * sol[j]!;
          const ia = Math.floor(a / 3);
          const ib = Math.floor(b / 3);
          const v = ia === ib ? cov[9 * ia + 3 * (a % 3) + (b % 3)]! : 0;
          covariance[a * n + b] = v - s;
          covariance[b * n + a] = v - s;
        }
      }
      for (let a = 0; a < n; a++) {
        const i = Math.floor(a / 3);
        const v0 = cov[9 * i + 4 * (a % 3)]!;
        const shrink = v0 - covariance[a * n + a]!;
        pulls[a] = shrink > 0 ? (alpha[a]! - alpha0[a]!) / Math.sqrt(shrink) : Number.NaN;
      }
    } else {
      covariance.fill(Number.NaN);
    }
    const particles: FourVector[] = [];
    for (let i = 0; i < k; i++) {
      particles.push({ e: energy[i]!, px: alpha[3 * i]!, py: alpha[3 * i + 1]!, pz: alpha[3 * i + 2]! });
    }
    if (status === "converged" && !(Number.isFinite(chi2) && momenta.every(Number.isFinite))) status = "diverged";
    const pValue = chi2 >= 0 ? chi2PValue(chi2, m) : Number.NaN;
    return {
      valid: status === "converged",
      status,
      iterations,
      chi2,
      ndf: m,
      pValue,
      particles,
      momenta,
      covariance,
      pulls,
      constraintResidual: Float64Array.from(H),
    };
  }

  return {
    size: k,
    ndf: m,
    fit(alpha0, cov) {
      if (alpha0.length !== n)
        throw argumentError("INCOMPATIBLE_SHAPES", "momenta", alpha0.length, `${n} values (3 per particle)`);
      if (cov.length !== 9 * k) {
        throw argumentError("INCOMPATIBLE_SHAPES", "covariances", cov.length, `${9 * k} values (9 per particle)`);
      }
      for (let a = 0; a < n; a++) alpha[a] = alpha0[a]!;
      let status: KinematicFitStatus = "max-iterations";
      let iterations = 0;
      for (let it = 1; it <= maxIterations; it++) {
        iterations = it;
        linearise();
        if (!factor(cov)) {
          status = "singular";
          break;
        }
        for (let j = 0; j < m; j++) {
          let s = H[j]!;
          for (let c = 0; c < n; c++) s += D[j * n + c]! * (alpha0[c]! - alpha[c]!);
          r[j] = s;
        }
        choleskySolve(S, m, r, lambda);
        let maxStep = 0;
        let finite = true;
        for (let a = 0; a < n; a++) {
          let s = 0;
          for (let j = 0; j < m; j++) s += VDt[a * m + j]! * lambda[j]!;
          const next = alpha0[a]! - s;
          const sigma = Math.sqrt(cov[9 * Math.floor(a / 3) + 4 * (a % 3)]!);
          maxStep = Math.max(maxStep, Math.abs(next - alpha[a]!) / sigma);
          alpha[a] = next;
          if (!Number.isFinite(next)) finite = false;
        }
        if (!finite) {
          status = "diverged";
          break;
        }
        if (maxStep < tolerance) {
          status = "converged";
          break;
        }
      }
      // Covariance and residuals at the final point.
      linearise();
      const haveFactor = status !== "diverged" && factor(cov);
      return result(status, iterations, alpha0, cov, haveFactor);
    },
  };
}

/**
 * Kinematic fit of measured particles under constraints (see the module documentation). Validates
 * every input, then runs {@link createKinematicFitter}'s fit.
 * @param particles - measured momenta (GeV), masses (GeV) and 3×3 covariances (GeV²)
 * @param constraints - four-momentum and mass constraints
 * @param options - iteration limit and tolerance
 * @returns the fit result (a failed fit has `valid: false` and a status, it does not throw)
 * @throws {@link PhysError} `INVALID_ARGUMENT` for an empty list, non-finite numbers or a
 *   non-symmetric covariance, `SINGULAR_MATRIX` for a covariance that is not positive definite,
 *   and as {@link createKinematicFitter}
 * @example
 * ```ts
 * const r = kinematicFit(
 *   muons.map((p) => ({ momentum: p, mass: M_MU, covariance: trackCovariance(p, res) })),
 *   [{ type: "fourMomentum", total: belle2Beams().total }],
 * );
 * r.chi2; r.pValue; r.particles; // fitted four-momenta
 * ```
 */
export function kinematicFit(
  particles: readonly FitParticle[],
  constraints: readonly FitConstraint[],
  options: KinematicFitOptions = {},
): KinematicFitResult {
  if (!Array.isArray(particles) || particles.length === 0) {
    throw argumentError("INVALID_ARGUMENT", "particles", particles, "a non-empty list of measured particles");
  }
  const k = particles.length;
  const momenta = new Float64Array(3 * k);
  const covariances = new Float64Array(9 * k);
  const check = new Float64Array(9);
  particles.forEach((p, i) => {
    const path = `particles[${i}]`;
    if (typeof p !== "object" || p === null || typeof p.momentum !== "object" || p.momentum === null) {
      throw argumentError("INVALID_ARGUMENT", path, p, "{ momentum, mass, covariance }");
    }
    const v = toThree(p.momentum);
    momenta[3 * i] = requireFinite(`${path}.momentum.x`, v.x);
    momenta[3 * i + 1] = requireFinite(`${path}.momentum.y`, v.y);
    momenta[3 * i + 2] = requireFinite(`${path}.momentum.z`, v.z);
    const c = p.covariance;
    if (c === null || typeof c !== "object" || c.length !== 9) {
      throw argumentError("INVALID_ARGUMENT", `${path}.covariance`, c, "9 numbers (a 3×3 matrix, row-major)");
    }
    let scale = 0;
    for (let q = 0; q < 9; q++) {
      covariances[9 * i + q] = requireFinite(`${path}.covariance[${q}]`, c[q]);
      scale = Math.max(scale, Math.abs(c[q]!));
    }
    for (const [a, b] of [
      [1, 3],
      [2, 6],
      [5, 7],
    ] as const) {
      if (Math.abs(c[a]! - c[b]!) > 1e-12 * scale) {
        throw argumentError("INVALID_ARGUMENT", `${path}.covariance`, Array.from(c), "a symmetric matrix");
      }
    }
    check.set(covariances.subarray(9 * i, 9 * i + 9));
    if (!cholesky(check, 3)) {
      throw new PhysError("SINGULAR_MATRIX", `${path}.covariance must be positive definite`, {
        argument: `${path}.covariance`,
        value: Array.from(c),
        allowed: "a symmetric positive-definite 3×3 matrix",
      });
    }
  });
  const fitter = createKinematicFitter({ masses: particles.map((p) => p.mass), constraints, options });
  return fitter.fit(momenta, covariances);
}

/** Resolution of a track in collider coordinates, for {@link trackCovariance}. */
export interface TrackResolution {
  /** σ(pT) (GeV). */
  readonly sigmaPt: number;
  /** σ(θ) (rad). */
  readonly sigmaTheta: number;
  /** σ(φ) (rad). */
  readonly sigmaPhi: number;
}

/**
 * The 3×3 covariance of (px, py, pz) of a track with independent Gaussian errors on (pT, θ, φ),
 * propagated with the Jacobian of px = pT cos φ, py = pT sin φ, pz = pT cot θ:
 *   V = J diag(σ²(pT), σ²(θ), σ²(φ)) Jᵀ.
 * @param momentum - the track momentum (GeV), pT > 0
 * @param resolution - σ(pT) (GeV), σ(θ) (rad), σ(φ) (rad), each > 0
 * @returns 9 values, row-major (GeV²)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for pT = 0 or non-positive resolutions
 * @example
 * ```ts
 * const pT = 2;
 * trackCovariance(mu, { sigmaPt: pT * Math.hypot(0.001 * pT, 0.003), sigmaTheta: 1e-3, sigmaPhi: 1e-3 });
 * ```
 */
export function trackCovariance(momentum: FourVector | ThreeVector, resolution: TrackResolution): Float64Array {
  const v = toThree(momentum);
  requireFinite("momentum.x", v.x);
  requireFinite("momentum.y", v.y);
  requireFinite("momentum.z", v.z);
  const pt = requirePositive("pT of momentum", Math.hypot(v.x, v.y), "GeV");
  const sPt = requirePositive("resolution.sigmaPt", resolution.sigmaPt, "GeV");
  const sTh = requirePositive("resolution.sigmaTheta", resolution.sigmaTheta, "rad");
  const sPhi = requirePositive("resolution.sigmaPhi", resolution.sigmaPhi, "rad");
  const cphi = v.x / pt;
  const sphi = v.y / pt;
  const cot = v.z / pt;
  const p2 = pt * pt + v.z * v.z;
  // Columns of J: ∂/∂pT, ∂/∂θ (∂pz/∂θ = −pT/sin²θ = −|p|²/pT), ∂/∂φ.
  const j = [
    [cphi, 0, -v.y],
    [sphi, 0, v.x],
    [cot, -p2 / pt, 0],
  ];
  const d = [sPt * sPt, sTh * sTh, sPhi * sPhi];
  const out = new Float64Array(9);
  for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      let s = 0;
      for (let c = 0; c < 3; c++) s += j[a]![c]! * d[c]! * j[b]![c]!;
      out[3 * a + b] = s;
    }
  }
  return out;
}
