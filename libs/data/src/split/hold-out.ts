import type { SeriesFrame } from '../frame/series-frame';
import { sliceFrame } from '../frame/slice-frame';
import { checkMinLength } from '../validation/check-min-length';
import { requirePositiveInteger } from './split-arguments';

/** A frame split in time: `test` holds the points right after `train`'s, series by series. */
export interface TrainTestSplit {
  train: SeriesFrame;
  test: SeriesFrame;
}

/**
 * Holds out the last `h` points of every series as the test part; the rest is
 * the training part (at least one point per series).
 *
 * @throws UsageError if `h` is not an integer >= 1.
 * @throws DataError naming every series with `h` points or fewer.
 * @example
 * const { train, test } = holdOut(frame, 12);
 */
export function holdOut(frame: SeriesFrame, h: number): TrainTestSplit {
  requirePositiveInteger('h', h);
  checkMinLength(frame, h + 1, `holdOut with h=${h} (h test points and at least 1 training point)`);
  return {
    train: sliceFrame(frame, (s) => [0, s.y.length - h]),
    test: sliceFrame(frame, (s) => [s.y.length - h, s.y.length]),
  };
}
