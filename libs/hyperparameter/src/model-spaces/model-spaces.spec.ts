import { flattenSpace } from '../space/flat-space';
import { materialize } from '../space/materialize';
import { RandomSampler } from '../samplers/random-sampler';
import { defaultSearchSpace, modelsWithSearchSpace } from './default-search-space';

describe('defaultSearchSpace', () => {
  it.each(modelsWithSearchSpace())('%s: a valid space with the shared NeuralForecast ranges', (name) => {
    const space = defaultSearchSpace(name, 12);
    const flat = flattenSpace(space);
    expect(flat.byName.get('inputSize')!.distribution).toMatchObject({ kind: 'categorical' });
    expect(space['inputSize']).toMatchObject({ options: [12, 24, 36, 48, 60] });
    expect(space['learningRate']).toMatchObject({ $hp: 'loguniform', low: 1e-4, high: 1e-1 });
    expect(space['maxSteps']).toMatchObject({ $hp: 'quniform', low: 500, high: 1500, q: 100 });
  });

  it('draws NHITS configs with kernel and downsampling lists', () => {
    const space = defaultSearchSpace('NHITS', 6);
    const flat = flattenSpace(space);
    const sampling = new RandomSampler({ seed: 3 }).begin({ trials: [], direction: 'minimize', trialNumber: 0, space: flat });
    const { config } = materialize(space, flat, (n, d) => sampling.independent(n, d));
    const c = config as Record<string, unknown>;
    expect(c['nPoolKernelSize']).toHaveLength(3);
    expect(c['nFreqDownsample']).toHaveLength(3);
    expect([6, 12, 18, 24, 30]).toContain(c['inputSize']);
    expect(['identity', 'robust', 'standard']).toContain(c['scalerType']);
  });

  it('names the models that have a space when asked for a baseline', () => {
    expect(() => defaultSearchSpace('SeasonalNaive', 12)).toThrow(/model 'SeasonalNaive' has no default search space; models with one: MLP, NHITS, NBEATS, DLinear, NLinear, TiDE, PatchTST/);
  });
});
