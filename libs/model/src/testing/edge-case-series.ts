import type { SeriesForecast } from '../statistical/core/series-fit';

/**
 * Short and degenerate series every statistical model must still forecast
 * with finite means and intervals, as `[name, values, season length]` rows
 * for `it.each`. Specs add their model's own hard cases after these.
 *
 * @example it.each([...EDGE_CASE_SERIES])('%s: finite forecasts', (_name, values, m) => …)
 */
export const EDGE_CASE_SERIES: ReadonlyArray<[name: string, values: number[], seasonLength: number]> = [
  ['1 point', [5], 4],
  ['2 points', [5, 7], 4],
  ['3 points', [10, 12, 11], 4],
  ['constant', new Array<number>(30).fill(42), 4],
  ['zeros', [0, 0, 3, 0, 5, 0, 0, 2, 0, 4, 0, 0, 1, 0, 6, 0], 4],
  ['season longer than the series', [3, 5, 4, 6, 5, 7, 6, 8], 24],
];

/** True when the forecast's mean and every interval bound are finite numbers. */
export function isFiniteForecast(fc: SeriesForecast): boolean {
  return [fc.mean, ...fc.lo, ...fc.hi].every((a) => a.every(Number.isFinite));
}
