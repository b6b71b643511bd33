import type { RuntimeOptions } from '@tsforecast/graph';
import type { ModelDefinition, NeuralModelSpec, TrainingHyperparameters } from '@tsforecast/model';
import { NeuralForecaster } from './neural-forecaster';

/**
 * A {@link ModelDefinition} for a neural model file's spec: defaults merged
 * with the overrides, univariate, no exogenous inputs; its models are
 * {@link NeuralForecaster}s training the spec's network with sessions on
 * `runtime` (threads, execution provider from the graph lib's settings).
 *
 * @example
 * const definition = neuralDefinition(nhitsSpec, { threads: 2 });
 * const model = definition.create(12, 12, { maxSteps: 100 });
 */
export function neuralDefinition<H extends TrainingHyperparameters>(
  spec: NeuralModelSpec<H>,
  runtime: RuntimeOptions = {},
): ModelDefinition<H> {
  return {
    name: spec.name,
    kind: 'neural',
    description: spec.description,
    capabilities: {
      exogenous: { historic: false, future: false, static: false },
      multivariate: false,
      // Windows are left-padded, so 2 points (one input, one target) per series suffice, plus the validation part.
      minHistory: (_h, hp) => 2 + (typeof hp['valSize'] === 'number' ? hp['valSize'] : 0),
    },
    defaults: (h, m) => spec.defaults(h, m),
    create: (h, m, overrides = {}) => new NeuralForecaster(spec.build(h, { ...spec.defaults(h, m), ...overrides }), runtime),
    searchSpace: (h) => spec.searchSpace(h),
  };
}
