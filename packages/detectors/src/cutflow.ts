/**
 * Cut flows: which requirement removed what, as event counts and weighted sums per step.
 *
 * @packageDocumentation
 */
import type { Provenance } from "./provenance.js";

/** One step of a {@link CutFlow}: what remains after the requirement and what it removed. */
export interface CutFlowStep {
  /** Short name of the requirement (e.g. `"trigger"`). */
  readonly name: string;
  /** What the requirement does, with its numbers. */
  readonly description: string;
  /** Where the requirement's numbers come from, when known. */
  readonly provenance?: Provenance;
  /** Events remaining after this step. */
  readonly events: number;
  /** Sum of weights remaining after this step. */
  readonly weight: number;
  /** Events this step removed. */
  readonly removedEvents: number;
  /** Sum of weights this step removed. */
  readonly removedWeight: number;
}

/** The cut flow of a selection: the starting sample and one entry per requirement, in order. */
export interface CutFlow {
  /** Events before any requirement. */
  readonly initialEvents: number;
  /** Sum of weights before any requirement. */
  readonly initialWeight: number;
  /** The steps, in the order applied. */
  readonly steps: readonly CutFlowStep[];
}

/**
 * Builds a {@link CutFlow} from per-step totals.
 * @param initialEvents - events before any requirement
 * @param initialWeight - sum of weights before any requirement
 * @param steps - per step: name, description, provenance, events and weight remaining after it
 * @returns the cut flow with removed counts filled in
 * @example
 * ```ts
 * const cf = makeCutFlow(100, 100, [{ name: "trigger", description: "", events: 90, weight: 90 }]);
 * cf.steps[0].removedEvents; // 10
 * ```
 */
export function makeCutFlow(
  initialEvents: number,
  initialWeight: number,
  steps: readonly Omit<CutFlowStep, "removedEvents" | "removedWeight">[],
): CutFlow {
  let events = initialEvents;
  let weight = initialWeight;
  const out: CutFlowStep[] = [];
  for (const s of steps) {
    out.push({ ...s, removedEvents: events - s.events, removedWeight: weight - s.weight });
    events = s.events;
    weight = s.weight;
  }
  return { initialEvents, initialWeight, steps: out };
}

/**
 * A fixed-width text table of a cut flow (for logs and the CLI): per step the events and
 * weight remaining, the fraction of the previous step's weight kept, and what was removed.
 * @param cutFlow - the cut flow
 * @returns the table, one line per step after a header
 * @example
 * ```ts
 * console.log(formatCutFlow(selection.cutFlow));
 * ```
 */
export function formatCutFlow(cutFlow: CutFlow): string {
  const g = (x: number) =>
    Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(4) : x.toPrecision(6);
  const rows: string[][] = [["step", "events", "weight", "kept", "removed events", "removed weight"]];
  rows.push(["(generated)", String(cutFlow.initialEvents), g(cutFlow.initialWeight), "", "", ""]);
  let previous = cutFlow.initialWeight;
  for (const s of cutFlow.steps) {
    const kept = previous === 0 ? "" : `${((100 * s.weight) / previous).toPrecision(4)}%`;
    rows.push([s.name, String(s.events), g(s.weight), kept, String(s.removedEvents), g(s.removedWeight)]);
    previous = s.weight;
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  "))
    .join("\n");
}
