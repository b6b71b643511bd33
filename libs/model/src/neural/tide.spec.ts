import { MemoryLogger } from '@tsforecast/config/testing';
import { toyFrame } from '../testing/toy-frame';
import { InferenceRunner } from '../training/inference-runner';
import { TiDE, tideDefaults, tideSpec } from './tide';

jest.setTimeout(120_000);

const h = 6;
// Tiny sizes so the test runs in seconds on a loaded machine.
const tiny = { ...tideDefaults(h), inputSize: 12, hiddenSize: 16, decoderOutputDim: 4, temporalDecoderDim: 8, maxSteps: 20, learningRate: 3e-3, windowsBatchSize: 32, scalerType: 'standard' as const };
const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;

describe('TiDE', () => {
  it('has NeuralForecast defaults', () => {
    expect(tideSpec.defaults(12, 24)).toMatchObject({ hiddenSize: 512, decoderOutputDim: 32, temporalDecoderDim: 128, dropout: 0.3, layernorm: true, numEncoderLayers: 1, numDecoderLayers: 1, learningRate: 1e-3, maxSteps: 1000, numLrDecays: -1, batchSize: 32, windowsBatchSize: 1024, loss: 'mae' });
  });

  it('rejects invalid sizes with the name and the value', () => {
    expect(() => new TiDE(h, { ...tiny, hiddenSize: 0 }).buildGraph()).toThrow(/'hiddenSize' must be an integer >= 1, got 0/);
  });

  it.each([true, false])('trains with decreasing loss (layernorm %s), and its exported ONNX reloaded forecasts as predict does', async (layernorm) => {
    const frame = toyFrame();
    const model = tideSpec.build(h, { ...tiny, layernorm }, { threads: 1 });
    const losses: number[] = [];
    await model.fit(frame, { logger: new MemoryLogger(), onProgress: (_f, fields) => losses.push(fields['loss']) });
    expect(losses).toHaveLength(20);
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)));

    const forecast = await model.predict(frame);
    expect(forecast.seriesIds).toEqual(['s0', 's1']);
    expect(forecast.mean[0]).toHaveLength(h);
    const exported = await model.export!();
    expect(exported).toMatchObject({ inputSize: 12, h, scaler: 'standard' });
    const runner = await InferenceRunner.create({ ...exported, onnx: Uint8Array.from(exported.onnx) });
    const again = await runner.predict(frame);
    expect(again.mean.map((m) => Array.from(m))).toEqual(forecast.mean.map((m) => Array.from(m)));
    await runner.release();
    await (model as TiDE).dispose();
  });
});
