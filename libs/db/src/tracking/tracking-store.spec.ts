import { NotFoundError, TsforecastError, UsageError } from '@tsforecast/config';
import { Container } from 'inversify';
import { dbModule } from '../db-module';
import { useTestDatabase } from '../testing';
import { TrackingStore, type PredictionInput } from './tracking-store';
import { TypeOrmTrackingStore } from './typeorm-tracking-store';

jest.setTimeout(120_000);

const sha = (c: string) => c.repeat(64);

// One engine, PostgreSQL, on the test server: how its schema was made is migrations.spec's concern.
describe('TrackingStore on PostgreSQL', () => {
  const db = useTestDatabase();
  let store: TrackingStore;

  beforeAll(async () => {
    const container = new Container();
    await container.load(dbModule(db()));
    store = container.get<TrackingStore>(TrackingStore);
    expect(store).toBeInstanceOf(TypeOrmTrackingStore);
    expect(container.get<TrackingStore>(TrackingStore)).toBe(store);
  });

  async function startedRun(experiment = 'exp', modelName = 'NHITS') {
    const { id } = await store.ensureExperiment(experiment);
    return store.startRun({ experimentId: id, modelName, horizon: 12, kind: 'train', parameters: { lr: 0.01 } });
  }

  it('creates an experiment once per name', async () => {
    const a = await store.ensureExperiment('m4-daily', 'first');
    const b = await store.ensureExperiment('m4-daily', 'ignored');
    expect(b.id).toBe(a.id);
    expect(b.description).toBe('first');
    expect((await store.listExperiments()).filter((e) => e.name === 'm4-daily')).toHaveLength(1);
    await expect(store.ensureExperiment('  ')).rejects.toThrow(/^'name' must be a non-empty string/);
  });

  it('upserts a data set by fingerprint and name', async () => {
    const input = { name: 'air', path: 'a.csv', fingerprint: sha('a'), rowCount: 144, seriesCount: 1, frequency: 'MS', seasonLength: 12 };
    const first = await store.registerDataset(input);
    const second = await store.registerDataset({ ...input, path: 'moved/a.csv' });
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ path: 'moved/a.csv', rowCount: 144, seasonLength: 12 });
    expect((await store.registerDataset({ ...input, name: 'air-copy' })).id).not.toBe(first.id);
    await expect(store.registerDataset({ ...input, fingerprint: 'abc' })).rejects.toThrow(UsageError);
  });

  it('completes a run with its metrics in one step, and only once', async () => {
    const run = await startedRun();
    expect(run).toMatchObject({ status: 'running', horizon: 12, kind: 'train', parameters: { lr: 0.01 }, endedAt: null });
    const { run: done, model } = await store.completeRun(run.id, { metrics: { mae: 2.5, smape: 0.125 }, durationMs: 4321 });
    expect(done).toMatchObject({ status: 'completed', durationMs: 4321 });
    expect(done.endedAt).toBeInstanceOf(Date);
    expect(model).toBeUndefined();
    const details = await store.getRun(run.id);
    expect(details.metrics.map((m) => [m.name, m.value])).toEqual([
      ['mae', 2.5],
      ['smape', 0.125],
    ]);
    await expect(store.completeRun(run.id)).rejects.toThrow(/already 'completed'; only a 'running' run can become 'completed'/);
    await expect(store.failRun(run.id, 'late')).rejects.toThrow(TsforecastError);
  });

  it('leaves the run running when its completion fails half-way (one transaction)', async () => {
    const run = await startedRun();
    const broken = [
      { name: 'mae', value: 1 },
      { name: null as unknown as string, value: 2 },
    ];
    await expect(store.completeRun(run.id, { metrics: broken })).rejects.toThrow();
    const details = await store.getRun(run.id);
    expect(details.run.status).toBe('running');
    expect(details.metrics).toEqual([]);
  });

  it('keeps the error message of a failed run and lists runs by experiment and status', async () => {
    const run = await startedRun('failures', 'TFT');
    const failed = await store.failRun(run.id, 'out of memory: tensor [64, 512]');
    expect(failed).toMatchObject({ status: 'failed', errorMessage: 'out of memory: tensor [64, 512]' });
    expect(failed.durationMs).toBeGreaterThanOrEqual(0);
    const cancelled = await store.cancelRun((await startedRun('failures', 'NBEATS')).id, 'user abort');
    expect(cancelled).toMatchObject({ status: 'cancelled', errorMessage: 'user abort' });
    const byName = await store.listRuns({ experiment: 'failures' });
    expect(byName.map((r) => r.modelName)).toEqual(['NBEATS', 'TFT']);
    const experimentId = byName[0].experimentId;
    expect((await store.listRuns({ experiment: experimentId, status: 'failed' })).map((r) => r.id)).toEqual([run.id]);
    expect(await store.listRuns({ experiment: 'failures', limit: 1 })).toHaveLength(1);
    expect(await store.listRuns({ experiment: 'no-such-experiment' })).toEqual([]);
    await expect(store.listRuns({ status: 'foo' as 'failed' })).rejects.toThrow(
      /^'status' must be one of running, completed, failed, cancelled, got "foo"$/,
    );
  });

  it('completes a run with its model and predictions in one transaction: a failing part registers nothing', async () => {
    const model = (runId: string) => ({
      runId,
      name: 'Atomic',
      artifactPath: 'models/a',
      sizeBytes: 1,
      sha256: sha('c'),
      hyperparameters: {},
      metadata: {},
    });
    const point = { seriesId: 's', ds: new Date('2020-01-01T00:00:00Z'), value: 1 };
    const run = await startedRun('atomic');
    const broken = [point, { ...point, seriesId: null as unknown as string }];
    await expect(store.completeRun(run.id, { model: model(run.id), predictions: broken, metrics: { mae: 1 } })).rejects.toThrow();
    expect((await store.getRun(run.id)).run.status).toBe('running');
    await expect(store.findModel('Atomic')).rejects.toThrow(/not found/);

    const quantiles = { '0.1': 0.5, '0.9': 1.5 };
    const done = await store.completeRun(run.id, { model: model(run.id), predictions: [{ ...point, quantiles }], metrics: { mae: 1 } });
    expect(done.run.status).toBe('completed');
    expect(done.model!.version).toBe(1);
    expect((await store.findModel('Atomic')).runId).toBe(run.id);
    expect(await db().dataSource.query('SELECT model_id, quantiles FROM predictions WHERE run_id = $1', [run.id])).toEqual([
      { model_id: done.model!.id, quantiles },
    ]);
  });

  it('links the predictions of a forecast request to the model version it used, and stores CV windows as metric rows', async () => {
    const trained = await startedRun('predict-link', 'Naive');
    const model = {
      runId: trained.id,
      name: 'LinkedNaive',
      artifactPath: 'm',
      sizeBytes: 1,
      sha256: sha('d'),
      hyperparameters: {},
      metadata: {},
    };
    const { model: version } = await store.completeRun(trained.id, { model, metrics: { mae: 2 } });
    const { id: experimentId } = await store.ensureExperiment('predict-link');
    const request = await store.startRun({ experimentId, modelName: 'Naive', horizon: 2, kind: 'predict', parameters: {} });
    const ds = new Date('2021-01-01T00:00:00Z');
    await store.completeRun(request.id, { predictions: [{ seriesId: 'a', ds, value: 3 }], usedModelId: version!.id });
    expect(await db().dataSource.query('SELECT model_id, value FROM predictions WHERE run_id = $1', [request.id])).toEqual([
      { model_id: version!.id, value: 3 },
    ]);

    const cv = await store.startRun({ experimentId, modelName: 'Naive', horizon: 2, kind: 'cv', parameters: {} });
    await store.completeRun(cv.id, {
      metrics: [
        { name: 'mae', value: 3 },
        { name: 'mae', value: 2, window: 0 },
        { name: 'mae', value: 4, window: 1 },
      ],
    });
    const rows = (await store.getRun(cv.id)).metrics.map((m) => [m.name, m.window, m.value]);
    expect(rows).toEqual([
      ['mae', 0, 2],
      ['mae', 1, 4],
      ['mae', null, 3],
    ]);
    await expect(
      store.startRun({ experimentId, modelName: 'Naive', horizon: 2, kind: 'refit' as 'train', parameters: {} }),
    ).rejects.toThrow(/^'kind' must be one of train, trial, cv, predict, got "refit"$/);
  });

  it('starts a run under the id its caller chose (a worker leased it first), once', async () => {
    const { id: experimentId } = await store.ensureExperiment('chosen-id');
    const id = '3f2b5c1e-8d4a-4f6b-9c2d-1a2b3c4d5e6f';
    const run = await store.startRun({ id, experimentId, modelName: 'Naive', horizon: 1, kind: 'train', parameters: {} });
    expect(run.id).toBe(id);
    await expect(store.startRun({ id, experimentId, modelName: 'Naive', horizon: 1, kind: 'train', parameters: {} })).rejects.toThrow();
    await expect(
      store.startRun({ id: 'run-1', experimentId, modelName: 'Naive', horizon: 1, kind: 'train', parameters: {} }),
    ).rejects.toThrow(/^'id' of a run must be a uuid, got 'run-1'$/);
  });

  it('rejects bad run input with messages that name the field', async () => {
    const { id } = await store.ensureExperiment('exp');
    await expect(store.startRun({ experimentId: id, modelName: 'X', horizon: 0, kind: 'train', parameters: {} })).rejects.toThrow(
      /^'horizon' must be an integer >= 1, got 0$/,
    );
    await expect(
      store.startRun({ experimentId: '00000000-0000-4000-8000-000000000000', modelName: 'X', horizon: 1, kind: 'train', parameters: {} }),
    ).rejects.toThrow(NotFoundError);
    await expect(store.getRun('00000000-0000-4000-8000-000000000000')).rejects.toThrow(/^Run '.*' not found$/);
    await expect(store.getRun('nope')).rejects.toThrow(NotFoundError);
  });

  it('records training-curve, cross-validation and per-series metrics as rows', async () => {
    const run = await startedRun();
    await store.recordMetrics(run.id, [
      { name: 'train_loss', value: 0.9, step: 1 },
      { name: 'train_loss', value: 0.5, step: 2 },
      { name: 'mae', value: 3, window: 0 },
      { name: 'mae', value: 4, window: 1 },
      { name: 'mae', value: 7, seriesId: 'H1' },
    ]);
    const rows = (await db().dataSource.query(
      `SELECT avg(value)::float8 AS mean FROM metrics WHERE run_id = $1 AND name = 'mae' AND cv_window IS NOT NULL`,
      [run.id],
    )) as { mean: number }[];
    expect(rows[0].mean).toBe(3.5);
    const { metrics } = await store.getRun(run.id);
    expect(metrics.filter((m) => m.step !== null).map((m) => [m.step, m.value])).toEqual([
      [1, 0.9],
      [2, 0.5],
    ]);
    expect(metrics.find((m) => m.seriesId === 'H1')?.value).toBe(7);
  });

  it('saves 10,000 predictions in one call and reads them back exactly', async () => {
    const run = await startedRun();
    const start = Date.UTC(2024, 0, 1);
    const rows: PredictionInput[] = [];
    for (let s = 0; s < 100; s += 1) {
      for (let t = 0; t < 100; t += 1) {
        rows.push({
          seriesId: `S${s}`,
          ds: new Date(start + t * 3_600_000),
          value: s * 1000 + t + 0.25,
          quantiles: t === 0 ? { '0.1': s - 1, '0.9': s + 1 } : null,
          cutoff: t === 0 ? new Date(start - 3_600_000) : null,
        });
      }
    }
    const began = performance.now();
    // Predictions arrive with the run's completion (the run recorder's only way to store them).
    await store.completeRun(run.id, { predictions: rows });
    const elapsed = performance.now() - began;
    process.stdout.write(`[db bench] completeRun with 10k prediction rows in ${elapsed.toFixed(0)} ms\n`);
    const stats = (await db().dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT series_id)::int AS series, sum(value)::float8 AS total FROM predictions WHERE run_id = $1`,
      [run.id],
    )) as { n: number; series: number; total: number }[];
    expect(stats[0]).toEqual({ n: 10_000, series: 100, total: rows.reduce((sum, row) => sum + row.value, 0) });
    const [one] = (await db().dataSource.query(
      `SELECT ds, value, quantiles, cutoff FROM predictions WHERE run_id = $1 AND series_id = 'S7' ORDER BY ds LIMIT 1`,
      [run.id],
    )) as { ds: Date; value: number; quantiles: unknown; cutoff: Date }[];
    expect(one).toEqual({ ds: new Date(start), value: 7000.25, quantiles: { '0.1': 6, '0.9': 8 }, cutoff: new Date(start - 3_600_000) });
  });

  it('versions models per name, also under concurrent registration, and finds them by id, name@version and name', async () => {
    const run = await startedRun();
    const model = (name: string) => ({
      runId: run.id,
      name,
      artifactPath: `models/${name}.onnx`,
      sizeBytes: 5_000_000_000,
      sha256: sha('b'),
      hyperparameters: { input_size: 24 },
      metadata: { horizon: 12 },
    });
    const first = await store.registerModel(model('NHITS'));
    expect(first.version).toBe(1);
    const concurrent = await Promise.all([1, 2, 3].map(() => store.registerModel(model('NHITS'))));
    expect(concurrent.map((m) => m.version).sort()).toEqual([2, 3, 4]);
    await store.registerModel(model('DLinear'));

    const byId = await store.findModel(first.id);
    expect(byId).toMatchObject({ name: 'NHITS', version: 1, sizeBytes: 5_000_000_000, hyperparameters: { input_size: 24 } });
    expect((await store.findModel('NHITS@3')).version).toBe(3);
    // Any letter case, as the registry's model lookup (`--models nhits`).
    expect((await store.findModel('nhits@3')).version).toBe(3);
    expect((await store.findModel('nhits')).version).toBe(4);
    expect((await store.findModel('NHITS')).version).toBe(4);
    await expect(store.findModel('NHITS@9')).rejects.toThrow(
      /^Model 'NHITS@9' not found; known models: (Atomic@1, )?DLinear@1, (LinkedNaive@1, )?NHITS@1\.\.4$/,
    );
    await expect(store.findModel('Prophet')).rejects.toThrow(NotFoundError);
    await expect(store.findModel('NHITS@x')).rejects.toThrow(/^'model' must be a uuid, NAME or NAME@VERSION/);
    await expect(store.registerModel({ ...model('NHITS'), runId: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(NotFoundError);
  });

  it('lists every completed run of a kind with its final scores, across calls, oldest first', async () => {
    const a = await startedRun('board', 'NHITS');
    const b = await startedRun('board', 'DLinear');
    const c = await startedRun('board', 'SeasonalNaive');
    const failed = await startedRun('board', 'TFT');
    await store.completeRun(a.id, {
      metrics: [
        { name: 'mae', value: 1 },
        { name: 'mae', value: 9, window: 0 },
        { name: 'loss', value: 5, step: 3 },
      ],
    });
    await store.completeRun(b.id, { metrics: { mae: 2, rmse: 2.5 } });
    await store.failRun(failed.id, 'boom');
    const experimentId = a.experimentId;
    const first = await store.listRunScores({ experimentId, kind: 'train' });
    expect(first.map((r) => [r.run.modelName, r.metrics])).toEqual([
      ['NHITS', { mae: 1 }],
      ['DLinear', { mae: 2, rmse: 2.5 }],
    ]);
    // A later completion adds to the list; nothing earlier is replaced.
    await store.completeRun(c.id, { metrics: { mae: 3 } });
    expect((await store.listRunScores({ experimentId, kind: 'train', horizon: 12 })).map((r) => r.run.modelName)).toEqual([
      'NHITS',
      'DLinear',
      'SeasonalNaive',
    ]);
    expect(await store.listRunScores({ experimentId, kind: 'train', horizon: 24 })).toEqual([]);
    expect(await store.listRunScores({ experimentId, kind: 'cv' })).toEqual([]);
  });

  it('finds an experiment by name or id, naming the known ones otherwise', async () => {
    const experiment = await store.ensureExperiment('findable');
    expect((await store.findExperiment('findable')).id).toBe(experiment.id);
    expect((await store.findExperiment(experiment.id)).name).toBe('findable');
    await expect(store.findExperiment('nope')).rejects.toThrow(/^Experiment 'nope' not found; known: .*findable/);
  });
});
