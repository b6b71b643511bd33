import type { RunStatus } from '../entities/tracking/run';

/** The lease of a run: who executes it. `jobId` null for a run a process executes without the queue. */
export interface RunLease {
  runId: string;
  /** `host:pid` of the process that executes the run. */
  workerId: string;
  jobId?: string | null;
  jobKind?: string | null;
  /** 1 for the first attempt of the job, 2 for its first retry, ... */
  attempt?: number | null;
}

/** A run's latest progress as its worker saw it, stored with the beat. */
export interface RunBeatProgress {
  /** 0..1 */
  fraction?: number;
  stepsPerSecond?: number;
}

/** What a run's lease says about it now (for job status views). */
export interface RunLeaseView {
  runId: string;
  jobId: string | null;
  attempt: number | null;
  workerId: string;
  /** When the attempt took the lease (its run started about then). */
  startedAt: Date;
  beatAt: Date;
  /** 0..1; null before the first progress report. */
  progress: number | null;
  stepsPerSecond: number | null;
  /** The run's status; null while the attempt has not started its run yet. */
  runStatus: RunStatus | null;
}

/** A `running` run the reaper marked `failed` because its process is gone. */
export interface LostRun {
  runId: string;
  jobId: string | null;
  jobKind: string | null;
  attempt: number | null;
  workerId: string | null;
  /** The error message stored on the run. */
  reason: string;
}

/** The lease of one job attempt as the reaper sees it. */
export interface AttemptLease {
  runId: string;
  workerId: string;
  /** Whether its last beat is older than the limit asked for. */
  stale: boolean;
  /** The run's status; null when the attempt never got as far as starting its run. */
  runStatus: RunStatus | null;
}

/** How long silence means a lost process, in milliseconds. */
export interface LostRunLimits {
  /** A leased run whose last beat is older than this has lost its worker (e.g. 30 000: six missed 5 s beats). */
  staleAfterMs: number;
  /**
   * A run without any lease (left by a version before heartbeats, or killed
   * between starting its run and its first beat) not updated for this long.
   */
  unleasedAfterMs: number;
}

/**
 * Heartbeats of running runs, and the reaper's writes: no run stays `running`
 * once the process executing it is gone. Times are the database server's
 * (`now()`), so workers on many machines agree on what is stale.
 *
 * @example
 * await leases.open({ runId, workerId: 'host:123', jobId, jobKind: 'train-run', attempt: 1 });
 * setInterval(() => leases.beat([runId]), 5000);
 * const lost = await leases.failLostRuns({ staleAfterMs: 30_000, unleasedAfterMs: 6 * 3600_000 });
 */
export const RunLeaseStore = Symbol('RunLeaseStore');
export interface RunLeaseStore {
  /** Writes (or takes over) the lease of a run, beating now. */
  open(lease: RunLease): Promise<void>;
  /** Marks the processes of these runs alive now; with `progress`, stores each run's latest progress too. */
  beat(runIds: readonly string[], progress?: ReadonlyMap<string, RunBeatProgress>): Promise<void>;
  /** The leases of these queue jobs' attempts (every attempt), oldest first. */
  leasesOfJobs(jobIds: readonly string[]): Promise<RunLeaseView[]>;
  /** The id of a `completed` run of any attempt of this job, or null: a retried job whose run already completed. */
  completedRunOfJob(jobId: string): Promise<string | null>;
  /** The lease of a job's attempt, or null when that attempt never got one. */
  attemptLease(jobId: string, attempt: number, staleAfterMs: number): Promise<AttemptLease | null>;
  /** Marks `failed` ("worker lost: ...") every running run whose process fell silent; returns them. */
  failLostRuns(limits: LostRunLimits): Promise<LostRun[]>;
  /** Ends the run as `failed` or `cancelled` with `reason` if it is still running; false when it was not. */
  endRunIfRunning(runId: string, status: 'failed' | 'cancelled', reason: string): Promise<boolean>;
}
