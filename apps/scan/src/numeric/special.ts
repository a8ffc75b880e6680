/**
 * The special functions the scan needs, from `@muonphilic/stats` (the standard normal CDF,
 * survival function and quantiles, accurate in the tails): one import site.
 *
 * @packageDocumentation
 */
export { normalCdf, normalIsf, normalQuantile, normalSf } from "@muonphilic/stats";
