import { inject, injectable } from 'inversify';
import { Settings } from '@tsforecast/config';
import type { Study } from '@tsforecast/hyperparameter';
import { RunLeaseStore, TrackingStore } from '@tsforecast/db';

/** A stored trial as `Study.trials()` lists it. */
type TrialRecord = Awaited<ReturnType<Study<unknown>['trials']>>[number];

/** The queue job attempt that runs a trial: its lease (beaten by the worker) says whether the trial's process lives. */
export interface TrialOwner {
  readonly jobId: string;
  readonly attempt: number;
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
 * Whether a trial's process lives: its job attempt's lease (beaten by the
 * worker), stale after `WORKER_LOST_AFTER_MS` of silence as the run reaper
 * counts, and its run's status.
 */
@injectable()
export class TrialLiveness {
  constructor(
    @inject(RunLeaseStore) private readonly leases: RunLeaseStore,
    @inject(TrackingStore) private readonly tracking: TrackingStore,
    @inject(Settings) private readonly settings: Pick<Settings, 'WORKER_LOST_AFTER_MS'>,
  ) {}

  /**
   * Marks `failed` the running trials of a study whose process is gone, so that
   * nobody waits on them and their slot of the budget frees: a trial whose run
   * was ended (the reaper failed it, its job process crashed), one whose job
   * attempt's lease went stale or never existed, and one asked for outside the
   * queue (no lease to tell; that process is taken as stopped, as a resumed study
   * always did). Returns the numbers of the trials it failed.
   */
  async failAbandoned<S>(study: Study<S>): Promise<number[]> {
    const failed: number[] = [];
    for (const trial of await study.trials()) {
      if (trial.state !== 'running' || (await this.alive(trial))) continue;
      try {
        await study.tell(trial, 'failed');
        failed.push(trial.number);
      } catch {
        // Told meanwhile by its own process (or by another process failing it): nothing to do.
      }
    }
    return failed;
  }

  /** Whether the job attempt that asked for the trial still beats (false for a trial asked for outside the queue). */
  async ownerAlive(trial: Pick<TrialRecord, 'workerId'>): Promise<boolean> {
    const owner = trialOwnerOf(trial.workerId);
    if (owner === undefined) return false;
    const lease = await this.leases.attemptLease(owner.jobId, owner.attempt, this.settings.WORKER_LOST_AFTER_MS);
    return lease !== null && !lease.stale;
  }

  private async alive(trial: TrialRecord): Promise<boolean> {
    if (trial.runId !== null) {
      const { run } = await this.tracking.getRun(trial.runId);
      if (run.status !== 'running') return false;
    }
    return this.ownerAlive(trial);
  }
}
