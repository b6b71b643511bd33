import { UsageError } from '@tsforecast/config';
import type { StatisticalHyperparameters } from '../core/local-statistical-model';
import type { SeriesFit } from '../core/series-fit';
import { statisticalDefinition, type StatisticalModelSpec } from '../core/statistical-definition';

export interface WindowAverageHyperparameters extends StatisticalHyperparameters {
  /** Points averaged, counted back from the end of the series. */
  windowSize: number;
}

/**
 * WindowAverage (StatsForecast `WindowAverage`): every future point is the mean
 * of the last `windowSize` values, `ŷ_{T+k} = (1/w) Σ_{t=T−w+1..T} y_t`. No
 * intervals (StatsForecast gives none). A series shorter than the window is
 * averaged over all its points.
 */
export function windowAverageFit(y: Float64Array, windowSize: number): SeriesFit {
  const w = Math.min(windowSize, y.length);
  let sum = 0;
  for (let t = y.length - w; t < y.length; t++) sum += y[t]!;
  const mean = sum / w;
  return { label: `WindowAverage(${w})`, forecast: (h) => ({ mean: new Float64Array(h).fill(mean), lo: [], hi: [] }) };
}

export const windowAverageSpec: StatisticalModelSpec<WindowAverageHyperparameters> = {
  name: 'WindowAverage',
  description: 'Mean of the last windowSize values',
  defaults: (_h, seasonLength) => ({ windowSize: Math.max(2, seasonLength) }),
  check({ windowSize }) {
    if (!Number.isSafeInteger(windowSize) || windowSize < 1)
      throw new UsageError(`'windowSize' must be an integer >= 1, got ${String(windowSize)}`);
  },
  fitter:
    ({ windowSize }) =>
    (y) =>
      windowAverageFit(y, windowSize),
};

/** Registration of WindowAverage. */
export const windowAverageDefinition = statisticalDefinition(windowAverageSpec);
