import { UsageError } from '@tsforecast/config';
import type { StatisticalHyperparameters } from '../core/local-statistical-model';
import { statisticalDefinition, type StatisticalModelSpec } from '../core/statistical-definition';
import { mstlFit } from './mstl-fit';
import { TREND_FORECASTERS, trendFitters, type TrendForecaster } from './trend-forecasters';

export interface MstlHyperparameters extends StatisticalHyperparameters {
  /** Season lengths decomposed (e.g. `[24, 168]` for hourly data); periods with fewer than two cycles in a series are dropped for it. */
  seasonLengths: number[];
  /** Model of the seasonally adjusted series. */
  trendForecaster: TrendForecaster;
}

/** Hours in a week: the second season of hourly data. */
const WEEK_OF_HOURS = 168;

/**
 * Default season lengths: the dataset's, plus the weekly 168 when it is 24
 * (hourly data). A series shorter than 2·168 points drops the weekly period
 * on its own (see `usablePeriods`).
 *
 * @internal
 */
export function defaultSeasonLengths(seasonLength: number): number[] {
  return seasonLength === 24 ? [24, WEEK_OF_HOURS] : [seasonLength];
}

export const mstlSpec: StatisticalModelSpec<MstlHyperparameters> = {
  name: 'MSTL',
  description:
    'Multiple seasonal-trend decomposition by loess; AutoETS (ZZN) or AutoARIMA on the adjusted series, seasonal naive on each component',
  defaults: (_h, seasonLength) => ({
    seasonLengths: defaultSeasonLengths(seasonLength),
    trendForecaster: 'AutoETS',
  }),
  check({ seasonLengths, trendForecaster }) {
    if (!Array.isArray(seasonLengths) || seasonLengths.length === 0 || !seasonLengths.every((m) => Number.isSafeInteger(m) && m >= 1)) {
      throw new UsageError(`'seasonLengths' must be a non-empty list of integers >= 1, got ${JSON.stringify(seasonLengths)}`);
    }
    if (!(TREND_FORECASTERS as readonly string[]).includes(trendForecaster)) {
      throw new UsageError(`'trendForecaster' must be one of ${TREND_FORECASTERS.join(', ')}, got ${JSON.stringify(trendForecaster)}`);
    }
  },
  fitter: ({ seasonLengths, trendForecaster }) => {
    const trendFitter = trendFitters[trendForecaster];
    return (y) => mstlFit(y, seasonLengths, trendFitter);
  },
};

/** Registration of MSTL. */
export const mstlDefinition = statisticalDefinition(mstlSpec);
