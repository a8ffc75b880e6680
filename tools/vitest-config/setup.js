// Tolerance matchers shared by every package (STYLE.md §6: never use bare toBeCloseTo).
import { expect } from "vitest";

function describe(x) {
  if (x instanceof Float64Array || Array.isArray(x))
    return `[${Array.from(x).slice(0, 8).join(", ")}${x.length > 8 ? ", …" : ""}]`;
  return String(x);
}

function relCheck(received, expected, rtol, atol) {
  if (typeof received !== "number" || typeof expected !== "number") return false;
  if (Number.isNaN(received) || Number.isNaN(expected)) return false;
  if (received === expected) return true;
  return Math.abs(received - expected) <= Math.max(rtol * Math.abs(expected), atol);
}

expect.extend({
  /** |received - expected| <= max(rtol |expected|, atol); arrays element by element. */
  toBeCloseToRel(received, expected, rtol, atol = 0) {
    if (typeof rtol !== "number" || !(rtol >= 0)) {
      throw new TypeError(`toBeCloseToRel needs an explicit rtol >= 0, got ${rtol}`);
    }
    const isSeq = (v) => Array.isArray(v) || ArrayBuffer.isView(v);
    let pass;
    let worst = "";
    if (isSeq(received) && isSeq(expected)) {
      pass = received.length === expected.length;
      if (!pass) worst = `length ${received.length} != ${expected.length}`;
      for (let i = 0; pass && i < expected.length; i++) {
        if (!relCheck(received[i], expected[i], rtol, atol)) {
          pass = false;
          worst = `index ${i}: ${received[i]} vs ${expected[i]} (rel diff ${Math.abs(received[i] - expected[i]) / Math.abs(expected[i])})`;
        }
      }
    } else {
      pass = relCheck(received, expected, rtol, atol);
      if (!pass) worst = `rel diff ${Math.abs(received - expected) / Math.abs(expected)}`;
    }
    return {
      pass,
      message: () =>
        `expected ${describe(received)} ${pass ? "not " : ""}to be within rtol=${rtol}${atol ? `, atol=${atol}` : ""} of ${describe(expected)}${worst ? `; ${worst}` : ""}`,
    };
  },
});
