import type { Frequency } from './frequency';

/**
 * One time series of a panel. Timestamps are UTC epoch milliseconds, strictly
 * increasing and regular at the frame's frequency.
 */
export interface Series {
  /** The `unique_id` of the series. */
  id: string;
  /** Timestamps, UTC epoch ms: [T] */
  ds: Float64Array;
  /** Target values: [T] */
  y: Float64Array;
  /** Extra CSV columns (candidate exogenous variables), each [T]. */
  exogenous: Record<string, Float64Array>;
}

/**
 * A validated panel of series in long format `unique_id, ds, y`, the unit every
 * layer above `data` works with.
 */
export interface SeriesFrame {
  series: Series[];
  frequency: Frequency;
  /** Season length `m` (12 for monthly, 24 for hourly, ...). */
  seasonLength: number;
  /** Names of the extra columns, in CSV order. */
  exogenousColumns: string[];
}
