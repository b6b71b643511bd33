import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useServiceStack } from '../testing/service-suite';
import { TrackingStore } from '@tsforecast/db';
import { TrainingService } from './training-service';
import { LeaderboardQuery } from './leaderboard-query';

// The service wired like the app wires it (every layer's real module), on an
// PostgreSQL (a fresh test database), real CSV files, the registry's baselines.
describe('TrainingService', () => {
  const stack = useServiceStack('tsf-service-');

  function panel(): string {
    // 'long' has 30 monthly points; 'short' only 14, fewer than SeasonalNaive (m=12) + h=6 needs to train.
    const rows = ['unique_id,ds,y'];
    for (let t = 0; t < 30; t++)
      rows.push(`long,${2000 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01,${100 + t + (t % 12) * 3}`);
    for (let t = 0; t < 14; t++) rows.push(`short,${2000 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01,${50 + t}`);
    const file = join(stack.dir, 'panel.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    return file;
  }

  /** Trains on {@link panel} into the output folder `out-<experiment>`. */
  function trainPanel(experiment: string, models: string[], horizons: number[], overrides?: Record<string, unknown>) {
    const outputDir = join(stack.dir, `out-${experiment}`);
    return stack.container.get(TrainingService).train({ data: panel(), models, horizons, experiment, outputDir, overrides });
  }

  it('runs every model × horizon, keeps going after a failure and records it', async () => {
    const result = await trainPanel('svc', ['SeasonalNaive', 'Naive'], [6]);
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

    const leaderboard = await stack.container.get(LeaderboardQuery).get('svc', { horizon: 6 });
    expect(leaderboard.map((e) => e.model)).toEqual(['Naive']);
    expect(result.best).toEqual([{ horizon: 6, model: 'Naive', runId: byModel['Naive']!.runId, score: byModel['Naive']!.metrics!['mae'] }]);
    const csv = readFileSync(result.outputs.leaderboard, 'utf8').trim().split('\n');
    expect(csv).toHaveLength(2);
    // The dataset is recorded with the sha256 of the file's bytes as read.
    const summary = JSON.parse(readFileSync(result.outputs.summary, 'utf8')) as { dataset: { fingerprint: string } };
    expect(summary.dataset.fingerprint).toBe(createHash('sha256').update(readFileSync(panel())).digest('hex'));
  });

  it('scores Naive exactly, then accumulates: a later train adds to the leaderboard, the better earlier model stays first', async () => {
    const service = stack.container.get(TrainingService);
    const request = { data: panel(), horizons: [2], experiment: 'svc-accumulate' };
    const first = await service.train({ ...request, models: ['Naive'], outputDir: join(stack.dir, 'acc1') });
    const naive = first.outcomes[0]!;
    // Naive repeats the last training value. long: train ends at t=27 (y=100+27+3*3=136); test t=28,29 → 100+28+12=140,
    // 100+29+15=144 → MAE 6. short: train ends at t=11 (y=61); test 62, 63 → MAE 1.5. Panel MAE = mean over series = 3.75.
    expect(naive.metrics!['mae']).toBeCloseTo(3.75, 10);

    const second = await service.train({ ...request, models: ['HistoricAverage'], outputDir: join(stack.dir, 'acc2') });
    const average = second.outcomes[0]!;
    expect(naive.metrics!['mae']).toBeLessThan(average.metrics!['mae']!);

    const board = await stack.container.get(LeaderboardQuery).get('svc-accumulate', { horizon: 2 });
    expect(board.map((r) => [r.rank, r.model, r.runId])).toEqual([
      [1, 'Naive', naive.runId],
      [2, 'HistoricAverage', average.runId],
    ]);
    // The same runs ranked by another metric of the table.
    expect((await stack.container.get(LeaderboardQuery).get('svc-accumulate', { rankBy: 'smape' })).map((r) => r.horizon)).toEqual([2, 2]);
    await expect(stack.container.get(LeaderboardQuery).get('svc-accumulate', { rankBy: 'foo' })).rejects.toThrow(
      /^'rankBy' \(--rank-by\) must be a metric, one of mae, mse, rmse, mape, smape, mase; got 'foo'$/,
    );

    // The output folder's leaderboard is this invocation's, and says so.
    const csv = readFileSync(second.outputs.leaderboard, 'utf8').trim().split('\n');
    expect(csv).toEqual([
      expect.stringMatching(/^model,horizon,rank,mae,mse,rmse,mape,smape,mase,fit_seconds,run_id$/),
      expect.stringMatching(/^HistoricAverage,2,1,/),
    ]);
    expect(JSON.parse(readFileSync(second.outputs.summary, 'utf8'))).toMatchObject({
      leaderboardScope: 'invocation',
      best: [{ model: 'HistoricAverage' }],
    });
  });

  it('stores the quantiles of a model with intervals with its predictions', async () => {
    const result = await trainPanel('svc-quantiles', ['AutoETS'], [2], { level: [80] });
    const outcome = result.outcomes[0]!;
    expect(outcome.status).toBe('completed');
    const rows = (await stack.database.dataSource.query(
      'SELECT series_id, value, quantiles FROM predictions WHERE run_id = $1 ORDER BY series_id, ds',
      [outcome.runId],
    )) as { value: number; quantiles: Record<string, number> | null }[];
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(Object.keys(row.quantiles!).sort()).toEqual(['0.1', '0.5', '0.9']);
      expect(row.quantiles!['0.1']!).toBeLessThanOrEqual(row.value);
      expect(row.quantiles!['0.5']!).toBeCloseTo(row.value, 9);
      expect(row.quantiles!['0.9']!).toBeGreaterThanOrEqual(row.value);
    }
    // The noisy series has a real interval (the linear one is fitted exactly).
    expect(rows.some((row) => row.quantiles!['0.9']! - row.quantiles!['0.1']! > 1)).toBe(true);
  });

  it.each([
    ['a loss that does not exist', { loss: 'quantile' }, /'loss' must be one of mae, mse, huber, mqloss, got 'quantile'/],
    ['a scaler that does not exist', { scalerType: 'foo' }, /'scalerType' must be one of .*, got 'foo'/],
  ])('rejects %s as a usage error (exit 2) before any run is recorded', async (_label, overrides, message) => {
    const tracking = stack.container.get<TrackingStore>(TrackingStore);
    const before = (await tracking.listRuns({ limit: 1000 })).length;
    const request = {
      data: panel(),
      models: ['Naive', 'MLP'],
      horizons: [2],
      experiment: 'svc-bad-hp',
      outputDir: join(stack.dir, 'out-hp'),
      overrides,
    };
    const failure = stack.container.get(TrainingService).train(request);
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toMatchObject({ exitCode: 2 });
    expect((await tracking.listRuns({ limit: 1000 })).length).toBe(before);
  });

  it('registers no model version for a run whose predictions cannot be stored, and removes its files', async () => {
    const sql = stack.database.dataSource;
    // A prediction store that fails: the database refuses every prediction row.
    await sql.query(
      `CREATE FUNCTION tsf_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'prediction store is down'; END$$`,
    );
    await sql.query('CREATE TRIGGER tsf_test_refuse BEFORE INSERT ON predictions FOR EACH ROW EXECUTE FUNCTION tsf_test_refuse()');
    try {
      const result = await trainPanel('svc-store-down', ['Naive'], [2]);
      const outcome = result.outcomes[0]!;
      expect(outcome).toMatchObject({ status: 'failed', error: expect.stringMatching(/prediction store is down/) });
      expect((await stack.container.get<TrackingStore>(TrackingStore).getRun(outcome.runId)).run.status).toBe('failed');
      expect(await sql.query('SELECT count(*)::int AS n FROM models WHERE run_id = $1', [outcome.runId])).toEqual([{ n: 0 }]);
      expect(existsSync(join(stack.dir, 'models', outcome.runId))).toBe(false);
    } finally {
      await sql.query('DROP TRIGGER tsf_test_refuse ON predictions');
      await sql.query('DROP FUNCTION tsf_test_refuse()');
    }
  });

  it.each([
    [
      'an experiment name that climbs out of OUTPUT_DIR',
      { experiment: '../../../../tmp/x' },
      /'experiment' must be 1 to 100 letters.*got "..\/..\/..\/..\/tmp\/x"/,
    ],
    ['an experiment name with a slash', { experiment: 'a/b' }, /'experiment' must be/],
    [
      'an output folder that cannot be created',
      { outputDir: '/proc/version/out' },
      /'outputDir \(--output-dir\)' must be a directory this process can create and write, got "\/proc\/version\/out" \(ENOTDIR\)/,
    ],
    [
      'an input window longer than every series',
      { overrides: { inputSize: 500 }, models: ['MLP'] },
      /'inputSize' \(--input-size\) must be at most 28 at h=2, the longest training history \(series "long": 28 points before the 2-point hold-out\), got 500/,
    ],
  ])('rejects %s before anything is stored or trained (exit code 2)', async (_label, change, message) => {
    const tracking = stack.container.get<TrackingStore>(TrackingStore);
    const before = (await tracking.listRuns({ limit: 1000 })).length;
    const request = {
      data: panel(),
      models: ['Naive'],
      horizons: [2],
      experiment: 'svc-valid',
      outputDir: join(stack.dir, 'out-valid'),
      ...change,
    };
    const failure = stack.container.get(TrainingService).train(request);
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toMatchObject({ exitCode: 2 });
    expect((await tracking.listRuns({ limit: 1000 })).length).toBe(before);
  });

  it('warns when the input window is longer than only some series (they are padded)', async () => {
    const result = await trainPanel('svc-pad', ['MLP'], [2], { inputSize: 20, maxSteps: 2 });
    expect(result.outcomes[0]!.status).toBe('completed');
    expect(stack.logger.records).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message:
          'inputSize 20 is longer than the training history of 1 series at h=2 (shortest: "short", 12 points); their input windows are left-padded with zeros',
      }),
    );
  });

  it('rejects an unknown model before anything is stored', async () => {
    const service = stack.container.get(TrainingService);
    const tracking = stack.container.get<TrackingStore>(TrackingStore);
    const before = (await tracking.listRuns({ limit: 1000 })).length;
    await expect(
      service.train({ data: panel(), models: ['Naive', 'Prophet'], horizons: [2], experiment: 'bad', outputDir: join(stack.dir, 'out3') }),
    ).rejects.toThrow(/Unknown model 'Prophet'; available: .*Naive/);
    expect((await tracking.listRuns({ limit: 1000 })).length).toBe(before);
  });

  it('rejects an unknown ranking metric, naming the valid ones, before anything is stored', async () => {
    const service = stack.container.get(TrainingService);
    const tracking = stack.container.get<TrackingStore>(TrackingStore);
    const before = (await tracking.listRuns({ limit: 1000 })).length;
    const request = { data: panel(), models: ['Naive'], horizons: [2], experiment: 'bad-rank', outputDir: join(stack.dir, 'out4') };
    await expect(service.train({ ...request, rankBy: 'foo' as 'mae' })).rejects.toThrow(
      /'rankBy' \(--rank-by\) must be a metric, one of mae, mse, rmse, mape, smape, mase; got 'foo'/,
    );
    await expect(service.train({ ...request, rankBy: 'MAE ' as 'mae' })).rejects.toThrow(/got 'MAE '/);
    expect((await tracking.listRuns({ limit: 1000 })).length).toBe(before);
  });
});
