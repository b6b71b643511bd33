import type { JobKind } from '../queue/job-kinds';
import type { ClaimedJob, JobOutput } from '../queue/job-queue';

/** Progress of a running job: training step, loss, speed (any numeric fields). */
export interface JobProgress {
  /** 0..1 */
  fraction?: number;
  step?: number;
  loss?: number;
  steps_per_s?: number;
  [field: string]: number | undefined;
}

/** What a job's code gets besides its payload. */
export interface JobContext {
  /**
   * The id the attempt's run must be recorded under: the worker chose it and
   * already holds its lease (heartbeat), so the run is never unwatched.
   */
  readonly runId: string;
  /** Aborted when the job is cancelled: stop at the next training step and record the run `cancelled`. */
  readonly signal: AbortSignal;
  /** CPU threads this job may use (ONNX Runtime intra-op threads, statistical fit threads). */
  readonly threads: number;
  /** Reports progress to the worker (and whoever waits on the job); cheap, call it per step. */
  progress(update: JobProgress): void;
}

/** How a job's run ended. A run that failed on its own (bad data, a diverging model) is `failed`, not thrown. */
export interface JobOutcome {
  readonly runId: string;
  readonly status: 'completed' | 'failed' | 'cancelled';
  readonly error?: string;
  /** Final scores, for the job's output. */
  readonly metrics?: Record<string, number>;
  /** Training speed, for the run's resource statistics; omitted for models without a training loop. */
  readonly stepsPerSecond?: number;
  /** Execution provider used (`cpu`, `cuda`, `webgpu`). */
  readonly backend?: string;
  /** More fields for the job's output (e.g. the model version). */
  readonly output?: JobOutput;
}

/**
 * Runs jobs of one kind inside a worker's job process. Multi-bound: adding a
 * job kind is one runner bound to this token plus its entry in `jobKindPolicies`.
 * Throwing means the attempt crashed (it is retried); a run that failed is an
 * outcome with status `failed`.
 *
 * @example
 * options.bind(JobRunner).toConstantValue({ kind: 'train-run', run: (job, context) => training.runJob(job.payload, context) });
 */
export const JobRunner = Symbol('JobRunner');
export interface JobRunner<K extends JobKind = JobKind> {
  readonly kind: K;
  run(job: ClaimedJob<K>, context: JobContext): Promise<JobOutcome>;
}
