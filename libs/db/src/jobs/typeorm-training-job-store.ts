import { injectable, injectFromBase } from 'inversify';
import { NotFoundError, UsageError } from '@tsforecast/config';
import { DataSourceStore } from '../data-source/data-source-store';
import { TrainingJobRecord } from '../entities/jobs/training-job';
import { isUuid } from '../tracking/database-errors';
import type { TrainingJobInput, TrainingJobPage, TrainingJobStore } from './training-job-store';

/** {@link TrainingJobStore} on the tracking database. */
@injectable()
@injectFromBase()
export class TypeOrmTrainingJobStore extends DataSourceStore implements TrainingJobStore {
  async create(input: TrainingJobInput): Promise<TrainingJobRecord> {
    if (input.jobIds.length === 0) throw new UsageError("'jobIds' of a training job must name at least one queue job");
    const repo = this.dataSource.getRepository(TrainingJobRecord);
    return repo.save(
      repo.create({
        experiment: input.experiment,
        request: input.request,
        jobIds: [...input.jobIds],
        datasetId: input.datasetId ?? null,
        createdBy: input.createdBy,
        cancelledAt: null,
      }),
    );
  }

  async get(id: string): Promise<TrainingJobRecord> {
    const record = isUuid(id)
      ? await this.dataSource.getRepository(TrainingJobRecord).createQueryBuilder('job').where('job.id = :id', { id }).getOne()
      : null;
    if (!record) throw new NotFoundError(`training job '${id}' not found`);
    return record;
  }

  async list(page: TrainingJobPage = {}): Promise<TrainingJobRecord[]> {
    const qb = this.dataSource
      .getRepository(TrainingJobRecord)
      .createQueryBuilder('job')
      .orderBy('job.createdAt', 'DESC')
      .addOrderBy('job.id', 'DESC')
      .limit(page.limit ?? 50);
    if (page.after !== undefined) {
      if (!isUuid(page.after)) throw new UsageError(`'after' must be a training job id (a uuid), got ${JSON.stringify(page.after)}`);
      qb.where('(job.createdAt, job.id) < ((SELECT j.created_at FROM training_jobs j WHERE j.id = :after), :after)', {
        after: page.after,
      });
    }
    return qb.getMany();
  }

  async markCancelled(id: string): Promise<TrainingJobRecord> {
    await this.get(id);
    await this.dataSource
      .createQueryBuilder()
      .update(TrainingJobRecord)
      .set({ cancelledAt: () => 'COALESCE(cancelled_at, now())' })
      .where('id = :id', { id })
      .execute();
    return this.get(id);
  }
}
