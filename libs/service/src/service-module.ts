import { ContainerModule } from 'inversify';
import { ForecastService } from './forecasting/forecast-service';
import { TrainingService } from './training/training-service';

/** Binds the use cases: training (the main job) and forecasting with saved models. */
export const serviceModule = new ContainerModule((options) => {
  options.bind(TrainingService).toSelf().inSingletonScope();
  options.bind(ForecastService).toSelf().inSingletonScope();
});
