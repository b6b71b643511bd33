import { ContainerModule } from 'inversify';
import { TokenIssuer } from './auth/token-issuer';
import { TokenVerifier } from './auth/token-verifier';
import { ServiceStatus } from './health/service-status';
import { ModelVersionRegistry } from './registry/model-version-registry';
import { ForecastService } from './forecasting/forecast-service';
import { SavedModels } from './forecasting/saved-models';
import { SavedModelForecaster } from './forecasting/saved-model-forecaster';
import { PredictRunner } from './forecasting/predict-runner';
import { TrainingService } from './training/training-service';
import { TuningService } from './tuning/tuning-service';
import { StudyFactory } from './tuning/study-factory';
import { TrialRuns } from './tuning/trial-runs';
import { TrialLiveness } from './tuning/abandoned-trials';
import { EvaluationService } from './evaluation/evaluation-service';
import { CrossValidationRunner } from './evaluation/cross-validation-runner';
import { TrackingQueries } from './queries/tracking-queries';
import { ModelCatalog } from './queries/model-catalog';
import { MigrationService } from './migration/migration-service';
import { RunRecorder, RunRecordSink } from './recording/run-recorder';
import { TrackingRunRecorder } from './recording/tracking-run-recorder';
import { MlflowRunSink } from './recording/mlflow-run-sink';
import { LeaderboardQuery } from './training/leaderboard-query';
import { HoldOutRunner } from './training/hold-out-runner';
import { TrainRunJobRunner } from './training/train-run-job-runner';
import { TrialJobRunner } from './tuning/trial-job-runner';
import { QueuedHoldOutRuns } from './training/queued-hold-out-runs';
import { TrainRunJobs } from './training/train-run-jobs';
import { TrainRunOutcomes } from './training/train-run-outcomes';
import { JobRunner } from '@tsforecast/execution';
import { TrainingJobService } from './jobs/training-job-service';
import { JobDataFiles } from './jobs/data-path';
import { DatasetUploads } from './datasets/dataset-uploads';
import { StudyQueries } from './queries/study-queries';
import { SeriesSource } from './datasets/series-source';
import { TrainRequestChecks } from './training/train-request-checks';

/**
 * What the service binds to itself, one singleton each: the use cases
 * (training with optional tuning, evaluation, forecasting with saved models,
 * queries, migrations, the API's background training, uploads and study
 * views) and the parts they share (series source, request checks, runners).
 */
const singletons = [
  SeriesSource,
  TrainRequestChecks,
  LeaderboardQuery,
  HoldOutRunner,
  QueuedHoldOutRuns,
  TrainRunJobs,
  TrainRunOutcomes,
  TrainingService,
  TuningService,
  StudyFactory,
  TrialRuns,
  TrialLiveness,
  ForecastService,
  SavedModels,
  SavedModelForecaster,
  PredictRunner,
  TokenIssuer,
  TokenVerifier,
  ServiceStatus,
  ModelVersionRegistry,
  EvaluationService,
  CrossValidationRunner,
  TrackingQueries,
  ModelCatalog,
  MigrationService,
  TrainingJobService,
  JobDataFiles,
  DatasetUploads,
  StudyQueries,
];

/** Binds the use cases and the one writer of run records. */
export const serviceModule = new ContainerModule((options) => {
  // The one writer of run records, and its mirrors (MLflow does nothing unless ENABLE_MLFLOW).
  options.bind<RunRecorder>(RunRecorder).to(TrackingRunRecorder).inSingletonScope();
  options.bind<RunRecordSink>(RunRecordSink).to(MlflowRunSink).inSingletonScope();
  // What a worker's job process runs for each job kind (multi-bound).
  options.bind<JobRunner>(JobRunner).to(TrainRunJobRunner).inSingletonScope();
  options.bind<JobRunner>(JobRunner).to(TrialJobRunner).inSingletonScope();
  for (const singleton of singletons) options.bind(singleton).toSelf().inSingletonScope();
});
