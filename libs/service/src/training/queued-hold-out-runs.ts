import { resolve } from 'node:path';
import { inject, injectable } from 'inversify';
import { Settings } from '@tsforecast/config';
import { RunLeaseStore, TrackingStore } from '@tsforecast/db';
import { JobQueue, LocalWorkers, waitForJobs, type JobJson, type JobStatus, type TrainRunJob } from '@tsforecast/execution';
import { ProgressReporter, type ProgressTask } from '@tsforecast/logging';
import type { RunDataset } from '../recording/run-recorder';
import type { HoldOutResult } from './hold-out-runner';
import { forecastFromJson } from './job-forecast';
import type { TrainRequest, TuningSummary } from './train-request';

/**
 * A training request's model × horizon runs as `train-run` queue jobs: enqueued
 * in one insert, run by local workers in child processes for the length of
 * the request (unless `localWorkers: false`: then `cli worker`s elsewhere run
 * them and this only waits), and read back as {@link HoldOutResult}s in the
 * order of `specs`. Progress bars follow the jobs' progress.
 */
@injectable()
export class QueuedHoldOutRuns {
  constructor(
    @inject(JobQueue) private readonly queue: JobQueue,
    @inject(LocalWorkers) private readonly workers: LocalWorkers,
    @inject(RunLeaseStore) private readonly leases: RunLeaseStore,
    @inject(TrackingStore) private readonly tracking: TrackingStore,
    @inject(ProgressReporter) private readonly progress: ProgressReporter,
    @inject(Settings) private readonly settings: Settings,
  ) {}

  /**
   * Enqueues the request's jobs (one `train-run` job per model × horizon, in
   * the order of `specs`) without waiting for them; returns the `train-run`
   * job ids. `run` waits on these; the API's training jobs poll them.
   */
  async enqueue(request: TrainRequest, specs: readonly { model: string; horizon: number }[], dataset: RunDataset): Promise<string[]> {
    return this.queue.enqueue(
      'train-run',
      specs.map((spec) => this.payloadOf(request, spec, dataset)),
    );
  }

  async run(request: TrainRequest, specs: readonly { model: string; horizon: number }[], dataset: RunDataset): Promise<HoldOutResult[]> {
    const ids = await this.enqueue(request, specs, dataset);
    const tasks = new Map<string, ProgressTask>();
    const wait = () => waitForJobs(this.queue, 'train-run', ids, { pollMs: 250 });
    const ended =
      request.localWorkers === false
        ? await wait()
        : await this.workers.runUntil(wait, {
            kinds: ['train-run'],
            // On a terminal this process draws the progress bars, so the job processes
            // log warnings only; otherwise they log at the configured level (trial
            // lines of a search come from them).
            env: process.stderr.isTTY ? { LOG_LEVEL: 'warn' } : {},
            listener: {
              jobStarted: (job) =>
                tasks.set(job.id, this.progress.start(`${job.payload.model as string} h=${String(job.payload.horizon)}`, 100)),
              jobProgress: (job, _runId, update) => tasks.get(job.id)?.update(Math.round((update.fraction ?? 0) * 100), numeric(update)),
              jobEnded: (job, _runId, outcome, error) =>
                tasks.get(job.id)?.finish(outcome?.status === 'completed' ? {} : { failed: error ?? outcome?.error ?? 1 }),
            },
          });
    return Promise.all(ended.map((status, i) => this.resultOf(status, specs[i]!)));
  }

  private payloadOf(request: TrainRequest, spec: { model: string; horizon: number }, dataset: RunDataset): TrainRunJob {
    return {
      requestId: request.experiment,
      experiment: request.experiment,
      dataPath: resolve(request.data),
      fingerprint: dataset.fingerprint,
      ...(request.frequency === undefined ? {} : { frequency: String(request.frequency) }),
      ...(request.seasonLength === undefined ? {} : { seasonLength: request.seasonLength }),
      model: spec.model,
      horizon: spec.horizon,
      hyperparameters: JSON.parse(JSON.stringify(request.overrides ?? {})) as { [key: string]: JobJson },
      modelDir: resolve(this.settings.MODEL_DIR),
      ...(request.search ? { search: JSON.parse(JSON.stringify(request.search)) as { [key: string]: JobJson } } : {}),
    };
  }

  /** A finished job as the run outcome `train` reports; a job whose attempts all crashed is a failed run. */
  private async resultOf(status: JobStatus<'train-run'>, spec: { model: string; horizon: number }): Promise<HoldOutResult> {
    const output = status.output ?? {};
    const runId =
      typeof output['runId'] === 'string'
        ? output['runId']
        : ((await this.leases.attemptLease(status.id, status.attempts, 0))?.runId ?? '');
    const run =
      runId === ''
        ? undefined
        : await this.tracking.getRun(runId).then(
            (details) => details.run,
            () => undefined,
          );
    const completed = status.state === 'completed' && output['status'] === 'completed';
    const error = completed ? undefined : String(output['error'] ?? output['message'] ?? `job ${status.state}`);
    const forecast = forecastFromJson(output['forecast']);
    return {
      runId,
      model: spec.model,
      horizon: spec.horizon,
      status: completed ? 'completed' : output['status'] === 'cancelled' || status.state === 'cancelled' ? 'cancelled' : 'failed',
      ...(completed ? { metrics: output['metrics'] as Record<string, number> } : { error }),
      fitSeconds: typeof output['fitSeconds'] === 'number' ? output['fitSeconds'] : 0,
      ...(typeof output['model'] === 'string' ? { modelRef: output['model'] } : {}),
      ...(forecast ? { forecast } : {}),
      ...(output['tuning'] !== undefined && output['tuning'] !== null ? { tuning: output['tuning'] as unknown as TuningSummary } : {}),
      experimentId: run?.experimentId ?? '',
      datasetId: run?.datasetId ?? null,
    };
  }
}

function numeric(update: Record<string, number | undefined>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(update).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[0] !== 'fraction'),
  );
}
