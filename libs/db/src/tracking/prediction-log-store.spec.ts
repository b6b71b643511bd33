import { UsageError } from '@tsforecast/config';
import { Container } from 'inversify';
import type { Database } from '../data-source/database';
import { dbModule } from '../db-module';
import { openTestDatabase, registerTestModelVersion } from '../testing';
import { PredictionLogStore, type ServedPredictionColumns } from './prediction-log-store';
import { TrackingStore } from './tracking-store';

// Served forecasts land in `predictions` with served_at set, linked to the
// model version and its training run, on the PostgreSQL test server.

jest.setTimeout(120_000);

describe('PredictionLogStore on the PostgreSQL server', () => {
  let db: Database;
  let store: PredictionLogStore;
  let runId: string;
  let modelId: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    const container = new Container();
    await container.load(dbModule(db));
    store = container.get<PredictionLogStore>(PredictionLogStore);
    const tracking = container.get<TrackingStore>(TrackingStore);
    ({ runId, modelId } = await registerTestModelVersion(tracking, {
      experiment: 'served',
      name: 'NHITS',
      predictions: [{ seriesId: 'holdout', ds: new Date(0), value: 9 }],
    }));
  });
  afterAll(() => db?.close());

  const columns = (count: number): ServedPredictionColumns => ({
    runIds: Array.from({ length: count }, () => runId),
    modelIds: Array.from({ length: count }, () => modelId),
    seriesIds: Array.from({ length: count }, (_, i) => `s${i % 3}`),
    dsMs: Array.from({ length: count }, (_, i) => Date.UTC(2024, 0, 1, i)),
    values: Array.from({ length: count }, (_, i) => i + 0.5),
    quantiles: Array.from({ length: count }, (_, i) => (i === 0 ? '{"0.1":0.25,"0.9":0.75}' : null)),
    servedAtMs: Array.from({ length: count }, () => Date.UTC(2026, 11, 2, 4, 0, 0, 123)),
  });

  it("appends served rows with served_at, the version's run and model, apart from the run's own predictions", async () => {
    expect(await store.appendServed(columns(25_000))).toBe(25_000);
    const [summary] = await db.dataSource.query(
      `SELECT count(*)::int AS n, sum(value)::float8 AS total, min(ds) AS first, max(served_at) AS served
       FROM predictions WHERE model_id = $1 AND run_id = $2 AND served_at IS NOT NULL`,
      [modelId, runId],
    );
    expect(summary).toEqual({
      n: 25_000,
      total: (25_000 * 25_000) / 2,
      first: new Date(Date.UTC(2024, 0, 1)),
      served: new Date(Date.UTC(2026, 11, 2, 4, 0, 0, 123)),
    });
    const [first] = await db.dataSource.query(`SELECT series_id, quantiles FROM predictions WHERE served_at IS NOT NULL AND value = 0.5`);
    expect(first).toEqual({ series_id: 's0', quantiles: { '0.1': 0.25, '0.9': 0.75 } });
    const holdout = await db.dataSource.query(`SELECT series_id FROM predictions WHERE run_id = $1 AND served_at IS NULL`, [runId]);
    expect(holdout).toEqual([{ series_id: 'holdout' }]);
  });

  it('refuses columns of different lengths, naming the column', async () => {
    await expect(store.appendServed({ ...columns(2), values: [1] })).rejects.toThrow(UsageError);
    await expect(store.appendServed({ ...columns(2), values: [1] })).rejects.toThrow(/'values' holds 1 values; expected 2 as 'seriesIds'/);
  });
});
