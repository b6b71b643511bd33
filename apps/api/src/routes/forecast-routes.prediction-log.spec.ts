import { hourlyFrame, hourlySeries as hourly, saveFittedModel } from '@tsforecast/service/testing';
import { bearer, buildTestApi, type TestApi } from '../testing/build-test-api';

// POST /forecast with PREDICTION_LOGGING=true, over real HTTP handling (inject)
// and the test app's PostgreSQL database: the served points are written in a
// batch after the answer, and /metrics counts them.

jest.setTimeout(300_000);

describe('POST /forecast with prediction logging', () => {
  let api: TestApi;
  let nhits: string;

  beforeAll(async () => {
    api = await buildTestApi({ PREDICTION_LOGGING: 'true', PREDICTION_LOG_FLUSH_ROWS: '1000', PREDICTION_LOG_FLUSH_MS: '20' });
    const hyperparameters = { maxSteps: 3, inputSize: 48, mlpUnits: [[16, 16]], seed: 1 };
    nhits = await saveFittedModel(api.runtime.container, {
      model: 'NHITS',
      h: 24,
      frame: hourlyFrame([hourly('a', 200)]),
      hyperparameters,
    });
  });
  afterAll(() => api?.close());

  it('writes each served point to predictions after answering, and counts them in /metrics', async () => {
    const headers = bearer(await api.tokenFor(['forecast']));
    const payload = { model: nhits, series: [hourly('p', 48), hourly('q', 50)] };
    const response = await api.app.inject({ method: 'POST', url: '/forecast', headers, payload });
    expect(response.statusCode).toBe(200);
    const rowsTotal = async () => /^tsforecast_prediction_log_rows_total (\d+)$/m.exec((await api.app.inject('/metrics')).body)?.[1];
    for (let i = 0; i < 100 && (await rowsTotal()) !== '48'; i++) await new Promise((done) => setTimeout(done, 20));
    expect(await rowsTotal()).toBe('48');
    const rows = await api.runtime.database.dataSource.query(
      `SELECT series_id, count(*)::int AS n FROM predictions WHERE served_at IS NOT NULL GROUP BY series_id ORDER BY series_id`,
    );
    expect(rows).toEqual([
      { series_id: 'p', n: 24 },
      { series_id: 'q', n: 24 },
    ]);
  });
});
