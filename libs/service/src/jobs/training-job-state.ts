import type { RunLeaseView } from '@tsforecast/db';
import type { JobStatus } from '@tsforecast/execution';
import type { TrainingJobRun, TrainingJobState, TrainingJobView } from './training-job-request';

/** One queue job with the leases of its attempts (oldest first). */
export interface QueuedRunFacts {
  jobId: string;
  model: string;
  horizon: number;
  status: JobStatus<'train-run'> | null;
  leases: readonly RunLeaseView[];
}

/**
 * A run's status from its queue job: waiting is `queued`, `active` is
 * `running` (so is a cancelled one until its run has stopped), a completed
 * job carries how its run ended (a failed or cancelled run is an outcome, not a
 * queue failure), a job whose attempts all crashed is `failed`.
 */
export function runOf(facts: QueuedRunFacts, now: Date): TrainingJobRun {
  const { status } = facts;
  const lease = facts.leases[facts.leases.length - 1];
  const output = status?.output ?? {};
  // A cancelled job whose fit has not stopped yet (it stops at its next step, within a heartbeat) still runs.
  const stopping = status?.state === 'cancelled' && lease?.runStatus === 'running';
  const runStatus = stopping ? 'running' : statusOf(status);
  const outputRunId = typeof output['runId'] === 'string' ? output['runId'] : null;
  const error =
    runStatus === 'failed' || runStatus === 'cancelled'
      ? String(output['error'] ?? output['message'] ?? (status === null ? 'the queue job no longer exists' : `job ${status.state}`))
      : null;
  const running = runStatus === 'running' && lease !== undefined;
  return {
    jobId: facts.jobId,
    model: facts.model,
    horizon: facts.horizon,
    status: runStatus,
    runId: outputRunId ?? lease?.runId ?? null,
    attempts: status?.attempts ?? 0,
    error,
    metrics: runStatus === 'completed' && isNumberRecord(output['metrics']) ? output['metrics'] : null,
    modelRef: typeof output['model'] === 'string' ? output['model'] : null,
    progress: runStatus === 'completed' ? 1 : running ? lease.progress : null,
    stepsPerSecond: running ? lease.stepsPerSecond : null,
    etaSeconds: running ? etaOf(lease, now) : runStatus === 'queued' ? null : 0,
  };
}

function statusOf(status: JobStatus<'train-run'> | null): TrainingJobState {
  if (status === null) return 'failed';
  switch (status.state) {
    case 'created':
    case 'retry':
      return 'queued';
    case 'active':
      return 'running';
    case 'cancelled':
      return 'cancelled';
    case 'failed':
      return 'failed';
    case 'completed': {
      const outcome = status.output?.['status'];
      return outcome === 'failed' || outcome === 'cancelled' ? outcome : 'completed';
    }
  }
}

/** Seconds left at the pace so far: elapsed × (1 − f) / f; null before any progress. */
function etaOf(lease: RunLeaseView, now: Date): number | null {
  const fraction = lease.progress;
  if (fraction === null || fraction <= 0) return null;
  const elapsed = (now.getTime() - lease.startedAt.getTime()) / 1000;
  return Math.max(0, Math.round((elapsed * (1 - Math.min(fraction, 1))) / fraction));
}

/**
 * The job's state from its runs: `running` while any runs (or some ended and
 * some wait), `queued` while none started, and once all ended `cancelled` if
 * it was cancelled (or a run was), `failed` if any run failed, else `completed`.
 */
export function jobStateOf(runs: readonly TrainingJobRun[], cancelled: boolean): TrainingJobState {
  const count = (state: TrainingJobState) => runs.filter((run) => run.status === state).length;
  if (count('running') > 0) return 'running';
  if (count('queued') > 0) return count('queued') === runs.length ? 'queued' : 'running';
  if (cancelled || count('cancelled') > 0) return 'cancelled';
  return count('failed') > 0 ? 'failed' : 'completed';
}

/**
 * Progress over the runs: done / total, what runs now, and an ETA: the longest
 * running run's estimate plus the waiting runs at the mean duration of the
 * ended ones, shared by the runs running now (unknown until one has ended or
 * reported progress).
 */
export function progressOf(runs: readonly TrainingJobRun[], facts: readonly QueuedRunFacts[]): TrainingJobView['progress'] {
  const running = runs.filter((run) => run.status === 'running');
  const queued = runs.filter((run) => run.status === 'queued').length;
  const runsDone = runs.filter((run) => run.status !== 'running' && run.status !== 'queued').length;
  const speeds = running.map((run) => run.stepsPerSecond).filter((value): value is number => value !== null);
  const durations = facts.flatMap(({ status, leases }) => {
    const started = leases[leases.length - 1]?.startedAt;
    return status?.state === 'completed' && status.endedAt !== null && started
      ? [(status.endedAt.getTime() - started.getTime()) / 1000]
      : [];
  });
  const runningEtas = running.map((run) => run.etaSeconds);
  let etaSeconds: number | null = null;
  if (runsDone === runs.length) etaSeconds = 0;
  else if (!runningEtas.includes(null) && (queued === 0 || durations.length > 0)) {
    const mean = durations.length === 0 ? 0 : durations.reduce((a, b) => a + b, 0) / durations.length;
    etaSeconds = Math.round(Math.max(0, ...(runningEtas as number[])) + (queued * mean) / Math.max(1, running.length));
  }
  return {
    runsDone,
    runsTotal: runs.length,
    current: running.map((run) => `${run.model} h=${String(run.horizon)}`),
    stepsPerSecond: speeds.length === 0 ? null : speeds.reduce((a, b) => a + b, 0),
    etaSeconds,
  };
}

function isNumberRecord(value: unknown): value is Record<string, number> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'number');
}
