import { inject, injectable } from 'inversify';
import { Logger, Settings, settingKeys } from '@tsforecast/config';
import { ResourceStatsStore, RunLeaseStore } from '@tsforecast/db';
import { jobKinds, type JobKind } from '../queue/job-kinds';
import { JobQueue } from '../queue/job-queue';
import { RunReaper } from '../reaper/run-reaper';
import { Worker, type WorkerListener } from './worker';
import { workerDefaults } from './worker-defaults';

/**
 * Path of the module a worker forks for its job processes (it calls `serveJobProcess`);
 * bound by the app, which knows how to build the container in the child.
 */
export const JobProcessEntry = Symbol('JobProcessEntry');

/** What to run: how many jobs at a time, which kinds, who listens. */
export interface WorkerRequest {
  /** Default: MAX_PARALLEL_RUNS capped at the core count. */
  concurrency?: number;
  /** Default: every kind. */
  kinds?: readonly JobKind[];
  listener?: WorkerListener;
  /** More environment for the job processes (over the settings), e.g. `LOG_LEVEL`. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts workers in this process: long-running ones (`cli worker`) or local
 * ones for the length of one request (`cli train` without remote workers).
 *
 * @example
 * const results = await workers.runUntil(() => waitForJobs(queue, 'train-run', ids), { concurrency: 2 });
 */
export const LocalWorkers = Symbol('LocalWorkers');
export interface LocalWorkers {
  /** A worker with these options, not started. */
  create(request?: WorkerRequest): Worker;
  /** Runs a worker while `until` is pending; then stops it, letting jobs it already started finish. */
  runUntil<T>(until: () => Promise<T>, request?: WorkerRequest): Promise<T>;
}

/** {@link LocalWorkers} whose job processes inherit this process's settings. */
@injectable()
export class ChildProcessWorkers implements LocalWorkers {
  constructor(
    @inject(JobQueue) private readonly queue: JobQueue,
    @inject(RunLeaseStore) private readonly leases: RunLeaseStore,
    @inject(ResourceStatsStore) private readonly stats: ResourceStatsStore,
    @inject(RunReaper) private readonly reaper: RunReaper,
    @inject(Logger) private readonly logger: Logger,
    @inject(Settings) private readonly settings: Settings,
    @inject(JobProcessEntry) private readonly entry: string,
  ) {}

  create(request: WorkerRequest = {}): Worker {
    const { concurrency, threadsPerJob } = workerDefaults(this.settings, request.concurrency);
    return new Worker(this.queue, this.leases, this.stats, this.reaper, this.logger, {
      kinds: request.kinds ?? jobKinds,
      concurrency,
      threadsPerJob,
      entry: this.entry,
      backend: this.settings.ENABLE_GPU ? this.settings.DEFAULT_BACKEND : 'cpu',
      env: { ...settingsEnvironment(this.settings), ...request.env },
      listener: request.listener,
    });
  }

  async runUntil<T>(until: () => Promise<T>, request: WorkerRequest = {}): Promise<T> {
    const worker = this.create(request);
    worker.start();
    try {
      return await until();
    } finally {
      await worker.stop();
    }
  }
}

/**
 * The settings as environment variables, so a job process loads exactly the
 * settings of its worker (flags and config files included), whatever its own
 * working folder holds. ORT_THREADS is set per job by the worker.
 * @internal
 */
export function settingsEnvironment(settings: Settings): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of settingKeys) {
    const value = settings[key];
    if (value !== undefined) env[key] = String(value);
  }
  return env;
}
