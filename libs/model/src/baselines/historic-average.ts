import type { ModelDefinition } from '../contract/forecast-model';
import { mergeHyperparameters, requireInteger } from './baseline-hyperparameters';
import { LocalBaseline, baselineCapabilities } from './local-baseline';

/** HistoricAverage has no hyperparameters. */
export type HistoricAverageHyperparameters = Record<string, never>;

/**
 * HistoricAverage (statsforecast `HistoricAverage`): every future point is the
 * mean of the whole history, `ŷ_{T+k} = (1/T) Σ_t y_t`.
 */
export class HistoricAverage extends LocalBaseline<HistoricAverageHyperparameters> {
  constructor(h: number, hyperparameters: HistoricAverageHyperparameters = {}) {
    super('HistoricAverage', h, hyperparameters, 1);
  }

  protected forecastSeries(y: Float64Array): Float64Array {
    let sum = 0;
    for (let t = 0; t < y.length; t++) sum += y[t]!;
    return new Float64Array(this.h).fill(sum / y.length);
  }
}

/** Registration of {@link HistoricAverage}. */
export const historicAverageDefinition: ModelDefinition<HistoricAverageHyperparameters> = {
  name: 'HistoricAverage',
  kind: 'baseline',
  description: 'Mean of the whole history repeated over the horizon',
  capabilities: baselineCapabilities(() => 1),
  defaults: () => ({}),
  create(h, _seasonLength, overrides) {
    return new HistoricAverage(requireInteger('h', h, 1), mergeHyperparameters('HistoricAverage', {}, overrides));
  },
};
