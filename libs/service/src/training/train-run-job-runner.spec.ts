import 'reflect-metadata';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TrackingStore } from '@tsforecast/db';
import { JobRunner, type ClaimedJob, type JobContext, type JobProgress } from '@tsforecast/execution';
import { openServiceStack, type ServiceStack } from '../testing/service-stack';

// The queue worker's entry into training, through the service wired as the app wires it.
describe('TrainRunJobRunner', () => {
  let stack: ServiceStack;
  let file = '';
  beforeAll(async () => {
    stack = await openServiceStack('tsf-job-runner-');
    const rows = ['unique_id,ds,y'];
    for (let t = 0; t < 36; t++)
      rows.push(`a,${2000 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01,${100 + t + (t % 12) * 3}`);
    file = join(stack.dir, 'a.csv');
    writeFileSync(file, rows.join('\n') + '\n');
  });
  afterAll(async () => stack.database.close());

  /** The runner the job process serves for `train-run` (multi-bound under JobRunner). */
  const runner = () => stack.container.getAll<JobRunner>(JobRunner).find((r) => r.kind === 'train-run')!;
  const job = (model: string, overrides: Partial<ClaimedJob<'train-run'>['payload']> = {}): ClaimedJob<'train-run'> => ({
    id: randomUUID(),
    kind: 'train-run',
    attempt: 1,
    maxAttempts: 3,
    payload: {
      requestId: 'r1',
      experiment: 'queued',
      dataPath: file,
      fingerprint: createHash('sha256').update(readFileSync(file)).digest('hex'),
      model,
      horizon: 6,
      hyperparameters: {},
      modelDir: join(stack.dir, 'shared-models'),
      ...overrides,
    },
  });
  const context = (signal = new AbortController().signal) => {
    const updates: JobProgress[] = [];
    const value: JobContext = { runId: randomUUID(), signal, threads: 1, progress: (u) => updates.push(u) };
    return { value, updates };
  };

  it("trains one model × horizon under the leased run id, its files in the job's model folder", async () => {
    const { value } = context();
    const outcome = await runner().run(job('SeasonalNaive'), value);
    expect(outcome).toMatchObject({
      runId: value.runId,
      status: 'completed',
      backend: 'cpu',
      output: { model: expect.stringMatching(/^SeasonalNaive@\d+$/) },
    });
    expect(outcome.metrics!['mae']).toBeGreaterThan(0);
    const { run } = await stack.container.get<TrackingStore>(TrackingStore).getRun(value.runId);
    expect(run).toMatchObject({ status: 'completed', kind: 'train', modelName: 'SeasonalNaive', horizon: 6 });
    expect(existsSync(join(stack.dir, 'shared-models', value.runId, 'metadata.json'))).toBe(true);
  });

  it('fails the job when the file changed since the request read it, recording no run', async () => {
    const { value } = context();
    const outcome = await runner().run(job('Naive', { fingerprint: 'f'.repeat(64) }), value);
    expect(outcome).toMatchObject({
      runId: value.runId,
      status: 'failed',
      error: expect.stringMatching(/changed since the request read it: sha256 [0-9a-f]{64}, the request read f{64}/),
    });
    await expect(stack.container.get<TrackingStore>(TrackingStore).getRun(value.runId)).rejects.toThrow(/not found/);
  });

  it('records a cancelled run when the job is cancelled during the fit', async () => {
    const controller = new AbortController();
    const { value, updates } = context(controller.signal);
    const cancelling = {
      ...value,
      progress: (u: JobProgress) => {
        updates.push(u);
        controller.abort();
      },
    };
    const outcome = await runner().run(job('MLP', { hyperparameters: { maxSteps: 200 } }), cancelling);
    expect(outcome).toMatchObject({ runId: value.runId, status: 'cancelled' });
    expect(updates.length).toBeGreaterThan(0);
    expect((await stack.container.get<TrackingStore>(TrackingStore).getRun(value.runId)).run.status).toBe('cancelled');
  });
});
