import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DatabasePoolStats, RunStatusCounts } from '@tsforecast/service';

/** What the scrape-time gauges read; each answer is cached for {@link scrapeCacheMs}. */
export interface MetricSources {
  databasePool(): DatabasePoolStats | undefined;
  runsByStatus(): Promise<RunStatusCounts>;
}

/** A scrape reads the database at most this often, however many scrapers there are. */
const scrapeCacheMs = 5000;

/** Buckets from 0.25 ms: forecasts are expected well under a millisecond server-side. */
const latencyBuckets = [0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

/**
 * Every metric `GET /metrics` exposes, in one registry per app (tests build
 * many apps in one process). Adding a metric is one field here, registered in
 * `this.registry`; scrape-time values use `collect()`. Names follow Prometheus
 * conventions (`_seconds`, `_total`, base units); process metrics
 * (`process_resident_memory_bytes`, `nodejs_eventloop_lag_seconds`, …) are
 * prom-client's defaults.
 */
export class ApiMetrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'tsforecast_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });

  readonly databasePoolConnections: Gauge<'state'>;
  readonly databasePoolSize: Gauge;
  readonly runs: Gauge<'status'>;

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry });
    const pool = cachedFor(scrapeCacheMs, async () => sources.databasePool());
    const runs = cachedFor(scrapeCacheMs, () => sources.runsByStatus());
    this.databasePoolConnections = new Gauge({
      name: 'tsforecast_db_pool_connections',
      help: 'Database pool connections: in_use (checked out), open (in use + idle), waiting (requests queued for one)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const stats = await pool();
        if (stats === undefined) return;
        this.set({ state: 'in_use' }, stats.inUse);
        this.set({ state: 'open' }, stats.open);
        this.set({ state: 'waiting' }, stats.waiting);
      },
    });
    this.databasePoolSize = new Gauge({
      name: 'tsforecast_db_pool_size',
      help: 'Most connections the database pool opens',
      registers: [this.registry],
      async collect() {
        const stats = await pool();
        if (stats !== undefined) this.set(stats.size);
      },
    });
    this.runs = new Gauge({
      name: 'tsforecast_runs',
      help: 'Tracked runs by status',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        for (const [status, count] of Object.entries(await runs())) this.set({ status }, count);
      },
    });
  }
}

/** `load`, called at most once per `ms` (concurrent callers share the pending answer). */
function cachedFor<T>(ms: number, load: () => Promise<T>): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = Date.now();
    if (cached === undefined || now - cached.at >= ms) {
      const value = load();
      cached = { at: now, value };
      // A failed read is not cached: the next scrape tries again.
      value.catch(() => {
        cached = undefined;
      });
    }
    return cached.value;
  };
}
