import { UsageError } from '@tsforecast/config';

const secondsPer: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
/** At most a year: a longer-lived token is a leaked token waiting to happen. */
const maxSeconds = 366 * 86400;

/**
 * `30d`, `12h`, `15m`, `90s` → seconds. Anything else, zero, or more than a
 * year is a UsageError naming the value.
 *
 * @example
 * parseTokenLifetime('30d'); // 2592000
 */
export function parseTokenLifetime(text: string): number {
  const match = /^([1-9][0-9]*)([smhd])$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * secondsPer[match[2]!]! : NaN;
  if (!Number.isFinite(seconds) || seconds > maxSeconds) {
    throw new UsageError(`'ttl' must be a positive duration like 30d, 12h, 15m or 90s, at most 366d, got '${text}'`);
  }
  return seconds;
}
