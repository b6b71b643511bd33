import { addPeriods, type Frequency, type FrequencyUnit, type SeriesFrame } from '@tsforecast/data';

/** How {@link frameOf} dates and labels the series. */
export interface FrameOfOptions {
  /** Calendar unit of one step (default `month`). */
  unit?: FrequencyUnit;
  /** The frame's season length (default 1). */
  seasonLength?: number;
  /** First timestamp, UTC epoch ms (default 2000-01-01). */
  start?: number;
}

/**
 * A frame for tests from plain arrays, one series per key, dated one `unit`
 * apart from `start`.
 *
 * @example frameOf({ air: airPassengers }, { unit: 'month', seasonLength: 12, start: Date.UTC(1949, 0, 1) })
 */
export function frameOf(series: Record<string, ArrayLike<number>>, options: FrameOfOptions = {}): SeriesFrame {
  const frequency = { unit: options.unit ?? 'month', step: 1 } as Frequency;
  const start = options.start ?? Date.UTC(2000, 0, 1);
  return {
    frequency,
    seasonLength: options.seasonLength ?? 1,
    exogenousColumns: [],
    series: Object.entries(series).map(([id, y]) => ({
      id,
      y: Float64Array.from(y),
      ds: Float64Array.from(y, (_, i) => addPeriods(start, frequency, i)),
      exogenous: {},
    })),
  };
}
