import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '@tsforecast/config';
import type { ResourceStatsStore, RunLeaseStore } from '@tsforecast/db';
import type { JobKind } from '../queue/job-kinds';
import type { ClaimedJob, JobOutput, JobQueue } from '../queue/job-queue';
import type { RunReaper } from '../reaper/run-reaper';
import type { JobOutcome, JobProgress } from './job-runner';
import type { JobProcessEnd } from './job-process';
import { JobProcessPool } from './job-process-pool';

/** What a worker tells whoever watches it (the CLI's progress bars, the API's job status). */
export interface WorkerListener {
  jobStarted?(job: ClaimedJob, runId: string): void;
  jobProgress?(job: ClaimedJob, runId: string, progress: JobProgress): void;
  /** `outcome` undefined when the attempt crashed (`error` says how); the job is then retried or failed. */
  jobEnded?(job: ClaimedJob, runId: string, outcome: JobOutcome | undefined, error?: string): void;
}

/** Options of {@link Worker}. */
export interface WorkerOptions {
  /** Job kinds to take. */
  kinds: readonly JobKind[];
  /** Jobs run at the same time, each in its own process (reused for the slot's next job while it is healthy). */
  concurrency: number;
  /** ONNX Runtime threads per job process (cores / concurrency by default; see `workerDefaults`). */
  threadsPerJob: number;
  /** The job process's module: it calls `serveJobProcess` (the app's `job-process` entry). */
  entry: string;
  /** Execution provider, for the resource statistics. */
  backend: string;
  /** More environment for job processes. */
  env?: NodeJS.ProcessEnv;
  /** `host:pid` by default. */
  workerId?: string;
  /** Heartbeat and cancellation check period (default 5 s). */
  heartbeatMs?: number;
  /** How often an idle slot asks the queue for work (default 500 ms). */
  pollMs?: number;
  /** How often the reaper and queue housekeeping run (default 30 s; also once at start). */
  reapEveryMs?: number;
  /** A cancelled job's process is killed if it has not stopped after this (default 30 s). */
  killAfterMs?: number;
  /** A job process is let go after this many attempts (default 50; 1: a fresh process per attempt). */
  maxRunsPerProcess?: number;
  listener?: WorkerListener;
}

interface ActiveJob {
  job: ClaimedJob;
  runId: string;
  controller: AbortController;
  stepsPerSecond?: number;
  /** Latest progress 0..1, stored with each beat (the API's job view reads it). */
  fraction?: number;
}

/**
 * Takes jobs from the queue and runs each attempt in a child process,
 * `concurrency` at a time. A slot's process builds the app once and takes the
 * slot's next job too; one that crashed or was cancelled is let go, so the
 * retry runs in a fresh process (see `JobProcessPool`). For every attempt it picks the run id and writes
 * the run's lease first, beats it every `heartbeatMs` while the process runs,
 * cancels the process when the job is cancelled, records the run's resource
 * statistics, and ends the job: completed (the run completed or failed on its
 * own) or failed (the process crashed: the job is retried with backoff). A
 * job whose earlier attempt already completed its run is completed without
 * running again, so each job has one completed run (at-least-once delivery,
 * exactly-once effect).
 *
 * @example
 * const worker = new Worker(queue, leases, stats, reaper, logger, { kinds: ['train-run'], concurrency: 2, threadsPerJob: 1, entry, backend: 'cpu' });
 * worker.start();
 * await worker.stop();
 */
export class Worker {
  readonly workerId: string;
  private readonly active = new Map<string, ActiveJob>();
  private readonly running = new Set<Promise<void>>();
  private timers: NodeJS.Timeout[] = [];
  private stopping = false;
  private claiming = false;
  private readonly processes: JobProcessPool;

  constructor(
    private readonly queue: JobQueue,
    private readonly leases: RunLeaseStore,
    private readonly stats: ResourceStatsStore,
    private readonly reaper: RunReaper,
    private readonly logger: Logger,
    private readonly options: WorkerOptions,
  ) {
    if (!Number.isSafeInteger(options.concurrency) || options.concurrency < 1) {
      throw new RangeError(`'concurrency' must be an integer >= 1, got ${String(options.concurrency)}`);
    }
    if (!Number.isSafeInteger(options.threadsPerJob) || options.threadsPerJob < 1) {
      throw new RangeError(`'threadsPerJob' must be an integer >= 1, got ${String(options.threadsPerJob)}`);
    }
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}`;
    this.processes = new JobProcessPool({
      entry: options.entry,
      threads: options.threadsPerJob,
      env: options.env,
      maxRunsPerProcess: options.maxRunsPerProcess,
    });
  }

  /** Job processes forked so far (a healthy one is reused for the next job). */
  get processesStarted(): number {
    return this.processes.started;
  }

  /** Jobs it runs at a time. */
  get concurrency(): number {
    return this.options.concurrency;
  }

  /** Jobs running now. */
  get activeJobs(): number {
    return this.active.size;
  }

  /** Starts taking jobs; the reaper runs once now and then every `reapEveryMs`. */
  start(): void {
    this.stopping = false;
    const every = (ms: number, task: () => Promise<void>) => this.timers.push(setInterval(() => void this.guard(task), ms));
    every(this.options.pollMs ?? 500, () => this.fill());
    every(this.options.heartbeatMs ?? 5000, () => this.beat());
    every(this.options.reapEveryMs ?? 30_000, () => this.housekeeping());
    void this.guard(() => this.housekeeping()).then(() => this.guard(() => this.fill()));
  }

  /**
   * Stops taking jobs and waits for the running ones; with `cancel`, asks them
   * to stop (their jobs are failed, so another worker retries them).
   */
  async stop(options: { cancel?: boolean } = {}): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    if (options.cancel) for (const entry of this.active.values()) entry.controller.abort();
    const beats = setInterval(() => void this.guard(() => this.beat()), this.options.heartbeatMs ?? 5000);
    try {
      await Promise.all([...this.running]);
    } finally {
      clearInterval(beats);
      await this.processes.close();
    }
  }

  /** Claims jobs for the free slots, kinds in turn. */
  private async fill(): Promise<void> {
    if (this.claiming || this.stopping) return;
    this.claiming = true;
    try {
      for (const kind of this.options.kinds) {
        const free = this.options.concurrency - this.active.size;
        if (free <= 0 || this.stopping) break;
        for (const job of await this.queue.claim(kind, free)) this.launch(job);
      }
    } finally {
      this.claiming = false;
    }
  }

  private launch(job: ClaimedJob): void {
    const entry: ActiveJob = { job, runId: randomUUID(), controller: new AbortController() };
    this.active.set(job.id, entry);
    const execution = this.execute(entry)
      .catch((error: unknown) => this.logger.error('job attempt could not be ended', { job: job.id, error: messageOf(error) }))
      .finally(() => {
        this.active.delete(job.id);
        this.running.delete(execution);
        if (!this.stopping) void this.guard(() => this.fill());
      });
    this.running.add(execution);
  }

  private async execute(entry: ActiveJob): Promise<void> {
    const { job, runId } = entry;
    const done = await this.leases.completedRunOfJob(job.id);
    if (done !== null) {
      this.logger.info('job already has a completed run; not run again', { job: job.id, run: done });
      await this.queue.complete(job.kind, job.id, { runId: done, status: 'completed', reused: true });
      return;
    }
    await this.leases.open({ runId, workerId: this.workerId, jobId: job.id, jobKind: job.kind, attempt: job.attempt });
    this.options.listener?.jobStarted?.(job, runId);
    const child = this.processes.take();
    const end = await child.run(job, runId, {
      signal: entry.controller.signal,
      killAfterMs: this.options.killAfterMs ?? 30_000,
      onProgress: (progress) => {
        if (progress.steps_per_s !== undefined) entry.stepsPerSecond = progress.steps_per_s;
        if (progress.fraction !== undefined) entry.fraction = progress.fraction;
        this.options.listener?.jobProgress?.(job, runId, progress);
      },
    });
    this.processes.giveBack(child);
    await this.finish(entry, end);
  }

  /** Records the attempt's statistics and ends its job as the process ended. */
  private async finish(entry: ActiveJob, end: JobProcessEnd): Promise<void> {
    const { job, runId } = entry;
    if (end.usage) await this.recordStats(entry, end);
    if (end.kind === 'crashed') {
      if (await this.leases.endRunIfRunning(runId, 'failed', `worker lost: ${end.message}`)) {
        await this.reaper.cleanUpAfter(runId, { kind: job.kind, payload: job.payload });
      }
      this.options.listener?.jobEnded?.(job, runId, undefined, end.message);
      this.logger.warn('job attempt crashed', { job: job.id, run: runId, attempt: job.attempt, error: end.message });
      await this.queue.fail(job.kind, job.id, end.message);
      return;
    }
    const { outcome } = end;
    this.options.listener?.jobEnded?.(job, runId, outcome);
    if (outcome.status === 'cancelled') {
      // Cancelled by the user: the job is already cancelled. Stopped by `stop({ cancel })`: retry it elsewhere.
      const [status] = await this.queue.status(job.kind, [job.id]);
      if (status?.state === 'active') await this.queue.fail(job.kind, job.id, 'worker stopped');
      return;
    }
    const output: JobOutput = { runId: outcome.runId, status: outcome.status, ...(outcome.output ?? {}) };
    if (outcome.error !== undefined) output['error'] = outcome.error;
    if (outcome.metrics !== undefined) output['metrics'] = outcome.metrics;
    if (!(await this.queue.complete(job.kind, job.id, output))) {
      this.logger.warn('job was no longer active when its run ended', { job: job.id, run: runId, status: outcome.status });
    }
  }

  private async recordStats(entry: ActiveJob, end: JobProcessEnd): Promise<void> {
    const outcome = end.kind === 'done' ? end.outcome : undefined;
    try {
      await this.stats.record({
        runId: entry.runId,
        jobId: entry.job.id,
        workerId: this.workerId,
        wallMs: end.wallMs,
        cpuMs: end.usage!.cpuMs,
        peakRssBytes: end.usage!.peakRssBytes,
        threads: this.options.threadsPerJob,
        backend: outcome?.backend ?? this.options.backend,
        stepsPerSecond: outcome?.stepsPerSecond ?? entry.stepsPerSecond ?? null,
      });
    } catch (error) {
      // No run row: the job failed before its run was started.
      this.logger.debug('no resource statistics for the attempt', { job: entry.job.id, run: entry.runId, error: messageOf(error) });
    }
  }

  /** Heartbeat of every running run, and cancellation of jobs cancelled in the queue. */
  private async beat(): Promise<void> {
    const entries = [...this.active.values()];
    if (entries.length === 0) return;
    const progress = new Map(
      entries
        .filter((entry) => entry.fraction !== undefined || entry.stepsPerSecond !== undefined)
        .map((entry) => [entry.runId, { fraction: entry.fraction, stepsPerSecond: entry.stepsPerSecond }] as const),
    );
    await this.leases.beat(
      entries.map((entry) => entry.runId),
      progress,
    );
    for (const kind of new Set(entries.map((entry) => entry.job.kind))) {
      const ofKind = entries.filter((entry) => entry.job.kind === kind);
      const statuses = await this.queue.status(
        kind,
        ofKind.map((entry) => entry.job.id),
      );
      ofKind.forEach((entry, i) => {
        if (statuses[i]?.state === 'cancelled' && !entry.controller.signal.aborted) {
          this.logger.info('job cancelled; stopping its run', { job: entry.job.id, run: entry.runId });
          entry.controller.abort();
        }
      });
    }
  }

  private async housekeeping(): Promise<void> {
    await this.reaper.reap();
    await this.queue.maintain();
  }

  /** A timer's task must never throw out of the timer (the database may be briefly away). */
  private async guard(task: () => Promise<void>): Promise<void> {
    try {
      await task();
    } catch (error) {
      this.logger.warn('worker task failed; retrying on the next tick', { worker: this.workerId, error: messageOf(error) });
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
