/**
 * A stopped-kaon experiment, E949 (Ibe2017 sec. III): K⁺ decays at rest, a single muon track
 * with 140 < p_μ < 200 MeV, photons vetoed by a hermetic calorimeter.
 *
 * @packageDocumentation
 */
import { requireNonNegative, requirePositive, requireProbability } from "@muonphilic/units";
import { createDetector, type DetectorModel } from "./detector.js";
import { type EfficiencyCurveSpec, type EfficiencySpec, makeEfficiency } from "./efficiency.js";
import { assumption, fromSeed, USER_PROVENANCE } from "./provenance.js";

/** Defaults of {@link e949}. */
export const E949_DEFAULTS = {
  /** Stopped kaons of the E949 exposure: Ibe2017 sec. III, N_K = 1.70 × 10¹². */
  stoppedKaons: 1.7e12,
  /**
   * Single-muon acceptance after all cuts vs p_μ (GeV): Ibe2017 sec. III and Fig. 3 (left),
   * "around 10⁻³ for 140 MeV < p_μ < 200 MeV"; the figure's shape is not reproduced: the default
   * is flat 10⁻³ on [0.140, 0.200] GeV and 0 outside. Pass the digitised curve for more.
   */
  acceptance: {
    variable: "p",
    grid: [0.14, 0.2],
    values: [1e-3, 1e-3],
    below: "zero",
    above: "zero",
    provenance: fromSeed(
      "Ibe2017 sec. III: single-muon acceptance around 1e-3 for 140 < p_μ < 200 MeV (flat approximation of Fig. 3)",
    ),
  } as EfficiencyCurveSpec,
  /** Probability that a photon survives the tight photon veto: Ibe2017 sec. III, ε_γ ~ 10⁻³. */
  photonRejection: 1e-3,
  /**
   * Relative muon momentum resolution σ_p/p: not given in Ibe2017; a documented assumption of 1%.
   */
  muonMomentumResolution: 0.01,
} as const;

/** Options of {@link e949}. */
export interface E949Options {
  /** Stopped kaons. @defaultValue {@link E949_DEFAULTS}.stoppedKaons */
  readonly stoppedKaons?: number;
  /** Single-muon acceptance (a curve in p, GeV, or any efficiency). @defaultValue {@link E949_DEFAULTS}.acceptance */
  readonly acceptance?: EfficiencySpec;
  /** Photon veto survival probability ε_γ. @defaultValue {@link E949_DEFAULTS}.photonRejection */
  readonly photonRejection?: number;
  /** Relative muon momentum resolution. @defaultValue {@link E949_DEFAULTS}.muonMomentumResolution */
  readonly muonMomentumResolution?: number;
}

/** The E949 model: a {@link DetectorModel} and its exposure. */
export interface E949Detector extends DetectorModel {
  /** Stopped kaons of the exposure. */
  readonly stoppedKaons: number;
}

/**
 * Builds the stopped-kaon (E949) detector model.
 *
 * - Muons: every direction (kaons decay at rest; the solid-angle and selection losses are in the
 *   acceptance curve), reconstructed with probability `acceptance(p_μ)`, momentum smeared by
 *   `muonMomentumResolution`, identified as muons.
 * - Photons: every photon is seen by the veto except with probability `photonRejection`
 *   (no energy threshold: the seed quotes one number).
 * - Charged pions and electrons are never accepted as the signal muon (Ibe2017 footnote 10:
 *   pion modes are vetoed by the range-momentum cut).
 * - No separate trigger: the acceptance is "after all the cuts".
 *
 * Weight-mode selections ({@link select}) give expected yields without simulating the 10⁻³
 * acceptance by rejection.
 *
 * @param options - overrides of {@link E949_DEFAULTS}
 * @returns the {@link E949Detector}
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for a non-positive exposure, an efficiency outside
 *   [0, 1] or a negative resolution; the codes of {@link makeEfficiency} for a malformed curve
 * @example
 * ```ts
 * const det = e949({ photonRejection: 1e-5 }); // Ibe2017's "100 times better photon rejection"
 * const reco = det.reconstruct(decays, { mu: "muon", nu: "invisible", z: "invisible" }, createRandom(5));
 * ```
 */
export function e949(options: E949Options = {}): E949Detector {
  const d = E949_DEFAULTS;
  const stoppedKaons = requirePositive("stoppedKaons", options.stoppedKaons ?? d.stoppedKaons);
  const rejection = requireProbability("photonRejection", options.photonRejection ?? d.photonRejection);
  const resolution = requireNonNegative(
    "muonMomentumResolution",
    options.muonMomentumResolution ?? d.muonMomentumResolution,
  );
  const acceptance = makeEfficiency("acceptance", options.acceptance ?? d.acceptance).spec;
  const never = (why: string) => ({
    acceptance: { kind: "all", provenance: assumption(why) } as const,
    efficiency: { constant: 0, provenance: assumption(why) },
    resolution: { kind: "none", provenance: assumption(why) } as const,
  });
  const model = createDetector(
    {
      name: "E949",
      responses: {
        muon: {
          acceptance: {
            kind: "all",
            provenance: assumption("stopped kaons decay isotropically; losses are in the acceptance curve"),
          },
          efficiency: acceptance,
          resolution: {
            kind: "relativeMomentum",
            sigma: resolution,
            provenance:
              options.muonMomentumResolution === undefined
                ? assumption("the muon momentum resolution is not given in Ibe2017; 1% is our choice")
                : USER_PROVENANCE,
          },
          muonId: {
            constant: 1,
            provenance: assumption("the single-track selection identifies the muon by range and momentum"),
          },
        },
        photon: {
          acceptance: { kind: "all", provenance: assumption("hermetic photon veto") },
          efficiency: {
            constant: 1 - rejection,
            provenance: fromSeed("Ibe2017 sec. III: photon rejection ε_γ ~ 1e-3 after tight photon veto cuts"),
          },
          resolution: { kind: "none", provenance: assumption("photons are only vetoed, not measured") },
        },
        pion: never("Ibe2017 footnote 10: decay modes with charged pions are vetoed by the range-momentum cut"),
        electron: never("the single-muon selection rejects electrons (assumption)"),
      },
      trigger: { kind: "none", provenance: fromSeed("Ibe2017 sec. III: acceptance after all cuts") },
      notes: ["Kaon rest frame = lab frame.", "Use weight-mode selections for expected yields."],
    },
    {
      stoppedKaons: {
        value: stoppedKaons,
        provenance:
          options.stoppedKaons === undefined
            ? fromSeed("Ibe2017 sec. III: N_K = 1.70e12 stopped kaons")
            : USER_PROVENANCE,
      },
    },
  );
  return { ...model, stoppedKaons };
}
