import { UsageError } from '@tsforecast/config';
import { openPredictionLogTestbed, type PredictionLogTestbed } from '../testing';
import type { ServedPredictionColumns } from './prediction-log-store';

// Served forecasts land in `predictions` with served_at set, linked to the
// model version and its training run, on the PostgreSQL test server.

jest.setTimeout(120_000);

describe('PredictionLogStore on the PostgreSQL server', () => {
  let testbed: PredictionLogTestbed;

  beforeAll(async () => {
    const predictions = [{ seriesId: 'holdout', ds: new Date(0), value: 9 }];
    testbed = await openPredictionLogTestbed({ experiment: 'served', name: 'NHITS', predictions });
  });
  afterAll(() => testbed?.database.close());

  const columns = (count: number): ServedPredictionColumns => ({
    runIds: Array.from({ length: count }, () => testbed.runId),
    modelIds: Array.from({ length: count }, () => testbed.modelId),
    seriesIds: Array.from({ length: count }, (_, i) => `s${i % 3}`),
    dsMs: Array.from({ length: count }, (_, i) => Date.UTC(2024, 0, 1, i)),
    values: Array.from({ length: count }, (_, i) => i + 0.5),
    quantiles: Array.from({ length: count }, (_, i) => (i === 0 ? '{"0.1":0.25,"0.9":0.75}' : null)),
    servedAtMs: Array.from({ length: count }, () => Date.UTC(2026, 11, 2, 4, 0, 0, 123)),
  });

  it("appends served rows with served_at, the version's run and model, apart from the run's own predictions", async () => {
    expect(await testbed.store.appendServed(columns(25_000))).toBe(25_000);
    const [summary] = await testbed.database.dataSource.query(
      `SELECT count(*)::int AS n, sum(value)::float8 AS total, min(ds) AS first, max(served_at) AS served
       FROM predictions WHERE model_id = $1 AND run_id = $2 AND served_at IS NOT NULL`,
      [testbed.modelId, testbed.runId],
    );
    expect(summary).toEqual({
      n: 25_000,
      total: (25_000 * 25_000) / 2,
      first: new Date(Date.UTC(2024, 0, 1)),
      served: new Date(Date.UTC(2026, 11, 2, 4, 0, 0, 123)),
    });
    const [first] = await testbed.database.dataSource.query(
      `SELECT series_id, quantiles FROM predictions WHERE served_at IS NOT NULL AND value = 0.5`,
    );
    expect(first).toEqual({ series_id: 's0', quantiles: { '0.1': 0.25, '0.9': 0.75 } });
    const holdout = await testbed.database.dataSource.query(`SELECT series_id FROM predictions WHERE run_id = $1 AND served_at IS NULL`, [
      testbed.runId,
    ]);
    expect(holdout).toEqual([{ series_id: 'holdout' }]);
  });

  it('refuses columns of different lengths, naming the column', async () => {
    await expect(testbed.store.appendServed({ ...columns(2), values: [1] })).rejects.toThrow(UsageError);
    await expect(testbed.store.appendServed({ ...columns(2), values: [1] })).rejects.toThrow(
      /'values' holds 1 values; expected 2 as 'seriesIds'/,
    );
  });
});
