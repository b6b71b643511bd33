import { inject, injectable } from 'inversify';
import { DataError, Logger, Settings } from '@tsforecast/config';
import { formatTimestamp, type Frequency } from '@tsforecast/data';
import { PredictionLogStore, TrackingStore } from '@tsforecast/db';
import { SessionFactory } from '@tsforecast/graph';
import { ModelStore, type LoadedModel } from '@tsforecast/artifact';
import { ModelRefCache } from './model-ref-cache';
import { ModelSessionCache, type OpenedEntry, type SessionCacheStats } from './model-session-cache';
import { PredictionLog, type PredictionLogStats } from './prediction-log';
import { requestedIntervals, type IntervalColumns } from './prediction-intervals';
import { ServedModel, type SeriesForecast } from './served-model';
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
 * Serves forecasts of saved neural models to the API: references resolve
 * through the database (kept `FORECAST_REF_TTL_MS`), the ONNX session of each
 * version is opened once from its checksum-verified file and cached (LRU,
 * `FORECAST_CACHE_MB`), and concurrent requests for one version share
 * `session.run` calls (micro-batching, `FORECAST_BATCH_WINDOW_MS`,
 * `FORECAST_BATCH_MAX_SERIES`). A history shorter than the model's input is
 * left-padded with zeros and masked, as the training windows are. Unlike
 * `ForecastService.predict` a request is not a `predict` run: serving is the
 * hot path. Baselines and statistical models (no ONNX file) are refused with
 * a DataError: `cli predict` fits them to the history. With
 * `PREDICTION_LOGGING` each served forecast is also appended to `predictions`
 * (see {@link PredictionLog}), never on the request's time.
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
   * @throws NotFoundError (404) for an unknown model; DataError (422) for bad series, an unknown level or a model without ONNX file.
   */
  async forecast(request: ServingRequest): Promise<ServedForecast> {
    const version = await this.refs.get(request.model);
    return this.sessions.use(version.id, async (model) => {
      const intervals = requestedIntervals(model.ref, model.quantiles, request.level);
      const series = validateSeriesInput(request.series, model.frequency);
      const forecasts = await model.forecast(series);
      // Queued by reference, written later in batches: the answer never waits for the database.
      this.predictionLog?.record({
        runId: version.runId,
        modelId: version.id,
        servedAtMs: Date.now(),
        seriesIds: series.map((s) => s.id),
        forecasts,
        quantileLevels: model.quantiles ?? [],
      });
      return { model: model.ref, forecasts: forecasts.map((f, i) => this.format(series[i]!.id, f, intervals, model)) };
    });
  }

  /** Calls `listener` with the series count of every `session.run` (the batch-size histogram). */
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
    if (!hasOnnx(loaded)) {
      const { saved, metadata } = loaded;
      throw new DataError(
        `'model' ${saved.name}@${saved.version} is a ${metadata.kind} model (${metadata.model}) with no ONNX file; ` +
          `POST /forecast serves saved neural models only (\`cli predict\` fits ${metadata.model} to a history)`,
      );
    }
    const batching = {
      windowMs: this.settings.FORECAST_BATCH_WINDOW_MS,
      maxItems: this.settings.FORECAST_BATCH_MAX_SERIES,
      onRun: (n: number) => this.batchListeners.forEach((listener) => listener(n)),
    };
    const model = await ServedModel.open(loaded, batching, { runtime: this.sessionFactory.options, logger: this.logger });
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
