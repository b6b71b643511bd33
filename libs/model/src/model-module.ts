import { ContainerModule, type ResolutionContext } from 'inversify';
import { SessionFactory, type RuntimeOptions } from '@tsforecast/graph';
import { ModelDefinitionToken, type ModelDefinition } from './contract/forecast-model';
import { neuralDefinition, type NeuralModelSpec } from './training/neural-definition';
import type { TrainingHyperparameters } from './training/training-hyperparameters';
import { mlpSpec } from './neural/mlp';
import { nhitsSpec } from './neural/nhits';
import { nbeatsSpec } from './neural/nbeats';
import { dlinearSpec } from './neural/dlinear';
import { nlinearSpec } from './neural/nlinear';
import { tideSpec } from './neural/tide';
import { patchtstSpec } from './neural/patchtst';
import { naiveDefinition } from './baselines/naive';
import { seasonalNaiveDefinition } from './baselines/seasonal-naive';
import { historicAverageDefinition } from './baselines/historic-average';
import { randomWalkWithDriftDefinition } from './baselines/random-walk-with-drift';
import { ModelRegistry } from './registry/model-registry';
import { statisticalDefinition } from './statistical/core/statistical-definition';
import { statisticalModelSpecs } from './statistical/statistical-models';

/** ORT options from the graph lib's {@link SessionFactory} (threads, EP from the settings), or defaults when it is not bound. */
function runtimeOf(ctx: ResolutionContext): RuntimeOptions {
  return ctx.get<SessionFactory>(SessionFactory, { optional: true })?.options ?? {};
}

function neural<H extends TrainingHyperparameters>(spec: NeuralModelSpec<H>) {
  return (ctx: ResolutionContext) => neuralDefinition(spec, runtimeOf(ctx)) as unknown as ModelDefinition;
}

/** Registers every model as a multi-binding of {@link ModelDefinitionToken}: one line per model (statistical models: one line in their table). */
export const modelModule = new ContainerModule((options) => {
  options.bind(ModelRegistry).toSelf().inSingletonScope();
  options.bind<ModelDefinition>(ModelDefinitionToken).toConstantValue(naiveDefinition);
  options.bind<ModelDefinition>(ModelDefinitionToken).toConstantValue(seasonalNaiveDefinition);
  options.bind<ModelDefinition>(ModelDefinitionToken).toConstantValue(historicAverageDefinition);
  options.bind<ModelDefinition>(ModelDefinitionToken).toConstantValue(randomWalkWithDriftDefinition);
  // Statistical models: one line each in statistical/statistical-specs.ts.
  for (const spec of statisticalModelSpecs) {
    options.bind<ModelDefinition>(ModelDefinitionToken).toConstantValue(statisticalDefinition(spec) as unknown as ModelDefinition);
  }
  // Neural models.
  options.bind<ModelDefinition>(ModelDefinitionToken).toDynamicValue(neural(mlpSpec)).inSingletonScope();
  options.bind<ModelDefinition>(ModelDefinitionToken).toDynamicValue(neural(nhitsSpec)).inSingletonScope();
  options.bind<ModelDefinition>(ModelDefinitionToken).toDynamicValue(neural(nbeatsSpec)).inSingletonScope();
  options.bind<ModelDefinition>(ModelDefinitionToken).toDynamicValue(neural(dlinearSpec)).inSingletonScope();
  options.bind<ModelDefinition>(ModelDefinitionToken).toDynamicValue(neural(nlinearSpec)).inSingletonScope();
  options.bind<ModelDefinition>(ModelDefinitionToken).toDynamicValue(neural(tideSpec)).inSingletonScope();
  options.bind<ModelDefinition>(ModelDefinitionToken).toDynamicValue(neural(patchtstSpec)).inSingletonScope();
});
