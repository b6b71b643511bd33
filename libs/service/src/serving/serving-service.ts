import { inject, injectable } from 'inversify';
import { Logger, Settings } from '@tsforecast/config';
import type { Series } from '@tsforecast/data';
import { PredictionLogStore, TrackingStore } from '@tsforecast/db';
import { SessionFactory } from '@tsforecast/graph';
import { ModelRegistry } from '@tsforecast/model';
import { ModelStore, type LoadedModel } from '@tsforecast/artifact';
import { ModelRefCache } from './model-ref-cache';
import { ModelSessionCache, type OpenedEntry, type SessionCacheStats } from './model-session-cache';
import { PredictionLog, type PredictionLogStats } from './prediction-log';
import { requestedIntervals, type IntervalColumns } from './prediction-intervals';
import type { SeriesForecast, ServedForecasts, ServedModel } from './served-model';
import { OnnxServedModel } from './onnx-served-model';
import { LocalFitServedModel } from './local-fit-served-model';
import { SeriesInputCheck, type SeriesInput } from './series-input';
import { FormattedTimestamps } from './formatted-timestamps';

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
      const parts = await this.forecastParts(request.series, model);
      const timestamps = new FormattedTimestamps(model.frequency);
      const formatted: ServedSeriesForecast[][] = [];
      const series: Series[] = [];
      const forecasts: SeriesForecast[] = [];
      let quantiles: readonly number[] = [];
      // Part by part as they finish: the first parts are formatted while the workers run the last ones.
      for (const running of parts) {
        const part = await running;
        // A fitted model's intervals are known once it has forecast (some give none, or none for some series).
        const intervals = requestedIntervals(model.ref, part.forecast.quantiles, request.level);
        formatted.push(part.forecast.forecasts.map((f, i) => format(part.series[i]!.id, f, intervals, timestamps)));
        series.push(...part.series);
        forecasts.push(...part.forecast.forecasts);
        quantiles = part.forecast.quantiles;
      }
      // Queued by reference, written later in batches: the answer never waits for the database.
      this.predictionLog?.record({
        runId: version.runId,
        modelId: version.id,
        servedAtMs: Date.now(),
        seriesIds: series.map((s) => s.id),
        forecasts,
        quantileLevels: quantiles,
      });
      return { model: model.ref, forecasts: formatted.length === 1 ? formatted[0]! : formatted.flat() };
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

  /**
   * Validates the request's series and starts their forecast, in the model's number of parts (one when it
   * has none): each part is handed to the model before the next is checked, so checking overlaps the runs. A bad
   * series fails the request with the same error, once the parts already started have settled.
   */
  private async forecastParts(input: readonly SeriesInput[], model: ServedModel): Promise<Promise<ForecastedPart>[]> {
    const check = new SeriesInputCheck(input, model.frequency);
    const ranges = partRanges(input.length, model.parts?.(input.length) ?? 1);
    const started: Promise<ForecastedPart>[] = [];
    try {
      for (const [from, to] of ranges) {
        const series = check.part(from, to);
        const running = model.forecast(series).then((forecast) => ({ series, forecast }));
        // Awaited in order later; until then a failure must not count as unhandled.
        running.catch(() => undefined);
        started.push(running);
        // Let the part reach its worker before checking the next (a macrotask turn: the hand-off takes microtasks).
        if (started.length < ranges.length) await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      await Promise.allSettled(started);
      throw error;
    }
    return started;
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
}

function format(
  id: string,
  forecast: SeriesForecast,
  intervals: readonly IntervalColumns[],
  timestamps: FormattedTimestamps,
): ServedSeriesForecast {
  const served: Record<string, unknown> = {
    unique_id: id,
    ds: timestamps.format(forecast.ds),
    y_hat: plainArray(forecast.mean),
  };
  for (const { level, lo, hi } of intervals) {
    served[`lo-${level}`] = plainArray(forecast.quantiles[lo]!);
    served[`hi-${level}`] = plainArray(forecast.quantiles[hi]!);
  }
  return served as unknown as ServedSeriesForecast;
}

// Loops rather than Array.from with a map function: these run once per forecast point (24,000 times for a
// 1,000-series request), where Array.from's generic iteration costs about twice as much.

function plainArray(values: Float64Array): number[] {
  const out = new Array<number>(values.length);
  for (let k = 0; k < values.length; k++) out[k] = values[k]!;
  return out;
}

interface ForecastedPart {
  readonly series: Series[];
  readonly forecast: ServedForecasts;
}

/** `parts` `[from, to)` ranges of `count` series, as even as possible. */
function partRanges(count: number, parts: number): [number, number][] {
  const size = Math.ceil(count / parts);
  const ranges: [number, number][] = [];
  for (let from = 0; from < count; from += size) ranges.push([from, Math.min(count, from + size)]);
  return ranges;
}

function hasOnnx(loaded: LoadedModel): loaded is LoadedModel & { onnx: Uint8Array } {
  return loaded.onnx !== undefined;
}
