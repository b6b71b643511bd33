import { inject, injectable } from 'inversify';
import { Logger, UsageError } from '@tsforecast/config';
import { evaluateForecasts, holdOut, type SeriesFrame } from '@tsforecast/data';
import { ModelRegistry, pickOverrides, type ModelDefinition } from '@tsforecast/model';
import { TrackingStore, type Run } from '@tsforecast/db';
import { PrunerFactory, SamplerFactory, Study, StudyStorage, TrialPruned, type Trial } from '@tsforecast/hyperparameter';
import type { SearchRequest, TuningSummary } from '../training/train-request';
import { RunRecorder, type RecordedRun, type RunDataset } from '../recording/run-recorder';

/** Where a tuning's trials are recorded. */
export interface TuningContext {
  experiment: string;
  /** The data the trials read. */
  dataset?: RunDataset;
  /** The user's overrides (`--max-steps`, …); they win over sampled values. */
  overrides: Record<string, unknown>;
}

/** The outcome of tuning one model × horizon. */
export interface TuningOutcome extends TuningSummary {
  studyId: string;
}

type Space = Record<string, unknown>;

/**
 * Tunes one neural model for one horizon on the training part: the last `h`
 * points of each series are split off again as validation; each trial fits
 * defaults ⊕ sampled config ⊕ user overrides on the rest (with `valSize = h`,
 * so the trainer validates and the pruner sees each validation loss) and
 * scores the validation MAE of the forecast of the split-off points. The study
 * `${experiment}/${model}/h${h}` lives in the database: running it again
 * continues it (trials a killed process left running are failed) up to
 * `trials` finished trials. Each trial is a run of kind `trial`, recorded
 * through the {@link RunRecorder}, which links the trial to it.
 */
@injectable()
export class TuningService {
  constructor(
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
    @inject(RunRecorder) private readonly recorder: RunRecorder,
    @inject(TrackingStore) private readonly tracking: TrackingStore,
    @inject(StudyStorage) private readonly storage: StudyStorage,
    @inject(SamplerFactory) private readonly samplers: SamplerFactory,
    @inject(PrunerFactory) private readonly pruners: PrunerFactory,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  async tune(modelName: string, h: number, train: SeriesFrame, search: SearchRequest, context: TuningContext): Promise<TuningOutcome> {
    const definition = this.registry.get(modelName);
    // Parameters the user fixed (`--max-steps`, `--input-size`, …) are not searched.
    const space = Object.fromEntries(
      Object.entries(this.registry.searchSpace(definition.name, h)).filter(([key]) => context.overrides[key] === undefined),
    );
    const studyName = `${context.experiment}/${definition.name}/h${h}`;
    const log = this.logger.child({ study: studyName });
    const study = await this.openStudy(studyName, space, search, log);
    await this.closeOrphanedTrialRuns(study, context.experiment);
    const finished = async () => (await study.trials()).filter((t) => t.state === 'complete' || t.state === 'pruned').length;
    const already = await finished();
    const remaining = Math.max(search.trials - already, 0);
    if (already > 0) log.info('continuing study', { finished: already, requested: search.trials, toRun: remaining });
    const split = holdOut(train, h);
    const before = (await study.trials()).length;
    if (remaining > 0) {
      // A trial's run is closed only after the study has stored the trial, so a
      // process killed in between leaves a run that resuming can close from the trial.
      const runs = new Map<number, { run: RecordedRun; started: number }>();
      await study.optimize((trial) => this.evaluate(trial, definition, h, split, study, context, runs), {
        nTrials: remaining,
        timeoutSeconds: search.timeoutSeconds,
        catchErrors: true,
        afterTell: (trial, result, error) => this.closeTrialRun(trial, result, error, runs, log),
      });
    }
    const best = await study.bestTrial();
    if (!best) throw new UsageError(`study '${studyName}': no trial completed (see the failed trial runs); nothing to refit`);
    const outcome: TuningOutcome = {
      studyId: study.record.id,
      studyName,
      bestParams: best.params as Record<string, unknown>,
      bestTrial: best.number,
      bestValue: best.value,
      newTrials: (await study.trials()).length - before,
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
   * Trial runs a killed process left `running` whose trials are no longer
   * running: closed as their trials ended (the trial holds the link to its run).
   */
  private async closeOrphanedTrialRuns(study: Study<Space>, experiment: string): Promise<void> {
    for (const trial of await study.trials()) {
      if (trial.runId === null || trial.state === 'running') continue;
      const { run } = await this.tracking.getRun(trial.runId);
      if (run.status !== 'running') continue;
      // The process stopped after storing the trial but before closing its run: close it from the trial.
      const recorded = recordedRunOf(run, experiment);
      if (trial.state === 'complete' && trial.value !== null) await this.recorder.complete(recorded, { metrics: { val_mae: trial.value } });
      else if (trial.state === 'pruned')
        await this.recorder.cancel(recorded, `trial ${trial.number} was pruned; its process stopped before closing the run`);
      else await this.recorder.fail(recorded, `trial ${trial.number} was left running by a process that stopped; marked ${trial.state}`);
    }
  }

  private async openStudy(name: string, space: Space, search: SearchRequest, log: Logger): Promise<Study<Space>> {
    const pruner = this.pruners(search.pruner);
    if (await this.storage.findStudy(name)) {
      const stored = await Study.load<Space>(name, { storage: this.storage, space, pruner, logger: log, failStaleTrials: true });
      if (stored.sampler.config.kind === search.sampler) return stored;
      log.warn(`study '${name}' was created with the ${stored.sampler.config.kind} sampler; continuing with ${search.sampler}`);
      return Study.load<Space>(name, {
        storage: this.storage,
        space,
        pruner,
        logger: log,
        sampler: this.samplers(search.sampler, samplerOptions(search)),
      });
    }
    return Study.createOrLoad<Space>({
      name,
      space,
      storage: this.storage,
      sampler: this.samplers(search.sampler, samplerOptions(search)),
      pruner,
      logger: log,
      failStaleTrials: true,
    });
  }

  private async evaluate(
    trial: Trial<Space>,
    definition: ModelDefinition,
    h: number,
    split: { train: SeriesFrame; test: SeriesFrame },
    study: Study<Space>,
    context: TuningContext,
    runs: Map<number, { run: RecordedRun; started: number }>,
  ): Promise<number> {
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
    const run = await this.recorder.start({
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

  /** Closes a trial's run with the outcome the study has just stored. */
  private async closeTrialRun(
    trial: Trial<Space>,
    result: number | 'pruned' | 'failed',
    error: unknown,
    runs: Map<number, { run: RecordedRun; started: number }>,
    log: Logger,
  ): Promise<void> {
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
