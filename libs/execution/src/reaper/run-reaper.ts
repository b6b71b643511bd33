import type { Logger } from '@tsforecast/config';
import type { LostRun, LostRunLimits, RunLeaseStore } from '@tsforecast/db';
import { jobKinds, type JobKind } from '../queue/job-kinds';
import type { ActiveJob, JobQueue } from '../queue/job-queue';
import type { AbandonedRun, AbandonedRunCleanup } from './abandoned-run-cleanup';

/** Default silence before a run counts as lost: six missed 5 s heartbeats; six hours for runs without any lease. */
export const defaultLostRunLimits: LostRunLimits = { staleAfterMs: 30_000, unleasedAfterMs: 6 * 3600_000 };

/** What one pass of the reaper did. */
export interface ReapReport {
  /** Runs marked `failed` (worker lost). */
  lostRuns: LostRun[];
  /** Active jobs whose worker is gone, ended so they retry now (or completed, when their run had completed). */
  releasedJobs: { kind: JobKind; id: string; attempt: number; action: 'retried' | 'completed' }[];
}

/**
 * Makes sure no run stays `running` and no job stays `active` after the
 * process working on it is gone. Runs: marks `failed` ("worker lost: ...")
 * every running run whose lease went stale (or, without a lease, that has
 * not changed for hours: left by an earlier version). Jobs: an active job
 * whose current attempt's lease went stale — or that never got a lease —
 * is failed, so pg-boss retries it now (with backoff) instead of when it
 * expires; one whose run had already completed is completed. What a lost run
 * left behind (a model folder written just before its process died) goes to
 * the {@link AbandonedRunCleanup}s. Workers run it at
 * start and on a timer; any process may (it only changes `running` runs and
 * `active` jobs, so two reapers at once do no harm).
 *
 * @example
 * const { lostRuns } = await new RunReaper(leases, queue, logger).reap();
 */
export class RunReaper {
  constructor(
    private readonly leases: RunLeaseStore,
    private readonly queue: JobQueue,
    private readonly logger: Logger,
    private readonly limits: LostRunLimits = defaultLostRunLimits,
    private readonly cleanups: readonly AbandonedRunCleanup[] = [],
  ) {}

  async reap(): Promise<ReapReport> {
    const lostRuns = await this.leases.failLostRuns(this.limits);
    for (const run of lostRuns) {
      this.logger.warn('run failed: worker lost', { run: run.runId, job: run.jobId, worker: run.workerId });
      await this.cleanUpAfter(run.runId, await this.jobOf(run.jobKind, run.jobId));
    }
    const releasedJobs: ReapReport['releasedJobs'] = [];
    for (const kind of jobKinds) {
      for (const job of await this.queue.active(kind)) {
        const action = await this.release(kind, job);
        if (action !== undefined) releasedJobs.push({ kind, id: job.id, attempt: job.attempt, action });
      }
    }
    return { lostRuns, releasedJobs };
  }

  /**
   * Hands a run that was failed because its process died (by the reaper, or by
   * its worker when the job process crashed) to every cleanup; a cleanup that
   * throws is logged, never thrown.
   */
  async cleanUpAfter(runId: string, job: AbandonedRun['job']): Promise<void> {
    for (const cleanup of this.cleanups) {
      try {
        await cleanup.cleanUp({ runId, job });
      } catch (error) {
        this.logger.warn('cleanup after a lost run failed', {
          run: runId,
          cleanup: cleanup.name,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  private async jobOf(kind: string | null, id: string | null): Promise<AbandonedRun['job']> {
    if (kind === null || id === null || !(jobKinds as readonly string[]).includes(kind)) return null;
    const [status] = await this.queue.status(kind as JobKind, [id]);
    return status ? { kind: status.kind, payload: status.payload } : null;
  }

  /** Ends an active job whose worker is gone; undefined when its worker is alive. */
  private async release(kind: JobKind, job: ActiveJob): Promise<'retried' | 'completed' | undefined> {
    const lease = await this.leases.attemptLease(job.id, job.attempt, this.limits.staleAfterMs);
    if (lease === null) {
      // Claimed, but its worker died before writing the lease (a few milliseconds' window).
      if (job.activeForMs < this.limits.staleAfterMs) return undefined;
      await this.queue.fail(
        kind,
        job.id,
        `worker lost: attempt ${job.attempt} was claimed ${Math.round(job.activeForMs / 1000)} s ago and never started`,
      );
      return 'retried';
    }
    if (!lease.stale) return undefined;
    if (lease.runStatus === 'completed') {
      await this.queue.complete(kind, job.id, { runId: lease.runId, status: 'completed', reused: true });
      return 'completed';
    }
    this.logger.warn('job attempt lost with its worker; retrying', { job: job.id, attempt: job.attempt, worker: lease.workerId });
    await this.queue.fail(kind, job.id, `worker lost: no heartbeat from ${lease.workerId} (attempt ${job.attempt}, run ${lease.runId})`);
    return 'retried';
  }
}
