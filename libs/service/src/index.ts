export { TrainingService } from './training/training-service';
export type { TrainRequest, TrainResult, RunOutcome, SearchRequest, TuningSummary } from './training/train-request';
export { ForecastService, type PredictRequest, type PredictResult } from './forecasting/forecast-service';
export { EvaluationService } from './evaluation/evaluation-service';
export type { EvaluationRequest, EvaluationResult } from './evaluation/evaluation-request';
export { TrackingQueries, runKinds, runStatuses, type RunFilter, type RunDetail } from './queries/tracking-queries';
export { ModelCatalog } from './queries/model-catalog';
export type { DatabaseHealth } from './queries/database-health';
// The lists behind the CLI's choices (help texts), from the tables that own them.
export { METRIC_NAMES as metricNames } from '@tsforecast/data';
export { LOSS_NAMES as lossNames, SCALER_TYPES as scalerTypes } from '@tsforecast/model';
export { MigrationService, type MigrationReport, type RevertReport } from './migration/migration-service';
export {
  RunRecorder,
  RunRecordSink,
  type RecordedRunKind,
  type RunDataset,
  type RunStart,
  type RecordedRun,
  type RunProgress,
  type WindowScores,
  type RecordedPrediction,
  type RunResult,
  type CompletedRun,
  type RunEnd,
} from './recording/run-recorder';
export { serviceModule } from './service-module';
export { requireExperimentName, experimentNameFromFile } from './validation/experiment-name';
export {
  apiScopes,
  parseScopes,
  parseTokenLifetime,
  requireScope,
  TokenIssuer,
  TokenVerifier,
  tokenDigest,
  AuthenticationError,
  PermissionError,
} from './auth';
export type { ApiScope, IssuedToken, Principal, TokenRequest } from './auth';
export { ServiceStatus, type RunStatusCounts } from './health/service-status';
export type { DatabasePoolStats } from './health/database-pool';
export type { Readiness, ReadinessCheck } from './health/readiness';
export { ModelVersionRegistry, promotionStages } from './registry/model-version-registry';
export type { PromotionStage, RegisteredModel, ModelVersionDetail } from './registry/model-version-registry';
export { ServingService, servingModule, parseForecastCsv, formatForecastCsv } from './serving';
export type { ServingRequest, ServedForecast, ServedSeriesForecast, ServingStats, SeriesInput, SessionCacheStats } from './serving';
export { TrainingJobService } from './jobs/training-job-service';
export { endedTrainingJobStates } from './jobs/training-job-request';
export type { TrainingJobRequest, TrainingJobState, TrainingJobRun, TrainingJobView } from './jobs/training-job-request';
export { DatasetUploads, UploadTooLargeError, type DatasetUpload, type UploadedDataset } from './datasets/dataset-uploads';
export { StudyQueries, type StudyView, type StudyTrialView } from './queries/study-queries';
