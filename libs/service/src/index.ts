export { TrainingService } from './training/training-service';
export type { TrainRequest, TrainResult, RunOutcome, SearchRequest, TuningSummary } from './training/train-request';
export { TuningService, type TuningOutcome, type TuningContext } from './tuning/tuning-service';
export { ForecastService, writeForecastCsv, type PredictRequest, type PredictResult } from './forecasting/forecast-service';
export { serviceModule } from './service-module';
export { layerModules, type LayerModuleInputs } from './layer-modules';
export { requireExperimentName, experimentNameFromFile } from './validation/experiment-name';
export {
  apiScopes,
  isApiScope,
  parseScopes,
  parseTokenLifetime,
  requireScope,
  TokenIssuer,
  TokenVerifier,
  AuthenticationError,
  PermissionError,
} from './auth';
export type { ApiScope, IssuedToken, Principal, TokenRequest } from './auth';
