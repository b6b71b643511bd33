import { ContainerModule } from 'inversify';
import { FileModelStore } from './model-store/file-model-store';
import { ModelStore } from './model-store/model-store';

/** Binds {@link ModelStore} to the file-system store (files only; the run recorder registers versions). */
export const artifactModule = new ContainerModule((options) => {
  options.bind<ModelStore>(ModelStore).to(FileModelStore).inSingletonScope();
});
