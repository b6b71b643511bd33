import type { JobJson, JobKind, JobPayloads } from './job-kinds';

/** Where a job is: waiting (`created`, `retry` after a crash), running (`active`), or ended. */
export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

/** States a job never leaves. */
export const finalJobStates: readonly JobState[] = ['completed', 'cancelled', 'failed'];

/** What a finished job reports (stored as the job's output). */
export interface JobOutput {
  [key: string]: JobJson;
}

/** A job a worker has claimed (its state is now `active`). */
export interface ClaimedJob<K extends JobKind = JobKind> {
  readonly id: string;
  readonly kind: K;
  readonly payload: JobPayloads[K];
  /** 1 for the first attempt, 2 for the first retry, ... */
  readonly attempt: number;
  /** Attempts the job gets in all (`retryLimit + 1`). */
  readonly maxAttempts: number;
}

/** A job as the queue sees it now. */
export interface JobStatus<K extends JobKind = JobKind> {
  readonly id: string;
  readonly kind: K;
  readonly state: JobState;
  readonly payload: JobPayloads[K];
  /** Attempts started so far. */
  readonly attempts: number;
  /** The job's output: the result when completed, `{ message }` of the last error when failed. */
  readonly output: JobOutput | null;
  readonly createdAt: Date;
  readonly endedAt: Date | null;
}

/** A job being worked on, as the reaper sees it. */
export interface ActiveJob {
  readonly id: string;
  /** The attempt running now (1 for the first). */
  readonly attempt: number;
  /** Since that attempt was claimed, by the database's clock. */
  readonly activeForMs: number;
}

/**
 * The job queue: producers enqueue jobs, workers claim them and report the
 * end; a job whose worker crashes is retried with backoff and ends `failed`
 * with its last error after its kind's `retryLimit`. Delivery is
 * at-least-once: a worker must make a job's effects idempotent (see `Worker`).
 *
 * @example
 * const id = await queue.enqueue('train-run', payload);
 * const [job] = await queue.claim('train-run', 1);
 * await queue.complete('train-run', job.id, { runId });
 */
export const JobQueue = Symbol('JobQueue');
export interface JobQueue {
  /** Adds jobs of one kind; returns their ids in order. Jobs of one call are claimed in the order given. */
  enqueue<K extends JobKind>(kind: K, payloads: readonly JobPayloads[K][]): Promise<string[]>;
  /** Claims up to `limit` waiting jobs of `kind` (oldest first, a call's jobs in its order); each is `active` until completed, failed or expired. */
  claim<K extends JobKind>(kind: K, limit: number): Promise<ClaimedJob<K>[]>;
  /** Ends an active job well; false when it was no longer active (cancelled, expired). */
  complete(kind: JobKind, id: string, output: JobOutput): Promise<boolean>;
  /** Ends an attempt badly: the job is retried if it has attempts left, else `failed` with `message`. */
  fail(kind: JobKind, id: string, message: string): Promise<boolean>;
  /** Cancels a job that has not ended; a worker running it stops it at the next training step. */
  cancel(kind: JobKind, id: string): Promise<void>;
  /** The jobs' current status (archived ones included), in the order of `ids`; null for unknown ids. */
  status<K extends JobKind>(kind: K, ids: readonly string[]): Promise<(JobStatus<K> | null)[]>;
  /** The jobs of `kind` that are `active` now (claimed by some worker). */
  active(kind: JobKind): Promise<ActiveJob[]>;
  /** Queue housekeeping: fails expired active jobs (so they retry), archives and drops old ones. */
  maintain(): Promise<void>;
  /** Stops using the connection (the database itself stays open). Safe to call twice. */
  close(): Promise<void>;
}
