import { UsageError } from '@tsforecast/config';
import type { StatisticalHyperparameters } from '../core/local-statistical-model';
import type { SeriesFit, SeriesFitter } from '../core/series-fit';
import { statisticalDefinition, type StatisticalModelSpec } from '../core/statistical-definition';
import { statisticalSpecs } from '../statistical-specs';
import { COMBINATIONS, combineForecasts, type Combination } from './combine-forecasts';

export interface EnsembleHyperparameters extends StatisticalHyperparameters {
  /** Names of the statistical models combined (see `statistical-specs.ts`). */
  members: string[];
  /** How the members' point forecasts are combined. */
  combine: Combination;
}

/** The default members: the three R `forecast` methods of the issue plus complex exponential smoothing. */
export const DEFAULT_MEMBERS: readonly string[] = ['AutoETS', 'AutoARIMA', 'AutoTheta', 'AutoCES'];

/** One member: its name and its fitter with its default hyperparameters. */
interface Member {
  name: string;
  fitter: SeriesFitter;
}

/**
 * A fitted ensemble: every member fits the series; members whose fit throws
 * are left out (the label lists those used) unless none is left.
 *
 * @internal
 */
export function ensembleFit(y: Float64Array, m: number, members: readonly Member[], how: Combination): SeriesFit {
  const fits: SeriesFit[] = [];
  let firstError: unknown;
  for (const member of members) {
    try {
      fits.push(member.fitter(y, m));
    } catch (error) {
      firstError ??= error;
    }
  }
  if (fits.length === 0) throw firstError;
  return {
    label: `Ensemble[${how}](${fits.map((f) => f.label).join(' | ')})`,
    forecast: (h, levels) => {
      const forecasts = fits.map((f) => f.forecast(h, levels));
      // A member whose forecast is not finite is dropped from the combination.
      const finite = forecasts.filter((f) => f.mean.every(Number.isFinite));
      return combineForecasts(finite.length > 0 ? finite : forecasts, how, levels.length, h);
    },
  };
}

/**
 * The member fitters, each with its own defaults for this season length and
 * the ensemble's interval levels (no statistical default depends on the
 * horizon, which the forecast call takes).
 */
function memberFitters({ members, seasonLength, level }: EnsembleHyperparameters): Member[] {
  return members.map((name) => {
    const spec = statisticalSpecs.get(name)!;
    const hyperparameters = { ...spec.defaults(1, seasonLength), seasonLength, level };
    spec.check?.(hyperparameters);
    return { name, fitter: spec.fitter(hyperparameters) };
  });
}

export const ensembleSpec: StatisticalModelSpec<EnsembleHyperparameters> = {
  name: 'Ensemble',
  description: 'Median (or mean) of statistical models’ forecasts (default AutoETS, AutoARIMA, AutoTheta, AutoCES)',
  // Measured on the dev datasets (docs/MODELS.md): the median of four beat the mean of
  // ETS, ARIMA and Theta on every one of them.
  defaults: () => ({ members: [...DEFAULT_MEMBERS], combine: 'median' }),
  check({ members, combine }) {
    const valid = [...statisticalSpecs.keys()];
    if (!Array.isArray(members) || members.length === 0) {
      throw new UsageError(
        `'members' must be a non-empty list of statistical models (${valid.join(', ')}), got ${JSON.stringify(members)}`,
      );
    }
    for (const name of members) {
      if (!statisticalSpecs.has(name))
        throw new UsageError(`'members' has unknown model ${JSON.stringify(name)}; valid: ${valid.join(', ')}`);
    }
    if (!(COMBINATIONS as readonly string[]).includes(combine)) {
      throw new UsageError(`'combine' must be one of ${COMBINATIONS.join(', ')}, got ${JSON.stringify(combine)}`);
    }
  },
  fitter: (hyperparameters) => {
    const members = memberFitters(hyperparameters);
    return (y, m) => ensembleFit(y, m, members, hyperparameters.combine);
  },
};

/** Registration of the Ensemble. */
export const ensembleDefinition = statisticalDefinition(ensembleSpec);
