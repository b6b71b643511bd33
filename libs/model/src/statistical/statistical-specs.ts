import type { StatisticalHyperparameters } from './core/local-statistical-model';
import type { StatisticalModelSpec } from './core/statistical-definition';
import { autoEtsSpec } from './ets/auto-ets-definition';
import { autoArimaSpec } from './arima/auto-arima-model';
import { autoCesSpec } from './ces/auto-ces';
import { adidaSpec } from './intermittent/adida';
import { crostonClassicSpec } from './intermittent/croston-classic';
import { crostonSbaSpec } from './intermittent/croston-sba';
import { imapaSpec } from './intermittent/imapa';
import { tsbSpec } from './intermittent/tsb';
import { mstlSpec } from './mstl/mstl';
import { seasonalWindowAverageSpec } from './simple/seasonal-window-average';
import { windowAverageSpec } from './simple/window-average';
import { autoThetaSpec } from './theta/auto-theta';

/**
 * The one list of statistical models (adding one is its file plus one line
 * here): the registry registers each (with the Ensemble, see
 * `statistical-models.ts`) and the Ensemble may use any of them as a member.
 * The `Ensemble` itself is not listed: it cannot be its own member.
 *
 * @internal
 */
export const statisticalSpecs: ReadonlyMap<string, StatisticalModelSpec<StatisticalHyperparameters>> = new Map(
  [
    autoEtsSpec,
    autoArimaSpec,
    autoThetaSpec,
    autoCesSpec,
    mstlSpec,
    windowAverageSpec,
    seasonalWindowAverageSpec,
    crostonClassicSpec,
    crostonSbaSpec,
    adidaSpec,
    imapaSpec,
    tsbSpec,
  ].map((spec) => [spec.name, spec as unknown as StatisticalModelSpec<StatisticalHyperparameters>]),
);
