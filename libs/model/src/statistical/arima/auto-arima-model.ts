import { UsageError } from '@tsforecast/config';
import type { StatisticalHyperparameters } from '../core/local-statistical-model';
import { statisticalDefinition, type StatisticalModelSpec } from '../core/statistical-definition';
import { meanSeriesFit } from './arima-series-fit';
import { fitAutoArima } from './auto-arima';

/** Hyperparameters of AutoARIMA (forecast's `auto.arima` arguments). */
export interface AutoArimaHyperparameters extends StatisticalHyperparameters {
  /** Largest non-seasonal AR order p (R: max.p = 5). */
  maxP: number;
  /** Largest non-seasonal MA order q (R: max.q = 5). */
  maxQ: number;
  /** Largest seasonal AR order P (R: max.P = 2). */
  maxSeasonalP: number;
  /** Largest seasonal MA order Q (R: max.Q = 2). */
  maxSeasonalQ: number;
  /** Most non-seasonal differences d (R: max.d = 2). */
  maxD: number;
  /** Most seasonal differences D (R: max.D = 1). */
  maxSeasonalD: number;
  /** Stepwise (Hyndman–Khandakar) search; false searches every order with p + q + P + Q ≤ 5. */
  stepwise: boolean;
  /** CSS during the search; null = R's default (more than 150 points or m > 12). */
  approximation: boolean | null;
}

const LIMITS: Array<[keyof AutoArimaHyperparameters, number]> = [
  ['maxP', 10],
  ['maxQ', 10],
  ['maxSeasonalP', 3],
  ['maxSeasonalQ', 3],
  ['maxD', 2],
  ['maxSeasonalD', 1],
];

export const autoArimaSpec: StatisticalModelSpec<AutoArimaHyperparameters> = {
  name: 'AutoARIMA',
  description: 'ARIMA with orders chosen by AICc in a stepwise search (R forecast::auto.arima)',
  defaults: () => ({
    maxP: 5,
    maxQ: 5,
    maxSeasonalP: 2,
    maxSeasonalQ: 2,
    maxD: 2,
    maxSeasonalD: 1,
    stepwise: true,
    approximation: null,
  }),
  check(hp) {
    for (const [field, max] of LIMITS) {
      const value = hp[field];
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max) {
        throw new UsageError(`'${field}' must be an integer in [0, ${max}], got ${String(value)}`);
      }
    }
    if (typeof hp.stepwise !== 'boolean') throw new UsageError(`'stepwise' must be true or false, got ${String(hp.stepwise)}`);
    if (hp.approximation !== null && typeof hp.approximation !== 'boolean') {
      throw new UsageError(`'approximation' must be null, true or false, got ${String(hp.approximation)}`);
    }
  },
  // A fitter never throws on data: anything unforeseen falls back to the mean model, the reason in its label.
  fitter: (hp) => (y, m) => {
    try {
      return fitAutoArima(y, m, {
        maxP: hp.maxP,
        maxQ: hp.maxQ,
        maxSeasonalP: hp.maxSeasonalP,
        maxSeasonalQ: hp.maxSeasonalQ,
        maxD: hp.maxD,
        maxSeasonalD: hp.maxSeasonalD,
        stepwise: hp.stepwise,
        approximation: hp.approximation,
      });
    } catch (e) {
      return meanSeriesFit(y, e instanceof Error ? e.message : String(e));
    }
  },
};

/** Registration of AutoARIMA. */
export const autoArimaDefinition = statisticalDefinition(autoArimaSpec);
