import { describe, expect, it } from "vitest";
import {
  degToRad,
  fbToPb,
  GEV2_PB,
  HBAR_GEV_S,
  HBARC_GEV_FM,
  invFbToInvPb,
  invGev2ToFb,
  invGev2ToPb,
  lifetimeToWidth,
  mevToGev,
  mradToRad,
  pbToFb,
  pbToInvGev2,
  radToDeg,
  radToMrad,
  widthToLifetime,
} from "./conversions.js";

const EPS = Number.EPSILON;

describe("exact ħc", () => {
  it("ħc = h c / (2π e) from the SI 2019 defining constants", () => {
    // Defining constants (exact): h = 6.62607015e-34 J s, c = 299792458 m/s, e = 1.602176634e-19 C.
    const h = 6.62607015e-34;
    const c = 299792458;
    const e = 1.602176634e-19;
    const hbarcGeVfm = ((h * c) / (2 * Math.PI * e)) * 1e15 * 1e-9;
    expect(HBARC_GEV_FM).toBeCloseToRel(hbarcGeVfm, 8 * EPS);
    expect(HBAR_GEV_S).toBeCloseToRel(h / (2 * Math.PI * e) / 1e9, 8 * EPS);
  });

  it("agrees with the PDG rounding 0.1973269804 GeV fm and (ħc)² = 0.3893793721 GeV² mb", () => {
    expect(HBARC_GEV_FM).toBeCloseToRel(0.1973269804, 5e-10);
    expect(GEV2_PB / 1e9).toBeCloseToRel(0.3893793721, 5e-10);
  });
});

describe("conversions", () => {
  it("GeV⁻² ↔ pb ↔ fb round trips", () => {
    for (const x of [1e-12, 3.7e-9, 1, 42]) {
      expect(pbToInvGev2(invGev2ToPb(x))).toBeCloseToRel(x, 4 * EPS);
      expect(fbToPb(pbToFb(x))).toBeCloseToRel(x, 4 * EPS);
      expect(invGev2ToFb(x)).toBeCloseToRel(invGev2ToPb(x) * 1000, 4 * EPS);
    }
  });

  it("1 GeV⁻² = 0.3894 mb = 3.894e8 pb", () => {
    expect(invGev2ToPb(1)).toBeCloseToRel(3.8937937217e8, 1e-10);
  });

  it("luminosity, energy and angle", () => {
    expect(invFbToInvPb(178)).toBe(178_000);
    expect(mevToGev(236)).toBeCloseToRel(0.236, 2 * EPS);
    expect(mradToRad(4.84)).toBeCloseToRel(0.00484, 2 * EPS);
    expect(radToMrad(mradToRad(1.5))).toBeCloseToRel(1.5, 2 * EPS);
    expect(degToRad(180)).toBe(Math.PI);
    expect(radToDeg(degToRad(17))).toBeCloseToRel(17, 4 * EPS);
  });

  it("width ↔ lifetime: the charged kaon (τ = 1.238e-8 s ⇒ Γ = 5.317e-17 GeV)", () => {
    const width = lifetimeToWidth(1.238e-8);
    expect(width).toBeCloseToRel(6.582119569509066e-25 / 1.238e-8, 4 * EPS);
    expect(widthToLifetime(width)).toBeCloseToRel(1.238e-8, 4 * EPS);
  });
});
