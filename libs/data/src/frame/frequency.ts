/** The sampling frequencies the data layer can infer. */
export type FrequencyUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

/**
 * A regular sampling interval: `step` units apart, e.g. `{ unit: 'minute', step: 15 }`.
 * Months, quarters and years step on the calendar (UTC), the others on fixed milliseconds.
 */
export interface Frequency {
  unit: FrequencyUnit;
  step: number;
}
