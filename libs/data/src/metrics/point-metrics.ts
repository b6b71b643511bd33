import { TsforecastError } from '@tsforecast/config';

/** @internal */
export function requireSameLength(y: Float64Array, yHat: Float64Array): void {
  if (yHat.length !== y.length) {
    throw new TsforecastError(`'yHat' must have the length of 'y' (${y.length}), got ${yHat.length}`);
  }
}

/**
 * Mean absolute error: `mean_t |y_t − ŷ_t|`. NaN for empty input.
 *
 * @param y actual values: [h]
 * @param yHat forecasts: [h]
 * @example
 * mae(Float64Array.of(1, 2), Float64Array.of(2, 4)) // 1.5
 */
export function mae(y: Float64Array, yHat: Float64Array): number {
  requireSameLength(y, yHat);
  let sum = 0;
  for (let t = 0; t < y.length; t++) sum += Math.abs(y[t]! - yHat[t]!);
  return sum / y.length;
}

/**
 * Mean squared error: `mean_t (y_t − ŷ_t)²`. NaN for empty input.
 *
 * @param y actual values: [h]
 * @param yHat forecasts: [h]
 * @example
 * mse(Float64Array.of(1, 2), Float64Array.of(2, 4)) // 2.5
 */
export function mse(y: Float64Array, yHat: Float64Array): number {
  requireSameLength(y, yHat);
  let sum = 0;
  for (let t = 0; t < y.length; t++) sum += (y[t]! - yHat[t]!) ** 2;
  return sum / y.length;
}

/**
 * Root mean squared error of one series: `sqrt(mse)`.
 *
 * @param y actual values: [h]
 * @param yHat forecasts: [h]
 * @example
 * rmse(Float64Array.of(0, 0), Float64Array.of(3, 4)) // sqrt(12.5)
 */
export function rmse(y: Float64Array, yHat: Float64Array): number {
  return Math.sqrt(mse(y, yHat));
}

/**
 * Mean absolute percentage error in percent: `100 · mean_{t: y_t ≠ 0} |y_t − ŷ_t| / |y_t|`.
 * Points where `y_t = 0` are excluded (the ratio is undefined there); NaN when
 * no point is left.
 *
 * @param y actual values: [h]
 * @param yHat forecasts: [h]
 * @example
 * mape(Float64Array.of(0, 2, 4), Float64Array.of(5, 1, 5)) // 100·(0.5 + 0.25)/2 = 37.5
 */
export function mape(y: Float64Array, yHat: Float64Array): number {
  requireSameLength(y, yHat);
  let sum = 0;
  let count = 0;
  for (let t = 0; t < y.length; t++) {
    if (y[t] === 0) continue;
    sum += Math.abs(y[t]! - yHat[t]!) / Math.abs(y[t]!);
    count++;
  }
  return count === 0 ? Number.NaN : (100 * sum) / count;
}

/**
 * Symmetric MAPE on the M4 scale, 0 to 200:
 * `mean_t 200 · |y_t − ŷ_t| / (|y_t| + |ŷ_t|)`; a point where `y_t = ŷ_t = 0`
 * counts as 0 (a perfect forecast). NaN for empty input.
 *
 * @param y actual values: [h]
 * @param yHat forecasts: [h]
 * @example
 * smape(Float64Array.of(0, 1), Float64Array.of(0, 3)) // (0 + 200·2/4)/2 = 50
 */
export function smape(y: Float64Array, yHat: Float64Array): number {
  requireSameLength(y, yHat);
  let sum = 0;
  for (let t = 0; t < y.length; t++) {
    const denominator = Math.abs(y[t]!) + Math.abs(yHat[t]!);
    if (denominator > 0) sum += (200 * Math.abs(y[t]! - yHat[t]!)) / denominator;
  }
  return sum / y.length;
}
