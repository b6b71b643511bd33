import { NotFoundError, UsageError } from '@tsforecast/config';
import type { EntityManager } from 'typeorm';
import { ModelVersion } from '../entities/tracking/model-version';
import { isUuid } from './database-errors';

/**
 * Resolves a model reference: a uuid, `NAME@VERSION`, `NAME@production` (the
 * production version), `NAME@staging` (the newest staging version), or `NAME`
 * (its latest version). Not found → NotFoundError listing the models that exist.
 * @internal
 */
export async function findModelVersion(em: EntityManager, ref: string): Promise<ModelVersion> {
  // PostgreSQL text cannot hold NUL: without this check such a reference is a driver error, not a usage error.
  if (hasControlCharacter(ref)) throw new UsageError(`'model' must not contain control characters, got ${JSON.stringify(ref)}`);
  const trimmed = ref.trim();
  let model: ModelVersion | null;
  if (isUuid(trimmed)) {
    model = await em.findOneBy(ModelVersion, { id: trimmed });
  } else {
    const at = trimmed.lastIndexOf('@');
    if (at >= 0) {
      const name = trimmed.slice(0, at);
      const versionText = trimmed.slice(at + 1);
      if (name !== '' && (versionText === 'production' || versionText === 'staging')) {
        model = await newestByName(em, name, { stage: versionText });
        if (model === null)
          throw new NotFoundError(
            `Model '${ref}' not found: no version of '${name}' is in ${versionText}; ${await describeKnownModels(em)}`,
          );
        return model;
      }
      if (name === '' || !/^[1-9][0-9]*$/.test(versionText)) {
        throw new UsageError(
          `'model' must be a uuid, NAME or NAME@VERSION (version an integer >= 1, or production or staging), got '${ref}'`,
        );
      }
      model = await newestByName(em, name, { version: Number(versionText) });
    } else {
      model = await newestByName(em, trimmed);
    }
  }
  if (model !== null) return model;
  throw new NotFoundError(`Model '${ref}' not found; ${await describeKnownModels(em)}`);
}

/**
 * The newest version of a model name in any letter case (`autoets` finds
 * `AutoETS`, as the registry's lookup does), optionally of one version or stage.
 */
function newestByName(em: EntityManager, name: string, where: { version?: number; stage?: string } = {}): Promise<ModelVersion | null> {
  const qb = em.createQueryBuilder(ModelVersion, 'model').where('lower(model.name) = lower(:name)', { name });
  if (where.version !== undefined) qb.andWhere('model.version = :version', { version: where.version });
  if (where.stage !== undefined) qb.andWhere('model.stage = :stage', { stage: where.stage });
  // An exact-case name wins over another spelling of it, then the newest version.
  return qb.orderBy('(model.name = :name)', 'DESC').addOrderBy('model.version', 'DESC').getOne();
}

/** `known models: DLinear@1, NHITS@1..3` (at most 20 names), or that there are none. */
async function describeKnownModels(em: EntityManager): Promise<string> {
  const rows = (await em.query(
    'SELECT name, MIN(version) AS first, MAX(version) AS last FROM models GROUP BY name ORDER BY name LIMIT 21',
  )) as { name: string; first: number; last: number }[];
  if (rows.length === 0) return 'no models are registered';
  const listed = rows
    .slice(0, 20)
    .map((row) => (row.first === row.last ? `${row.name}@${row.last}` : `${row.name}@${row.first}..${row.last}`));
  return `known models: ${listed.join(', ')}${rows.length > 20 ? ', …' : ''}`;
}

/** Whether `text` holds a C0 control character (U+0000–U+001F). */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}
