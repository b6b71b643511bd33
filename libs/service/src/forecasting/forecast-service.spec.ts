import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import type { LoadedModel } from '@tsforecast/artifact';
import { SeriesReader, type SeriesFrame } from '@tsforecast/data';
import { useServiceStack } from '../testing/service-suite';
import { TrackingQueries } from '../queries/tracking-queries';
import { TrainingService } from '../training/training-service';
import { ForecastService } from './forecast-service';
import { SavedModelForecaster } from './saved-model-forecaster';

// AirPassengers as users forecast it: the sample the CLI ships.
const sample = resolve(__dirname, '../../../../apps/cli/assets/air_passengers.csv');

describe('SavedModelForecaster', () => {
  const stack = useServiceStack('tsf-forecast-');

  const frame: SeriesFrame = {
    series: [
      {
        id: 'a',
        ds: Float64Array.from({ length: 30 }, (_, t) => Date.UTC(2000, t, 1)),
        y: Float64Array.from({ length: 30 }, (_, t) => 100 + t),
      },
    ],
    frequency: { unit: 'M', step: 1 },
    seasonLength: 12,
    exogenousColumns: [],
  } as unknown as SeriesFrame;
  const loaded = (model: string, kind: 'neural' | 'baseline'): LoadedModel => ({
    saved: { id: 'x', name: model, version: 1, path: '/models/x', sizeBytes: 0 },
    metadata: {
      formatVersion: 1,
      model,
      kind,
      hyperparameters: {},
      h: 3,
      frequency: { unit: 'M', step: 1 },
      seasonLength: 12,
      trainingFingerprint: 'f',
      metrics: {},
      createdAt: '',
      runId: 'r',
    },
  });

  it('never trains a neural model on the predict path: no ONNX file is an error', async () => {
    const forecaster = stack.container.get(SavedModelForecaster);
    await expect(forecaster.forecast(loaded('MLP', 'neural'), frame)).rejects.toThrow(
      /^model MLP@1 is neural but has no ONNX file loaded from \/models\/x; it cannot forecast$/,
    );
    // Metadata that claims a baseline does not let a neural model through either.
    await expect(forecaster.forecast(loaded('MLP', 'baseline'), frame)).rejects.toThrow(/is neural but has no ONNX file/);
  });

  it('fits a baseline on the given history (it stores no weights)', async () => {
    const forecast = await stack.container.get(SavedModelForecaster).forecast(loaded('Naive', 'baseline'), frame);
    expect(Array.from(forecast.mean[0]!)).toEqual([129, 129, 129]);
  });
});

describe('ForecastService.predict', () => {
  const stack = useServiceStack('tsf-predict-');
  /** `predict` of the sample with AutoETS@1, no output: one AutoETS fit that two tests read. */
  let predictedFromFile: Awaited<ReturnType<ForecastService['predict']>>;
  beforeAll(async () => {
    const trained = await stack.container
      .get(TrainingService)
      .train({ data: sample, models: ['AutoETS'], horizons: [12], experiment: 'fc', outputDir: join(stack.dir, 'out') });
    expect(trained.outcomes[0]!.status).toBe('completed');
    predictedFromFile = await stack.container.get(ForecastService).predict({ model: 'AutoETS@1', data: sample });
  });

  /** Everything written to a stream, as text. */
  function sink(): { stream: Writable; text: () => string } {
    const chunks: string[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(chunk.toString()), done()) });
    return { stream, text: () => chunks.join('') };
  }

  it('writes the same CSV to a file and to a stream: dates by the frame frequency, every quantile column', async () => {
    const service = stack.container.get(ForecastService);
    const file = join(stack.dir, 'forecast.csv');
    await service.predict({ model: 'AutoETS@1', data: sample, output: file });
    const out = sink();
    await service.predict({ model: 'AutoETS', data: sample, output: out.stream });
    expect(out.text()).toBe(readFileSync(file, 'utf8'));
    const lines = out.text().trim().split('\n');
    expect(lines[0]).toMatch(/^unique_id,ds,y_hat(,q0\.\d+)+$/);
    expect(lines[1]).toMatch(/^AirPassengers,1961-01-01,\d/);
    expect(lines).toHaveLength(13);
  });

  it('records a predict run in the experiment that trained the model, with its predictions and their quantiles', async () => {
    const result = predictedFromFile;
    const run = await stack.container.get(TrackingQueries).getRun(result.runId);
    expect(run).toMatchObject({ kind: 'predict', status: 'completed', modelName: 'AutoETS', horizon: 12 });
    expect((await stack.container.get(TrackingQueries).listRuns({ experiment: 'fc', kind: 'predict' })).map((r) => r.id)).toContain(
      result.runId,
    );
    const stored = await stack.database.dataSource.query('SELECT value, quantiles FROM predictions WHERE run_id = $1 ORDER BY ds', [
      result.runId,
    ]);
    expect(stored).toHaveLength(12);
    expect(Number(stored[0].value)).toBeCloseTo(result.forecast.mean[0]![0]!, 6);
    const levels = result.forecast.quantiles!.levels;
    expect(Object.keys(stored[0].quantiles as object).sort()).toEqual(levels.map(String).sort());
  });

  it('takes the history as a frame in memory (the API sends JSON), and names a frequency that is not the model’s', async () => {
    const service = stack.container.get(ForecastService);
    const { frame } = await stack.container.get<SeriesReader>(SeriesReader).read(sample);
    const fromFile = predictedFromFile;
    const fromFrame = await service.predict({ model: 'AutoETS@1', data: frame });
    expect(Array.from(fromFrame.forecast.mean[0]!)).toEqual(Array.from(fromFile.forecast.mean[0]!));
    const daily: SeriesFrame = { ...frame, frequency: { unit: 'day', step: 1 } };
    await expect(service.predict({ model: 'AutoETS@1', data: daily })).rejects.toThrow(
      /^'data.frequency' must be the model's \(AutoETS@1: 1 month\), got 1 day$/,
    );
  });
});
