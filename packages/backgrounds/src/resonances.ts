/**
 * Vector mesons that appear in the virtual-photon spectral function (the γ* → μ+μ- and γ* → π+π-
 * conversion of the four-muon backgrounds) and the Υ(nS) → Υ(1S)π+π- transitions.
 *
 * Every number comes from `@muonphilic/units` (`CONSTANTS`, PDG 2022): masses, total widths,
 * electronic widths Γ_ee, BR(μμ), BR(ω → π+π-) and the ππ-transition branching fractions. This
 * module only groups them per meson.
 *
 * @packageDocumentation
 */
import { CONSTANTS, type Measured, PDG_EDITION } from "@muonphilic/units";

/** A vector meson V with the numbers its contribution to the γ* spectral function needs. */
export interface VectorMeson {
  /** Name, e.g. `"J/psi"`. */
  readonly name: string;
  /** Mass M_V (GeV). */
  readonly mass: number;
  /** Total width Γ_V (GeV). */
  readonly width: number;
  /** Electronic width Γ(V → e+e-) (GeV). */
  readonly gammaEE: number;
  /** BR(V → μ+μ-). */
  readonly brMuMu: number;
  /** BR(V → π+π-) (0 where negligible or not used). */
  readonly brPiPi: number;
  /** Where the numbers come from. */
  readonly source: string;
}

const C = CONSTANTS;

function meson(
  name: string,
  mass: Measured,
  width: Measured,
  gammaEE: Measured,
  brMuMu: Measured,
  brPiPi: Measured | 0 | 1,
  keys: string,
): VectorMeson {
  return {
    name,
    mass: mass.value,
    width: width.value,
    gammaEE: gammaEE.value,
    brMuMu: brMuMu.value,
    brPiPi: typeof brPiPi === "number" ? brPiPi : brPiPi.value,
    source: `${PDG_EDITION} via @muonphilic/units CONSTANTS (${keys})`,
  };
}

/**
 * The vector mesons of the spectral function. The ρ(770) enters the π+π- channel through the
 * Gounaris-Sakurai form factor ({@link pionFormFactorSquared}); its μ+μ- decay is listed for
 * completeness (it is 4.55e-5 of its width and is included as a Breit-Wigner term).
 */
export const VECTOR_MESONS = {
  rho: meson(
    "rho(770)",
    C.rhoMass,
    C.rhoWidth,
    C.rhoGammaEE,
    C.brRhoToMuMu,
    1,
    "rhoMass, rhoWidth, rhoGammaEE, brRhoToMuMu",
  ),
  omega: meson(
    "omega(782)",
    C.omegaMass,
    C.omegaWidth,
    C.omegaGammaEE,
    C.brOmegaToMuMu,
    C.brOmegaToPiPi,
    "omegaMass, omegaWidth, omegaGammaEE, brOmegaToMuMu, brOmegaToPiPi",
  ),
  phi: meson(
    "phi(1020)",
    C.phiMass,
    C.phiWidth,
    C.phiGammaEE,
    C.brPhiToMuMu,
    0,
    "phiMass, phiWidth, phiGammaEE, brPhiToMuMu",
  ),
  jpsi: meson(
    "J/psi",
    C.jpsiMass,
    C.jpsiWidth,
    C.jpsiGammaEE,
    C.brJpsiToMuMu,
    0,
    "jpsiMass, jpsiWidth, jpsiGammaEE, brJpsiToMuMu",
  ),
  psi2S: meson(
    "psi(2S)",
    C.psi2SMass,
    C.psi2SWidth,
    C.psi2SGammaEE,
    C.brPsi2SToMuMu,
    0,
    "psi2SMass, psi2SWidth, psi2SGammaEE, brPsi2SToMuMu",
  ),
  upsilon1S: meson(
    "Upsilon(1S)",
    C.upsilon1SMass,
    C.upsilon1SWidth,
    C.upsilon1SGammaEE,
    C.brUpsilon1SToMuMu,
    0,
    "upsilon1SMass, upsilon1SWidth, upsilon1SGammaEE, brUpsilon1SToMuMu",
  ),
  upsilon2S: meson(
    "Upsilon(2S)",
    C.upsilon2SMass,
    C.upsilon2SWidth,
    C.upsilon2SGammaEE,
    C.brUpsilon2SToMuMu,
    0,
    "upsilon2SMass, upsilon2SWidth, upsilon2SGammaEE, brUpsilon2SToMuMu",
  ),
  upsilon3S: meson(
    "Upsilon(3S)",
    C.upsilon3SMass,
    C.upsilon3SWidth,
    C.upsilon3SGammaEE,
    C.brUpsilon3SToMuMu,
    0,
    "upsilon3SMass, upsilon3SWidth, upsilon3SGammaEE, brUpsilon3SToMuMu",
  ),
} as const satisfies Record<string, VectorMeson>;

/** Names of {@link VECTOR_MESONS}. */
export type VectorMesonName = keyof typeof VECTOR_MESONS;

/**
 * BR(Υ(nS) → Υ(1S) π+π-) for the transitions that put Υ(1S) → μ+μ- into four-track events
 * (Belle2-4mu sec. III lists e+e- → Υ(nS)π+π- among the unsimulated backgrounds).
 */
export const UPSILON_TRANSITIONS = {
  upsilon2S: { br: C.brUpsilon2SToUpsilon1SPiPi.value, source: C.brUpsilon2SToUpsilon1SPiPi.source },
  upsilon3S: { br: C.brUpsilon3SToUpsilon1SPiPi.value, source: C.brUpsilon3SToUpsilon1SPiPi.source },
} as const;
