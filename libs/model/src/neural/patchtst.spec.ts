import { buildBody } from '../testing/build-body';
import { PatchTST, patchCount, patchMatrix, patchtstDefaults, patchtstSpec } from './patchtst';

const h = 6;
// Small sizes: the body is only built here (training: see the end of the file).
const small = {
  ...patchtstDefaults(h),
  inputSize: 12,
  patchLen: 4,
  stride: 2,
  encoderLayers: 2,
  nHeads: 2,
  hiddenSize: 8,
  linearHiddenSize: 16,
};

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
    expect(patchtstSpec.defaults(12, 24)).toMatchObject({
      patchLen: 16,
      stride: 8,
      encoderLayers: 3,
      nHeads: 16,
      hiddenSize: 128,
      linearHiddenSize: 256,
      dropout: 0.2,
      attnDropout: 0,
      revin: true,
      learningRate: 1e-4,
      maxSteps: 5000,
      numLrDecays: -1,
      batchSize: 32,
      windowsBatchSize: 1024,
    });
  });

  it('rejects a d_model not divisible by the heads', () => {
    expect(() => buildBody(new PatchTST(h, { ...small, hiddenSize: 9 }))).toThrow(
      /'hiddenSize' must be divisible by 'nHeads' \(2\), got 9/,
    );
  });

  // Training, export and serving: libs/execution/src/training/neural-models.spec.ts (every registered neural model).
});
