import { resolve } from 'node:path';
import { inject, injectable } from 'inversify';
import { Settings } from '@tsforecast/config';
import {
  JobQueue,
  waitForJobs,
  workerDefaults,
  type JobJson,
  type JobStatus,
  type TrainRunJob,
  type TrialJob,
} from '@tsforecast/execution';
import { StudyStorage } from '@tsforecast/hyperparameter';
import { ModelRegistry } from '@tsforecast/model';
import type { RunDataset } from '../recording/run-recorder';
import { cancelLeftoverTrialJobs, type StudyTrialJobs } from './leftover-trial-jobs';
import type { TrainRequest } from './train-request';
import { studyNameOf } from '../tuning/study-factory';

/** One model × horizon of a training request. */
export interface TrainRunSpec {
  model: string;
  horizon: number;
}

/** What {@link TrainRunJobs.enqueue} enqueued. */
export interface EnqueuedTrainRuns {
  /** The `train-run` job ids, in the order of the specs. */
  trainRuns: string[];
  /** The `trial` job ids of each study, with its budget. */
  trials: StudyTrialJobs[];
}

/**
 * A training request as queue jobs: the payload of each model × horizon's
 * `train-run` job (the data file and the bytes the request read, the
 * overrides, the search, `MODEL_DIR`) and, with a search, the `trial` jobs
 * that run the study's trials beside it; enqueued, then waited for.
 */
@injectable()
export class TrainRunJobs {
  constructor(
    @inject(JobQueue) private readonly queue: JobQueue,
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
    @inject(StudyStorage) private readonly studies: StudyStorage,
    @inject(Settings) private readonly settings: Pick<Settings, 'MODEL_DIR' | 'MAX_PARALLEL_RUNS' | 'ORT_THREADS'>,
  ) {}

  /**
   * Enqueues the request's jobs without waiting for them: one `train-run` job
   * per model × horizon, in the order of `specs`; with a search, also `trial`
   * jobs per neural model × horizon on the same study when workers can run
   * them in parallel (see `trialJobsPerStudy`). The `train-run` job runs
   * trials too, so it never waits on a queue without another free slot; a
   * worker claims `train-run` jobs first, so the other slots take the trials;
   * {@link wait} cancels the trial jobs still waiting once a
   * study's budget is used. Returns the `train-run` job ids in the order of
   * `specs` (`run` waits on these; the API's training jobs poll them) and the
   * `trial` job ids per study.
   */
  async enqueue(request: TrainRequest, specs: readonly TrainRunSpec[], dataset: RunDataset): Promise<EnqueuedTrainRuns> {
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

  /**
   * Waits until every `train-run` job of a request ended; meanwhile its
   * `trial` jobs that can no longer run a trial are cancelled as their
   * studies use their budgets (and the rest once the `train-run` jobs ended).
   * The statuses come in the order of the specs.
   */
  async wait(enqueued: EnqueuedTrainRuns): Promise<JobStatus<'train-run'>[]> {
    let ended = false;
    const watching = cancelLeftoverTrialJobs(this.queue, this.studies, enqueued.trials, () => ended);
    try {
      return await waitForJobs(this.queue, 'train-run', enqueued.trainRuns, { pollMs: 250 });
    } finally {
      ended = true;
      await watching;
    }
  }

  /** `count` trial jobs on the study of a `train-run` job; none for a model without a search space (see HoldOutRunner). */
  private trialJobsOf(train: TrainRunJob, trainRunJobId: string, count: number): TrialJob[] {
    const definition = this.registry.get(train.model);
    if (definition.kind !== 'neural') return [];
    const { requestId, experiment, dataPath, fingerprint, frequency, seasonLength, model, horizon, hyperparameters } = train;
    const trial: TrialJob = {
      requestId,
      experiment,
      study: studyNameOf(experiment, definition.name, horizon),
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

  private payloadOf(request: TrainRequest, spec: TrainRunSpec, dataset: RunDataset, requestedAt: string): TrainRunJob {
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
}
