import type { ClaimedJob } from '../queue/job-queue';
import type { JobOutcome, JobProgress } from './job-runner';

/**
 * CPU and memory one run used in its job process, measured by the process
 * (see `RunUsageMeter`). A process runs several jobs one after another, so
 * both figures are of the run's window: from the end of the process's
 * previous run (its start, for its first run) to the end of this one.
 */
export interface ProcessUsage {
  /** User + system CPU time of the window (a fresh process's start-up counts in its first run). */
  cpuMs: number;
  /** Peak resident set size in the window (exact when it set a new process peak; else the highest of the sampled values). */
  peakRssBytes: number;
}

/** Worker → job process. @internal */
export type ToJobProcess = { type: 'run'; job: ClaimedJob; runId: string; threads: number } | { type: 'cancel' };

/** Job process → worker. @internal */
export type FromJobProcess =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; outcome: JobOutcome; usage: ProcessUsage }
  | { type: 'crashed'; message: string; usage: ProcessUsage };
