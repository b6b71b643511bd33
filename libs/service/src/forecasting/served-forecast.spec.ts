import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { holdOut, SeriesReader, type SeriesFrame } from '@tsforecast/data';
import { TrackingStore } from '@tsforecast/db';
import { NeuralForecaster } from '@tsforecast/execution';
import { evalGraphForecast } from '@tsforecast/execution/testing';
import { createSession, SessionFactory } from '@tsforecast/graph';
import { ModelRegistry } from '@tsforecast/model';
import { openServiceStack, type ServiceStack } from '../testing/service-stack';
import { TrainingService } from '../training/training-service';
import { ForecastService } from './forecast-service';

// The path users take with a neural model, end to end: `train` fits it, exports
// the ONNX graph and saves it through the model store; `predict` reloads and
// verifies the file and forecasts through the OnnxRunner. The served forecast
// must be what the training run's graph computes (its eval graph with the
// weights the fit ended with), to float32 precision — so a runner or a store
// that changes the numbers fails here, whatever it does to both sides.

jest.setTimeout(300_000);

const sample = resolve(__dirname, '../../../../apps/cli/assets/air_passengers.csv');
const h = 12;
/** Small and quick; mqloss so that the quantile output is served too. */
const overrides = { maxSteps: 30, loss: 'mqloss', level: [80], mlpUnits: [[32, 32]], scalerType: 'robust', seed: 3 };

describe('a saved neural model serves the forecast of its training run (train → save → reload → forecast)', () => {
  let stack: ServiceStack;
  let modelRef: string;
  let history: SeriesFrame;

  beforeAll(async () => {
    stack = await openServiceStack('tsf-served-');
    // One ORT thread for the service and the reference refit below, so that the refit repeats the training bit for bit.
    stack.container
      .rebindSync<SessionFactory>(SessionFactory)
      .toConstantValue({ options: { threads: 1 }, create: (bytes, o = {}) => createSession(bytes, { threads: 1, ...o }) });
    const trained = await stack.container.get(TrainingService).train({
      data: sample,
      models: ['NHITS'],
      horizons: [h],
      experiment: 'served',
      outputDir: join(stack.dir, 'out'),
      overrides,
    });
    expect(trained.outcomes[0]).toMatchObject({ status: 'completed', model: 'NHITS' });
    modelRef = trained.outcomes[0]!.modelRef!;
    // The history the training run forecast from: every point but the last h.
    const { frame } = await stack.container.get<SeriesReader>(SeriesReader).read(sample, {});
    history = holdOut(frame, h).train;
  });
  afterAll(() => stack.database.close());

  it('forecasts through ForecastService what the eval graph of the training run computes, quantiles included', async () => {
    // The training run repeated: the same definition, data, seed and thread count give the same weights.
    const model = stack.container.get(ModelRegistry).create('NHITS', h, 12, overrides) as NeuralForecaster<never>;
    await model.fit(history, { logger: stack.logger });
    const expected = await evalGraphForecast(model, history);
    await model.dispose();

    const served = await stack.container.get(ForecastService).predict({ model: modelRef, data: history });
    const close = (actual: ArrayLike<number>, reference: number[]) =>
      Array.from(actual).forEach((v, t) => expect(Math.abs(v - reference[t])).toBeLessThanOrEqual(1e-5 * Math.abs(reference[t])));
    expect(served.forecast.mean).toHaveLength(1);
    close(served.forecast.mean[0]!, expected.mean[0]!);
    expect(served.forecast.quantiles?.levels).toEqual([0.1, 0.5, 0.9]);
    expected.quantiles!.forEach((q, k) => close(served.forecast.quantiles!.values[k]![0]!, q[0]!));
    // And it is a forecast of AirPassengers' last year (actuals 360..622), not a stray number.
    expect(Math.min(...served.forecast.mean[0]!)).toBeGreaterThan(250);
    expect(Math.max(...served.forecast.mean[0]!)).toBeLessThan(750);
  });

  it('refuses a model file with one flipped byte, naming the file and both checksums, instead of forecasting', async () => {
    const record = await stack.container.get<TrackingStore>(TrackingStore).findModel(modelRef);
    const path = join(record.artifactPath, 'model.onnx');
    const bytes = readFileSync(path);
    bytes[bytes.length >> 1] ^= 0x01;
    writeFileSync(path, bytes);
    const failure = stack.container.get(ForecastService).predict({ model: modelRef, data: history });
    await expect(failure).rejects.toThrow(
      /model\.onnx does not match its registered checksum: sha256 [0-9a-f]{64}, the database records [0-9a-f]{64}/,
    );
    await expect(failure).rejects.toMatchObject({ exitCode: 2 });
  });
});
