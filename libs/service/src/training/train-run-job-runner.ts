import { inject, injectable } from 'inversify';
import { Settings } from '@tsforecast/config';
import { fingerprintFrame, holdOut } from '@tsforecast/data';
import type { ClaimedJob, JobContext, JobJson, JobOutcome, JobRunner } from '@tsforecast/execution';
import { HoldOutRunner } from './hold-out-runner';
import { forecastToJson } from './job-forecast';
import { SeriesSource } from '../datasets/series-source';
import type { SearchRequest } from './train-request';

/**
 * Runs a `train-run` queue job in a worker's job process: reads the request's
 * data file (refusing bytes other than the request read), then one model ×
 * horizon through the same {@link HoldOutRunner} as a local `train`, under the
 * run id the worker leased. A run that failed or was cancelled is an outcome;
 * only infrastructure errors (the database, the file system) throw, so the
 * attempt is retried.
 */
@injectable()
export class TrainRunJobRunner implements JobRunner<'train-run'> {
  readonly kind = 'train-run' as const;

  constructor(
    @inject(SeriesSource) private readonly source: SeriesSource,
    @inject(HoldOutRunner) private readonly runner: HoldOutRunner,
    @inject(Settings) private readonly settings: Pick<Settings, 'DEFAULT_BACKEND'>,
  ) {}

  async run(job: ClaimedJob<'train-run'>, context: JobContext): Promise<JobOutcome> {
    const payload = job.payload;
    const data = await this.source.readJob(payload);
    if ('error' in data) return { runId: context.runId, status: 'failed', error: data.error };
    const { frame, dataset } = data;
    let steps = 0;
    let stepsPerSecond: number | undefined;
    const outcome = await this.runner.run({
      experiment: payload.experiment,
      model: payload.model,
      horizon: payload.horizon,
      split: holdOut(frame, payload.horizon),
      dataset,
      frameFingerprint: fingerprintFrame(frame),
      overrides: payload.hyperparameters,
      ...(payload.search ? { search: payload.search as unknown as SearchRequest } : {}),
      runId: context.runId,
      job: { jobId: job.id, attempt: job.attempt },
      ...(payload.requestedAt === undefined ? {} : { requestedAt: new Date(payload.requestedAt) }),
      modelDir: payload.modelDir,
      signal: context.signal,
      threads: context.threads,
      onProgress: (fraction, fields) => {
        steps += 1;
        if (fields['steps_per_s'] !== undefined) stepsPerSecond = fields['steps_per_s'];
        context.progress({ fraction, ...fields });
      },
    });
    const base = { runId: outcome.runId, backend: this.settings.DEFAULT_BACKEND };
    if (outcome.status !== 'completed') return { ...base, status: outcome.status, error: outcome.error ?? outcome.status };
    return {
      ...base,
      status: 'completed',
      metrics: outcome.metrics ?? {},
      ...(stepsPerSecond === undefined || steps === 0 ? {} : { stepsPerSecond }),
      output: {
        model: outcome.modelRef ?? null,
        fitSeconds: outcome.fitSeconds,
        ...(outcome.forecast ? { forecast: forecastToJson(outcome.forecast) } : {}),
        // The study summary `cli train --search` prints (plain JSON values).
        ...(outcome.tuning ? { tuning: JSON.parse(JSON.stringify(outcome.tuning)) as JobJson } : {}),
      },
    };
  }
}
