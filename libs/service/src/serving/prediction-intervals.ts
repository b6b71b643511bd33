import { DataError } from '@tsforecast/config';

/** One prediction interval: `lo-<level>` is quantile `lo` of the model's list, `hi-<level>` quantile `hi`. */
export interface IntervalColumns {
  readonly level: number;
  /** Indexes into the model's quantile levels. */
  readonly lo: number;
  readonly hi: number;
}

/** Levels (%) a model's quantiles give as symmetric pairs: [0.1, 0.5, 0.9] → 80 (NeuralForecast's `lo-80`/`hi-80`). */
export function intervalLevels(quantiles: readonly number[] = []): IntervalColumns[] {
  const columns: IntervalColumns[] = [];
  quantiles.forEach((q, lo) => {
    if (q >= 0.5) return;
    const hi = quantiles.findIndex((p) => Math.abs(p - (1 - q)) < 1e-9);
    if (hi >= 0) columns.push({ level: Math.round((1 - 2 * q) * 1e6) / 1e4, lo, hi });
  });
  return columns.sort((a, b) => a.level - b.level);
}

/**
 * The intervals a request asks for: every one the model has when `level` is
 * absent; else each requested level, which the model must have.
 * @throws DataError (422) naming the level and the model's levels.
 */
export function requestedIntervals(model: string, quantiles: readonly number[] | undefined, level?: readonly number[]): IntervalColumns[] {
  const available = intervalLevels(quantiles);
  if (level === undefined) return available;
  return level.map((wanted, i) => {
    const found = available.find((c) => Math.abs(c.level - wanted) < 1e-6);
    if (found !== undefined) return found;
    const has =
      available.length === 0
        ? 'it has no quantiles (a neural model trained without mqloss, or a fitted model saved without levels or giving no intervals)'
        : `it has ${available.map((c) => c.level).join(', ')}`;
    throw new DataError(`'level[${i}]' must be a prediction-interval level of ${model}, got ${wanted}; ${has}`);
  });
}
