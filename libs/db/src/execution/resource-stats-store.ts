/** What executing one run cost (a row of `resource_stats`, entity `ResourceStats`). */
export interface ResourceStatsInput {
  runId: string;
  jobId?: string | null;
  workerId: string;
  wallMs: number;
  /** User + system CPU time of the process that ran it. */
  cpuMs: number;
  peakRssBytes: number;
  threads: number;
  backend: string;
  stepsPerSecond?: number | null;
}

/** A run's resource statistics with what identifies the run. */
export interface RunResourceStats extends ResourceStatsInput {
  modelName: string;
  horizon: number;
  status: string;
  createdAt: Date;
}

/**
 * Resource statistics of runs (`resource_stats`), one row per run, written by
 * the worker that ran it.
 *
 * @example
 * await stats.record({ runId, workerId: 'host:42', wallMs: 5300, cpuMs: 9800, peakRssBytes: 3.1e8, threads: 1, backend: 'cpu' });
 * const rows = await stats.forExperiment('air');
 */
export const ResourceStatsStore = Symbol('ResourceStatsStore');
export interface ResourceStatsStore {
  /** Writes the run's statistics (replacing earlier ones of the same run). */
  record(stats: ResourceStatsInput): Promise<void>;
  /** The run's statistics, or null when none were recorded. */
  forRun(runId: string): Promise<RunResourceStats | null>;
  /** Statistics of every run of the experiment (name or id), oldest first. */
  forExperiment(experiment: string): Promise<RunResourceStats[]>;
}
