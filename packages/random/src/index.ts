/**
 * `@muonphilic/random`: the project's seeded random source (xoshiro128**), bit-identical on every
 * platform, with independent reproducible streams for parallel work. Re-exported by
 * `@muonphilic/kinematics`; used directly by `@muonphilic/stats`, which takes no physics objects.
 *
 * @packageDocumentation
 */
export type { RandomSource, RandomState } from "./random.js";
export { createRandom, logFactorial, restoreRandom } from "./random.js";
