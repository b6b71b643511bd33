import { fork } from 'node:child_process';
import { extname } from 'node:path';
import type { ClaimedJob } from '../queue/job-queue';
import type { FromJobProcess, ProcessUsage, ToJobProcess } from './child-protocol';
import type { JobOutcome, JobProgress } from './job-runner';

/** How a job process ended: with an outcome, or crashed (threw, was killed, exited early). */
export type JobProcessEnd =
  | { kind: 'done'; outcome: JobOutcome; usage: ProcessUsage; wallMs: number }
  | { kind: 'crashed'; message: string; usage?: ProcessUsage; wallMs: number };

/** Options of {@link runInJobProcess}. @internal */
export interface JobProcessOptions {
  /** Module that calls `serveJobProcess` (`.ts` runs through tsx's CommonJS hook). */
  entry: string;
  /** ORT_THREADS of the process; also passed to the runner. */
  threads: number;
  /** More environment for the process (over this process's). */
  env?: NodeJS.ProcessEnv;
  onProgress(progress: JobProgress): void;
  /** Abort to cancel the job: the process is asked to stop, then killed after `killAfterMs`. */
  signal: AbortSignal;
  killAfterMs: number;
}

/**
 * Runs one job attempt in a fresh child process, so that N jobs really run on
 * N cores (each with `threads` ONNX Runtime threads) and a crash or a leak
 * ends with the process. Resolves when the process has exited.
 * @internal
 */
export function runInJobProcess(job: ClaimedJob, runId: string, options: JobProcessOptions): Promise<JobProcessEnd> {
  const started = performance.now();
  const child = fork(options.entry, [], {
    execArgv: extname(options.entry) === '.ts' ? ['--require', require.resolve('tsx/cjs')] : [],
    env: { ...process.env, ...options.env, ORT_THREADS: String(options.threads) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let last: FromJobProcess | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  const cancel = () => {
    if (child.connected) child.send({ type: 'cancel' } satisfies ToJobProcess);
    killTimer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
  };
  if (options.signal.aborted) cancel();
  else options.signal.addEventListener('abort', cancel, { once: true });
  child.on('message', (message: FromJobProcess) => {
    if (message.type === 'progress') options.onProgress(message.progress);
    else last = message;
  });
  child.send({ type: 'run', job, runId, threads: options.threads } satisfies ToJobProcess);
  return new Promise((resolve) => {
    const finish = (crash: string) => {
      clearTimeout(killTimer);
      options.signal.removeEventListener('abort', cancel);
      const wallMs = performance.now() - started;
      if (last?.type === 'done') resolve({ kind: 'done', outcome: last.outcome, usage: last.usage, wallMs });
      else if (last?.type === 'crashed') resolve({ kind: 'crashed', message: last.message, usage: last.usage, wallMs });
      else resolve({ kind: 'crashed', message: crash, wallMs });
    };
    child.once('error', (error) => finish(`job process could not run: ${error.message}`));
    child.once('exit', (code, signal) => finish(`job process exited with ${signal === null ? `code ${code}` : `signal ${signal}`}`));
  });
}
