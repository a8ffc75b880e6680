import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isPhysError } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { CHECKPOINT_FILE, Checkpoint } from "./checkpoint.js";
import type { PointRecord } from "./point.js";

const record = (index: number): PointRecord =>
  ({
    index,
    mass: 1 + index,
    status: "ok",
    q0: Number.NaN,
    expectedUpperLimitYield: [1, Number.NaN, 3, 4, 5],
  }) as unknown as PointRecord;

describe("Checkpoint", () => {
  it("resumes the finished points, cutting off a torn last line", () => {
    const dir = mkdtempSync(join(tmpdir(), "muonphilic-cp-"));
    const a = Checkpoint.open(dir, "run-1");
    expect(a.done.size).toBe(0);
    a.checkpoint.append([record(0), record(1)]);
    a.checkpoint.close();
    // a SIGKILL in the middle of a write leaves half a line
    appendFileSync(join(dir, CHECKPOINT_FILE), '{"index":2,"mass":3,"sta');
    const b = Checkpoint.open(dir, "run-1");
    expect([...b.done.keys()]).toEqual([0, 1]);
    // NaN survives the round trip as null -> NaN
    expect(Number.isNaN(b.done.get(0)!.q0)).toBe(true);
    expect(b.done.get(0)!.expectedUpperLimitYield[1]).toBeNaN();
    b.checkpoint.append([record(2)]);
    b.checkpoint.close();
    const lines = readFileSync(join(dir, CHECKPOINT_FILE), "utf8").trim().split("\n");
    expect(lines.length).toBe(4);
    expect(JSON.parse(lines[3]!).index).toBe(2);
    expect([...Checkpoint.open(dir, "run-1").done.keys()]).toEqual([0, 1, 2]);
  });
  it("refuses the checkpoint of another run", () => {
    const dir = mkdtempSync(join(tmpdir(), "muonphilic-cp-"));
    Checkpoint.open(dir, "run-1").checkpoint.close();
    try {
      Checkpoint.open(dir, "run-2");
      expect.unreachable();
    } catch (e) {
      expect(isPhysError(e, "SCHEMA_VIOLATION")).toBe(true);
      expect((e as Error).message).toMatch(/belongs to another run .*--fresh/);
    }
  });
});
