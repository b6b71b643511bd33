import { inject, injectable } from 'inversify';
import { Logger, Settings } from '@tsforecast/config';
import { formatTimestamp, type Frequency } from '@tsforecast/data';
import { PredictionLogStore, TrackingStore } from '@tsforecast/db';
import { SessionFactory } from '@tsforecast/graph';
import { ModelRegistry } from '@tsforecast/model';
import { ModelStore, type LoadedModel } from '@tsforecast/artifact';
import { ModelRefCache } from './model-ref-cache';
import { ModelSessionCache, type OpenedEntry, type SessionCacheStats } from './model-session-cache';
import { PredictionLog, type PredictionLogStats } from './prediction-log';
import { requestedIntervals, type IntervalColumns } from './prediction-intervals';
import type { SeriesForecast, ServedModel } from './served-model';
import { OnnxServedModel } from './onnx-served-model';
import { LocalFitServedModel } from './local-fit-served-model';
import { validateSeriesInput, type SeriesInput } from './series-input';

/** A session is charged this many times its model file's bytes against `FORECAST_CACHE_MB` (weights, arena, graph). */
export const SESSION_BYTES_PER_MODEL_BYTE = 3;

/** `POST /forecast`'s use case. */
export interface ServingRequest {
  /** A model version id, `NAME@VERSION`, `NAME@production`, `NAME@staging` or `NAME` (latest). */
  readonly model: string;
  readonly series: readonly SeriesInput[];
  /** Prediction-interval levels (%), e.g. [80, 95]; default: every level the model has. */
  readonly level?: readonly number[];
}

/** One series' forecast: `lo-<level>` and `hi-<level>` arrays beside `y_hat` when the model has quantiles. */
export interface ServedSeriesForecast {
  readonly unique_id: string;
  /** Formatted as `cli predict` writes them: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` for hours and minutes. */
  readonly ds: string[];
  readonly y_hat: number[];
  readonly [interval: `lo-${number}` | `hi-${number}`]: number[];
}

export interface ServedForecast {
  /** The version that forecast, `NAME@VERSION`. */
  readonly model: string;
  readonly forecasts: ServedSeriesForecast[];
}

/** Counters for `/metrics`. */
export interface ServingStats {
  readonly sessions: SessionCacheStats;
  /** Undefined unless PREDICTION_LOGGING is on. */
  readonly predictionLog: PredictionLogStats | undefined;
}

/**
 * Serves forecasts of saved models to the API: references resolve through the
 * database (kept `FORECAST_REF_TTL_MS`), each version is opened once and
 * cached (LRU, `FORECAST_CACHE_MB`). A neural version is its ONNX session,
 * opened from its checksum-verified file; concurrent requests for one version
 * share `session.run` calls (micro-batching, `FORECAST_BATCH_WINDOW_MS`,
 * `FORECAST_BATCH_MAX_SERIES`), and a history shorter than the model's input
 * is left-padded with zeros and masked, as the training windows are. A
 * baseline or statistical version (no ONNX file, no weights) is fitted on each
 * request's series, as `cli predict` does; a neural version without ONNX file
 * is refused. Unlike `ForecastService.predict` a request is not a `predict`
 * run: serving is the hot path. With `PREDICTION_LOGGING` each served
 * forecast is also appended to `predictions` (see {@link PredictionLog}),
 * never on the request's time.
 *
 * @example
 * const { model, forecasts } = await serving.forecast({ model: 'NHITS@production', series: [{ unique_id: 'a', ds, y }] });
 */
@injectable()
export class ServingService {
  private readonly refs: ModelRefCache;
  private readonly sessions: ModelSessionCache<ServedModel>;
  private readonly batchListeners: ((series: number) => void)[] = [];
  private readonly predictionLog: PredictionLog | undefined;

  constructor(
    @inject(TrackingStore) private readonly tracking: TrackingStore,
    @inject(ModelStore) private readonly store: ModelStore,
    @inject(SessionFactory) private readonly sessionFactory: SessionFactory,
    @inject(Settings) private readonly settings: Settings,
    @inject(Logger) private readonly logger: Logger,
    @inject(PredictionLogStore) predictionLogStore: PredictionLogStore,
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
  ) {
    this.refs = new ModelRefCache((ref) => this.tracking.findModel(ref), settings.FORECAST_REF_TTL_MS);
    this.sessions = new ModelSessionCache(settings.FORECAST_CACHE_MB * 2 ** 20, (id) => this.open(id));
    if (settings.PREDICTION_LOGGING) {
      const { PREDICTION_LOG_FLUSH_ROWS: flushRows, PREDICTION_LOG_FLUSH_MS: flushMs, PREDICTION_LOG_MAX_ROWS: maxRows } = settings;
      this.predictionLog = new PredictionLog(predictionLogStore, { flushRows, flushMs, maxRows }, logger);
    }
  }

  /**
   * Forecasts `h` points after each series.
   * @throws NotFoundError (404) for an unknown model; DataError (422) for bad series, a series shorter than a fitted model needs,
   * an unknown level or a neural model without ONNX file.
   */
  async forecast(request: ServingRequest): Promise<ServedForecast> {
    const version = await this.refs.get(request.model);
    return this.sessions.use(version.id, async (model) => {
      const series = validateSeriesInput(request.series, model.frequency);
      // A fitted model's intervals are known once it has forecast (some give none, or none for some series).
      const { forecasts, quantiles } = await model.forecast(series);
      const intervals = requestedIntervals(model.ref, quantiles, request.level);
      // Queued by reference, written later in batches: the answer never waits for the database.
      this.predictionLog?.record({
        runId: version.runId,
        modelId: version.id,
        servedAtMs: Date.now(),
        seriesIds: series.map((s) => s.id),
        forecasts,
        quantileLevels: quantiles,
      });
      return { model: model.ref, forecasts: forecasts.map((f, i) => this.format(series[i]!.id, f, intervals, model)) };
    });
  }

  /** Calls `listener` with the series count of every `session.run`, or fit of a baseline or statistical version (the batch-size histogram). */
  onBatch(listener: (series: number) => void): void {
    this.batchListeners.push(listener);
  }

  stats(): ServingStats {
    return { sessions: this.sessions.stats(), predictionLog: this.predictionLog?.stats() };
  }

  /** Writes the prediction log's last batch and releases every cached session (the API calls it on close). */
  async close(): Promise<void> {
    await this.predictionLog?.close();
    await this.sessions.clear();
  }

  private async open(id: string): Promise<OpenedEntry<ServedModel>> {
    const loaded = await this.store.load(await this.tracking.findModel(id));
    const onRun = (n: number) => this.batchListeners.forEach((listener) => listener(n));
    if (!hasOnnx(loaded)) {
      const model = LocalFitServedModel.open(loaded, this.registry, this.logger, onRun);
      // Nothing native is held, only the metadata: charged its JSON bytes (never 0, so LRU can still evict it).
      const bytes = Buffer.byteLength(JSON.stringify(loaded.metadata));
      this.logger.info('model opened for serving: fitted on each request', { model: model.ref, kind: loaded.metadata.kind });
      return { value: model, bytes };
    }
    const batching = {
      windowMs: this.settings.FORECAST_BATCH_WINDOW_MS,
      maxItems: this.settings.FORECAST_BATCH_MAX_SERIES,
      onRun,
    };
    const model = await OnnxServedModel.open(loaded, batching, { runtime: this.sessionFactory.options, logger: this.logger });
    this.logger.info('model session opened for serving', { model: model.ref, bytes: loaded.onnx.byteLength });
    return { value: model, bytes: loaded.onnx.byteLength * SESSION_BYTES_PER_MODEL_BYTE };
  }

  private format(id: string, forecast: SeriesForecast, intervals: readonly IntervalColumns[], model: ServedModel): ServedSeriesForecast {
    const served: Record<string, unknown> = {
      unique_id: id,
      ds: formatAll(forecast.ds, model.frequency),
      y_hat: plainArray(forecast.mean),
    };
    for (const { level, lo, hi } of intervals) {
      served[`lo-${level}`] = plainArray(forecast.quantiles[lo]!);
      served[`hi-${level}`] = plainArray(forecast.quantiles[hi]!);
    }
    return served as unknown as ServedSeriesForecast;
  }
}

// Loops rather than Array.from with a map function: these run once per forecast point (24,000 times for a
// 1,000-series request), where Array.from's generic iteration costs about twice as much.

function plainArray(values: Float64Array): number[] {
  const out = new Array<number>(values.length);
  for (let k = 0; k < values.length; k++) out[k] = values[k]!;
  return out;
}

function formatAll(ds: Float64Array, frequency: Frequency): string[] {
  const out = new Array<string>(ds.length);
  for (let k = 0; k < ds.length; k++) out[k] = formatTimestamp(ds[k]!, frequency);
  return out;
}

function hasOnnx(loaded: LoadedModel): loaded is LoadedModel & { onnx: Uint8Array } {
  return loaded.onnx !== undefined;
}
