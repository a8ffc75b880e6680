import { describe, expect, it } from "vitest";

describe("README usage example", () => {
  it("runs, and its two modes agree within binomial errors", async () => {
    const { example } = await import("../examples/readme.js");
    const { expected, sampled, data } = example;
    const p = expected.sumWeight / expected.size;
    expect(sampled.count / sampled.size).toBeCloseToRel(p, 0, 4 * Math.sqrt((p * (1 - p)) / sampled.size));
    expect(data.size).toBe(sampled.count);
  });
});
