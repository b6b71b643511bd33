import type { SeriesFit } from '../core/series-fit';
import { parameterFreeSpec, statisticalDefinition } from '../core/statistical-definition';
import { aggregateSumForecast } from './aggregate-forecast';
import { aggregationLevel, allZero } from './demand';
import { flatFit } from './flat-fit';

/**
 * IMAPA, intermittent multiple aggregation prediction algorithm (Petropoulos
 * & Kourentzes 2015; StatsForecast `IMAPA`): ADIDA's per-period forecast at
 * every aggregation level k = 1..K, K = round(mean inter-demand interval),
 * averaged with equal weights,
 *
 *   ŷ = (1/K) Σ_{k=1..K} Ŝ_k / k.
 *
 * An all-zero series forecasts 0.
 *
 * @internal
 */
export function imapaFit(y: Float64Array): SeriesFit {
  if (allZero(y)) return flatFit('IMAPA(zeros)', 0);
  const K = aggregationLevel(y);
  let sum = 0;
  for (let k = 1; k <= K; k++) sum += aggregateSumForecast(y, k) / k;
  return flatFit(`IMAPA(${K})`, sum / K);
}

export const imapaSpec = parameterFreeSpec(
  'IMAPA',
  'Mean of ADIDA forecasts over aggregation levels 1..mean inter-demand interval',
  imapaFit,
);

/** Registration of IMAPA. */
export const imapaDefinition = statisticalDefinition(imapaSpec);
