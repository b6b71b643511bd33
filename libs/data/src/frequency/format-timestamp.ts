import type { Frequency } from '../frame/frequency';

const DAY_MS = 86_400_000;

/** '00'..'99': formatting runs once per forecast point (24,000 times for a 1,000-series request), so no padStart per field. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * Year, month (1-12) and day of a count of days since 1970-01-01, proleptic
 * Gregorian (H. Hinnant's civil_from_days, the inverse of the reader's
 * days_from_civil): plain arithmetic, no `Date` object per timestamp.
 */
function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097; // [0, 146096]
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365); // [0, 399]
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // [0, 365]
  const mp = Math.floor((5 * doy + 2) / 153); // [0, 11], March first
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** The `Date`-based formatting, for what the arithmetic path does not cover (years outside 0-9999, NaN). */
function formatWithDate(ts: number, withTime: boolean): string {
  const d = new Date(ts);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (!withTime) return date;
  return `${date}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * A UTC timestamp as CSV text: `YYYY-MM-DD` for daily and coarser frequencies,
 * `YYYY-MM-DDTHH:MM:SS` for hours and minutes (milliseconds are dropped).
 *
 * @example
 * formatTimestamp(Date.UTC(1960, 0, 1), { unit: 'month', step: 1 }) // '1960-01-01'
 */
export function formatTimestamp(ts: number, freq: Frequency): string {
  const withTime = freq.unit === 'minute' || freq.unit === 'hour';
  const days = Math.floor(ts / DAY_MS);
  const [year, month, day] = civilFromDays(days);
  if (!(year >= 0 && year <= 9999)) return formatWithDate(ts, withTime);
  const date = `${TWO_DIGITS[Math.floor(year / 100)]}${TWO_DIGITS[year % 100]}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
  if (!withTime) return date;
  const seconds = Math.floor((ts - days * DAY_MS) / 1000); // [0, 86399]
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor((seconds - hh * 3600) / 60);
  return `${date}T${TWO_DIGITS[hh]}:${TWO_DIGITS[mm]}:${TWO_DIGITS[seconds - hh * 3600 - mm * 60]}`;
}
