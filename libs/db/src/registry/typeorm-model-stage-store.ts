import { injectable, injectFromBase } from 'inversify';
import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, UsageError } from '@tsforecast/config';
import { DataSourceStore } from '../data-source/data-source-store';
import type { ModelStage } from '../entities/tracking/model-stage';
import { ModelStageChange } from '../entities/tracking/model-stage-change';
import { ModelVersion } from '../entities/tracking/model-version';
import { isUuid } from '../tracking/database-errors';
import type { ModelStageStore, StageChangeOutcome } from './model-stage-store';

/** {@link ModelStageStore} over TypeORM: one transaction per change, the name's rows locked first. */
@injectable()
@injectFromBase()
export class TypeOrmModelStageStore extends DataSourceStore implements ModelStageStore {
  changeStage(modelId: string, stage: ModelStage, actor: string): Promise<StageChangeOutcome> {
    if (actor.trim() === '') throw new UsageError(`'actor' of a stage change must be a non-empty name, got '${actor}'`);
    return this.dataSource.transaction(async (em) => {
      const target = await lockVersionsOfName(em, modelId);
      if (target.stage === stage) throw new ConflictError(`${target.name}@${target.version} is already '${stage}'`);
      const changes: ModelStageChange[] = [];
      if (stage === 'production') {
        // Archive first: the partial unique index allows one production row per name at any moment.
        const current = await em.findOneBy(ModelVersion, { name: target.name, stage: 'production' });
        if (current !== null) changes.push(await moveStage(em, current, 'archived', actor));
      }
      changes.push(await moveStage(em, target, stage, actor));
      return { model: await em.findOneByOrFail(ModelVersion, { id: target.id }), changes };
    });
  }

  listStageChanges(modelId: string): Promise<ModelStageChange[]> {
    if (!isUuid(modelId)) return Promise.resolve([]);
    return this.dataSource.manager.find(ModelStageChange, { where: { modelId }, order: { changedAt: 'ASC', id: 'ASC' } });
  }
}

/**
 * Locks every version of the target's name (`FOR UPDATE`), so concurrent
 * changes of one name run one after the other, and returns the target.
 */
async function lockVersionsOfName(em: EntityManager, modelId: string): Promise<ModelVersion> {
  const found = isUuid(modelId) ? await em.findOneBy(ModelVersion, { id: modelId }) : null;
  if (found === null) throw new NotFoundError(`Model version '${modelId}' not found`);
  await em.query('SELECT id FROM models WHERE name = $1 ORDER BY id FOR UPDATE', [found.name]);
  // Re-read under the lock: a concurrent change may have moved it meanwhile.
  return em.findOneByOrFail(ModelVersion, { id: modelId });
}

async function moveStage(em: EntityManager, model: ModelVersion, stage: ModelStage, actor: string): Promise<ModelStageChange> {
  await em.update(ModelVersion, { id: model.id }, { stage });
  const change = await em.save(
    em.create(ModelStageChange, { modelId: model.id, fromStage: model.stage, toStage: stage, changedBy: actor }),
  );
  // The version it moved (name and version never change), so callers can name it.
  change.model = model;
  return change;
}
