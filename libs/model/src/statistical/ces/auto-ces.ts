import { UsageError } from '@tsforecast/config';
import type { StatisticalHyperparameters } from '../core/local-statistical-model';
import type { SeriesFit, SeriesForecast } from '../core/series-fit';
import { statisticalDefinition, type StatisticalModelSpec } from '../core/statistical-definition';
import { normalBounds } from '../core/normal-quantile';
import { allFinite, isConstantSeries, naiveFallbackFit } from '../theta/short-series-fit';
import { cesComponents, cesForecast, cesVarianceFactors, type CesSeasonType } from './ces-filter';
import { fitCesModel, type CesModelFit } from './ces-fit';

/** Every CES season type, in StatsForecast's order (ties go to the first). */
export const CES_TYPES: readonly CesSeasonType[] = ['N', 'S', 'P', 'F'];

/**
 * The season types AutoCES tries (StatsForecast `auto_ces`): the seasonal
 * ones only when m > 1 and the series has at least two seasons, and only
 * types with fewer parameters (2 + state columns − 2 smoothing terms) than
 * points.
 */
export function cesCandidates(n: number, m: number, allowed: readonly CesSeasonType[]): CesSeasonType[] {
  const seasonal = m > 1 && n >= 2 * m;
  return allowed.filter((t) => (t === 'N' || seasonal) && n > cesComponents(t));
}

/**
 * AutoCES (StatsForecast `AutoCES`; Svetunkov & Kourentzes, complex
 * exponential smoothing): fit each allowed season type by likelihood and
 * keep the lowest AICc. Intervals are Gaussian with the exact variance of
 * StatsForecast's simulation (N(0, σ²) noise on every final state).
 * Constant series, series with no allowed type (n ≤ 2) and fits with
 * non-finite numbers fall back to the naive forecast with random-walk
 * intervals.
 *
 * @example
 * fitAutoCes(y, 12).forecast(18, [80, 95]).mean
 */
export function fitAutoCes(y: Float64Array, m: number, allowed: readonly CesSeasonType[] = CES_TYPES): SeriesFit {
  const fallback = (): SeriesFit => naiveFallbackFit(y, 'CES(naive fallback)');
  if (isConstantSeries(y)) return fallback();
  let best: CesModelFit | null = null;
  for (const type of cesCandidates(y.length, m, allowed)) {
    const fit = fitCesModel(y, m, type);
    if (Number.isFinite(fit.aicc) && (best === null || fit.aicc < best.aicc)) best = fit;
  }
  if (best === null) return fallback();
  const fitted = cesSeriesFit(best, y.length);
  const probe = fitted.forecast(Math.max(1, best.states.lag), [95]);
  return allFinite(probe.mean, ...probe.lo, ...probe.hi) ? fitted : fallback();
}

function cesSeriesFit(fit: CesModelFit, n: number): SeriesFit {
  const { a0, a1 } = fit.parameters;
  const sigma = Math.sqrt(fit.sigma2);
  return {
    label: `CES(${fit.type}, a0=${a0.toFixed(3)}, a1=${a1.toFixed(3)})`,
    forecast(h, levels): SeriesForecast {
      const mean = cesForecast(fit.states, n, fit.parameters, h);
      const factors = cesVarianceFactors(fit.states, fit.parameters, h);
      const sd = Float64Array.from(factors, (v) => sigma * Math.sqrt(v));
      return { mean, ...normalBounds(mean, sd, levels) };
    },
  };
}

export interface AutoCesHyperparameters extends StatisticalHyperparameters {
  /** `Z` chooses among N, S, P, F; or one season type. */
  model: 'Z' | CesSeasonType;
}

export const autoCesSpec: StatisticalModelSpec<AutoCesHyperparameters> = {
  name: 'AutoCES',
  description: 'Complex exponential smoothing, season type (N, S, P, F) chosen by AICc (Svetunkov & Kourentzes)',
  defaults: () => ({ model: 'Z' }),
  check({ model }) {
    if (model !== 'Z' && !CES_TYPES.includes(model))
      throw new UsageError(`'model' must be one of Z, ${CES_TYPES.join(', ')}, got ${String(model)}`);
  },
  fitter: ({ model }) => {
    const allowed = model === 'Z' ? CES_TYPES : [model];
    return (y, m) => fitAutoCes(y, m, allowed);
  },
};

/** Registration of AutoCES. */
export const autoCesDefinition = statisticalDefinition(autoCesSpec);
