import { JobProcess, type JobProcessOptions } from './job-process';

/** Options of {@link JobProcessPool}. @internal */
export interface JobProcessPoolOptions extends JobProcessOptions {
  /** A process is let go after this many attempts, so a slow leak in a runner cannot grow without end (default 50). */
  maxRunsPerProcess?: number;
}

/**
 * The job processes of one worker: an idle process is reused for the next job
 * (it has already built the app: a start costs about a second of CPU), a new
 * one is forked when none is idle. A process that crashed, was cancelled or
 * ran `maxRunsPerProcess` attempts is let go, so the next attempt gets a fresh
 * one. At most one idle process per slot is kept (a slot only takes one
 * after giving one back).
 * @internal
 *
 * @example
 * const child = pool.take();
 * const end = await child.run(job, runId, attempt);
 * pool.giveBack(child);
 * await pool.close(); // when the worker stops
 */
export class JobProcessPool {
  private readonly idle: JobProcess[] = [];
  private readonly releasing = new Set<Promise<void>>();
  private forks = 0;

  constructor(private readonly options: JobProcessPoolOptions) {}

  /** Processes started so far. */
  get started(): number {
    return this.forks;
  }

  /** An idle process that can take a job, or a new one. */
  take(): JobProcess {
    for (let next = this.idle.pop(); next !== undefined; next = this.idle.pop()) {
      if (next.reusable) return next;
      this.release(next);
    }
    this.forks += 1;
    return JobProcess.start(this.options);
  }

  /** Returns a process after its attempt: kept for the next job if it can take one, else let go. */
  giveBack(child: JobProcess): void {
    if (child.reusable && child.runs < (this.options.maxRunsPerProcess ?? 50)) this.idle.push(child);
    else this.release(child);
  }

  /** Lets every idle process go and waits until all have exited. */
  async close(): Promise<void> {
    for (const child of this.idle.splice(0)) this.release(child);
    await Promise.all([...this.releasing]);
  }

  private release(child: JobProcess): void {
    const released = child.release().finally(() => this.releasing.delete(released));
    this.releasing.add(released);
  }
}
