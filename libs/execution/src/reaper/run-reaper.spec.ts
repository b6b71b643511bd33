import { join } from 'node:path';
import { silentLogger } from '@tsforecast/config';
import { TypeOrmResourceStatsStore, TypeOrmRunLeaseStore, type Database } from '@tsforecast/db';
import type { TrainRunJob } from '../queue/job-kinds';
import { PgBossJobQueue } from '../queue/pg-boss-job-queue';
import { waitForJobs } from '../queue/wait-for-jobs';
import { Worker } from '../worker/worker';
import type { AbandonedRun, AbandonedRunCleanup } from './abandoned-run-cleanup';
import { openQueueTestbed, type QueueTestbed } from '../testing/queue-testbed';
import { plantSilentWorkerRun } from '../testing/silent-worker-run';
import { RunReaper } from './run-reaper';

jest.setTimeout(120_000);

const limits = { staleAfterMs: 2000, unleasedAfterMs: 3600_000 };

function job(model: string, modelDir: string): TrainRunJob {
  return {
    requestId: 'req',
    experiment: 'reaper-spec',
    dataPath: '/unused.csv',
    fingerprint: '0'.repeat(64),
    model,
    horizon: 3,
    hyperparameters: {},
    modelDir,
  };
}

/** A cleanup that records what it was asked to clean. */
function recordingCleanup(): AbandonedRunCleanup & { runs: AbandonedRun[] } {
  const runs: AbandonedRun[] = [];
  return { name: 'recording', runs, cleanUp: async (run) => void runs.push(run) };
}

describe('RunReaper: cleaning up after abandoned runs (PostgreSQL)', () => {
  let testbed: QueueTestbed;
  let database: Database;
  let queue: PgBossJobQueue;
  let leases: TypeOrmRunLeaseStore;

  beforeAll(async () => {
    testbed = await openQueueTestbed();
    ({ database, queue, leases } = testbed);
  });
  afterAll(() => testbed?.close());

  /** A claimed job whose worker started a run with `status` and then fell silent a minute ago. */
  async function deadWorkerRun(modelDir: string, status: 'running' | 'completed'): Promise<{ jobId: string; runId: string }> {
    const [jobId] = await queue.enqueue('train-run', [job('Sleep', modelDir)]);
    await queue.claim('train-run', 1);
    const runId = await plantSilentWorkerRun(database, leases, { jobId: jobId!, model: 'Sleep', status });
    return { jobId: jobId!, runId };
  }

  it('hands every run it fails as lost, with its job, to each cleanup; a completed run is left alone', async () => {
    const lost = await deadWorkerRun('/models/lost', 'running');
    const completed = await deadWorkerRun('/models/completed', 'completed');
    const cleanup = recordingCleanup();

    const report = await new RunReaper(leases, queue, silentLogger, limits, [cleanup]).reap();

    expect(report.lostRuns.map((run) => run.runId)).toEqual([lost.runId]);
    expect(cleanup.runs).toEqual([
      { runId: lost.runId, job: { kind: 'train-run', payload: expect.objectContaining({ modelDir: '/models/lost' }) } },
    ]);
    expect(cleanup.runs.map((run) => run.runId)).not.toContain(completed.runId);
  });

  it('a cleanup that throws is logged and does not stop the reaper', async () => {
    const lost = await deadWorkerRun('/models/broken', 'running');
    const broken: AbandonedRunCleanup = { name: 'broken', cleanUp: () => Promise.reject(new Error('disk gone')) };
    const after = recordingCleanup();
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };

    const report = await new RunReaper(leases, queue, logger, limits, [broken, after]).reap();

    expect(report.lostRuns.map((run) => run.runId)).toEqual([lost.runId]);
    expect(after.runs.map((run) => run.runId)).toEqual([lost.runId]);
    expect(warnings).toContain('cleanup after a lost run failed');
  });

  it("a worker hands the run of an attempt whose process crashed to the cleanups, and not the retry's completed run", async () => {
    const [id] = await queue.enqueue('train-run', [job('CrashOnce', '/models/crashed')]);
    const cleanup = recordingCleanup();
    const reaper = new RunReaper(leases, queue, silentLogger, limits, [cleanup]);
    const worker = new Worker(queue, leases, new TypeOrmResourceStatsStore(database), reaper, silentLogger, {
      kinds: ['train-run'],
      concurrency: 1,
      threadsPerJob: 1,
      entry: join(__dirname, '../worker/testing/fixture-job-process.ts'),
      backend: 'cpu',
      env: { DATABASE_URL: testbed.url },
      pollMs: 100,
      heartbeatMs: 200,
    });
    worker.start();
    try {
      const [status] = await waitForJobs(queue, 'train-run', [id!], { pollMs: 100 });
      expect(status).toMatchObject({ state: 'completed', attempts: 2 });
    } finally {
      await worker.stop({ cancel: true });
    }
    const runs = (await database.dataSource.query(
      `SELECT r.id, r.status FROM run_heartbeats h JOIN runs r ON r.id = h.run_id WHERE h.job_id = $1 ORDER BY h.attempt`,
      [id],
    )) as { id: string; status: string }[];
    expect(runs.map((run) => run.status)).toEqual(['failed', 'completed']);
    expect(cleanup.runs).toEqual([
      { runId: runs[0]!.id, job: { kind: 'train-run', payload: expect.objectContaining({ modelDir: '/models/crashed' }) } },
    ]);
  });
});
