import { GM2_INPUTS } from "@muonphilic/models";
import { PhysError } from "@muonphilic/units";
import { defaultRecoilConfig, MUON_COLUMNS, RECOIL_DEFAULTS, type RecoilConfig } from "../recoil/config.js";
import { type CommandSpec, getFlag, getList, getNumber, getString, type ParsedArgs } from "./args.js";
import {
  clsFrom,
  dataFileFrom,
  gm2From,
  INPUT_FILE_OPTIONS,
  RUN_OPTIONS,
  rejectPositionals,
  runOptionsFrom,
} from "./common.js";

/** The options of `muonphilic scan recoil`. */
export const RECOIL_SPEC: CommandSpec = {
  name: "scan recoil",
  summary:
    "Search for an invisible Z' in e+e- -> mu+mu- Z' by the method of Belle II (PRL 130, 231801): binned likelihood fits of\n" +
    "two-dimensional (recoil mass squared x cos theta*) signal and background templates from simulation, in windows of 20\n" +
    "resolution-wide bins, stepping by one resolution; CLs upper limits on the cross section and on g' (vanilla and fully\n" +
    "invisible models), local and global significance.",
  usage: "muonphilic scan recoil [--data FILE] [--out DIR] [options]",
  options: [
    {
      name: "data",
      kind: "value",
      valueName: "FILE",
      description: `Selected two-muon events: CSV, Parquet or ROOT TTree with columns ${MUON_COLUMNS.join(",")} (lab, GeV; mu1 = mu-)`,
      defaultText: `the embedded Belle II background-only toy, ${RECOIL_DEFAULTS.luminosityInvFb} fb^-1`,
    },
    ...INPUT_FILE_OPTIONS,
    { name: "out", kind: "value", valueName: "DIR", description: "Output directory", defaultText: "scan-out-recoil" },
    {
      name: "min-mass",
      kind: "value",
      valueName: "GEV",
      description: "First Z' mass hypothesis",
      defaultText: String(RECOIL_DEFAULTS.minMass),
    },
    {
      name: "max-mass",
      kind: "value",
      valueName: "GEV",
      description: "Last Z' mass hypothesis",
      defaultText: String(RECOIL_DEFAULTS.maxMass),
    },
    {
      name: "window",
      kind: "value",
      valueName: "N",
      description: "Window width in resolution-wide M^2 bins",
      defaultText: String(RECOIL_DEFAULTS.windowBins),
    },
    {
      name: "cl",
      kind: "value",
      valueName: "CL",
      description: "Confidence level of the upper limits",
      defaultText: String(RECOIL_DEFAULTS.cl),
    },
    {
      name: "cls",
      kind: "value",
      valueName: "METHOD",
      description: "CLs from asymptotic formulae or toys: asymptotic | toys",
      defaultText: RECOIL_DEFAULTS.cls,
    },
    {
      name: "toys",
      kind: "value",
      valueName: "N",
      description: "Toys per tested cross section with --cls toys",
      defaultText: String(RECOIL_DEFAULTS.toys),
    },
    {
      name: "seed",
      kind: "value",
      valueName: "N",
      description: "Seed of the toys",
      defaultText: String(RECOIL_DEFAULTS.seed),
    },
    {
      name: "lumi",
      kind: "value",
      valueName: "FB-1",
      description: "Integrated luminosity in fb^-1",
      defaultText: String(RECOIL_DEFAULTS.luminosityInvFb),
    },
    {
      name: "signal-model",
      kind: "value",
      valueName: "MODEL",
      description:
        "narrow (simulated 2D templates) | breit-wigner (fully-invisible Z' of width Gamma(g_chi): BW x Gaussian, 1D, enlarged windows)",
      defaultText: "narrow",
    },
    {
      name: "dark-coupling",
      kind: "value",
      valueName: "G",
      description: "g_chi of the fully-invisible model",
      defaultText: String(RECOIL_DEFAULTS.darkCoupling),
    },
    {
      name: "dark-mass",
      kind: "value",
      valueName: "GEV",
      description: "m_chi of the fully-invisible model",
      defaultText: String(RECOIL_DEFAULTS.darkMass),
    },
    {
      name: "signal-shape-uncertainty",
      kind: "value",
      valueName: "REL",
      description: "Per-bin relative shape uncertainty of the signal template",
      defaultText: String(RECOIL_DEFAULTS.signalShapeUncertainty),
    },
    {
      name: "efficiency-uncertainty",
      kind: "value",
      valueName: "REL",
      description: "Relative uncertainty of the signal efficiency",
      defaultText: RECOIL_DEFAULTS.efficiencyUncertainty.toFixed(4),
    },
    {
      name: "compare-1d",
      kind: "flag",
      description: "Also compute the expected limit of a one-dimensional fit (cos theta* bins merged) at every point",
    },
    {
      name: "export-workspaces",
      kind: "value",
      valueName: "DIR",
      description: "Write each window as a pyhf JSON workspace into DIR",
    },
    {
      name: "inject",
      kind: "list",
      valueName: "MASS:SIGMA_FB",
      description: "Add signal of cross section SIGMA_FB (fb) at MASS (GeV) drawn from the simulated templates",
    },
    {
      name: "inject-seed",
      kind: "value",
      valueName: "N",
      description: "Seed of the injected events",
      defaultText: String(RECOIL_DEFAULTS.injectSeed),
    },
    {
      name: "signal-events",
      kind: "value",
      valueName: "N",
      description: "Simulated signal events per template mass",
      defaultText: String(RECOIL_DEFAULTS.signalEvents),
    },
    {
      name: "background-events",
      kind: "value",
      valueName: "N",
      description: "Simulated events per background process",
      defaultText: String(RECOIL_DEFAULTS.backgroundEvents),
    },
    {
      name: "mc-seed",
      kind: "value",
      valueName: "N",
      description: "Seed of the simulation (templates and the embedded toy)",
      defaultText: String(RECOIL_DEFAULTS.mcSeed),
    },
    {
      name: "gm2",
      kind: "value",
      valueName: "INPUT",
      description: `(g-2)_mu input: ${Object.keys(GM2_INPUTS).join(" | ")}`,
      defaultText: RECOIL_DEFAULTS.gm2Input,
    },
    {
      name: "gm2-sigmas",
      kind: "value",
      valueName: "N",
      description: "Width of the (g-2)_mu band in standard deviations",
      defaultText: String(RECOIL_DEFAULTS.gm2Sigmas),
    },
    {
      name: "min-events",
      kind: "value",
      valueName: "N",
      description: "Fewest observed events in a window for a fit",
      defaultText: String(RECOIL_DEFAULTS.minEvents),
    },
    {
      name: "reference-level",
      kind: "value",
      valueName: "U0",
      description: "Gross-Vitells reference level of q0",
      defaultText: String(RECOIL_DEFAULTS.referenceLevel),
    },
    ...RUN_OPTIONS,
  ],
  notes:
    "Outputs in --out: results.json (schema muonphilic/recoil-scan-results v1), points.csv, hepdata/*.yaml, plots/*.svg and\n" +
    "*.png. A killed run resumes from DIR/checkpoint.jsonl; results.json is written last, atomically.",
};

const usage = (message: string, argument: string): PhysError =>
  new PhysError("INVALID_ARGUMENT", message, { argument });

/**
 * Builds the recoil scan configuration from parsed arguments.
 * @param args - the parsed arguments
 * @throws {@link PhysError} `INVALID_ARGUMENT` naming the option, its value and the allowed range
 */
export function recoilConfigFrom(args: ParsedArgs): RecoilConfig {
  rejectPositionals(args);
  const d = RECOIL_DEFAULTS;
  const file = dataFileFrom(args);
  const minMass = getNumber(args, "min-mass", d.minMass, { min: d.signalMasses[0]!, unit: "GeV" });
  const maxMass = getNumber(args, "max-mass", d.maxMass, {
    min: minMass,
    exclusiveMin: true,
    max: d.signalMasses[d.signalMasses.length - 1]!,
    unit: "GeV",
  });
  const cls = clsFrom(args, d.cls);
  const model = getString(args, "signal-model") ?? "narrow";
  if (model !== "narrow" && model !== "breit-wigner") {
    throw usage(`--signal-model must be narrow or breit-wigner, got ${JSON.stringify(model)}`, "--signal-model");
  }
  const gm2 = gm2From(args, d.gm2Input);
  const inject = getList(args, "inject").map((v) => {
    const m = /^\s*([^:]+):([^:]+)\s*$/.exec(v);
    const mass = m ? Number(m[1]) : Number.NaN;
    const sigma = m ? Number(m[2]) : Number.NaN;
    if (!(mass >= minMass && mass <= maxMass)) {
      throw usage(
        `--inject ${v}: MASS:SIGMA_FB with the mass in the scan range [${minMass}, ${maxMass}] GeV`,
        "--inject",
      );
    }
    if (!(sigma >= 0 && Number.isFinite(sigma)))
      throw usage(`--inject ${v}: the cross section must be a finite number >= 0 fb`, "--inject");
    return { mass, sigmaFb: sigma };
  });
  return defaultRecoilConfig({
    data: file === undefined ? { kind: "embedded" } : { kind: "file", ...file },
    out: getString(args, "out") ?? "scan-out-recoil",
    minMass,
    maxMass,
    windowBins: getNumber(args, "window", d.windowBins, { min: 4, max: 200, integer: true }),
    cl: getNumber(args, "cl", d.cl, { min: 0.5, max: 0.9999 }),
    cls,
    toys: getNumber(args, "toys", d.toys, { min: 20, integer: true }),
    seed: getNumber(args, "seed", d.seed, { min: 0, integer: true }),
    luminosityInvFb: getNumber(args, "lumi", d.luminosityInvFb, { min: 0, exclusiveMin: true, unit: "fb^-1" }),
    signalModel: model,
    darkCoupling: getNumber(args, "dark-coupling", d.darkCoupling, { min: 0, exclusiveMin: true, max: 4 * Math.PI }),
    darkMass: getNumber(args, "dark-mass", d.darkMass, { min: 0, unit: "GeV" }),
    signalShapeUncertainty: getNumber(args, "signal-shape-uncertainty", d.signalShapeUncertainty, { min: 0, max: 1 }),
    efficiencyUncertainty: getNumber(args, "efficiency-uncertainty", d.efficiencyUncertainty, { min: 0, max: 0.99 }),
    compare1d: getFlag(args, "compare-1d"),
    exportWorkspaces: getString(args, "export-workspaces") ?? null,
    inject,
    injectSeed: getNumber(args, "inject-seed", d.injectSeed, { min: 0, integer: true }),
    signalEvents: getNumber(args, "signal-events", d.signalEvents, { min: 1000, max: 1e7, integer: true }),
    backgroundEvents: getNumber(args, "background-events", d.backgroundEvents, { min: 1000, max: 1e8, integer: true }),
    mcSeed: getNumber(args, "mc-seed", d.mcSeed, { min: 0, integer: true }),
    gm2Input: gm2,
    gm2Sigmas: getNumber(args, "gm2-sigmas", d.gm2Sigmas, { min: 0, exclusiveMin: true }),
    minEvents: getNumber(args, "min-events", d.minEvents, { min: 0, integer: true }),
    referenceLevel: getNumber(args, "reference-level", d.referenceLevel, { min: 0, exclusiveMin: true }),
    ...runOptionsFrom(args),
  });
}
