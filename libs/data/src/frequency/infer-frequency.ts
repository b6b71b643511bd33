import { DataError } from '@tsforecast/config';
import type { Frequency } from '../frame/frequency';
import { addPeriods, UNIT_MS } from './calendar';

/** What {@link inferFrequency} accepts: one series' timestamps, several, or a frame. */
export type TimestampSource = Float64Array | readonly { ds: Float64Array }[] | { series: readonly { ds: Float64Array }[] };

const MONTH: Frequency = { unit: 'month', step: 1 };

function timestampArrays(source: TimestampSource): readonly Float64Array[] {
  if (source instanceof Float64Array) return [source];
  if ('series' in source) return source.series.map((s) => s.ds);
  return source.map((s) => s.ds);
}

/** The most frequent key; ties go to the smallest. */
function mode(counts: Map<number, number>): { key: number; count: number } {
  let best = { key: Number.POSITIVE_INFINITY, count: 0 };
  for (const [key, count] of counts) {
    if (count > best.count || (count === best.count && key < best.key)) best = { key, count };
  }
  return best;
}

function monthIndex(ts: number): number {
  const d = new Date(ts);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/**
 * The frequency of a dataset, or a sentence saying why there is none.
 * @internal used by the CSV reader to turn failure into a located problem.
 */
export function tryInferFrequency(source: TimestampSource): Frequency | string {
  const arrays = timestampArrays(source);
  const gaps = new Map<number, number>();
  let pairs = 0;
  for (const ds of arrays) {
    for (let i = 1; i < ds.length; i++) {
      const gap = ds[i]! - ds[i - 1]!;
      if (gap <= 0) continue;
      gaps.set(gap, (gaps.get(gap) ?? 0) + 1);
      pairs++;
    }
  }
  if (pairs === 0) return 'no series has two distinct timestamps';
  const gap = mode(gaps).key;

  // Months are 28-31 days long, so monthly and coarser data has no single
  // millisecond step: count whole calendar months between aligned neighbours.
  if (gap >= 28 * UNIT_MS.day) {
    const months = new Map<number, number>();
    for (const ds of arrays) {
      for (let i = 1; i < ds.length; i++) {
        const k = monthIndex(ds[i]!) - monthIndex(ds[i - 1]!);
        if (k > 0 && addPeriods(ds[i - 1]!, MONTH, k) === ds[i]) months.set(k, (months.get(k) ?? 0) + 1);
      }
    }
    if (months.size > 0) {
      const best = mode(months);
      if (best.count * 2 >= pairs) {
        const k = best.key;
        if (k % 12 === 0) return { unit: 'year', step: k / 12 };
        if (k % 3 === 0) return { unit: 'quarter', step: k / 3 };
        return { unit: 'month', step: k };
      }
    }
  }
  for (const unit of ['week', 'day', 'hour', 'minute'] as const) {
    if (gap % UNIT_MS[unit] === 0) return { unit, step: gap / UNIT_MS[unit] };
  }
  return `the most common step between timestamps is ${gap} ms, not a whole number of minutes`;
}

/**
 * Infers the sampling frequency of a dataset from the most common step between
 * consecutive timestamps of its series (sorted, UTC epoch ms). Steps of 28 days
 * or more are matched on the calendar, so months of 28-31 days read as monthly,
 * 3 months as quarterly, 12 as yearly; shorter steps must be whole minutes,
 * hours, days or weeks (multiples such as 15 minutes are kept in `step`).
 *
 * @throws DataError when no series has two timestamps or the step is not whole minutes.
 * @example
 * inferFrequency(frame) // { unit: 'month', step: 1 }
 */
export function inferFrequency(source: TimestampSource): Frequency {
  const result = tryInferFrequency(source);
  if (typeof result === 'string') {
    throw new DataError(`cannot infer the frequency: ${result}; give it explicitly (e.g. 'H', 'D', 'M')`);
  }
  return result;
}
