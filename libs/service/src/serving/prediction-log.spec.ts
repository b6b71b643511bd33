import 'reflect-metadata';
import { Settings } from '@tsforecast/config';
import { MemoryLogger } from '@tsforecast/config/testing';
import { PredictionLogStore, TrackingStore, type ServedPredictionColumns } from '@tsforecast/db';
import { openPredictionLogTestbed, type PredictionLogTestbed } from '@tsforecast/db/testing';
import { openServiceStack, type ServiceStack } from '../testing/service-stack';
import { PredictionLog, type ServedEntry } from './prediction-log';
import { servingModule } from './serving-module';
import { ServingService } from './serving-service';
import { hourlyFrame, hourlySeries } from './testing/hourly-series';
import { saveFittedModel } from './testing/save-fitted-model';

// Prediction logging on the real PostgreSQL store and a real NHITS session:
// forecasts are answered while the database write is stalled, land in
// `predictions` (served_at set, linked to the version and its training run)
// once it goes on, and a full buffer drops and counts instead of waiting.

jest.setTimeout(300_000);

const h = 24;

/** The real store behind a gate: `appendServed` waits until `open()`; `calls` counts the writes started. */
class GatedStore implements PredictionLogStore {
  calls = 0;
  private opened!: () => void;
  private gate = new Promise<void>((resolve) => (this.opened = resolve));

  constructor(private readonly real: PredictionLogStore) {}

  async appendServed(columns: ServedPredictionColumns): Promise<number> {
    this.calls++;
    await this.gate;
    return this.real.appendServed(columns);
  }

  open(): void {
    this.opened();
  }
}

describe('prediction logging (PREDICTION_LOGGING=true)', () => {
  let stack: ServiceStack;
  let nhits: string;
  let gated: GatedStore;
  let serving: ServingService;
  const servedRows = async () =>
    (
      await stack.database.dataSource.query(
        `SELECT count(*)::int AS n FROM predictions p JOIN models m ON m.id = p.model_id AND m.run_id = p.run_id WHERE p.served_at IS NOT NULL`,
      )
    )[0].n as number;

  beforeAll(async () => {
    stack = await openServiceStack('tsf-prediction-log-');
    stack.container.loadSync(servingModule);
    const training = hourlyFrame(['a', 'b'].map((id, i) => hourlySeries(id, 200, 5 * i)));
    const hyperparameters = { maxSteps: 3, inputSize: 48, loss: 'mqloss', level: [80], mlpUnits: [[16, 16]], seed: 1 };
    nhits = await saveFittedModel(stack.container, { model: 'NHITS', h, frame: training, hyperparameters });
    const settings = stack.container.get<Settings>(Settings);
    const logging = {
      PREDICTION_LOGGING: true,
      PREDICTION_LOG_FLUSH_ROWS: 48,
      PREDICTION_LOG_FLUSH_MS: 60_000,
      PREDICTION_LOG_MAX_ROWS: 240,
    };
    stack.container.rebindSync<Settings>(Settings).toConstantValue({ ...settings, ...logging });
    gated = new GatedStore(stack.container.get<PredictionLogStore>(PredictionLogStore));
    stack.container.rebindSync<PredictionLogStore>(PredictionLogStore).toConstantValue(gated);
    serving = stack.container.get(ServingService);
  });
  afterAll(async () => {
    await serving?.close();
    await stack?.database.close();
  });

  it('answers while the write is stalled, drops and counts past the bound, and writes the rest once the database goes on', async () => {
    // 2 series × h 24 = 48 points per request = PREDICTION_LOG_FLUSH_ROWS: each request starts a write at once.
    const request = () => serving.forecast({ model: nhits, series: [hourlySeries('x', 48), hourlySeries('y', 60, 7)] });
    const first = await request();
    expect(first.forecasts).toHaveLength(2);
    expect(gated.calls).toBe(1); // its write started and hangs on the gate
    // Nine more answers while that write hangs: 240 points fit (48 being written + 4 × 48 queued), the other 5 × 48 are dropped.
    for (let i = 0; i < 9; i++) expect((await request()).forecasts).toHaveLength(2);
    expect(gated.calls).toBe(1); // one write at a time
    expect(serving.stats().predictionLog).toEqual({ rows: 0, dropped: 240, failed: 0, pending: 240 });
    expect(await servedRows()).toBe(0);

    gated.open();
    await serving.close(); // writes what is left
    expect(serving.stats().predictionLog).toEqual({ rows: 240, dropped: 240, failed: 0, pending: 0 });
    expect(await servedRows()).toBe(240);
    const version = await stack.container.get<TrackingStore>(TrackingStore).findModel(nhits);
    const [row] = await stack.database.dataSource.query(
      `SELECT run_id, series_id, ds, value, quantiles FROM predictions WHERE model_id = $1 AND served_at IS NOT NULL
       ORDER BY id LIMIT 1`,
      [version.id],
    );
    expect(row.run_id).toBe(version.runId);
    expect(row.series_id).toBe('x');
    expect(row.ds.toISOString().slice(0, 19)).toBe(first.forecasts[0]!.ds[0]);
    expect(row.value).toBe(first.forecasts[0]!.y_hat[0]);
    expect(row.quantiles['0.1']).toBe(first.forecasts[0]!['lo-80']![0]);
    expect(row.quantiles['0.9']).toBe(first.forecasts[0]!['hi-80']![0]);
  });
});

describe('PredictionLog on the PostgreSQL store', () => {
  let testbed: PredictionLogTestbed;
  const logger = new MemoryLogger();

  beforeAll(async () => {
    testbed = await openPredictionLogTestbed({ experiment: 'log', name: 'Logged' });
  });
  afterAll(() => testbed?.database.close());

  const entry = (id: string, over: Partial<ServedEntry> = {}): ServedEntry => ({
    runId: testbed.runId,
    modelId: testbed.modelId,
    servedAtMs: Date.UTC(2026, 0, 1),
    seriesIds: [id],
    forecasts: [{ ds: Float64Array.of(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)), mean: Float64Array.of(1, 2), quantiles: [] }],
    quantileLevels: [],
    ...over,
  });
  const count = async (id: string) =>
    (await testbed.database.dataSource.query(`SELECT count(*)::int AS n FROM predictions WHERE series_id = $1`, [id]))[0].n as number;

  it('writes a batch after flushMs when fewer than flushRows points wait', async () => {
    const log = new PredictionLog(testbed.store, { flushRows: 1000, flushMs: 50, maxRows: 1000 }, logger);
    expect(log.record(entry('timer'))).toBe(true);
    expect(log.stats().pending).toBe(2);
    for (let i = 0; i < 100 && (await count('timer')) < 2; i++) await new Promise((done) => setTimeout(done, 20));
    expect(await count('timer')).toBe(2);
    expect(log.stats()).toEqual({ rows: 2, dropped: 0, failed: 0, pending: 0 });
    await log.close();
  });

  it('counts a failed write and goes on with the next batch', async () => {
    const log = new PredictionLog(testbed.store, { flushRows: 2, flushMs: 60_000, maxRows: 100 }, logger);
    log.record(entry('bad', { runId: 'not-a-uuid' }));
    await log.close();
    log.record(entry('good'));
    await log.close();
    expect(log.stats()).toEqual({ rows: 2, dropped: 0, failed: 2, pending: 0 });
    expect(await count('good')).toBe(2);
    expect(logger.records.some((r) => /prediction log: a batch could not be written/.test(r.message))).toBe(true);
  });
});
