import type { ModelDefinition } from '../contract/forecast-model';
import { mergeHyperparameters, requireInteger } from './baseline-hyperparameters';
import { LocalBaseline, baselineCapabilities } from './local-baseline';

export type SeasonalNaiveHyperparameters = {
  /** Season length `m`; defaults to the dataset's. */
  seasonLength: number;
};

/**
 * SeasonalNaive (statsforecast `SeasonalNaive`): each future point repeats the
 * value one season earlier, `ŷ_{T+k} = y_{T+k−m·ceil(k/m)}`, i.e. the last
 * season tiled over the horizon. A series needs at least `m` points.
 */
export class SeasonalNaive extends LocalBaseline<SeasonalNaiveHyperparameters> {
  constructor(h: number, hyperparameters: SeasonalNaiveHyperparameters) {
    super('SeasonalNaive', h, hyperparameters, hyperparameters.seasonLength);
  }

  protected forecastSeries(y: Float64Array): Float64Array {
    const m = this.hyperparameters.seasonLength;
    const T = y.length;
    const out = new Float64Array(this.h);
    // 0-based: ŷ[k-1] = y[T-1 + k - m·ceil(k/m)]
    for (let k = 1; k <= this.h; k++) out[k - 1] = y[T - 1 + k - m * Math.ceil(k / m)]!;
    return out;
  }
}

/** Registration of {@link SeasonalNaive}. */
export const seasonalNaiveDefinition: ModelDefinition<SeasonalNaiveHyperparameters> = {
  name: 'SeasonalNaive',
  kind: 'baseline',
  description: 'Value one season earlier, the last season repeated over the horizon',
  capabilities: baselineCapabilities((_h, hyperparameters) => Number(hyperparameters['seasonLength'] ?? 1)),
  defaults: (_h, seasonLength) => ({ seasonLength }),
  create(h, seasonLength, overrides) {
    const hyperparameters = mergeHyperparameters('SeasonalNaive', { seasonLength }, overrides);
    requireInteger('seasonLength', hyperparameters.seasonLength, 1);
    return new SeasonalNaive(requireInteger('h', h, 1), hyperparameters);
  },
};
