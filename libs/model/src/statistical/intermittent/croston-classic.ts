import type { SeriesFit } from '../core/series-fit';
import { parameterFreeSpec, statisticalDefinition } from '../core/statistical-definition';
import { demandSizes, interDemandIntervals } from './demand';
import { flatFit } from './flat-fit';
import { sesForecast } from './ses';

/** Croston's smoothing constant (StatsForecast and R `croston` use 0.1). */
export const CROSTON_ALPHA = 0.1;

/**
 * Croston's method (Croston 1972; StatsForecast `CrostonClassic`, R
 * `forecast::croston`): SES with α = 0.1 on the positive demand sizes z and on
 * the inter-demand intervals p, each started at its first value; the forecast
 * is flat,
 *
 *   ŷ = ẑ / p̂   (ẑ alone when p̂ = 0, which cannot happen as every p ≥ 1).
 *
 * `factor` scales it (SBA's 1 − α/2). A series without a positive value
 * forecasts its last value (StatsForecast's naive fallback: 0 for all zeros).
 *
 * @example crostonFit(Float64Array.of(0, 2, 0, 4), 1).forecast(1, []).mean // [z/p]
 * @internal
 */
export function crostonFit(y: Float64Array, factor: number, label = 'CrostonClassic'): SeriesFit {
  const z = demandSizes(y);
  if (z.length === 0) return flatFit(`${label}(naive)`, y[y.length - 1]!);
  const zHat = sesForecast(z, CROSTON_ALPHA);
  const pHat = sesForecast(interDemandIntervals(y), CROSTON_ALPHA);
  return flatFit(label, (pHat !== 0 ? zHat / pHat : zHat) * factor);
}

export const crostonClassicSpec = parameterFreeSpec(
  'CrostonClassic',
  "Croston's method: SES (α = 0.1) of demand sizes over SES of inter-demand intervals",
  (y) => crostonFit(y, 1),
);

/** Registration of CrostonClassic. */
export const crostonClassicDefinition = statisticalDefinition(crostonClassicSpec);
