import { describe, expectTypeOf, it } from "vitest";
import { type Fb, type GeV, gev, type Pb, pb } from "./brands.js";
import { pbToFb } from "./conversions.js";

describe("unit brands", () => {
  it("a GeV is a number but a number is not a GeV", () => {
    expectTypeOf(gev(1)).toExtend<number>();
    expectTypeOf<number>().not.toExtend<GeV>();
  });
  it("pb and fb do not mix", () => {
    expectTypeOf(pb(1)).not.toExtend<Fb>();
    expectTypeOf(pbToFb(pb(1))).toEqualTypeOf<Fb>();
    expectTypeOf<Pb>().not.toEqualTypeOf<GeV>();
  });
});
