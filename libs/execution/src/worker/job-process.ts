import { fork, type ChildProcess } from 'node:child_process';
import { extname } from 'node:path';
import type { ClaimedJob } from '../queue/job-queue';
import type { FromJobProcess, ProcessUsage, ToJobProcess } from './child-protocol';
import type { JobOutcome, JobProgress } from './job-runner';
import { jobProcessMallocEnv } from './job-process-malloc';
import { jobProcessV8Flags } from './job-process-v8-flags';

/** How a job attempt in a job process ended: with an outcome, or crashed (threw, was killed, exited early). */
export type JobProcessEnd =
  | { kind: 'done'; outcome: JobOutcome; usage: ProcessUsage; wallMs: number }
  | { kind: 'crashed'; message: string; usage?: ProcessUsage; wallMs: number };

/** How a job process is started. @internal */
export interface JobProcessOptions {
  /** Module that calls `serveJobProcess` (`.ts` runs through tsx's CommonJS hook). */
  entry: string;
  /** ORT_THREADS of the process; also passed to the runner. */
  threads: number;
  /** More environment for the process (over this process's). */
  env?: NodeJS.ProcessEnv;
}

/** What one attempt needs besides the job. @internal */
export interface JobAttemptOptions {
  onProgress(progress: JobProgress): void;
  /** Abort to cancel the job: the process is asked to stop, then killed after `killAfterMs`. */
  signal: AbortSignal;
  killAfterMs: number;
}

/** After this long without exiting, a released process is killed. */
const exitGraceMs = 10_000;

/**
 * A worker's child process that runs job attempts one at a time, so that N
 * jobs really run on N cores (each with `threads` ONNX Runtime threads), and
 * a crash or a leak ends with the process. It builds the app once and then
 * takes job after job (see `serveJobProcess`); the worker keeps it only while
 * it is {@link reusable}: never after a crash or a cancel.
 * @internal
 *
 * @example
 * const child = JobProcess.start({ entry, threads: 1 });
 * const end = await child.run(job, runId, { onProgress, signal, killAfterMs: 30_000 });
 * if (!child.reusable) await child.release();
 */
export class JobProcess {
  private readonly exited: Promise<string>;
  private hasExited = false;
  private broken = false;
  private busy = false;
  private attempts = 0;

  private constructor(
    private readonly child: ChildProcess,
    private readonly threads: number,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('error', (error) => {
        this.hasExited = true;
        resolve(`job process could not run: ${error.message}`);
      });
      child.once('exit', (code, signal) => {
        this.hasExited = true;
        resolve(`job process exited with ${signal === null ? `code ${code}` : `signal ${signal}`}`);
      });
    });
  }

  /** Forks the process; it starts building its runtime at once. */
  static start(options: JobProcessOptions): JobProcess {
    const child = fork(options.entry, [], {
      execArgv: [...jobProcessV8Flags, ...(extname(options.entry) === '.ts' ? ['--require', require.resolve('tsx/cjs')] : [])],
      // glibc malloc settings first, so that the operator's own (in this process's env or `options.env`) win.
      env: {
        ...jobProcessMallocEnv({ ...process.env, ...options.env }),
        ...process.env,
        ...options.env,
        ORT_THREADS: String(options.threads),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new JobProcess(child, options.threads);
  }

  /** Attempts it has run (or is running). */
  get runs(): number {
    return this.attempts;
  }

  /** Whether it may take another job: alive, idle, and its last attempt neither crashed nor was cancelled. */
  get reusable(): boolean {
    return !this.hasExited && !this.broken && !this.busy && this.child.connected;
  }

  /** Runs one attempt; resolves when it has ended (the process may go on). */
  async run(job: ClaimedJob, runId: string, options: JobAttemptOptions): Promise<JobProcessEnd> {
    if (!this.reusable) throw new Error('job process is busy, broken or gone');
    this.busy = true;
    this.attempts += 1;
    const started = performance.now();
    let killTimer: NodeJS.Timeout | undefined;
    const cancel = () => {
      this.broken = true;
      if (this.child.connected) this.child.send({ type: 'cancel' } satisfies ToJobProcess);
      killTimer = setTimeout(() => this.child.kill('SIGKILL'), options.killAfterMs);
    };
    let onMessage: ((message: FromJobProcess) => void) | undefined;
    const ended = new Promise<Extract<FromJobProcess, { type: 'done' | 'crashed' }>>((resolve) => {
      onMessage = (message: FromJobProcess) => {
        if (message.type === 'progress') options.onProgress(message.progress);
        else resolve(message);
      };
      this.child.on('message', onMessage);
    });
    if (options.signal.aborted) cancel();
    else options.signal.addEventListener('abort', cancel, { once: true });
    try {
      this.child.send({ type: 'run', job, runId, threads: this.threads } satisfies ToJobProcess);
      const end = await Promise.race([ended, this.exited.then((message) => ({ type: 'exited' as const, message }))]);
      const wallMs = performance.now() - started;
      if (end.type === 'done') return { kind: 'done', outcome: end.outcome, usage: end.usage, wallMs };
      this.broken = true;
      if (end.type === 'crashed') return { kind: 'crashed', message: end.message, usage: end.usage, wallMs };
      return { kind: 'crashed', message: end.message, wallMs };
    } finally {
      clearTimeout(killTimer);
      options.signal.removeEventListener('abort', cancel);
      this.child.off('message', onMessage!);
      this.busy = false;
    }
  }

  /** Lets the process go: it closes its runtime and exits (killed if it has not after a grace period). */
  async release(): Promise<void> {
    if (this.hasExited) return;
    if (this.child.connected) this.child.disconnect();
    else this.child.kill('SIGKILL');
    const killTimer = setTimeout(() => this.child.kill('SIGKILL'), exitGraceMs);
    await this.exited;
    clearTimeout(killTimer);
  }
}
