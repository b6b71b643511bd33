import { inject, injectable } from 'inversify';
import { UsageError } from '@tsforecast/config';
import { ModelStageStore, TrackingStore, type ModelStage, type ModelStageChange, type ModelVersion } from '@tsforecast/db';
import type { StageChangeOutcome } from '@tsforecast/db';

/** Stages a version can be moved to (`none` is where a version starts, not a target). */
export const promotionStages = ['staging', 'production', 'archived'] as const satisfies readonly ModelStage[];
export type PromotionStage = (typeof promotionStages)[number];

/** A model name with its versions, newest first. */
export interface RegisteredModel {
  readonly name: string;
  readonly versions: readonly ModelVersion[];
}

/** A version with its stage history, oldest change first. */
export interface ModelVersionDetail {
  readonly model: ModelVersion;
  readonly stageChanges: readonly ModelStageChange[];
}

/**
 * The model registry's use cases, shared by `cli models` and the HTTP API:
 * list names with their versions and stages, show one version with its stage
 * history, and move a version to a stage. References are a uuid,
 * `NAME@VERSION`, `NAME@production`, `NAME@staging` or `NAME` (latest).
 *
 * @example
 * await registry.promote('NHITS@3', 'production', 'alice'); // archives the previous production NHITS
 */
@injectable()
export class ModelVersionRegistry {
  constructor(
    @inject(TrackingStore) private readonly tracking: TrackingStore,
    @inject(ModelStageStore) private readonly stages: ModelStageStore,
  ) {}

  /** Every model name (alphabetical) with its versions, newest first. */
  async listModels(): Promise<RegisteredModel[]> {
    const byName = new Map<string, ModelVersion[]>();
    for (const version of await this.tracking.listModelVersions()) {
      const versions = byName.get(version.name) ?? [];
      versions.push(version);
      byName.set(version.name, versions);
    }
    return [...byName.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, versions]) => ({ name, versions: versions.sort((a, b) => b.version - a.version) }));
  }

  /** One version by reference, with its stage history; NotFoundError listing the known models otherwise. */
  async describe(ref: string): Promise<ModelVersionDetail> {
    const model = await this.tracking.findModel(ref);
    return { model, stageChanges: await this.stages.listStageChanges(model.id) };
  }

  /**
   * Moves the referenced version to `stage` on behalf of `actor` (a token's
   * subject, or `cli:<user>`). `stage` is checked here, so a typo is a
   * UsageError naming the valid stages, never a database error.
   */
  async promote(ref: string, stage: string, actor: string): Promise<StageChangeOutcome> {
    if (!(promotionStages as readonly string[]).includes(stage)) {
      throw new UsageError(`'stage' must be one of ${promotionStages.join(', ')}, got '${stage}'`);
    }
    const model = await this.tracking.findModel(ref);
    return this.stages.changeStage(model.id, stage as PromotionStage, actor);
  }
}
