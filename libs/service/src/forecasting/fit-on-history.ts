import { DataError, type Logger } from '@tsforecast/config';
import { futureTimestamps, type SeriesFrame } from '@tsforecast/data';
import type { ModelRegistry, Forecast } from '@tsforecast/model';
import type { LoadedModel } from '@tsforecast/artifact';

/**
 * Forecasts `h` points after each series of `frame` with a saved baseline or
 * statistical version, the StatsForecast way: those store no weights, so the
 * model is created from the registry with the stored metadata (model, h,
 * season length, hyperparameters) and fitted on the given history. Shared by
 * `cli predict` (ForecastService) and `POST /forecast` (ServingService).
 *
 * A neural model is refused: it is only ever run from its verified ONNX file,
 * and refitting it here would silently train a different model on the
 * prediction input.
 *
 * @throws DataError for a neural model (by its metadata or by the registry) and for series shorter than the model needs.
 * @example
 * const forecast = await fitOnHistory(registry, loaded, frame, logger);
 */
export async function fitOnHistory(
  registry: ModelRegistry,
  loaded: Pick<LoadedModel, 'saved' | 'metadata'>,
  frame: SeriesFrame,
  logger: Logger,
): Promise<Forecast> {
  const { metadata } = loaded;
  assertFitsOnHistory(registry, loaded);
  const model = registry.create(metadata.model, metadata.h, metadata.seasonLength, metadata.hyperparameters);
  await model.fit(frame, { logger });
  const forecast = await model.predict(frame);
  return { ...forecast, ds: frame.series.map((s) => futureTimestamps(s.ds[s.ds.length - 1]!, frame.frequency, metadata.h)) };
}

/**
 * Refuses a neural version (by its metadata or by the registry): only its verified ONNX file may forecast.
 * @throws DataError naming the version and where its files are.
 */
export function assertFitsOnHistory(registry: ModelRegistry, loaded: Pick<LoadedModel, 'saved' | 'metadata'>): void {
  const { metadata, saved } = loaded;
  if (metadata.kind === 'neural' || registry.get(metadata.model).kind === 'neural') {
    throw new DataError(
      `model ${saved.name}@${saved.version} is neural but has no ONNX file loaded from ${saved.path}; it cannot forecast`,
    );
  }
}
