/**
 * `muonphilic calibrate`: runs the signal simulation (`generateMuMuX` of `@muonphilic/models`, matrix
 * element with ISR, through the Belle II model of `@muonphilic/detectors` and the 4C fit) and the
 * shape fits, and writes the calibration artefact (JSON, schema muonphilic/signal-calibration v1)
 * that scans read with --calibration.
 *
 * @packageDocumentation
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PhysError } from "@muonphilic/units";
import { CALIBRATION_DEFAULTS, simulateCalibration } from "../calibrate/simulate.js";
import { writeAtomic } from "../output/results.js";
import { toJson } from "../run/checkpoint.js";
import { type CommandSpec, getFlag, getNumber, getString, helpText, parseArgs } from "./args.js";
import type { CliIo } from "./main.js";

/** The options of `muonphilic calibrate`. */
export const CALIBRATE_SPEC: CommandSpec = {
  name: "calibrate",
  summary:
    "Simulate e+e- -> mu+mu- X(-> mu+mu-) for the Z' and the scalar through the Belle II detector model and the kinematic fit,\n" +
    "fit the double-Crystal-Ball shape of the reduced mass and count the efficiency at each mass: the calibration artefact.",
  usage: "muonphilic calibrate [--out FILE] [--events N] [--seed N] [--masses M1,M2,...]",
  options: [
    {
      name: "out",
      kind: "value",
      valueName: "FILE",
      description: "Calibration file to write",
      defaultText: "calibration.json",
    },
    {
      name: "events",
      kind: "value",
      valueName: "N",
      description: "Events generated per mass and model",
      defaultText: String(CALIBRATION_DEFAULTS.events),
    },
    {
      name: "seed",
      kind: "value",
      valueName: "N",
      description: "Seed",
      defaultText: String(CALIBRATION_DEFAULTS.seed),
    },
    {
      name: "masses",
      kind: "value",
      valueName: "LIST",
      description: "Comma-separated masses in GeV",
      defaultText: "0.212, 0.25, ..., 1.0, then every 0.25 GeV to 9.0",
    },
  ],
};

/** Runs `muonphilic calibrate`; returns the exit code. */
export async function calibrateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, CALIBRATE_SPEC);
  if (getFlag(args, "help")) {
    io.stdout(helpText(CALIBRATE_SPEC));
    return 0;
  }
  const out = getString(args, "out") ?? "calibration.json";
  const list = getString(args, "masses");
  const masses = list === undefined ? CALIBRATION_DEFAULTS.masses : list.split(",").map((s) => Number(s.trim()));
  if (masses.length < 2 || masses.some((m, i) => !Number.isFinite(m) || (i > 0 && !(m > masses[i - 1]!)))) {
    throw new PhysError(
      "INVALID_ARGUMENT",
      `--masses must be at least two increasing numbers, got ${JSON.stringify(list)}`,
      {
        argument: "--masses",
      },
    );
  }
  const settings = {
    ...CALIBRATION_DEFAULTS,
    masses,
    events: getNumber(args, "events", CALIBRATION_DEFAULTS.events, { min: 100, integer: true }),
    seed: getNumber(args, "seed", CALIBRATION_DEFAULTS.seed, { min: 0, integer: true }),
  };
  const t0 = performance.now();
  const cal = simulateCalibration(settings, (model, p) => {
    io.stderr.write(
      `${model} ${p.massGeV.toFixed(3)} GeV: resolution ${(p.resolutionGeV * 1000).toFixed(2)} MeV, efficiency ${(100 * p.efficiency).toFixed(1)}%, fit ${p.fitStatus}\n`,
    );
  });
  mkdirSync(dirname(out), { recursive: true });
  writeAtomic(out, `${toJson(cal, 1)}\n`);
  io.stdout(`wrote ${out} (${masses.length} masses x 2 models) in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  return 0;
}
