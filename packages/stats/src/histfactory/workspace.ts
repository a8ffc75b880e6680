/**
 * Reading, validating and writing pyhf JSON workspaces (schema 1.0.0, pyhf 0.7 `defs.json`).
 * Validation checks the schema (types, required and unknown keys) and the consistency pyhf
 * checks when it builds a model (unique names, bin counts, one observation per channel,
 * compatible modifier types under one name); every issue names its JSON path. Sample bins and
 * modifier data may be negative, as pyhf's schema allows (numbers without a minimum): the model
 * only needs each bin's total expected count to be ≥ 0, which `compileModel` checks at the start values.
 * Observed counts must be ≥ 0 (stricter than the schema: a count cannot be negative).
 *
 * @packageDocumentation
 */
import { PhysError } from "@muonphilic/units";
import type {
  Channel,
  Measurement,
  Modifier,
  ModifierType,
  Observation,
  ParameterConfig,
  Sample,
  Workspace,
  WorkspaceIssue,
  WorkspaceValidation,
} from "./types.js";

type Json = unknown;

const isObject = (x: Json): x is Record<string, Json> => typeof x === "object" && x !== null && !Array.isArray(x);
const isNumber = (x: Json): x is number => typeof x === "number" && Number.isFinite(x);

/** Collects issues while walking the document. */
class Checker {
  readonly issues: WorkspaceIssue[] = [];
  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }
  /** Object with exactly the allowed keys (when `closed`) and the required ones. */
  object(
    x: Json,
    path: string,
    required: readonly string[],
    allowed: readonly string[] | null,
  ): x is Record<string, Json> {
    if (!isObject(x)) {
      this.add(path, `must be an object, got ${describe(x)}`);
      return false;
    }
    for (const k of required) if (!(k in x)) this.add(path, `is missing the required key "${k}"`);
    if (allowed)
      for (const k of Object.keys(x)) if (!allowed.includes(k)) this.add(join(path, k), "is not allowed here");
    return true;
  }
  string(x: Json, path: string): x is string {
    if (typeof x !== "string") {
      this.add(path, `must be a string, got ${describe(x)}`);
      return false;
    }
    return true;
  }
  /** Array of finite numbers with at least `minItems` entries; `nonNegative` adds a range check. */
  numbers(x: Json, path: string, minItems: number, nonNegative = false): x is number[] {
    if (!Array.isArray(x)) {
      this.add(path, `must be an array of numbers, got ${describe(x)}`);
      return false;
    }
    if (x.length < minItems) this.add(path, `must have at least ${minItems} item(s), got ${x.length}`);
    let ok = true;
    x.forEach((v, i) => {
      if (!isNumber(v)) {
        this.add(`${path}[${i}]`, `must be a finite number, got ${describe(v)}`);
        ok = false;
      } else if (nonNegative && v < 0) {
        this.add(`${path}[${i}]`, `must be >= 0 (a count), got ${v}`);
        ok = false;
      }
    });
    return ok && x.length >= minItems;
  }
  array(x: Json, path: string, minItems: number): x is Json[] {
    if (!Array.isArray(x)) {
      this.add(path, `must be an array, got ${describe(x)}`);
      return false;
    }
    if (x.length < minItems) {
      this.add(path, `must have at least ${minItems} item(s), got ${x.length}`);
      return false;
    }
    return true;
  }
}

function describe(x: Json): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "an array";
  if (typeof x === "number" && !Number.isFinite(x)) return String(x);
  if (typeof x === "object") return "an object";
  return `${typeof x} ${JSON.stringify(x)}`;
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

const MODIFIER_TYPES: readonly ModifierType[] = [
  "histosys",
  "lumi",
  "normfactor",
  "normsys",
  "shapefactor",
  "shapesys",
  "staterror",
];

/** Modifier types that may share one parameter name (pyhf: equal paramset requirements). */
const COMPATIBLE: Readonly<Record<ModifierType, string>> = {
  normsys: "alpha",
  histosys: "alpha",
  normfactor: "normfactor",
  shapefactor: "shapefactor",
  lumi: "lumi",
  shapesys: "shapesys",
  staterror: "staterror",
};

function checkModifier(c: Checker, m: Json, path: string, nBins: number): void {
  if (!c.object(m, path, ["name", "type", "data"], ["name", "type", "data"])) return;
  c.string(m.name, join(path, "name"));
  const type = m.type;
  if (typeof type !== "string" || !(MODIFIER_TYPES as readonly string[]).includes(type)) {
    c.add(join(path, "type"), `must be one of ${MODIFIER_TYPES.join(", ")}, got ${describe(type)}`);
    return;
  }
  const dataPath = join(path, "data");
  const d = m.data;
  switch (type as ModifierType) {
    case "normfactor":
    case "shapefactor":
      if (d !== null) c.add(dataPath, `must be null for a ${type} modifier, got ${describe(d)}`);
      break;
    case "lumi":
      if (d !== null) c.add(dataPath, `must be null for a lumi modifier, got ${describe(d)}`);
      if (m.name !== "lumi") c.add(join(path, "name"), `must be "lumi" for a lumi modifier, got ${describe(m.name)}`);
      break;
    case "normsys":
      if (c.object(d, dataPath, ["hi", "lo"], null)) {
        for (const k of ["hi", "lo"] as const) {
          if (k in d && !isNumber(d[k])) c.add(join(dataPath, k), `must be a finite number, got ${describe(d[k])}`);
        }
      }
      break;
    case "histosys":
      if (c.object(d, dataPath, ["hi_data", "lo_data"], null)) {
        for (const k of ["hi_data", "lo_data"] as const) {
          if (k in d && c.numbers(d[k], join(dataPath, k), 1) && (d[k] as number[]).length !== nBins) {
            c.add(join(dataPath, k), `must have ${nBins} bins like its sample, got ${(d[k] as number[]).length}`);
          }
        }
      }
      break;
    case "shapesys":
    case "staterror":
      // any numbers, as pyhf: a shapesys bin with δ ≤ 0 has no parameter, staterror uses δ²
      if (c.numbers(d, dataPath, 1) && (d as number[]).length !== nBins) {
        c.add(dataPath, `must have ${nBins} bins like its sample, got ${(d as number[]).length}`);
      }
      break;
  }
}

function checkParameterConfig(c: Checker, p: Json, path: string): void {
  const keys = ["name", "inits", "bounds", "auxdata", "factors", "sigmas", "fixed"];
  if (!c.object(p, path, ["name"], keys)) return;
  c.string(p.name, join(path, "name"));
  for (const k of ["inits", "auxdata", "factors", "sigmas"]) if (k in p) c.numbers(p[k], join(path, k), 1);
  if ("sigmas" in p && Array.isArray(p.sigmas)) {
    p.sigmas.forEach((s, i) => {
      if (isNumber(s) && !(s > 0)) c.add(`${join(path, "sigmas")}[${i}]`, `must be > 0, got ${s}`);
    });
  }
  if ("fixed" in p && typeof p.fixed !== "boolean")
    c.add(join(path, "fixed"), `must be a boolean, got ${describe(p.fixed)}`);
  if ("bounds" in p && c.array(p.bounds, join(path, "bounds"), 1)) {
    (p.bounds as Json[]).forEach((b, i) => {
      const bp = `${join(path, "bounds")}[${i}]`;
      if (!Array.isArray(b) || b.length !== 2 || !isNumber(b[0]) || !isNumber(b[1])) {
        c.add(bp, `must be a pair [lower, upper] of finite numbers, got ${describe(b)}`);
      } else if (!(b[0] < b[1])) {
        c.add(bp, `must have lower < upper, got [${b[0]}, ${b[1]}]`);
      }
    });
  }
  if ("inits" in p && "bounds" in p && Array.isArray(p.inits) && Array.isArray(p.bounds)) {
    if (p.inits.length !== p.bounds.length) {
      c.add(join(path, "bounds"), `must have as many entries as inits (${p.inits.length}), got ${p.bounds.length}`);
    }
  }
}

/** Checks across the document: unique names, observations, modifier-name compatibility. */
function checkConsistency(c: Checker, ws: Workspace): void {
  const channelBins = new Map<string, number>();
  const kindOf = new Map<string, { kind: string; path: string }>();
  const shapesysSeen = new Set<string>();
  ws.channels.forEach((ch: Channel, ci) => {
    const cp = `channels[${ci}]`;
    if (channelBins.has(ch.name)) c.add(join(cp, "name"), `duplicate channel name "${ch.name}"`);
    const nBins = ch.samples[0]?.data.length ?? 0;
    channelBins.set(ch.name, nBins);
    const sampleNames = new Set<string>();
    ch.samples.forEach((s: Sample, si) => {
      const sp = `${cp}.samples[${si}]`;
      if (sampleNames.has(s.name)) c.add(join(sp, "name"), `duplicate sample name "${s.name}" in channel "${ch.name}"`);
      sampleNames.add(s.name);
      const modKeys = new Set<string>();
      s.modifiers.forEach((m: Modifier, mi) => {
        const mp = `${sp}.modifiers[${mi}]`;
        const key = `${m.type}/${m.name}`;
        if (modKeys.has(key)) c.add(mp, `duplicate ${m.type} modifier "${m.name}" in sample "${s.name}"`);
        modKeys.add(key);
        const kind = COMPATIBLE[m.type];
        const prev = kindOf.get(m.name);
        if (prev && prev.kind !== kind) {
          c.add(
            join(mp, "type"),
            `parameter "${m.name}" is a ${m.type} here but incompatible with its use at ${prev.path}`,
          );
        } else if (!prev) kindOf.set(m.name, { kind, path: mp });
        if (m.type === "shapesys") {
          // pyhf: shapesys parameter sets are not shared between samples
          if (shapesysSeen.has(m.name)) c.add(join(mp, "name"), `shapesys "${m.name}" is used by more than one sample`);
          shapesysSeen.add(m.name);
        }
      });
    });
  });
  const obsNames = new Set<string>();
  ws.observations.forEach((o: Observation, oi) => {
    const op = `observations[${oi}]`;
    if (obsNames.has(o.name)) c.add(join(op, "name"), `duplicate observation for channel "${o.name}"`);
    obsNames.add(o.name);
    const n = channelBins.get(o.name);
    if (n === undefined) c.add(join(op, "name"), `no channel named "${o.name}"`);
    else if (o.data.length !== n)
      c.add(join(op, "data"), `must have ${n} bins like channel "${o.name}", got ${o.data.length}`);
  });
  ws.channels.forEach((ch, ci) => {
    if (!obsNames.has(ch.name)) c.add(`channels[${ci}].name`, `channel "${ch.name}" has no observation`);
  });
  const measNames = new Set<string>();
  ws.measurements.forEach((m: Measurement, mi) => {
    if (measNames.has(m.name)) c.add(`measurements[${mi}].name`, `duplicate measurement name "${m.name}"`);
    measNames.add(m.name);
    const seen = new Set<string>();
    m.config.parameters.forEach((p: ParameterConfig, pi) => {
      if (seen.has(p.name))
        c.add(`measurements[${mi}].config.parameters[${pi}].name`, `duplicate configuration of "${p.name}"`);
      seen.add(p.name);
    });
  });
}

/**
 * Validates a pyhf JSON workspace (schema 1.0.0) without throwing.
 * @param input - the parsed JSON (any value)
 * @returns `{ ok: true, value }` with the workspace itself (not copied), or `{ ok: false, issues }`
 *   with every problem found and its JSON path
 * @example
 * ```ts
 * const r = validateWorkspace(JSON.parse(text));
 * if (!r.ok) for (const i of r.issues) console.log(i.path, i.message);
 * ```
 */
export function validateWorkspace(input: unknown): WorkspaceValidation {
  const c = new Checker();
  const topKeys = ["channels", "measurements", "observations", "version"];
  if (!c.object(input, "", topKeys, topKeys)) return { ok: false, issues: c.issues };
  if ("version" in input && input.version !== "1.0.0")
    c.add("version", `must be "1.0.0", got ${describe(input.version)}`);
  if (c.array(input.channels, "channels", 1)) {
    (input.channels as Json[]).forEach((ch, ci) => {
      const cp = `channels[${ci}]`;
      if (!c.object(ch, cp, ["name", "samples"], ["name", "samples"])) return;
      c.string(ch.name, join(cp, "name"));
      if (!c.array(ch.samples, join(cp, "samples"), 1)) return;
      let channelBins = -1;
      (ch.samples as Json[]).forEach((s, si) => {
        const sp = `${cp}.samples[${si}]`;
        if (!c.object(s, sp, ["name", "data", "modifiers"], ["name", "data", "modifiers"])) return;
        c.string(s.name, join(sp, "name"));
        // pyhf: sample bins are any numbers (negative weights, subtracted backgrounds)
        const nBins = c.numbers(s.data, join(sp, "data"), 1) ? (s.data as number[]).length : -1;
        if (channelBins < 0) channelBins = nBins;
        else if (nBins >= 0 && nBins !== channelBins) {
          c.add(join(sp, "data"), `must have ${channelBins} bins like the channel's first sample, got ${nBins}`);
        }
        if (c.array(s.modifiers, join(sp, "modifiers"), 0)) {
          (s.modifiers as Json[]).forEach((m, mi) => {
            checkModifier(c, m, `${sp}.modifiers[${mi}]`, nBins);
          });
        }
      });
    });
  }
  if (c.array(input.observations, "observations", 1)) {
    (input.observations as Json[]).forEach((o, oi) => {
      const op = `observations[${oi}]`;
      if (!c.object(o, op, ["name", "data"], ["name", "data"])) return;
      c.string(o.name, join(op, "name"));
      c.numbers(o.data, join(op, "data"), 1, true);
    });
  }
  if (c.array(input.measurements, "measurements", 1)) {
    (input.measurements as Json[]).forEach((m, mi) => {
      const mp = `measurements[${mi}]`;
      if (!c.object(m, mp, ["name", "config"], ["name", "config"])) return;
      c.string(m.name, join(mp, "name"));
      const cfg = m.config;
      const cp = join(mp, "config");
      if (!c.object(cfg, cp, ["poi", "parameters"], ["poi", "parameters"])) return;
      c.string(cfg.poi, join(cp, "poi"));
      if (c.array(cfg.parameters, join(cp, "parameters"), 0)) {
        (cfg.parameters as Json[]).forEach((p, pi) => {
          checkParameterConfig(c, p, `${cp}.parameters[${pi}]`);
        });
      }
    });
  }
  if (c.issues.length > 0) return { ok: false, issues: c.issues };
  const ws = input as unknown as Workspace;
  checkConsistency(c, ws);
  return c.issues.length > 0 ? { ok: false, issues: c.issues } : { ok: true, value: ws };
}

/**
 * Parses and validates a pyhf JSON workspace.
 * @param input - JSON text, or an already parsed value
 * @returns the workspace (the parsed object itself: nothing is added, dropped or reordered)
 * @throws {@link PhysError} `SCHEMA_VIOLATION` naming the first offending JSON path in
 *   `details.argument` and listing every issue in `details.issues`; `INVALID_ARGUMENT` for text that
 *   is not JSON
 * @example
 * ```ts
 * const ws = parseWorkspace(readFileSync("workspace.json", "utf8"));
 * ```
 */
export function parseWorkspace(input: string | unknown): Workspace {
  let value: unknown = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (e) {
      throw new PhysError("INVALID_ARGUMENT", `workspace is not valid JSON: ${(e as Error).message}`, {
        argument: "workspace",
        allowed: "JSON text",
      });
    }
  }
  const r = validateWorkspace(value);
  if (!r.ok) {
    const first = r.issues[0]!;
    const more = r.issues.length > 1 ? ` (and ${r.issues.length - 1} more issue(s))` : "";
    throw new PhysError("SCHEMA_VIOLATION", `workspace ${first.path || "(root)"} ${first.message}${more}`, {
      argument: first.path,
      allowed: "pyhf workspace schema 1.0.0",
      issues: r.issues,
    });
  }
  return r.value;
}

/**
 * Writes a workspace as JSON text. Numbers are written with the shortest representation that
 * reads back to the same double, keys in their original order: `parseWorkspace(writeWorkspace(ws))`
 * deep-equals `ws`.
 * @param workspace - a workspace (validated first)
 * @param indent - spaces of indentation (0 for compact); default 2
 * @returns JSON text
 * @throws {@link PhysError} `SCHEMA_VIOLATION` if `workspace` is not valid
 * @example
 * ```ts
 * writeFileSync("out.json", writeWorkspace(ws));
 * ```
 */
export function writeWorkspace(workspace: Workspace, indent = 2): string {
  return JSON.stringify(parseWorkspace(workspace), null, indent);
}
