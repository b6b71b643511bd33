import { UsageError, type Logger } from '@tsforecast/config';
import type { SeriesFrame } from '@tsforecast/data';

/**
 * Checks a user's `inputSize` against the data before training. Neural
 * windows are left-padded with zeros (mask 0) when a series is shorter than
 * `inputSize + h`, so a panel may mix long and short series: an input window
 * longer than the **shortest** training history is only a warning. Longer than
 * the **longest** one, no series could ever fill a window with real values —
 * that is a usage error.
 *
 * Training history of a series at horizon h: its length − h (the hold-out).
 */
export function checkInputSize(inputSize: number, frame: SeriesFrame, horizons: readonly number[], logger: Logger): void {
  for (const h of horizons) {
    const lengths = frame.series.map((s) => ({ id: s.id, n: s.y.length - h }));
    const longest = lengths.reduce((a, b) => (b.n > a.n ? b : a));
    if (inputSize > longest.n) {
      throw new UsageError(
        `'inputSize' (--input-size) must be at most ${Math.max(longest.n, 0)} at h=${h}, the longest training history ` +
          `(series ${JSON.stringify(longest.id)}: ${s(longest.n)} before the ${h}-point hold-out), got ${inputSize}`,
      );
    }
    const short = lengths.filter((l) => l.n < inputSize);
    if (short.length > 0) {
      const shortest = short.reduce((a, b) => (b.n < a.n ? b : a));
      logger.warn(
        `inputSize ${inputSize} is longer than the training history of ${short.length} series at h=${h} ` +
          `(shortest: ${JSON.stringify(shortest.id)}, ${s(shortest.n)}); their input windows are left-padded with zeros`,
        { inputSize, h, series: short.length },
      );
    }
  }
}

const s = (n: number) => `${n} point${n === 1 ? '' : 's'}`;
