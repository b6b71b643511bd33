import { availableParallelism } from 'node:os';
import type { Frequency, FrequencyUnit, Series } from '@tsforecast/data';
import type { LoadedModel } from '@tsforecast/artifact';
import { OnnxRunner, type OnnxRunnerOptions } from '@tsforecast/execution';
import { MicroBatcher, type MicroBatchOptions } from './micro-batcher';
import type { SeriesForecast, ServedForecasts, ServedModel } from './served-model';

/**
 * Series from which a forecast runs on one of the runner's worker threads instead of the JavaScript thread. Below
 * it (1–8 series a request in the latency and throughput benches) a run costs well under a millisecond inline, less
 * than the hand-off to a worker.
 */
export const WORKER_MIN_SERIES = 128;
/** The most series in one part of a large request (its inputs and activations: ~10 MB). */
export const MAX_PART_SERIES = 2048;
/** Session workers per served model: one per core, at most 4. */
export const SESSION_WORKERS = Math.min(4, availableParallelism());

/**
 * How many parts a request of `count` series is split into, on `workers` session workers: one per worker, or a
 * multiple of the workers when parts would exceed {@link MAX_PART_SERIES}; fewer where parts would be under
 * {@link WORKER_MIN_SERIES} (1 below 2 × that). One part per worker, rather than parts of 256 series, was the
 * faster 1,000-series request on the 2-core machine (client p50 46.6–49.5 ms against 50.4–61.5 ms with 4 parts,
 * alternating runs): fewer hand-offs and larger, more efficient `session.run` calls, while the JavaScript thread
 * checks the second part as the first runs.
 */
export function partCount(count: number, workers: number): number {
  const parts = workers * Math.ceil(count / (workers * MAX_PART_SERIES));
  return Math.max(1, Math.min(parts, Math.floor(count / WORKER_MIN_SERIES)));
}

/**
 * A saved neural model ready to serve: its ONNX session (one `OnnxRunner`)
 * behind a micro-batcher, so concurrent requests share `session.run` calls;
 * a large request's parts ({@link WORKER_MIN_SERIES} series or more) run on
 * the runner's session workers, started on the first such request and
 * stopped on release.
 * @internal
 */
export class OnnxServedModel implements ServedModel {
  private readonly batcher: MicroBatcher<Series, SeriesForecast>;
  private readonly quantiles: readonly number[];
  private readonly onRun: ((items: number) => void) | undefined;

  private constructor(
    readonly ref: string,
    readonly frequency: Frequency,
    private readonly seasonLength: number,
    quantiles: readonly number[] | undefined,
    private readonly runner: OnnxRunner,
    batching: MicroBatchOptions,
  ) {
    this.quantiles = quantiles ?? [];
    this.batcher = new MicroBatcher((series) => this.forecastAll(series, false), batching);
    this.onRun = batching.onRun;
  }

  /** One part per session worker (see {@link partCount}); one part without workers. */
  parts(count: number): number {
    return this.runner.hasWorkers ? partCount(count, SESSION_WORKERS) : 1;
  }

  /** Opens the session of a loaded model that has an ONNX file (the caller checks it has). */
  static async open(
    loaded: LoadedModel & { onnx: Uint8Array },
    batching: MicroBatchOptions,
    runtime: OnnxRunnerOptions,
  ): Promise<OnnxServedModel> {
    const { metadata, saved } = loaded;
    const { inputSize = 0, h, opset = 0, quantiles, scaler = 'identity' } = metadata;
    const ref = `${saved.name}@${saved.version}`;
    const runner = await OnnxRunner.create(
      { onnx: loaded.onnx, inputSize, h, opset, quantiles, scaler },
      { ...runtime, label: `model ${ref}`, workers: SESSION_WORKERS },
    );
    const frequency = { unit: metadata.frequency.unit as FrequencyUnit, step: metadata.frequency.step };
    return new OnnxServedModel(ref, frequency, metadata.seasonLength, quantiles, runner, batching);
  }

  /** Forecasts each series in a `session.run` shared with concurrent requests, or on a session worker when they are many. */
  async forecast(series: readonly Series[]): Promise<ServedForecasts> {
    if (this.runner.hasWorkers && series.length >= WORKER_MIN_SERIES) {
      this.onRun?.(series.length);
      return { forecasts: await this.forecastAll(series, true), quantiles: this.quantiles };
    }
    return { forecasts: await this.batcher.submit(series), quantiles: this.quantiles };
  }

  release(): Promise<void> {
    return this.runner.release();
  }

  private async forecastAll(series: readonly Series[], inWorker: boolean): Promise<SeriesForecast[]> {
    const frame = { series: [...series], frequency: this.frequency, seasonLength: this.seasonLength, exogenousColumns: [] };
    const forecast = await (inWorker ? this.runner.forecastInWorker(frame) : this.runner.forecast(frame));
    return series.map((_, i) => ({
      ds: forecast.ds[i]!,
      mean: forecast.mean[i]!,
      quantiles: forecast.quantiles?.values.map((rows) => rows[i]!) ?? [],
    }));
  }
}
