import { Dataset } from './dataset';
import { Experiment } from './experiment';
import { ModelVersion } from './model-version';
import { ModelStageChange } from './model-stage-change';
import { Prediction } from './prediction';
import { Run } from './run';
import { RunMetric } from './run-metric';

/** TypeORM entity class (any constructor). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityClass = Function;

/** The experiment-tracking entities (tables created by `migrations/*-tracking-schema.ts` (libs/db/src/migrations)). */
export const trackingEntities: EntityClass[] = [Dataset, Experiment, Run, RunMetric, ModelVersion, ModelStageChange, Prediction];

export { ModelStageChange };
export { modelStages, type ModelStage } from './model-stage';
export { Dataset, Experiment, ModelVersion, Prediction, Run, RunMetric };
export { runKinds, runStatuses, type RunStatus, type RunKind, type JsonObject, type JsonValue } from './run';
