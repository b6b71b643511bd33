import { inject, injectable } from 'inversify';
import { Logger, UsageError } from '@tsforecast/config';
import { evaluateForecasts, holdOut, type SeriesFrame } from '@tsforecast/data';
import { ModelRegistry, pickOverrides, type ModelDefinition } from '@tsforecast/model';
import { TrialPruned, type Study, type Trial } from '@tsforecast/hyperparameter';
import type { SearchRequest, TuningSummary } from '../training/train-request';
import type { RunDataset } from '../recording/run-recorder';
import type { TrialOwner } from './abandoned-trials';
import { StudyFactory, studyNameOf } from './study-factory';
import { TrialRuns, type OpenTrialRun } from './trial-runs';

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
  runs: Map<number, OpenTrialRun>;
  /** The id the next trial's run is recorded under (a trial job's leased run id). */
  trialRunId?: string;
}

/** How often a tuning that used its budget looks whether the trials other processes run have ended (its refit waits on it). */
const waitPollMs = 250;
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
 * (trials whose process is gone are failed, see `TrialLiveness.failAbandoned`). Each
 * trial is a run of kind `trial`, recorded through the {@link RunRecorder},
 * which links the trial to it.
 */
@injectable()
export class TuningService {
  constructor(
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
    @inject(StudyFactory) private readonly studies: StudyFactory,
    @inject(TrialRuns) private readonly trialRuns: TrialRuns,
    @inject(Logger) private readonly logger: Logger,
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
        await this.trialRuns.closeOrphaned(tuning.study, trialRunsOf(tuning));
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
    const studyName = studyNameOf(context.experiment, definition.name, h);
    const log = this.logger.child({ study: studyName });
    const study = await this.studies.open(studyName, space, search, { ...(context.job ? { owner: context.job } : {}), logger: log });
    const tuning: Tuning = { study, definition, h, split: holdOut(train, h), search, context, log, runs: new Map() };
    await this.failAbandoned(tuning);
    return tuning;
  }

  private async failAbandoned(tuning: Tuning): Promise<void> {
    await this.trialRuns.settleAbandoned(tuning.study, trialRunsOf(tuning), tuning.log);
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
    const open = await this.trialRuns.start(trial, {
      ...(runId === undefined ? {} : { id: runId }),
      experiment: context.experiment,
      model: definition.name,
      horizon: h,
      parameters: { ...defaults, ...overrides },
      ...(context.dataset ? { dataset: context.dataset } : {}),
    });
    runs.set(trial.number, open);
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
    const open = tuning.runs.get(trial.number);
    if (!open) return; // the trial failed before its run was started
    tuning.runs.delete(trial.number);
    const aborted = tuning.context.signal?.aborted === true;
    await this.trialRuns.close(open, trial, { result, error, aborted }, tuning.log);
  }
}

/** Whose trial runs a tuning closes: its experiment's runs of its model. */
function trialRunsOf({ context, definition }: Tuning): { experiment: string; model: string } {
  return { experiment: context.experiment, model: definition.name };
}
