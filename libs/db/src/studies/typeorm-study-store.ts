import { injectable, injectFromBase } from 'inversify';
import { NotFoundError, UsageError } from '@tsforecast/config';
import type { EntityManager } from 'typeorm';
import { DataSourceStore } from '../data-source/data-source-store';
import { HyperparameterStudy } from '../entities/study/hyperparameter-study';
import { StudyTrial } from '../entities/study/study-trial';
import { StudyTrialValue } from '../entities/study/study-trial-value';
import type { JsonObject } from '../entities/tracking/run';
import { isUuid } from '../tracking/database-errors';
import type { FinishedTrialState, StoredTrial, StudyInput, StudyStore } from './study-store';

/** {@link StudyStore} on TypeORM's query builder; trial numbers are allocated under a row lock on the study. */
@injectable()
@injectFromBase()
export class TypeOrmStudyStore extends DataSourceStore implements StudyStore {
  async createStudy(input: StudyInput): Promise<HyperparameterStudy> {
    const repo = this.dataSource.getRepository(HyperparameterStudy);
    // orIgnore: a taken name inserts nothing, without aborting a surrounding transaction.
    const values: Partial<HyperparameterStudy> = { ...input };
    const inserted = await repo
      .createQueryBuilder()
      .insert()
      .values(values as never)
      .orIgnore()
      .execute();
    if (inserted.identifiers.length === 0 || inserted.identifiers[0] === undefined) {
      throw new UsageError(`study '${input.name}' already exists; load it or pick another name`);
    }
    // findOneByOrFail's where type recurses into the JSON columns too deeply for tsc: query by id with the builder.
    const id = (inserted.identifiers[0] as { id: string }).id;
    return repo.createQueryBuilder('study').where('study.id = :id', { id }).getOneOrFail();
  }

  async findStudyById(id: string): Promise<HyperparameterStudy | undefined> {
    if (!isUuid(id)) return undefined;
    return (
      (await this.dataSource.getRepository(HyperparameterStudy).createQueryBuilder('study').where('study.id = :id', { id }).getOne()) ??
      undefined
    );
  }

  async findStudy(name: string): Promise<HyperparameterStudy | undefined> {
    return (
      (await this.dataSource
        .getRepository(HyperparameterStudy)
        .createQueryBuilder('study')
        .where('study.name = :name', { name })
        .getOne()) ?? undefined
    );
  }

  createTrial(
    studyId: string,
    draft: (trials: readonly StoredTrial[], number: number) => { params: JsonObject },
    meta: { workerId?: string } = {},
  ): Promise<StoredTrial> {
    return this.dataSource.transaction(async (em) => {
      const locked = isUuid(studyId)
        ? await em
            .createQueryBuilder(HyperparameterStudy, 'study')
            .setLock('pessimistic_write')
            .where('study.id = :studyId', { studyId })
            .getOne()
        : null;
      if (locked === null) throw new NotFoundError(`study id '${studyId}' not found`, { exitCode: 1 });
      const trials = await readTrials(em, studyId);
      const number = trials.length === 0 ? 0 : trials[trials.length - 1]!.trial.number + 1;
      const values: Partial<StudyTrial> = { studyId, number, params: draft(trials, number).params, workerId: meta.workerId ?? null };
      const { identifiers } = await em
        .createQueryBuilder()
        .insert()
        .into(StudyTrial)
        .values(values as never)
        .execute();
      return { trial: await em.findOneByOrFail(StudyTrial, { id: (identifiers[0] as { id: string }).id }), intermediate: [] };
    });
  }

  async finishTrial(trialId: string, state: FinishedTrialState, value: number | null): Promise<StoredTrial> {
    const em = this.dataSource.manager;
    const result = isUuid(trialId)
      ? await em
          .createQueryBuilder()
          .update(StudyTrial)
          .set({ state, value: value === null ? null : floatValue(value), completedAt: () => 'now()' })
          .where('id = :trialId AND state = :running', { trialId, running: 'running' })
          .execute()
      : { affected: 0 };
    const trial = isUuid(trialId) ? await em.findOneBy(StudyTrial, { id: trialId }) : null;
    if (trial === null) throw new NotFoundError(`trial id '${trialId}' not found`, { exitCode: 1 });
    if (result.affected !== 1) throw new UsageError(`trial ${trial.number} is already ${trial.state}; it cannot be told again`);
    return { trial, intermediate: (await readValues(em, [trialId])).get(trialId) ?? [] };
  }

  async reportIntermediate(trialId: string, step: number, value: number): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(StudyTrialValue)
      .values({ trialId, step, value: floatValue(value) } as never)
      .orIgnore()
      .execute();
  }

  listTrials(studyId: string): Promise<StoredTrial[]> {
    return readTrials(this.dataSource.manager, studyId);
  }

  async failRunningTrials(studyId: string, startedBefore: Date): Promise<number[]> {
    return this.dataSource.transaction(async (em) => {
      const stale = await em
        .createQueryBuilder(StudyTrial, 'trial')
        .setLock('pessimistic_write')
        .where('trial.studyId = :studyId AND trial.state = :running AND trial.startedAt <= :startedBefore', {
          studyId,
          running: 'running',
          startedBefore,
        })
        .orderBy('trial.number', 'ASC')
        .getMany();
      if (stale.length === 0) return [];
      await em
        .createQueryBuilder()
        .update(StudyTrial)
        .set({ state: 'failed', completedAt: () => 'now()' })
        .whereInIds(stale.map((t) => t.id))
        .execute();
      return stale.map((t) => t.number);
    });
  }
}

/** NaN travels as the SQL literal: drivers differ in how they send a NaN parameter. */
function floatValue(value: number): number | (() => string) {
  return Number.isNaN(value) ? () => "'NaN'::float8" : value;
}

async function readTrials(em: EntityManager, studyId: string): Promise<StoredTrial[]> {
  if (!isUuid(studyId)) return [];
  const trials = await em.find(StudyTrial, { where: { studyId }, order: { number: 'ASC' } });
  const values = await readValues(
    em,
    trials.map((t) => t.id),
  );
  return trials.map((trial) => ({ trial, intermediate: values.get(trial.id) ?? [] }));
}

async function readValues(em: EntityManager, trialIds: string[]): Promise<Map<string, Array<readonly [number, number]>>> {
  const out = new Map<string, Array<readonly [number, number]>>();
  if (trialIds.length === 0) return out;
  const rows = await em
    .createQueryBuilder(StudyTrialValue, 'v')
    .where('v.trialId IN (:...trialIds)', { trialIds })
    .orderBy('v.step', 'ASC')
    .getMany();
  for (const row of rows) out.set(row.trialId, [...(out.get(row.trialId) ?? []), [Number(row.step), Number(row.value)] as const]);
  return out;
}
