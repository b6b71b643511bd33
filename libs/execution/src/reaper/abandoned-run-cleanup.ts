import type { JobKind, JobPayloads } from '../queue/job-kinds';

/** A run that ended `failed` because the process executing it died, and the job it was an attempt of. */
export interface AbandonedRun {
  readonly runId: string;
  /** The job's kind and payload (where its files went); null for a run executed without the queue. */
  readonly job: { readonly kind: JobKind; readonly payload: JobPayloads[JobKind] } | null;
}

/**
 * Removes what an attempt left behind when its process died before its run
 * ended: a model folder written just before the run would have completed, a
 * half-written staging folder. Multi-bound (the artifact layer binds the
 * model files' one); the reaper calls every binding for each run it fails as
 * lost, and a worker for each attempt whose process crashed. Such a run can
 * never complete later (a run completes only from `running`), so nothing it
 * wrote can belong to a model version.
 *
 * @example
 * const cleanup: AbandonedRunCleanup = { name: 'model files', cleanUp: ({ runId }) => rm(join(dir, runId), { recursive: true, force: true }) };
 */
export const AbandonedRunCleanup = Symbol('AbandonedRunCleanup');
export interface AbandonedRunCleanup {
  /** For the log line when it fails. */
  readonly name: string;
  cleanUp(run: AbandonedRun): Promise<void>;
}
