import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openServiceStack, type ServiceStack } from '../testing/service-stack';
import { TrackingStore } from '@tsforecast/db';
import { TrainingService } from './training-service';

// The service wired like the app wires it (every layer's real module), on an
// embedded PostgreSQL (PGlite), real CSV files, the registry's baselines.
describe('TrainingService', () => {
  let stack: ServiceStack;
  let dir = '';

  beforeAll(async () => {
    stack = await openServiceStack('tsf-service-');
    dir = stack.dir;
  });
  afterAll(async () => stack.database.close());

  function panel(): string {
    // 'long' has 30 monthly points; 'short' only 14, fewer than SeasonalNaive (m=12) + h=6 needs to train.
    const rows = ['unique_id,ds,y'];
    for (let t = 0; t < 30; t++) rows.push(`long,${2000 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01,${100 + t + (t % 12) * 3}`);
    for (let t = 0; t < 14; t++) rows.push(`short,${2000 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01,${50 + t}`);
    const file = join(dir, 'panel.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    return file;
  }

  it('runs every model × horizon, keeps going after a failure and records it', async () => {
    const service = stack.container.get(TrainingService);
    const result = await service.train({ data: panel(), models: ['SeasonalNaive', 'Naive'], horizons: [6], experiment: 'svc', outputDir: join(dir, 'out') });
    const byModel = Object.fromEntries(result.outcomes.map((o) => [o.model, o]));
    expect(byModel['SeasonalNaive']!.status).toBe('failed');
    expect(byModel['SeasonalNaive']!.error).toMatch(/short/);
    expect(byModel['Naive']!.status).toBe('completed');
    expect(byModel['Naive']!.metrics!['mae']).toBeGreaterThan(0);

    const tracking = stack.container.get<TrackingStore>(TrackingStore);
    const failed = await tracking.getRun(byModel['SeasonalNaive']!.runId);
    expect(failed.run.status).toBe('failed');
    expect(failed.run.errorMessage).toMatch(/short/);
    const completed = await tracking.getRun(byModel['Naive']!.runId);
    expect(completed.run.status).toBe('completed');
    expect(completed.metrics.map((m) => m.name)).toEqual(expect.arrayContaining(['mae', 'mse', 'rmse', 'mape', 'smape', 'mase']));

    const leaderboard = await tracking.getLeaderboard(result.experimentId, 6);
    expect(leaderboard.map((e) => e.modelName)).toEqual(['Naive']);
    expect(result.best).toEqual([{ horizon: 6, model: 'Naive', runId: byModel['Naive']!.runId, score: byModel['Naive']!.metrics!['mae'] }]);
    const csv = readFileSync(result.outputs.leaderboard, 'utf8').trim().split('\n');
    expect(csv).toHaveLength(2);
  });

  it('scores Naive exactly: last training value repeated', async () => {
    const service = stack.container.get(TrainingService);
    const result = await service.train({ data: panel(), models: ['Naive'], horizons: [2], experiment: 'svc-naive', outputDir: join(dir, 'out2') });
    // long: train ends at t=27 (y=100+27+3*3=136); test t=28,29 → 100+28+12=140, 100+29+15=144 → MAE 6.
    // short: train ends at t=11 (y=61); test 62, 63 → MAE 1.5. Panel MAE = mean over series = 3.75.
    expect(result.outcomes[0]!.metrics!['mae']).toBeCloseTo(3.75, 10);
  });

  it('rejects an unknown model before anything is stored', async () => {
    const service = stack.container.get(TrainingService);
    const tracking = stack.container.get<TrackingStore>(TrackingStore);
    const before = (await tracking.listRuns({ limit: 1000 })).length;
    await expect(service.train({ data: panel(), models: ['Naive', 'Prophet'], horizons: [2], experiment: 'bad', outputDir: join(dir, 'out3') })).rejects.toThrow(/Unknown model 'Prophet'; available: .*Naive/);
    expect((await tracking.listRuns({ limit: 1000 })).length).toBe(before);
  });
});
