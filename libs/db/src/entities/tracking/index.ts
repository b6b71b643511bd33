import { Dataset } from './dataset';
import { Experiment } from './experiment';
import { LeaderboardEntry } from './leaderboard-entry';
import { ModelVersion } from './model-version';
import { ModelStageChange } from './model-stage-change';
import { Prediction } from './prediction';
import { Run } from './run';
import { RunMetric } from './run-metric';

/** TypeORM entity class (any constructor). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityClass = Function;

/** The experiment-tracking entities (tables created by `migrations/*-tracking-schema.ts` (libs/db/src/migrations)). */
export const trackingEntities: EntityClass[] = [
  Dataset,
  Experiment,
  Run,
  RunMetric,
  ModelVersion,
  ModelStageChange,
  Prediction,
  LeaderboardEntry,
];

export { ModelStageChange };
export { modelStages, type ModelStage } from './model-stage';
export { Dataset, Experiment, LeaderboardEntry, ModelVersion, Prediction, Run, RunMetric };
export { runStatuses, type RunStatus, type RunKind, type JsonObject, type JsonValue } from './run';
export { leaderboardMetricNames, type LeaderboardMetricName } from './leaderboard-entry';
