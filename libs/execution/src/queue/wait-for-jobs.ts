import type { JobKind } from './job-kinds';
import { finalJobStates, type JobQueue, type JobStatus } from './job-queue';

/** Options of {@link waitForJobs}. */
export interface WaitForJobsOptions<K extends JobKind> {
  /** Between status checks (default 500 ms). */
  pollMs?: number;
  /** Give up after this long (default: never), with an error naming the jobs still open. */
  timeoutMs?: number;
  /** Called with every status check's result (the API's job status, progress of a remote request). */
  onStatus?(statuses: readonly JobStatus<K>[]): void;
}

/**
 * Waits until every job has ended (completed, cancelled or failed) and
 * returns their final status in the order of `ids`. Works from any process:
 * it only reads the queue.
 *
 * @example
 * const ids = await queue.enqueue('train-run', payloads);
 * const ended = await waitForJobs(queue, 'train-run', ids);
 */
export async function waitForJobs<K extends JobKind>(
  queue: JobQueue,
  kind: K,
  ids: readonly string[],
  options: WaitForJobsOptions<K> = {},
): Promise<JobStatus<K>[]> {
  const deadline = options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
  for (;;) {
    const statuses = await queue.status(kind, ids);
    const missing = ids.filter((_, i) => statuses[i] === null);
    if (missing.length > 0) throw new RangeError(`'ids' must name jobs of kind '${kind}'; unknown: ${missing.join(', ')}`);
    const known = statuses as JobStatus<K>[];
    options.onStatus?.(known);
    if (known.every((status) => finalJobStates.includes(status.state))) return known;
    if (Date.now() > deadline) {
      const open = known.filter((status) => !finalJobStates.includes(status.state)).map((status) => `${status.id} (${status.state})`);
      throw new Error(`jobs still not ended after ${options.timeoutMs} ms: ${open.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
}
