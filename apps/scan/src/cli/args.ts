/**
 * A small command-line parser: `--name value`, `--name=value`, repeatable options, flags,
 * positionals, and help text generated from the same option table. Bad usage throws a
 * {@link PhysError} whose message names the option.
 *
 * @packageDocumentation
 */
import { PhysError } from "@muonphilic/units";

/** One option of a command. */
export interface OptionSpec {
  /** Long name without the dashes. */
  readonly name: string;
  /** "flag" takes no value; "list" may be repeated. */
  readonly kind: "value" | "list" | "flag";
  /** Placeholder in the help text, e.g. "FILE". */
  readonly valueName?: string;
  readonly description: string;
  /** Default shown in the help text. */
  readonly defaultText?: string;
}

/** A command: name, one-line summary, usage line and options. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: readonly OptionSpec[];
  /** Extra paragraphs after the options. */
  readonly notes?: string;
}

/** Parsed arguments. */
export interface ParsedArgs {
  readonly values: ReadonlyMap<string, string | readonly string[] | true>;
  readonly positionals: readonly string[];
}

function usageError(message: string, argument: string): PhysError {
  return new PhysError("INVALID_ARGUMENT", message, { argument });
}

/** Edit distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Parses argv against a command's options (`--help` is always accepted).
 * @throws {@link PhysError} `INVALID_ARGUMENT` for an unknown option, a missing value, or a repeated single-value option
 */
export function parseArgs(argv: readonly string[], spec: CommandSpec): ParsedArgs {
  const byName = new Map(spec.options.map((o) => [o.name, o]));
  const values = new Map<string, string | string[] | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--") || arg === "-") {
      if (arg.startsWith("-") && arg !== "-" && !/^-\d/.test(arg)) {
        throw usageError(`unknown option ${arg} for "${spec.name}" (options are long: --name); see --help`, arg);
      }
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (name === "help") {
      values.set("help", true);
      continue;
    }
    const opt = byName.get(name);
    if (opt === undefined) {
      const near = spec.options.map((o) => o.name).filter((n) => distance(n, name) <= 2);
      throw usageError(
        `unknown option --${name} for "${spec.name}"${near.length > 0 ? `; did you mean --${near[0]}?` : ""} (see --help)`,
        `--${name}`,
      );
    }
    if (opt.kind === "flag") {
      if (eq >= 0) throw usageError(`--${name} takes no value, got ${JSON.stringify(arg.slice(eq + 1))}`, `--${name}`);
      values.set(name, true);
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith("--") && next.length > 2)) {
        throw usageError(`--${name} needs a value (${opt.valueName ?? "VALUE"})`, `--${name}`);
      }
      value = next;
      i++;
    }
    if (opt.kind === "list") {
      const prev = values.get(name);
      values.set(name, [...(Array.isArray(prev) ? prev : []), value]);
    } else {
      if (values.has(name)) throw usageError(`--${name} is given more than once`, `--${name}`);
      values.set(name, value);
    }
  }
  return { values, positionals };
}

/** The help text of a command. */
export function helpText(spec: CommandSpec): string {
  const rows = spec.options.map((o) => {
    const left = `  --${o.name}${o.kind === "flag" ? "" : ` ${o.valueName ?? "VALUE"}`}`;
    const def = o.defaultText === undefined ? "" : ` [default: ${o.defaultText}]`;
    return [left, `${o.description}${def}${o.kind === "list" ? " (repeatable)" : ""}`] as const;
  });
  const width = Math.min(34, Math.max(...rows.map(([l]) => l.length), 10) + 2);
  const lines = [`${spec.summary}`, "", `Usage: ${spec.usage}`, "", "Options:"];
  for (const [l, r] of rows) lines.push(l.length < width ? `${l.padEnd(width)}${r}` : `${l}\n${" ".repeat(width)}${r}`);
  lines.push(`  --help${" ".repeat(Math.max(1, width - 8))}Show this help`);
  if (spec.notes) lines.push("", spec.notes);
  return `${lines.join("\n")}\n`;
}

/** Reads a single-valued option as a string (undefined if absent). */
export function getString(args: ParsedArgs, name: string): string | undefined {
  const v = args.values.get(name);
  return typeof v === "string" ? v : undefined;
}

/** Reads a repeatable option. */
export function getList(args: ParsedArgs, name: string): readonly string[] {
  const v = args.values.get(name);
  return Array.isArray(v) ? v : [];
}

/** True when a flag is present. */
export function getFlag(args: ParsedArgs, name: string): boolean {
  return args.values.get(name) === true;
}

/**
 * Reads a numeric option with bounds.
 * @throws {@link PhysError} `INVALID_ARGUMENT` naming the option when the value is not a number in range
 */
export function getNumber(
  args: ParsedArgs,
  name: string,
  fallback: number,
  check: { min?: number; max?: number; exclusiveMin?: boolean; integer?: boolean; unit?: string } = {},
): number {
  const raw = getString(args, name);
  if (raw === undefined) return fallback;
  const x = Number(raw.trim());
  const unit = check.unit ? ` ${check.unit}` : "";
  if (raw.trim() === "" || !Number.isFinite(x))
    throw usageError(`--${name} must be a finite number, got ${JSON.stringify(raw)}`, `--${name}`);
  if (check.integer && !Number.isInteger(x)) throw usageError(`--${name} must be an integer, got ${raw}`, `--${name}`);
  if (check.min !== undefined && (check.exclusiveMin ? !(x > check.min) : !(x >= check.min))) {
    throw usageError(
      `--${name} must be ${check.exclusiveMin ? ">" : ">="} ${check.min}${unit}, got ${raw}`,
      `--${name}`,
    );
  }
  if (check.max !== undefined && !(x <= check.max))
    throw usageError(`--${name} must be <= ${check.max}${unit}, got ${raw}`, `--${name}`);
  return x;
}
