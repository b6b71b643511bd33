import { hourlyFrame, hourlySeries as hourly, hourlyTimestamp, saveFittedModel } from '@tsforecast/service/testing';
import { bearer, buildTestApi, type TestApi } from '../testing/build-test-api';

// POST /forecast over saved baseline and statistical versions (SeasonalNaive,
// AutoETS; no ONNX file, no weights), over real HTTP handling (inject) and the
// test app's PostgreSQL database: each request's series are fitted on the spot.

jest.setTimeout(300_000);

const h = 24;

describe('POST /forecast with baseline and statistical versions', () => {
  let api: TestApi;
  let forecaster: Record<string, string>;
  let seasonalNaive: string;
  let autoEts: string;

  beforeAll(async () => {
    api = await buildTestApi();
    const training = hourlyFrame([hourly('a', 96), hourly('b', 96, 5)]);
    seasonalNaive = await saveFittedModel(api.runtime.container, { model: 'SeasonalNaive', h, frame: training });
    autoEts = await saveFittedModel(api.runtime.container, { model: 'AutoETS', h, frame: training });
    forecaster = bearer(await api.tokenFor(['forecast']));
  });
  afterAll(() => api?.close());

  const post = (payload: unknown, headers: Record<string, string> = forecaster) =>
    api.app.inject({ method: 'POST', url: '/forecast', headers, payload: payload as Record<string, unknown> });

  it('200: SeasonalNaive is fitted on the request: the last season of each series, repeated', async () => {
    const series = [hourly('a', 40, 2), hourly('b', 24, 9)];
    const response = await post({ model: seasonalNaive, series });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.model).toBe(seasonalNaive);
    body.forecasts.forEach((f: { ds: string[]; y_hat: number[] }, i: number) => {
      const { y } = series[i]!;
      // ŷ[k] = y[T − 24 + (k mod 24)], from the request's history, not the training data's.
      expect(f.y_hat).toEqual(Array.from({ length: h }, (_, k) => y[y.length - 24 + (k % 24)]));
      expect(f.ds[0]).toBe(hourlyTimestamp(y.length));
    });
    expect(Object.keys(body.forecasts[0])).toEqual(['unique_id', 'ds', 'y_hat']);
  });

  it('200: AutoETS forecasts finite values with the requested lo/hi band, in JSON and CSV', async () => {
    const payload = { model: `${autoEts.split('@')[0]!}`, series: [hourly('a', 60, 4)], level: [95] };
    const response = await post(payload);
    expect(response.statusCode).toBe(200);
    expect(response.json().model).toBe(autoEts);
    const [f] = response.json().forecasts;
    expect(Object.keys(f)).toEqual(['unique_id', 'ds', 'y_hat', 'lo-95', 'hi-95']);
    expect([...f.y_hat, ...f['lo-95'], ...f['hi-95']].every(Number.isFinite)).toBe(true);
    expect(f['lo-95'][0]).toBeLessThan(f['hi-95'][0]);
    const csv = await post(payload, { ...forecaster, accept: 'text/csv' });
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('unique_id,ds,y_hat,lo-95,hi-95');
    expect(lines[1]).toBe(`a,${f.ds[0]},${f.y_hat[0]},${f['lo-95'][0]},${f['hi-95'][0]}`);
  });

  it('422 for a series shorter than the model needs (naming the series) and for a level the model does not give', async () => {
    const short = await post({ model: seasonalNaive, series: [hourly('long', 48), hourly('short', 12)] });
    expect(short.statusCode).toBe(422);
    expect(short.json().message).toMatch(/^series\[1\] \('short'\): 'y' has 12 points; SeasonalNaive@\d+ needs at least 24 per series$/);
    const level = await post({ model: seasonalNaive, series: [hourly('a', 48)], level: [80] });
    expect(level.statusCode).toBe(422);
    expect(level.json().message).toMatch(
      /'level\[0\]' must be a prediction-interval level of SeasonalNaive@\d+, got 80; it has no quantiles/,
    );
  });
});
