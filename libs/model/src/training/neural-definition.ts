import type { RuntimeOptions } from '@tsforecast/graph';
import type { ForecastModel, ModelDefinition } from '../contract/forecast-model';
import type { TrainingHyperparameters } from './training-hyperparameters';

/** What a neural model file declares; {@link neuralDefinition} turns it into a {@link ModelDefinition}. */
export interface NeuralModelSpec<H extends TrainingHyperparameters> {
  readonly name: string;
  readonly description: string;
  defaults(h: number, seasonLength: number): H;
  build(h: number, hyperparameters: H, runtime: RuntimeOptions): ForecastModel<H>;
}

/**
 * A {@link ModelDefinition} for a neural model: defaults merged with the
 * overrides, univariate, no exogenous inputs, sessions with `runtime` (threads,
 * execution provider from the graph lib's settings).
 */
export function neuralDefinition<H extends TrainingHyperparameters>(spec: NeuralModelSpec<H>, runtime: RuntimeOptions = {}): ModelDefinition<H> {
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
    create: (h, m, overrides = {}) => spec.build(h, { ...spec.defaults(h, m), ...overrides }, runtime),
  };
}
