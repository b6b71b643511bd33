import { inject, injectable } from 'inversify';
import { Logger } from '@tsforecast/config';
import type { SeriesFrame } from '@tsforecast/data';
import type { Forecast } from '@tsforecast/model';
import { RunRecorder, type RunDataset } from '../recording/run-recorder';
import { forecastPredictions } from '../recording/forecast-predictions';
import { SavedModelForecaster } from './saved-model-forecaster';
import type { SavedModelVersion } from './saved-models';

/**
 * Forecasts a history with a saved model as one `predict` run: started with
 * the version and its hyperparameters, completed with the predictions
 * (quantiles included) and the version it used. A failure fails the run and
 * is thrown.
 */
@injectable()
export class PredictRunner {
  constructor(
    @inject(SavedModelForecaster) private readonly forecaster: SavedModelForecaster,
    @inject(RunRecorder) private readonly recorder: RunRecorder,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  /** The forecast after each series of `history.frame`, and the `predict` run (in `experiment`) that records it. */
  async run(
    version: SavedModelVersion,
    history: { frame: SeriesFrame; dataset?: RunDataset },
    experiment: string,
  ): Promise<{ forecast: Forecast; runId: string }> {
    const { loaded, ref } = version;
    const { frame, dataset } = history;
    const run = await this.recorder.start({
      kind: 'predict',
      experiment,
      model: loaded.metadata.model,
      horizon: loaded.metadata.h,
      parameters: { model: ref, ...loaded.metadata.hyperparameters },
      dataset,
    });
    let forecast: Forecast;
    try {
      forecast = await this.forecaster.forecast(loaded, frame);
      await this.recorder.complete(run, { metrics: {}, predictions: forecastPredictions(forecast), usedModelId: loaded.saved.id });
    } catch (error) {
      await this.recorder.fail(run, error);
      throw error;
    }
    this.logger.info('forecast made', { model: ref, series: frame.series.length, h: forecast.h, run: run.id });
    return { forecast, runId: run.id };
  }
}
