import type { JobJson } from '@tsforecast/execution';
import type { Forecast } from '@tsforecast/model';

/**
 * A hold-out forecast as a queue job's output (plain JSON arrays), so that
 * whoever waits on the job writes predictions.csv without reading the
 * database; and back. Quantiles are not carried (predictions.csv has none).
 */
export function forecastToJson(forecast: Forecast): JobJson {
  return {
    seriesIds: forecast.seriesIds,
    h: forecast.h,
    ds: forecast.ds.map((row) => Array.from(row)),
    mean: forecast.mean.map((row) => Array.from(row)),
  };
}

/** The forecast of {@link forecastToJson}, or undefined when `json` is not one. */
export function forecastFromJson(json: JobJson | undefined): Forecast | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const { seriesIds, h, ds, mean } = json as { seriesIds?: string[]; h?: number; ds?: number[][]; mean?: number[][] };
  if (!Array.isArray(seriesIds) || typeof h !== 'number' || !Array.isArray(ds) || !Array.isArray(mean)) return undefined;
  return { seriesIds, h, ds: ds.map((row) => Float64Array.from(row)), mean: mean.map((row) => Float64Array.from(row)) };
}
