import { DataError, type Logger } from '@tsforecast/config';
import type { Frequency, FrequencyUnit, Series } from '@tsforecast/data';
import type { ModelRegistry } from '@tsforecast/model';
import type { LoadedModel } from '@tsforecast/artifact';
import { assertFitsOnHistory, fitOnHistory } from '../forecasting/fit-on-history';
import type { ServedForecasts, ServedModel } from './served-model';

/**
 * A saved baseline or statistical version ready to serve: it stores no
 * weights, so each request's series are fitted and forecast on the spot
 * (StatsForecast's way, as `cli predict` does, through {@link fitOnHistory}).
 * Holding one costs only its metadata; a request costs the model's fit on
 * every series it sends. Requests are not merged: a fit is per series anyway.
 * @internal
 */
export class LocalFitServedModel implements ServedModel {
  readonly frequency: Frequency;
  /** Fewest points a series must have (the registry's `minHistory` for these hyperparameters). */
  private readonly minHistory: number;

  private constructor(
    private readonly loaded: Pick<LoadedModel, 'saved' | 'metadata'>,
    private readonly registry: ModelRegistry,
    private readonly logger: Logger,
    private readonly onRun: (series: number) => void,
  ) {
    const { metadata } = loaded;
    this.frequency = { unit: metadata.frequency.unit as FrequencyUnit, step: metadata.frequency.step };
    this.minHistory = registry.get(metadata.model).capabilities.minHistory(metadata.h, metadata.hyperparameters);
  }

  /**
   * Serves a loaded version without ONNX file.
   * @throws DataError for a neural model (only its ONNX file may forecast).
   */
  static open(
    loaded: Pick<LoadedModel, 'saved' | 'metadata'>,
    registry: ModelRegistry,
    logger: Logger,
    onRun: (series: number) => void = () => undefined,
  ): LocalFitServedModel {
    assertFitsOnHistory(registry, loaded);
    return new LocalFitServedModel(loaded, registry, logger, onRun);
  }

  get ref(): string {
    return `${this.loaded.saved.name}@${this.loaded.saved.version}`;
  }

  /** Fits the model on each series and forecasts; quantiles where the model gives intervals for its stored `level`. */
  async forecast(series: readonly Series[]): Promise<ServedForecasts> {
    this.checkLengths(series);
    const { metadata } = this.loaded;
    const frame = { series: [...series], frequency: this.frequency, seasonLength: metadata.seasonLength, exogenousColumns: [] };
    this.onRun(series.length);
    const forecast = await fitOnHistory(this.registry, this.loaded, frame, this.logger);
    return {
      forecasts: series.map((_, i) => ({
        ds: forecast.ds[i]!,
        mean: forecast.mean[i]!,
        quantiles: forecast.quantiles?.values.map((rows) => rows[i]!) ?? [],
      })),
      quantiles: forecast.quantiles?.levels ?? [],
    };
  }

  /** Holds nothing native: a model is created per request and dropped after it. */
  release(): Promise<void> {
    return Promise.resolve();
  }

  /** Every series must have the model's minimum history; the error names the first short one. */
  private checkLengths(series: readonly Series[]): void {
    const index = series.findIndex((s) => s.y.length < this.minHistory);
    if (index < 0) return;
    const short = series[index]!;
    throw new DataError(
      `series[${index}] ('${short.id}'): 'y' has ${short.y.length} points; ${this.ref} needs at least ${this.minHistory} per series`,
    );
  }
}
