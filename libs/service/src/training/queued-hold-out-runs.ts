import { inject, injectable } from 'inversify';
import { LocalWorkers } from '@tsforecast/execution';
import { ProgressReporter, type ProgressTask } from '@tsforecast/logging';
import type { RunDataset } from '../recording/run-recorder';
import type { HoldOutResult } from './hold-out-runner';
import type { TrainRequest } from './train-request';
import { TrainRunJobs, type TrainRunSpec } from './train-run-jobs';
import { TrainRunOutcomes } from './train-run-outcomes';

/**
 * A training request's model × horizon runs as `train-run` queue jobs: enqueued
 * in one insert, run by local workers in child processes for the length of
 * the request (unless `localWorkers: false`: then `cli worker`s elsewhere run
 * them and this only waits), and read back as {@link HoldOutResult}s in the
 * order of `specs`. Progress bars follow the jobs' progress and stop when
 * they all ended.
 */
@injectable()
export class QueuedHoldOutRuns {
  constructor(
    @inject(TrainRunJobs) private readonly jobs: TrainRunJobs,
    @inject(TrainRunOutcomes) private readonly outcomes: TrainRunOutcomes,
    @inject(LocalWorkers) private readonly workers: LocalWorkers,
    @inject(ProgressReporter) private readonly progress: ProgressReporter,
  ) {}

  /**
   * Enqueues the request's jobs without waiting for them (see
   * {@link TrainRunJobs.enqueue}); returns the `train-run` job ids, in the
   * order of `specs`.
   */
  async enqueue(request: TrainRequest, specs: readonly TrainRunSpec[], dataset: RunDataset): Promise<string[]> {
    return (await this.jobs.enqueue(request, specs, dataset)).trainRuns;
  }

  async run(request: TrainRequest, specs: readonly TrainRunSpec[], dataset: RunDataset): Promise<HoldOutResult[]> {
    const enqueued = await this.jobs.enqueue(request, specs, dataset);
    const tasks = new Map<string, ProgressTask>();
    const wait = () => this.jobs.wait(enqueued);
    const ended =
      request.localWorkers === false
        ? await wait()
        : await this.workers.runUntil(wait, {
            // Trial jobs too: a search's trials run on the other slots (no progress bar of their own).
            kinds: ['train-run', 'trial'],
            // On a terminal this process draws the progress bars, so the job processes
            // log warnings only; otherwise they log at the configured level (trial
            // lines of a search come from them).
            env: process.stderr.isTTY ? { LOG_LEVEL: 'warn' } : {},
            listener: {
              jobStarted: (job) => {
                if (job.kind === 'train-run')
                  tasks.set(job.id, this.progress.start(`${job.payload.model as string} h=${String(job.payload.horizon)}`, 100));
              },
              jobProgress: (job, _runId, update) => tasks.get(job.id)?.update(Math.round((update.fraction ?? 0) * 100), numeric(update)),
              jobEnded: (job, _runId, outcome, error) =>
                tasks.get(job.id)?.finish(outcome?.status === 'completed' ? {} : { failed: error ?? outcome?.error ?? 1 }),
            },
          });
    const results = await Promise.all(ended.map((status, i) => this.outcomes.of(status, specs[i]!)));
    // Every job ended: the bars are done (the caller prints the leaderboard next).
    this.progress.stop();
    return results;
  }
}

function numeric(update: Record<string, number | undefined>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(update).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[0] !== 'fraction'),
  );
}
