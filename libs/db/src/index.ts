export { Database } from './data-source/database';
export { openDatabase } from './data-source/open-database';
export { ensureEmbeddedServer, embeddedServerStatus, stopEmbeddedServer } from './data-source/embedded-server/embedded-server';
export { runMigrations, revertLastMigration, pendingMigrations } from './migrations/migration-runner';
export {
  Experiment,
  Run,
  ModelVersion,
  Prediction,
  runKinds,
  runStatuses,
  type RunStatus,
  type RunKind,
  type JsonObject,
  type JsonValue,
} from './entities/tracking';
export { TrackingStore, type MetricInput, type PredictionInput, type ModelInput, type DatasetInput } from './tracking/tracking-store';
export { TypeOrmTrackingStore } from './tracking/typeorm-tracking-store';
export { PredictionLogStore, type ServedPredictionColumns } from './tracking/prediction-log-store';
export { StudyStore, type StoredTrial } from './studies/study-store';
export { TypeOrmStudyStore } from './studies/typeorm-study-store';
export { ModelStageChange, type ModelStage } from './entities/tracking';
export { ModelStageStore, type StageChangeOutcome } from './registry/model-stage-store';
export { dbModule } from './db-module';
export { RunLeaseStore, type LostRun, type LostRunLimits, type RunBeatProgress, type RunLeaseView } from './execution/run-lease-store';
export { TypeOrmRunLeaseStore } from './execution/typeorm-run-lease-store';
export { ResourceStatsStore } from './execution/resource-stats-store';
export { TypeOrmResourceStatsStore } from './execution/typeorm-resource-stats-store';
export { TrainingJobRecord } from './entities/jobs';
export { TrainingJobStore, type TrainingJobInput, type TrainingJobPage } from './jobs/training-job-store';
export { TypeOrmTrainingJobStore } from './jobs/typeorm-training-job-store';
export { DatasetLookup } from './datasets/dataset-lookup';
export { TypeOrmDatasetLookup } from './datasets/typeorm-dataset-lookup';
export type { Dataset } from './entities/tracking/dataset';
