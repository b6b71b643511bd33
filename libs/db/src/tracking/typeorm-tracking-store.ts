import { NotFoundError, TsforecastError, UsageError } from '@tsforecast/config';
import { injectable, injectFromBase } from 'inversify';
import type { EntityManager } from 'typeorm';
import { DataSourceStore } from '../data-source/data-source-store';
import { Dataset } from '../entities/tracking/dataset';
import { Experiment } from '../entities/tracking/experiment';
import { ModelVersion } from '../entities/tracking/model-version';
import { Run, runKinds, runStatuses, type RunStatus } from '../entities/tracking/run';
import { StudyTrial } from '../entities/study/study-trial';
import { RunMetric } from '../entities/tracking/run-metric';
import { Prediction } from '../entities/tracking/prediction';
import { insertMetrics, insertPredictions } from './bulk-insert';
import { isUuid, translateDatabaseError } from './database-errors';
import { findModelVersion } from './find-model';
import type {
  CompletedRunRecord,
  DatasetInput,
  MetricInput,
  ModelInput,
  RunCompletion,
  RunDetails,
  RunInput,
  RunQuery,
  RunScoreQuery,
  RunScores,
  TrackingStore,
} from './tracking-store';

const sha256Pattern = /^[0-9a-f]{64}$/;

/**
 * {@link TrackingStore} on TypeORM. Every multi-statement write runs in one
 * transaction and, inside it, only through the transaction's EntityManager
 * (the embedded database has a single connection).
 */
@injectable()
@injectFromBase()
export class TypeOrmTrackingStore extends DataSourceStore implements TrackingStore {
  async ensureExperiment(name: string, description?: string): Promise<Experiment> {
    requireText('name', name);
    const repo = this.dataSource.getRepository(Experiment);
    await repo
      .createQueryBuilder()
      .insert()
      .values({ name, description: description ?? null })
      .orIgnore()
      .execute();
    return repo.findOneByOrFail({ name });
  }

  async registerDataset(input: DatasetInput): Promise<Dataset> {
    requireText('name', input.name);
    if (!sha256Pattern.test(input.fingerprint)) {
      throw new UsageError(`'fingerprint' must be a lower-case hex sha256 (64 characters), got '${input.fingerprint}'`);
    }
    const repo = this.dataSource.getRepository(Dataset);
    await repo
      .createQueryBuilder()
      .insert()
      .values({ ...input, frequency: input.frequency ?? null, seasonLength: input.seasonLength ?? null })
      .orUpdate(['path'], ['fingerprint', 'name'])
      .execute();
    return repo.findOneByOrFail({ fingerprint: input.fingerprint, name: input.name });
  }

  async startRun(input: RunInput): Promise<Run> {
    requireText('modelName', input.modelName);
    requirePositiveInteger('horizon', input.horizon);
    if (!(runKinds as readonly string[]).includes(input.kind)) {
      throw new UsageError(`'kind' must be one of ${runKinds.join(', ')}, got ${JSON.stringify(input.kind)}`);
    }
    try {
      return await this.dataSource.transaction(async (em) => {
        if (input.id !== undefined && !isUuid(input.id)) throw new UsageError(`'id' of a run must be a uuid, got '${input.id}'`);
        const values: Partial<Run> = {
          ...(input.id === undefined ? {} : { id: input.id }),
          experimentId: input.experimentId,
          datasetId: input.datasetId ?? null,
          modelName: input.modelName,
          horizon: input.horizon,
          kind: input.kind,
          parameters: input.parameters,
          studyId: input.studyId ?? null,
        };
        // Typed as Partial<Run>: TypeORM's QueryDeepPartialEntity recursion on the JSON type is too deep for tsc.
        const { identifiers } = await em
          .createQueryBuilder()
          .insert()
          .into(Run)
          .values(values as never)
          .execute();
        const runId = (identifiers[0] as { id: string }).id;
        if (input.trialId != null) await linkTrial(em, input.trialId, runId);
        return em.findOneByOrFail(Run, { id: runId });
      });
    } catch (error) {
      throw translateDatabaseError(error, `start a run of ${input.modelName}`);
    }
  }

  async completeRun(runId: string, completion: RunCompletion = {}): Promise<CompletedRunRecord> {
    if (completion.model) requireModelInput(completion.model);
    const metrics = toMetricRows(completion.metrics ?? []);
    try {
      return await this.dataSource.transaction(async (em) => {
        await this.finish(em, runId, 'completed', { durationMs: completion.durationMs });
        const model = completion.model ? await insertModelVersion(em, completion.model) : undefined;
        await insertPredictions(em, runId, model?.id ?? completion.usedModelId ?? null, completion.predictions ?? []);
        await insertMetrics(em, runId, metrics);
        const run = await em.findOneByOrFail(Run, { id: runId });
        return model ? { run, model } : { run };
      });
    } catch (error) {
      throw translateDatabaseError(error, `complete run ${runId}${completion.model ? ` with model ${completion.model.name}` : ''}`);
    }
  }

  async failRun(runId: string, errorMessage: string, durationMs?: number): Promise<Run> {
    return this.dataSource.transaction(async (em) => {
      await this.finish(em, runId, 'failed', { durationMs, errorMessage });
      return em.findOneByOrFail(Run, { id: runId });
    });
  }

  async cancelRun(runId: string, reason?: string): Promise<Run> {
    return this.dataSource.transaction(async (em) => {
      await this.finish(em, runId, 'cancelled', { errorMessage: reason ?? null });
      return em.findOneByOrFail(Run, { id: runId });
    });
  }

  async recordMetrics(runId: string, rows: MetricInput[]): Promise<void> {
    if (rows.length === 0) return;
    await this.dataSource
      .transaction((em) => insertMetrics(em, runId, rows))
      .catch((error: unknown) => Promise.reject(translateDatabaseError(error, `record metrics of run ${runId}`)));
  }

  async registerModel(input: ModelInput): Promise<{ id: string; version: number }> {
    requireModelInput(input);
    try {
      return await this.dataSource.transaction((em) => insertModelVersion(em, input));
    } catch (error) {
      throw translateDatabaseError(error, `register model ${input.name}`);
    }
  }

  findModel(ref: string): Promise<ModelVersion> {
    return findModelVersion(this.dataSource.manager, ref);
  }

  listModelVersions(name?: string): Promise<ModelVersion[]> {
    const qb = this.dataSource
      .getRepository(ModelVersion)
      .createQueryBuilder('model')
      .orderBy('model.name', 'ASC')
      .addOrderBy('model.version', 'DESC');
    if (name !== undefined) qb.where('lower(model.name) = lower(:name)', { name });
    return qb.getMany();
  }

  async findExperiment(ref: string): Promise<Experiment> {
    const repo = this.dataSource.getRepository(Experiment);
    const found = await repo.findOneBy(isUuid(ref) ? { id: ref } : { name: ref });
    if (found !== null) return found;
    const names = (await repo.find({ order: { name: 'ASC' }, take: 21 })).map((e) => e.name);
    const known = names.length === 0 ? 'there are none yet' : `known: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''}`;
    throw new NotFoundError(`Experiment '${ref}' not found; ${known}`);
  }

  listExperiments(): Promise<Experiment[]> {
    return this.dataSource.getRepository(Experiment).find({ order: { createdAt: 'DESC', name: 'ASC' } });
  }

  async listRuns(query: RunQuery = {}): Promise<Run[]> {
    const limit = query.limit ?? 100;
    requirePositiveInteger('limit', limit);
    const qb = this.dataSource
      .getRepository(Run)
      .createQueryBuilder('run')
      .orderBy('run.startedAt', 'DESC')
      .addOrderBy('run.id', 'DESC')
      .take(limit);
    if (query.after !== undefined) {
      if (!isUuid(query.after)) throw new UsageError(`'after' must be a run id (a uuid), got ${JSON.stringify(query.after)}`);
      // The boundary's exact started_at comes from the database: a JS Date would lose its microseconds.
      qb.andWhere('(run.startedAt, run.id) < ((SELECT r.started_at FROM runs r WHERE r.id = :after), :after)', { after: query.after });
    }
    if (query.experiment !== undefined) {
      qb.innerJoin('run.experiment', 'experiment').andWhere(
        isUuid(query.experiment) ? 'experiment.id = :experiment' : 'experiment.name = :experiment',
        { experiment: query.experiment },
      );
    }
    if (query.status !== undefined) {
      if (!runStatuses.includes(query.status)) {
        throw new UsageError(`'status' must be one of ${runStatuses.join(', ')}, got ${JSON.stringify(query.status)}`);
      }
      qb.andWhere('run.status = :status', { status: query.status });
    }
    if (query.model !== undefined) qb.andWhere('lower(run.modelName) = lower(:model)', { model: query.model });
    if (query.kind !== undefined) qb.andWhere('run.kind = :kind', { kind: query.kind });
    return qb.getMany();
  }

  async listPredictions(runId: string): Promise<Prediction[]> {
    const exists = isUuid(runId) && (await this.dataSource.getRepository(Run).existsBy({ id: runId }));
    if (!exists) throw new NotFoundError(`Run '${runId}' not found`);
    return this.dataSource.getRepository(Prediction).find({ where: { runId }, order: { seriesId: 'ASC', cutoff: 'ASC', ds: 'ASC' } });
  }

  async getRun(runId: string): Promise<RunDetails> {
    const run = isUuid(runId) ? await this.dataSource.getRepository(Run).findOneBy({ id: runId }) : null;
    if (run === null) throw new NotFoundError(`Run '${runId}' not found`);
    const metrics = await this.dataSource.getRepository(RunMetric).find({
      where: { runId },
      order: { name: 'ASC', step: 'ASC', window: 'ASC', id: 'ASC' },
    });
    return { run, metrics };
  }

  async listRunScores(query: RunScoreQuery): Promise<RunScores[]> {
    if (query.horizon !== undefined) requirePositiveInteger('horizon', query.horizon);
    const qb = this.dataSource
      .getRepository(Run)
      .createQueryBuilder('run')
      .where('run.experimentId = :experimentId', { experimentId: query.experimentId })
      .andWhere('run.kind = :kind', { kind: query.kind })
      .andWhere('run.status = :completed', { completed: 'completed' })
      .orderBy('run.startedAt', 'ASC')
      .addOrderBy('run.id', 'ASC');
    if (query.horizon !== undefined) qb.andWhere('run.horizon = :horizon', { horizon: query.horizon });
    const runs = await qb.getMany();
    if (runs.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(RunMetric)
      .createQueryBuilder('metric')
      .where('metric.runId IN (:...runIds)', { runIds: runs.map((run) => run.id) })
      .andWhere('metric.step IS NULL AND metric.window IS NULL AND metric.seriesId IS NULL')
      .orderBy('metric.id', 'ASC')
      .getMany();
    const scores = new Map(runs.map((run) => [run.id, {} as Record<string, number>]));
    for (const row of rows) scores.get(row.runId)![row.name] = row.value;
    return runs.map((run) => ({ run, metrics: scores.get(run.id)! }));
  }

  /** Moves a `running` run to its final status; any other status is an error. */
  private async finish(
    em: EntityManager,
    runId: string,
    status: Exclude<RunStatus, 'running'>,
    fields: { durationMs?: number; errorMessage?: string | null },
  ): Promise<void> {
    const result = await em
      .createQueryBuilder()
      .update(Run)
      .set({
        status,
        endedAt: () => 'now()',
        durationMs:
          fields.durationMs === undefined
            ? () => '(EXTRACT(EPOCH FROM (now() - started_at)) * 1000)::bigint'
            : Math.round(fields.durationMs),
        ...(fields.errorMessage === undefined ? {} : { errorMessage: fields.errorMessage }),
      })
      .where('id = :runId AND status = :running', { runId, running: 'running' })
      .execute();
    if (result.affected === 1) return;
    const current = isUuid(runId) ? await em.findOneBy(Run, { id: runId }) : null;
    if (current === null) throw new NotFoundError(`Run '${runId}' not found`);
    throw new TsforecastError(`Run '${runId}' is already '${current.status}'; only a 'running' run can become '${status}'`);
  }
}

function requireModelInput(input: ModelInput): void {
  requireText('name', input.name);
  if (!sha256Pattern.test(input.sha256)) {
    throw new UsageError(`'sha256' must be a lower-case hex sha256 (64 characters), got '${input.sha256}'`);
  }
}

/** Inserts a model version under the next version of its name; run it inside a transaction. */
async function insertModelVersion(em: EntityManager, input: ModelInput): Promise<{ id: string; version: number }> {
  // Serializes registrations of one name (across processes on a server),
  // so two writers cannot both compute the same next version.
  await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tsforecast.models:${input.name}`]);
  const [{ next }] = (await em.query('SELECT COALESCE(MAX(version), 0) + 1 AS next FROM models WHERE name = $1', [input.name])) as {
    next: number;
  }[];
  const values: Partial<ModelVersion> = { ...input, version: next, stage: 'none' };
  const { identifiers } = await em
    .createQueryBuilder()
    .insert()
    .into(ModelVersion)
    .values(values as never)
    .execute();
  return { id: (identifiers[0] as { id: string }).id, version: next };
}

/** Points the trial at the run that evaluates it; the trial must exist and not be linked yet. */
async function linkTrial(em: EntityManager, trialId: string, runId: string): Promise<void> {
  const linked = await em
    .createQueryBuilder()
    .update(StudyTrial)
    .set({ runId })
    .where('id = :trialId AND run_id IS NULL', { trialId })
    .execute();
  if (linked.affected === 1) return;
  const trial = isUuid(trialId) ? await em.findOneBy(StudyTrial, { id: trialId }) : null;
  if (trial === null) throw new NotFoundError(`Trial '${trialId}' not found; a trial's run needs the trial's id`);
  throw new TsforecastError(`Trial ${trial.number} (${trialId}) is already evaluated by run '${trial.runId}'`);
}

function toMetricRows(metrics: Record<string, number> | MetricInput[]): MetricInput[] {
  return Array.isArray(metrics) ? metrics : Object.entries(metrics).map(([name, value]) => ({ name, value }));
}

function requireText(field: string, value: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UsageError(`'${field}' must be a non-empty string, got '${String(value)}'`);
  }
}

function requirePositiveInteger(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`'${field}' must be an integer >= 1, got ${value}`);
}
