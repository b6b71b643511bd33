import type { Frequency } from '../frame/frequency';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * A UTC timestamp as CSV text: `YYYY-MM-DD` for daily and coarser frequencies,
 * `YYYY-MM-DDTHH:MM:SS` for hours and minutes.
 *
 * @example
 * formatTimestamp(Date.UTC(1960, 0, 1), { unit: 'month', step: 1 }) // '1960-01-01'
 */
export function formatTimestamp(ts: number, freq: Frequency): string {
  const d = new Date(ts);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (freq.unit !== 'minute' && freq.unit !== 'hour') return date;
  return `${date}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
