import { NotFoundError, TsforecastError, UsageError } from '@tsforecast/config';
import { inject, injectable } from 'inversify';
import type { DataSource, EntityManager } from 'typeorm';
import { Database } from '../data-source/database';
import { Dataset } from '../entities/tracking/dataset';
import { Experiment } from '../entities/tracking/experiment';
import { LeaderboardEntry, leaderboardMetricNames } from '../entities/tracking/leaderboard-entry';
import { ModelVersion } from '../entities/tracking/model-version';
import { Run, runStatuses, type RunStatus } from '../entities/tracking/run';
import { RunMetric } from '../entities/tracking/run-metric';
import { insertMetrics, insertPredictions } from './bulk-insert';
import { isUuid, translateDatabaseError } from './database-errors';
import { findModelVersion } from './find-model';
import type {
  DatasetInput,
  LeaderboardInput,
  MetricInput,
  ModelInput,
  PredictionInput,
  RunCompletion,
  RunDetails,
  RunInput,
  RunQuery,
  TrackingStore,
  TrainedRunCompletion,
} from './tracking-store';

const sha256Pattern = /^[0-9a-f]{64}$/;

/**
 * {@link TrackingStore} on TypeORM. Every multi-statement write runs in one
 * transaction and, inside it, only through the transaction's EntityManager
 * (the embedded database has a single connection).
 */
@injectable()
export class TypeOrmTrackingStore implements TrackingStore {
  private readonly dataSource: DataSource;

  constructor(@inject(Database) database: Database) {
    this.dataSource = database.dataSource;
  }

  async ensureExperiment(name: string, description?: string): Promise<Experiment> {
    requireText('name', name);
    const repo = this.dataSource.getRepository(Experiment);
    await repo.createQueryBuilder().insert().values({ name, description: description ?? null }).orIgnore().execute();
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
    const repo = this.dataSource.getRepository(Run);
    try {
      const values: Partial<Run> = {
        experimentId: input.experimentId,
        datasetId: input.datasetId ?? null,
        modelName: input.modelName,
        horizon: input.horizon,
        kind: input.kind,
        parameters: input.parameters,
        studyId: input.studyId ?? null,
        trialNumber: input.trialNumber ?? null,
      };
      // Typed as Partial<Run>: TypeORM's QueryDeepPartialEntity recursion on the JSON type is too deep for tsc.
      const { identifiers } = await repo.createQueryBuilder().insert().values(values as never).execute();
      return await repo.findOneByOrFail({ id: (identifiers[0] as { id: string }).id });
    } catch (error) {
      throw translateDatabaseError(error, `start a run of ${input.modelName}`);
    }
  }

  async completeRun(runId: string, completion: RunCompletion = {}): Promise<Run> {
    const metrics = toMetricRows(completion.metrics ?? []);
    return this.dataSource.transaction(async (em) => {
      await this.finish(em, runId, 'completed', { durationMs: completion.durationMs });
      await insertMetrics(em, runId, metrics);
      return em.findOneByOrFail(Run, { id: runId });
    });
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

  async savePredictions(runId: string, rows: PredictionInput[], options: { modelId?: string } = {}): Promise<number> {
    if (rows.length === 0) return 0;
    await this.dataSource
      .transaction((em) => insertPredictions(em, runId, options.modelId ?? null, rows))
      .catch((error: unknown) => Promise.reject(translateDatabaseError(error, `save predictions of run ${runId}`)));
    return rows.length;
  }

  async registerModel(input: ModelInput): Promise<{ id: string; version: number }> {
    requireModelInput(input);
    try {
      return await this.dataSource.transaction((em) => insertModelVersion(em, input));
    } catch (error) {
      throw translateDatabaseError(error, `register model ${input.name}`);
    }
  }

  async completeRunWithModel(runId: string, completion: TrainedRunCompletion): Promise<{ run: Run; model: { id: string; version: number } }> {
    requireModelInput(completion.model);
    const metrics = toMetricRows(completion.metrics ?? []);
    try {
      return await this.dataSource.transaction(async (em) => {
        await this.finish(em, runId, 'completed', { durationMs: completion.durationMs });
        const model = await insertModelVersion(em, completion.model);
        await insertPredictions(em, runId, model.id, completion.predictions);
        await insertMetrics(em, runId, metrics);
        return { run: await em.findOneByOrFail(Run, { id: runId }), model };
      });
    } catch (error) {
      throw translateDatabaseError(error, `complete run ${runId} with model ${completion.model.name}`);
    }
  }

  findModel(ref: string): Promise<ModelVersion> {
    return findModelVersion(this.dataSource.manager, ref);
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
      .addOrderBy('run.createdAt', 'DESC')
      .take(limit);
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
    return qb.getMany();
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

  async saveLeaderboard(experimentId: string, horizon: number, entries: LeaderboardInput[]): Promise<LeaderboardEntry[]> {
    requirePositiveInteger('horizon', horizon);
    try {
      return await this.dataSource.transaction(async (em) => {
        await em.delete(LeaderboardEntry, { experimentId, horizon });
        if (entries.length > 0) {
          await em.insert(
            LeaderboardEntry,
            entries.map((entry, index) => ({
              experimentId,
              horizon,
              rank: entry.rank ?? index + 1,
              modelName: entry.modelName,
              runId: entry.runId,
              ...Object.fromEntries(leaderboardMetricNames.map((name) => [name, entry.metrics[name] ?? null])),
            })),
          );
        }
        return em.find(LeaderboardEntry, { where: { experimentId, horizon }, order: { rank: 'ASC' } });
      });
    } catch (error) {
      throw translateDatabaseError(error, `save the leaderboard of experiment ${experimentId}, horizon ${horizon}`);
    }
  }

  getLeaderboard(experimentId: string, horizon?: number): Promise<LeaderboardEntry[]> {
    return this.dataSource.getRepository(LeaderboardEntry).find({
      where: horizon === undefined ? { experimentId } : { experimentId, horizon },
      order: { horizon: 'ASC', rank: 'ASC' },
    });
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
  const { identifiers } = await em.createQueryBuilder().insert().into(ModelVersion).values(values as never).execute();
  return { id: (identifiers[0] as { id: string }).id, version: next };
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
