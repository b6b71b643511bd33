import type { Frequency } from '../frame/frequency';

/**
 * A frequency in words for messages: `1 month`, `15 minutes`.
 *
 * @example
 * describeFrequency({ unit: 'minute', step: 15 }) // '15 minutes'
 */
export function describeFrequency(freq: Frequency): string {
  return `${freq.step} ${freq.unit}${freq.step === 1 ? '' : 's'}`;
}
