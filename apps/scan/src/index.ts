/**
 * `@muonphilic/scan`: the `muonphilic` command-line tool and the analyses behind it, importable by
 * the service app: the four-muon resonance scan of Belle2-4mu (data readers, signal calibration,
 * window fits, CLs limits, global significance, physics conversion, outputs, sharding).
 *
 * @packageDocumentation
 */

export type { CalibrationSettings, SignalSimulationOptions } from "./calibrate/simulate.js";
export {
  CALIBRATION_DEFAULTS,
  calibratePoint,
  fitSignalShape,
  simulateCalibration,
  simulateSignalOffsets,
} from "./calibrate/simulate.js";
export type {
  Calibration,
  CalibrationPoint,
  CrystalBallRecord,
  ModelName,
  SignalModelAt,
} from "./calibration.js";
export {
  CALIBRATION_SCHEMA,
  CALIBRATION_SCHEMA_VERSION,
  fromReducedMass,
  readCalibration,
  signalModelAt,
  toReducedMass,
  validateCalibration,
} from "./calibration.js";
export type { CliIo } from "./cli/main.js";
export { main, parseShard, scanConfigFrom } from "./cli/main.js";
export type { DataSource, Injection, ScanConfig, SettingsWire } from "./config.js";
export { DEFAULTS, settingsWire, TABLE_I_PERCENT, TABLE_I_TOTAL } from "./config.js";
export type { Dataset } from "./dataset.js";
export { injectSignal, loadDataset, sampleSignal } from "./dataset.js";
export type { EmbeddedDataset } from "./embedded.js";
export { embeddedDataset } from "./embedded.js";
export type { AnalyseOptions, PointStatus, WindowAnalysis, YieldLimits } from "./fit/analyse.js";
export { analyseWindow, BAND_SIGMAS } from "./fit/analyse.js";
export type { CrystalBallShape, Region, SignalShape } from "./fit/shape.js";
export { effectiveResolution, signalPdf } from "./fit/shape.js";
export type { ToyOptions, ToyYieldLimits } from "./fit/toys.js";
export { toysLimits } from "./fit/toys.js";
export type { WindowModel, WindowSpec } from "./fit/window.js";
export { asimovModel, buildWindowModel, makeWindow } from "./fit/window.js";
export type { BandCoverage, LargestExcess } from "./global.js";
export { bandCoverage, largestExcess } from "./global.js";
export type { GridOptions, GridPoint } from "./grid.js";
export { massGrid, reducedVetoes } from "./grid.js";
export type { InputFormat, InvalidReason, InvalidRows, MassColumn, ReadOptions } from "./io/readers.js";
export { formatFromPath, INPUT_FORMATS, readMassColumn } from "./io/readers.js";
export type { PointOutput, ResultsDocument } from "./output/results.js";
export { buildDocument, RESULTS_SCHEMA, RESULTS_SCHEMA_VERSION } from "./output/results.js";
export type { ModelLimits, PhysicsSettings } from "./physics.js";
export { convertPoint, gm2ExcludedRanges } from "./physics.js";
export type { EfficiencyTable, PointRecord, PointSettings, SystematicsTable } from "./run/point.js";
export { analysePoint, interpolateInMass, systematicAt, windowAt } from "./run/point.js";
export type { ScanIo, ScanOutcome } from "./run/scan.js";
export { defaultCalibrationPath, mergeShards, RESULTS_FILE, runResonanceScan } from "./run/scan.js";
