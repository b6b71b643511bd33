import { Container } from 'inversify';
import { flattenSpace, isExpr, materialize, RandomSampler, type FlatSpace, type TrialSampling } from '@tsforecast/hyperparameter';
import { modelModule, ModelRegistry, type ModelDefinition } from '@tsforecast/model';
import { executionModule } from './execution-module';
import { NeuralForecaster } from './training/neural-forecaster';
import { GRAPH_NAMES } from './training/forecast-graph';

// The registry contract, over every model the composed registry offers (model's
// baselines and statistical models, execution's neural models): no hand-kept
// list of models here. Graphs are built (shapes checked), never trained.

const HORIZONS = [1, 7, 12, 24, 48];
const DRAWS = 20;
const SEED = 7;
const SEASON_LENGTH = 12;

function composedRegistry(): ModelRegistry {
  const container = new Container();
  container.loadSync(modelModule, executionModule);
  return container.get(ModelRegistry);
}

const registry = composedRegistry();
const definitions = registry.names().map((name) => registry.get(name));
const neural = definitions.filter((d) => d.kind === 'neural');

/** One config from `space`, each active parameter picked by `pick`. */
function draw(space: object, flat: FlatSpace, pick: TrialSampling['independent']): Record<string, unknown> {
  return materialize(space, flat, pick).config as Record<string, unknown>;
}

/**
 * `DRAWS` seeded random configs, then one more for every `choice` option no
 * draw picked (the other parameters random), so each option is built at least once.
 */
function sampledConfigs(space: object): Record<string, unknown>[] {
  const flat = flattenSpace(space);
  const sampler = new RandomSampler({ seed: SEED });
  const begin = (trialNumber: number) => sampler.begin({ trials: [], direction: 'minimize', trialNumber, space: flat });
  const picked = new Map<string, Set<number>>();
  const configs: Record<string, unknown>[] = [];
  for (let n = 0; n < DRAWS; n++) {
    const sampling = begin(n);
    configs.push(
      draw(space, flat, (name, distribution) => {
        const value = sampling.independent(name, distribution);
        if (distribution.kind === 'categorical') picked.set(name, (picked.get(name) ?? new Set()).add(value));
        return value;
      }),
    );
  }
  for (const param of flat.params) {
    if (param.distribution.kind !== 'categorical') continue;
    for (let option = 0; option < param.distribution.size; option++) {
      if (picked.get(param.name)?.has(option)) continue;
      const sampling = begin(configs.length);
      configs.push(draw(space, flat, (name, distribution) => (name === param.name ? option : sampling.independent(name, distribution))));
    }
  }
  return configs;
}

/** The error building `config`'s graph at horizon `h` throws, or the wrong output shape; undefined when the graph is valid. */
function graphProblem(definition: ModelDefinition, h: number, config: Record<string, unknown>): string | undefined {
  try {
    const model = definition.create(h, SEASON_LENGTH, config);
    if (!(model instanceof NeuralForecaster)) return `create() gave no NeuralForecaster`;
    const yHat = model.buildGraph().g.outputs.get(GRAPH_NAMES.yHat);
    const shape = yHat?.shape.slice(1);
    return shape?.length === 1 && shape[0] === h ? undefined : `y_hat has shape [B, ${String(shape)}], expected [B, ${h}]`;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('model registry contract', () => {
  it('offers a default search space for every neural model and for no other', () => {
    expect(neural.length).toBeGreaterThan(0);
    for (const d of definitions) {
      expect({ model: d.name, hasSpace: typeof d.searchSpace === 'function' }).toEqual({ model: d.name, hasSpace: d.kind === 'neural' });
    }
  });

  describe.each(neural.map((d) => [d.name, d] as const))('%s', (_name, definition) => {
    it.each(HORIZONS)('h=%i: every space key is a hyperparameter of its defaults, each expression labelled by its key', (h) => {
      const space = definition.searchSpace!(h);
      const defaults = definition.defaults(h, SEASON_LENGTH);
      for (const [key, entry] of Object.entries(space)) {
        expect({ key, isHyperparameter: Object.prototype.hasOwnProperty.call(defaults, key) }).toEqual({ key, isHyperparameter: true });
        if (isExpr(entry)) expect({ key, label: entry.label }).toEqual({ key, label: key });
      }
    });

    it.each(HORIZONS)('h=%i: every sampled config (and every choice option) builds a valid graph', (h) => {
      const problems = sampledConfigs(definition.searchSpace!(h))
        .map((config) => ({ config, problem: graphProblem(definition, h, config) }))
        .filter((p) => p.problem !== undefined);
      expect(problems).toEqual([]);
    });
  });
});
