import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { silentLogger } from '@tsforecast/config';
import { Run, TypeOrmResourceStatsStore, TypeOrmRunLeaseStore, type Database } from '@tsforecast/db';
import type { JobJson, TrainRunJob } from '../queue/job-kinds';
import { PgBossJobQueue } from '../queue/pg-boss-job-queue';
import { waitForJobs } from '../queue/wait-for-jobs';
import { RunReaper } from '../reaper/run-reaper';
import { openQueueTestbed, type QueueTestbed } from '../testing/queue-testbed';
import { plantSilentWorkerRun } from '../testing/silent-worker-run';
import type { JobProgress } from './job-runner';
import { Worker, type WorkerOptions } from './worker';

jest.setTimeout(180_000);

const entry = join(__dirname, 'testing', 'fixture-job-process.ts');

function job(model: string, hyperparameters: { [key: string]: JobJson } = {}): TrainRunJob {
  return {
    requestId: 'req',
    experiment: 'worker-spec',
    dataPath: '/unused.csv',
    fingerprint: '0'.repeat(64),
    model,
    horizon: 3,
    hyperparameters,
    modelDir: '/unused',
  };
}

describe('Worker with child job processes on PostgreSQL', () => {
  let testbed: QueueTestbed;
  let database: Database;
  let queue: PgBossJobQueue;
  let leases: TypeOrmRunLeaseStore;
  let stats: TypeOrmResourceStatsStore;
  let worker: Worker | undefined;

  function startWorker(options: Partial<WorkerOptions> = {}): Worker {
    // Silence of 2 s means lost here (30 s by default), so the tests need not wait long.
    const reaper = new RunReaper(leases, queue, silentLogger, { staleAfterMs: 2000, unleasedAfterMs: 3600_000 });
    worker = new Worker(queue, leases, stats, reaper, silentLogger, {
      kinds: ['train-run'],
      concurrency: 2,
      threadsPerJob: 1,
      entry,
      backend: 'cpu',
      env: { DATABASE_URL: testbed.url },
      pollMs: 100,
      heartbeatMs: 200,
      ...options,
    });
    worker.start();
    return worker;
  }

  const runsOf = async (jobId: string) =>
    (await database.dataSource.query(
      `SELECT r.id, r.status, r.error_message FROM run_heartbeats h JOIN runs r ON r.id = h.run_id WHERE h.job_id = $1 ORDER BY h.attempt`,
      [jobId],
    )) as { id: string; status: string; error_message: string | null }[];

  beforeAll(async () => {
    testbed = await openQueueTestbed();
    ({ database, queue, leases } = testbed);
    stats = new TypeOrmResourceStatsStore(database);
  });
  afterEach(async () => {
    await worker?.stop({ cancel: true });
    worker = undefined;
  });
  afterAll(() => testbed?.close());

  it('runs jobs two at a time in child processes: one completed run per job, progress, resource statistics', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const progress: JobProgress[] = [];
    const pids = new Set<string>();
    startWorker({
      listener: {
        jobStarted: () => (mostAtOnce = Math.max(mostAtOnce, ++running)),
        jobProgress: (_job, runId, update) => {
          progress.push(update);
          pids.add(runId);
        },
        jobEnded: () => running--,
      },
    });
    const ids = await queue.enqueue('train-run', [
      job('Sleep', { steps: 8, stepMs: 100 }),
      job('Sleep', { steps: 8, stepMs: 100 }),
      job('Sleep'),
    ]);
    const ended = await waitForJobs(queue, 'train-run', ids, { pollMs: 100 });

    expect(ended.map((status) => [status.state, status.output?.['status']])).toEqual([
      ['completed', 'completed'],
      ['completed', 'completed'],
      ['completed', 'completed'],
    ]);
    expect(mostAtOnce).toBe(2);
    for (const status of ended) {
      const runs = await runsOf(status.id);
      expect(runs).toEqual([{ id: status.output?.['runId'], status: 'completed', error_message: null }]);
      const usage = await stats.forRun(runs[0]!.id);
      expect(usage).toMatchObject({ jobId: status.id, threads: 1, backend: 'cpu', stepsPerSecond: 20, workerId: worker!.workerId });
      expect(usage!.cpuMs).toBeGreaterThan(0);
      expect(usage!.peakRssBytes).toBeGreaterThan(20 * 1024 * 1024);
      expect(usage!.wallMs).toBeGreaterThan(0);
    }
    expect(progress).toContainEqual({ step: 8, fraction: 1, loss: 1 / 8, steps_per_s: 20 });
    expect(pids.size).toBe(3);
  });

  it("reuses a slot's job process for its next jobs: one process for three jobs, each run with its own statistics", async () => {
    const runsInOrder: string[] = [];
    startWorker({ concurrency: 1, listener: { jobStarted: (_job, runId) => runsInOrder.push(runId) } });
    const ids = await queue.enqueue('train-run', [job('Sleep'), job('Burn', { ms: 300 }), job('Sleep')]);
    const ended = await waitForJobs(queue, 'train-run', ids, { pollMs: 100 });
    expect(ended.map((status) => status.output?.['status'])).toEqual(['completed', 'completed', 'completed']);
    expect(worker!.processesStarted).toBe(1);
    const [first, second, third] = await Promise.all(runsInOrder.map(async (runId) => (await stats.forRun(runId))!));
    // Each run's CPU is its own window's: the first includes the process's start-up, the later ones do not.
    expect(second!.cpuMs).toBeGreaterThan(0);
    expect(second!.cpuMs).toBeLessThan(first!.cpuMs);
    expect(third!.cpuMs).toBeLessThan(first!.cpuMs);
    expect(third!.peakRssBytes).toBeGreaterThan(20 * 1024 * 1024);
  });

  it('retries a job whose process was killed; its first run is failed as worker lost, the retry completes', async () => {
    startWorker();
    const [id] = await queue.enqueue('train-run', [job('CrashOnce')]);
    const [status] = await waitForJobs(queue, 'train-run', [id!], { pollMs: 100 });
    expect(status).toMatchObject({ state: 'completed', attempts: 2 });
    // The retry ran in a fresh process.
    expect(worker!.processesStarted).toBe(2);
    const runs = await runsOf(id!);
    expect(runs.map((run) => run.status)).toEqual(['failed', 'completed']);
    expect(runs[0]!.error_message).toBe('worker lost: job process exited with signal SIGKILL');
    expect(status!.output?.['runId']).toBe(runs[1]!.id);
  });

  it('ends a job that keeps crashing failed with its last error after its attempts', async () => {
    startWorker();
    const [crash, broken] = await queue.enqueue('train-run', [job('Crash'), job('Throw')]);
    const [crashed, threw] = await waitForJobs(queue, 'train-run', [crash!, broken!], { pollMs: 100 });
    expect(crashed).toMatchObject({ state: 'failed', attempts: 2, output: { message: 'job process exited with signal SIGKILL' } });
    expect((await runsOf(crash!)).map((run) => run.status)).toEqual(['failed', 'failed']);
    expect(threw).toMatchObject({ state: 'failed', attempts: 2, output: { message: 'fixture runner broke' } });
    expect(await runsOf(broken!)).toEqual([]);
    // No process is reused after a crash: four attempts, four processes.
    expect(worker!.processesStarted).toBe(4);
  });

  it('completes the job of a run that failed on its own, without retrying it', async () => {
    startWorker();
    const [id] = await queue.enqueue('train-run', [job('Fail')]);
    const [status] = await waitForJobs(queue, 'train-run', [id!], { pollMs: 100 });
    expect(status).toMatchObject({ state: 'completed', attempts: 1, output: { status: 'failed', error: 'fixture model diverged' } });
  });

  it('stops a cancelled job at its next step and records its run cancelled', async () => {
    let started: (runId: string) => void;
    const runStarted = new Promise<string>((resolve) => (started = resolve));
    startWorker({ listener: { jobProgress: (_job, runId) => started(runId) } });
    const [id] = await queue.enqueue('train-run', [job('Sleep', { steps: 10_000, stepMs: 20 })]);
    const runId = await runStarted;
    const cancelledAt = Date.now();
    await queue.cancel('train-run', id!);
    await waitForJobs(queue, 'train-run', [id!], { pollMs: 100 });
    while (worker!.activeJobs > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(Date.now() - cancelledAt).toBeLessThan(10_000);
    const run = await database.dataSource.getRepository(Run).findOneByOrFail({ id: runId });
    expect(run.status).toBe('cancelled');
    expect(run.errorMessage).toMatch(/^job cancelled at step \d+$/);
    expect((await queue.status('train-run', [id!]))[0]?.state).toBe('cancelled');
    // The cancelled job's process is let go; the next job gets a fresh one.
    const [next] = await queue.enqueue('train-run', [job('Sleep')]);
    expect((await waitForJobs(queue, 'train-run', [next!], { pollMs: 100 }))[0]?.state).toBe('completed');
    expect(worker!.processesStarted).toBe(2);
  });

  it('does not run a job again when an earlier attempt already completed its run', async () => {
    const [id] = await queue.enqueue('train-run', [job('Sleep')]);
    const runId = randomUUID();
    const [{ id: experimentId }] = (await database.dataSource.query(
      `INSERT INTO experiments (name) VALUES ('done-before') RETURNING id`,
    )) as { id: string }[];
    await database.dataSource.query(
      `INSERT INTO runs (id, experiment_id, model_name, horizon, kind, parameters, status) VALUES ($1, $2, 'Sleep', 3, 'train', '{}', 'completed')`,
      [runId, experimentId],
    );
    await leases.open({ runId, workerId: 'gone:1', jobId: id!, jobKind: 'train-run', attempt: 1 });
    startWorker();
    const [status] = await waitForJobs(queue, 'train-run', [id!], { pollMs: 100 });
    expect(status).toMatchObject({ state: 'completed', output: { runId, status: 'completed', reused: true } });
    expect(await runsOf(id!)).toHaveLength(1);
  });

  it('reaper: a run whose worker fell silent is failed and its job retried at once', async () => {
    const [id] = await queue.enqueue('train-run', [job('Sleep')]);
    // A worker that claimed the job, started its run and died (no process left, no more heartbeats).
    const [claimed] = await queue.claim('train-run', 1);
    await plantSilentWorkerRun(database, leases, {
      jobId: id!,
      attempt: claimed!.attempt,
      model: 'Sleep',
      workerId: 'dead-host:9',
    });

    startWorker();
    const [status] = await waitForJobs(queue, 'train-run', [id!], { pollMs: 100 });

    expect(status).toMatchObject({ state: 'completed', attempts: 2 });
    const runs = await runsOf(id!);
    expect(runs.map((run) => run.status)).toEqual(['failed', 'completed']);
    expect(runs[0]!.error_message).toMatch(/^worker lost: no heartbeat from dead-host:9 since /);
  });

  it('reaper: retries a job whose worker died before its run started, or before it even wrote the lease', async () => {
    const [beforeRun, beforeLease] = await queue.enqueue('train-run', [job('Sleep'), job('Sleep')]);
    const claimed = await queue.claim('train-run', 2);
    expect(claimed.map((c) => c.id).sort()).toEqual([beforeRun, beforeLease].sort());
    await leases.open({ runId: randomUUID(), workerId: 'dead-host:10', jobId: beforeRun!, jobKind: 'train-run', attempt: 1 });
    await database.dataSource.query(`UPDATE run_heartbeats SET beat_at = now() - interval '1 minute' WHERE job_id = $1`, [beforeRun]);
    await new Promise((resolve) => setTimeout(resolve, 2100)); // the lease-less claim must be older than the limit

    startWorker();
    const ended = await waitForJobs(queue, 'train-run', [beforeRun!, beforeLease!], { pollMs: 100 });

    expect(ended.map((s) => [s.state, s.attempts])).toEqual([
      ['completed', 2],
      ['completed', 2],
    ]);
    expect((await runsOf(beforeLease!)).map((run) => run.status)).toEqual(['completed']);
  });

  it('reaper: completes, without running it again, an active job whose run completed before its worker died', async () => {
    const [id] = await queue.enqueue('train-run', [job('Sleep')]);
    await queue.claim('train-run', 1);
    const runId = await plantSilentWorkerRun(database, leases, {
      jobId: id!,
      model: 'Sleep',
      status: 'completed',
      workerId: 'dead-host:11',
    });

    startWorker();
    const [status] = await waitForJobs(queue, 'train-run', [id!], { pollMs: 100 });

    expect(status).toMatchObject({ state: 'completed', attempts: 1, output: { runId, status: 'completed', reused: true } });
    expect(await runsOf(id!)).toHaveLength(1);
  });
});
