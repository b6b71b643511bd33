import type { RunLeaseView } from '@tsforecast/db';
import type { JobStatus } from '@tsforecast/execution';
import { jobStateOf, progressOf, runOf, type QueuedRunFacts } from './training-job-state';

const now = new Date('2026-01-01T00:10:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

function facts(
  state: JobStatus['state'] | null,
  options: { output?: object; lease?: Partial<RunLeaseView>; endedAt?: Date } = {},
): QueuedRunFacts {
  const status =
    state === null
      ? null
      : ({
          id: 'job',
          kind: 'train-run',
          state,
          payload: { model: 'MLP', horizon: 6 },
          attempts: state === 'created' ? 0 : 1,
          output: options.output ?? null,
          createdAt: minutesAgo(10),
          endedAt: options.endedAt ?? null,
        } as unknown as JobStatus<'train-run'>);
  const lease: RunLeaseView | undefined =
    options.lease === undefined
      ? undefined
      : {
          runId: 'run',
          jobId: 'job',
          attempt: 1,
          workerId: 'w',
          startedAt: minutesAgo(4),
          beatAt: now,
          progress: null,
          stepsPerSecond: null,
          runStatus: 'running',
          ...options.lease,
        };
  return { jobId: 'job', model: 'MLP', horizon: 6, status, leases: lease === undefined ? [] : [lease] };
}

describe('training job state from queue jobs and heartbeats', () => {
  it('maps each queue state (and how the run ended) to a run status', () => {
    expect(runOf(facts('created'), now)).toMatchObject({ status: 'queued', runId: null, etaSeconds: null });
    expect(runOf(facts('retry'), now).status).toBe('queued');
    expect(runOf(facts('active', { lease: {} }), now)).toMatchObject({ status: 'running', runId: 'run' });
    const completed = runOf(facts('completed', { output: { runId: 'r1', status: 'completed', metrics: { mae: 1 }, model: 'MLP@2' } }), now);
    expect(completed).toMatchObject({
      status: 'completed',
      runId: 'r1',
      metrics: { mae: 1 },
      modelRef: 'MLP@2',
      progress: 1,
      etaSeconds: 0,
    });
    expect(runOf(facts('completed', { output: { runId: 'r1', status: 'failed', error: 'diverged' } }), now)).toMatchObject({
      status: 'failed',
      error: 'diverged',
      metrics: null,
    });
    expect(runOf(facts('failed', { output: { message: 'worker lost' } }), now)).toMatchObject({ status: 'failed', error: 'worker lost' });
    expect(runOf(facts(null), now)).toMatchObject({ status: 'failed', error: 'the queue job no longer exists' });
  });

  it('reads a cancelled job as running until its fit has stopped', () => {
    expect(runOf(facts('cancelled', { lease: { runStatus: 'running' } }), now).status).toBe('running');
    expect(runOf(facts('cancelled', { lease: { runStatus: 'cancelled' } }), now).status).toBe('cancelled');
    expect(runOf(facts('cancelled'), now).status).toBe('cancelled');
  });

  it('estimates a running run from its pace: 4 minutes for a quarter is 12 minutes left', () => {
    const run = runOf(facts('active', { lease: { progress: 0.25, stepsPerSecond: 12.5 } }), now);
    expect(run).toMatchObject({ progress: 0.25, stepsPerSecond: 12.5, etaSeconds: 720 });
    expect(runOf(facts('active', { lease: { progress: 0 } }), now).etaSeconds).toBeNull();
  });

  it('derives the job state: queued, running (also while some wait after others ended), then cancelled > failed > completed', () => {
    const run = (status: string) => ({ status }) as ReturnType<typeof runOf>;
    expect(jobStateOf([run('queued'), run('queued')], false)).toBe('queued');
    expect(jobStateOf([run('completed'), run('queued')], false)).toBe('running');
    expect(jobStateOf([run('running'), run('failed')], true)).toBe('running');
    expect(jobStateOf([run('completed'), run('failed')], false)).toBe('failed');
    expect(jobStateOf([run('completed'), run('failed')], true)).toBe('cancelled');
    expect(jobStateOf([run('completed'), run('cancelled')], false)).toBe('cancelled');
    expect(jobStateOf([run('completed'), run('completed')], false)).toBe('completed');
  });

  it('adds the waiting runs at the mean duration of the ended ones to the longest running estimate', () => {
    const all = [
      facts('completed', {
        output: { status: 'completed' },
        lease: { startedAt: minutesAgo(9), runStatus: 'completed' },
        endedAt: minutesAgo(7),
      }),
      facts('active', { lease: { progress: 0.5, stepsPerSecond: 10, startedAt: minutesAgo(1) } }),
      facts('created'),
      facts('created'),
    ];
    const progress = progressOf(
      all.map((f) => runOf(f, now)),
      all,
    );
    // 60 s left of the running one + 2 waiting × 120 s / 1 running.
    expect(progress).toEqual({ runsDone: 1, runsTotal: 4, current: ['MLP h=6'], stepsPerSecond: 10, etaSeconds: 300 });
    const unknown = [facts('created'), facts('active', { lease: {} })];
    expect(
      progressOf(
        unknown.map((f) => runOf(f, now)),
        unknown,
      ).etaSeconds,
    ).toBeNull();
  });
});
