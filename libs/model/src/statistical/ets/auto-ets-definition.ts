import { UsageError } from '@tsforecast/config';
import type { StatisticalHyperparameters } from '../core/local-statistical-model';
import { statisticalDefinition, type StatisticalModelSpec } from '../core/statistical-definition';
import { fitAutoEts } from './auto-ets';
import { forbiddenCombination, parseEtsModel } from './ets-spec';

export interface AutoEtsHyperparameters extends StatisticalHyperparameters {
  /** Error, trend, season letters (A, M, N; Z = select automatically), e.g. `ZZZ`, `MAM`, `ZZN`. */
  model: string;
  /** true: damped trend only; false: never damped; null: both are tried. */
  damped: boolean | null;
}

export const autoEtsSpec: StatisticalModelSpec<AutoEtsHyperparameters> = {
  name: 'AutoETS',
  description: 'Exponential smoothing state-space model selected by AICc (R forecast::ets)',
  defaults: () => ({ model: 'ZZZ', damped: null }),
  check({ model, damped }) {
    const spec = typeof model === 'string' ? parseEtsModel(model) : null;
    if (!spec)
      throw new UsageError(
        `'model' must be three letters: error A|M|Z, trend N|A|M|Z, season N|A|M|Z (e.g. 'ZZZ', 'MAM'), got ${JSON.stringify(model)}`,
      );
    if (damped !== null && typeof damped !== 'boolean')
      throw new UsageError(`'damped' must be true, false or null, got ${JSON.stringify(damped)}`);
    const why = forbiddenCombination(spec, damped);
    if (why) throw new UsageError(`'model' ${model} with damped=${String(damped)} is not allowed: ${why}`);
  },
  fitter:
    ({ model, damped }) =>
    (y, m) =>
      fitAutoEts(y, m, { model, damped }),
};

/** Registration of AutoETS. */
export const autoEtsDefinition = statisticalDefinition(autoEtsSpec);
