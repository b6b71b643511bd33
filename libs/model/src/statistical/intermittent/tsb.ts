import { UsageError } from '@tsforecast/config';
import type { StatisticalHyperparameters } from '../core/local-statistical-model';
import type { SeriesFit } from '../core/series-fit';
import { statisticalDefinition, type StatisticalModelSpec } from '../core/statistical-definition';
import { demandSizes } from './demand';
import { flatFit } from './flat-fit';
import { sesForecast } from './ses';

export interface TsbHyperparameters extends StatisticalHyperparameters {
  /** SES constant of the demand sizes, in [0, 1]. */
  alphaD: number;
  /** SES constant of the demand probability, in [0, 1]. */
  alphaP: number;
}

/**
 * TSB (Teunter, Syntetos & Babai 2011; StatsForecast `TSB`): SES with α_p on
 * the demand indicator d_t = [y_t ≠ 0] (every period) and with α_d on the
 * positive demand sizes, each started at its first value; ŷ = d̂ · ẑ.
 * Without a positive value (all zeros, or only negatives) the forecast is 0.
 *
 * @internal
 */
export function tsbFit(y: Float64Array, alphaD: number, alphaP: number): SeriesFit {
  const z = demandSizes(y);
  if (z.length === 0) return flatFit('TSB(no demand)', 0);
  // d̂ by SES on the indicator, without building it: ℓ ← α_p d_t + (1 − α_p) ℓ.
  let probability = y[0] !== 0 ? 1 : 0;
  for (let t = 0; t < y.length; t++) probability = alphaP * (y[t] !== 0 ? 1 : 0) + (1 - alphaP) * probability;
  return flatFit('TSB', probability * sesForecast(z, alphaD));
}

function checkAlpha(field: string, value: unknown): void {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new UsageError(`'${field}' must be a number in [0, 1], got ${String(value)}`);
  }
}

export const tsbSpec: StatisticalModelSpec<TsbHyperparameters> = {
  name: 'TSB',
  description: 'Teunter–Syntetos–Babai: SES of the demand probability times SES of the demand sizes',
  // StatsForecast has no defaults for alpha_d and alpha_p; 0.1 is Croston's constant.
  defaults: () => ({ alphaD: 0.1, alphaP: 0.1 }),
  check({ alphaD, alphaP }) {
    checkAlpha('alphaD', alphaD);
    checkAlpha('alphaP', alphaP);
  },
  fitter:
    ({ alphaD, alphaP }) =>
    (y) =>
      tsbFit(y, alphaD, alphaP),
};

/** Registration of TSB. */
export const tsbDefinition = statisticalDefinition(tsbSpec);
