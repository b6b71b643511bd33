import { recordRuns, registerModelVersions } from '@tsforecast/service/testing';
import { bearer, buildTestApi, type TestApi } from '../testing/build-test-api';

jest.setTimeout(120_000);

describe('tracking read routes', () => {
  let api: TestApi;
  let read: Record<string, string>;
  let ids: string[];

  beforeAll(async () => {
    api = await buildTestApi();
    ids = await recordRuns(api.runtime.container, 'sales', [
      { model: 'NHITS', horizon: 12, metrics: { mae: 3, smape: 9 } },
      {
        model: 'DLinear',
        horizon: 12,
        metrics: { mae: 2, smape: 10 },
        predictions: [
          { seriesId: 'b', ds: new Date('2024-01-01T00:00:00Z'), value: 5, quantiles: { 'lo-80': 4, 'hi-80': 6 } },
          { seriesId: 'a', ds: new Date('2024-01-02T00:00:00Z'), value: 2 },
          { seriesId: 'a', ds: new Date('2024-01-01T00:00:00Z'), value: 1, quantiles: { 'lo-80': 0.5 } },
        ],
      },
      { model: 'NHITS', horizon: 24, metrics: { mae: 5, smape: 8 } },
      { model: 'MLP', horizon: 24 },
      { model: 'Naive', horizon: 12, metrics: { mae: 7, smape: 7 } },
    ]);
    await recordRuns(api.runtime.container, 'other', [{ model: 'NHITS', horizon: 6 }]);
    read = bearer(await api.tokenFor(['read']));
  });
  afterAll(() => api?.close());

  const get = (url: string) => api.app.inject({ method: 'GET', url, headers: read });

  it('lists experiments and ranks an experiment per horizon (by mae, or ?rankBy)', async () => {
    expect(
      (await get('/experiments'))
        .json()
        .experiments.map((e: { name: string }) => e.name)
        .sort(),
    ).toEqual(['other', 'sales']);
    const byMae = (await get('/experiments/sales')).json();
    expect(byMae.rankBy).toBe('mae');
    expect(byMae.leaderboard.map((h: { horizon: number; runs: { model: string }[] }) => [h.horizon, h.runs.map((r) => r.model)])).toEqual([
      [12, ['DLinear', 'NHITS', 'Naive']],
      [24, ['NHITS']],
    ]);
    const bySmape = (await get('/experiments/sales?rankBy=smape')).json();
    expect(bySmape.leaderboard[0].runs.map((r: { model: string }) => r.model)).toEqual(['Naive', 'NHITS', 'DLinear']);
    const bad = await get('/experiments/sales?rankBy=speed');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/speed/);
    expect((await get('/experiments/nope')).statusCode).toBe(404);
  });

  it('filters runs and pages through them with a cursor: every run once, newest first', async () => {
    const first = (await get('/runs?experiment=sales&limit=2')).json();
    expect(first.runs.map((r: { id: string }) => r.id)).toEqual([ids[4], ids[3]]);
    const second = (await get(`/runs?experiment=sales&limit=2&cursor=${first.nextCursor}`)).json();
    const third = (await get(`/runs?experiment=sales&limit=2&cursor=${second.nextCursor}`)).json();
    expect([...second.runs, ...third.runs].map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(third.nextCursor).toBeNull();
    const running = (await get('/runs?status=running&model=mlp')).json();
    expect(running.runs.map((r: { id: string }) => r.id)).toEqual([ids[3]]);
    expect((await get('/runs?status=sleeping')).statusCode).toBe(422);
    expect((await get('/runs?limit=0')).statusCode).toBe(422);
    expect((await get('/runs?cursor=abc')).statusCode).toBe(422);
  });

  it("answers a run's predictions per series, dates ascending, interval bounds aligned (null where missing)", async () => {
    const response = await get(`/runs/${ids[1]}/predictions`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      runId: ids[1],
      series: [
        {
          uniqueId: 'a',
          cutoff: null,
          ds: ['2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z'],
          value: [1, 2],
          quantiles: { 'lo-80': [0.5, null] },
        },
        { uniqueId: 'b', cutoff: null, ds: ['2024-01-01T00:00:00.000Z'], value: [5], quantiles: { 'hi-80': [6], 'lo-80': [4] } },
      ],
    });
    expect((await get(`/runs/${ids[0]}/predictions`)).json().series).toEqual([]);
    expect((await get('/runs/00000000-0000-4000-8000-000000000000/predictions')).statusCode).toBe(404);
  });

  it('shows one run with its metrics; 404 for an unknown id', async () => {
    const run = (await get(`/runs/${ids[1]}`)).json();
    expect(run).toMatchObject({ id: ids[1], modelName: 'DLinear', horizon: 12, status: 'completed', metrics: { mae: 2, smape: 10 } });
    expect(run.modelVersion).toBeNull();
    const missing = await get('/runs/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
  });

  it('shows the model version a run registered: name@version and stage', async () => {
    const [versionId] = await registerModelVersions(api.runtime.container, 'Theta', 1);
    const [trained] = (await get('/runs?experiment=registry-fixtures&model=Theta')).json().runs as { id: string }[];
    expect((await get(`/runs/${trained!.id}`)).json().modelVersion).toEqual({ id: versionId, ref: 'Theta@1', stage: 'none' });
  });
});
