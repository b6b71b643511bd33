import { hourlyFrame, hourlySeries as hourly, hourlyTimestamp, saveFittedModel } from '@tsforecast/service/testing';
import { bearer, buildTestApi, type TestApi } from '../testing/build-test-api';

// POST /forecast over a real NHITS (h 24, input 48, mqloss → lo/hi-80) saved in
// the test app's database and model directory: every status it answers, JSON
// and CSV both ways, and the forecast metrics in /metrics.

jest.setTimeout(300_000);

const h = 24;
const bodyLimit = 200_000;
describe('POST /forecast', () => {
  let api: TestApi;
  let forecaster: Record<string, string>;
  let nhits: string;

  beforeAll(async () => {
    api = await buildTestApi({ FORECAST_BODY_LIMIT: String(bodyLimit) });
    const hyperparameters = { maxSteps: 3, inputSize: 48, loss: 'mqloss', level: [80], mlpUnits: [[16, 16]], seed: 1 };
    nhits = await saveFittedModel(api.runtime.container, { model: 'NHITS', h, frame: hourlyFrame([hourly('a', 200)]), hyperparameters });
    forecaster = bearer(await api.tokenFor(['forecast']));
  });
  afterAll(() => api?.close());

  const post = (payload: unknown, headers: Record<string, string> = forecaster, url = '/forecast') =>
    api.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });

  it('200: forecasts h points per series with lo-80/hi-80, by NAME@VERSION', async () => {
    const response = await post({ model: nhits, series: [hourly('a', 60), hourly('b', 30)] });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.model).toBe(nhits);
    expect(body.forecasts.map((f: { unique_id: string }) => f.unique_id)).toEqual(['a', 'b']);
    const [a] = body.forecasts;
    expect(Object.keys(a).sort()).toEqual(['ds', 'hi-80', 'lo-80', 'unique_id', 'y_hat']);
    expect(a.ds).toHaveLength(h);
    expect(a.ds[0]).toBe(hourlyTimestamp(60));
    expect(a.y_hat.every((v: number) => Number.isFinite(v))).toBe(true);
    // Written with JSON.stringify (not the schema serializer): the same JSON, key order included, as application/json.
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.body).toBe(JSON.stringify({ model: nhits, forecasts: body.forecasts }));
    expect(Object.keys(a)).toEqual(['unique_id', 'ds', 'y_hat', 'lo-80', 'hi-80']);
  });

  it('200: CSV in (model in the query) and CSV out with Accept: text/csv, the same numbers as JSON', async () => {
    const series = hourly('c,1', 50);
    const csv = ['unique_id,ds,y', ...series.ds.map((d, t) => `"c,1",${d},${series.y[t]}`)].join('\n');
    const response = await api.app.inject({
      method: 'POST',
      url: `/forecast?model=${encodeURIComponent(nhits)}&level=80`,
      headers: { ...forecaster, 'content-type': 'text/csv', accept: 'text/csv' },
      payload: csv,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toBe('unique_id,ds,y_hat,lo-80,hi-80');
    expect(lines).toHaveLength(h + 1);
    const json = (await post({ model: nhits, series: [series] })).json();
    expect(lines[1]).toBe(
      `"c,1",${json.forecasts[0].ds[0]},${json.forecasts[0].y_hat[0]},${json.forecasts[0]['lo-80'][0]},${json.forecasts[0]['hi-80'][0]}`,
    );
  });

  it('400: malformed JSON, and a CSV body without the model query parameter', async () => {
    const malformed = await api.app.inject({
      method: 'POST',
      url: '/forecast',
      headers: { ...forecaster, 'content-type': 'application/json' },
      payload: '{"model":',
    });
    expect(malformed.statusCode).toBe(400);
    const csv = await api.app.inject({
      method: 'POST',
      url: '/forecast',
      headers: { ...forecaster, 'content-type': 'text/csv' },
      payload: 'unique_id,ds,y\n',
    });
    expect(csv.statusCode).toBe(400);
    expect(csv.json().message).toMatch(/'model' query parameter is required with a text\/csv body/);
  });

  it('401 without a token, 403 with a token lacking the forecast scope', async () => {
    expect((await post({ model: nhits, series: [hourly('a', 48)] }, {})).statusCode).toBe(401);
    const reader = bearer(await api.tokenFor(['read']));
    const forbidden = await post({ model: nhits, series: [hourly('a', 48)] }, reader);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().message).toMatch(/forecast/);
  });

  it('404 for an unknown model, naming it', async () => {
    const response = await post({ model: 'NoSuch@1', series: [hourly('a', 48)] });
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toMatch(/NoSuch/);
  });

  it('413 for a body over FORECAST_BODY_LIMIT', async () => {
    const response = await post({ model: nhits, series: [hourly('a', 10_000)] });
    expect(response.statusCode).toBe(413);
  });

  it('415 for another content type', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/forecast',
      headers: { ...forecaster, 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(response.statusCode).toBe(415);
  });

  it('422 naming the series, the field and the index (service checks), and for bodies the schema refuses', async () => {
    const bad = hourly('bad', 48);
    bad.ds[7] = '2024-13-01';
    const service = await post({ model: nhits, series: [hourly('ok', 48), bad] });
    expect(service.statusCode).toBe(422);
    expect(service.json().message).toMatch(/series\[1\] \('bad'\): 'ds\[7\]' must be a timestamp .*got '2024-13-01'/);
    const level = await post({ model: nhits, series: [hourly('a', 48)], level: [95] });
    expect(level.statusCode).toBe(422);
    expect(level.json().message).toMatch(/'level\[0\]' must be a prediction-interval level of NHITS@\d+, got 95; it has 80/);
    const schema = await post({ model: nhits, series: [{ unique_id: 'a', ds: ['2024-01-01'], y: ['x'] }] });
    expect(schema.statusCode).toBe(422);
    // null would be coerced to 0 by the app's validator: it is refused, not forecast from.
    const nulls = hourly('n', 48) as { unique_id: string; ds: string[]; y: (number | null)[] };
    nulls.y[3] = null;
    const coerced = await post({ model: nhits, series: [nulls] });
    expect(coerced.statusCode).toBe(422);
    expect(coerced.json().message).toMatch(/series\[0\] \('n'\): 'y\[3\]' must be a finite number, got null/);
    const csvRow = await api.app.inject({
      method: 'POST',
      url: `/forecast?model=${encodeURIComponent(nhits)}`,
      headers: { ...forecaster, 'content-type': 'text/csv' },
      payload: 'unique_id,ds,y\na,2024-01-01T00:00:00,abc\n',
    });
    expect(csvRow.statusCode).toBe(422);
    expect(csvRow.json().message).toMatch(/line 2: 'y' must be a finite number, got 'abc'/);
  });

  it('shows forecast latency, batch sizes and the session cache in /metrics', async () => {
    await post({ model: nhits, series: [hourly('a', 48)] });
    const text = (await api.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toMatch(/^tsforecast_forecast_duration_seconds_count [1-9]/m);
    expect(text).toMatch(/^tsforecast_forecast_batch_size_count [1-9]/m);
    expect(text).toMatch(/^tsforecast_model_sessions 1$/m);
    expect(text).toMatch(/^tsforecast_model_session_cache_misses_total 1$/m);
    expect(text).toMatch(/^tsforecast_model_session_cache_hits_total [1-9]/m);
    // PREDICTION_LOGGING is off here: the log's counters are exposed and stay at 0.
    expect(text).toMatch(/^tsforecast_prediction_log_rows_total 0$/m);
    expect(text).toMatch(/^tsforecast_prediction_log_dropped_rows_total 0$/m);
  });
});
