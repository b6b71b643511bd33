import type { StatisticalHyperparameters } from './core/local-statistical-model';
import type { StatisticalModelSpec } from './core/statistical-definition';
import { ensembleSpec } from './ensemble/ensemble';
import { statisticalSpecs } from './statistical-specs';

/**
 * Every statistical model the registry offers: the table of
 * `statistical-specs.ts` (adding a statistical model is its file plus one line
 * there) and the Ensemble of those. `model-module.ts` registers each; the
 * fitting workers look models up here by name.
 *
 * @internal
 */
export const statisticalModelSpecs: readonly StatisticalModelSpec<StatisticalHyperparameters>[] = [
  ...statisticalSpecs.values(),
  ensembleSpec as unknown as StatisticalModelSpec<StatisticalHyperparameters>,
];

/** The statistical spec named `name` (exact case), if any. @internal */
export function statisticalModelSpec(name: string): StatisticalModelSpec<StatisticalHyperparameters> | undefined {
  return statisticalModelSpecs.find((spec) => spec.name === name);
}
