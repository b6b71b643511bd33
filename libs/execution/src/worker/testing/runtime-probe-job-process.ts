/**
 * A job process for job-process.spec: its one runner answers with what the
 * process was started with (V8 flags, ArrayBuffer transfer, glibc malloc variables, ORT threads).
 */
import type { JobRunner } from '../job-runner';
import { serveJobProcess } from '../serve-job-process';

serveJobProcess(async () => {
  const runner: JobRunner<'train-run'> = {
    kind: 'train-run',
    run: async (_job, context) => ({
      runId: context.runId,
      status: 'completed',
      metrics: {
        singleThreadedGc: process.execArgv.includes('--single-threaded-gc') ? 1 : 0,
        arrayBufferTransfer: typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer === 'function' ? 1 : 0,
        mallocMmapThreshold: Number(process.env['MALLOC_MMAP_THRESHOLD_'] ?? 0),
        mallocTrimThreshold: Number(process.env['MALLOC_TRIM_THRESHOLD_'] ?? 0),
        threads: context.threads,
      },
    }),
  };
  return { runners: [runner], close: async () => undefined };
});
