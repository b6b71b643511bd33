import { Container } from 'inversify';
import { MemoryLogger } from '@tsforecast/config/testing';
import { modelModule, ModelRegistry, type ModelDefinition } from '@tsforecast/model';
import { toyFrame } from '@tsforecast/model/testing';
import { executionModule } from '../execution-module';
import { OnnxRunner } from '../onnx/onnx-runner';
import { evalGraphForecast } from '../testing/eval-graph-forecast';
import { NeuralForecaster } from './neural-forecaster';

// Every neural model the composed registry offers trains, and forecasts what its
// training graph computes: the forecast `predict` returns (the OnnxRunner on the
// exported graph) equals the training run's eval graph with the final weights,
// and so does a fresh runner on a copy of the exported bytes.

jest.setTimeout(240_000);

const h = 6;
/** Sizes that make a model train in seconds; a model not listed trains with its defaults (slower, still correct). */
const tiny: Record<string, Record<string, unknown>> = {
  MLP: { hiddenSize: 32 },
  NHITS: { mlpUnits: [[32, 32]] },
  NBEATS: { mlpUnits: [[32, 32]] },
  DLinear: { movingAvgWindow: 5 },
  TiDE: { hiddenSize: 16, decoderOutputDim: 4, temporalDecoderDim: 8 },
  PatchTST: { patchLen: 4, stride: 2, encoderLayers: 2, nHeads: 2, hiddenSize: 8, linearHiddenSize: 16 },
};
/** Variants whose graphs differ in structure from the defaults. */
const variants: [string, Record<string, unknown>][] = [
  ['TiDE', { layernorm: false }],
  ['PatchTST', { batchNormalization: true, revinAffine: true, revinSubtractLast: false, activation: 'relu', resAttention: false }],
  ['MLP', { loss: 'mqloss', level: [80] }],
  // The identity scaler and a mask-blind body: the exported graph has no `mask` input.
  ['MLP', { scalerType: 'identity' }],
];

const container = new Container();
container.loadSync(modelModule, executionModule);
const registry = container.get(ModelRegistry);
const neural = registry
  .names()
  .map((name) => registry.get(name))
  .filter((d) => d.kind === 'neural');
const cases: [string, ModelDefinition, Record<string, unknown>][] = [
  ...neural.map((d): [string, ModelDefinition, Record<string, unknown>] => [d.name, d, {}]),
  ...variants.map(([name, overrides]): [string, ModelDefinition, Record<string, unknown>] => [
    `${name} ${JSON.stringify(overrides)}`,
    registry.get(name),
    overrides,
  ]),
];
const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
const plain = (rows: ArrayLike<number>[]) => rows.map((r) => Array.from(r));
/** Float32 agreement: |a − b| ≤ 1e-5 · max(1, |b|). */
const expectClose = (actual: ArrayLike<number>[], expected: number[][]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, i) =>
    Array.from(row).forEach((v, t) =>
      expect(Math.abs(v - expected[i][t])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(expected[i][t]))),
    ),
  );
};

it('the registry offers the neural models', () => {
  expect(neural.map((d) => d.name)).toEqual(expect.arrayContaining(['MLP', 'NHITS', 'NBEATS', 'DLinear', 'NLinear', 'TiDE', 'PatchTST']));
});

describe.each(cases)('%s', (_label, definition, overrides) => {
  it('trains with decreasing loss and forecasts what its eval graph computes, also from a reloaded copy of its export', async () => {
    const frame = toyFrame();
    const model = definition.create(h, 24, {
      inputSize: 12,
      maxSteps: 40,
      learningRate: 3e-3,
      numLrDecays: -1,
      windowsBatchSize: 64,
      scalerType: 'standard',
      ...tiny[definition.name],
      ...overrides,
    }) as NeuralForecaster<never>;
    const losses: number[] = [];
    await model.fit(frame, { logger: new MemoryLogger(), onProgress: (_f, fields) => losses.push(fields['loss']) });
    expect(losses).toHaveLength(40);
    expect(mean(losses.slice(-8))).toBeLessThan(mean(losses.slice(0, 8)));

    const forecast = await model.predict(frame);
    expect(forecast.seriesIds).toEqual(['s0', 's1']);
    expect(forecast.ds[0][0]).toBe(frame.series[0].ds[71] + 3_600_000);
    const expected = await evalGraphForecast(model, frame);
    expectClose(forecast.mean, expected.mean);
    expectClose(forecast.quantiles?.values.flat() ?? [], expected.quantiles?.flat() ?? []);

    const exported = await model.export();
    expect(exported).toMatchObject({ inputSize: 12, h, scaler: overrides['scalerType'] ?? 'standard' });
    const runner = await OnnxRunner.create({ ...exported, onnx: Uint8Array.from(exported.onnx) });
    const again = await runner.forecast(frame);
    await runner.release();
    expect(plain(again.mean)).toEqual(plain(forecast.mean));
    await model.dispose();
  });
});
