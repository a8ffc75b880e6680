import { describe, expect, it } from "vitest";
import { assumption, fromComputation, fromExternal, fromSeed, parametrisation, USER_PROVENANCE } from "./provenance.js";

describe("provenance constructors", () => {
  it("each labels its kind and keeps the citation", () => {
    expect(fromSeed("Jho2019 eq. (3.10)")).toEqual({ kind: "seed", citation: "Jho2019 eq. (3.10)" });
    expect(fromExternal("Abashian2002")).toEqual({ kind: "external", citation: "Abashian2002" });
    expect(assumption("why")).toEqual({ kind: "assumption", citation: "why" });
    expect(fromComputation("tree level")).toEqual({ kind: "computed", citation: "tree level" });
    expect(parametrisation("GS1968")).toEqual({ kind: "parametrised", citation: "GS1968" });
    expect(USER_PROVENANCE.kind).toBe("user");
  });
});
