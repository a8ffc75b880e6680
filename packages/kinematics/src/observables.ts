/**
 * Observables of the muonphilic searches: reduced mass (Belle2-4mu sec. V), recoil and missing
 * mass (Jho2019 eq. (3.7), Belle2-inv), missing transverse momentum, the helicity angle and the
 * pair momentum p₀ of Belle2-4mu sec. IV D. Scalar functions validate their input and throw
 * {@link PhysError}; the `…Columns` versions are numeric kernels (NaN where undefined).
 *
 * @packageDocumentation
 */
import {
  argumentError,
  type GeV,
  type GeV2,
  gev,
  gev2,
  requireFinite,
  requireNonNegative,
  requirePositive,
} from "@muonphilic/units";
import { restFrameKernel } from "./boost.js";
import { columnsSize, requireParts, requireSize } from "./columns.js";
import { mass2, requireFourVector, requireTimelike, sum } from "./fourvector.js";
import { requireMassAbove, twoBodyMomentumKernel } from "./twobody.js";
import type { FourVector, FourVectorColumns } from "./types.js";

/**
 * The reduced mass M_R = √(M² − 4m²) of a pair of equal-mass daughters (Belle2-4mu sec. V), which
 * is smoother than M near the threshold 2m (M_R = 2p* for the pair at rest).
 * @param mass - the pair invariant mass M (GeV, ≥ 2m)
 * @param daughterMass - the daughter mass m (GeV, ≥ 0), e.g. M_MU
 * @returns M_R (GeV)
 * @throws {@link PhysError} `INVALID_ARGUMENT` if not finite, `OUT_OF_DOMAIN` if m < 0,
 *   `KINEMATICALLY_FORBIDDEN` if M < 2m
 * @example
 * ```ts
 * reducedMass(3.0969, M_MU); // 3.0897 GeV
 * ```
 */
export function reducedMass(mass: number, daughterMass: number): GeV {
  requireNonNegative("daughterMass", daughterMass, "GeV");
  requireMassAbove("mass", mass, 2 * daughterMass);
  return gev(Math.sqrt((mass - 2 * daughterMass) * (mass + 2 * daughterMass)));
}

/**
 * Columnar {@link reducedMass} from pair masses: NaN where M < 2m (kernel, never throws).
 * @param masses - pair masses M (GeV)
 * @param daughterMass - the daughter mass m (GeV)
 * @param out - optional output (may alias `masses`)
 * @example
 * ```ts
 * const mR = reducedMassColumns(invariantMassColumns([muPlus, muMinus]), M_MU);
 * ```
 */
export function reducedMassColumns(masses: Float64Array, daughterMass: number, out?: Float64Array): Float64Array {
  const o = out ?? new Float64Array(masses.length);
  if (o.length !== masses.length)
    throw argumentError("INCOMPATIBLE_SHAPES", "out", o.length, `length ${masses.length}`);
  const twoM = 2 * daughterMass;
  for (let i = 0; i < masses.length; i++) {
    const m = masses[i]!;
    o[i] = m >= twoM ? Math.sqrt((m - twoM) * (m + twoM)) : Number.NaN;
  }
  return o;
}

function requireVisible(visible: readonly FourVector[]): void {
  if (!Array.isArray(visible) || visible.length === 0) {
    throw argumentError("INVALID_ARGUMENT", "visible", visible, "a non-empty list of four-vectors");
  }
  visible.forEach((p, i) => {
    requireFourVector(`visible[${i}]`, p);
  });
}

/**
 * The recoil mass squared against a set of visible particles for a known initial state,
 * M²_recoil = (P_initial − Σ pᵢ)² (GeV²); it peaks at m_X² for e⁺e⁻ → μ⁺μ⁻X (Belle2-inv), and may
 * be negative through resolution.
 * @param initial - the initial four-momentum, e.g. `belle2Beams().total` in the lab (GeV)
 * @param visible - the visible particles, in the same frame (GeV)
 * @returns M²_recoil (GeV²)
 * @throws {@link PhysError} `INVALID_ARGUMENT` for an empty list or non-finite components
 * @example
 * ```ts
 * recoilMassSquared(belle2Beams().total, [muPlus, muMinus]);
 * ```
 */
export function recoilMassSquared(initial: FourVector, visible: readonly FourVector[]): GeV2 {
  requireFourVector("initial", initial);
  requireVisible(visible);
  const v = sum(visible);
  return gev2(mass2({ e: initial.e - v.e, px: initial.px - v.px, py: initial.py - v.py, pz: initial.pz - v.pz }));
}

/**
 * The missing mass squared of Jho2019 eq. (3.7), in the CM frame:
 * m²_miss = (E_cm − Σ Eᵢ)² − (Σ p⃗ᵢ)² (GeV²). It is {@link recoilMassSquared} with P = (√s, 0⃗).
 * @param sqrtS - E_cm = √s (GeV, > 0)
 * @param visibleCm - the visible particles in the CM frame (GeV)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for √s ≤ 0, `INVALID_ARGUMENT` for an empty list
 * @example
 * ```ts
 * const b = belle2Beams();
 * missingMassSquared(b.sqrtS, [labToCm(muPlus, b), labToCm(muMinus, b)]);
 * ```
 */
export function missingMassSquared(sqrtS: number, visibleCm: readonly FourVector[]): GeV2 {
  requirePositive("sqrtS", sqrtS, "GeV");
  return recoilMassSquared({ e: sqrtS, px: 0, py: 0, pz: 0 }, visibleCm);
}

/**
 * Columnar {@link recoilMassSquared}: (P − Σ pᵢ)² event by event (GeV²).
 * @param initial - the initial four-momentum, the same for all events (GeV)
 * @param visible - the visible particles (GeV)
 * @param out - optional output of length n
 * @throws {@link PhysError} `INVALID_ARGUMENT` for an empty list, `INCOMPATIBLE_SHAPES` for unequal sizes
 * @example
 * ```ts
 * const m2rec = recoilMassSquaredColumns(belle2Beams().total, [muPlus, muMinus]); // Belle2-inv
 * ```
 */
export function recoilMassSquaredColumns(
  initial: FourVector,
  visible: readonly FourVectorColumns[],
  out?: Float64Array,
): Float64Array {
  requireFourVector("initial", initial);
  const { n } = requireParts(visible, "visible");
  const o = out ?? new Float64Array(n);
  if (o.length !== n) throw argumentError("INCOMPATIBLE_SHAPES", "out", o.length, `length ${n}`);
  // Recoil = P − Σ p: negate the sum and add P in the same loop.
  for (let i = 0; i < n; i++) {
    let e = initial.e;
    let x = initial.px;
    let y = initial.py;
    let z = initial.pz;
    for (const p of visible) {
      e -= p.e[i]!;
      x -= p.px[i]!;
      y -= p.py[i]!;
      z -= p.pz[i]!;
    }
    o[i] = (e - z) * (e + z) - x * x - y * y;
  }
  return o;
}

/** The missing transverse momentum: vector components and magnitude (GeV). */
export interface MissingTransverseMomentum {
  readonly px: number;
  readonly py: number;
  readonly pt: number;
}

/**
 * The missing transverse momentum, (P_initial − Σ pᵢ)_T (GeV). With head-on beams along z the
 * initial state has no transverse momentum; with a crossing angle it does (pass `beams.total`).
 * @param visible - the visible particles (GeV)
 * @param initial - the initial four-momentum (default: none transverse)
 * @throws {@link PhysError} `INVALID_ARGUMENT` for an empty list or non-finite components
 * @example
 * ```ts
 * missingTransverseMomentum([muPlus, muMinus]).pt;
 * ```
 */
export function missingTransverseMomentum(
  visible: readonly FourVector[],
  initial?: FourVector,
): MissingTransverseMomentum {
  requireVisible(visible);
  const v = sum(visible);
  const px = (initial === undefined ? 0 : requireFourVector("initial", initial).px) - v.px;
  const py = (initial === undefined ? 0 : initial.py) - v.py;
  return { px, py, pt: Math.hypot(px, py) };
}

/**
 * cos θ_hel: the cosine of the angle between a daughter and a reference direction, both seen in
 * the rest frame of the parent. Belle2-4mu sec. IV D: the angle between the momentum direction of
 * the c.m. frame (reference = the total beam four-momentum) and the μ⁻ (daughter) in the
 * candidate-muon-pair frame (parent); uniform in cos θ_hel for a scalar or an unpolarised vector.
 * @param daughter - the daughter four-momentum (GeV)
 * @param parent - the parent four-momentum (timelike; GeV)
 * @param reference - the reference four-momentum, e.g. `beams.total` (GeV), all in one frame
 * @returns cos θ_hel ∈ [−1, 1]
 * @throws {@link PhysError} `OUT_OF_DOMAIN` if the parent is not timelike, `INVALID_ARGUMENT` for non-finite input
 * @example
 * ```ts
 * cosHelicityAngle(muMinus, add(muPlus, muMinus), belle2Beams().total);
 * ```
 */
export function cosHelicityAngle(daughter: FourVector, parent: FourVector, reference: FourVector): number {
  requireFourVector("daughter", daughter);
  requireTimelike("parent", parent);
  requireFourVector("reference", reference);
  return cosHelicityKernel(daughter, parent, reference);
}

function cosHelicityKernel(d: FourVector, parent: FourVector, r: FourVector): number {
  const a = restFrameKernel(d, parent, -1);
  const b = restFrameKernel(r, parent, -1);
  const c = (a.px * b.px + a.py * b.py + a.pz * b.pz) / (Math.hypot(a.px, a.py, a.pz) * Math.hypot(b.px, b.py, b.pz));
  return Math.max(-1, Math.min(1, c));
}

/**
 * Columnar {@link cosHelicityAngle} with one reference four-vector for all events (kernel: NaN for
 * events whose parent is not timelike).
 * @param daughter - daughter columns (GeV)
 * @param parent - parent columns (GeV)
 * @param reference - the reference four-momentum, e.g. `beams.total` (GeV)
 * @param out - optional output of length n
 * @throws {@link PhysError} `INCOMPATIBLE_SHAPES` for unequal sizes
 * @example
 * ```ts
 * const c = cosHelicityAngleColumns(muMinus, addColumns(muPlus, muMinus), belle2Beams().total);
 * ```
 */
export function cosHelicityAngleColumns(
  daughter: FourVectorColumns,
  parent: FourVectorColumns,
  reference: FourVector,
  out?: Float64Array,
): Float64Array {
  requireFourVector("reference", reference);
  const n = columnsSize("daughter", daughter);
  requireSize("parent", parent, n);
  const o = out ?? new Float64Array(n);
  if (o.length !== n) throw argumentError("INCOMPATIBLE_SHAPES", "out", o.length, `length ${n}`);
  for (let i = 0; i < n; i++) {
    const p = { e: parent.e[i]!, px: parent.px[i]!, py: parent.py[i]!, pz: parent.pz[i]! };
    o[i] = cosHelicityKernel(
      { e: daughter.e[i]!, px: daughter.px[i]!, py: daughter.py[i]!, pz: daughter.pz[i]! },
      p,
      reference,
    );
  }
  return o;
}

/**
 * p₀ of Belle2-4mu sec. IV D: the CM momentum of two lepton pairs when one has mass m₀ and the other
 * sits at its threshold 2m, p₀ = √λ(s, m₀², 4m²)/(2√s); the paper scales momentum-like MLP inputs
 * by it, and the four-lepton background's dimuon CM momentum peaks there.
 * @param sqrtS - √s (GeV)
 * @param pairMass - the candidate pair mass m₀ (GeV, ≥ 2m)
 * @param leptonMass - the lepton mass m (GeV), e.g. M_MU
 * @returns p₀ (GeV)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for negative masses, `KINEMATICALLY_FORBIDDEN` if
 *   m₀ < 2m or √s < m₀ + 2m
 * @example
 * ```ts
 * pairMomentumP0(10.58, 3, M_MU); // 4.7 GeV
 * ```
 */
export function pairMomentumP0(sqrtS: number, pairMass: number, leptonMass: number): GeV {
  requireNonNegative("leptonMass", leptonMass, "GeV");
  requireFinite("pairMass", pairMass);
  requireMassAbove("pairMass", pairMass, 2 * leptonMass);
  requireMassAbove("sqrtS", sqrtS, pairMass + 2 * leptonMass);
  return gev(twoBodyMomentumKernel(sqrtS, pairMass, 2 * leptonMass));
}
