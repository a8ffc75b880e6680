/**
 * Linear interpolation in a table sorted by mass, flat beyond the ends: the one implementation
 * behind the calibration's shape parameters and the `--systematics` / `--efficiency` tables.
 *
 * @packageDocumentation
 */

/**
 * The value at `mass` of a table of `n` entries with increasing masses `massAt(i)` and values
 * `valueAt(i)`: linear between the bracketing entries (found by bisection; an entry's own mass
 * gives its value exactly), the end values beyond the ends; a single entry is a constant.
 * @param n - number of entries (≥ 1)
 * @param massAt - mass of entry i (GeV), increasing
 * @param valueAt - value of entry i
 * @param mass - where to evaluate (GeV)
 */
export function interpolateSorted(
  n: number,
  massAt: (i: number) => number,
  valueAt: (i: number) => number,
  mass: number,
): number {
  if (mass <= massAt(0)) return valueAt(0);
  if (mass >= massAt(n - 1)) return valueAt(n - 1);
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (massAt(mid) <= mass) lo = mid;
    else hi = mid;
  }
  const a = valueAt(lo);
  const t = (mass - massAt(lo)) / (massAt(hi) - massAt(lo));
  return a + t * (valueAt(hi) - a);
}
