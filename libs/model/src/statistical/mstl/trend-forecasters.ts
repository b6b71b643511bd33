import { fitAutoArima } from '../arima/auto-arima';
import type { SeriesFitter } from '../core/series-fit';
import { fitAutoEts } from '../ets/auto-ets';

/** Non-seasonal models MSTL can forecast its seasonally adjusted series with. */
export const TREND_FORECASTERS = ['AutoETS', 'AutoARIMA'] as const;
export type TrendForecaster = (typeof TREND_FORECASTERS)[number];

/**
 * The fitter of each trend forecaster, always with m = 1: AutoETS restricted
 * to non-seasonal models (`ZZN`, StatsForecast's MSTL default) and AutoARIMA
 * without seasonal terms.
 *
 * @internal
 */
export const trendFitters: { [K in TrendForecaster]: SeriesFitter } = {
  AutoETS: (y) => fitAutoEts(y, 1, { model: 'ZZN' }),
  AutoARIMA: (y) => fitAutoArima(y, 1),
};
