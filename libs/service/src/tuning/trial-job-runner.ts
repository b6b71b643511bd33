import { inject, injectable } from 'inversify';
import { Logger } from '@tsforecast/config';
import { SeriesReader, holdOut } from '@tsforecast/data';
import { JobQueue, type ClaimedJob, type JobContext, type JobOutcome, type JobRunner } from '@tsforecast/execution';
import { readJobData } from '../training/job-data';
import type { SearchRequest } from '../training/train-request';
import { TuningService } from './tuning-service';

/**
 * Runs a `trial` queue job in a worker's job process: one trial of the
 * request's study through {@link TuningService.runTrial} — the same trial the
 * `train-run` job runs — if the study still has budget and the request's
 * `train-run` job has not ended (cancelled, or done with its tuning); otherwise
 * the job completes without a run (`skipped`). The trial's run is recorded under the run id the worker
 * leased. A retried attempt asks the budget again, so it never runs a trial
 * beyond it. A pruned trial completes the job (the trial ended as it should).
 */
@injectable()
export class TrialJobRunner implements JobRunner<'trial'> {
  readonly kind = 'trial' as const;

  constructor(
    @inject(SeriesReader) private readonly reader: SeriesReader,
    @inject(TuningService) private readonly tuning: TuningService,
    @inject(JobQueue) private readonly queue: JobQueue,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  async run(job: ClaimedJob<'trial'>, context: JobContext): Promise<JobOutcome> {
    const payload = job.payload;
    const skipped = (reason: string): JobOutcome => {
      this.logger.info('trial job skipped', { study: payload.study, job: job.id, reason });
      return { runId: context.runId, status: 'completed', output: { skipped: reason } };
    };
    const [trainRun] = await this.queue.status('train-run', [payload.trainRunJobId]);
    // Its tuning is over once the request's train-run job ended (cancelled, or refitted the best).
    if (trainRun && ['completed', 'cancelled', 'failed'].includes(trainRun.state)) return skipped(`train-run job ${trainRun.state}`);
    const data = await readJobData(this.reader, payload);
    if ('error' in data) return { runId: context.runId, status: 'failed', error: data.error };
    const ran = await this.tuning.runTrial(
      payload.model,
      payload.horizon,
      holdOut(data.frame, payload.horizon).train,
      payload.search as unknown as SearchRequest,
      {
        experiment: payload.experiment,
        dataset: data.dataset,
        overrides: payload.hyperparameters,
        job: { jobId: job.id, attempt: job.attempt },
        requestedAt: new Date(payload.requestedAt),
        signal: context.signal,
        threads: context.threads,
        runId: context.runId,
      },
    );
    if ('skipped' in ran) return skipped(ran.skipped);
    const output = { study: payload.study, trial: ran.trial, state: typeof ran.result === 'number' ? 'complete' : ran.result };
    if (typeof ran.result === 'number') return { runId: context.runId, status: 'completed', metrics: { val_mae: ran.result }, output };
    if (ran.result === 'pruned') return { runId: context.runId, status: 'completed', output };
    if (context.signal.aborted) return { runId: context.runId, status: 'cancelled', output };
    return { runId: context.runId, status: 'failed', error: `trial ${ran.trial} failed (see its run)`, output };
  }
}
