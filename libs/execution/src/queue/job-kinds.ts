/** JSON, as a job payload or output stores it. */
export type JobJson = string | number | boolean | null | JobJson[] | { [key: string]: JobJson };

/**
 * What every job kind fits: one model × horizon on the request's data file,
 * which any worker that sees the same file (shared storage) can read.
 */
export interface ModelFitJob {
  /** Groups the jobs of one request (the enqueuer waits on them and writes the report). */
  requestId: string;
  experiment: string;
  /** The long-format CSV, an absolute path every worker can read. */
  dataPath: string;
  /** sha256 of the file's bytes when the request read it; a worker reading other bytes fails the job. */
  fingerprint: string;
  frequency?: string;
  seasonLength?: number;
  model: string;
  horizon: number;
  /** The request's fixed hyperparameter overrides: the model's defaults fill the rest, a trial's sampled values the search space. */
  hyperparameters: { [key: string]: JobJson };
}

/** One model × horizon of a training request (`cli train`), trained by any worker that sees the data file and the model directory. */
export interface TrainRunJob extends ModelFitJob {
  /** Where the trained model's files go (MODEL_DIR of the request, shared storage). */
  modelDir: string;
  /** A tuning search to run before the final fit (the request also enqueues `trial` jobs on the same study). */
  search?: { [key: string]: JobJson };
  /** ISO time the request was enqueued: its study's trials are those started since. */
  requestedAt?: string;
}

/**
 * One trial of a hyperparameter study, if the study still has budget: the
 * study's sampler picks the parameters when the trial starts. A request with a
 * search enqueues `trials - 1` of them next to the `train-run` job that runs
 * trials itself, waits for these, and refits the best.
 */
export interface TrialJob extends ModelFitJob {
  /** Study name (the study and its sampler state live in the database). */
  study: string;
  /** The `train-run` job of the same model × horizon: a trial job whose request was cancelled starts no trial. */
  trainRunJobId: string;
  /** The search (sampler, pruner, seed, `trials` budget, timeout), as the `train-run` job's `search`. */
  search: { [key: string]: JobJson };
  /** ISO time the request was enqueued (the timeout counts from the first trial started since). */
  requestedAt: string;
}

/** The payload of each job kind: adding a kind is one entry here and one in {@link jobKindPolicies}. */
export interface JobPayloads {
  'train-run': TrainRunJob;
  trial: TrialJob;
}

export type JobKind = keyof JobPayloads;

/** Retry and expiry of a kind's jobs (pg-boss queue options). */
export interface JobKindPolicy {
  /** Retries after the first attempt: a job that crashes `retryLimit + 1` times ends `failed` with its last error. */
  readonly retryLimit: number;
  /** Seconds before the first retry; doubled (with jitter) per retry when `retryBackoff`. */
  readonly retryDelaySeconds: number;
  readonly retryBackoff: boolean;
  /**
   * An active job not completed within this time is failed by pg-boss (and
   * retried). A lost worker is found much sooner by the run reaper (missed
   * heartbeats); this bounds a job whose worker is alive but stuck.
   */
  readonly expireInSeconds: number;
  /**
   * In which order the jobs of one enqueue are claimed: as given, or longest
   * first by `estimatedFitCost` (so that with several slots the last job to
   * start is a short one, not a long one running alone while the other slots idle).
   */
  readonly claimOrder: 'as given' | 'longest first';
}

/** Policies by kind; a missing kind is a compile error. */
export const jobKindPolicies: { readonly [K in JobKind]: JobKindPolicy } = {
  'train-run': { retryLimit: 2, retryDelaySeconds: 2, retryBackoff: true, expireInSeconds: 6 * 3600, claimOrder: 'longest first' },
  trial: { retryLimit: 2, retryDelaySeconds: 2, retryBackoff: true, expireInSeconds: 2 * 3600, claimOrder: 'as given' },
};

/** Every job kind, in a stable order. */
export const jobKinds = Object.keys(jobKindPolicies) as JobKind[];
