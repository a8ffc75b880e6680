/**
 * The special functions the scan needs, taken from `@muonphilic/stats` (the standard normal CDF,
 * survival function and quantiles, accurate in the tails). One import site, so that the app
 * depends on one implementation.
 *
 * @packageDocumentation
 */
export { normalCdf, normalIsf, normalQuantile, normalSf } from "../../../../packages/stats/src/inference/special.js";
