import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { recordStudy } from '@tsforecast/service/testing';
import { bearer, buildTestApi, type TestApi } from '../testing/build-test-api';
import { hourlyCsv } from '../testing/hourly-csv';

jest.setTimeout(120_000);

/** No workers here: jobs stay queued, so states and cancellation are checked without training (jobs.e2e.spec.ts runs them). */
describe('training jobs without workers: POST/GET/DELETE /jobs, GET /studies/:id', () => {
  let api: TestApi;
  let train: Record<string, string>;
  let read: Record<string, string>;
  const submit = (body: object) => api.app.inject({ method: 'POST', url: '/jobs', headers: train, payload: body });
  const job = (data: string, more: object = {}) => ({ data, models: ['SeasonalNaive'], horizons: [6], experiment: 'jobs', ...more });

  beforeAll(async () => {
    api = await buildTestApi();
    train = bearer(await api.tokenFor(['train'], 'carol'));
    read = bearer(await api.tokenFor(['read']));
    mkdirSync(join(api.settings.DATA_DIR, 'series'), { recursive: true });
    writeFileSync(join(api.settings.DATA_DIR, 'series', 'hourly.csv'), hourlyCsv(2, 60));
    const outside = mkdtempSync(join(tmpdir(), 'tsf-outside-'));
    writeFileSync(join(outside, 'secret.csv'), hourlyCsv(1, 60));
    symlinkSync(join(outside, 'secret.csv'), join(api.settings.DATA_DIR, 'series', 'link.csv'));
    symlinkSync(outside, join(api.settings.DATA_DIR, 'elsewhere'));
  });
  afterAll(() => api?.close());

  it('accepts a job on a file under DATA_DIR (202 queued, Location), shows it queued with one run per model × horizon', async () => {
    const response = await submit(job('series/hourly.csv', { models: ['SeasonalNaive', 'Naive'], horizons: [6, 12] }));
    expect(response.statusCode).toBe(202);
    const { id, status, location } = response.json();
    expect(status).toBe('queued');
    expect(response.headers.location).toBe(`/jobs/${id}`);
    expect(location).toBe(`/jobs/${id}`);
    const shown = (await api.app.inject({ method: 'GET', url: `/jobs/${id}`, headers: read })).json();
    expect(shown).toMatchObject({ id, experiment: 'jobs', state: 'queued', createdBy: 'carol', cancelledAt: null, datasetId: null });
    expect(shown.progress).toEqual({ runsDone: 0, runsTotal: 4, current: [], stepsPerSecond: null, etaSeconds: null });
    expect(shown.runs.map((r: { model: string; horizon: number; status: string }) => `${r.model}/${r.horizon}/${r.status}`)).toEqual([
      'SeasonalNaive/6/queued',
      'Naive/6/queued',
      'SeasonalNaive/12/queued',
      'Naive/12/queued',
    ]);
  });

  it('never reads outside DATA_DIR: .., absolute paths and symlinks out are 400 naming data', async () => {
    const cases: [string, RegExp][] = [
      ['../outside.csv', /^'data' must stay inside DATA_DIR \(no '\.\.' segments\), got "\.\.\/outside\.csv"$/],
      ['series/../../x.csv', /^'data' must stay inside DATA_DIR/],
      ['/etc/passwd', /^'data' must be a path relative to DATA_DIR, not an absolute path, got "\/etc\/passwd"$/],
      [resolve(api.settings.DATA_DIR, 'series/hourly.csv'), /^'data' must be a path relative to DATA_DIR, not an absolute path/],
      ['series/link.csv', /^'data' "series\/link\.csv" leads outside DATA_DIR \(a symlink to .*secret\.csv\)$/],
      ['elsewhere/secret.csv', /^'data' "elsewhere\/secret\.csv" leads outside DATA_DIR/],
      ['series/missing.csv', /^'data' "series\/missing\.csv" does not exist under DATA_DIR \(ENOENT\)$/],
      ['series', /^'data' "series" is not a file$/],
    ];
    for (const [data, message] of cases) {
      const response = await submit(job(data));
      expect({ data, status: response.statusCode }).toEqual({ data, status: 400 });
      expect(response.json().message).toMatch(message);
    }
  });

  it('refuses bad requests like the CLI before queueing: unknown model 400, bad horizon or field 422, unknown data set 404', async () => {
    const before = (await api.app.inject({ method: 'GET', url: '/jobs', headers: read })).json().jobs.length;
    const unknown = await submit(job('series/hourly.csv', { models: ['Prophet9'] }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/Prophet9/);
    expect((await submit(job('series/hourly.csv', { horizons: [0] }))).statusCode).toBe(422);
    expect((await submit(job('series/hourly.csv', { horizon: 6 }))).statusCode).toBe(422);
    expect((await submit(job('series/hourly.csv', { experiment: '' }))).statusCode).toBe(422);
    const noDataset = await submit(job(randomUUID()));
    expect(noDataset.statusCode).toBe(404);
    expect(noDataset.json().message).toMatch(/^dataset '[0-9a-f-]{36}' not found$/);
    const badOverride = await submit(job('series/hourly.csv', { models: ['MLP'], overrides: { inputSize: 500 } }));
    expect(badOverride.statusCode).toBe(400);
    expect((await api.app.inject({ method: 'GET', url: '/jobs', headers: read })).json().jobs).toHaveLength(before);
  });

  it('takes an uploaded data set by id', async () => {
    const uploaded = await api.app.inject({
      method: 'POST',
      url: '/datasets',
      headers: { ...train, 'content-type': 'text/csv' },
      payload: hourlyCsv(1, 50),
    });
    const response = await submit(job(uploaded.json().id));
    expect(response.statusCode).toBe(202);
    const shown = (await api.app.inject({ method: 'GET', url: `/jobs/${response.json().id}`, headers: read })).json();
    expect(shown.datasetId).toBe(uploaded.json().id);
  });

  it('cancels a queued job (202, state cancelled), then 409; 404 for an unknown job, 422 for a malformed id', async () => {
    const { id } = (await submit(job('series/hourly.csv'))).json();
    const cancelled = await api.app.inject({ method: 'DELETE', url: `/jobs/${id}`, headers: train });
    expect(cancelled.statusCode).toBe(202);
    expect(cancelled.json()).toMatchObject({ id, state: 'cancelled', progress: { runsDone: 1, runsTotal: 1, etaSeconds: 0 } });
    expect(cancelled.json().cancelledAt).not.toBeNull();
    expect(cancelled.json().runs[0]).toMatchObject({ status: 'cancelled', runId: null });
    const again = await api.app.inject({ method: 'DELETE', url: `/jobs/${id}`, headers: train });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe(`training job '${id}' already ended (cancelled)`);
    const missing = randomUUID();
    expect((await api.app.inject({ method: 'GET', url: `/jobs/${missing}`, headers: read })).json()).toMatchObject({
      statusCode: 404,
      message: `training job '${missing}' not found`,
    });
    expect((await api.app.inject({ method: 'DELETE', url: `/jobs/${missing}`, headers: train })).statusCode).toBe(404);
    expect((await api.app.inject({ method: 'GET', url: '/jobs/not-a-uuid', headers: read })).statusCode).toBe(422);
  });

  it('lists jobs newest first in cursor pages', async () => {
    const all = (await api.app.inject({ method: 'GET', url: '/jobs?limit=200', headers: read })).json();
    expect(all.nextCursor).toBeNull();
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = (await api.app.inject({ method: 'GET', url: `/jobs?limit=2${query}`, headers: read })).json();
      ids.push(...page.jobs.map((j: { id: string }) => j.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(ids).toEqual(all.jobs.map((j: { id: string }) => j.id));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const created = all.jobs.map((j: { createdAt: string }) => j.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it('shows a study by id or URL-encoded name with its trials and best complete trial; 404 otherwise', async () => {
    const { studyId, runIds } = await recordStudy(api.runtime.container, 'air/MLP/h6', 'studies', [
      { state: 'complete', value: 3.5, learningRate: 0.01 },
      { state: 'complete', value: 2.25, learningRate: 0.003 },
      { state: 'pruned', value: null, learningRate: 0.1 },
    ]);
    for (const ref of [studyId, encodeURIComponent('air/MLP/h6')]) {
      const response = await api.app.inject({ method: 'GET', url: `/studies/${ref}`, headers: read });
      expect(response.statusCode).toBe(200);
      const study = response.json();
      expect(study).toMatchObject({ id: studyId, name: 'air/MLP/h6', direction: 'minimize' });
      expect(
        study.trials.map((t: { number: number; state: string; value: number | null; runId: string }) => [
          t.number,
          t.state,
          t.value,
          t.runId,
        ]),
      ).toEqual([
        [0, 'complete', 3.5, runIds[0]],
        [1, 'complete', 2.25, runIds[1]],
        [2, 'pruned', null, runIds[2]],
      ]);
      expect(study.best).toMatchObject({ number: 1, value: 2.25, params: { learningRate: { value: 0.003 } } });
    }
    const missing = await api.app.inject({ method: 'GET', url: '/studies/no-such-study', headers: read });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe("study 'no-such-study' not found");
  });
});
