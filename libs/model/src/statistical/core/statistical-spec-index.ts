import type { StatisticalHyperparameters } from './local-statistical-model';
import type { StatisticalModelSpec } from './statistical-definition';

/**
 * Every statistical spec turned into a definition, by name: filled by
 * {@link statisticalDefinition} as the model files load, read by the fitting
 * workers to rebuild a model's fitter from its name and hyperparameters
 * (functions cannot cross a thread boundary). The registration in
 * `model-module.ts` stays the one list of models.
 *
 * @internal
 */
const specs = new Map<string, StatisticalModelSpec<StatisticalHyperparameters>>();

/** @internal */
export function indexStatisticalSpec<H extends StatisticalHyperparameters>(spec: StatisticalModelSpec<H>): void {
  specs.set(spec.name, spec as unknown as StatisticalModelSpec<StatisticalHyperparameters>);
}

/** @internal */
export function statisticalSpec(name: string): StatisticalModelSpec<StatisticalHyperparameters> | undefined {
  return specs.get(name);
}
