import { ContainerModule, type ResolutionContext } from 'inversify';
import { SessionFactory, type RuntimeOptions } from '@tsforecast/graph';
import { ModelDefinition, neuralModelSpecs } from '@tsforecast/model';
import { LocalExecutor } from './local/local-executor';
import { CrossValidator, DefinitionCrossValidator } from './evaluation/cross-validator';
import { neuralDefinition } from './training/neural-definition';
import { bindQueueAndWorkers } from './worker/bind-workers';

/** ORT options from the graph lib's {@link SessionFactory} (threads, EP from the settings), or defaults when it is not bound. */
function runtimeOf(ctx: ResolutionContext): RuntimeOptions {
  return ctx.get<SessionFactory>(SessionFactory, { optional: true })?.options ?? {};
}

/**
 * Binds the executors that run work — the in-process pool ({@link LocalExecutor}),
 * the {@link CrossValidator} — and every neural model of the model lib's list
 * as a {@link ModelDefinition} multi-binding whose models train here.
 */
export const executionModule = new ContainerModule((options) => {
  options.bind(LocalExecutor).toSelf().inSingletonScope();
  options.bind<CrossValidator>(CrossValidator).to(DefinitionCrossValidator).inSingletonScope();
  bindQueueAndWorkers(options);
  for (const spec of neuralModelSpecs) {
    options
      .bind<ModelDefinition>(ModelDefinition)
      .toDynamicValue((ctx) => neuralDefinition(spec, runtimeOf(ctx)) as unknown as ModelDefinition)
      .inSingletonScope();
  }
});
