export { buildContainer, type AppContainer, type BuildContainerOptions } from './build-container';
