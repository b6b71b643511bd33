import type { ClaimedJob } from '../queue/job-queue';
import type { JobOutcome, JobProgress } from './job-runner';

/** CPU and memory a job process used, measured by itself at the end. */
export interface ProcessUsage {
  /** User + system CPU time. */
  cpuMs: number;
  /** Peak resident set size (the process's max RSS). */
  peakRssBytes: number;
}

/** Worker → job process. @internal */
export type ToJobProcess = { type: 'run'; job: ClaimedJob; runId: string; threads: number } | { type: 'cancel' };

/** Job process → worker. @internal */
export type FromJobProcess =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; outcome: JobOutcome; usage: ProcessUsage }
  | { type: 'crashed'; message: string; usage: ProcessUsage };

/** This process's usage so far. @internal */
export function ownUsage(): ProcessUsage {
  const cpu = process.cpuUsage();
  // resourceUsage().maxRSS is in kilobytes.
  return { cpuMs: (cpu.user + cpu.system) / 1000, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
}
