export { TrainingService } from './training/training-service';
export type { TrainRequest, TrainResult, RunOutcome } from './training/train-request';
export { ForecastService, writeForecastCsv, type PredictRequest, type PredictResult } from './forecasting/forecast-service';
export { serviceModule } from './service-module';
