/**
 * `@muonphilic/detectors`: fast detector response for Belle II, MUonE and a stopped-kaon
 * experiment (E949). Generator-level particles in (columnar, lab frame, GeV), reconstructed
 * particles out, with acceptance, resolution, efficiency, identification, photon veto and
 * trigger; selections in sample or weight mode with a cut flow. Every number carries its
 * provenance.
 *
 * @packageDocumentation
 */
export type { Acceptance, AcceptanceSpec, AngleIntervalDeg } from "./acceptance.js";
export { cylindricalGapDeg, makeAcceptance } from "./acceptance.js";
export type {
  Belle2Detector,
  Belle2MuonIdPreset,
  Belle2MuonIdSpec,
  Belle2Options,
  Belle2PhotonVetoPreset,
  Belle2PhotonVetoSpec,
  Belle2TrackAnglesPreset,
  Belle2TrackingPreset,
  Belle2TriggerPreset,
} from "./belle2.js";
export {
  BELLE2_DETECTOR_DEFAULTS,
  BELLE2_GEOMETRY,
  BELLE2_MUON_ID_PRESETS,
  BELLE2_PHOTON_VETO_PRESETS,
  BELLE2_TRACK_ANGLE_PRESETS,
  BELLE2_TRACK_ANGLES,
  BELLE2_TRACKING_PRESETS,
  BELLE2_TRIGGER_PRESETS,
  belle2,
} from "./belle2.js";
export type { CutFlow, CutFlowStep } from "./cutflow.js";
export { formatCutFlow, makeCutFlow } from "./cutflow.js";
export { DEFAULTS } from "./defaults.js";
export type {
  ClusterMergingSpec,
  DetectorConfig,
  DetectorDescription,
  DetectorModel,
  ParticleResponseSpec,
  ReconstructedEvents,
  ReconstructedParticle,
  ThresholdSpec,
} from "./detector.js";
export { createDetector } from "./detector.js";
export type { E949Detector, E949Options } from "./e949.js";
export { E949_DEFAULTS, e949 } from "./e949.js";
export type {
  ConstantEfficiencySpec,
  Efficiency,
  EfficiencyCurveSpec,
  EfficiencyMapSpec,
  EfficiencyProductSpec,
  EfficiencySpec,
  KinematicVariable,
  Outside,
} from "./efficiency.js";
export { KINEMATIC_VARIABLES, makeEfficiency } from "./efficiency.js";
export type { MuoneDetector, MuoneOptions, TargetMaterial } from "./muone.js";
export { MUONE_DEFAULTS, muone, muoneLuminosityPerMuon, muonsOnTarget } from "./muone.js";
export type { DetectorName } from "./presets.js";
export { DETECTOR_NAMES, detectorPreset } from "./presets.js";
export type { Provenance, ProvenanceKind } from "./provenance.js";
export { assumption, fromComputation, fromExternal, fromSeed, parametrisation, USER_PROVENANCE } from "./provenance.js";
export type {
  AngleResolutionTerms,
  Resolution,
  ResolutionSpec,
  ResolutionTerm,
  TrackAngularResolutionSpec,
} from "./resolution.js";
export {
  angleResolution,
  BELLE2_TRACKING,
  belle2MomentumResolution,
  belle2PtResolution,
  calorimeterResolution,
  makeResolution,
  makeTrackAngularResolution,
  RESOLUTION_KINDS,
} from "./resolution.js";
export type { CountRange, Requirement, Selection, SelectionMode, SelectOptions } from "./selection.js";
export { SELECTION_DEFAULTS, select, selectedEvents } from "./selection.js";
export type { ParticleDeclaration, PidCode, Species, SpeciesDeclaration } from "./species.js";
export { CHARGED_SPECIES, normaliseDeclaration, PID, SPECIES } from "./species.js";
export type { TrackView, Trigger, TriggerSpec } from "./trigger.js";
export { allocateTrackView, makeTrigger } from "./trigger.js";
