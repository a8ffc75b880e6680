import { isPhysError } from "@muonphilic/units";
import { describe, expect, it } from "vitest";
import { type CommandSpec, getNumber, helpText, parseArgs } from "./args.js";
import { parseShard, SCAN_SPEC as SCAN, scanConfigFrom } from "./main.js";

const spec: CommandSpec = {
  name: "demo",
  summary: "demo",
  usage: "demo",
  options: [
    { name: "out", kind: "value", valueName: "DIR", description: "output", defaultText: "x" },
    { name: "inject", kind: "list", valueName: "M:Y", description: "inject" },
    { name: "fresh", kind: "flag", description: "fresh" },
  ],
};

function code(f: () => unknown): { code: string; argument: string | undefined; message: string } {
  try {
    f();
  } catch (e) {
    if (isPhysError(e)) return { code: e.code, argument: e.argument, message: e.message };
    throw e;
  }
  throw new Error("no error");
}

describe("parseArgs", () => {
  it("parses values, repeated options, flags and --name=value", () => {
    const a = parseArgs(["--out", "d", "--inject=1:2", "--inject", "3:4", "--fresh", "pos"], spec);
    expect(a.values.get("out")).toBe("d");
    expect(a.values.get("inject")).toEqual(["1:2", "3:4"]);
    expect(a.values.get("fresh")).toBe(true);
    expect(a.positionals).toEqual(["pos"]);
  });
  it("rejects unknown options with a suggestion, missing values and repeats", () => {
    expect(code(() => parseArgs(["--outt", "d"], spec)).message).toMatch(
      /unknown option --outt .*did you mean --out\?/,
    );
    expect(code(() => parseArgs(["--out"], spec))).toMatchObject({ code: "INVALID_ARGUMENT", argument: "--out" });
    expect(code(() => parseArgs(["--out", "a", "--out", "b"], spec)).message).toMatch(/more than once/);
    expect(code(() => parseArgs(["--fresh=1"], spec)).message).toMatch(/takes no value/);
    expect(code(() => parseArgs(["-x"], spec)).message).toMatch(/unknown option -x/);
  });
  it("checks numbers and bounds, naming the option", () => {
    const a = parseArgs(["--out", "abc"], spec);
    expect(code(() => getNumber(a, "out", 1)).message).toBe('--out must be a finite number, got "abc"');
    const b = parseArgs(["--out", "-1"], spec);
    expect(code(() => getNumber(b, "out", 1, { min: 0 })).message).toBe("--out must be >= 0, got -1");
  });
  it("prints every option with its default in the help", () => {
    const h = helpText(spec);
    expect(h).toMatch(/--out DIR\s+output \[default: x\]/);
    expect(h).toMatch(/--inject M:Y\s+inject \(repeatable\)/);
  });
});

describe("scan options", () => {
  it("--shard I/N needs 1 <= I <= N", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["5/4", "0/3", "1/0", "a/b", "2"]) {
      expect(code(() => parseShard(bad))).toMatchObject({ code: "INVALID_ARGUMENT", argument: "--shard" });
    }
  });
  it("builds the Belle2-4mu defaults and validates injections and ranges", () => {
    const parse = (argv: string[]) => scanConfigFrom(parseArgs(argv, SCAN));
    const c = parse([]);
    expect(c).toMatchObject({
      minMass: 0.212,
      maxMass: 9,
      step: 1,
      window: 60,
      cl: 0.9,
      cls: "asymptotic",
      vetoes: [[3.07, 3.12]],
    });
    expect(c.data).toEqual({ kind: "embedded" });
    expect(parse(["--inject", "2.5:40"]).inject).toEqual([{ mass: 2.5, yield: 40 }]);
    expect(code(() => parse(["--inject", "12:40"])).message).toMatch(/in the scan range/);
    expect(code(() => parse(["--max-mass", "0.1"])).argument).toBe("--max-mass");
    expect(code(() => parse(["--column", "m"])).message).toBe("--column needs --data FILE");
    expect(code(() => parse(["--cls", "bayes"])).argument).toBe("--cls");
  });
});
