import type { ModelDefinition } from '../contract/forecast-model';
import { mergeHyperparameters, requireInteger } from './baseline-hyperparameters';
import { LocalBaseline, baselineCapabilities } from './local-baseline';

/** RandomWalkWithDrift has no hyperparameters. */
export type RandomWalkWithDriftHyperparameters = Record<string, never>;

/**
 * RandomWalkWithDrift (statsforecast `RandomWalkWithDrift`): the last value
 * plus the average step of the history, `ŷ_{T+k} = y_T + k·(y_T − y_1)/(T − 1)`.
 * A series needs at least 2 points.
 */
export class RandomWalkWithDrift extends LocalBaseline<RandomWalkWithDriftHyperparameters> {
  constructor(h: number, hyperparameters: RandomWalkWithDriftHyperparameters = {}) {
    super('RandomWalkWithDrift', h, hyperparameters, 2);
  }

  protected forecastSeries(y: Float64Array): Float64Array {
    const last = y[y.length - 1]!;
    const drift = (last - y[0]!) / (y.length - 1);
    return Float64Array.from({ length: this.h }, (_, i) => last + (i + 1) * drift);
  }
}

/** Registration of {@link RandomWalkWithDrift}. */
export const randomWalkWithDriftDefinition: ModelDefinition<RandomWalkWithDriftHyperparameters> = {
  name: 'RandomWalkWithDrift',
  kind: 'baseline',
  description: 'Last value plus the average historical step times the lead',
  capabilities: baselineCapabilities(() => 2),
  defaults: () => ({}),
  create(h, _seasonLength, overrides) {
    return new RandomWalkWithDrift(requireInteger('h', h, 1), mergeHyperparameters('RandomWalkWithDrift', {}, overrides));
  },
};
