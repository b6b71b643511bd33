import type { JobOutcome, JobRunner } from './job-runner';
import type { FromJobProcess, ToJobProcess } from './child-protocol';
import { RunUsageMeter } from './run-usage-meter';

/** What a job process runs jobs with, and how it lets go of it. */
export interface JobProcessRuntime {
  runners: readonly JobRunner[];
  /** Closes what `open` opened (the database). */
  close(): Promise<void>;
}

/** How long an idle process may take to close its runtime when its worker lets it go. */
const closeTimeoutMs = 5000;

/**
 * The body of a worker's job process (the module a `Worker` forks). Opens its
 * runtime at once (the app's container: the costly part of a start), then
 * runs the jobs the worker sends, one at a time, each with the runner of its
 * kind, reporting progress, the outcome and the run's usage. It stays up for
 * the worker's next job; the worker ends it (it disconnects) when it is done
 * with it — after a crash or a cancel it always does. If the worker goes away
 * during a job the process exits at once: its run's heartbeat stops and the
 * reaper fails the run.
 *
 * @example
 * // job-process.ts, the Worker's `entry`
 * serveJobProcess(async () => { const app = await buildContainer(loadSettings()); return { runners: app.container.getAll(JobRunner), close: app.close }; });
 */
export function serveJobProcess(open: () => Promise<JobProcessRuntime>): void {
  if (process.send === undefined) throw new Error('serveJobProcess must run in a process forked with an IPC channel');
  const send = (message: FromJobProcess) => new Promise<void>((resolve) => process.send!(message, undefined, undefined, () => resolve()));
  const runtime = open();
  // A runtime that cannot open fails each run that needs it (reported as a crash); never an unhandled rejection.
  runtime.catch(() => undefined);
  let meter = new RunUsageMeter(true);
  let current: AbortController | undefined;
  process.on('disconnect', () => {
    // The worker went away during a job: stop now (ONNX Runtime's threads must not keep the process alive).
    if (current !== undefined) process.exit(1);
    setTimeout(() => process.exit(0), closeTimeoutMs).unref();
    void runtime.then((opened) => opened.close()).finally(() => process.exit(0));
  });
  process.on('message', (message: ToJobProcess) => {
    if (message.type === 'cancel') {
      current?.abort(new Error('job cancelled'));
      return;
    }
    const controller = (current = new AbortController());
    void runOne(message, runtime, controller.signal, send).then(async (end) => {
      current = undefined;
      const usage = meter.stop();
      meter = new RunUsageMeter();
      await send(end.type === 'done' ? { ...end, usage } : { ...end, usage });
    });
  });
}

type RunEnd = { type: 'done'; outcome: JobOutcome } | { type: 'crashed'; message: string };

async function runOne(
  message: Extract<ToJobProcess, { type: 'run' }>,
  runtime: Promise<JobProcessRuntime>,
  signal: AbortSignal,
  send: (message: FromJobProcess) => Promise<void>,
): Promise<RunEnd> {
  try {
    const { runners } = await runtime;
    const runner = runners.find((candidate) => candidate.kind === message.job.kind);
    if (runner === undefined) throw new Error(`no JobRunner is bound for job kind '${message.job.kind}'`);
    const outcome = await runner.run(message.job, {
      runId: message.runId,
      signal,
      threads: message.threads,
      progress: (progress) => void send({ type: 'progress', progress }),
    });
    return { type: 'done', outcome };
  } catch (error) {
    return { type: 'crashed', message: error instanceof Error ? error.message : String(error) };
  }
}
