import type { Frequency, FrequencyUnit, Series } from '@tsforecast/data';
import type { LoadedModel } from '@tsforecast/artifact';
import { OnnxRunner, type OnnxRunnerOptions } from '@tsforecast/execution';
import { MicroBatcher, type MicroBatchOptions } from './micro-batcher';

/** The forecast of one series: timestamps, means, and one row per quantile level of the model. */
export interface SeriesForecast {
  readonly ds: Float64Array;
  readonly mean: Float64Array;
  /** `[quantile][h]`, in the order of the model's quantile levels; empty without quantiles. */
  readonly quantiles: readonly Float64Array[];
}

/**
 * A saved neural model ready to serve: its ONNX session (one `OnnxRunner`)
 * behind a micro-batcher, so concurrent requests share `session.run` calls.
 * @internal
 */
export class ServedModel {
  private readonly batcher: MicroBatcher<Series, SeriesForecast>;

  private constructor(
    /** `NAME@VERSION`. */
    readonly ref: string,
    readonly frequency: Frequency,
    readonly seasonLength: number,
    readonly quantiles: readonly number[] | undefined,
    private readonly runner: OnnxRunner,
    batching: MicroBatchOptions,
  ) {
    this.batcher = new MicroBatcher((series) => this.forecastAll(series), batching);
  }

  /** Opens the session of a loaded model that has an ONNX file (the caller checks it has). */
  static async open(
    loaded: LoadedModel & { onnx: Uint8Array },
    batching: MicroBatchOptions,
    runtime: OnnxRunnerOptions,
  ): Promise<ServedModel> {
    const { metadata, saved } = loaded;
    const { inputSize = 0, h, opset = 0, quantiles, scaler = 'identity' } = metadata;
    const ref = `${saved.name}@${saved.version}`;
    const runner = await OnnxRunner.create(
      { onnx: loaded.onnx, inputSize, h, opset, quantiles, scaler },
      { ...runtime, label: `model ${ref}` },
    );
    const frequency = { unit: metadata.frequency.unit as FrequencyUnit, step: metadata.frequency.step };
    return new ServedModel(ref, frequency, metadata.seasonLength, quantiles, runner, batching);
  }

  /** Forecasts each series (validated, in the model's frequency), in a run shared with concurrent requests. */
  forecast(series: readonly Series[]): Promise<SeriesForecast[]> {
    return this.batcher.submit(series);
  }

  release(): Promise<void> {
    return this.runner.release();
  }

  private async forecastAll(series: readonly Series[]): Promise<SeriesForecast[]> {
    const frame = { series: [...series], frequency: this.frequency, seasonLength: this.seasonLength, exogenousColumns: [] };
    const forecast = await this.runner.forecast(frame);
    return series.map((_, i) => ({
      ds: forecast.ds[i]!,
      mean: forecast.mean[i]!,
      quantiles: forecast.quantiles?.values.map((rows) => rows[i]!) ?? [],
    }));
  }
}
