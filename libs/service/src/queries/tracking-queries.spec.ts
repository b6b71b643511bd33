import 'reflect-metadata';
import { openServiceStack, type ServiceStack } from '../testing/service-stack';
import { RunRecorder } from '../recording/run-recorder';
import { TrackingQueries } from './tracking-queries';

describe('TrackingQueries', () => {
  let stack: ServiceStack;
  let queries: TrackingQueries;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    stack = await openServiceStack('tsf-queries-');
    queries = stack.container.get(TrackingQueries);
    const recorder = stack.container.get<RunRecorder>(RunRecorder);
    // Oldest first: train Naive, cv SeasonalNaive (with windows), a failed train of NHITS.
    const train = await recorder.start({ kind: 'train', experiment: 'q1', model: 'Naive', horizon: 12, parameters: {} });
    const model = (version: string, runId: string) => ({
      runId,
      name: 'Naive',
      artifactPath: `/models/naive-${version}`,
      sizeBytes: 10,
      sha256: version.repeat(64),
      hyperparameters: {},
      metadata: {},
    });
    await recorder.complete(train, { metrics: { mae: 76 }, model: model('a', train.id) });
    const retrain = await recorder.start({ kind: 'train', experiment: 'q1', model: 'Naive', horizon: 12, parameters: {} });
    await recorder.complete(retrain, { metrics: { mae: 75 }, model: model('b', retrain.id) });
    const cv = await recorder.start({ kind: 'cv', experiment: 'q1', model: 'SeasonalNaive', horizon: 12, parameters: { windows: 2 } });
    await recorder.complete(cv, {
      metrics: { mae: 40 },
      windows: [
        { window: 0, metrics: { mae: 32, mase: 1.1 } },
        { window: 1, metrics: { mae: 48 } },
      ],
    });
    const failed = await recorder.start({ kind: 'train', experiment: 'q2', model: 'NHITS', horizon: 6, parameters: {} });
    await recorder.fail(failed, new Error('diverged'));
    Object.assign(ids, { train: train.id, retrain: retrain.id, cv: cv.id, failed: failed.id });
  });
  afterAll(() => stack.database.close());

  it('lists experiments, newest first', async () => {
    expect((await queries.listExperiments()).map((e) => e.name)).toEqual(['q2', 'q1']);
  });

  it('filters runs by experiment, status, model (any letter case) and kind, newest first', async () => {
    expect((await queries.listRuns()).map((r) => r.id)).toEqual([ids['failed'], ids['cv'], ids['retrain'], ids['train']]);
    expect((await queries.listRuns({ experiment: 'q1' })).map((r) => r.id)).toEqual([ids['cv'], ids['retrain'], ids['train']]);
    expect((await queries.listRuns({ status: 'failed' })).map((r) => r.id)).toEqual([ids['failed']]);
    expect((await queries.listRuns({ model: 'seasonalnaive' })).map((r) => r.id)).toEqual([ids['cv']]);
    expect((await queries.listRuns({ kind: 'train' })).map((r) => r.id)).toEqual([ids['failed'], ids['retrain'], ids['train']]);
    expect((await queries.listRuns({ experiment: 'q1', kind: 'train', model: 'NAIVE' })).map((r) => r.id)).toEqual([
      ids['retrain'],
      ids['train'],
    ]);
    expect(await queries.listRuns({ experiment: 'q1', kind: 'predict' })).toEqual([]);
    expect(await queries.listRuns({ limit: 1 })).toHaveLength(1);
    await expect(queries.listRuns({ status: 'done' as 'failed' })).rejects.toThrow(
      /'status' must be one of running, completed, failed, cancelled, got "done"/,
    );
  });

  it('shows a run with its run-level metrics only (window rows stay out)', async () => {
    const cv = await queries.getRun(ids['cv']!);
    expect(cv).toMatchObject({ id: ids['cv'], kind: 'cv', status: 'completed', parameters: { windows: 2 } });
    expect(cv.metrics).toEqual({ mae: 40 });
    expect((await queries.getRun(ids['failed']!)).errorMessage).toMatch(/diverged/);
    await expect(queries.getRun('00000000-0000-4000-8000-000000000000')).rejects.toThrow(/not found/);
  });

  it('lists model versions newest first, by name in any letter case, and finds one by name@version or name', async () => {
    expect((await queries.listModelVersions()).map((m) => `${m.name}@${m.version}`)).toEqual(['Naive@2', 'Naive@1']);
    expect((await queries.listModelVersions('naive')).map((m) => m.runId)).toEqual([ids['retrain'], ids['train']]);
    expect(await queries.listModelVersions('SeasonalNaive')).toEqual([]);
    expect((await queries.findModel('Naive@1')).runId).toBe(ids['train']);
    expect((await queries.findModel('Naive')).version).toBe(2);
  });

  it('ranks the experiment leaderboard over every completed train run (the better retrain first)', async () => {
    const rows = await queries.leaderboard('q1', { horizon: 12 });
    expect(rows.map((r) => [r.rank, r.runId])).toEqual([
      [1, ids['retrain']],
      [2, ids['train']],
    ]);
  });

  it('reports the database reachable with every migration applied, and unreachable once closed', async () => {
    expect(await queries.databaseHealth()).toEqual({ reachable: true, migrationsCurrent: true, pending: [] });
    const closed = await openServiceStack('tsf-queries-closed-');
    await closed.database.close();
    expect(await closed.container.get(TrackingQueries).databaseHealth()).toEqual({
      reachable: false,
      migrationsCurrent: false,
      pending: [],
    });
  });
});
