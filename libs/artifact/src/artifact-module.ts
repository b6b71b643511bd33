import { ContainerModule } from 'inversify';
import { AbandonedRunCleanup } from '@tsforecast/execution';
import { AbandonedModelFiles } from './model-store/abandoned-model-files';
import { FileModelStore } from './model-store/file-model-store';
import { ModelStore } from './model-store/model-store';

/**
 * Binds {@link ModelStore} to the file-system store (files only; the run recorder registers versions), and the
 * cleanup that removes the model files of runs whose process died before completing them.
 */
export const artifactModule = new ContainerModule((options) => {
  options.bind<ModelStore>(ModelStore).to(FileModelStore).inSingletonScope();
  options.bind<AbandonedRunCleanup>(AbandonedRunCleanup).to(AbandonedModelFiles).inSingletonScope();
});
