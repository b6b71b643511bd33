import { MemoryLogger } from '@tsforecast/config/testing';
import { toyFrame } from '../testing/toy-frame';
import { InferenceRunner } from '../training/inference-runner';
import { PatchTST, patchCount, patchMatrix, patchtstDefaults, patchtstSpec } from './patchtst';

jest.setTimeout(120_000);

const h = 6;
// Tiny sizes so the test runs in seconds on a loaded machine.
const tiny = {
  ...patchtstDefaults(h),
  inputSize: 12,
  patchLen: 4,
  stride: 2,
  encoderLayers: 2,
  nHeads: 2,
  hiddenSize: 8,
  linearHiddenSize: 16,
  maxSteps: 20,
  learningRate: 3e-3,
  windowsBatchSize: 32,
};
const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;

describe('patching', () => {
  it('replicate-pads stride values at the end, then unfolds (NeuralForecast patch_num)', () => {
    // L = 5, P = 3, S = 2: padded [z0..z4, z4, z4] → patches [0,1,2] [2,3,4] [4,4,4].
    expect(patchCount(5, 3, 2)).toBe(3);
    expect(patchCount(512, 16, 8)).toBe(Math.trunc((512 - 16) / 8 + 1) + 1);
    const m = patchMatrix(5, 3, 2);
    const picks = Array.from({ length: 9 }, (_, c) => [0, 1, 2, 3, 4].find((r) => m[r * 9 + c] === 1));
    expect(picks).toEqual([0, 1, 2, 2, 3, 4, 4, 4, 4]);
  });
});

describe('PatchTST', () => {
  it('has NeuralForecast defaults', () => {
    expect(patchtstSpec.defaults(12, 24)).toMatchObject({ patchLen: 16, stride: 8, encoderLayers: 3, nHeads: 16, hiddenSize: 128, linearHiddenSize: 256, dropout: 0.2, attnDropout: 0, revin: true, learningRate: 1e-4, maxSteps: 5000, numLrDecays: -1, batchSize: 32, windowsBatchSize: 1024 });
  });

  it('rejects a d_model not divisible by the heads', () => {
    expect(() => new PatchTST(h, { ...tiny, hiddenSize: 9 }).buildGraph()).toThrow(/'hiddenSize' must be divisible by 'nHeads' \(2\), got 9/);
  });

  it.each([
    ['post-norm, residual attention', {}],
    ['pre-norm, RevIN affine, relu', { batchNormalization: true, revinAffine: true, revinSubtractLast: false, activation: 'relu' as const, resAttention: false }],
  ])('trains with decreasing loss (%s), and its exported ONNX reloaded forecasts as predict does', async (_name, overrides) => {
    const frame = toyFrame();
    const model = patchtstSpec.build(h, { ...tiny, ...overrides }, { threads: 1 });
    const losses: number[] = [];
    await model.fit(frame, { logger: new MemoryLogger(), onProgress: (_f, fields) => losses.push(fields['loss']) });
    expect(losses).toHaveLength(20);
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)));

    const forecast = await model.predict(frame);
    expect(forecast.mean[0]).toHaveLength(h);
    expect(forecast.mean.every((m) => m.every(Number.isFinite))).toBe(true);
    const exported = await model.export!();
    expect(exported).toMatchObject({ inputSize: 12, h, scaler: 'identity' });
    const runner = await InferenceRunner.create({ ...exported, onnx: Uint8Array.from(exported.onnx) });
    const again = await runner.predict(frame);
    expect(again.mean.map((m) => Array.from(m))).toEqual(forecast.mean.map((m) => Array.from(m)));
    await runner.release();
    await (model as PatchTST).dispose();
  });
});
