export { buildContainer, type AppContainer, type BuildContainerOptions } from './build-container';
export { layerModules, type LayerModuleInputs } from './layer-modules';
export { buildModelCatalog } from './model-catalog';
export { databaseServerStatus, startDatabaseServer, stopDatabaseServer, type DatabaseServerReport } from './database-server';
export { startWorker, workerJobKinds, type RunningWorker, type StartWorkerOptions } from './run-worker';
