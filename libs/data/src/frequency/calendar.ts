import type { Frequency, FrequencyUnit } from '../frame/frequency';

/** Fixed lengths of the sub-month units in milliseconds. @internal */
export const UNIT_MS: Record<'minute' | 'hour' | 'day' | 'week', number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

/** Months per step of the calendar units. @internal */
export const UNIT_MONTHS: Record<'month' | 'quarter' | 'year', number> = { month: 1, quarter: 3, year: 12 };

/** Whether a unit steps on the calendar (months) rather than fixed milliseconds. @internal */
export function isCalendarUnit(unit: FrequencyUnit): unit is 'month' | 'quarter' | 'year' {
  return unit === 'month' || unit === 'quarter' || unit === 'year';
}

/** Days in month `month0` (0-based) of `year`, UTC. @internal */
export function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/** Whether `ts` falls on the last day of its month (UTC). @internal */
export function isMonthEnd(ts: number): boolean {
  const d = new Date(ts);
  return d.getUTCDate() === daysInMonth(d.getUTCFullYear(), d.getUTCMonth());
}

/**
 * `ts` moved by `k` periods of `freq` (k may be negative). Months, quarters and
 * years step on the UTC calendar keeping the time of day: a day of month that
 * does not exist in the target month is clamped to its last day, and a
 * month-end timestamp stays on month ends (Jan 31 → Feb 28/29 → Mar 31), so
 * both month-start and month-end dated series advance correctly.
 *
 * @example
 * addPeriods(Date.UTC(2020, 0, 31), { unit: 'month', step: 1 }, 1) // 2020-02-29
 */
export function addPeriods(ts: number, freq: Frequency, k: number): number {
  if (!isCalendarUnit(freq.unit)) return ts + k * freq.step * UNIT_MS[freq.unit];
  const d = new Date(ts);
  const months = k * freq.step * UNIT_MONTHS[freq.unit];
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month0 = total - year * 12;
  const last = daysInMonth(year, month0);
  const day = isMonthEnd(ts) ? last : Math.min(d.getUTCDate(), last);
  const timeOfDay = ts - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return Date.UTC(year, month0, day) + timeOfDay;
}

/**
 * The `h` timestamps after `lastTs` at frequency `freq`: [h].
 *
 * @example
 * futureTimestamps(Date.UTC(1959, 11, 1), { unit: 'month', step: 1 }, 12) // 1960-01-01 .. 1960-12-01
 */
export function futureTimestamps(lastTs: number, freq: Frequency, h: number): Float64Array {
  return fillFutureTimestamps(new Float64Array(h), lastTs, freq);
}

/**
 * {@link futureTimestamps} written into `out` (its length is `h`), e.g. a row of one array that holds every
 * series' timestamps. Returns `out`.
 */
export function fillFutureTimestamps(out: Float64Array, lastTs: number, freq: Frequency): Float64Array {
  for (let k = 1; k <= out.length; k++) out[k - 1] = addPeriods(lastTs, freq, k);
  return out;
}
