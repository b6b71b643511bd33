import { silentLogger } from '@tsforecast/config';
import type { SeriesFrame } from '@tsforecast/data';
import type { Forecast } from '../contract/forecast';
import type { FitContext, ForecastModel } from '../contract/forecast-model';

/**
 * Fits `model` on `frame` (silent logger unless `context` says otherwise) and
 * forecasts from the same history: the path a registered model takes.
 *
 * @example const fc = await fitAndPredict(autoCesDefinition.create(12, 12, { model: 'N' }), frame);
 */
export async function fitAndPredict(model: ForecastModel, frame: SeriesFrame, context: Partial<FitContext> = {}): Promise<Forecast> {
  await model.fit(frame, { logger: silentLogger, ...context });
  return model.predict(frame);
}
