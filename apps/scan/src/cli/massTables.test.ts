import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expectPhysError } from "@muonphilic/vitest-config/assertions";
import { describe, expect, it } from "vitest";
import { interpolateInMass, systematicAt } from "../run/point.js";
import { readEfficiencyFile, readSystematicsFile } from "./massTables.js";

const dir = mkdtempSync(join(tmpdir(), "muonphilic-tables-"));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("interpolateInMass", () => {
  it("is linear between entries, flat beyond the ends, constant for one entry", () => {
    const m = [1, 2, 4];
    const v = [0.1, 0.3, 0.2];
    expect(interpolateInMass(m, v, 0.5)).toBe(0.1);
    expect(interpolateInMass(m, v, 1.5)).toBeCloseTo(0.2, 15);
    expect(interpolateInMass(m, v, 2)).toBe(0.3);
    expect(interpolateInMass(m, v, 3)).toBeCloseTo(0.25, 15);
    expect(interpolateInMass(m, v, 9)).toBe(0.2);
    expect(interpolateInMass([5], [0.7], 1)).toBe(0.7);
    expect(systematicAt({ massGeV: m, relative: v }, 3)).toBeCloseTo(0.25, 15);
  });
});

describe("--efficiency and --systematics tables", () => {
  it("reads one efficiency for both models, or one per model; comments and blank lines are skipped", () => {
    const both = readEfficiencyFile(file("e1.csv", "# efficiencies\nmass_GeV,efficiency\n0.5,0.4\n\n5,0.6\n"));
    expect(both).toEqual({ massGeV: [0.5, 5], zprime: [0.4, 0.6], scalar: [0.4, 0.6] });
    const per = readEfficiencyFile(file("e2.csv", "mass_GeV,zprime,scalar\r\n1,0.5,0.45\r\n2,0.55,0.5\r\n"));
    expect(per).toEqual({ massGeV: [1, 2], zprime: [0.5, 0.55], scalar: [0.45, 0.5] });
    expect(readSystematicsFile(file("s.csv", "mass_GeV,relative\n1,0.1\n2,0\n"))).toEqual({
      massGeV: [1, 2],
      relative: [0.1, 0],
    });
  });

  it("refuses a missing file, a wrong header, values out of range, decreasing masses, empty tables", () => {
    expectPhysError(() => readEfficiencyFile(join(dir, "missing.csv")), "IO_ERROR", "--efficiency");
    expectPhysError(() => readEfficiencyFile(file("h.csv", "mass,eff\n1,0.5\n")), "SCHEMA_VIOLATION", "--efficiency");
    // an efficiency of 0 would divide by zero in σ × B; above 1 is not an efficiency
    expectPhysError(
      () => readEfficiencyFile(file("z.csv", "mass_GeV,efficiency\n1,0\n")),
      "SCHEMA_VIOLATION",
      "--efficiency",
    );
    expectPhysError(
      () => readEfficiencyFile(file("o.csv", "mass_GeV,efficiency\n1,1.2\n")),
      "SCHEMA_VIOLATION",
      "--efficiency",
    );
    expectPhysError(
      () => readEfficiencyFile(file("d.csv", "mass_GeV,efficiency\n2,0.5\n1,0.5\n")),
      "SCHEMA_VIOLATION",
      "--efficiency",
    );
    expectPhysError(
      () => readEfficiencyFile(file("c.csv", "mass_GeV,zprime,scalar\n1,0.5\n")),
      "SCHEMA_VIOLATION",
      "--efficiency",
    );
    expectPhysError(
      () => readEfficiencyFile(file("n.csv", "mass_GeV,efficiency\n")),
      "SCHEMA_VIOLATION",
      "--efficiency",
    );
    // a relative systematic of 0 is allowed, a negative one is not
    expectPhysError(
      () => readSystematicsFile(file("sn.csv", "mass_GeV,relative\n1,-0.1\n")),
      "SCHEMA_VIOLATION",
      "--systematics",
    );
  });
});
