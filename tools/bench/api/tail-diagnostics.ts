import { constants, monitorEventLoopDelay, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { gaugeValue, histogramBuckets, histogramQuantile } from './load';

/** GC pauses of one kind: how many, their total and the longest (ms). */
export interface GcPauses {
  count: number;
  total_ms: number;
  max_ms?: number;
}

const gcKinds: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * Watches the load generator's own process while a scenario runs: its event-loop delay (1 ms resolution) and its
 * GC pauses. A late event loop on the client side delays both the sends and the reading of answers, which the
 * client's latencies then count as the server's.
 */
export function watchClient(): () => Record<string, unknown> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const gc: Record<string, GcPauses> = {};
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
      const kind = gcKinds[detail?.kind ?? -1] ?? 'other';
      const pauses = (gc[kind] ??= { count: 0, total_ms: 0, max_ms: 0 });
      pauses.count++;
      pauses.total_ms = round(pauses.total_ms + entry.duration);
      pauses.max_ms = round(Math.max(pauses.max_ms ?? 0, entry.duration));
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    delay.disable();
    observer.disconnect();
    return {
      client_event_loop_delay_p99_ms: round(delay.percentile(99) / 1e6),
      client_event_loop_delay_max_ms: round(delay.max / 1e6),
      client_gc: gc,
    };
  };
}

/**
 * The server's side of the tail between two scrapes of `/metrics`: the p99 of the whole HTTP request as Fastify timed
 * it (route `/forecast`), its event-loop delay over the run (prom-client's 10 ms-resolution monitor, reset by each
 * scrape), and its GC pauses by kind (count, total, and how many took over 10 ms).
 */
export function serverTail(before: string, after: string): Record<string, unknown> {
  const request = 'tsforecast_http_request_duration_seconds';
  const route = 'route="/forecast"';
  const gc: Record<string, GcPauses & { over_10ms: number }> = {};
  for (const kind of ['minor', 'major', 'incremental', 'weakcb']) {
    const label = `kind="${kind}"`;
    const count = labelled(after, 'nodejs_gc_duration_seconds_count', label) - labelled(before, 'nodejs_gc_duration_seconds_count', label);
    if (!(count > 0)) continue;
    const sum = labelled(after, 'nodejs_gc_duration_seconds_sum', label) - labelled(before, 'nodejs_gc_duration_seconds_sum', label);
    const [from, to] = [
      histogramBuckets(before, 'nodejs_gc_duration_seconds', label),
      histogramBuckets(after, 'nodejs_gc_duration_seconds', label),
    ];
    const upTo10ms = (to.get(0.01) ?? 0) - (from.get(0.01) ?? 0);
    gc[kind] = { count, total_ms: round(sum * 1000), over_10ms: count - upTo10ms };
  }
  return {
    server_request_p99_ms: round(
      histogramQuantile(histogramBuckets(before, request, route), histogramBuckets(after, request, route), 0.99) * 1000,
    ),
    server_event_loop_delay_p99_ms: round(gaugeValue(after, 'nodejs_eventloop_lag_p99_seconds') * 1000),
    server_event_loop_delay_max_ms: round(gaugeValue(after, 'nodejs_eventloop_lag_max_seconds') * 1000),
    server_gc: gc,
  };
}

/** The value of a sample whose labels contain `label`, e.g. `nodejs_gc_duration_seconds_sum{kind="minor"} 0.12`. */
function labelled(text: string, name: string, label: string): number {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{`) && line.includes(label)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return Number.NaN;
}
