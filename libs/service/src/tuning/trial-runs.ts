import { inject, injectable } from 'inversify';
import type { Logger } from '@tsforecast/config';
import { TrackingStore, type Run } from '@tsforecast/db';
import type { Study, Trial } from '@tsforecast/hyperparameter';
import { RunRecorder, type RecordedRun, type RunStart } from '../recording/run-recorder';
import { TrialLiveness } from './abandoned-trials';

/** A trial's run while its trial runs in this process. */
export interface OpenTrialRun {
  run: RecordedRun;
  started: number;
}

/** More open trial runs than one experiment ever has at once (a page of `listRuns`). */
const openTrialRunsLimit = 10_000;

/**
 * The runs of kind `trial`, recorded through the {@link RunRecorder}: each
 * opened with the link to its trial, closed with the outcome the study
 * stored, and those a stopped process left open closed from their trials.
 */
@injectable()
export class TrialRuns {
  constructor(
    @inject(RunRecorder) private readonly recorder: RunRecorder,
    @inject(TrackingStore) private readonly tracking: TrackingStore,
    @inject(TrialLiveness) private readonly liveness: TrialLiveness,
  ) {}

  /** Starts the run of `trial` (the recorder links the two). */
  async start(trial: Trial<unknown>, start: Omit<RunStart, 'kind' | 'trialId'>): Promise<OpenTrialRun> {
    const run = await this.recorder.start({ ...start, kind: 'trial', trialId: trial.id });
    return { run, started: Date.now() };
  }

  /** Closes a trial's run with the outcome the study has just stored (`cancelled` when the tuning was cancelled). */
  async close(
    open: OpenTrialRun,
    trial: Trial<unknown>,
    outcome: { result: number | 'pruned' | 'failed'; error: unknown; aborted: boolean },
    log: Logger,
  ): Promise<void> {
    const { result, error } = outcome;
    const durationMs = Date.now() - open.started;
    if (typeof result === 'number') {
      await this.recorder.complete(open.run, { metrics: { val_mae: result }, durationMs });
      log.info('trial complete', { trial: trial.number, valMae: result, params: trial.params });
    } else if (result === 'pruned') {
      await this.recorder.cancel(open.run, error instanceof Error ? error.message : String(error));
      log.info('trial pruned', { trial: trial.number });
    } else if (outcome.aborted) {
      await this.recorder.cancel(open.run, `trial ${trial.number} cancelled: ${error instanceof Error ? error.message : String(error)}`);
    } else {
      await this.recorder.fail(open.run, error, durationMs);
    }
  }

  /**
   * Fails the study's running trials whose process is gone (see
   * {@link TrialLiveness.failAbandoned}) and closes the trial runs such
   * processes left open.
   */
  async settleAbandoned(study: Study<unknown>, of: { experiment: string; model: string }, log: Logger): Promise<void> {
    const failed = await this.liveness.failAbandoned(study);
    if (failed.length > 0)
      // The wording Study.load's failStaleTrials logs (scripts and the kill test grep it).
      log.warn(
        `study '${study.name}': their processes are gone; marked ${failed.length} stale running trial(s) as failed: ${failed.join(', ')}`,
        { trials: failed },
      );
    await this.closeOrphaned(study, of);
  }

  /**
   * Trial runs a stopped process left `running` whose trials are no longer
   * running: closed as their trials ended (the trial holds the link to its
   * run). A trial whose job attempt still beats closes its own run.
   */
  async closeOrphaned(study: Study<unknown>, of: { experiment: string; model: string }): Promise<void> {
    const ended = (await study.trials()).filter((trial) => trial.runId !== null && trial.state !== 'running');
    if (ended.length === 0) return;
    // One query for the runs still open, not one per trial: this runs before each trial job's trials and on every wait poll.
    const open = await this.tracking.listRuns({
      experiment: of.experiment,
      kind: 'trial',
      model: of.model,
      status: 'running',
      limit: openTrialRunsLimit,
    });
    const openById = new Map(open.map((run) => [run.id, run]));
    for (const trial of ended) {
      const run = openById.get(trial.runId!);
      if (run === undefined || (await this.liveness.ownerAlive(trial))) continue;
      // The process stopped after storing the trial but before closing its run: close it from the trial.
      const recorded = recordedRunOf(run, of.experiment);
      if (trial.state === 'complete' && trial.value !== null) await this.recorder.complete(recorded, { metrics: { val_mae: trial.value } });
      else if (trial.state === 'pruned')
        await this.recorder.cancel(recorded, `trial ${trial.number} was pruned; its process stopped before closing the run`);
      else await this.recorder.fail(recorded, `trial ${trial.number} was left running by a process that stopped; marked ${trial.state}`);
    }
  }
}

/** A stored run as the recorder's handle (to close a run another process started). */
function recordedRunOf(run: Run, experiment: string): RecordedRun {
  return {
    id: run.id,
    kind: 'trial',
    experiment,
    experimentId: run.experimentId,
    datasetId: run.datasetId,
    model: run.modelName,
    horizon: run.horizon,
    parameters: run.parameters,
    startedAt: run.startedAt,
  };
}
