import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ServingService } from '@tsforecast/service';

/** Buckets from 0.25 ms: a single-series forecast is expected well under a millisecond. */
const durationBuckets = [0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** Series per `session.run`, powers of two up to the default `FORECAST_BATCH_MAX_SERIES`. */
const batchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096];

/**
 * The forecast metrics of `GET /metrics`, in the app's registry: the forecast
 * duration (the service call, without HTTP parsing and serialization), the
 * series per ONNX run (micro-batching at work), the session cache, and the
 * prediction log's counters (zero while PREDICTION_LOGGING is off).
 */
export class ForecastMetrics {
  readonly duration: Histogram;

  constructor(registry: Registry, serving: ServingService) {
    const stats = () => serving.stats().sessions;
    this.duration = new Histogram({
      name: 'tsforecast_forecast_duration_seconds',
      help: 'POST /forecast service time: model lookup, validation, ONNX run and formatting',
      buckets: durationBuckets,
      registers: [registry],
    });
    const batchSize = new Histogram({
      name: 'tsforecast_forecast_batch_size',
      help: 'Series per ONNX session run (concurrent requests merged by micro-batching)',
      buckets: batchBuckets,
      registers: [registry],
    });
    serving.onBatch((series) => batchSize.observe(series));
    new Gauge({
      name: 'tsforecast_model_sessions',
      help: 'ONNX sessions held by the forecast session cache',
      registers: [registry],
      collect() {
        this.set(stats().entries);
      },
    });
    new Gauge({
      name: 'tsforecast_model_session_cache_bytes',
      help: 'Bytes the cached sessions are charged (3 x model file size) against FORECAST_CACHE_MB',
      registers: [registry],
      collect() {
        this.set(stats().bytes);
      },
    });
    const log = () => serving.stats().predictionLog;
    const logCounters = {
      rows: 'forecast points written to predictions',
      dropped_rows: 'forecast points dropped because the log buffer was full (the database behind the traffic)',
      failed_rows: 'forecast points lost to a failed write',
    } as const;
    const logStat = { rows: 'rows', dropped_rows: 'dropped', failed_rows: 'failed' } as const;
    for (const [key, help] of Object.entries(logCounters) as [keyof typeof logCounters, string][]) {
      new Counter({
        name: `tsforecast_prediction_log_${key}_total`,
        help: `Prediction log (PREDICTION_LOGGING): ${help}`,
        registers: [registry],
        collect() {
          this.reset();
          this.inc(log()?.[logStat[key]] ?? 0);
        },
      });
    }
    new Gauge({
      name: 'tsforecast_prediction_log_pending_rows',
      help: 'Prediction log (PREDICTION_LOGGING): forecast points waiting or being written',
      registers: [registry],
      collect() {
        this.set(log()?.pending ?? 0);
      },
    });
    const counters = { hits: 'requests served by a cached session', misses: 'sessions opened', evictions: 'sessions evicted' } as const;
    for (const [key, help] of Object.entries(counters) as [keyof typeof counters, string][]) {
      new Counter({
        name: `tsforecast_model_session_cache_${key}_total`,
        help: `Forecast session cache: ${help}`,
        registers: [registry],
        collect() {
          this.reset();
          this.inc(stats()[key]);
        },
      });
    }
  }
}
