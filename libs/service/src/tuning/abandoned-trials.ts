import type { Study } from '@tsforecast/hyperparameter';
import type { RunLeaseStore, TrackingStore } from '@tsforecast/db';

/** A stored trial as `Study.trials()` lists it. */
type TrialRecord = Awaited<ReturnType<Study<unknown>['trials']>>[number];

/** The queue job attempt that runs a trial: its lease (beaten by the worker) says whether the trial's process lives. */
export interface TrialOwner {
  readonly jobId: string;
  readonly attempt: number;
}

/** The stores a liveness check reads, and the silence after which an attempt's lease is stale (`WORKER_LOST_AFTER_MS`, as the run reaper counts). */
export interface TrialLiveness {
  readonly leases: RunLeaseStore;
  readonly tracking: TrackingStore;
  readonly staleAfterMs: number;
}

/** The worker id a study records on the trials of a job attempt: `job:<id>:<attempt>`. */
export function trialWorkerId(owner: TrialOwner): string {
  return `job:${owner.jobId}:${owner.attempt}`;
}

/** The job attempt a trial's worker id names; undefined for a trial a process outside the queue asked for. */
export function trialOwnerOf(workerId: string | null): TrialOwner | undefined {
  const match = /^job:(.+):(\d+)$/.exec(workerId ?? '');
  return match ? { jobId: match[1]!, attempt: Number(match[2]) } : undefined;
}

/**
 * Marks `failed` the running trials of a study whose process is gone, so that
 * nobody waits on them and their slot of the budget frees: a trial whose run
 * was ended (the reaper failed it, its job process crashed), one whose job
 * attempt's lease went stale or never existed, and one asked for outside the
 * queue (no lease to tell; that process is taken as stopped, as a resumed study
 * always did). Returns the numbers of the trials it failed.
 */
export async function failAbandonedTrials<S>(study: Study<S>, stores: TrialLiveness): Promise<number[]> {
  const failed: number[] = [];
  for (const trial of await study.trials()) {
    if (trial.state !== 'running' || (await isAlive(trial, stores))) continue;
    try {
      await study.tell(trial, 'failed');
      failed.push(trial.number);
    } catch {
      // Told meanwhile by its own process (or by another process failing it): nothing to do.
    }
  }
  return failed;
}

async function isAlive(trial: TrialRecord, stores: TrialLiveness): Promise<boolean> {
  if (trial.runId !== null) {
    const { run } = await stores.tracking.getRun(trial.runId);
    if (run.status !== 'running') return false;
  }
  return ownerAlive(trial, stores);
}

/** Whether the job attempt that asked for the trial still beats (false for a trial asked for outside the queue). */
export async function ownerAlive(
  trial: Pick<TrialRecord, 'workerId'>,
  { leases, staleAfterMs }: Pick<TrialLiveness, 'leases' | 'staleAfterMs'>,
): Promise<boolean> {
  const owner = trialOwnerOf(trial.workerId);
  if (owner === undefined) return false;
  const lease = await leases.attemptLease(owner.jobId, owner.attempt, staleAfterMs);
  return lease !== null && !lease.stale;
}
