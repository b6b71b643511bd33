import { resolve } from 'node:path';
import { inject, injectable } from 'inversify';
import { Settings } from '@tsforecast/config';
import { RunLeaseStore, TrackingStore } from '@tsforecast/db';
import {
  JobQueue,
  LocalWorkers,
  waitForJobs,
  workerDefaults,
  type JobJson,
  type JobStatus,
  type TrainRunJob,
  type TrialJob,
} from '@tsforecast/execution';
import { ModelRegistry } from '@tsforecast/model';
import { StudyStorage } from '@tsforecast/hyperparameter';
import { ProgressReporter, type ProgressTask } from '@tsforecast/logging';
import type { RunDataset } from '../recording/run-recorder';
import type { HoldOutResult } from './hold-out-runner';
import { forecastFromJson } from './job-forecast';
import { cancelLeftoverTrialJobs, type StudyTrialJobs } from './leftover-trial-jobs';
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
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
    @inject(StudyStorage) private readonly studies: StudyStorage,
  ) {}

  /**
   * Enqueues the request's jobs without waiting for them: one `train-run` job
   * per model × horizon, in the order of `specs`; with a search, also
   * `trial` jobs per neural model × horizon on the same study when workers
   * can run them in parallel (see `trialJobsPerStudy`). The
   * `train-run` job runs trials too, so it never waits on a queue without
   * another free slot; a worker claims `train-run` jobs first, so the other
   * slots take the trials; `run` cancels the trial jobs still waiting once a
   * study's budget is used. Returns the `train-run` job ids: `run` waits on
   * these; the API's training jobs poll them.
   */
  async enqueue(request: TrainRequest, specs: readonly { model: string; horizon: number }[], dataset: RunDataset): Promise<string[]> {
    return (await this.enqueueJobs(request, specs, dataset)).trainRuns;
  }

  /** Enqueues the request's jobs: the `train-run` job ids in the order of `specs`, and the `trial` job ids per study. */
  private async enqueueJobs(
    request: TrainRequest,
    specs: readonly { model: string; horizon: number }[],
    dataset: RunDataset,
  ): Promise<{ trainRuns: string[]; trials: StudyTrialJobs[] }> {
    const requestedAt = new Date().toISOString();
    const payloads = specs.map((spec) => this.payloadOf(request, spec, dataset, requestedAt));
    const trainRuns = await this.queue.enqueue('train-run', payloads);
    const search = request.search;
    const perStudy = search === undefined ? 0 : this.trialJobsPerStudy(request, search.trials);
    if (search === undefined || perStudy === 0) return { trainRuns, trials: [] };
    const trials: StudyTrialJobs[] = [];
    for (const [i, payload] of payloads.entries()) {
      const jobs = this.trialJobsOf(payload, trainRuns[i]!, perStudy);
      if (jobs.length > 0) trials.push({ study: jobs[0]!.study, budget: search.trials, jobIds: await this.queue.enqueue('trial', jobs) });
    }
    return { trainRuns, trials };
  }

  async run(request: TrainRequest, specs: readonly { model: string; horizon: number }[], dataset: RunDataset): Promise<HoldOutResult[]> {
    const { trainRuns: ids, trials } = await this.enqueueJobs(request, specs, dataset);
    const tasks = new Map<string, ProgressTask>();
    // Trial jobs that can no longer run a trial are cancelled as their studies use their budgets.
    const wait = async () => {
      let ended = false;
      const watching = cancelLeftoverTrialJobs(this.queue, this.studies, trials, () => ended);
      try {
        return await waitForJobs(this.queue, 'train-run', ids, { pollMs: 250 });
      } finally {
        ended = true;
        await watching;
      }
    };
    const ended =
      request.localWorkers === false
        ? await wait()
        : await this.workers.runUntil(wait, {
            // Trial jobs too: a search's trials run on the other slots (no progress bar of their own).
            kinds: ['train-run', 'trial'],
            // On a terminal this process draws the progress bars, so the job processes
            // log warnings only; otherwise they log at the configured level (trial
            // lines of a search come from them).
            env: process.stderr.isTTY ? { LOG_LEVEL: 'warn' } : {},
            listener: {
              jobStarted: (job) => {
                if (job.kind === 'train-run')
                  tasks.set(job.id, this.progress.start(`${job.payload.model as string} h=${String(job.payload.horizon)}`, 100));
              },
              jobProgress: (job, _runId, update) => tasks.get(job.id)?.update(Math.round((update.fraction ?? 0) * 100), numeric(update)),
              jobEnded: (job, _runId, outcome, error) =>
                tasks.get(job.id)?.finish(outcome?.status === 'completed' ? {} : { failed: error ?? outcome?.error ?? 1 }),
            },
          });
    return Promise.all(ended.map((status, i) => this.resultOf(status, specs[i]!)));
  }

  /** `count` trial jobs on the study of a `train-run` job; none for a model without a search space (see HoldOutRunner). */
  private trialJobsOf(train: TrainRunJob, trainRunJobId: string, count: number): TrialJob[] {
    const definition = this.registry.get(train.model);
    if (definition.kind !== 'neural') return [];
    const { requestId, experiment, dataPath, fingerprint, frequency, seasonLength, model, horizon, hyperparameters } = train;
    const trial: TrialJob = {
      requestId,
      experiment,
      study: `${experiment}/${definition.name}/h${horizon}`,
      trainRunJobId,
      search: train.search!,
      requestedAt: train.requestedAt!,
      dataPath,
      fingerprint,
      ...(frequency === undefined ? {} : { frequency }),
      ...(seasonLength === undefined ? {} : { seasonLength }),
      model,
      horizon,
      hyperparameters,
    };
    return Array.from({ length: count }, () => trial);
  }

  /**
   * How many trial jobs a study gets: each runs trials in turn until the
   * budget is used (as the `train-run` job does), so one per slot that can run
   * next to the `train-run` job is enough: `concurrency − 1` with local
   * workers (none with one slot: the `train-run` job runs every trial);
   * `trials − 1` with remote workers, whose number is not known here. Never
   * more than `trials − 1`: the `train-run` job runs one at least.
   */
  private trialJobsPerStudy(request: TrainRequest, trials: number): number {
    const otherSlots = request.localWorkers === false ? Infinity : workerDefaults(this.settings).concurrency - 1;
    return Math.max(0, Math.min(trials - 1, otherSlots));
  }

  private payloadOf(
    request: TrainRequest,
    spec: { model: string; horizon: number },
    dataset: RunDataset,
    requestedAt: string,
  ): TrainRunJob {
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
      requestedAt,
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
