import { MemoryLogger } from '@tsforecast/config/testing';
import { toyFrame } from '../testing/toy-frame';
import { InferenceRunner } from '../training/inference-runner';
import type { NeuralModelSpec } from '../training/neural-definition';
import type { NeuralForecaster } from '../training/neural-forecaster';
import type { TrainingHyperparameters } from '../training/training-hyperparameters';
import { dlinearSpec } from './dlinear';
import { mlpSpec } from './mlp';
import { nbeatsSpec } from './nbeats';
import { nhitsSpec } from './nhits';
import { nlinearSpec } from './nlinear';

jest.setTimeout(120_000);

const h = 6;
const small: Record<string, Record<string, unknown>> = {
  MLP: { hiddenSize: 32 },
  NHITS: { mlpUnits: [[32, 32]] },
  NBEATS: { mlpUnits: [[32, 32]] },
  DLinear: { movingAvgWindow: 5 },
  NLinear: {},
};
const specs = [mlpSpec, nhitsSpec, nbeatsSpec, dlinearSpec, nlinearSpec] as unknown as NeuralModelSpec<TrainingHyperparameters>[];

describe.each(specs.map((s) => [s.name, s] as const))('%s', (name, spec) => {
  it('trains with decreasing loss, and its exported ONNX reloaded forecasts as predict does', async () => {
    const frame = toyFrame();
    const hp = { ...spec.defaults(h, 24), inputSize: 12, maxSteps: 40, learningRate: 3e-3, numLrDecays: -1, windowsBatchSize: 64, scalerType: 'standard' as const, ...small[name] };
    const model = spec.build(h, hp, { threads: 1 });
    const losses: number[] = [];
    await model.fit(frame, { logger: new MemoryLogger(), onProgress: (_f, fields) => losses.push(fields['loss']) });
    expect(losses).toHaveLength(40);
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(mean(losses.slice(-8))).toBeLessThan(mean(losses.slice(0, 8)));

    const forecast = await model.predict(frame);
    expect(forecast.seriesIds).toEqual(['s0', 's1']);
    expect(forecast.mean[0]).toHaveLength(h);
    expect(forecast.ds[0][0]).toBe(frame.series[0].ds[71] + 3_600_000);
    const exported = await model.export!();
    expect(exported).toMatchObject({ inputSize: 12, h, scaler: 'standard' });
    const runner = await InferenceRunner.create({ ...exported, onnx: Uint8Array.from(exported.onnx) });
    const again = await runner.predict(frame);
    expect(again.mean.map((m) => Array.from(m))).toEqual(forecast.mean.map((m) => Array.from(m)));
    await runner.release();
    await (model as unknown as NeuralForecaster<TrainingHyperparameters>).dispose();
  });
});
