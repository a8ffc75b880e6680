/**
 * Seeded generator of e+e- → μ+μ-μ+μ- (and μ+μ-π+π-) from the two tree-level mechanisms of
 * Belle2-4mu Fig. 2, each virtual photon converted through the spectral function of `spectral.ts`:
 *
 * - `conversion`: e+e- → γ*(q₁²)γ*(q₂²) (t/u-channel electron exchange, `conversion.ts`), both
 *   photons → μ+μ-. It contains "ISR double photon conversion" (one photon of large q²) of
 *   Belle2-4mu sec. IV D. Density ½ ρ_μμ(q₁²) ρ_μμ(q₂²) dσ_{γ*γ*}.
 * - `conversionPiPi`: one photon → μ+μ-, the other → π+π- (no ½).
 * - `annihilation`: e+e- → γ* → μ+μ- V, V radiated by either muon (`annihilation.ts`, exact tree
 *   level with muon masses and the beam orientation), V → μ+μ-. Density ρ_μμ(M²) dσ_{μμV}(M²).
 * - `annihilationPiPi`: the same with V → π+π-.
 *
 * Initial-state radiation (optional, default on): x from the Kuraev-Fadin radiator
 * (`@muonphilic/models` `isrRadiator`), restricted to x ≤ xMax (the four-lepton mass ≥ `minMass`),
 * one photon along either beam, the hard process at s' = s(1 − x).
 *
 * Approximations (documented in the README): each virtual photon decays isotropically in its rest
 * frame (the integrated rates are exact; the decay angular correlations are not); the interference
 * between conversion and annihilation and the exchange of identical muons are neglected (as in the
 * factorised picture of Belle2-4mu Fig. 2); electrons are massless in the conversion diagram.
 *
 * Exact Poisson yields without knowing σ: with an envelope rate Λ (pb) that bounds the density,
 * N_trials ~ Poisson(Λ L) and each trial is kept with probability density/envelope; the kept
 * count is Poisson(σ L) (thinning of a Poisson process).
 *
 * @packageDocumentation
 */
import {
  type BeamSetup,
  belle2Beams,
  type EventColumns,
  type FourVectorColumns,
  type RandomSource,
} from "@muonphilic/kinematics";
import { gammaStarMuMuXMsq, isrBeta } from "@muonphilic/models";
import {
  ALPHA,
  GEV2_PB,
  M_MU,
  M_PI,
  PhysError,
  requireInRange,
  requireOneOf,
  requirePositive,
} from "@muonphilic/units";
import { annihilationBeamWeight } from "./annihilation.js";
import { conversionLog, conversionX } from "./conversion.js";
import { decayIsotropic, directionAbout, requireCountOrLuminosity } from "./frames.js";
import { type MassSampler, makeMassSampler } from "./massSampler.js";

/** The four-lepton processes of {@link generateFourLepton}. */
export type FourLeptonProcess = "conversion" | "conversionPiPi" | "annihilation" | "annihilationPiPi";

/** Every {@link FourLeptonProcess}. */
export const FOUR_LEPTON_PROCESSES: readonly FourLeptonProcess[] = [
  "conversion",
  "conversionPiPi",
  "annihilation",
  "annihilationPiPi",
];

/** Particle names of the generated events: pair 1 and pair 2 (see {@link FourLeptonSample}), and the ISR photon. */
export type FourLeptonParticle = "minus1" | "plus1" | "minus2" | "plus2" | "gammaIsr";

/** Defaults of {@link generateFourLepton}. */
export const FOUR_LEPTON_DEFAULTS = {
  /** Initial-state radiation on: Belle2-4mu sec. III attributes the data/simulation ratio 0.76 to its absence in AAFH. */
  isr: true,
  /**
   * Minimum four-lepton invariant mass (GeV) kept by the ISR generation, x ≤ 1 − minMass²/s: the
   * selection requires M(4μ) > 10 GeV (Belle2-4mu sec. IV C); 9.9 GeV leaves 100 MeV (several times
   * the M(4μ) resolution) for smearing across the cut.
   */
  minMass: 9.9,
} as const;

/** Options of {@link generateFourLepton}. */
export interface FourLeptonOptions {
  /** The process. */
  readonly process: FourLeptonProcess;
  /**
   * Either a fixed number of events (`events`), or an integrated luminosity in pb⁻¹ (`luminosityInvPb`):
   * then the number of events is Poisson(σ L) exactly (thinning).
   */
  readonly events?: number;
  /** Integrated luminosity (pb⁻¹, ≥ 0); exclusive with `events`. */
  readonly luminosityInvPb?: number;
  /** The beams. @defaultValue `belle2Beams()` (7 × 4 GeV head-on) */
  readonly beams?: BeamSetup;
  /** ISR on/off. @defaultValue {@link FOUR_LEPTON_DEFAULTS}.isr */
  readonly isr?: boolean;
  /** Minimum M(4ℓ) kept when ISR is on (GeV). @defaultValue {@link FOUR_LEPTON_DEFAULTS}.minMass */
  readonly minMass?: number;
  /** Fine-structure constant. @defaultValue α(0) */
  readonly alpha?: number;
  /**
   * Keep only events whose four charged particles all lie inside this lab polar-angle range
   * (degrees): a generator-level cut equal to a detector's geometric track acceptance, which
   * spares the detector the events it would reject. The kept count stays Poisson (thinning).
   * @defaultValue [0, 180] (no cut)
   */
  readonly chargedPolarRangeDeg?: readonly [number, number];
}

/** A generated four-lepton sample. */
export interface FourLeptonSample {
  /** The process. */
  readonly process: FourLeptonProcess;
  /**
   * Lab-frame events (unweighted). `minus1`, `plus1`: for conversion the pair of the first photon,
   * for annihilation the s-channel muon pair; `minus2`, `plus2`: the second photon's pair (the
   * radiated V's), pions for the `PiPi` processes; `gammaIsr` when ISR is on (along a beam).
   */
  readonly events: EventColumns<FourLeptonParticle>;
  /** Species of pair 2: "muon" or "pion" (pair 1 is always muons). */
  readonly pair2Species: "muon" | "pion";
  /** Truth: q² of photon 1 (conversion) or 0 (annihilation: pair 1 comes from the s-channel), GeV². */
  readonly q2Pair1: Float64Array;
  /** Truth: q² of the photon giving pair 2 (GeV²). */
  readonly q2Pair2: Float64Array;
  /** Truth: component of the spectral function of pair 1 (index into `components1`; −1 for the s-channel pair). */
  readonly component1: Int8Array;
  /** Truth: component of the spectral function of pair 2 (index into `components2`). */
  readonly component2: Int8Array;
  /** Component names of pair 1's spectral function ("continuum", resonance names). */
  readonly components1: readonly string[];
  /** Component names of pair 2's spectral function. */
  readonly components2: readonly string[];
  /** Truth: ISR energy fraction x (0 without ISR). */
  readonly isrFraction: Float64Array;
  /** Hit-or-miss estimate of the cross section in the generated phase space (pb) and its binomial error. */
  readonly crossSectionPb: number;
  readonly crossSectionErrorPb: number;
  /** Number of trials, and of stage ratios that exceeded their bound (must be 0). */
  readonly trials: number;
  readonly envelopeViolations: number;
  /** Generated events dropped by `chargedPolarRangeDeg` (not in `events`; the cross section is before this cut). */
  readonly outsidePolarRange: number;
}

interface Plan {
  readonly process: FourLeptonProcess;
  readonly s: number;
  readonly sqrtS: number;
  readonly alpha: number;
  readonly isr: boolean;
  readonly beta: number;
  readonly xMax: number;
  /** ∫₀^xMax of the radiator proposal β x^(β−1)(1 + 3β/4): x_max^β (1 + 3β/4). */
  readonly isrProposalMass: number;
  readonly sampler1: MassSampler;
  readonly sampler2: MassSampler;
  readonly m2: number; // mass of pair-2 particles
  /** Envelope of the weight (GeV⁻²) per unit of proposal: w ≤ envelope. */
  readonly envelope: number;
  /** Sup of the kinematic factor of stage 1: L(s'² + Σ²)/(A s'²) (conversion, GeV⁻²) or 16(s'+M²)² A_t/s'³ (annihilation). */
  readonly kinematicBound: number;
}

/**
 * The proposal region of (ln t₁, ln t₂) for the annihilation diagram at s' and V mass² M²: the square
 * [ln t_min, ln t_max]², t_min = M² + 2m_μM, t_max = s' − 2m_μ√s', above the line t₁t₂ = 0.9 M² s'.
 * Every Dalitz point has t₁t₂ ≥ M²s' (exact for massless muons; with masses checked on a grid in the
 * tests), so the 10% margin keeps the whole Dalitz plot inside. On the region
 * H t₁t₂ = 8(t₁² + t₂²) − 16(s' + M² + 2m²)T + 16((s' + M²)² − 4m⁴) − (negative) ≤ 16(s' + M²)², since
 * T = t₁ + t₂ = s' + M² − s₁₂ ≤ s' + M².
 */
export function annihilationRegion(sp: number, q2: number): { a: number; b: number; c: number; area: number } {
  const mv = Math.sqrt(q2);
  const a = Math.log(q2 + 2 * M_MU * mv);
  const b = Math.log(sp - 2 * M_MU * Math.sqrt(sp));
  if (!(b > a)) return { a, b, c: 0, area: 0 };
  const c = Math.log(0.9 * q2 * sp);
  // triangle cut off the lower-left corner: legs (c − 2a), clipped when the line passes above (b, a)
  const leg = Math.min(Math.max(c - 2 * a, 0), b - a);
  return { a, b, c: Math.max(c, 2 * a), area: (b - a) * (b - a) - (leg * leg) / 2 };
}

/** Draws (ln t₁, ln t₂) uniformly on {a ≤ l₁, l₂ ≤ b, l₁ + l₂ ≥ c} (c ≤ a + b), by inverse CDF of l₁ then l₂. */
function sampleRegion(a: number, b: number, c: number, area: number, u1: number, u2: number, out: Float64Array): void {
  // marginal of l₁: length(l₁) = b − max(a, c − l₁); for l₁ < c − a it is b − c + l₁ (starting at b − c + a ≥ 0)
  const k = c - a; // breakpoint
  const d0 = b - c + a; // length at l₁ = a
  const ramp = ((d0 + (b - a)) / 2) * (k - a); // area of the ramp part
  const target = u1 * area;
  let l1: number;
  if (target < ramp) {
    // ∫_a^l (d0 + (x − a)) dx = d0 y + y²/2 = target, y = l − a
    const y = -d0 + Math.sqrt(d0 * d0 + 2 * target);
    l1 = a + y;
  } else {
    l1 = k + (target - ramp) / (b - a);
  }
  const lo = Math.max(a, c - l1);
  out[0] = l1;
  out[1] = lo + u2 * (b - lo);
}

const plans = new Map<string, Plan>();

function makePlan(process: FourLeptonProcess, beams: BeamSetup, isr: boolean, minMass: number, alpha: number): Plan {
  const key = `${process}|${beams.s}|${isr}|${minMass}|${alpha}`;
  const cached = plans.get(key);
  if (cached) return cached;
  const s = beams.s;
  const sqrtS = beams.sqrtS;
  const beta = isrBeta(s, alpha);
  const xMax = isr ? Math.max(0, 1 - (minMass * minMass) / s) : 0;
  const sMin = s * (1 - xMax);
  const pi = process.endsWith("PiPi");
  const m2 = pi ? M_PI : M_MU;
  const q2Top = (sqrtS - 2 * M_MU) ** 2;
  const sampler1 = makeMassSampler("mumu", q2Top, alpha);
  const sampler2 = pi ? makeMassSampler("pipi", q2Top, alpha) : sampler1;
  let envelope: number;
  let kinematicBound: number;
  if (process.startsWith("conversion")) {
    // w = [ρ₁/g₁][ρ₂/g₂] · sym · 2πα² L (X t u)/(A s'²), X t u ≤ s'² + Σ²; sup of L(s'² + Σ²)/(A s'²) on a grid (+10%).
    const sym = pi ? 1 : 0.5;
    let supLA = 0;
    const n = 160;
    for (const sp of [sMin, s]) {
      for (let i = 0; i <= n; i++) {
        const q1 = sampler1.q2Min * (q2Top / sampler1.q2Min) ** (i / n);
        for (let j = 0; j <= n; j++) {
          const q2 = sampler2.q2Min * (q2Top / sampler2.q2Min) ** (j / n);
          if (!(Math.sqrt(q1) + Math.sqrt(q2) < Math.sqrt(sp))) continue;
          const a = (sp - q1 - q2) / 2;
          const b = Math.sqrt(a * a - q1 * q2);
          supLA = Math.max(supLA, (conversionLog(a, b, q1, q2) / a) * (1 + ((q1 + q2) / sp) ** 2));
        }
      }
    }
    kinematicBound = supLA * 1.1;
    envelope = sampler1.bound * sampler2.bound * sym * 2 * Math.PI * alpha * alpha * kinematicBound;
  } else {
    // w = [ρ/g] · α³/(12 s'³) · H t₁t₂ · A_t · 3W/(s'H), with H t₁t₂ ≤ 16(s'+M²)² (annihilationRegion),
    // A_t the area of the (ln t₁, ln t₂) proposal region and 3W/(s'H) ≤ 3/2; sup over M² and s' on a grid (+5%).
    let sup = 0;
    const n = 4000;
    for (const sp of [sMin, s]) {
      for (let i = 0; i <= n; i++) {
        const q2 = sampler2.q2Min * (q2Top / sampler2.q2Min) ** (i / n);
        const region = annihilationRegion(sp, q2);
        if (region.area > 0) sup = Math.max(sup, (16 * (sp + q2) ** 2 * region.area) / (sp * sp * sp));
      }
    }
    kinematicBound = sup * 1.05;
    envelope = sampler2.bound * ((alpha * alpha * alpha) / 12) * kinematicBound * 1.5;
  }
  const plan: Plan = {
    process,
    s,
    sqrtS,
    alpha,
    isr,
    beta,
    xMax,
    isrProposalMass: isr ? xMax ** beta * (1 + 0.75 * beta) : 1,
    sampler1,
    sampler2,
    m2,
    envelope,
    kinematicBound,
  };
  plans.set(key, plan);
  return plan;
}

/** Scratch state of one generated event, in the hard-process centre-of-mass frame. */
interface Scratch {
  readonly p: Float64Array; // 4 particles × [E, px, py, pz]: minus1, plus1, minus2, plus2
  q2a: number;
  q2b: number;
  x: number;
  /** Count of stage ratios above 1 (an envelope that does not bound the density: must stay 0). */
  violations: number;
  /** (ln t₁, ln t₂) of the annihilation proposal. */
  readonly t: Float64Array;
  /** A unit vector (scratch). */
  readonly d: Float64Array;
}

const TWO_PI = 2 * Math.PI;

/**
 * One hit-or-miss trial against the envelope, in stages (each stage keeps the configuration with
 * its ratio to a local bound; the product of the ratios is density/envelope, so a kept
 * configuration follows the density exactly and cheap stages reject most trials early).
 * Fills `sc` in the hard-process frame; returns whether the trial is kept.
 */
function trial(plan: Plan, rng: RandomSource, sc: Scratch): boolean {
  // ISR
  let x = 0;
  let isrRatio = 1;
  if (plan.isr && plan.xMax > 0) {
    const b = plan.beta;
    x = plan.xMax * rng.uniformOpen() ** (1 / b);
    const prop = b * x ** (b - 1) * (1 + 0.75 * b);
    isrRatio = (prop - b * (1 - x / 2)) / prop;
  }
  sc.x = x;
  const sp = plan.s * (1 - x);
  const w = Math.sqrt(sp);
  const p = sc.p;
  if (plan.process.startsWith("conversion")) {
    const q1 = plan.sampler1.sample(rng.uniform(), rng.uniform());
    const q2 = plan.sampler2.sample(rng.uniform(), rng.uniform());
    const m1 = Math.sqrt(q1);
    const m2v = Math.sqrt(q2);
    if (!(m1 + m2v < w)) return false;
    const a = (sp - q1 - q2) / 2;
    const b = Math.sqrt(Math.max(a * a - q1 * q2, 0));
    const l = conversionLog(a, b, q1, q2);
    // stage 1 (masses and ISR): the local bound 2πα² L (s'² + Σ²)/(A s'²) of the cos θ weight, first the
    // kinematic factor against its global sup, then the spectral densities against their bounds
    const sigma = q1 + q2;
    const r1 = (isrRatio * l * (sp * sp + sigma * sigma)) / (a * sp * sp * plan.kinematicBound);
    if (r1 > 1) sc.violations++;
    if (!(rng.uniform() < r1)) return false;
    const rho =
      (plan.sampler1.density(q1) / plan.sampler1.proposal(q1)) *
      (plan.sampler2.density(q2) / plan.sampler2.proposal(q2));
    const r1b = rho / (plan.sampler1.bound * plan.sampler2.bound);
    if (r1b > 1) sc.violations++;
    if (!(rng.uniform() < r1b)) return false;
    // stage 2: cos θ from the proposal ∝ 1/(A − Bc) + 1/(A + Bc) (pick a pole, invert its CDF), kept with X t u/(s'² + Σ²)
    const r = ((a + b) / (a - b)) ** rng.uniform(); // (A + Bc)/(A − B) for the u-pole
    let c = (r * (a - b) - a) / b;
    if (rng.uniform() < 0.5) c = -c;
    c = Math.min(1, Math.max(-1, c));
    const t = -(a - b * c);
    const uu = -(a + b * c);
    const r2 = (conversionX(sp, q1, q2, t, uu) * t * uu) / (sp * sp + sigma * sigma);
    if (r2 > 1) sc.violations++;
    if (!(rng.uniform() < r2)) return false;
    // kinematics: photon 1 at (θ, φ) with momentum B/√s'
    const pm = b / w;
    const e1 = (sp + q1 - q2) / (2 * w);
    const sn = Math.sqrt(Math.max(0, 1 - c * c));
    const ph = TWO_PI * rng.uniform();
    const px = pm * sn * Math.cos(ph);
    const py = pm * sn * Math.sin(ph);
    const pz = pm * c;
    decayIsotropic(p, 0, 1, [e1, px, py, pz], m1, M_MU, M_MU, rng);
    decayIsotropic(p, 2, 3, [w - e1, -px, -py, -pz], m2v, plan.m2, plan.m2, rng);
    sc.q2a = q1;
    sc.q2b = q2;
    return true;
  }
  // annihilation
  const q2 = plan.sampler2.sample(rng.uniform(), rng.uniform());
  const mv = Math.sqrt(q2);
  const m = M_MU;
  const mm = m * m;
  if (!(mv + 2 * m < w)) return false;
  const region = annihilationRegion(sp, q2);
  if (!(region.area > 0)) return false;
  // stage 1 (mass and ISR): local bound 16(s'+M²)² A_t/s'³ against its global sup, then [ρ/g] against its bound
  const hBound = 16 * (sp + q2) ** 2;
  const r1 = (isrRatio * hBound * region.area) / (sp * sp * sp * plan.kinematicBound);
  if (r1 > 1) sc.violations++;
  if (!(rng.uniform() < r1)) return false;
  const r1b = plan.sampler2.density(q2) / plan.sampler2.proposal(q2) / plan.sampler2.bound;
  if (r1b > 1) sc.violations++;
  if (!(rng.uniform() < r1b)) return false;
  sampleRegion(region.a, region.b, region.c, region.area, rng.uniform(), rng.uniform(), sc.t);
  const t1 = Math.exp(sc.t[0] as number);
  const t2 = Math.exp(sc.t[1] as number);
  // energies in the Q frame: E₁ = (s' − t₂)/(2√s'), E₂ = (s' − t₁)/(2√s')
  const e1 = (sp - t2) / (2 * w);
  const e2 = (sp - t1) / (2 * w);
  const ek = w - e1 - e2;
  if (!(e1 > m && e2 > m && ek > mv)) return false;
  const a1 = Math.sqrt(e1 * e1 - mm);
  const a2 = Math.sqrt(e2 * e2 - mm);
  const ak = Math.sqrt(ek * ek - q2);
  const c12 = (ak * ak - a1 * a1 - a2 * a2) / (2 * a1 * a2);
  if (!(c12 >= -1 && c12 <= 1)) return false;
  const h = gammaStarMuMuXMsq("vector", sp, mm, q2, t1, t2);
  const r2 = (h * t1 * t2) / hBound;
  if (r2 > 1) sc.violations++;
  if (!(rng.uniform() < r2)) return false;
  // random orientation: p₁ along n̂ (isotropic), p₂ at cos θ₁₂ to n̂ with a uniform azimuth about it
  const nz = 2 * rng.uniform() - 1;
  const ns = Math.sqrt(Math.max(0, 1 - nz * nz));
  const nph = TWO_PI * rng.uniform();
  const nx = ns * Math.cos(nph);
  const ny = ns * Math.sin(nph);
  directionAbout(nx, ny, nz, c12, TWO_PI * rng.uniform(), sc.d);
  p[0] = e1;
  p[1] = a1 * nx;
  p[2] = a1 * ny;
  p[3] = a1 * nz;
  p[4] = e2;
  p[5] = a2 * (sc.d[0] as number);
  p[6] = a2 * (sc.d[1] as number);
  p[7] = a2 * (sc.d[2] as number);
  // stage 3: orientation, kept with 3W/(s'H)/(3/2) ≤ 1
  const r3 = (2 * annihilationBeamWeight(sp, mm, q2, p.subarray(0, 4), p.subarray(4, 8), t1, t2)) / (sp * h);
  if (r3 > 1) sc.violations++;
  if (!(rng.uniform() < r3)) return false;
  decayIsotropic(
    p,
    2,
    3,
    [
      ek,
      -(p[1] as number) - (p[5] as number),
      -(p[2] as number) - (p[6] as number),
      -(p[3] as number) - (p[7] as number),
    ],
    mv,
    plan.m2,
    plan.m2,
    rng,
  );
  sc.q2a = 0;
  sc.q2b = q2;
  return true;
}

/**
 * Generates e+e- → 4 leptons (module documentation) in the lab frame, seeded and unweighted.
 *
 * @param options - the process and either `events` or `luminosityInvPb` (see {@link FourLeptonOptions})
 * @param rng - the seeded random source
 * @returns the sample with its truth and Monte Carlo cross section
 * @throws {@link PhysError} `UNKNOWN_NAME` for an unknown process; `INVALID_ARGUMENT` when both or
 *   neither of `events` and `luminosityInvPb` are given, or `events` is not an integer ≥ 0;
 *   `OUT_OF_DOMAIN` for a negative luminosity or a non-positive `minMass`
 * @example
 * ```ts
 * const sample = generateFourLepton({ process: "annihilation", luminosityInvPb: 1000 }, createRandom(1));
 * sample.events.size; // Poisson(σ × 1 fb⁻¹)
 * ```
 */
export function generateFourLepton(options: FourLeptonOptions, rng: RandomSource): FourLeptonSample {
  const process = requireOneOf("process", options.process, FOUR_LEPTON_PROCESSES);
  const count = requireCountOrLuminosity(options);
  const beams = options.beams ?? belle2Beams();
  const isr = options.isr ?? FOUR_LEPTON_DEFAULTS.isr;
  const minMass = requirePositive("minMass", options.minMass ?? FOUR_LEPTON_DEFAULTS.minMass, "GeV");
  const alpha = requirePositive("alpha", options.alpha ?? ALPHA);
  const plan = makePlan(process, beams, isr, minMass, alpha);
  const range = options.chargedPolarRangeDeg ?? [0, 180];
  const thetaLo = requireInRange("chargedPolarRangeDeg[0]", range[0], 0, 180, { unit: "deg" });
  const thetaHi = requireInRange("chargedPolarRangeDeg[1]", range[1], thetaLo, 180, { unit: "deg" });
  // cos θ must lie in [cos θ_hi, cos θ_lo]
  const cosHi = Math.cos((thetaLo * Math.PI) / 180);
  const cosLo = Math.cos((thetaHi * Math.PI) / 180);
  const polarCut = thetaLo > 0 || thetaHi < 180;
  // envelope rate in pb: ∫ proposal = isrProposalMass (ISR) × 1 (normalised proposals) × envelope
  const envelopePb = plan.envelope * plan.isrProposalMass * GEV2_PB;
  const hasLumi = "luminosityInvPb" in count;
  const maxTrials = hasLumi ? rng.poisson(envelopePb * count.luminosityInvPb) : Number.POSITIVE_INFINITY;
  const target = hasLumi ? Number.POSITIVE_INFINITY : count.events;
  const names: FourLeptonParticle[] = ["minus1", "plus1", "minus2", "plus2", ...(isr ? (["gammaIsr"] as const) : [])];
  let capacity = Math.max(16, hasLumi ? Math.min(maxTrials, 4096) : target);
  let cols = names.map(() => new Float64Array(4 * capacity));
  let truth = [new Float64Array(capacity), new Float64Array(capacity), new Float64Array(capacity)];
  let comps = [new Int8Array(capacity), new Int8Array(capacity)];
  const sc: Scratch = {
    p: new Float64Array(16),
    q2a: 0,
    q2b: 0,
    x: 0,
    violations: 0,
    t: new Float64Array(2),
    d: new Float64Array(3),
  };
  const grow = () => {
    capacity *= 2;
    cols = cols.map((c) => {
      const d = new Float64Array(4 * capacity);
      d.set(c);
      return d;
    });
    truth = truth.map((c) => {
      const d = new Float64Array(capacity);
      d.set(c);
      return d;
    });
    comps = comps.map((c) => {
      const d = new Int8Array(capacity);
      d.set(c);
      return d;
    });
  };
  const cm = beams.boost;
  const bcm2 = cm.x * cm.x + cm.y * cm.y + cm.z * cm.z;
  const gcm = 1 / Math.sqrt(1 - bcm2);
  const fcm = bcm2 > 0 ? (gcm - 1) / bcm2 : 0;
  let n = 0;
  let trials = 0;
  let outside = 0;
  const half = plan.sqrtS / 2;
  while (n < target && trials < maxTrials) {
    trials++;
    if (!trial(plan, rng, sc)) continue;
    if (n === capacity) grow();
    // ISR photon along ±z in the CM; the hard system moves with v = ∓x/(2 − x)
    const x = sc.x;
    const sign = rng.uniform() < 0.5 ? 1 : -1;
    const v = (-sign * x) / (2 - x);
    const gz = 1 / Math.sqrt(1 - v * v);
    const p = sc.p;
    let inside = true;
    for (let k = 0; k < names.length; k++) {
      let e: number;
      let px: number;
      let py: number;
      let pz: number;
      if (k < 4) {
        const e0 = p[4 * k] as number;
        const z0 = p[4 * k + 3] as number;
        e = gz * (e0 + v * z0);
        px = p[4 * k + 1] as number;
        py = p[4 * k + 2] as number;
        pz = gz * (z0 + v * e0);
      } else {
        e = x * half;
        px = 0;
        py = 0;
        pz = sign * x * half;
      }
      // CM → lab
      const bp = cm.x * px + cm.y * py + cm.z * pz;
      const kf = fcm * bp + gcm * e;
      const col = cols[k] as Float64Array;
      const lx = px + kf * cm.x;
      const ly = py + kf * cm.y;
      const lz = pz + kf * cm.z;
      col[4 * n] = gcm * (e + bp);
      col[4 * n + 1] = lx;
      col[4 * n + 2] = ly;
      col[4 * n + 3] = lz;
      if (polarCut && k < 4) {
        const c = lz / Math.sqrt(lx * lx + ly * ly + lz * lz);
        if (!(c >= cosLo && c <= cosHi)) inside = false;
      }
    }
    if (!inside) {
      outside++;
      continue;
    }
    (truth[0] as Float64Array)[n] = sc.q2a;
    (truth[1] as Float64Array)[n] = sc.q2b;
    (truth[2] as Float64Array)[n] = x;
    (comps[0] as Int8Array)[n] = sc.q2a > 0 ? plan.sampler1.label(sc.q2a, rng.uniform()) : -1;
    (comps[1] as Int8Array)[n] = plan.sampler2.label(sc.q2b, rng.uniform());
    n++;
  }
  const particles = {} as Record<FourLeptonParticle, FourVectorColumns>;
  names.forEach((name, k) => {
    const c = cols[k] as Float64Array;
    const e = new Float64Array(n);
    const px = new Float64Array(n);
    const py = new Float64Array(n);
    const pz = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      e[i] = c[4 * i] as number;
      px[i] = c[4 * i + 1] as number;
      py[i] = c[4 * i + 2] as number;
      pz[i] = c[4 * i + 3] as number;
    }
    particles[name] = { e, px, py, pz };
  });
  const hit = trials > 0 ? (n + outside) / trials : 0;
  return {
    process,
    events: { size: n, particles },
    pair2Species: process.endsWith("PiPi") ? "pion" : "muon",
    q2Pair1: (truth[0] as Float64Array).slice(0, n),
    q2Pair2: (truth[1] as Float64Array).slice(0, n),
    component1: process.startsWith("conversion") ? (comps[0] as Int8Array).slice(0, n) : new Int8Array(n).fill(-1),
    component2: (comps[1] as Int8Array).slice(0, n),
    components1: plan.sampler1.components,
    components2: plan.sampler2.components,
    isrFraction: (truth[2] as Float64Array).slice(0, n),
    crossSectionPb: envelopePb * hit,
    crossSectionErrorPb: trials > 0 ? envelopePb * Math.sqrt((hit * (1 - hit)) / trials) : 0,
    trials,
    envelopeViolations: sc.violations,
    outsidePolarRange: outside,
  };
}
