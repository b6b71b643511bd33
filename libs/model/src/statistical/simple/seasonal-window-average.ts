import { UsageError } from '@tsforecast/config';
import type { StatisticalHyperparameters } from '../core/local-statistical-model';
import type { SeriesFit } from '../core/series-fit';
import { statisticalDefinition, type StatisticalModelSpec } from '../core/statistical-definition';

export interface SeasonalWindowAverageHyperparameters extends StatisticalHyperparameters {
  /** Seasons averaged, counted back from the end of the series. */
  windowSize: number;
}

/**
 * SeasonalWindowAverage (StatsForecast `SeasonalWindowAverage`): the forecast
 * of a season position is the mean of that position over the last `w`
 * seasons,
 *
 *   ŷ_{T+k} = (1/w) Σ_{i=0..w−1} y_{T−m+((k−1) mod m)+1−i·m}.
 *
 * No intervals (StatsForecast gives none). Where StatsForecast returns NaN (a
 * series shorter than w·m) each position averages the seasons it has; a
 * position the series never reaches (T < m) takes the mean of the whole series.
 *
 * @example seasonalWindowAverageFit(Float64Array.of(1, 2, 3, 4), 2, 2).forecast(2, []).mean // [2, 3]
 * @internal
 */
export function seasonalWindowAverageFit(y: Float64Array, m: number, windowSize: number): SeriesFit {
  const T = y.length;
  let total = 0;
  for (let t = 0; t < T; t++) total += y[t]!;
  const season = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let sum = 0;
    let count = 0;
    for (let t = T - m + j; t >= 0 && count < windowSize; t -= m) {
      sum += y[t]!;
      count++;
    }
    season[j] = count > 0 ? sum / count : total / T;
  }
  const seasons = Math.min(windowSize, Math.floor(T / m));
  return {
    label: `SeasonalWindowAverage(${m}, ${seasons})`,
    forecast: (h) => {
      const mean = new Float64Array(h);
      for (let k = 0; k < h; k++) mean[k] = season[k % m]!;
      return { mean, lo: [], hi: [] };
    },
  };
}

export const seasonalWindowAverageSpec: StatisticalModelSpec<SeasonalWindowAverageHyperparameters> = {
  name: 'SeasonalWindowAverage',
  description: 'Mean of the same season position over the last windowSize seasons',
  // StatsForecast requires window_size; 2 seasons is the smallest window that averages.
  defaults: () => ({ windowSize: 2 }),
  check({ windowSize }) {
    if (!Number.isSafeInteger(windowSize) || windowSize < 1)
      throw new UsageError(`'windowSize' must be an integer >= 1, got ${String(windowSize)}`);
  },
  fitter:
    ({ windowSize }) =>
    (y, m) =>
      seasonalWindowAverageFit(y, m, windowSize),
};

/** Registration of SeasonalWindowAverage. */
export const seasonalWindowAverageDefinition = statisticalDefinition(seasonalWindowAverageSpec);
