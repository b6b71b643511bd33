import { ContainerModule } from 'inversify';
import { ForecastService } from './forecasting/forecast-service';
import { TrainingService } from './training/training-service';
import { TuningService } from './tuning/tuning-service';

/** Binds the use cases: training (the main job, with optional tuning) and forecasting with saved models. */
export const serviceModule = new ContainerModule((options) => {
  options.bind(TrainingService).toSelf().inSingletonScope();
  options.bind(TuningService).toSelf().inSingletonScope();
  options.bind(ForecastService).toSelf().inSingletonScope();
});
