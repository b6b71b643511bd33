import { openQueueTestbed, type QueueTestbed } from '../testing/queue-testbed';
import type { TrainRunJob } from './job-kinds';
import type { PgBossJobQueue } from './pg-boss-job-queue';

jest.setTimeout(60_000);

function payload(model: string): TrainRunJob {
  return {
    requestId: 'r1',
    experiment: 'queue-spec',
    dataPath: '/data/air.csv',
    fingerprint: 'ab'.repeat(32),
    model,
    horizon: 12,
    hyperparameters: { maxSteps: 10 },
    modelDir: '/models',
  };
}

describe('PgBossJobQueue on PostgreSQL', () => {
  let testbed: QueueTestbed;
  let queue: PgBossJobQueue;

  // The testbed gives `train-run` jobs one retry, at once: two attempts each below.
  beforeAll(async () => {
    testbed = await openQueueTestbed();
    queue = testbed.queue;
  });
  afterAll(() => testbed?.close());

  it('hands each job to one claimer, with its payload, oldest first', async () => {
    const ids = await queue.enqueue('train-run', [payload('NHITS'), payload('MLP'), payload('DLinear')]);
    const [first, second] = await Promise.all([queue.claim('train-run', 2), queue.claim('train-run', 2)]);
    const claimed = [...first, ...second];
    expect(claimed.map((job) => job.id).sort()).toEqual([...ids].sort());
    expect(claimed.find((job) => job.id === ids[0])?.payload).toEqual(payload('NHITS'));
    expect(claimed.every((job) => job.attempt === 1 && job.maxAttempts === 2)).toBe(true);
    expect(await queue.claim('train-run', 5)).toEqual([]);
    for (const job of claimed) expect(await queue.complete('train-run', job.id, { runId: `run-of-${job.payload.model}` })).toBe(true);
    const statuses = await queue.status('train-run', ids);
    expect(statuses.map((s) => s?.state)).toEqual(['completed', 'completed', 'completed']);
    expect(statuses[1]?.output).toEqual({ runId: 'run-of-MLP' });
  });

  async function claimAllInTurn(): Promise<TrainRunJob[]> {
    const claimed: TrainRunJob[] = [];
    for (let job = (await queue.claim('train-run', 1))[0]; job !== undefined; job = (await queue.claim('train-run', 1))[0]) {
      claimed.push(job.payload);
      await queue.complete('train-run', job.id, {});
    }
    return claimed;
  }

  it('hands out the train-run jobs of one enqueue longest first (estimated fit cost), ids in the order given', async () => {
    const jobs = [payload('MLP'), payload('SeasonalNaive'), payload('NHITS'), { ...payload('MLP'), hyperparameters: { maxSteps: 50 } }];
    const ids = await queue.enqueue('train-run', jobs);
    expect((await queue.status('train-run', ids)).map((status) => status?.payload)).toEqual(jobs);
    expect(await claimAllInTurn()).toEqual([jobs[3], jobs[2], jobs[0], jobs[1]]);
  });

  it('hands out the jobs of one enqueue in the order given when their estimates tie', async () => {
    const models = Array.from({ length: 12 }, (_, i) => `M${i}`);
    await queue.enqueue('train-run', models.map(payload));
    expect((await claimAllInTurn()).map((job) => job.model)).toEqual(models);
  });

  it('retries a failed attempt, then ends failed with the last error', async () => {
    const [id] = await queue.enqueue('train-run', [payload('NHITS')]);
    const [attempt1] = await queue.claim('train-run', 1);
    expect(await queue.fail('train-run', attempt1!.id, 'child exited with signal SIGKILL')).toBe(true);
    expect((await queue.status('train-run', [id!]))[0]?.state).toBe('retry');
    const [attempt2] = await queue.claim('train-run', 1);
    expect(attempt2).toMatchObject({ id, attempt: 2, maxAttempts: 2 });
    await queue.fail('train-run', id!, 'out of memory');
    const [status] = await queue.status('train-run', [id!]);
    expect(status).toMatchObject({ state: 'failed', attempts: 2, output: { message: 'out of memory' } });
    expect(await queue.claim('train-run', 1)).toEqual([]);
  });

  it('cancels a waiting or active job; completing it afterwards is refused', async () => {
    const [waiting, active] = await queue.enqueue('train-run', [payload('A'), payload('B')]);
    await queue.cancel('train-run', waiting!);
    const claimed = await queue.claim('train-run', 5);
    expect(claimed.map((job) => job.id)).toEqual([active]);
    await queue.cancel('train-run', active!);
    expect(await queue.complete('train-run', active!, { runId: 'x' })).toBe(false);
    expect((await queue.status('train-run', [waiting!, active!])).map((s) => s?.state)).toEqual(['cancelled', 'cancelled']);
  });

  it('lists the active jobs with their attempt and age', async () => {
    const [id] = await queue.enqueue('train-run', [payload('NHITS')]);
    expect(await queue.active('train-run')).toEqual([]);
    await queue.claim('train-run', 1);
    const [active] = await queue.active('train-run');
    expect(active).toMatchObject({ id, attempt: 1 });
    expect(active!.activeForMs).toBeGreaterThanOrEqual(0);
    expect(active!.activeForMs).toBeLessThan(60_000);
    await queue.complete('train-run', id!, {});
    expect(await queue.active('train-run')).toEqual([]);
  });

  it('keeps kinds apart and reports unknown ids as null', async () => {
    const trial = {
      ...payload('NHITS'),
      study: 's1',
      trainRunJobId: 'unused',
      search: { trials: 2 },
      requestedAt: new Date().toISOString(),
    };
    await queue.enqueue('trial', [trial]);
    expect(await queue.claim('train-run', 5)).toEqual([]);
    expect(await queue.status('train-run', ['00000000-0000-4000-8000-000000000000'])).toEqual([null]);
    expect((await queue.claim('trial', 5)).map((job) => job.payload.study)).toEqual(['s1']);
  });

  it('rejects a claim limit below 1, naming the argument', async () => {
    await expect(queue.claim('train-run', 0)).rejects.toThrow(/'limit' must be an integer >= 1, got 0/);
  });
});
