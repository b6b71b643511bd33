import { ContainerModule } from 'inversify';
import { FileModelStore } from './model-store/file-model-store';
import { ModelStore } from './model-store/model-store';

/** Binds {@link ModelStore} to the file-system store registered in the database. */
export const artifactModule = new ContainerModule((options) => {
  options.bind<ModelStore>(ModelStore).to(FileModelStore).inSingletonScope();
});
