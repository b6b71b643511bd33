import type { SeriesFrame } from '../frame/series-frame';
import { sliceFrame } from '../frame/slice-frame';
import { checkMinLength } from '../validation/check-min-length';
import { requirePositiveInteger } from './split-arguments';

/** Options of {@link crossValidationWindows}. */
export interface CrossValidationOptions {
  /** Forecast horizon: test points per window and series. */
  h: number;
  /** Number of windows (default 1). */
  nWindows?: number;
  /** Points between the cutoffs of consecutive windows (default `h`: back-to-back test parts). */
  stepSize?: number;
}

/** One cross-validation window. */
export interface CrossValidationWindow {
  /** 0 for the oldest window, `nWindows - 1` for the one ending at the end of the data. */
  index: number;
  /** Every point up to and including the cutoff. */
  train: SeriesFrame;
  /** The `h` points after the cutoff. */
  test: SeriesFrame;
  /** Last training timestamp of each series, UTC epoch ms: [series]. */
  cutoff: Float64Array;
}

/**
 * Rolling-origin windows as in NeuralForecast's `cross_validation`: the last
 * window's test part ends at the end of each series, and each earlier window
 * moves back `stepSize` points. For series of length T, window k (0-based of
 * n) tests points `[T - (n-1-k)·stepSize - h, T - (n-1-k)·stepSize)` and
 * trains on everything before them. Windows overlap when `stepSize < h`.
 *
 * @throws UsageError for a non-positive or fractional h, nWindows or stepSize.
 * @throws DataError naming the series shorter than `h + (nWindows-1)·stepSize + 1`.
 * @example
 * const windows = crossValidationWindows(frame, { h: 24, nWindows: 3, stepSize: 24 });
 */
export function crossValidationWindows(frame: SeriesFrame, options: CrossValidationOptions): CrossValidationWindow[] {
  const { h, nWindows = 1, stepSize = h } = options;
  requirePositiveInteger('h', h);
  requirePositiveInteger('nWindows', nWindows);
  requirePositiveInteger('stepSize', stepSize);
  const testSize = h + (nWindows - 1) * stepSize;
  checkMinLength(frame, testSize + 1, `crossValidationWindows with h=${h}, nWindows=${nWindows}, stepSize=${stepSize}`);

  const windows: CrossValidationWindow[] = [];
  for (let k = 0; k < nWindows; k++) {
    const back = (nWindows - 1 - k) * stepSize;
    const testStart = (length: number): number => length - back - h;
    windows.push({
      index: k,
      train: sliceFrame(frame, (s) => [0, testStart(s.y.length)]),
      test: sliceFrame(frame, (s) => [testStart(s.y.length), testStart(s.y.length) + h]),
      cutoff: Float64Array.from(frame.series, (s) => s.ds[testStart(s.y.length) - 1]!),
    });
  }
  return windows;
}
