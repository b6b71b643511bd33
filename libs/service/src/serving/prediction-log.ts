import type { Logger } from '@tsforecast/config';
import type { PredictionLogStore, ServedPredictionColumns } from '@tsforecast/db';
import type { SeriesForecast } from './served-model';

/** One served request as the log keeps it until its batch is written: references only, rows are built at flush. */
export interface ServedEntry {
  /** The model version's training run and the version itself. */
  readonly runId: string;
  readonly modelId: string;
  readonly servedAtMs: number;
  readonly seriesIds: readonly string[];
  readonly forecasts: readonly SeriesForecast[];
  /** The model's quantile levels, in the order of `SeriesForecast.quantiles`; empty without quantiles. */
  readonly quantileLevels: readonly number[];
}

/** When batches are written and how much may wait. */
export interface PredictionLogOptions {
  /** A batch is written once this many points wait. */
  readonly flushRows: number;
  /** ...or this long after the first of them arrived (ms). */
  readonly flushMs: number;
  /** Most points held, waiting or being written; a request that would pass it is dropped and counted. */
  readonly maxRows: number;
}

/** Counters for `/metrics`. */
export interface PredictionLogStats {
  /** Points written to `predictions`. */
  readonly rows: number;
  /** Points dropped because the buffer was full (the database slower than the traffic). */
  readonly dropped: number;
  /** Points lost to a failed write. */
  readonly failed: number;
  /** Points waiting or being written now. */
  readonly pending: number;
}

/**
 * Prediction logging off the request path: `record` only queues references
 * to a served forecast (it never waits and never throws); batches of at least
 * `flushRows` points, or whatever waited `flushMs`, go to the
 * {@link PredictionLogStore} one write at a time. The buffer is bounded:
 * when the database falls behind, whole requests are dropped and counted
 * rather than making requests wait. `close` writes what is left.
 *
 * @example
 * const log = new PredictionLog(store, { flushRows: 5000, flushMs: 1000, maxRows: 200_000 }, logger);
 * log.record({ runId, modelId, servedAtMs: Date.now(), seriesIds, forecasts, quantileLevels: [] });
 * await log.close();
 */
export class PredictionLog {
  private queue: ServedEntry[] = [];
  private queuedRows = 0;
  private writingRows = 0;
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private counts = { rows: 0, dropped: 0, failed: 0 };

  constructor(
    private readonly store: PredictionLogStore,
    private readonly options: PredictionLogOptions,
    private readonly logger: Logger,
  ) {}

  /** Queues a served forecast; false when the buffer is full and it was dropped. */
  record(entry: ServedEntry): boolean {
    const rows = pointsOf(entry);
    if (this.queuedRows + this.writingRows + rows > this.options.maxRows) {
      this.counts.dropped += rows;
      return false;
    }
    this.queue.push(entry);
    this.queuedRows += rows;
    if (this.queuedRows >= this.options.flushRows) this.flushSoon();
    else this.timer ??= setTimeout(() => this.flushSoon(), this.options.flushMs).unref();
    return true;
  }

  stats(): PredictionLogStats {
    return { ...this.counts, pending: this.queuedRows + this.writingRows };
  }

  /** Writes everything queued, after the write in flight (the API calls it on close). */
  async close(): Promise<void> {
    this.clearTimer();
    while (this.writing !== undefined || this.queue.length > 0) {
      if (this.writing === undefined) this.flushSoon();
      await this.writing;
    }
  }

  /** Starts a write of the whole queue unless one is in flight (that one's end starts the next). */
  private flushSoon(): void {
    this.clearTimer();
    if (this.writing !== undefined || this.queue.length === 0) return;
    const batch = this.queue;
    this.writingRows = this.queuedRows;
    this.queue = [];
    this.queuedRows = 0;
    this.writing = this.write(batch).finally(() => {
      this.writing = undefined;
      this.writingRows = 0;
      if (this.queuedRows >= this.options.flushRows) this.flushSoon();
      else if (this.queue.length > 0) this.timer ??= setTimeout(() => this.flushSoon(), this.options.flushMs).unref();
    });
  }

  private async write(batch: readonly ServedEntry[]): Promise<void> {
    const columns = toColumns(batch);
    try {
      this.counts.rows += await this.store.appendServed(columns);
    } catch (error) {
      this.counts.failed += columns.seriesIds.length;
      this.logger.warn('prediction log: a batch could not be written; its forecasts are not logged', {
        rows: columns.seriesIds.length,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function pointsOf(entry: ServedEntry): number {
  let points = 0;
  for (const forecast of entry.forecasts) points += forecast.mean.length;
  return points;
}

/** One row per forecast point; quantiles as `{"<level>": value}` JSON, as the run recorder stores them. */
function toColumns(batch: readonly ServedEntry[]): ServedPredictionColumns {
  const columns = { runIds: [], modelIds: [], seriesIds: [], dsMs: [], values: [], quantiles: [], servedAtMs: [] } as {
    [K in keyof ServedPredictionColumns]: ServedPredictionColumns[K][number][];
  };
  for (const entry of batch) {
    entry.forecasts.forEach((forecast, i) => {
      for (let t = 0; t < forecast.mean.length; t++) {
        columns.runIds.push(entry.runId);
        columns.modelIds.push(entry.modelId);
        columns.seriesIds.push(entry.seriesIds[i]!);
        columns.dsMs.push(forecast.ds[t]!);
        columns.values.push(forecast.mean[t]!);
        columns.quantiles.push(quantilesJson(entry.quantileLevels, forecast.quantiles, t));
        columns.servedAtMs.push(entry.servedAtMs);
      }
    });
  }
  return columns;
}

function quantilesJson(levels: readonly number[], values: readonly Float64Array[], t: number): string | null {
  if (levels.length === 0) return null;
  const byLevel: Record<string, number> = {};
  levels.forEach((level, q) => (byLevel[String(level)] = values[q]![t]!));
  return JSON.stringify(byLevel);
}
