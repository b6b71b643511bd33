import { ContainerModule } from 'inversify';
import { ModelDefinition } from './contract/forecast-model';
import { naiveDefinition } from './baselines/naive';
import { seasonalNaiveDefinition } from './baselines/seasonal-naive';
import { historicAverageDefinition } from './baselines/historic-average';
import { randomWalkWithDriftDefinition } from './baselines/random-walk-with-drift';
import { ModelRegistry } from './registry/model-registry';
import { statisticalDefinition } from './statistical/core/statistical-definition';
import { statisticalModelSpecs } from './statistical/statistical-models';

/**
 * Registers the baselines and statistical models as multi-bindings of {@link ModelDefinition}
 * (statistical models: one line in their table); `executionModule` adds the neural models.
 */
export const modelModule = new ContainerModule((options) => {
  options.bind(ModelRegistry).toSelf().inSingletonScope();
  options.bind<ModelDefinition>(ModelDefinition).toConstantValue(naiveDefinition);
  options.bind<ModelDefinition>(ModelDefinition).toConstantValue(seasonalNaiveDefinition);
  options.bind<ModelDefinition>(ModelDefinition).toConstantValue(historicAverageDefinition);
  options.bind<ModelDefinition>(ModelDefinition).toConstantValue(randomWalkWithDriftDefinition);
  // Statistical models: one line each in statistical/statistical-specs.ts.
  for (const spec of statisticalModelSpecs) {
    options.bind<ModelDefinition>(ModelDefinition).toConstantValue(statisticalDefinition(spec) as unknown as ModelDefinition);
  }
  // Neural models: bound by executionModule (their trainer lives in execution), one line each in neural/neural-specs.ts.
});
