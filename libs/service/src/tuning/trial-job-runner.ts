import { inject, injectable } from 'inversify';
import { Logger } from '@tsforecast/config';
import { holdOut } from '@tsforecast/data';
import { JobQueue, type ClaimedJob, type JobContext, type JobOutcome, type JobRunner } from '@tsforecast/execution';
import { SeriesSource } from '../datasets/series-source';
import type { SearchRequest } from '../training/train-request';
import { TuningService } from './tuning-service';

/**
 * Runs a `trial` queue job in a worker's job process: trials of the request's
 * study in turn through {@link TuningService.runTrialsInTurn} — the same
 * trials the `train-run` job runs — while the study has budget and the
 * request's `train-run` job has not ended (cancelled, or done with its
 * tuning); a job that finds no budget completes without a run (`skipped`).
 * Running trials in turn rather than one per job spares each trial a claim,
 * a process hand-off, the data and the study's open. The first trial's run is
 * recorded under the run id the worker leased. A retried attempt asks the
 * budget again, so it never runs a trial beyond it. Pruned trials complete the
 * job (they ended as they should); a failed one ends the job `failed`.
 */
@injectable()
export class TrialJobRunner implements JobRunner<'trial'> {
  readonly kind = 'trial' as const;

  constructor(
    @inject(SeriesSource) private readonly source: SeriesSource,
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
    const trainRunEnded = async () => {
      const [trainRun] = await this.queue.status('train-run', [payload.trainRunJobId]);
      return trainRun !== null && trainRun !== undefined && ['completed', 'cancelled', 'failed'].includes(trainRun.state)
        ? trainRun.state
        : undefined;
    };
    // Its tuning is over once the request's train-run job ended (cancelled, or refitted the best).
    const ended = await trainRunEnded();
    if (ended !== undefined) return skipped(`train-run job ${ended}`);
    const data = await this.source.readJob(payload);
    if ('error' in data) return { runId: context.runId, status: 'failed', error: data.error };
    const { ran, stopped } = await this.tuning.runTrialsInTurn(
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
        keepGoing: async () => (await trainRunEnded()) === undefined,
      },
    );
    if (ran.length === 0) return skipped(stopped === 'timeout' ? 'timeout' : 'budget used');
    const output = {
      study: payload.study,
      trials: ran.map((r) => r.trial),
      states: ran.map((r) => (typeof r.result === 'number' ? 'complete' : r.result)),
    };
    const values = ran.map((r) => r.result).filter((v): v is number => typeof v === 'number');
    const metrics = values.length > 0 ? { metrics: { best_val_mae: Math.min(...values) } } : {};
    if (context.signal.aborted) return { runId: context.runId, status: 'cancelled', output };
    if (stopped === 'trial failed')
      return { runId: context.runId, status: 'failed', error: `trial ${ran[ran.length - 1]!.trial} failed (see its run)`, output };
    return { runId: context.runId, status: 'completed', ...metrics, output };
  }
}
