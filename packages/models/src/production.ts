/**
 * e+e- → μ+μ- and e+e- → μ+μ- X: Born cross section, the total and z-differential cross sections
 * of X radiation (vector and scalar), σ × BR for the four-muon and the invisible searches, and the
 * coupling limit from a cross-section limit.
 *
 * @packageDocumentation
 */

import { dilog, integrate } from "@muonphilic/numeric";
import {
  argumentError,
  GEV2_PB,
  M_MU,
  type Pb,
  PhysError,
  pb,
  requireInRange,
  requireNonNegative,
  requireOneOf,
  requirePositive,
} from "@muonphilic/units";
import { DEFAULTS, type ProductionMethod, type Spin, type ZPrimeVariant } from "./defaults.js";
import { isrConvolve } from "./isr.js";
import { dalitzEdges, gammaStarMsqIntegralFixedS12, gammaStarMsqIntegralT2 } from "./matrixElements.js";
import { requireSpin, zPrime } from "./models.js";
import { scalarWidths, zPrimeWidths } from "./widths.js";

/**
 * Born σ(e+e- → γ* → μ+μ-) = 2πα² b(3 - b²)/(3s), b = √(1 - 4m_μ²/s) (textbook; Jho2019 below
 * eq. (3.2) prints b = 1 - 4m_μ²/s, without the square root: a misprint).
 * @param s - s in GeV²
 * @param alpha - fine-structure constant
 * @param muonMass - m_μ in GeV (0 for the massless limit 4πα²/(3s))
 * @returns σ₀ in GeV⁻² (numeric kernel: 0 below threshold, `NaN` for `NaN`)
 */
export function bornMuMuInvGeV2(s: number, alpha: number, muonMass: number = M_MU): number {
  const r = (4 * muonMass * muonMass) / s;
  if (!(r < 1)) return Number.isNaN(r) ? Number.NaN : 0;
  const b = Math.sqrt(1 - r);
  return (2 * Math.PI * alpha * alpha * b * (3 - b * b)) / (3 * s);
}

/** Arguments of {@link sigmaBornMuMu}. */
export interface BornOptions {
  /** √s in GeV, > 2m_μ. @defaultValue {@link DEFAULTS}.sqrtS */
  readonly sqrtS?: number;
  /** α. @defaultValue {@link DEFAULTS}.alpha */
  readonly alpha?: number;
}

/**
 * Born σ(e+e- → μ+μ-) in pb (see {@link bornMuMuInvGeV2}); no ISR, FSR or vacuum polarisation.
 * @param options - sqrtS (GeV), alpha
 * @returns σ₀ in pb
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for √s ≤ 2m_μ or alpha ≤ 0
 * @example
 * ```ts
 * sigmaBornMuMu({ sqrtS: 10.58 }); // ≈ 775.93 pb
 * ```
 */
export function sigmaBornMuMu(options: BornOptions = {}): Pb {
  const sqrtS = requireInRange("sqrtS", options.sqrtS ?? DEFAULTS.sqrtS, 2 * M_MU, Number.POSITIVE_INFINITY, {
    lowInclusive: false,
    unit: "GeV",
  });
  const alpha = requirePositive("alpha", options.alpha ?? DEFAULTS.alpha);
  return pb(bornMuMuInvGeV2(sqrtS * sqrtS, alpha) * GEV2_PB);
}

/**
 * F₁(x) of Jho2019 eq. (3.2), x = m_X²/s: the total rate of vector radiation off massless muons,
 * σ(e+e- → μμX) = σ₀ (g²/8π²) F₁ (eq. (3.1)):
 * F₁ = (1+x)²[3 ln x + ln²x] + 5(1 - x²) - 2x ln x - 2(1+x)²[ln(1+x) ln x + Li₂(1/(1+x)) - Li₂(x/(1+x))].
 * F₁ → ln²x + 3 ln x + 5 - π²/3 for x → 0 and F₁(1) = 0. Checked against the exact massless
 * matrix element integrated over the Dalitz plot (tools/reference/models/spin_sums.py) to 1e-12.
 * @param x - m_X²/s in (0, 1]
 * @returns F₁(x) (numeric kernel: `NaN` outside (0, 1])
 */
export function f1(x: number): number {
  if (!(x > 0 && x <= 1)) return Number.NaN;
  const lx = Math.log(x);
  const p = (1 + x) * (1 + x);
  return (
    p * (3 * lx + lx * lx) +
    5 * (1 - x * x) -
    2 * x * lx -
    2 * p * (Math.log1p(x) * lx + dilog(1 / (1 + x)) - dilog(x / (1 + x)))
  );
}

/**
 * The massive splitting function D(s, z) for X emission off one muon, per g² (Jho2019 eq. (3.4)
 * for the vector; the scalar one is derived in docs/models/derivations.md §1):
 * vector: D/g² = (1/8π²) (1 + (1-z)²)/z · L, scalar: D/g² = (1/16π²) z · L, with
 * L = ln(sz²/(4m_X²)) + 2 ln(1 + √(1 - 4m_X²/(sz²))) = ln((E_X + p_X)/(E_X - p_X)), z = 2E_X/√s,
 * on z_min = 2m_X/√s ≤ z ≤ z_max = 1 - 2m_μ/√s (eq. (3.5)); 0 outside.
 * @param spin - "vector" or "scalar"
 * @param s - s in GeV²
 * @param mass - m_X in GeV
 * @param z - energy fraction of X
 * @returns D/g² (numeric kernel)
 */
export function splittingPerG2(spin: Spin, s: number, mass: number, z: number): number {
  const sqrtS = Math.sqrt(s);
  if (!(z >= (2 * mass) / sqrtS && z <= 1 - (2 * M_MU) / sqrtS)) return Number.isNaN(z) ? Number.NaN : 0;
  const y = (4 * mass * mass) / (s * z * z);
  const l = Math.log(1 / y) + 2 * Math.log1p(Math.sqrt(1 - y));
  return spin === "vector"
    ? ((1 + (1 - z) * (1 - z)) / z) * (l / (8 * Math.PI * Math.PI))
    : z * (l / (16 * Math.PI * Math.PI));
}

/** 2∫ D(s, z) dz / g² over eq. (3.5)'s range (Jho2019 eq. (3.6)), in z = e^u. */
function splittingIntegralPerG2(spin: Spin, s: number, mass: number): number {
  const sqrtS = Math.sqrt(s);
  const zMin = (2 * mass) / sqrtS;
  const zMax = 1 - (2 * M_MU) / sqrtS;
  if (!(zMin < zMax)) return 0;
  const f = (u: number): number => {
    const z = Math.exp(u);
    return z * splittingPerG2(spin, s, mass, Math.min(Math.max(z, zMin), zMax));
  };
  return 2 * integrate(f, Math.log(zMin), Math.log(zMax), { rtol: DEFAULTS.rtol });
}

/**
 * σ(e+e- → μμX)/g² from the tree-level matrix element (see {@link gammaStarMuMuXMsq}) over the
 * Dalitz plot, σ = α²g²/(48π s³) ∫∫ H ds₁ ds₂: the s₂ integral in closed form
 * ({@link gammaStarMsqIntegralT2}), the s₁ one numerically in ln(s₁ - m²), which resolves the
 * collinear peak. `muonMass` 0 gives the massless-muon limit.
 * @returns σ/g² in GeV⁻² (numeric kernel)
 */
export function exactSigmaPerG2InvGeV2(spin: Spin, s: number, mass: number, alpha: number, muonMass: number): number {
  const m = muonMass;
  const m2 = m * m;
  const M2 = mass * mass;
  const sqrtS = Math.sqrt(s);
  if (!(mass + 2 * m < sqrtS)) return 0;
  // particles 1 = μ- (m), 2 = X (M), 3 = μ+ (m): m₁₂² = s₁ = t₁ + m², m₂₃² = s₂ = t₂ + m²
  const inner = (t1: number): number => {
    const { cross, width } = dalitzEdges(s, m, mass, m, t1 + m2);
    return width > 0 ? gammaStarMsqIntegralT2(spin, s, m2, M2, t1, M2 + 2 * cross, width) : 0;
  };
  const t1Min = (m + mass) ** 2 - m2;
  const t1Max = (sqrtS - m) ** 2 - m2;
  const total = integrate(
    (u) => {
      const t1 = Math.exp(u);
      return t1 * inner(t1);
    },
    Math.log(t1Min),
    Math.log(t1Max),
    { rtol: DEFAULTS.rtol },
  );
  return ((alpha * alpha) / (48 * Math.PI * s * s * s)) * total;
}

/** Arguments shared by the e+e- → μμX functions. */
export interface ProductionOptions {
  /** √s in GeV. @defaultValue {@link DEFAULTS}.sqrtS */
  readonly sqrtS?: number;
  /** m_X in GeV, 0 < m_X < √s - 2m_μ. */
  readonly mass: number;
  /** Coupling to muons (g' or g_S), ≥ 0. */
  readonly coupling: number;
  /** "vector" (Z') or "scalar" (S). */
  readonly spin: Spin;
  /** α in σ₀. @defaultValue {@link DEFAULTS}.alpha (α(0), the seeds' choice) */
  readonly alpha?: number;
  /** See {@link ProductionMethod}. @defaultValue {@link DEFAULTS}.productionMethod */
  readonly method?: ProductionMethod;
}

interface Resolved {
  readonly s: number;
  readonly sqrtS: number;
  readonly mass: number;
  readonly g2: number;
  readonly spin: Spin;
  readonly alpha: number;
  readonly method: ProductionMethod;
}

function resolve(options: ProductionOptions): Resolved {
  const spin = requireSpin(options.spin);
  const sqrtS = requireInRange("sqrtS", options.sqrtS ?? DEFAULTS.sqrtS, 2 * M_MU, Number.POSITIVE_INFINITY, {
    lowInclusive: false,
    unit: "GeV",
  });
  const mass = requirePositive("mass", options.mass, "GeV");
  if (!(mass < sqrtS - 2 * M_MU)) {
    throw argumentError("KINEMATICALLY_FORBIDDEN", "mass", mass, `< √s - 2m_μ = ${sqrtS - 2 * M_MU} GeV`);
  }
  const g = requireNonNegative("coupling", options.coupling);
  const alpha = requirePositive("alpha", options.alpha ?? DEFAULTS.alpha);
  const method = requireOneOf("method", options.method ?? DEFAULTS.productionMethod, [
    "massless",
    "exact",
    "splitting",
  ] as const);
  return { s: sqrtS * sqrtS, sqrtS, mass, g2: g * g, spin, alpha, method };
}

/** σ/g² in GeV⁻² for a resolved request. */
function sigmaPerG2(r: Resolved): number {
  const sigma0 = bornMuMuInvGeV2(r.s, r.alpha);
  switch (r.method) {
    case "splitting":
      return sigma0 * splittingIntegralPerG2(r.spin, r.s, r.mass);
    case "exact":
      return exactSigmaPerG2InvGeV2(r.spin, r.s, r.mass, r.alpha, M_MU);
    case "massless": {
      if (r.spin === "vector") return (sigma0 * f1((r.mass * r.mass) / r.s)) / (8 * Math.PI * Math.PI);
      const ratio = exactSigmaPerG2InvGeV2("scalar", r.s, r.mass, r.alpha, 0) / bornMuMuInvGeV2(r.s, r.alpha, 0);
      return sigma0 * ratio;
    }
  }
}

/**
 * Total σ(e+e- → μ+μ- X) in pb, X radiated by either muon (no cuts, no BR).
 *
 * Default (`method: "massless"`): the seeds' formula σ = σ₀ (g²/8π²) F₁(m_X²/s) for the vector
 * (Jho2019 eqs. (3.1)-(3.2), σ₀ with the muon velocity as in shared/reference), and σ₀ times the
 * massless-muon matrix element integrated over the Dalitz plot for the scalar. `exact` keeps the
 * muon mass everywhere (it cuts the collinear logarithm: 17% below F₁ at m_X = 10 MeV for the
 * vector); `splitting` integrates the splitting functions, Jho2019 eq. (3.6) (equal to F₁ only at
 * leading logarithm: 0.4-21% above it for 1 MeV-3 GeV).
 *
 * @param options - sqrtS (GeV), mass (GeV), coupling, spin, alpha, method
 * @returns σ in pb
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for mass ≤ 0, coupling < 0, √s ≤ 2m_μ, alpha ≤ 0;
 *   `KINEMATICALLY_FORBIDDEN` (argument `mass`) for m_X ≥ √s - 2m_μ; `UNKNOWN_NAME` for spin or method
 * @example
 * ```ts
 * sigmaMuMuX({ sqrtS: 10.58, mass: 0.1, coupling: 1, spin: "vector" }); // ≈ 596.28 pb
 * ```
 */
export function sigmaMuMuX(options: ProductionOptions): Pb {
  const r = resolve(options);
  return pb(r.g2 * sigmaPerG2(r) * GEV2_PB);
}

/**
 * σ(e+e- → μμX) with initial-state radiation, σ_ISR = ∫ F(x, s) σ(s(1 - x)) dx (radiator
 * {@link isrRadiator}, Kuraev1985), σ from {@link sigmaMuMuX} with the same method at each s'.
 * This is the rate the ISR-enabled signal generator reproduces (with `method: "splitting"`).
 * @param options - as {@link sigmaMuMuX}
 * @returns σ_ISR in pb
 * @throws {@link PhysError} as {@link sigmaMuMuX}
 * @example
 * ```ts
 * sigmaMuMuXWithIsr({ mass: 1, coupling: 1e-3, spin: "vector" }); // a few % above sigmaMuMuX
 * ```
 */
export function sigmaMuMuXWithIsr(options: ProductionOptions): Pb {
  const r = resolve(options);
  const xMax = 1 - ((r.mass + 2 * M_MU) / r.sqrtS) ** 2;
  const g = (x: number): number => {
    const sp = r.s * (1 - x);
    const sqrtSp = Math.sqrt(sp);
    return r.mass + 2 * M_MU < sqrtSp ? sigmaPerG2({ ...r, s: sp, sqrtS: sqrtSp }) : 0;
  };
  const value = isrConvolve(g, r.s, r.alpha, xMax, (f, a, b) => integrate(f, a, b, { rtol: 1e-8 }));
  return pb(r.g2 * value * GEV2_PB);
}

/** Arguments of {@link dSigmaMuMuXdz}. */
export interface DifferentialOptions extends ProductionOptions {
  /** Energy fraction z = 2E_X/√s of X in the e+e- centre-of-mass frame. */
  readonly z: number;
}

/**
 * dσ(e+e- → μμX)/dz in pb, z = 2E_X/√s.
 * `splitting` (the seeds' choice for the spectrum): σ₀ · 2D(s, z) (Jho2019 eq. (3.3); 0 outside
 * eq. (3.5)'s range). `exact`/`massless`: the matrix element integrated at fixed
 * (k₁ + k₂)² = s(1 - z) + m_X² (with or without the muon mass; `massless` is normalised by σ₀ as
 * in {@link sigmaMuMuX}). The default method here is `splitting`.
 *
 * @param options - as {@link sigmaMuMuX} plus z
 * @returns dσ/dz in pb
 * @throws {@link PhysError} as {@link sigmaMuMuX}; `INVALID_ARGUMENT` for non-finite z
 * @example
 * ```ts
 * dSigmaMuMuXdz({ mass: 0.1, coupling: 1e-3, spin: "vector", z: 0.5 }); // ≈ 4.1e-4 pb
 * ```
 */
export function dSigmaMuMuXdz(options: DifferentialOptions): Pb {
  const r = resolve({ ...options, method: options.method ?? "splitting" });
  const z = requireInRange("z", options.z, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
  const sigma0 = bornMuMuInvGeV2(r.s, r.alpha);
  if (r.method === "splitting") return pb(r.g2 * sigma0 * 2 * splittingPerG2(r.spin, r.s, r.mass, z) * GEV2_PB);
  const muonMass = r.method === "exact" ? M_MU : 0;
  let value = exactDsigmaDzPerG2(r.spin, r.s, r.mass, r.alpha, muonMass, z);
  if (r.method === "massless") value *= sigma0 / bornMuMuInvGeV2(r.s, r.alpha, 0);
  return pb(r.g2 * value * GEV2_PB);
}

/**
 * dσ/dz / g² (GeV⁻²) from the matrix element at fixed s₁₂ = (k₁ + k₂)² = s(1 - z) + m_X²:
 * dσ/dz = s · α²/(48π s³) ∫ H ds₂, the s₂ integral in closed form ({@link gammaStarMsqIntegralFixedS12}).
 * Numeric kernel (0 outside the physical z range).
 */
export function exactDsigmaDzPerG2(
  spin: Spin,
  s: number,
  mass: number,
  alpha: number,
  muonMass: number,
  z: number,
): number {
  const m2 = muonMass * muonMass;
  const M2 = mass * mass;
  const s12 = s * (1 - z) + M2;
  if (!(s12 >= 4 * m2 && Math.sqrt(s12) <= Math.sqrt(s) - mass)) return Number.isNaN(z) ? Number.NaN : 0;
  // particles 1 = μ-, 2 = μ+, 3 = X: m₂₃² = s₂ = (k₂ + q)², t₂ = s₂ - m² from M² + 2·cross
  const { cross, width } = dalitzEdges(s, muonMass, muonMass, mass, s12);
  if (!(width > 0)) return 0;
  const integral = gammaStarMsqIntegralFixedS12(spin, s, m2, M2, M2 + 2 * cross, width);
  return ((alpha * alpha) / (48 * Math.PI * s * s)) * integral;
}

/** The decay channel of X selected by a search. */
export type SearchChannel = "mumu" | "invisible";

/** Arguments of {@link sigmaTimesBR} and {@link couplingLimitFromSigma}. */
export interface ModelChannelOptions {
  /** "mumu" (Belle2-4mu) or "invisible" (Jho2019, Belle2-inv; vector only). */
  readonly channel: SearchChannel;
  /** Z' variant (vector only). @defaultValue {@link DEFAULTS}.variant */
  readonly variant?: ZPrimeVariant;
  /** g_D (fully-invisible Z'). @defaultValue {@link DEFAULTS}.darkCoupling */
  readonly darkCoupling?: number;
  /** m_χ in GeV (fully-invisible Z'). @defaultValue {@link DEFAULTS}.darkMass */
  readonly darkMass?: number;
}

/** Branching-fraction structure BR(y) = (y a + c)/(y b + d), y = g², for the selected channel. */
interface BrPieces {
  /** channel width per g² */
  readonly a: number;
  /** channel width independent of g (dark) */
  readonly c: number;
  /** total width per g² */
  readonly b: number;
  /** total width independent of g (dark) */
  readonly d: number;
}

function brPieces(spin: Spin, mass: number, o: ModelChannelOptions): BrPieces {
  const channel = requireOneOf("channel", o.channel, ["mumu", "invisible"] as const);
  if (spin === "scalar") {
    if (channel === "invisible") {
      throw new PhysError(
        "INVALID_ARGUMENT",
        'channel must be "mumu" for the scalar (S has no invisible decays), got "invisible"',
        {
          argument: "channel",
          value: channel,
          allowed: '"mumu"',
        },
      );
    }
    const w = scalarWidths({ mass, coupling: 1 });
    return { a: w.mu, c: 0, b: w.total, d: 0 };
  }
  const model = zPrime({
    mass,
    coupling: 1,
    ...(o.variant === undefined ? {} : { variant: o.variant }),
    ...(o.darkCoupling === undefined ? {} : { darkCoupling: o.darkCoupling }),
    ...(o.darkMass === undefined ? {} : { darkMass: o.darkMass }),
  });
  const w = zPrimeWidths(model);
  const sm = w.nuMu + w.nuTau + w.mu + w.tau;
  return channel === "mumu" ? { a: w.mu, c: 0, b: sm, d: w.chi } : { a: w.nuMu + w.nuTau, c: w.chi, b: sm, d: w.chi };
}

/**
 * σ(e+e- → μ+μ- X) × BR(X → channel) in pb: `mumu` for the four-muon search (Belle2-4mu, Z' or S),
 * `invisible` for the missing-energy search (Jho2019, Belle2-inv; Z' only). σ is
 * {@link sigmaMuMuX}; BR from {@link zPrimeWidths} / {@link scalarWidths} in the narrow-width
 * approximation.
 * @param options - as {@link sigmaMuMuX} plus channel, variant, darkCoupling, darkMass
 * @returns σ × BR in pb
 * @throws {@link PhysError} as {@link sigmaMuMuX} and {@link zPrime}; `INVALID_ARGUMENT` for the scalar's invisible channel
 * @example
 * ```ts
 * sigmaTimesBR({ mass: 1, coupling: 1e-3, spin: "vector", channel: "mumu" }); // ≈ 5.0e-5 pb
 * ```
 */
export function sigmaTimesBR(options: ProductionOptions & ModelChannelOptions): Pb {
  const r = resolve(options);
  const p = brPieces(r.spin, r.mass, options);
  const br = (r.g2 * p.a + p.c) / (r.g2 * p.b + p.d);
  return pb(r.g2 * sigmaPerG2(r) * GEV2_PB * (Number.isNaN(br) ? 0 : br));
}

/** Arguments of {@link couplingLimitFromSigma}. */
export interface CouplingLimitOptions extends Omit<ProductionOptions, "coupling">, ModelChannelOptions {
  /** Upper limit on σ × BR(X → channel) in pb, ≥ 0. */
  readonly sigmaLimit: number;
}

/**
 * The coupling at which σ × BR equals a cross-section limit: the inverse of {@link sigmaTimesBR}.
 * σ = g² σ₁. With a g-independent BR (vanilla Z', scalar) g = √(L/(σ₁ BR)). In the fully-invisible
 * model BR = (g² a + c)/(g² b + d) depends on g (a, b: widths per g² of the channel and in total;
 * c, d: the dark widths), and y = g² solves σ₁ a y² + (σ₁ c - L b) y - L d = 0 (positive root, taken
 * in a cancellation-free form). σ × BR grows monotonically with g, so the root is unique.
 * @param options - as {@link sigmaTimesBR} without coupling, plus sigmaLimit (pb)
 * @returns the coupling limit; `Infinity` if the channel is closed (BR = 0)
 * @throws {@link PhysError} as {@link sigmaTimesBR}; `OUT_OF_DOMAIN` for sigmaLimit < 0
 * @example
 * ```ts
 * couplingLimitFromSigma({ mass: 1, spin: "vector", channel: "mumu", sigmaLimit: 1e-4 }); // ≈ 1.41e-3
 * ```
 */
export function couplingLimitFromSigma(options: CouplingLimitOptions): number {
  const limit = requireNonNegative("sigmaLimit", options.sigmaLimit, "pb");
  const r = resolve({ ...options, coupling: 1 });
  const p = brPieces(r.spin, r.mass, options);
  const s1 = sigmaPerG2(r) * GEV2_PB; // pb per g²
  if (!(s1 > 0) || !(p.a > 0 || p.c > 0)) return Number.POSITIVE_INFINITY;
  if (p.d === 0) return Math.sqrt((limit * p.b) / (s1 * p.a));
  const A = s1 * p.a;
  const B = s1 * p.c - limit * p.b;
  const C = limit * p.d;
  const disc = Math.sqrt(B * B + 4 * A * C);
  const y = B > 0 ? (2 * C) / (B + disc) : (disc - B) / (2 * A);
  return Math.sqrt(y);
}
