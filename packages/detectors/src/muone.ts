/**
 * The MUonE detector model (Asai2022 secs. II-III): a 150 GeV muon beam on 40 beryllium targets
 * of 15 mm, each followed by silicon tracking; an electromagnetic calorimeter (ECAL) after the
 * last station; a muon filter at the end. No magnet: muon momenta are not measured, only
 * directions (θ_μ to O(0.01) mrad).
 *
 * @packageDocumentation
 */
import {
  AVOGADRO_PER_MOL,
  BERYLLIUM,
  type InvPb,
  invPb,
  type Material,
  PhysError,
  requireInteger,
  requireNonNegative,
  requirePositive,
  requireProbability,
} from "@muonphilic/units";
import { createDetector, type DetectorModel, type ParticleResponseSpec } from "./detector.js";
import { assumption, fromExternal, fromSeed } from "./provenance.js";

/** cm⁻² per pb⁻¹ (1 pb = 10⁻³⁶ cm²). */
const CM2_PER_PB = 1e-36;

/** A target material: atomic number, molar mass and density (the shape of `Material` of `@muonphilic/units`). */
export interface TargetMaterial {
  /** Atomic number Z (electrons per atom). */
  readonly z: number;
  /** Molar mass A (g/mol). */
  readonly molarMassGPerMol: number;
  /** Density (g/cm³). */
  readonly densityGPerCm3: number;
}

/** Defaults of {@link muone}. */
export const MUONE_DEFAULTS = {
  /** Muon beam energy (GeV): Asai2022 sec. II. */
  beamEnergyGeV: 150,
  /** Number of target stations: Asai2022 sec. II. */
  stations: 40,
  /** Thickness of each beryllium target (mm): Asai2022 sec. II. */
  targetThicknessMm: 15,
  /** Target material: beryllium (Asai2022 sec. II; `BERYLLIUM` of `@muonphilic/units`, PDG atomic and nuclear properties). */
  target: BERYLLIUM,
  /** Muon (and electron) track angular resolution per projection (rad): Asai2022 sec. III, "O(0.01) mrad". */
  trackAngularResolutionRad: 1e-5,
  /** ECAL relative energy resolution: Asai2022 sec. III, "≲ 10%". */
  ecalEnergyResolution: 0.1,
  /** ECAL angular resolution (rad): Asai2022 footnote 3, "≲ 1 mrad". */
  ecalAngularResolutionRad: 1e-3,
  /** ECAL half-width (m): Asai2022 sec. III, transverse size O(1 × 1) m². */
  ecalHalfWidthM: 0.5,
  /** Distance between consecutive targets (m): assumption (MUonE letter of intent layout, not in the seed). */
  stationPitchM: 1,
  /** Photon cluster threshold on the measured energy (GeV): assumption (the seed's vetoed photons have E_γ ≳ 13 GeV). */
  photonThresholdGeV: 1,
  /** Probability to miss a photon above threshold inside the ECAL: assumption (the seed assumes a perfect veto). */
  photonInefficiency: 0,
  /** An electron and a photon closer than this form one ECAL cluster (rad): assumption, twice the ECAL angular resolution. */
  clusterSeparationRad: 2e-3,
} as const;

/** Options of {@link muone} and {@link muoneLuminosityPerMuon}; every field defaults to {@link MUONE_DEFAULTS}. */
export interface MuoneOptions {
  /** Number of target stations. */
  readonly stations?: number;
  /** Thickness of each target (mm). */
  readonly targetThicknessMm?: number;
  /** Target material. */
  readonly target?: TargetMaterial;
  /** Track angular resolution per projection (rad). */
  readonly trackAngularResolutionRad?: number;
  /** ECAL relative energy resolution. */
  readonly ecalEnergyResolution?: number;
  /** ECAL angular resolution (rad). */
  readonly ecalAngularResolutionRad?: number;
  /** ECAL half-width (m). */
  readonly ecalHalfWidthM?: number;
  /** Distance between consecutive targets (m). */
  readonly stationPitchM?: number;
  /** Photon cluster threshold (GeV). */
  readonly photonThresholdGeV?: number;
  /** Photon inefficiency inside the ECAL. */
  readonly photonInefficiency?: number;
  /** Electron-photon cluster separation (rad). */
  readonly clusterSeparationRad?: number;
}

/** The MUonE model: a {@link DetectorModel} plus its exposure bookkeeping. */
export interface MuoneDetector extends DetectorModel {
  /** Muon beam energy (GeV). */
  readonly beamEnergyGeV: number;
  /** Integrated luminosity per muon on target (pb⁻¹). */
  readonly luminosityPerMuon: InvPb;
  /** Distance from each target station to the ECAL (m), first station first. */
  readonly ecalDistancesM: readonly number[];
}

function requireMaterial(m: TargetMaterial): TargetMaterial {
  if (m === null || typeof m !== "object") {
    throw new PhysError("INVALID_ARGUMENT", "target must be { z, molarMassGPerMol, densityGPerCm3 }", {
      argument: "target",
      value: m,
      allowed: "{ z, molarMassGPerMol, densityGPerCm3 }",
    });
  }
  return {
    z: requireInteger("target.z", m.z, 1),
    molarMassGPerMol: requirePositive("target.molarMassGPerMol", m.molarMassGPerMol, "g/mol"),
    densityGPerCm3: requirePositive("target.densityGPerCm3", m.densityGPerCm3, "g/cm^3"),
  };
}

/**
 * Integrated luminosity per muon for μe scattering on the target electrons:
 * L/N_μ = n_e · N_stations · t, with n_e = ρ N_A Z / A the electron density.
 * For 40 × 15 mm of beryllium, n_e = 4.94 × 10²³ cm⁻³ and L/N_μ = 2.96 × 10²⁵ cm⁻² = 2.96 × 10⁻¹¹ pb⁻¹.
 *
 * @param options - stations, target thickness (mm) and material
 * @returns pb⁻¹ per muon on target
 * @throws {@link PhysError} `OUT_OF_DOMAIN` / `INVALID_ARGUMENT` for non-positive or non-integer inputs
 * @example
 * ```ts
 * muoneLuminosityPerMuon(); // ≈ 2.96e-11 pb⁻¹
 * 15e3 / muoneLuminosityPerMuon(); // ≈ 5.1e14 muons for Asai2022's 15 fb⁻¹
 * ```
 */
export function muoneLuminosityPerMuon(options: MuoneOptions = {}): InvPb {
  const stations = requireInteger("stations", options.stations ?? MUONE_DEFAULTS.stations, 1);
  const thicknessCm =
    requirePositive("targetThicknessMm", options.targetThicknessMm ?? MUONE_DEFAULTS.targetThicknessMm, "mm") / 10;
  const t = requireMaterial(options.target ?? MUONE_DEFAULTS.target);
  const electronDensity = (t.densityGPerCm3 * AVOGADRO_PER_MOL * t.z) / t.molarMassGPerMol;
  return invPb(electronDensity * stations * thicknessCm * CM2_PER_PB);
}

/**
 * Muons on target needed for an integrated luminosity.
 * @param luminosity - integrated luminosity (pb⁻¹, ≥ 0)
 * @param options - the target (see {@link muoneLuminosityPerMuon})
 * @returns the number of muons
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for a negative luminosity
 * @example
 * ```ts
 * muonsOnTarget(invFbToInvPb(15)); // ≈ 5.1e14
 * ```
 */
export function muonsOnTarget(luminosity: InvPb | number, options: MuoneOptions = {}): number {
  return requireNonNegative("luminosity", luminosity, "pb^-1") / muoneLuminosityPerMuon(options);
}

/**
 * Builds the MUonE detector model.
 *
 * - Muons: every direction (the tracker covers far more than θ_μ ≤ 4.84 mrad), direction smeared
 *   by `trackAngularResolutionRad` per projection, momentum not measured (four-vector `NaN`),
 *   identified by the muon filter.
 * - Electrons and photons: must hit the square ECAL at the distance of the event's target station
 *   (drawn uniformly among the stations, shared by the event's particles); energy smeared by
 *   `ecalEnergyResolution`; electron direction from the tracker, photon direction from the ECAL.
 *   A photon closer than `clusterSeparationRad` to an electron joins its cluster: the electron's
 *   measured energy is then E_e + E_γ (Asai2022 sec. III: "detected as a single electron").
 * - Photons: measured energy ≥ `photonThresholdGeV`, missed with `photonInefficiency`.
 * - No trigger requirement. Other species are not detected.
 *
 * @param options - overrides of {@link MUONE_DEFAULTS}
 * @returns the {@link MuoneDetector}
 * @throws {@link PhysError} `OUT_OF_DOMAIN` / `INVALID_ARGUMENT` for invalid numbers
 * @example
 * ```ts
 * const det = muone();
 * const reco = det.reconstruct(events, { mu: "muon", e: "electron", z: "invisible" }, createRandom(3));
 * reco.particles.mu.theta; // measured muon angles (rad)
 * ```
 */
export function muone(options: MuoneOptions = {}): MuoneDetector {
  const d = MUONE_DEFAULTS;
  const stations = requireInteger("stations", options.stations ?? d.stations, 1);
  const pitch = requirePositive("stationPitchM", options.stationPitchM ?? d.stationPitchM, "m");
  const halfWidth = requirePositive("ecalHalfWidthM", options.ecalHalfWidthM ?? d.ecalHalfWidthM, "m");
  const trackAngle = requireNonNegative(
    "trackAngularResolutionRad",
    options.trackAngularResolutionRad ?? d.trackAngularResolutionRad,
    "rad",
  );
  const ecalAngle = requireNonNegative(
    "ecalAngularResolutionRad",
    options.ecalAngularResolutionRad ?? d.ecalAngularResolutionRad,
    "rad",
  );
  const eRes = requireNonNegative("ecalEnergyResolution", options.ecalEnergyResolution ?? d.ecalEnergyResolution);
  const threshold = requirePositive("photonThresholdGeV", options.photonThresholdGeV ?? d.photonThresholdGeV, "GeV");
  const inefficiency = requireProbability("photonInefficiency", options.photonInefficiency ?? d.photonInefficiency);
  const separation = requirePositive(
    "clusterSeparationRad",
    options.clusterSeparationRad ?? d.clusterSeparationRad,
    "rad",
  );
  const luminosityPerMuon = muoneLuminosityPerMuon(options);
  // Target k (k = 0 first) sits at z = k·pitch; the ECAL follows the last station at z = N·pitch.
  const ecalDistancesM = Array.from({ length: stations }, (_, k) => (stations - k) * pitch);
  const ecal = {
    kind: "planar",
    halfWidthM: halfWidth,
    distancesM: ecalDistancesM,
    provenance: assumption(
      "Asai2022 sec. III: ECAL of O(1 × 1) m² after the 40 stations; the 1 m station pitch (distances 1-40 m) is our assumption",
    ),
  } as const;
  const ecalResolution = {
    kind: "energy",
    terms: [{ coefficient: eRes, power: 0 }],
    provenance: fromSeed("Asai2022 sec. III: ECAL energy resolution ≲ 10%"),
  } as const;
  const muon: ParticleResponseSpec = {
    acceptance: {
      kind: "all",
      provenance: assumption("tracker acceptance not modelled: μe scattering keeps θ_μ ≤ 4.84 mrad (Asai2022 sec. II)"),
    },
    efficiency: { constant: 1, provenance: assumption("tracking efficiency not given in the seed; 1") },
    resolution: { kind: "none", provenance: fromSeed("Asai2022 sec. IV: no muon momentum measurement") },
    angularResolutionRad: trackAngle,
    angularProvenance: fromSeed("Asai2022 sec. III: θ_μ measured with O(0.01) mrad resolution"),
    measuresMomentum: false,
    muonId: { constant: 1, provenance: assumption("muon filter identification efficiency not given in the seed; 1") },
  };
  const electron: ParticleResponseSpec = {
    acceptance: ecal,
    efficiency: {
      constant: 1,
      provenance: assumption("electron reconstruction efficiency not given in the seed; 1 inside the ECAL"),
    },
    resolution: ecalResolution,
    angularResolutionRad: trackAngle,
    angularProvenance: assumption(
      "electron direction from the same trackers as the muon; multiple scattering neglected (Asai2022 footnote 1: the analysis does not use θ_e)",
    ),
    electronId: { constant: 1, provenance: assumption("electron identification not given in the seed; 1") },
  };
  const photon: ParticleResponseSpec = {
    acceptance: ecal,
    threshold: {
      variable: "e",
      minGeV: threshold,
      provenance: assumption("photon cluster threshold not given in the seed"),
    },
    efficiency: {
      constant: 1 - inefficiency,
      provenance: assumption(
        "Asai2022 sec. III treats the photon veto as perfect for the ≳ 13 GeV photons it must reject",
      ),
    },
    resolution: ecalResolution,
    angularResolutionRad: ecalAngle,
    angularProvenance: fromSeed("Asai2022 footnote 3: ECAL angular resolution ≲ 1 mrad"),
  };
  const model = createDetector(
    {
      name: "MUonE",
      responses: { muon, electron, photon },
      trigger: { kind: "none", provenance: assumption("no trigger model in the seed") },
      clusterMerging: {
        separationRad: separation,
        provenance: assumption(
          "Asai2022 sec. III: photon and electron 'well separated' or one cluster; the 2 mrad scale is our assumption",
        ),
      },
      notes: [
        "Lab frame: the muon beam along +z, target electrons at rest.",
        "One target station is drawn per event; electrons and photons must hit the ECAL square at that station's distance.",
        "Muon four-vectors are NaN (no momentum measurement); use theta and phi.",
      ],
    },
    {
      beamEnergyGeV: { value: d.beamEnergyGeV, provenance: fromSeed("Asai2022 sec. II: 150 GeV muon beam") },
      stations: { value: stations, provenance: fromSeed("Asai2022 sec. II: 40 stations") },
      targetThicknessMm: {
        value: options.targetThicknessMm ?? d.targetThicknessMm,
        provenance: fromSeed("Asai2022 sec. II: 15 mm beryllium targets"),
      },
      target: {
        value: options.target ?? d.target,
        provenance: fromExternal("PDG atomic and nuclear properties of beryllium"),
      },
      luminosityPerMuonInvPb: {
        value: luminosityPerMuon,
        provenance: fromSeed("derived: n_e × 40 × 15 mm (Asai2022 sec. II)"),
      },
    },
  );
  return { ...model, beamEnergyGeV: d.beamEnergyGeV, luminosityPerMuon, ecalDistancesM };
}
