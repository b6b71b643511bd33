import { mae } from './point-metrics';

/**
 * In-sample MAE of the seasonal-naive forecast, the scale of MASE:
 * `mean_{t > m} |y_t − y_{t−m}|` over the training values. When the training
 * part has `m` points or fewer, `m = 1` is used instead (the naive scale);
 * NaN when it has fewer than 2 points.
 *
 * @param yTrain training values of the series: [T]
 */
export function seasonalNaiveScale(yTrain: Float64Array, seasonLength: number): number {
  const m = yTrain.length > seasonLength ? seasonLength : 1;
  if (yTrain.length <= m) return Number.NaN;
  let sum = 0;
  for (let t = m; t < yTrain.length; t++) sum += Math.abs(yTrain[t]! - yTrain[t - m]!);
  return sum / (yTrain.length - m);
}

/**
 * Mean absolute scaled error (Hyndman & Koehler 2006, as in M4):
 * `mean_t |y_t − ŷ_t| / mean_{t > m} |y_t − y_{t−m}|`, the denominator taken
 * over the training part of the same series ({@link seasonalNaiveScale}).
 * A scale of 0 (a constant training series) gives Infinity, or NaN when the
 * forecast errors are 0 as well (IEEE division, as numpy does).
 *
 * @param y actual values: [h]
 * @param yHat forecasts: [h]
 * @param yTrain training values of the same series: [T]
 * @example
 * mase(Float64Array.of(5), Float64Array.of(4), Float64Array.of(1, 2, 4), 1) // 1 / 1.5
 */
export function mase(y: Float64Array, yHat: Float64Array, yTrain: Float64Array, seasonLength: number): number {
  return mae(y, yHat) / seasonalNaiveScale(yTrain, seasonLength);
}
