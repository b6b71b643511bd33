import type { Logger } from '@tsforecast/config';
import type { LostRun, LostRunLimits, RunLeaseStore } from '@tsforecast/db';
import { jobKinds, type JobKind } from '../queue/job-kinds';
import type { JobQueue } from '../queue/job-queue';

/** Default silence before a run counts as lost: six missed 5 s heartbeats; six hours for runs without any lease. */
export const defaultLostRunLimits: LostRunLimits = { staleAfterMs: 30_000, unleasedAfterMs: 6 * 3600_000 };

/**
 * Makes sure no run stays `running` after its process is gone: marks such runs
 * `failed` ("worker lost: ...") and fails the job attempt they belonged to, so
 * pg-boss retries the job now (with backoff) instead of when it expires.
 * Workers run it at start and on a timer; any process may run it (it is
 * idempotent, and runs and jobs change only from `running`/`active`).
 *
 * @example
 * const lost = await new RunReaper(leases, queue, logger).reap();
 */
export class RunReaper {
  constructor(
    private readonly leases: RunLeaseStore,
    private readonly queue: JobQueue,
    private readonly logger: Logger,
    private readonly limits: LostRunLimits = defaultLostRunLimits,
  ) {}

  async reap(): Promise<LostRun[]> {
    const lost = await this.leases.failLostRuns(this.limits);
    for (const run of lost) {
      this.logger.warn('run failed: worker lost', { run: run.runId, job: run.jobId, worker: run.workerId });
      if (run.jobId !== null && isJobKind(run.jobKind)) await this.failAttempt(run.jobKind, run.jobId, run);
    }
    return lost;
  }

  /** Fails the job only while the lost run's attempt is the job's current one (a later attempt may be running). */
  private async failAttempt(kind: JobKind, jobId: string, run: LostRun): Promise<void> {
    const [status] = await this.queue.status(kind, [jobId]);
    if (status?.state === 'active' && status.attempts === run.attempt) await this.queue.fail(kind, jobId, run.reason);
  }
}

function isJobKind(kind: string | null): kind is JobKind {
  return (jobKinds as readonly (string | null)[]).includes(kind);
}
