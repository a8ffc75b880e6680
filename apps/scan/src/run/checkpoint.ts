/**
 * The crash-safe checkpoint of a scan: an append-only JSON-lines file in the output directory.
 * The first line names the run (its identity hash); every further line is one finished point.
 * Each batch is written with one `write` and made durable with `fsync` before the scan counts it
 * as done, so a scan killed at any moment (even by SIGKILL) loses at most the points that were
 * being computed. On resume, a torn last line is cut off and the finished points are skipped.
 *
 * @packageDocumentation
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { PhysError } from "@muonphilic/units";
import type { PointRecord } from "./point.js";

/** The checkpoint's file name inside the output directory. */
export const CHECKPOINT_FILE = "checkpoint.jsonl";
const CHECKPOINT_KIND = "muonphilic/resonance-scan-checkpoint";

/** The checkpoint kind of each analysis (the header names it, so one analysis never resumes another's points). */
export const CHECKPOINT_KINDS = {
  resonance: CHECKPOINT_KIND,
  recoil: "muonphilic/recoil-scan-checkpoint",
} as const;

/** JSON with NaN and ±Infinity written as null (JSON has no NaN). */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), indent);
}

/** Turns the nulls of a parsed point record back into NaN (numbers, number arrays, and the numbers of its `fit` block). */
export function reviveRecord<R extends { readonly index: number } = PointRecord>(raw: Record<string, unknown>): R {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === null) out[k] = Number.NaN;
    else if (Array.isArray(v)) out[k] = v.map((x) => (x === null ? Number.NaN : x));
    else if (k === "fit" && typeof v === "object") {
      out[k] = Object.fromEntries(Object.entries(v as object).map(([fk, fv]) => [fk, fv === null ? Number.NaN : fv]));
    } else out[k] = v;
  }
  return out as unknown as R;
}

/** An open checkpoint of records of type R (one analysis's point records). */
export class Checkpoint<R extends { readonly index: number } = PointRecord> {
  private fd: number;
  private constructor(fd: number) {
    this.fd = fd;
  }

  /**
   * Opens (or creates) the checkpoint of run `runId` in `dir` and returns the finished points.
   * @throws {@link PhysError} `SCHEMA_VIOLATION` if the directory holds the checkpoint of another run
   */
  static open<R extends { readonly index: number } = PointRecord>(
    dir: string,
    runId: string,
    kind: string = CHECKPOINT_KIND,
  ): { checkpoint: Checkpoint<R>; done: Map<number, R> } {
    const path = join(dir, CHECKPOINT_FILE);
    const done = new Map<number, R>();
    if (!existsSync(path)) {
      const fd = openSync(path, "a");
      const header = `${toJson({ checkpoint: kind, version: 1, runId })}\n`;
      writeSync(fd, header);
      fsyncSync(fd);
      return { checkpoint: new Checkpoint<R>(fd), done };
    }
    const text = readFileSync(path, "utf8");
    const complete = text.lastIndexOf("\n") + 1; // bytes up to the last full line (ASCII JSON)
    const lines = text.slice(0, complete).split("\n");
    let header: { checkpoint?: string; runId?: string } = {};
    try {
      header = JSON.parse(lines[0] ?? "");
    } catch {
      header = {};
    }
    if (header.checkpoint !== kind || header.runId !== runId) {
      throw new PhysError(
        "SCHEMA_VIOLATION",
        `${path} belongs to another run (run id ${String(header.runId)}, this run is ${runId}): ` +
          "use another --out directory, or --fresh to discard the old checkpoint",
        { argument: "out", value: dir },
      );
    }
    for (const line of lines.slice(1)) {
      if (line.trim() === "") continue;
      try {
        const rec = reviveRecord<R>(JSON.parse(line));
        done.set(rec.index, rec);
      } catch {
        // A line can only be torn at the end (appends are sequential); it is cut off below.
      }
    }
    const rw = openSync(path, "r+");
    ftruncateSync(rw, Buffer.byteLength(text.slice(0, complete)));
    fsyncSync(rw);
    closeSync(rw);
    return { checkpoint: new Checkpoint<R>(openSync(path, "a")), done };
  }

  /** Appends finished points durably (one write, then fsync). */
  append(records: readonly R[]): void {
    if (records.length === 0) return;
    const text = records.map((r) => `${toJson(r)}\n`).join("");
    writeSync(this.fd, text);
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}
