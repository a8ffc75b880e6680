/**
 * `@muonphilic/kinematics`: four-vectors, e⁺e⁻ and fixed-target frames, observables, phase space
 * and kinematic fits, over `Float64Array` columns where it matters. Units: GeV, rad.
 *
 * Re-exports the project's seeded random source (`@muonphilic/random`).
 *
 * @packageDocumentation
 */

export { chi2PValue } from "@muonphilic/numeric";
export type { RandomSource, RandomState } from "@muonphilic/random";
export { createRandom, restoreRandom } from "@muonphilic/random";
export type { BeamOptions, BeamSetup } from "./beams.js";
export {
  BELLE2_DEFAULTS,
  beamSetup,
  belle2Beams,
  cmToLab,
  cmToLabColumns,
  cmToLabEvents,
  cmToLabPolarAngle,
  labToCm,
  labToCmColumns,
  labToCmEvents,
} from "./beams.js";
export { boost, boostFromRestFrame, boostFromRestFrameInPlace, boostInPlace, boostToRestFrame } from "./boost.js";
export type { DecayNode } from "./chain.js";
export { decayChainColumns } from "./chain.js";
export {
  addColumns,
  allocateColumns,
  boostColumns,
  boostEvents,
  boostFromRestFrameColumns,
  boostToRestFrameColumns,
  columnsFromFourVectors,
  fourVectorAt,
  invariantMassColumns,
  massSquaredColumns,
  requireEvents,
  setFourVector,
  sumColumns,
} from "./columns.js";
export type { DalitzDensity, Interval, ThreeBodyDecay, ThreeBodyMasses } from "./dalitz.js";
export {
  dalitzArea,
  dalitzM12Range,
  dalitzM23Range,
  threeBodyDecayColumns,
  threeBodyMomentaAtRest,
  threeBodyPhaseSpaceVolume,
} from "./dalitz.js";
export type { ElasticFinalState, FixedTargetElastic, FixedTargetElasticOptions } from "./fixedTarget.js";
export { fixedTargetElastic } from "./fixedTarget.js";
export {
  add,
  cosTheta,
  dot,
  fourVector,
  fromEnergyMassAngles,
  fromMassMomentum,
  fromPtEtaPhiM,
  gamma,
  invariantMass,
  longitudinalMomentum,
  mass,
  mass2,
  momentum,
  openingAngle,
  phi,
  pseudorapidity,
  pt,
  rapidity,
  scale,
  signedTransverseMomentum,
  subtract,
  sum,
  theta,
  threeMomentum,
  transverseMass,
  transverseMomentum,
  velocity,
} from "./fourvector.js";
export type {
  FitConstraint,
  FitParticle,
  FourMomentumComponent,
  FourMomentumConstraint,
  KinematicFitOptions,
  KinematicFitResult,
  KinematicFitStatus,
  KinematicFitter,
  MassConstraint,
  TrackResolution,
} from "./kinematicFit.js";
export { createKinematicFitter, KINEMATIC_FIT_DEFAULTS, kinematicFit, trackCovariance } from "./kinematicFit.js";
export type { MissingTransverseMomentum } from "./observables.js";
export {
  cosHelicityAngle,
  cosHelicityAngleColumns,
  missingMassSquared,
  missingTransverseMomentum,
  pairMomentumP0,
  recoilMassSquared,
  recoilMassSquaredColumns,
  reducedMass,
  reducedMassColumns,
} from "./observables.js";
export type { NBodyDecay } from "./rambo.js";
export { masslessPhaseSpaceVolume, nBodyDecayColumns, ramboColumns, twoBodyPhaseSpaceVolume } from "./rambo.js";
export type { Thrust } from "./thrust.js";
export { THRUST_EXHAUSTIVE_MAX, thrust } from "./thrust.js";
export type { AngularDistribution, TwoBodyDaughters, TwoBodyDecayOptions } from "./twobody.js";
export {
  cosSquaredDistribution,
  kallen,
  twoBodyDecay,
  twoBodyDecayAtRest,
  twoBodyDecayColumns,
  twoBodyMomentum,
} from "./twobody.js";
export type { EventColumns, FourVector, FourVectorColumns, ThreeVector } from "./types.js";
