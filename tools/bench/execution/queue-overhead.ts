import { PgBossJobQueue, type TrainRunJob } from '@tsforecast/execution';
import type { BenchDatabase } from './bench-database';

const emptyJob: TrainRunJob = {
  requestId: 'bench',
  experiment: 'bench-queue',
  dataPath: '/dev/null',
  fingerprint: '0'.repeat(64),
  model: 'Empty',
  horizon: 1,
  hyperparameters: {},
  modelDir: '/dev/null',
};

/**
 * Queue overhead of empty jobs through pg-boss (what each job costs before
 * any work): one at a time — enqueue, claim, complete, three round trips;
 * `overhead_ms_per_job` is their sum (a `SELECT 1` per job, timed to show the
 * machine's load, is not counted) — and in batches of 10 with `claimers`
 * concurrent claimers (the throughput bound of one PostgreSQL for this workload).
 */
export async function benchQueueOverhead(db: BenchDatabase, jobs: number, claimers: number): Promise<Record<string, number | string>> {
  const queue = new PgBossJobQueue(db.database);
  await queue.enqueue('train-run', []); // starts pg-boss (schema install) outside the timing

  const steps = { roundTrip: [] as number[], enqueue: [] as number[], claim: [] as number[], complete: [] as number[] };
  const timed = async <T>(into: number[], work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await work();
    into.push(performance.now() - start);
    return result;
  };
  const t0 = performance.now();
  for (let i = 0; i < jobs; i++) {
    // The database's plain latency now, to read the other numbers against (the machine may be busy).
    await timed(steps.roundTrip, () => db.database.dataSource.query('SELECT 1'));
    const [id] = await timed(steps.enqueue, () => queue.enqueue('train-run', [emptyJob]));
    const [job] = await timed(steps.claim, () => queue.claim('train-run', 1));
    if (job?.id !== id) throw new Error(`claimed ${job?.id} instead of ${id}`);
    await timed(steps.complete, () => queue.complete('train-run', job.id, { runId: 'none' }));
  }
  const sequentialMs = (performance.now() - t0) / jobs - mean(steps.roundTrip);

  await queue.enqueue(
    'train-run',
    Array.from({ length: jobs }, () => emptyJob),
  );
  const t1 = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: claimers }, async () => {
      for (;;) {
        const claimed = await queue.claim('train-run', 10);
        if (claimed.length === 0) return;
        await Promise.all(claimed.map((job) => queue.complete('train-run', job.id, { runId: 'none' })));
        done += claimed.length;
      }
    }),
  );
  const batchSeconds = (performance.now() - t1) / 1000;
  await queue.close();
  if (done !== jobs) throw new Error(`completed ${done} of ${jobs} jobs`);
  return {
    bench: 'queue',
    jobs,
    overhead_ms_per_job: round(sequentialMs, 2),
    median_enqueue_ms: round(median(steps.enqueue), 2),
    median_claim_ms: round(median(steps.claim), 2),
    median_complete_ms: round(median(steps.complete), 2),
    median_select1_ms: round(median(steps.roundTrip), 2),
    sequential_jobs_per_s: round(1000 / sequentialMs, 1),
    claimers,
    batched_jobs_per_s: round(jobs / batchSeconds, 1),
  };
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}
