import { GraphBuilder, type Tensor } from '@tsforecast/graph';
import { TiDE, tideDefaults, tideSpec } from './tide';

const h = 6;
// Tiny sizes so the test runs in seconds on a loaded machine.
const tiny = {
  ...tideDefaults(h),
  inputSize: 12,
  hiddenSize: 16,
  decoderOutputDim: 4,
  temporalDecoderDim: 8,
  maxSteps: 20,
  learningRate: 3e-3,
  windowsBatchSize: 32,
  scalerType: 'standard' as const,
};
/** Builds the network body on a fresh graph (where a model checks its own sizes). */
function buildBody(network: { body: (g: GraphBuilder, z: Tensor, mask: Tensor, outputs: number) => Tensor }): Tensor {
  const g = new GraphBuilder({ seed: 1 });
  const z = g.input('z', ['B', 12]);
  return network.body(g, z, g.input('mask', ['B', 12]), 1);
}

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
    expect(() => buildBody(new TiDE(h, { ...tiny, hiddenSize: 0 }))).toThrow(/'hiddenSize' must be an integer >= 1, got 0/);
  });

  // Training, export and serving: libs/execution/src/training/neural-models.spec.ts (every registered neural model).
});
