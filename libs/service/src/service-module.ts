import { ContainerModule } from 'inversify';
import { TokenIssuer } from './auth/token-issuer';
import { TokenVerifier } from './auth/token-verifier';
import { ServiceStatus } from './health/service-status';
import { ModelVersionRegistry } from './registry/model-version-registry';
import { ForecastService } from './forecasting/forecast-service';
import { TrainingService } from './training/training-service';
import { TuningService } from './tuning/tuning-service';

/** Binds the use cases: training (the main job, with optional tuning) and forecasting with saved models. */
export const serviceModule = new ContainerModule((options) => {
  options.bind(TrainingService).toSelf().inSingletonScope();
  options.bind(TuningService).toSelf().inSingletonScope();
  options.bind(ForecastService).toSelf().inSingletonScope();
  options.bind(TokenIssuer).toSelf().inSingletonScope();
  options.bind(TokenVerifier).toSelf().inSingletonScope();
  options.bind(ServiceStatus).toSelf().inSingletonScope();
  options.bind(ModelVersionRegistry).toSelf().inSingletonScope();
});
