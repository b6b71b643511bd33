import type { Frequency } from '../frame/frequency';

/** Periods per natural cycle of each unit at step 1. */
const CYCLE: Record<Frequency['unit'], number> = {
  minute: 60, // an hour
  hour: 24, // a day
  day: 7, // a week
  week: 52, // a year
  month: 12,
  quarter: 4,
  year: 1,
};

/**
 * The default season length `m` of a frequency: minute 60, hour 24, day 7,
 * week 52, month 12, quarter 4, year 1. A multiple step divides the cycle when
 * it can (15 minutes → 4, 2 hours → 12, 3 months → 4); otherwise `m` is 1.
 *
 * @example
 * seasonLength({ unit: 'month', step: 1 }) // 12
 */
export function seasonLength(freq: Frequency): number {
  const cycle = CYCLE[freq.unit];
  if (freq.step === 1) return cycle;
  return cycle % freq.step === 0 ? cycle / freq.step : 1;
}
