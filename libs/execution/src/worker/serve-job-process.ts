import type { JobRunner } from './job-runner';
import { ownUsage, type FromJobProcess, type ToJobProcess } from './child-protocol';

/** What a job process runs jobs with, and how it lets go of it. */
export interface JobProcessRuntime {
  runners: readonly JobRunner[];
  /** Closes what `open` opened (the database). */
  close(): Promise<void>;
}

/**
 * The body of a worker's job process (the module a `Worker` forks): waits for
 * one job from the worker, runs it with the runner of its kind, reports
 * progress and the outcome, and exits. If the worker goes away the process
 * exits at once: its run's heartbeat stops and the reaper fails the run.
 *
 * @example
 * // job-process.ts, the Worker's `entry`
 * serveJobProcess(async () => { const app = await buildContainer(loadSettings()); return { runners: app.container.getAll(JobRunner), close: app.close }; });
 */
export function serveJobProcess(open: () => Promise<JobProcessRuntime>): void {
  if (process.send === undefined) throw new Error('serveJobProcess must run in a process forked with an IPC channel');
  const send = (message: FromJobProcess) => new Promise<void>((resolve) => process.send!(message, undefined, undefined, () => resolve()));
  const controller = new AbortController();
  const workerGone = () => process.exit(1);
  process.on('disconnect', workerGone);
  process.on('message', (message: ToJobProcess) => {
    if (message.type === 'cancel') controller.abort(new Error('job cancelled'));
    else
      void runOne(message, open, controller.signal, send).finally(() => {
        process.off('disconnect', workerGone);
        process.disconnect();
        // ONNX Runtime's thread pools and pending timers must not keep a finished job process alive.
        process.exit(0);
      });
  });
}

async function runOne(
  message: Extract<ToJobProcess, { type: 'run' }>,
  open: () => Promise<JobProcessRuntime>,
  signal: AbortSignal,
  send: (message: FromJobProcess) => Promise<void>,
): Promise<void> {
  let runtime: JobProcessRuntime | undefined;
  try {
    runtime = await open();
    const runner = runtime.runners.find((candidate) => candidate.kind === message.job.kind);
    if (runner === undefined) throw new Error(`no JobRunner is bound for job kind '${message.job.kind}'`);
    const outcome = await runner.run(message.job, {
      runId: message.runId,
      signal,
      threads: message.threads,
      progress: (progress) => void send({ type: 'progress', progress }),
    });
    await runtime.close().catch(() => undefined);
    await send({ type: 'done', outcome, usage: ownUsage() });
  } catch (error) {
    await runtime?.close().catch(() => undefined);
    await send({ type: 'crashed', message: error instanceof Error ? error.message : String(error), usage: ownUsage() });
  }
}
