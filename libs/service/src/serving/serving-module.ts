import { ContainerModule } from 'inversify';
import { ServingService } from './serving-service';

/** Binds the forecast-serving use case: one instance per process, so its session cache and batches are shared by every request. */
export const servingModule = new ContainerModule((options) => {
  options.bind(ServingService).toSelf().inSingletonScope();
});
