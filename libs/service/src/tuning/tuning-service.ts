import { inject, injectable } from 'inversify';
import { Logger, Settings, UsageError } from '@tsforecast/config';
import { evaluateForecasts, holdOut, type SeriesFrame } from '@tsforecast/data';
import { ModelRegistry, pickOverrides, type ModelDefinition } from '@tsforecast/model';
import { RunLeaseStore, TrackingStore, type Run } from '@tsforecast/db';
import { PrunerFactory, SamplerFactory, Study, StudyStorage, TrialPruned, type Trial } from '@tsforecast/hyperparameter';
import type { SearchRequest, TuningSummary } from '../training/train-request';
import { RunRecorder, type RecordedRun, type RunDataset } from '../recording/run-recorder';
import { failAbandonedTrials, ownerAlive, trialWorkerId, type TrialLiveness, type TrialOwner } from './abandoned-trials';

/** Where a tuning's trials are recorded, and who runs them. */
export interface TuningContext {
  experiment: string;
  /** The data the trials read. */
  dataset?: RunDataset;
  /** The user's overrides (`--max-steps`, …); they win over sampled values. */
  overrides: Record<string, unknown>;
  /** The queue job attempt tuning: recorded on its trials, whose liveness is then the attempt's lease. */
  job?: TrialOwner;
  /** When the request was enqueued: its trials are those started since (`newTrials`; a trial job's timeout). */
  requestedAt?: Date;
  /** Stops the running trial at its next step; no trial starts after it aborted. */
  signal?: AbortSignal;
  /** CPU threads a trial's fit may use. */
  threads?: number;
}

/** The outcome of tuning one model × horizon. */
export interface TuningOutcome extends TuningSummary {
  studyId: string;
}

/** A trial that ran: its number and result (the validation MAE when it completed). */
export interface TrialResult {
  trial: number;
  result: number | 'pruned' | 'failed';
}

/** What {@link TuningService.runTrial} did: ran one trial, or none (the budget was used, the timeout passed). */
export type TrialRun = TrialResult | { skipped: 'budget used' | 'timeout' };

/** What {@link TuningService.runTrialsInTurn} did: the trials it ran, and why it stopped. */
export interface TrialsInTurn {
  ran: TrialResult[];
  stopped: 'budget used' | 'timeout' | 'max trials' | 'aborted' | 'told to stop' | 'trial failed';
}

type Space = Record<string, unknown>;

/** One tuning in this process: the study, the model and data, and the runs of the trials in flight here. */
interface Tuning {
  study: Study<Space>;
  definition: ModelDefinition;
  h: number;
  split: { train: SeriesFrame; test: SeriesFrame };
  search: SearchRequest;
  context: TuningContext;
  log: Logger;
  /** A trial's run is closed only after the study stored the trial (see `closeTrialRun`). */
  runs: Map<number, { run: RecordedRun; started: number }>;
  /** The id the next trial's run is recorded under (a trial job's leased run id). */
  trialRunId?: string;
}

/** How often a tuning that used its budget looks whether the trials other processes run have ended (its refit waits on it). */
const waitPollMs = 250;
/** More open trial runs than one experiment ever has at once (a page of `listRuns`). */
const openTrialRunsLimit = 10_000;
/** The longest it waits for them: a trial job's expiry (`jobKindPolicies.trial`); the rest are failed then. */
const waitLimitMs = 2 * 3600_000;

/**
 * Tunes one neural model for one horizon on the training part: the last `h`
 * points of each series are split off again as validation; each trial fits
 * defaults ⊕ sampled config ⊕ user overrides on the rest (with `valSize = h`,
 * so the trainer validates and the pruner sees each validation loss) and
 * scores the validation MAE of the forecast of the split-off points. The study
 * `${experiment}/${model}/h${h}` lives in the database and is shared: a
 * `train-run` job runs trials through {@link tune} while `trial` jobs on other
 * workers run them in turn through {@link runTrialsInTurn}; the budget (`trials` trials
 * that did not fail, running ones included) is checked under the study's lock,
 * so together they never run more. Running it again continues the study
 * (trials whose process is gone are failed, see `failAbandonedTrials`). Each
 * trial is a run of kind `trial`, recorded through the {@link RunRecorder},
 * which links the trial to it.
 */
@injectable()
export class TuningService {
  constructor(
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
    @inject(RunRecorder) private readonly recorder: RunRecorder,
    @inject(TrackingStore) private readonly tracking: TrackingStore,
    @inject(RunLeaseStore) private readonly leases: RunLeaseStore,
    @inject(StudyStorage) private readonly storage: StudyStorage,
    @inject(SamplerFactory) private readonly samplers: SamplerFactory,
    @inject(PrunerFactory) private readonly pruners: PrunerFactory,
    @inject(Logger) private readonly logger: Logger,
    @inject(Settings) private readonly settings: Settings,
  ) {}

  /**
   * Runs trials until the study has `search.trials` finished ones (or the
   * timeout passed), waits for the trials other processes still run, and
   * returns the best.
   */
  async tune(modelName: string, h: number, train: SeriesFrame, search: SearchRequest, context: TuningContext): Promise<TuningOutcome> {
    const tuning = await this.open(modelName, h, train, search, context);
    const { study, log } = tuning;
    const finished = async () => (await study.trials()).filter((t) => t.state === 'complete' || t.state === 'pruned').length;
    const already = await finished();
    const remaining = Math.max(search.trials - already, 0);
    if (already > 0) log.info('continuing study', { finished: already, requested: search.trials, toRun: remaining });
    const before = (await study.trials()).length;
    await this.runUntilBudgetUsed(tuning, remaining);
    const best = await study.bestTrial();
    if (!best) throw new UsageError(`study '${study.name}': no trial completed (see the failed trial runs); nothing to refit`);
    const trials = await study.trials();
    const requestedAt = context.requestedAt;
    const outcome: TuningOutcome = {
      studyId: study.record.id,
      studyName: study.name,
      bestParams: best.params as Record<string, unknown>,
      bestTrial: best.number,
      bestValue: best.value,
      newTrials: requestedAt ? trials.filter((t) => t.startedAt >= requestedAt).length : trials.length - before,
      finishedTrials: await finished(),
    };
    log.info('study finished', {
      bestTrial: outcome.bestTrial,
      bestValMae: outcome.bestValue,
      newTrials: outcome.newTrials,
      finished: outcome.finishedTrials,
    });
    return outcome;
  }

  /**
   * Runs one trial of the study if it still has budget: the same trial as
   * {@link tune} runs, its run recorded under `runId` when given. With a
   * timeout and `requestedAt`, no trial starts once `timeoutSeconds` passed
   * since the request's first trial started.
   */
  async runTrial(
    modelName: string,
    h: number,
    train: SeriesFrame,
    search: SearchRequest,
    context: TuningContext & { runId?: string },
  ): Promise<TrialRun> {
    const { ran, stopped } = await this.runTrialsInTurn(modelName, h, train, search, { ...context, maxTrials: 1 });
    return ran[0] ?? { skipped: stopped === 'timeout' ? 'timeout' : 'budget used' };
  }

  /**
   * Runs trials of the study one after the other while it has budget (a
   * `trial` job): each the trial {@link tune} runs, the first recorded under
   * `runId` when given. It stops when the budget is used, the timeout passed
   * (counted as in {@link runTrial}), `maxTrials` ran, the signal aborted,
   * `keepGoing` says no (asked before each trial after the first) or a trial
   * failed (failed trials free their budget: a config that always fails would
   * loop). The study is opened once: a trial costs its ask, run and fit, not a
   * job's hand-off, data and study each.
   */
  async runTrialsInTurn(
    modelName: string,
    h: number,
    train: SeriesFrame,
    search: SearchRequest,
    context: TuningContext & { runId?: string; maxTrials?: number; keepGoing?: () => Promise<boolean> },
  ): Promise<TrialsInTurn> {
    const tuning = await this.open(modelName, h, train, search, context);
    if (context.runId !== undefined) tuning.trialRunId = context.runId;
    const ran: TrialResult[] = [];
    for (;;) {
      if (ran.length >= (context.maxTrials ?? Infinity)) return { ran, stopped: 'max trials' };
      if (context.signal?.aborted) return { ran, stopped: 'aborted' };
      if (ran.length > 0 && context.keepGoing && !(await context.keepGoing())) return { ran, stopped: 'told to stop' };
      if (await this.timedOut(tuning)) return { ran, stopped: 'timeout' };
      const [trial] = await this.runTrials(tuning, 1);
      if (trial === undefined) return { ran, stopped: 'budget used' };
      ran.push(trial);
      if (trial.result === 'failed') return { ran, stopped: 'trial failed' };
    }
  }

  /**
   * Runs up to `attempts` trials within the study's budget and waits for the
   * trials other processes run; when some of those failed (their process was
   * gone), their budget is free again and it runs more, as long as attempts,
   * time and the sampler last.
   */
  /** What tells a trial's process alive: its job attempt's lease, stale after `WORKER_LOST_AFTER_MS` as the reaper counts. */
  private liveness(): TrialLiveness {
    return { leases: this.leases, tracking: this.tracking, staleAfterMs: this.settings.WORKER_LOST_AFTER_MS };
  }

  private async runUntilBudgetUsed(tuning: Tuning, attempts: number): Promise<void> {
    const { search, study, context } = tuning;
    const deadline = search.timeoutSeconds === undefined ? Infinity : Date.now() + search.timeoutSeconds * 1000;
    const stopped = () => context.signal?.aborted === true || Date.now() >= deadline;
    let idle = 0;
    for (;;) {
      const seconds = deadline === Infinity ? undefined : Math.max((deadline - Date.now()) / 1000, 0.001);
      const ran = attempts > 0 && !stopped() ? await this.runTrials(tuning, attempts, seconds) : [];
      attempts -= ran.length;
      idle = ran.length === 0 ? idle + 1 : 0;
      await this.waitForOtherTrials(tuning);
      const used = (await study.trials()).filter((t) => t.state !== 'failed').length;
      if (attempts <= 0 || idle >= 2 || stopped() || used >= search.trials) return;
    }
  }

  /** Runs up to `nTrials` trials within the study's budget; their numbers and results. */
  private async runTrials(tuning: Tuning, nTrials: number, timeoutSeconds?: number): Promise<TrialResult[]> {
    const ran: TrialResult[] = [];
    await tuning.study.optimize((trial) => this.evaluate(trial, tuning), {
      nTrials,
      budget: tuning.search.trials,
      ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
      ...(tuning.context.signal ? { signal: tuning.context.signal } : {}),
      catchErrors: true,
      afterTell: async (trial, result, error) => {
        ran.push({ trial: trial.number, result });
        await this.closeTrialRun(trial, result, error, tuning);
      },
    });
    return ran;
  }

  /** Whether the request's timeout passed, counted from the first trial it started (a trial job cannot know when its tuning began). */
  private async timedOut({ study, search, context }: Tuning): Promise<boolean> {
    if (search.timeoutSeconds === undefined || context.requestedAt === undefined) return false;
    const since = context.requestedAt;
    const first = (await study.trials())
      .filter((t) => t.startedAt >= since)
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())[0];
    return first !== undefined && Date.now() >= first.startedAt.getTime() + search.timeoutSeconds * 1000;
  }

  /**
   * Waits until no trial of the study runs: trials `trial` jobs run on other
   * workers end on their own; those whose process is gone are failed on the
   * way; after {@link waitLimitMs} the rest are failed too.
   */
  private async waitForOtherTrials(tuning: Tuning): Promise<void> {
    const limit = Date.now() + waitLimitMs;
    let waiting = false;
    for (;;) {
      await this.failAbandoned(tuning);
      const running = (await tuning.study.trials()).filter((t) => t.state === 'running');
      if (running.length === 0 || tuning.context.signal?.aborted) return;
      if (Date.now() >= limit) {
        for (const trial of running) await tuning.study.tell(trial, 'failed').catch(() => undefined);
        tuning.log.warn(`study '${tuning.study.name}': trials still running after ${waitLimitMs / 1000} s marked failed`, {
          trials: running.map((t) => t.number),
        });
        await this.closeOrphanedTrialRuns(tuning);
        return;
      }
      if (!waiting) tuning.log.info('waiting for trials other workers run', { trials: running.map((t) => t.number) });
      waiting = true;
      await new Promise((resolve) => setTimeout(resolve, waitPollMs));
    }
  }

  /** Opens (or creates) the study of the model × horizon, failing trials whose process is gone and closing their runs. */
  private async open(modelName: string, h: number, train: SeriesFrame, search: SearchRequest, context: TuningContext): Promise<Tuning> {
    const definition = this.registry.get(modelName);
    // Parameters the user fixed (`--max-steps`, `--input-size`, …) are not searched.
    const space = Object.fromEntries(
      Object.entries(this.registry.searchSpace(definition.name, h)).filter(([key]) => context.overrides[key] === undefined),
    );
    const studyName = `${context.experiment}/${definition.name}/h${h}`;
    const log = this.logger.child({ study: studyName });
    const study = await this.openStudy(studyName, space, search, context, log);
    const tuning: Tuning = { study, definition, h, split: holdOut(train, h), search, context, log, runs: new Map() };
    await this.failAbandoned(tuning);
    return tuning;
  }

  private async failAbandoned(tuning: Tuning): Promise<void> {
    const failed = await failAbandonedTrials(tuning.study, this.liveness());
    if (failed.length > 0)
      // The wording Study.load's failStaleTrials logs (scripts and the kill test grep it).
      tuning.log.warn(
        `study '${tuning.study.name}': their processes are gone; marked ${failed.length} stale running trial(s) as failed: ${failed.join(', ')}`,
        { trials: failed },
      );
    await this.closeOrphanedTrialRuns(tuning);
  }

  /**
   * Trial runs a stopped process left `running` whose trials are no longer
   * running: closed as their trials ended (the trial holds the link to its
   * run). A trial whose job attempt still beats closes its own run.
   */
  private async closeOrphanedTrialRuns({ study, context, definition }: Tuning): Promise<void> {
    const ended = (await study.trials()).filter((trial) => trial.runId !== null && trial.state !== 'running');
    if (ended.length === 0) return;
    // One query for the runs still open, not one per trial: this runs before each trial job's trials and on every wait poll.
    const open = await this.tracking.listRuns({
      experiment: context.experiment,
      kind: 'trial',
      model: definition.name,
      status: 'running',
      limit: openTrialRunsLimit,
    });
    const openById = new Map(open.map((run) => [run.id, run]));
    for (const trial of ended) {
      const run = openById.get(trial.runId!);
      if (run === undefined || (await ownerAlive(trial, this.liveness()))) continue;
      // The process stopped after storing the trial but before closing its run: close it from the trial.
      const recorded = recordedRunOf(run, context.experiment);
      if (trial.state === 'complete' && trial.value !== null) await this.recorder.complete(recorded, { metrics: { val_mae: trial.value } });
      else if (trial.state === 'pruned')
        await this.recorder.cancel(recorded, `trial ${trial.number} was pruned; its process stopped before closing the run`);
      else await this.recorder.fail(recorded, `trial ${trial.number} was left running by a process that stopped; marked ${trial.state}`);
    }
  }

  private async openStudy(name: string, space: Space, search: SearchRequest, context: TuningContext, log: Logger): Promise<Study<Space>> {
    const pruner = this.pruners(search.pruner);
    const workerId = context.job ? { workerId: trialWorkerId(context.job) } : {};
    if (await this.storage.findStudy(name)) {
      const stored = await Study.load<Space>(name, { storage: this.storage, space, pruner, logger: log, ...workerId });
      if (stored.sampler.config.kind === search.sampler) return stored;
      log.warn(`study '${name}' was created with the ${stored.sampler.config.kind} sampler; continuing with ${search.sampler}`);
      return Study.load<Space>(name, {
        storage: this.storage,
        space,
        pruner,
        logger: log,
        sampler: this.samplers(search.sampler, samplerOptions(search)),
        ...workerId,
      });
    }
    return Study.createOrLoad<Space>({
      name,
      space,
      storage: this.storage,
      sampler: this.samplers(search.sampler, samplerOptions(search)),
      pruner,
      logger: log,
      ...workerId,
    });
  }

  private async evaluate(trial: Trial<Space>, tuning: Tuning): Promise<number> {
    const { definition, h, split, study, context, runs } = tuning;
    const defaults = definition.defaults(h, split.train.seasonLength) as Record<string, unknown>;
    const hyperparameters = { ...defaults, ...pickOverrides(defaults, trial.params), ...pickOverrides(defaults, context.overrides) };
    const maxSteps = Number(hyperparameters['maxSteps']);
    // Validate often enough that short trials report something to the pruner.
    const valCheckSteps =
      context.overrides['valCheckSteps'] ?? Math.min(Number(defaults['valCheckSteps']), Math.max(1, Math.floor(maxSteps / 10)));
    const overrides = {
      ...pickOverrides(defaults, trial.params),
      ...pickOverrides(defaults, context.overrides),
      valSize: h,
      valCheckSteps,
    };
    const runId = tuning.trialRunId;
    tuning.trialRunId = undefined; // one run per id
    const run = await this.recorder.start({
      ...(runId === undefined ? {} : { id: runId }),
      kind: 'trial',
      experiment: context.experiment,
      model: definition.name,
      horizon: h,
      parameters: { ...defaults, ...overrides },
      trialId: trial.id,
      ...(context.dataset ? { dataset: context.dataset } : {}),
    });
    runs.set(trial.number, { run, started: Date.now() });
    const model = definition.create(h, split.train.seasonLength, overrides);
    try {
      await model.fit(split.train, {
        logger: this.logger.child({ study: study.name, trial: trial.number }),
        ...(context.signal ? { signal: context.signal } : {}),
        ...(context.threads === undefined ? {} : { threads: context.threads }),
        onValidation: async (step, valLoss) => {
          await trial.report(step, valLoss);
          if (await trial.shouldPrune()) throw new TrialPruned(trial.number);
        },
      });
      const forecast = await model.predict(split.train);
      const mae = evaluateForecasts(split.test, forecast, { train: split.train }).panel['mae'] ?? Number.NaN;
      if (Number.isNaN(mae)) throw new Error(`trial ${trial.number}: validation MAE is NaN`);
      return mae;
    } finally {
      await (model as { dispose?: () => Promise<void> }).dispose?.();
    }
  }

  /** Closes a trial's run with the outcome the study has just stored (`cancelled` when the tuning was cancelled). */
  private async closeTrialRun(trial: Trial<Space>, result: number | 'pruned' | 'failed', error: unknown, tuning: Tuning): Promise<void> {
    const { runs, log } = tuning;
    const number = trial.number;
    const entry = runs.get(number);
    if (!entry) return; // the trial failed before its run was started
    runs.delete(number);
    const durationMs = Date.now() - entry.started;
    if (typeof result === 'number') {
      await this.recorder.complete(entry.run, { metrics: { val_mae: result }, durationMs });
      log.info('trial complete', { trial: number, valMae: result, params: trial.params });
    } else if (result === 'pruned') {
      await this.recorder.cancel(entry.run, error instanceof Error ? error.message : String(error));
      log.info('trial pruned', { trial: number });
    } else if (tuning.context.signal?.aborted) {
      await this.recorder.cancel(entry.run, `trial ${number} cancelled: ${error instanceof Error ? error.message : String(error)}`);
    } else {
      await this.recorder.fail(entry.run, error, durationMs);
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

function samplerOptions(search: SearchRequest): Record<string, unknown> {
  return {
    ...(search.seed === undefined ? {} : { seed: search.seed }),
    // The grid needs finite axes: the learning rate gets 3 points.
    ...(search.sampler === 'grid' ? { pointsPerFloat: 3 } : {}),
  };
}
