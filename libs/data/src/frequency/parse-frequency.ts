import { UsageError } from '@tsforecast/config';
import type { Frequency, FrequencyUnit } from '../frame/frequency';

/** Accepted spellings (lower-cased) of each unit: pandas aliases and words. */
const ALIASES: Record<string, FrequencyUnit> = {
  min: 'minute',
  t: 'minute',
  minute: 'minute',
  minutes: 'minute',
  minutely: 'minute',
  h: 'hour',
  hour: 'hour',
  hours: 'hour',
  hourly: 'hour',
  d: 'day',
  day: 'day',
  days: 'day',
  daily: 'day',
  w: 'week',
  week: 'week',
  weeks: 'week',
  weekly: 'week',
  m: 'month',
  ms: 'month',
  me: 'month',
  month: 'month',
  months: 'month',
  monthly: 'month',
  q: 'quarter',
  qs: 'quarter',
  qe: 'quarter',
  quarter: 'quarter',
  quarters: 'quarter',
  quarterly: 'quarter',
  y: 'year',
  ys: 'year',
  ye: 'year',
  a: 'year',
  as: 'year',
  year: 'year',
  years: 'year',
  yearly: 'year',
  annual: 'year',
};

const EXPECTED = 'a frequency such as 15min, H, D, W, M, Q, Y or hourly, daily, weekly, monthly, quarterly, yearly';

/**
 * Parses a frequency given by a user (CLI flag, config): an optional positive
 * integer step followed by a pandas alias or a word, case-insensitive. `M`
 * means month (write `min` or `T` for minutes).
 *
 * @throws UsageError naming the value and what is accepted.
 * @example
 * parseFrequency('15min') // { unit: 'minute', step: 15 }
 * parseFrequency('monthly') // { unit: 'month', step: 1 }
 */
export function parseFrequency(text: string, field = 'frequency'): Frequency {
  const match = /^\s*(\d+)?\s*([a-zA-Z]+)\s*$/.exec(text);
  const unit = match ? ALIASES[match[2]!.toLowerCase()] : undefined;
  const step = match?.[1] === undefined ? 1 : Number(match[1]);
  if (!match || unit === undefined || !Number.isSafeInteger(step) || step < 1) {
    throw new UsageError(`'${field}' must be ${EXPECTED}, got '${text}'`);
  }
  return { unit, step };
}
