import { flattenSpace } from '@tsforecast/hyperparameter';
import { neuralModelSpecs } from './neural-specs';
import { trainingSpace } from './training-space';

// Graph validity of every sampled config: libs/execution/src/model-contract.spec.ts (over the composed registry).
describe.each(neuralModelSpecs.map((spec) => [spec.name, spec] as const))('%s default search space', (_name, spec) => {
  it('has the shared NeuralForecast Auto* ranges and is a valid space', () => {
    const space = spec.searchSpace(12);
    expect(flattenSpace(space).byName.get('inputSize')!.distribution).toMatchObject({ kind: 'categorical', size: 5 });
    expect(space.inputSize).toMatchObject({ $hp: 'choice', options: [12, 24, 36, 48, 60] });
    expect(space.learningRate).toMatchObject({ $hp: 'loguniform', low: 1e-4, high: 1e-1 });
    expect(space.maxSteps).toMatchObject({ $hp: 'quniform', low: 500, high: 1500, q: 100 });
    expect(space.scalerType).toMatchObject({ $hp: 'choice', options: ['identity', 'robust', 'standard'] });
  });

  it('adds its own Auto* entries to the shared ones', () => {
    const shared = trainingSpace(12);
    expect(Object.keys(spec.searchSpace(12)).filter((key) => !(key in shared)).length).toBeGreaterThan(0);
  });
});
