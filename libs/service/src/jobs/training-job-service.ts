import { inject, injectable } from 'inversify';
import { ConflictError, Logger } from '@tsforecast/config';
import { RunLeaseStore, TrainingJobStore, type JsonObject, type TrainingJobRecord } from '@tsforecast/db';
import { JobQueue } from '@tsforecast/execution';
import { TrainingService } from '../training/training-service';
import { JobDataFiles } from './data-path';
import { endedTrainingJobStates, type TrainingJobRequest, type TrainingJobView } from './training-job-request';
import { jobStateOf, progressOf, runOf, type QueuedRunFacts } from './training-job-state';
import { cancelTrialJobsOf } from './cancel-trial-jobs';

/**
 * Training as background jobs (the API's `/jobs`): a request is checked and its
 * data read exactly as `cli train` does ({@link TrainingService.enqueue}), then
 * becomes one `train-run` queue job per model × horizon that workers run (the
 * API's own, or `cli worker`s). The job's record keeps the request and the
 * queue job ids; its state is always derived from the queue and the runs'
 * heartbeats, never stored twice.
 *
 * @example
 * const job = await jobs.submit({ data: 'air.csv', models: ['MLP'], horizons: [12], experiment: 'air' }, 'alice');
 * const now = await jobs.get(job.id); // now.state, now.progress.etaSeconds
 */
@injectable()
export class TrainingJobService {
  constructor(
    @inject(TrainingService) private readonly training: TrainingService,
    @inject(TrainingJobStore) private readonly store: TrainingJobStore,
    @inject(JobDataFiles) private readonly files: JobDataFiles,
    @inject(JobQueue) private readonly queue: JobQueue,
    @inject(RunLeaseStore) private readonly leases: RunLeaseStore,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  /** Checks the request, reads its data and enqueues its runs; returns the job (state `queued`). */
  async submit(request: TrainingJobRequest, createdBy: string): Promise<TrainingJobView> {
    const { path, datasetId } = await this.files.resolve(request.data);
    const enqueued = await this.training.enqueue({
      data: path,
      models: request.models,
      horizons: request.horizons,
      experiment: request.experiment,
      ...(request.frequency === undefined ? {} : { frequency: request.frequency }),
      ...(request.seasonLength === undefined ? {} : { seasonLength: request.seasonLength }),
      ...(request.overrides === undefined ? {} : { overrides: request.overrides }),
      ...(request.search === undefined ? {} : { search: request.search }),
      localWorkers: false,
    });
    let record: TrainingJobRecord;
    try {
      record = await this.store.create({
        experiment: request.experiment,
        request: JSON.parse(JSON.stringify(request)) as JsonObject,
        jobIds: enqueued.jobIds,
        datasetId,
        createdBy,
      });
    } catch (error) {
      // No record, no way to see or cancel them: take the jobs back.
      await Promise.all(enqueued.jobIds.map((id) => this.queue.cancel('train-run', id)));
      throw error;
    }
    this.logger.info('training job submitted', { job: record.id, runs: enqueued.jobIds.length, by: createdBy });
    return this.viewOf(record);
  }

  /** The job now; NotFoundError for an unknown id. */
  async get(id: string): Promise<TrainingJobView> {
    return this.viewOf(await this.store.get(id));
  }

  /** Jobs newest first; `after` is the last id of the previous page. */
  async list(page: { limit?: number; after?: string } = {}): Promise<TrainingJobView[]> {
    const records = await this.store.list(page);
    return Promise.all(records.map((record) => this.viewOf(record)));
  }

  /**
   * Cancels every run that has not ended (a running fit stops at its next
   * training step, within a heartbeat, and its run is `cancelled`), the trials
   * of its searches included: the `trial` jobs running them are cancelled, and
   * waiting ones start no trial (see {@link cancelTrialJobsOf}); a
   * ConflictError when the job already ended.
   */
  async cancel(id: string): Promise<TrainingJobView> {
    const view = await this.get(id);
    if (endedTrainingJobStates.includes(view.state)) throw new ConflictError(`training job '${id}' already ended (${view.state})`);
    await this.store.markCancelled(id);
    for (const run of view.runs) {
      if (run.status === 'queued' || run.status === 'running') await this.queue.cancel('train-run', run.jobId);
    }
    const trials = await cancelTrialJobsOf(
      this.queue,
      view.runs.map((run) => run.jobId),
    );
    this.logger.info('training job cancelled', { job: id, trialJobs: trials.length });
    return this.get(id);
  }

  private async viewOf(record: TrainingJobRecord): Promise<TrainingJobView> {
    const [statuses, leases] = await Promise.all([this.queue.status('train-run', record.jobIds), this.leases.leasesOfJobs(record.jobIds)]);
    const now = new Date();
    const facts: QueuedRunFacts[] = record.jobIds.map((jobId, i) => {
      const status = statuses[i] ?? null;
      return {
        jobId,
        model: status?.payload.model ?? '?',
        horizon: status?.payload.horizon ?? 0,
        status,
        leases: leases.filter((lease) => lease.jobId === jobId),
      };
    });
    const runs = facts.map((fact) => runOf(fact, now));
    return {
      id: record.id,
      experiment: record.experiment,
      state: jobStateOf(runs, record.cancelledAt !== null),
      createdBy: record.createdBy,
      createdAt: record.createdAt,
      cancelledAt: record.cancelledAt,
      datasetId: record.datasetId,
      request: record.request as unknown as TrainingJobRequest,
      progress: progressOf(runs, facts),
      runs,
    };
  }
}
