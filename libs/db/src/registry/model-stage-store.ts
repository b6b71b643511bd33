import type { ModelStage } from '../entities/tracking/model-stage';
import type { ModelStageChange } from '../entities/tracking/model-stage-change';
import type { ModelVersion } from '../entities/tracking/model-version';

/**
 * A stage change and what it did: the version now, and the audit rows written
 * (the archived former production one too), each with its `model`.
 */
export interface StageChangeOutcome {
  readonly model: ModelVersion;
  readonly changes: readonly ModelStageChange[];
}

/**
 * The one writer of model stages. Every change writes its audit row in the
 * same transaction; promoting to `production` archives the name's current
 * production version in that transaction, so there is never zero-then-two or
 * two production versions, even under concurrent promotions.
 *
 * @example
 * await stages.changeStage(model.id, 'production', 'alice');
 */
export const ModelStageStore = Symbol('ModelStageStore');
export interface ModelStageStore {
  /** Moves the version to `stage`; ConflictError when it is already there, NotFoundError for an unknown id. */
  changeStage(modelId: string, stage: ModelStage, actor: string): Promise<StageChangeOutcome>;
  /** The version's stage changes, oldest first. */
  listStageChanges(modelId: string): Promise<ModelStageChange[]>;
}
