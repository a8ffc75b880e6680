/**
 * The μ+μ- + missing-energy selection of Jho2019 sec. 3.3-3.4 and its observables: the missing
 * mass squared m²_miss = (P_beams − p₊ − p₋)² (eq. (3.7)) and the missing transverse momentum
 * E_T^miss = |p⃗_T(μ+) + p⃗_T(μ-)| (transverse to the beam axis, the same in the lab and the
 * centre-of-mass frame for head-on beams), on reconstructed events of `@muonphilic/detectors`.
 *
 * @packageDocumentation
 */

import { fromSeed, type ReconstructedEvents, type Requirement } from "@muonphilic/detectors";
import { type BeamSetup, type FourVectorColumns, labToCm, recoilMassSquaredColumns } from "@muonphilic/kinematics";
import { argumentError } from "@muonphilic/units";

/** The cuts of Jho2019 secs. 3.2-3.4. */
export const JHO2019_CUTS = {
  /** E_T^miss > 1.67 GeV: eq. (3.14). */
  missingPtMinGeV: 1.67,
  /** m²_miss < 0.4 GeV²: eq. (3.15). */
  missingMass2MaxGeV2: 0.4,
  /** Muons below 0.6 GeV (lab) are rejected: sec. 3.4. */
  muonMomentumMinGeV: 0.6,
  /** Events with a photon above 1 GeV in the centre-of-mass frame are rejected: sec. 3.2. */
  photonVetoCmEnergyGeV: 1.0,
  /** |η*| of the photon separating "beam pipe" from "detector" photons: sec. 3.3 (tanh 1.94 = 0.9595). */
  photonPseudorapidity: 1.94,
  /** The muon pseudorapidity window in the CM frame, −1.60 < η* < 1.21: sec. 3.3. */
  muonPseudorapidityCm: [-1.6, 1.21] as readonly [number, number],
} as const;

/** Per-event μμ + missing observables. */
export interface MissingObservables {
  /** m²_miss (GeV²), Jho2019 eq. (3.7). */
  readonly missingMass2: Float64Array;
  /** E_T^miss (GeV). */
  readonly missingPt: Float64Array;
}

/**
 * m²_miss and E_T^miss from two muon columns (lab frame).
 * @param muMinus - μ- four-momenta (GeV)
 * @param muPlus - μ+ four-momenta (GeV)
 * @param beams - the beams (their total four-momentum is the initial state)
 * @returns the observables (NaN where a muon is NaN)
 * @throws {@link PhysError} `INCOMPATIBLE_SHAPES` for columns of different lengths
 * @example
 * ```ts
 * const o = missingObservables(reco.particles.muMinus, reco.particles.muPlus, belle2Beams());
 * ```
 */
export function missingObservables(
  muMinus: FourVectorColumns,
  muPlus: FourVectorColumns,
  beams: BeamSetup,
): MissingObservables {
  const missingMass2 = recoilMassSquaredColumns(beams.total, [muMinus, muPlus]);
  const n = missingMass2.length;
  const missingPt = new Float64Array(n);
  const t = beams.total;
  for (let i = 0; i < n; i++) {
    missingPt[i] = Math.hypot(
      t.px - (muMinus.px[i] as number) - (muPlus.px[i] as number),
      t.py - (muMinus.py[i] as number) - (muPlus.py[i] as number),
    );
  }
  return { missingMass2, missingPt };
}

/**
 * The Jho2019 selection as `@muonphilic/detectors` requirements, for events with muons named
 * `muMinus` and `muPlus` and (optionally) photons: both muons reconstructed and identified (with
 * the `jho2019` working point this includes p > 0.6 GeV and the KLM 25°-155°), no photon above
 * 1 GeV in the centre-of-mass frame, E_T^miss > 1.67 GeV and m²_miss < 0.4 GeV².
 * @param beams - the beams (centre-of-mass frame of the photon veto, initial state of m²_miss)
 * @param cuts - overrides of {@link JHO2019_CUTS}
 * @returns the requirements, in cut-flow order
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for a negative cut
 * @example
 * ```ts
 * const sel = select(det.reconstruct(events, species, rng), jho2019Requirements(det.beams), { mode: "weight" });
 * ```
 */
export function jho2019Requirements(
  beams: BeamSetup,
  cuts: Partial<
    Pick<
      typeof JHO2019_CUTS,
      "missingPtMinGeV" | "missingMass2MaxGeV2" | "muonMomentumMinGeV" | "photonVetoCmEnergyGeV"
    >
  > = {},
): Requirement[] {
  const c = { ...JHO2019_CUTS, ...cuts };
  for (const k of ["missingPtMinGeV", "missingMass2MaxGeV2", "muonMomentumMinGeV", "photonVetoCmEnergyGeV"] as const) {
    if (!(c[k] >= 0)) throw argumentError("OUT_OF_DOMAIN", `cuts.${k}`, c[k], ">= 0");
  }
  const muons = ["muMinus", "muPlus"];
  const b = beams.boost;
  const pAt = (ev: ReconstructedEvents, name: string, i: number) => {
    const p = ev.particles[name] as { px: Float64Array; py: Float64Array; pz: Float64Array; e: Float64Array };
    return [p.e[i] as number, p.px[i] as number, p.py[i] as number, p.pz[i] as number] as const;
  };
  return [
    { kind: "reconstructed", particles: muons, provenance: fromSeed("Jho2019 sec. 3.3: two muon tracks") },
    { kind: "trackCount", min: 2, max: 2, provenance: fromSeed("Jho2019 sec. 3.3: μ+μ- + missing energy") },
    {
      kind: "identification",
      particles: muons,
      muons: { min: 2 },
      provenance: fromSeed("Jho2019 sec. 3.4: ε(p_μ) = 0.9 for p > 0.6 GeV"),
    },
    {
      kind: "custom",
      name: `p(μ) > ${c.muonMomentumMinGeV} GeV`,
      provenance: fromSeed("Jho2019 sec. 3.4: muons below 0.6 GeV rejected"),
      test: (ev, i) =>
        muons.every((m) => {
          const [, x, y, z] = pAt(ev, m, i);
          return Math.hypot(x, y, z) > c.muonMomentumMinGeV;
        }),
    },
    {
      kind: "photonVeto",
      maxPhotonEnergyGeV: c.photonVetoCmEnergyGeV,
      frameVelocity: { x: b.x, y: b.y, z: b.z },
      provenance: fromSeed("Jho2019 sec. 3.2: reject events with a photon of E* > 1 GeV"),
    },
    {
      kind: "custom",
      name: `E_T^miss > ${c.missingPtMinGeV} GeV`,
      provenance: fromSeed("Jho2019 eq. (3.14)"),
      test: (ev, i) => {
        const [, ax, ay] = pAt(ev, "muMinus", i);
        const [, bx, by] = pAt(ev, "muPlus", i);
        return Math.hypot(beams.total.px - ax - bx, beams.total.py - ay - by) > c.missingPtMinGeV;
      },
    },
    {
      kind: "custom",
      name: `m²_miss < ${c.missingMass2MaxGeV2} GeV²`,
      provenance: fromSeed("Jho2019 eq. (3.15)"),
      test: (ev, i) => {
        const a = pAt(ev, "muMinus", i);
        const d = pAt(ev, "muPlus", i);
        const t = beams.total;
        const e = t.e - a[0] - d[0];
        const x = t.px - a[1] - d[1];
        const y = t.py - a[2] - d[2];
        const z = t.pz - a[3] - d[3];
        return e * e - x * x - y * y - z * z < c.missingMass2MaxGeV2;
      },
    },
  ];
}

type Reco = ReconstructedEvents;

function recoil(
  ev: Reco,
  beams: BeamSetup,
  i: number,
  names: readonly [string, string],
): [number, number, number, number] {
  const t = beams.total;
  let e = t.e;
  let x = t.px;
  let y = t.py;
  let z = t.pz;
  for (const n of names) {
    const p = ev.particles[n] as { e: Float64Array; px: Float64Array; py: Float64Array; pz: Float64Array };
    e -= p.e[i] as number;
    x -= p.px[i] as number;
    y -= p.py[i] as number;
    z -= p.pz[i] as number;
  }
  return [e, x, y, z];
}

/**
 * Variables of the μμ + missing toys (for `toyDataset` and templates), on reconstructed muons
 * named `muMinus` and `muPlus` (or other names):
 * - `missingMass2`: m²_miss = (P_beams − p₊ − p₋)² (GeV², Jho2019 eq. (3.7); Belle2-inv's recoil mass squared);
 * - `missingPt`: E_T^miss (GeV);
 * - `cosRecoil`: cos θ of the recoil momentum in the centre-of-mass frame (Belle2-inv's second template axis).
 * @param beams - the beams
 * @param names - the two muon names @defaultValue ["muMinus", "muPlus"]
 * @returns the three variables
 * @example
 * ```ts
 * const v = muMuMissingVariables(det.beams);
 * toyDataset({ ..., variables: v });
 * ```
 */
export function muMuMissingVariables(
  beams: BeamSetup,
  names: readonly [string, string] = ["muMinus", "muPlus"],
): {
  readonly missingMass2: (ev: Reco, i: number) => number;
  readonly missingPt: (ev: Reco, i: number) => number;
  readonly cosRecoil: (ev: Reco, i: number) => number;
} {
  return {
    missingMass2: (ev, i) => {
      const [e, x, y, z] = recoil(ev, beams, i, names);
      return e * e - x * x - y * y - z * z;
    },
    missingPt: (ev, i) => {
      const [, x, y] = recoil(ev, beams, i, names);
      return Math.hypot(x, y);
    },
    cosRecoil: (ev, i) => {
      const [e, px, py, pz] = recoil(ev, beams, i, names);
      const r = labToCm({ e, px, py, pz }, beams);
      return r.pz / Math.hypot(r.px, r.py, r.pz);
    },
  };
}
