import { hourlyTimestamp, saveFittedModel, type FittedModelSpec } from '@tsforecast/service/testing';
import { bearer, buildTestApi, type TestApi } from '../testing/build-test-api';
import { postBadRequests, random, type BadRequest } from '../testing/bad-requests';

// 1,200 generated bad forecast requests — wrong types, NaN, broken or
// irregular timestamps, mismatched lengths, repeated ids, huge arrays, deep
// nesting, bodies over the limit, broken CSV — each must get a 4xx in the
// error shape; the process stays up, serves a good request afterwards, and
// the database is unchanged (serving writes nothing).

jest.setTimeout(300_000);

const bodyLimit = 100_000;

function goodSeries(id: string, length = 48) {
  return { unique_id: id, ds: Array.from({ length }, (_, t) => hourlyTimestamp(t)), y: Array.from({ length }, (_, t) => 10 + Math.sin(t)) };
}

/** One bad request: JSON whose every variant breaks one rule, or a bad CSV. */
function badRequest(next: () => number, model: string): BadRequest {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const at = (n: number) => Math.floor(next() * n);
  const junk = [null, true, -1, 1e308, '', '🚀', 'NHITS@0', [], {}, [[1]], { $gt: '' }, 'ａ'.repeat(50)];
  const json = (body: unknown) => ({ payload: JSON.stringify(body), contentType: 'application/json', url: '/forecast' });
  const series = () => goodSeries(pick(['a', 'ü', '🚀', 'a b', '\u202e'])); // valid unicode ids: the breakage is elsewhere
  const cases = [
    () =>
      json({
        model,
        series: [{ ...series(), y: series().y.map((v, t) => (t === 5 ? pick(junk.filter((j) => typeof j !== 'number')) : v)) }],
      }),
    () => ({
      ...json({}),
      payload: JSON.stringify({ model, series: [series()] }).replace(/10(\.\d+)?/, pick(['NaN', 'Infinity', '-Infinity', '1e999x'])),
    }),
    () => {
      const bad = at(48);
      const ds = series().ds.map((d, t) => (t === bad ? pick(['2024-02-30', 'x', '', '2024-01-01T25:00', '🚀']) : d));
      return json({ model, series: [{ ...series(), ds }] });
    },
    () => json({ model, series: [{ ...series(), ds: series().ds.map((_, t) => hourlyTimestamp(t === 20 ? 22 : t)) }] }),
    () => json({ model, series: [{ ...series(), ds: [...series().ds].reverse() }] }),
    () => json({ model, series: [{ ...series(), y: series().y.slice(at(47) + 1) }] }),
    () => {
      const twice = series();
      return json({ model, series: [twice, { ...twice, y: twice.y.map((v) => v + 1) }] });
    },
    () => json({ model, series: [{ unique_id: 'e', ds: [], y: [] }] }),
    () => json({ model, series: [] }),
    () => json({ model: pick(junk), series: [series()] }),
    () =>
      json({
        model: pick(['NoSuch', 'NHITS@999', 'NHITS@production', '00000000-0000-0000-0000-000000000000', '../../etc']),
        series: [series()],
      }),
    () => json({ model, series: [series()], level: [pick([0, 100, -5, 150, 'x', 95])] }),
    () => json({ model, series: [series()], extra: pick(junk) }),
    () => json({ model, series: pick(junk) }),
    () => json(pick(junk)),
    () => json({ model, series: [goodSeries('big', 20_000)] }),
    () => ({ payload: '['.repeat(1 + at(2000)) + ']'.repeat(1 + at(2000)), contentType: 'application/json', url: '/forecast' }),
    () => ({ payload: '{"model":' + '"x",'.repeat(at(50)), contentType: 'application/json', url: '/forecast' }),
    () => ({ payload: 'x'.repeat(bodyLimit + 1 + at(10 * bodyLimit)), contentType: 'application/json', url: '/forecast' }),
    () => ({
      payload: 'unique_id,ds,y\na,2024-01-01T00:00:00,' + pick(['abc', '', 'NaN', '1,2']),
      contentType: 'text/csv',
      url: `/forecast?model=${model}`,
    }),
    () => ({
      payload: pick(['', 'ds,y\n', 'unique_id,ds,y\n', '"a,2024\n', '\u0000\uffff']),
      contentType: 'text/csv',
      url: `/forecast?model=${model}`,
    }),
    () => ({
      payload: 'unique_id,ds,y\na,2024-01-01,1\n',
      contentType: 'text/csv',
      url: pick(['/forecast', '/forecast?model=', '/forecast?model=x&level=abc']),
    }),
    () => ({
      payload: JSON.stringify({ model, series: [series()] }),
      contentType: pick(['text/plain', 'application/xml', 'multipart/form-data']),
      url: '/forecast',
    }),
  ];
  return pick(cases)();
}

describe('POST /forecast under 1,200 generated bad requests', () => {
  let api: TestApi;
  let model: string;
  beforeAll(async () => {
    api = await buildTestApi({ API_RATE_LIMIT: '100000', FORECAST_BODY_LIMIT: String(bodyLimit) });
    const s = goodSeries('a', 120);
    const frame: FittedModelSpec['frame'] = {
      series: [{ id: 'a', ds: Float64Array.from(s.ds, (d) => Date.parse(`${d}Z`)), y: Float64Array.from(s.y), exogenous: {} }],
      frequency: { unit: 'hour', step: 1 },
      seasonLength: 24,
      exogenousColumns: [],
    };
    model = await saveFittedModel(api.runtime.container, { model: 'NHITS', h: 6, frame, hyperparameters: { maxSteps: 1, inputSize: 12 } });
  });
  afterAll(() => api?.close());

  it('answers each with a 4xx in the error shape, stays up and writes nothing', async () => {
    const headers = bearer(await api.tokenFor(['forecast', 'read']));
    const runsBefore = (await api.app.inject({ method: 'GET', url: '/runs', headers })).body;
    const next = random(11);
    const statuses = await postBadRequests(api, headers, 1200, () => badRequest(next, model));
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([400, 404, 413, 415, 422]));
    const good = await api.app.inject({ method: 'POST', url: '/forecast', headers, payload: { model, series: [goodSeries('a')] } });
    expect(good.statusCode).toBe(200);
    expect((await api.app.inject({ method: 'GET', url: '/runs', headers })).body).toBe(runsBefore);
  });
});
