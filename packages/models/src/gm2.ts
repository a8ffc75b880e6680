/**
 * The one-loop (g-2)_μ contribution of a light vector or scalar coupled to muons, and the coupling
 * band that explains a measured discrepancy, with the input made explicit.
 *
 * @packageDocumentation
 */

import { integrate } from "@muonphilic/numeric";
import { argumentError, M_MU, requireFinite, requireNonNegative, requirePositive } from "@muonphilic/units";
import type { Spin } from "./defaults.js";
import { requireSpin } from "./models.js";

/**
 * Δa_μ/g² of a vector boson of mass m coupled as g X_α μ̄γ^α μ:
 * (1/8π²) ∫₀¹ dz 2z(1-z)²/((1-z)² + (m/m_μ)² z) (Jho2019 eq. (1.2)). Ibe2017 eq. (5),
 * (1/8π²) ∫₀¹ dx 2m_μ² x²(1-x)/(x² m_μ² + (1-x) m²), is the same integral after x = 1 - z
 * (`vectorLoopIbe` in the tests integrates that form independently).
 * Limits: 1/(8π²) for m ≪ m_μ; m_μ²/(12π² m²) for m ≫ m_μ.
 *
 * @param mass - m in GeV
 * @returns Δa_μ/g² (numeric kernel: `NaN` for mass ≤ 0)
 */
export function deltaAmuVectorPerG2(mass: number): number {
  if (!(mass > 0)) return Number.NaN;
  const r2 = (mass / M_MU) ** 2;
  const f = (z: number): number => {
    const w = 1 - z;
    return (2 * z * w * w) / (w * w + r2 * z);
  };
  return integrate(f, 0, 1, { rtol: 1e-13, breaks: breakpoints(Math.sqrt(r2)) }) / (8 * Math.PI * Math.PI);
}

/**
 * Δa_μ/g² of a scalar of mass m with L = -g S μ̄μ (Leveille1978):
 * (1/8π²) ∫₀¹ dz (1-z)²(1+z)/((1-z)² + (m/m_μ)² z). Limits: 3/(16π²) for m ≪ m_μ;
 * (m_μ²/(8π² m²))(ln(m²/m_μ²) - 7/6) for m ≫ m_μ.
 *
 * @param mass - m in GeV
 * @returns Δa_μ/g² (numeric kernel: `NaN` for mass ≤ 0)
 */
export function deltaAmuScalarPerG2(mass: number): number {
  if (!(mass > 0)) return Number.NaN;
  const r2 = (mass / M_MU) ** 2;
  const f = (z: number): number => {
    const w = 1 - z;
    return (w * w * (1 + z)) / (w * w + r2 * z);
  };
  return integrate(f, 0, 1, { rtol: 1e-13, breaks: breakpoints(Math.sqrt(r2)) }) / (8 * Math.PI * Math.PI);
}

/** The integrands change on the scale 1 - z ~ m/m_μ: split there for the adaptive rule. */
function breakpoints(r: number): number[] {
  return r < 0.5 ? [0, 1 - 2 * r, 1 - r / 4, 1] : [0, 1];
}

/** Arguments of {@link deltaAmu}. */
export interface DeltaAmuOptions {
  /** "vector" (the Z') or "scalar" (S). */
  readonly spin: Spin;
  /** Boson mass in GeV, > 0. */
  readonly mass: number;
  /** Coupling to muons (g' or g_S), ≥ 0. */
  readonly coupling: number;
}

/**
 * One-loop Δa_μ = (g-2)_μ/2 contribution of the new boson (see {@link deltaAmuVectorPerG2},
 * {@link deltaAmuScalarPerG2}).
 * @param options - spin, mass (GeV), coupling
 * @returns Δa_μ (dimensionless, positive for both spins)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for mass ≤ 0 or coupling < 0; `UNKNOWN_NAME` for a bad spin
 * @example
 * ```ts
 * deltaAmu({ spin: "vector", mass: 0.001, coupling: 5e-4 }); // ≈ 3.08e-9 (Jho2019 sec. 1: "~ 3e-9")
 * ```
 */
export function deltaAmu(options: DeltaAmuOptions): number {
  const spin = requireSpin(options.spin);
  const mass = requirePositive("mass", options.mass, "GeV");
  const g = requireNonNegative("coupling", options.coupling);
  return g * g * perG2(spin, mass);
}

function perG2(spin: Spin, mass: number): number {
  return spin === "vector" ? deltaAmuVectorPerG2(mass) : deltaAmuScalarPerG2(mass);
}

/** A measured Δa_μ = a_μ(exp) - a_μ(SM) with its 1σ uncertainty and where it comes from. */
export interface Gm2Input {
  /** Δa_μ central value. */
  readonly value: number;
  /** 1σ uncertainty (experiment and theory in quadrature). */
  readonly uncertainty: number;
  /** Where it comes from. */
  readonly source: string;
}

/**
 * The (g-2)_μ discrepancies the project knows, by name. None is a default: every band names its
 * input. The values changed over time; the 2025 situation is that the discrepancy is no longer
 * significant, so its "favoured band" reaches down to zero coupling.
 */
export const GM2_INPUTS: {
  readonly jho2019: Gm2Input;
  readonly ibe2017: Gm2Input;
  readonly fnal2021: Gm2Input;
  readonly wp2025: Gm2Input;
} = {
  jho2019: {
    value: 268e-11,
    uncertainty: Math.hypot(63e-11, 43e-11),
    source: "Jho2019 eq. (1.1): (268 ± 63_exp ± 43_th)e-11, errors added in quadrature as in Jho2019 fig. 1",
  },
  ibe2017: { value: 280e-11, uncertainty: 80e-11, source: "Ibe2017 eq. (2): (280 ± 80)e-11" },
  fnal2021: {
    value: 251e-11,
    uncertainty: 59e-11,
    source:
      "Muon g-2 Collaboration (B. Abi et al.), PRL 126 (2021) 141801: FNAL Run 1 + BNL average 116592061(41)e-11 minus the 2020 Theory Initiative SM value 116591810(43)e-11 = (251 ± 59)e-11, 4.2σ",
  },
  wp2025: {
    value: 38.5e-11,
    uncertainty: Math.hypot(62e-11, 14.5e-11),
    source:
      "2025: final FNAL + BNL world average 116592071.5(14.5)e-11 minus the 2025 Theory Initiative SM value 116592033(62)e-11 (lattice-QCD hadronic vacuum polarisation) = (38.5 ± 63.7)e-11, 0.6σ: no longer significant",
  },
};

/** The name of a tabulated (g-2) input. */
export type Gm2InputName = keyof typeof GM2_INPUTS;

function resolveInput(input: Gm2InputName | Gm2Input): Gm2Input {
  if (typeof input === "string") {
    const found = (GM2_INPUTS as Record<string, Gm2Input>)[input];
    if (found === undefined) {
      throw argumentError(
        "UNKNOWN_NAME",
        "input",
        input,
        `one of ${Object.keys(GM2_INPUTS).join(", ")} or { value, uncertainty }`,
      );
    }
    return found;
  }
  requireFinite("input.value", input.value);
  requirePositive("input.uncertainty", input.uncertainty);
  return input;
}

/** Arguments of {@link couplingForDeltaAmu}. */
export interface CouplingForDeltaAmuOptions {
  readonly spin: Spin;
  /** Boson mass in GeV, > 0. */
  readonly mass: number;
  /** The Δa_μ to explain, ≥ 0. */
  readonly deltaAmu: number;
}

/**
 * The coupling whose one-loop contribution equals a given Δa_μ: g = √(Δa_μ / (Δa_μ/g²)).
 * @param options - spin, mass (GeV), deltaAmu
 * @returns the coupling (dimensionless)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for mass ≤ 0 or deltaAmu < 0
 * @example
 * ```ts
 * couplingForDeltaAmu({ spin: "vector", mass: 1e-3, deltaAmu: 268e-11 }); // ≈ 4.67e-4
 * ```
 */
export function couplingForDeltaAmu(options: CouplingForDeltaAmuOptions): number {
  const spin = requireSpin(options.spin);
  const mass = requirePositive("mass", options.mass, "GeV");
  const target = requireNonNegative("deltaAmu", options.deltaAmu);
  return Math.sqrt(target / perG2(spin, mass));
}

/** Arguments of {@link gm2FavouredBand}. */
export interface Gm2BandOptions {
  readonly spin: Spin;
  /** Boson mass in GeV, > 0. */
  readonly mass: number;
  /** A name from {@link GM2_INPUTS} or an explicit `{ value, uncertainty }`. Required: never hard-wired. */
  readonly input: Gm2InputName | Gm2Input;
  /** Width of the band in standard deviations, > 0 (1 and 2 are the usual ones). */
  readonly nSigma: number;
}

/** The coupling band favoured by (g-2)_μ at one mass. */
export interface Gm2Band {
  /** Lowest favoured coupling: √((Δa - nσ)/I), or 0 when Δa - nσ ≤ 0. */
  readonly low: number;
  /** Highest favoured coupling: √((Δa + nσ)/I), or 0 when Δa + nσ ≤ 0. */
  readonly high: number;
  /** Coupling explaining the central value, or `NaN` when Δa ≤ 0. */
  readonly central: number;
  /** True when the band reaches zero coupling (the discrepancy is below nσ): only an upper bound. */
  readonly reachesZero: boolean;
  /** The input used. */
  readonly input: Gm2Input;
}

/**
 * The coupling band explaining Δa_μ within ± nσ: Δa - nσ ≤ g² I(m) ≤ Δa + nσ with I = Δa_μ/g².
 * @param options - spin, mass (GeV), input, nSigma
 * @returns the band (couplings, dimensionless)
 * @throws {@link PhysError} `OUT_OF_DOMAIN` for mass ≤ 0 or nSigma ≤ 0; `UNKNOWN_NAME` for an unknown input
 * @example
 * ```ts
 * gm2FavouredBand({ spin: "vector", mass: 0.1, input: "fnal2021", nSigma: 2 }); // { low ≈ 6.9e-4, high ≈ 1.15e-3, ... }
 * gm2FavouredBand({ spin: "vector", mass: 0.1, input: "wp2025", nSigma: 1 }).reachesZero; // true
 * ```
 */
export function gm2FavouredBand(options: Gm2BandOptions): Gm2Band {
  const spin = requireSpin(options.spin);
  const mass = requirePositive("mass", options.mass, "GeV");
  const n = requirePositive("nSigma", options.nSigma);
  const input = resolveInput(options.input);
  const i = perG2(spin, mass);
  const lo = input.value - n * input.uncertainty;
  const hi = input.value + n * input.uncertainty;
  return {
    low: lo > 0 ? Math.sqrt(lo / i) : 0,
    high: hi > 0 ? Math.sqrt(hi / i) : 0,
    central: input.value > 0 ? Math.sqrt(input.value / i) : Number.NaN,
    reachesZero: !(lo > 0),
    input,
  };
}
