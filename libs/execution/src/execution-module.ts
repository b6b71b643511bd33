import { ContainerModule } from 'inversify';
import { LocalExecutor } from './local/local-executor';
import { CrossValidator, DefinitionCrossValidator } from './evaluation/cross-validator';

/** Binds the executors that run work: the in-process pool ({@link LocalExecutor}) and the {@link CrossValidator}. */
export const executionModule = new ContainerModule((options) => {
  options.bind(LocalExecutor).toSelf().inSingletonScope();
  options.bind<CrossValidator>(CrossValidator).to(DefinitionCrossValidator).inSingletonScope();
});
