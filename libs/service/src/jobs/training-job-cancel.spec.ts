import 'reflect-metadata';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Settings } from '@tsforecast/config';
import { TrackingStore } from '@tsforecast/db';
import { LocalWorkers, type Worker } from '@tsforecast/execution';
import { StudyStorage } from '@tsforecast/hyperparameter';
import { openServiceStack, type ServiceStack } from '../testing/service-stack';
import { TrainingJobService } from './training-job-service';

jest.setTimeout(120_000);

const AIR_PASSENGERS = resolve(__dirname, '../../../../apps/cli/assets/air_passengers.csv');

/** Polls `done` every 100 ms for at most `ms`; whether it came true. */
async function within(ms: number, done: () => Promise<boolean> | boolean): Promise<boolean> {
  const limit = Date.now() + ms;
  while (Date.now() < limit) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return done();
}

// DELETE /jobs/:id of a search: the trials `trial` jobs run on workers stop too.
describe('TrainingJobService.cancel of a search', () => {
  let stack: ServiceStack;
  let worker: Worker | undefined;

  beforeAll(async () => {
    stack = await openServiceStack('tsf-job-cancel-');
    const dataDir = stack.container.get<Settings>(Settings).DATA_DIR;
    mkdirSync(dataDir, { recursive: true });
    copyFileSync(AIR_PASSENGERS, join(dataDir, 'air.csv'));
  });
  afterAll(async () => {
    await worker?.stop({ cancel: true });
    await stack.database.close();
  });

  it('stops the running trial jobs: the jobs end cancelled, so do their runs, and no trial keeps running', async () => {
    const jobs = stack.container.get(TrainingJobService);
    const submitted = await jobs.submit(
      {
        data: 'air.csv',
        models: ['MLP'],
        horizons: [6],
        experiment: 'cancel-search',
        // Trials that only end when stopped.
        overrides: { maxSteps: 1_000_000 },
        search: { sampler: 'random', trials: 3, pruner: 'none', seed: 1 },
      },
      'tester',
    );
    // Workers that take only trial jobs: the train-run job stays queued, both trial jobs run their trial.
    worker = stack.container.get<LocalWorkers>(LocalWorkers).create({ kinds: ['trial'], concurrency: 2 });
    worker.start();
    const storage = stack.container.get<StudyStorage>(StudyStorage);
    const trials = async () => {
      const study = await storage.findStudy('cancel-search/MLP/h6');
      return study ? storage.listTrials(study.id) : [];
    };
    expect(await within(60_000, async () => (await trials()).filter((t) => t.state === 'running').length === 2)).toBe(true);

    await jobs.cancel(submitted.id);
    // A heartbeat (5 s) sees the cancellation, the fit stops at its next step.
    expect(await within(30_000, () => worker!.activeJobs === 0)).toBe(true);
    const trialJobs = (await stack.database.dataSource.query(
      `SELECT state FROM pgboss.job WHERE name = 'trial' AND data->>'experiment' = 'cancel-search'`,
    )) as { state: string }[];
    expect(trialJobs.map((j) => j.state)).toEqual(['cancelled', 'cancelled']);
    const runs = await stack.container.get<TrackingStore>(TrackingStore).listRuns({ experiment: 'cancel-search', limit: 10 });
    expect(runs.map((r) => [r.kind, r.status])).toEqual([
      ['trial', 'cancelled'],
      ['trial', 'cancelled'],
    ]);
    expect((await trials()).some((t) => t.state === 'running')).toBe(false);
  });
});
