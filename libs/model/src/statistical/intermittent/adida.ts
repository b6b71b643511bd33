import type { SeriesFit } from '../core/series-fit';
import { parameterFreeSpec, statisticalDefinition } from '../core/statistical-definition';
import { aggregateSumForecast } from './aggregate-forecast';
import { aggregationLevel, allZero } from './demand';
import { flatFit } from './flat-fit';

/**
 * ADIDA, aggregate–disaggregate intermittent demand approach (Nikolopoulos et
 * al. 2011; StatsForecast `ADIDA`): aggregate into buckets of
 * k = round(mean inter-demand interval) periods, forecast the bucket sum with
 * SES (α optimised in [0.1, 0.3]) and spread it evenly, ŷ = Ŝ / k.
 * An all-zero series forecasts 0.
 *
 * @internal
 */
export function adidaFit(y: Float64Array): SeriesFit {
  if (allZero(y)) return flatFit('ADIDA(zeros)', 0);
  const k = aggregationLevel(y);
  return flatFit(`ADIDA(${k})`, aggregateSumForecast(y, k) / k);
}

export const adidaSpec = parameterFreeSpec(
  'ADIDA',
  'Temporal aggregation at the mean inter-demand interval, optimised SES, even disaggregation',
  adidaFit,
);

/** Registration of ADIDA. */
export const adidaDefinition = statisticalDefinition(adidaSpec);
