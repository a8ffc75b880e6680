import "vitest";

interface CloseToMatchers<R = unknown> {
  /**
   * Passes when |received - expected| <= max(rtol * |expected|, atol).
   * Works element-wise on arrays and typed arrays of equal length.
   */
  toBeCloseToRel(expected: number | ArrayLike<number>, rtol: number, atol?: number): R;
}

declare module "vitest" {
  // biome-ignore lint/suspicious/noExplicitAny: the type parameter must match vitest's own declaration to merge
  interface Assertion<T = any> extends CloseToMatchers<T> {}
  interface AsymmetricMatchersContaining extends CloseToMatchers {}
}
