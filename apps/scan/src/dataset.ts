/**
 * The dataset of a scan: the embedded default (a background-only Belle II four-muon toy at
 * 178 fb⁻¹ from `@muonphilic/backgrounds`, fixed seed) or a user file, plus injected signal events
 * (`--inject MASS:YIELD`) drawn from the calibrated signal shape.
 *
 * @packageDocumentation
 */
import { createRandom, type RandomSource } from "@muonphilic/random";
import { PhysError } from "@muonphilic/units";
import { type Calibration, fromReducedMass, sha256, signalModelAt, toReducedMass } from "./calibration.js";
import type { DataSource, Injection } from "./config.js";
import { embeddedDataset } from "./embedded.js";
import { crystalBallPdf, type SignalShape } from "./fit/shape.js";
import { type InvalidRows, type MassColumn, readMassColumn } from "./io/readers.js";

/** A loaded dataset. */
export interface Dataset {
  /** Valid dimuon masses (with injected events appended), GeV. */
  readonly masses: Float64Array;
  /** What it is, for plots and the summary. */
  readonly description: string;
  readonly source:
    | MassColumn["source"]
    | { readonly path: "embedded"; readonly format: "embedded"; readonly column: string; readonly sha256: string };
  readonly rows: number;
  readonly invalid: InvalidRows;
  /** Injected events per injection. */
  readonly injected: readonly { readonly massGeV: number; readonly yield: number; readonly events: number }[];
}

/**
 * Draws one reduced mass from the double Crystal Ball truncated to [low, high] (each component
 * normalised on the interval, as in the window fits).
 */
export function sampleSignal(shape: SignalShape, low: number, high: number, rng: RandomSource): number {
  const cb = rng.uniform() < shape.fraction ? shape.core : shape.tail;
  return crystalBallPdf(shape.mean, cb, low, high).sample(rng, 1)[0]!;
}

/**
 * Injected signal: for each injection, round(yield) events of the calibrated shape at its mass
 * inside the scan window of that hypothesis (±window/2 resolutions), the events that the window
 * fit counts as its signal yield (stream k of the injection seed for injection k), as dimuon masses.
 */
export function injectSignal(
  calibration: Calibration,
  injections: readonly Injection[],
  seed: number,
  windowInResolutions: number,
): { masses: Float64Array; counts: number[] } {
  const out: number[] = [];
  const counts: number[] = [];
  injections.forEach((inj, k) => {
    const rng = createRandom(seed, k + 1);
    const { shape, resolution } = signalModelAt(calibration, inj.mass);
    const half = 0.5 * windowInResolutions * resolution;
    const n = Math.round(inj.yield);
    let made = 0;
    while (made < n) {
      const r = sampleSignal(shape, Math.max(0, toReducedMass(inj.mass) - half), toReducedMass(inj.mass) + half, rng);
      if (r <= 0) continue;
      out.push(fromReducedMass(r));
      made++;
    }
    counts.push(n);
  });
  return { masses: Float64Array.from(out), counts };
}

/**
 * Loads the dataset of a scan.
 * @param source - embedded or a file
 * @param maxMass - largest valid mass, GeV
 * @param calibration - for injections
 * @param injections - signal injections
 * @param injectSeed - their seed
 * @param windowInResolutions - the scan window, inside which injected events are drawn
 * @throws {@link PhysError} from the readers (missing file, column) or `INVALID_ARGUMENT` when no valid row remains
 */
export async function loadDataset(
  source: DataSource,
  maxMass: number,
  calibration: Calibration,
  injections: readonly Injection[],
  injectSeed: number,
  windowInResolutions: number,
): Promise<Dataset> {
  let base: Omit<Dataset, "injected">;
  if (source.kind === "embedded") {
    const e = embeddedDataset();
    base = {
      masses: e.masses,
      description: e.description,
      source: { path: "embedded", format: "embedded", column: "mass", sha256: sha256(new Uint8Array(e.masses.buffer)) },
      rows: e.masses.length,
      invalid: {
        count: 0,
        byReason: { missing: 0, "not-a-number": 0, "non-finite": 0, "below-threshold": 0, "above-maximum": 0 },
        examples: [],
      },
    };
  } else {
    const col = await readMassColumn(source.path, {
      ...(source.column === undefined ? {} : { column: source.column }),
      ...(source.format === undefined ? {} : { format: source.format }),
      ...(source.tree === undefined ? {} : { tree: source.tree }),
      maxMass,
    });
    base = {
      masses: col.masses,
      description: `${source.path} (${col.source.column})`,
      source: col.source,
      rows: col.rows,
      invalid: col.invalid,
    };
  }
  if (base.masses.length === 0) {
    throw new PhysError("INVALID_ARGUMENT", `${base.description}: no valid mass among ${base.rows} rows`, {
      argument: "data",
      value: base.rows,
    });
  }
  if (injections.length === 0) return { ...base, injected: [] };
  const inj = injectSignal(calibration, injections, injectSeed, windowInResolutions);
  const all = new Float64Array(base.masses.length + inj.masses.length);
  all.set(base.masses);
  all.set(inj.masses, base.masses.length);
  return {
    ...base,
    masses: all,
    description: `${base.description} + injected signal`,
    injected: injections.map((i, k) => ({ massGeV: i.mass, yield: i.yield, events: inj.counts[k]! })),
  };
}
