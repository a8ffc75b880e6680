/**
 * Unit brands. A branded number is a plain `number` at run time; the brand only exists for the
 * type checker, so that a cross section in fb cannot be passed where one in pb is expected.
 *
 * Base units (ARCHITECTURE.md, "Conventions"): GeV for energy, momentum and mass; GeV² for their
 * squares; radians for angles; pb for cross sections; pb⁻¹ for integrated luminosity; seconds
 * for lifetimes; mm for lengths. Arithmetic drops the brand; the function that owns a formula
 * re-brands its result with one of the constructors below (the only casts in the project).
 *
 * Brands do not survive JSON: wire formats suffix their field names instead (`massGeV`, `sigmaPb`).
 *
 * @packageDocumentation
 */

declare const unit: unique symbol;

/** A number carrying the unit `U` in its type. */
export type Quantity<U extends string> = number & { readonly [unit]: U };

/** Energy, momentum or mass in GeV (natural units, c = 1). */
export type GeV = Quantity<"GeV">;
/** Energy, momentum or mass in MeV. Only at the edges: convert with {@link mevToGev}. */
export type MeV = Quantity<"MeV">;
/** A squared energy, mass or momentum in GeV² (s, t, m², recoil mass squared). */
export type GeV2 = Quantity<"GeV2">;
/** An inverse squared energy in GeV⁻² (a cross section in natural units, G_F). */
export type InvGeV2 = Quantity<"InvGeV2">;
/** Cross section in picobarn. */
export type Pb = Quantity<"pb">;
/** Cross section in femtobarn (1 pb = 1000 fb). */
export type Fb = Quantity<"fb">;
/** Integrated luminosity in inverse picobarn. */
export type InvPb = Quantity<"pb^-1">;
/** Integrated luminosity in inverse femtobarn (1 fb⁻¹ = 1000 pb⁻¹). */
export type InvFb = Quantity<"fb^-1">;
/** Angle in radians. */
export type Rad = Quantity<"rad">;
/** Angle in milliradians (MUonE quotes its angles in mrad). */
export type Mrad = Quantity<"mrad">;
/** Angle in degrees (detector coverages are quoted in degrees). */
export type Deg = Quantity<"deg">;
/** Length in millimetres. */
export type Mm = Quantity<"mm">;
/** Time in seconds. */
export type Seconds = Quantity<"s">;

/** Brands a number as GeV. */
export const gev = (x: number): GeV => x as GeV;
/** Brands a number as MeV. */
export const mev = (x: number): MeV => x as MeV;
/** Brands a number as GeV². */
export const gev2 = (x: number): GeV2 => x as GeV2;
/** Brands a number as GeV⁻². */
export const invGev2 = (x: number): InvGeV2 => x as InvGeV2;
/** Brands a number as pb. */
export const pb = (x: number): Pb => x as Pb;
/** Brands a number as fb. */
export const fb = (x: number): Fb => x as Fb;
/** Brands a number as pb⁻¹. */
export const invPb = (x: number): InvPb => x as InvPb;
/** Brands a number as fb⁻¹. */
export const invFb = (x: number): InvFb => x as InvFb;
/** Brands a number as radians. */
export const rad = (x: number): Rad => x as Rad;
/** Brands a number as milliradians. */
export const mrad = (x: number): Mrad => x as Mrad;
/** Brands a number as degrees. */
export const deg = (x: number): Deg => x as Deg;
/** Brands a number as millimetres. */
export const mm = (x: number): Mm => x as Mm;
/** Brands a number as seconds. */
export const seconds = (x: number): Seconds => x as Seconds;
