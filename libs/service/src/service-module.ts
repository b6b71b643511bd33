import { ContainerModule } from 'inversify';
import { TokenIssuer } from './auth/token-issuer';
import { TokenVerifier } from './auth/token-verifier';
import { ServiceStatus } from './health/service-status';
import { ModelVersionRegistry } from './registry/model-version-registry';
import { ForecastService } from './forecasting/forecast-service';
import { TrainingService } from './training/training-service';
import { TuningService } from './tuning/tuning-service';
import { EvaluationService } from './evaluation/evaluation-service';
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
import { JobRunner } from '@tsforecast/execution';
import { TrainingJobService } from './jobs/training-job-service';
import { DatasetUploads } from './datasets/dataset-uploads';
import { StudyQueries } from './queries/study-queries';

/** Binds the use cases: training (the main job, with optional tuning), evaluation, forecasting with saved models, tracking queries, migrations. */
export const serviceModule = new ContainerModule((options) => {
  // The one writer of run records, and its mirrors (MLflow does nothing unless ENABLE_MLFLOW).
  options.bind<RunRecorder>(RunRecorder).to(TrackingRunRecorder).inSingletonScope();
  options.bind<RunRecordSink>(RunRecordSink).to(MlflowRunSink).inSingletonScope();
  options.bind(LeaderboardQuery).toSelf().inSingletonScope();
  options.bind(HoldOutRunner).toSelf().inSingletonScope();
  options.bind(QueuedHoldOutRuns).toSelf().inSingletonScope();
  // What a worker's job process runs for each job kind (multi-bound).
  options.bind<JobRunner>(JobRunner).to(TrainRunJobRunner).inSingletonScope();
  options.bind<JobRunner>(JobRunner).to(TrialJobRunner).inSingletonScope();
  options.bind(TrainingService).toSelf().inSingletonScope();
  options.bind(TuningService).toSelf().inSingletonScope();
  options.bind(ForecastService).toSelf().inSingletonScope();
  options.bind(TokenIssuer).toSelf().inSingletonScope();
  options.bind(TokenVerifier).toSelf().inSingletonScope();
  options.bind(ServiceStatus).toSelf().inSingletonScope();
  options.bind(ModelVersionRegistry).toSelf().inSingletonScope();
  options.bind(EvaluationService).toSelf().inSingletonScope();
  options.bind(TrackingQueries).toSelf().inSingletonScope();
  options.bind(ModelCatalog).toSelf().inSingletonScope();
  options.bind(MigrationService).toSelf().inSingletonScope();
  // The API's background training, uploads and study views.
  options.bind(TrainingJobService).toSelf().inSingletonScope();
  options.bind(DatasetUploads).toSelf().inSingletonScope();
  options.bind(StudyQueries).toSelf().inSingletonScope();
});
