/**
 * Unit conversions. The only place in the project where a factor between two units is written.
 *
 * Natural-unit cross sections convert to barns through (ħc)². Since the 2019 SI redefinition
 * h, c and e are exact, so ħc = h c / (2π e) is exact too:
 * ħc = 0.19732698045930247 GeV·fm (PDG rounds it to 0.1973269804), and
 * (ħc)² = 0.38937937217185937 GeV²·mb = 3.8937937217185937e8 GeV²·pb.
 *
 * @packageDocumentation
 */
import type { Deg, Fb, GeV, GeV2, InvFb, InvGeV2, InvPb, MeV, Mrad, Pb, Rad, Seconds } from "./brands.js";

/** ħc in GeV·fm, exact (h c / 2π e with the SI 2019 defining constants, to double precision). */
export const HBARC_GEV_FM = 0.19732698045930247;
/** ħ in GeV·s, exact (h / 2π e with the SI 2019 defining constants, to double precision). */
export const HBAR_GEV_S = 6.582119569509066e-25;
/** Speed of light in mm/s (exact). */
export const C_MM_PER_S = 299_792_458_000;
/** ħc in GeV·mm (for decay lengths: cτ = ħc / Γ). */
export const HBARC_GEV_MM: number = HBARC_GEV_FM * 1e-12;
/** (ħc)² in GeV²·pb: multiply a cross section in GeV⁻² by this to get pb. 1 fm² = 10 mb = 1e10 pb. */
export const GEV2_PB: number = HBARC_GEV_FM * HBARC_GEV_FM * 1e10;
/** fb per pb. */
export const FB_PER_PB = 1000;

/** Cross section: GeV⁻² → pb, σ[pb] = σ[GeV⁻²] (ħc)². */
export const invGev2ToPb = (x: InvGeV2 | number): Pb => (x * GEV2_PB) as Pb;
/** Cross section: pb → GeV⁻². */
export const pbToInvGev2 = (x: Pb | number): InvGeV2 => (x / GEV2_PB) as InvGeV2;
/** Cross section: pb → fb. */
export const pbToFb = (x: Pb | number): Fb => (x * FB_PER_PB) as Fb;
/** Cross section: fb → pb. */
export const fbToPb = (x: Fb | number): Pb => (x / FB_PER_PB) as Pb;
/** Cross section: GeV⁻² → fb. */
export const invGev2ToFb = (x: InvGeV2 | number): Fb => (x * GEV2_PB * FB_PER_PB) as Fb;
/** Luminosity: fb⁻¹ → pb⁻¹ (1 fb⁻¹ = 1000 pb⁻¹). */
export const invFbToInvPb = (x: InvFb | number): InvPb => (x * FB_PER_PB) as InvPb;
/** Luminosity: pb⁻¹ → fb⁻¹. */
export const invPbToInvFb = (x: InvPb | number): InvFb => (x / FB_PER_PB) as InvFb;
/** Luminosity: ab⁻¹ → fb⁻¹ (1 ab⁻¹ = 1000 fb⁻¹). */
export const invAbToInvFb = (x: number): InvFb => (x * 1000) as InvFb;
/** Energy: MeV → GeV. */
export const mevToGev = (x: MeV | number): GeV => (x / 1000) as GeV;
/** Energy: GeV → MeV. */
export const gevToMev = (x: GeV | number): MeV => (x * 1000) as MeV;
/** Squared energy: GeV → GeV² (x²). */
export const squareGev = (x: GeV | number): GeV2 => (x * x) as GeV2;
/** Angle: mrad → rad. */
export const mradToRad = (x: Mrad | number): Rad => (x / 1000) as Rad;
/** Angle: rad → mrad. */
export const radToMrad = (x: Rad | number): Mrad => (x * 1000) as Mrad;
/** Angle: degrees → rad. */
export const degToRad = (x: Deg | number): Rad => ((x * Math.PI) / 180) as Rad;
/** Angle: rad → degrees. */
export const radToDeg = (x: Rad | number): Deg => ((x * 180) / Math.PI) as Deg;
/** Width → lifetime: τ = ħ / Γ (Γ in GeV, τ in s). */
export const widthToLifetime = (width: GeV | number): Seconds => (HBAR_GEV_S / width) as Seconds;
/** Lifetime → width: Γ = ħ / τ (τ in s, Γ in GeV). */
export const lifetimeToWidth = (lifetime: Seconds | number): GeV => (HBAR_GEV_S / lifetime) as GeV;
/**
 * Expected event count N = σ L.
 * @param sigma - cross section in pb
 * @param luminosity - integrated luminosity in pb⁻¹
 */
export const eventCount = (sigma: Pb | number, luminosity: InvPb | number): number => sigma * luminosity;
