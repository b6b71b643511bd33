import { buildBody } from '../testing/build-body';
import { TiDE, tideDefaults, tideSpec } from './tide';

const h = 6;
// Small sizes: the body is only built here (training: see the end of the file).
const small = { ...tideDefaults(h), inputSize: 12, hiddenSize: 16, decoderOutputDim: 4, temporalDecoderDim: 8 };

describe('TiDE', () => {
  it('has NeuralForecast defaults', () => {
    expect(tideSpec.defaults(12, 24)).toMatchObject({
      hiddenSize: 512,
      decoderOutputDim: 32,
      temporalDecoderDim: 128,
      dropout: 0.3,
      layernorm: true,
      numEncoderLayers: 1,
      numDecoderLayers: 1,
      learningRate: 1e-3,
      maxSteps: 1000,
      numLrDecays: -1,
      batchSize: 32,
      windowsBatchSize: 1024,
      loss: 'mae',
    });
  });

  it('rejects invalid sizes with the name and the value', () => {
    expect(() => buildBody(new TiDE(h, { ...small, hiddenSize: 0 }))).toThrow(/'hiddenSize' must be an integer >= 1, got 0/);
  });

  // Training, export and serving: libs/execution/src/training/neural-models.spec.ts (every registered neural model).
});
