export { Database, type DatabaseKind } from './data-source/database';
export { openDatabase, type OpenDatabaseOptions } from './data-source/open-database';
export {
  ensureEmbeddedServer,
  embeddedServerStatus,
  stopEmbeddedServer,
  type EmbeddedServerAddress,
  type EmbeddedServerStatus,
} from './data-source/embedded-server/embedded-server';
export { describeServerUrl } from './data-source/open-server';
export { migrationsTableName } from './data-source/typeorm-options';
export {
  runMigrations,
  revertLastMigration,
  revertAllMigrations,
  pendingMigrations,
  appliedMigrations,
  type RevertOptions,
} from './migrations/migration-runner';
export { allEntities, studyEntities, trackingEntities, type EntityClass } from './entities';
export {
  Dataset,
  Experiment,
  Run,
  RunMetric,
  ModelVersion,
  Prediction,
  runKinds,
  runStatuses,
  type RunStatus,
  type RunKind,
  type JsonObject,
  type JsonValue,
} from './entities/tracking';
export {
  TrackingStore,
  type DatasetInput,
  type RunInput,
  type MetricInput,
  type RunCompletion,
  type CompletedRunRecord,
  type PredictionInput,
  type ModelInput,
  type RunScoreQuery,
  type RunScores,
  type RunQuery,
  type RunDetails,
} from './tracking/tracking-store';
export { TypeOrmTrackingStore } from './tracking/typeorm-tracking-store';
export { StudyStore, type StoredTrial, type StudyInput, type FinishedTrialState } from './studies/study-store';
export { TypeOrmStudyStore } from './studies/typeorm-study-store';
export { ModelStageChange, modelStages, type ModelStage } from './entities/tracking';
export { ModelStageStore, type StageChangeOutcome } from './registry/model-stage-store';
export { TypeOrmModelStageStore } from './registry/typeorm-model-stage-store';
export { dbModule } from './db-module';
export { RunHeartbeat, ResourceStats, executionEntities } from './entities/execution';
export { RunLeaseStore, type RunLease, type LostRun, type LostRunLimits, type AttemptLease } from './execution/run-lease-store';
export { TypeOrmRunLeaseStore } from './execution/typeorm-run-lease-store';
export { ResourceStatsStore, type ResourceStatsInput, type RunResourceStats } from './execution/resource-stats-store';
export { TypeOrmResourceStatsStore } from './execution/typeorm-resource-stats-store';
