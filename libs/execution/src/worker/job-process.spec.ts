import { join } from 'node:path';
import type { ClaimedJob } from '../queue/job-queue';
import { JobProcess } from './job-process';

jest.setTimeout(30_000);

const job: ClaimedJob<'train-run'> = {
  id: 'job-1',
  kind: 'train-run',
  payload: {
    requestId: 'r',
    experiment: 'e',
    dataPath: '/unused',
    fingerprint: 'f',
    model: 'Probe',
    horizon: 1,
    hyperparameters: {},
    modelDir: '/unused',
  },
  attempt: 1,
  maxAttempts: 1,
};

/** What the probe process reports about how it was started. */
async function probe(env: NodeJS.ProcessEnv = {}): Promise<Record<string, number> | undefined> {
  const child = JobProcess.start({ entry: join(__dirname, 'testing/runtime-probe-job-process.ts'), threads: 2, env });
  try {
    const end = await child.run(job, 'run-1', { onProgress: () => undefined, signal: new AbortController().signal, killAfterMs: 5000 });
    if (end.kind !== 'done') throw new Error(end.message);
    return end.outcome.metrics;
  } finally {
    await child.release();
  }
}

describe('JobProcess.start', () => {
  it('starts the process with single-threaded GC, ArrayBuffer transfer, the glibc malloc thresholds and its ORT threads', async () => {
    expect(await probe()).toEqual({
      singleThreadedGc: 1,
      arrayBufferTransfer: 1,
      mallocMmapThreshold: 33554432,
      mallocTrimThreshold: 268435456,
      threads: 2,
    });
  });

  it("keeps the operator's malloc threshold", async () => {
    expect(await probe({ MALLOC_TRIM_THRESHOLD_: '1048576' })).toMatchObject({ mallocTrimThreshold: 1048576 });
  });
});
