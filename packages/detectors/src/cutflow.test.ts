import { describe, expect, it } from "vitest";
import { formatCutFlow, makeCutFlow } from "./cutflow.js";

describe("cut flow", () => {
  const cf = makeCutFlow(1000, 2000, [
    { name: "reconstructed", description: "all tracks", events: 900, weight: 1800 },
    { name: "trigger", description: "trigger", events: 810, weight: 1620 },
  ]);
  it("fills the removed counts and weights step by step", () => {
    expect(cf.steps.map((s) => s.removedEvents)).toEqual([100, 90]);
    expect(cf.steps.map((s) => s.removedWeight)).toEqual([200, 180]);
  });
  it("formats a table with one line per step", () => {
    const text = formatCutFlow(cf);
    const lines = text.split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain("reconstructed");
    expect(lines[3]).toContain("90.00%");
  });
});
