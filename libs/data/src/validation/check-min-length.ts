import { DataError } from '@tsforecast/config';
import type { SeriesFrame } from '../frame/series-frame';

/**
 * Checks that every series has at least `minLength` points, e.g. what a model
 * needs for its horizon and input size. Lists the short series (up to
 * `maxListed`, then a count) with their lengths in one {@link DataError}.
 *
 * @param what who needs the points, for the message (`'SeasonalNaive (h=12)'`).
 * @example
 * checkMinLength(train, 12, 'SeasonalNaive')
 * // DataError: SeasonalNaive needs at least 12 points per series; 1 series is shorter: 'A' (5 points)
 */
export function checkMinLength(frame: SeriesFrame, minLength: number, what: string, maxListed = 20): void {
  const short = frame.series.filter((s) => s.y.length < minLength);
  if (short.length === 0) return;
  const listed = short.slice(0, maxListed).map((s) => `'${s.id}' (${s.y.length} point${s.y.length === 1 ? '' : 's'})`);
  const rest = short.length > maxListed ? ` and ${short.length - maxListed} more` : '';
  const count = short.length === 1 ? '1 series is shorter' : `${short.length} series are shorter`;
  throw new DataError(`${what} needs at least ${minLength} points per series; ${count}: ${listed.join(', ')}${rest}`);
}
