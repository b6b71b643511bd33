// Test helpers for other libs' tests. Not part of the public runtime API.
export { evalGraphForecast, type PlainForecast } from './testing/eval-graph-forecast';
export { plantSilentWorkerRun, type SilentWorkerRunOptions } from './testing/silent-worker-run';
export { openQueueTestbed, type QueueTestbed } from './testing/queue-testbed';
