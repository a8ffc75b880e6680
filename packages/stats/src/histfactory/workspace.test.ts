import { describe, expect, it } from "vitest";
import { compileModel } from "./model.js";
import type { Workspace } from "./types.js";
import { parseWorkspace, validateWorkspace, writeWorkspace } from "./workspace.js";

/** A small valid workspace; tests mutate a deep copy. */
function base(): Record<string, unknown> {
  return {
    channels: [
      {
        name: "sr",
        samples: [
          {
            name: "sig",
            data: [1, 2],
            modifiers: [
              { name: "mu", type: "normfactor", data: null },
              { name: "jes", type: "normsys", data: { hi: 1.1, lo: 0.9 } },
            ],
          },
          {
            name: "bkg",
            data: [10, 12],
            modifiers: [
              { name: "stat_sr", type: "staterror", data: [1, 1.5] },
              { name: "jes", type: "histosys", data: { hi_data: [11, 13], lo_data: [9, 11] } },
            ],
          },
        ],
      },
    ],
    observations: [{ name: "sr", data: [11, 15] }],
    measurements: [{ name: "meas", config: { poi: "mu", parameters: [] } }],
    version: "1.0.0",
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the tests mutate arbitrary JSON paths
type Json = Record<string, any>;
const mutate = (f: (w: Json) => void): unknown => {
  const w = structuredClone(base()) as Json;
  f(w);
  return w;
};

function issuePaths(input: unknown): string[] {
  const r = validateWorkspace(input);
  return r.ok ? [] : r.issues.map((i) => i.path);
}

describe("validateWorkspace (pyhf schema 1.0.0)", () => {
  it("accepts a valid workspace and returns the same object", () => {
    const w = base();
    const r = validateWorkspace(w);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toBe(w);
  });

  it.each([
    ["a missing key", (w: Json) => delete w.channels[0].samples[1].modifiers, "channels[0].samples[1]"],
    ["an unknown top-level key", (w: Json) => (w.extra = 1), "extra"],
    ["a wrong version", (w: Json) => (w.version = "2.0.0"), "version"],
    ["a string count", (w: Json) => (w.channels[0].samples[0].data[1] = "2"), "channels[0].samples[0].data[1]"],
    ["a negative observation", (w: Json) => (w.observations[0].data[1] = -3), "observations[0].data[1]"],
    [
      "an unknown modifier type",
      (w: Json) => (w.channels[0].samples[0].modifiers[1].type = "normsyst"),
      "channels[0].samples[0].modifiers[1].type",
    ],
    [
      "non-null normfactor data",
      (w: Json) => (w.channels[0].samples[0].modifiers[0].data = 1),
      "channels[0].samples[0].modifiers[0].data",
    ],
    [
      "a short histosys template",
      (w: Json) => (w.channels[0].samples[1].modifiers[1].data.hi_data = [11]),
      "channels[0].samples[1].modifiers[1].data.hi_data",
    ],
    [
      "a staterror of the wrong length",
      (w: Json) => (w.channels[0].samples[1].modifiers[0].data = [1, 1, 1]),
      "channels[0].samples[1].modifiers[0].data",
    ],
    [
      "samples of different lengths",
      (w: Json) => (w.channels[0].samples[1].data = [1, 2, 3]),
      "channels[0].samples[1].data",
    ],
    ["an observation of the wrong length", (w: Json) => (w.observations[0].data = [1]), "observations[0].data"],
    ["a channel without observation", (w: Json) => (w.observations[0].name = "cr"), "observations[0].name"],
    ["a duplicate sample", (w: Json) => (w.channels[0].samples[1].name = "sig"), "channels[0].samples[1].name"],
    [
      "incompatible modifier types under one name",
      (w: Json) => (w.channels[0].samples[1].modifiers[1].name = "mu"),
      "channels[0].samples[1].modifiers[1].type",
    ],
    [
      "inverted bounds",
      (w: Json) => (w.measurements[0].config.parameters = [{ name: "mu", bounds: [[5, 0]] }]),
      "measurements[0].config.parameters[0].bounds[0]",
    ],
    [
      "an unknown parameter-config key",
      (w: Json) => (w.measurements[0].config.parameters = [{ name: "mu", init: [1] }]),
      "measurements[0].config.parameters[0].init",
    ],
  ])("reports %s at its JSON path", (_what, f, path) => {
    expect(issuePaths(mutate(f))).toContain(path);
  });

  it("reports every issue, not only the first", () => {
    const w = mutate((w) => {
      w.channels[0].samples[0].data[0] = "1";
      w.observations[0].data[0] = -1;
      w.observations[0].data[1] = "x";
    });
    expect(issuePaths(w)).toEqual([
      "channels[0].samples[0].data[0]",
      "observations[0].data[0]",
      "observations[0].data[1]",
    ]);
  });

  it("accepts negative sample bins and modifier data, as pyhf's schema (numbers without a minimum)", () => {
    const w = mutate((w) => {
      w.channels[0].samples[0].data = [-0.5, 2];
      w.channels[0].samples[1].modifiers[0].data = [-1, 1.5];
      w.channels[0].samples[1].modifiers[1].data.lo_data = [-9, 11];
    });
    expect(validateWorkspace(w).ok).toBe(true);
    expect(JSON.parse(writeWorkspace(w as Workspace))).toEqual(w);
  });
});

describe("parseWorkspace / writeWorkspace", () => {
  it("throws SCHEMA_VIOLATION naming the first path and listing all issues", () => {
    const bad = mutate((w) => (w.channels[0].samples[0].data[1] = null));
    try {
      parseWorkspace(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: "SCHEMA_VIOLATION", argument: "channels[0].samples[0].data[1]" });
      expect((e as { details: { issues: unknown[] } }).details.issues).toHaveLength(1);
    }
  });
  it("throws INVALID_ARGUMENT for text that is not JSON", () => {
    expect(() => parseWorkspace("{ nope")).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT", argument: "workspace" }),
    );
  });
  it("writes JSON that parses back to an equal workspace, numbers bit-exact", () => {
    const w = mutate((w) => (w.channels[0].samples[0].data = [0.1 + 0.2, 1e-300]));
    const text = writeWorkspace(w as Workspace);
    expect(JSON.parse(text)).toEqual(w);
    expect(JSON.parse(text).channels[0].samples[0].data[0]).toBe(0.1 + 0.2);
  });
});

describe("compileModel errors", () => {
  it("NO_POI when the POI is not a parameter", () => {
    const w = mutate((w) => (w.measurements[0].config.poi = "xsec")) as Workspace;
    expect(() => compileModel(w)).toThrow(
      expect.objectContaining({ code: "NO_POI", argument: "measurements[0].config.poi" }),
    );
    expect(() => compileModel(base() as unknown as Workspace, { poi: "stat_sr" })).toThrow(
      expect.objectContaining({ code: "NO_POI", argument: "options.poi" }),
    );
  });
  it("UNKNOWN_NAME for an unknown measurement or interpolation code", () => {
    const w = base() as unknown as Workspace;
    expect(() => compileModel(w, { measurement: "other" })).toThrow(
      expect.objectContaining({ code: "UNKNOWN_NAME", argument: "options.measurement" }),
    );
    expect(() => compileModel(w, { interpolation: { histosys: "code1" } })).toThrow(
      expect.objectContaining({ code: "UNKNOWN_NAME", argument: "options.interpolation.histosys" }),
    );
  });
  it("OUT_OF_DOMAIN for a normsys factor <= 0 with an exponential code", () => {
    const w = mutate((w) => (w.channels[0].samples[0].modifiers[1].data.lo = 0)) as Workspace;
    expect(() => compileModel(w)).toThrow(
      expect.objectContaining({ code: "OUT_OF_DOMAIN", argument: "channels[0].samples[0].modifiers[1].data" }),
    );
    expect(() => compileModel(w, { interpolation: { normsys: "code0" } })).not.toThrow();
  });
  it("SCHEMA_VIOLATION for a parameter configuration of the wrong size, and for lumi without auxdata", () => {
    const w = mutate((w) => (w.measurements[0].config.parameters = [{ name: "stat_sr", inits: [1] }])) as Workspace;
    expect(() => compileModel(w)).toThrow(
      expect.objectContaining({ code: "SCHEMA_VIOLATION", argument: "measurements[0].config.parameters[0].inits" }),
    );
    const l = mutate((w) =>
      w.channels[0].samples[0].modifiers.push({ name: "lumi", type: "lumi", data: null }),
    ) as Workspace;
    expect(() => compileModel(l)).toThrow(expect.objectContaining({ code: "SCHEMA_VIOLATION" }));
  });
  it("OUT_OF_DOMAIN for a start value outside its bounds", () => {
    const w = mutate((w) => (w.measurements[0].config.parameters = [{ name: "mu", inits: [20] }])) as Workspace;
    expect(() => compileModel(w)).toThrow(expect.objectContaining({ code: "OUT_OF_DOMAIN" }));
  });
});
