import { Container } from 'inversify';
import { MemoryLogger } from '@tsforecast/config/testing';
import { createSession, SessionFactory } from '@tsforecast/graph';
import { modelModule, ModelRegistry } from '@tsforecast/model';
import { toyFrame } from '@tsforecast/model/testing';
import { executionModule } from '../execution-module';
import type { NeuralForecaster } from '../training/neural-forecaster';

/*
 * One golden-value test per model family, through the composed registry (the
 * models `train` and `predict` get): each pins the forecast of a fixed model on
 * a fixed frame (toyFrame: 2 hourly series of 72 points) to numbers, so a change
 * anywhere on the path — fitting, graph, training loop, export, runner — that
 * moves a forecast shows up here, even when every part agrees with the others.
 *
 * To regenerate after an intended change: run
 *   GOLDEN_PRINT=1 npx jest -c libs/execution/jest.config.cjs forecast-goldens
 * copy the printed arrays over the ones below, and say in the commit why they moved.
 * The neural golden is trained with one ORT thread (sums in a fixed order); its
 * tolerance (1e-3 relative) leaves room for other CPUs' kernels, not for a change of code.
 */

jest.setTimeout(120_000);

const container = new Container();
container.loadSync(modelModule, executionModule);
// As the app binds it from ORT_THREADS=1: the neural models train and forecast on one thread.
container
  .bind<SessionFactory>(SessionFactory)
  .toConstantValue({ options: { threads: 1 }, create: (bytes, o = {}) => createSession(bytes, { threads: 1, ...o }) });
const registry = container.get(ModelRegistry);
const frame = toyFrame();
const h = 6;

async function forecastOf(model: string, overrides: Record<string, unknown>): Promise<number[][]> {
  const m = registry.create(model, h, 24, overrides);
  await m.fit(frame, { logger: new MemoryLogger(), threads: 1 });
  const forecast = await m.predict(frame);
  await (m as unknown as Partial<NeuralForecaster<never>>).dispose?.();
  return forecast.mean.map((row) => Array.from(row, (v) => Number(v.toPrecision(7))));
}

function expectGolden(name: string, actual: number[][], golden: number[][], relative: number): void {
  if (process.env['GOLDEN_PRINT']) console.log(`${name}: ${JSON.stringify(actual)}`);
  expect(actual).toHaveLength(golden.length);
  actual.forEach((row, i) =>
    row.forEach((v, t) => expect(Math.abs(v - golden[i][t])).toBeLessThanOrEqual(relative * Math.abs(golden[i][t]))),
  );
}

describe('forecast goldens, one per model family', () => {
  it('baseline: SeasonalNaive repeats the last season', async () => {
    const golden = [
      [12.10189, 13.09825, 14.16321, 14.97125, 15.35044, 15.40815],
      [24.62631, 25.17971, 25.65987, 25.78112, 25.41831, 24.72942],
    ];
    expectGolden('SeasonalNaive', await forecastOf('SeasonalNaive', {}), golden, 1e-7);
  });

  it('statistical: AutoTheta', async () => {
    const golden = [
      [12.79896, 12.81077, 12.82259, 12.8344, 12.84622, 12.85803],
      [25.59973, 25.61615, 25.63256, 25.64898, 25.6654, 25.68182],
    ];
    expectGolden('AutoTheta', await forecastOf('AutoTheta', {}), golden, 1e-5);
  });

  it('neural: NHITS, seed 1, 30 steps, one ORT thread', async () => {
    const hp = {
      inputSize: 12,
      mlpUnits: [[16, 16]],
      maxSteps: 30,
      learningRate: 3e-3,
      windowsBatchSize: 32,
      scalerType: 'robust',
      seed: 1,
    };
    const golden = [
      [13.74307, 13.81355, 14.07496, 14.05002, 13.64784, 13.61052],
      [26.5767, 26.87513, 27.18192, 27.32611, 26.58212, 26.35375],
    ];
    expectGolden('NHITS', await forecastOf('NHITS', hp), golden, 1e-3);
  });
});
