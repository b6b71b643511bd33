import type { ModelDefinition } from '../contract/forecast-model';
import { mergeHyperparameters, requireInteger } from './baseline-hyperparameters';
import { LocalBaseline, baselineCapabilities } from './local-baseline';

/** Naive has no hyperparameters. */
export type NaiveHyperparameters = Record<string, never>;

/**
 * Naive (statsforecast `Naive`): every future point is the last observed value,
 * `ŷ_{T+k} = y_T`.
 */
export class Naive extends LocalBaseline<NaiveHyperparameters> {
  constructor(h: number, hyperparameters: NaiveHyperparameters = {}) {
    super('Naive', h, hyperparameters, 1);
  }

  protected forecastSeries(y: Float64Array): Float64Array {
    return new Float64Array(this.h).fill(y[y.length - 1]!);
  }
}

/** Registration of {@link Naive}. */
export const naiveDefinition: ModelDefinition<NaiveHyperparameters> = {
  name: 'Naive',
  kind: 'baseline',
  description: 'Last observed value repeated over the horizon',
  capabilities: baselineCapabilities(() => 1),
  defaults: () => ({}),
  create(h, _seasonLength, overrides) {
    return new Naive(requireInteger('h', h, 1), mergeHyperparameters('Naive', {}, overrides));
  },
};
