import type { Forecast } from '@tsforecast/model';
import type { RecordedPrediction } from './run-recorder';

/**
 * A forecast as prediction records: one per series × step, with the model's
 * quantiles keyed by level when it has them (`{ "0.1": …, "0.9": … }`).
 *
 * @example
 * await recorder.complete(run, { metrics, predictions: forecastPredictions(forecast) });
 */
export function forecastPredictions(forecast: Forecast, cutoff?: Date): RecordedPrediction[] {
  const quantiles = forecast.quantiles;
  return forecast.seriesIds.flatMap((seriesId, i) =>
    Array.from(forecast.mean[i]!, (value, k) => ({
      seriesId,
      ds: new Date(forecast.ds[i]![k]!),
      value,
      quantiles: quantiles ? Object.fromEntries(quantiles.levels.map((level, q) => [String(level), quantiles.values[q]![i]![k]!])) : null,
      ...(cutoff ? { cutoff } : {}),
    })),
  );
}
