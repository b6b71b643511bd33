import { pickOverrides } from './pick-overrides';
import { UsageError } from '@tsforecast/config';
import { Container } from 'inversify';
import { naiveDefinition } from '../baselines/naive';
import { modelModule } from '../model-module';
import { ModelRegistry } from './model-registry';

describe('ModelRegistry', () => {
  let registry: ModelRegistry;
  beforeAll(() => {
    const container = new Container();
    container.loadSync(modelModule);
    registry = container.get(ModelRegistry);
  });

  it('resolves the baselines from the multi-binding', () => {
    expect(registry.names()).toEqual(expect.arrayContaining(['Naive', 'SeasonalNaive', 'HistoricAverage', 'RandomWalkWithDrift']));
    expect(registry.get('seasonalnaive').name).toBe('SeasonalNaive');
    expect(registry.list().find((m) => m.name === 'Naive')).toEqual({
      name: 'Naive',
      kind: 'baseline',
      description: expect.stringMatching(/last observed value/i),
    });
  });

  it('creates models with defaults and overrides', () => {
    const model = registry.create('SeasonalNaive', 12, 24);
    expect(model).toMatchObject({ name: 'SeasonalNaive', h: 12, hyperparameters: { seasonLength: 24 } });
    expect(registry.create('SeasonalNaive', 6, 24, { seasonLength: 7 }).hyperparameters).toEqual({ seasonLength: 7 });
  });

  it('names the available models for an unknown name', () => {
    expect(() => registry.get('Foo')).toThrow(UsageError);
    expect(() => registry.get('Foo')).toThrow(
      /^Unknown model 'Foo'; available: Naive, SeasonalNaive, HistoricAverage, RandomWalkWithDrift/,
    );
  });

  it("gives a model's default search space, and for a model without one names the models that have one", () => {
    const tunable = { ...naiveDefinition, name: 'Tunable', searchSpace: (h: number) => ({ window: h }) };
    const withSpace = new ModelRegistry([naiveDefinition, tunable as unknown as typeof naiveDefinition]);
    expect(withSpace.searchSpace('tunable', 12)).toEqual({ window: 12 });
    expect(() => withSpace.searchSpace('Naive', 12)).toThrow(UsageError);
    expect(() => withSpace.searchSpace('Naive', 12)).toThrow(/^model 'Naive' has no default search space; models with one: Tunable$/);
    expect(() => withSpace.searchSpace('Tunable', 0)).toThrow(/^'h' must be a positive integer, got 0$/);
    expect(() => registry.searchSpace('SeasonalNaive', 12)).toThrow(
      /^model 'SeasonalNaive' has no default search space; models with one: none$/,
    );
  });

  it('refuses two models with the same name', () => {
    expect(() => new ModelRegistry([naiveDefinition, { ...naiveDefinition, name: 'NAIVE' }])).toThrow(
      /model 'NAIVE' is registered twice \(also as 'Naive'\)/,
    );
  });
});

describe('pickOverrides', () => {
  it('keeps only the hyperparameters the model has', () => {
    expect(pickOverrides({ seasonLength: 12 }, { maxSteps: 5, seasonLength: 4, inputSize: undefined })).toEqual({ seasonLength: 4 });
    expect(pickOverrides({ maxSteps: 1000, inputSize: 24 }, { maxSteps: 5, inputSize: undefined })).toEqual({ maxSteps: 5 });
  });
});
