import { inject, injectable } from 'inversify';
import { Logger } from '@tsforecast/config';
import { checkMinLength, evaluateForecasts } from '@tsforecast/data';
import { ModelRegistry, pickOverrides, type Forecast, type ForecastModel, type ModelDefinition } from '@tsforecast/model';
import { ModelStore } from '@tsforecast/artifact';
import { ProgressReporter, type ProgressTask } from '@tsforecast/logging';
import { RunRecorder, type RecordedRun } from '../recording/run-recorder';
import { forecastPredictions } from '../recording/forecast-predictions';
import { TuningService, type TuningOutcome } from '../tuning/tuning-service';
import type { HoldOutJob } from './hold-out-job';
import type { RunOutcome, TuningSummary } from './train-request';

/** A job's outcome, its hold-out forecast (when completed) and where it was recorded. */
export type HoldOutResult = RunOutcome & { forecast?: Forecast; experimentId: string; datasetId: string | null };

/** The parameters a run uses, and the search that chose them. */
interface ChosenParameters {
  overrides: Record<string, unknown>;
  parameters: Record<string, unknown>;
  tuned?: TuningOutcome;
  /** Tuning failed: the run is recorded as failed with this error. */
  tuningError?: unknown;
}

/** A fitted model's hold-out scores. */
interface Scored {
  model: ForecastModel;
  forecast: Forecast;
  metrics: Record<string, number>;
  fitSeconds: number;
}

/**
 * Runs one {@link HoldOutJob}: (tune →) start the run → fit → forecast the
 * hold-out and score it → write the model's files and complete the run
 * through the {@link RunRecorder} (model version, predictions with quantiles
 * and metrics in one transaction). A failure marks the run failed; it is
 * returned, never thrown, so the other jobs go on.
 */
@injectable()
export class HoldOutRunner {
  constructor(
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
    @inject(RunRecorder) private readonly recorder: RunRecorder,
    @inject(ModelStore) private readonly modelStore: ModelStore,
    @inject(ProgressReporter) private readonly progress: ProgressReporter,
    @inject(TuningService) private readonly tuning: TuningService,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  async run(job: HoldOutJob): Promise<HoldOutResult> {
    const definition = this.registry.get(job.model);
    const chosen = await this.chooseParameters(definition, job);
    const run = await this.recorder.start({
      ...(job.runId === undefined ? {} : { id: job.runId }),
      kind: 'train',
      experiment: job.experiment,
      model: definition.name,
      horizon: job.horizon,
      parameters: chosen.tuned ? { ...chosen.parameters, tuning: tuningRecord(chosen.tuned) } : chosen.parameters,
      dataset: job.dataset,
      ...(chosen.tuned ? { studyId: chosen.tuned.studyId } : {}),
    });
    const log = this.logger.child({ run: run.id, model: definition.name, h: job.horizon });
    const started = Date.now();
    const task = this.progress.start(`${definition.name} h=${job.horizon}`, 100);
    const tuning = chosen.tuned ? { tuning: tuningOf(chosen.tuned) } : {};
    const recorded = { experimentId: run.experimentId, datasetId: run.datasetId };
    try {
      if (chosen.tuningError !== undefined) throw chosen.tuningError;
      const scored = await this.fitAndScore(definition, job, chosen, task, log);
      const modelRef = await this.complete(run, definition.kind, job, scored, started);
      task.finish({ mae: scored.metrics['mae'] ?? Number.NaN });
      log.info('run completed', { ...scored.metrics, model: modelRef });
      const outcome = { runId: run.id, model: definition.name, horizon: job.horizon, status: 'completed' as const };
      return {
        ...outcome,
        metrics: scored.metrics,
        fitSeconds: scored.fitSeconds,
        modelRef,
        forecast: scored.forecast,
        ...tuning,
        ...recorded,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const fitSeconds = (Date.now() - started) / 1000;
      const base = { runId: run.id, model: definition.name, horizon: job.horizon, error: message, fitSeconds, ...tuning, ...recorded };
      if (job.signal?.aborted) {
        task.finish({ cancelled: 1 });
        await this.recorder.cancel(run, message);
        log.warn('run cancelled', { reason: message });
        return { ...base, status: 'cancelled' };
      }
      task.finish({ failed: 1 });
      await this.recorder.fail(run, error, Date.now() - started);
      log.error('run failed', { error: message });
      return { ...base, status: 'failed' };
    }
  }

  /** Defaults ⊕ tuned values (with `search`, neural models only) ⊕ the user's overrides, which win. */
  private async chooseParameters(definition: ModelDefinition, job: HoldOutJob): Promise<ChosenParameters> {
    const defaults = definition.defaults(job.horizon, job.split.train.seasonLength);
    const userOverrides = pickOverrides(defaults, job.overrides);
    let tuned: TuningOutcome | undefined;
    let tuningError: unknown;
    if (job.search && definition.kind === 'neural') {
      try {
        tuned = await this.tuning.tune(definition.name, job.horizon, job.split.train, job.search, {
          experiment: job.experiment,
          dataset: job.dataset,
          overrides: job.overrides,
          ...(job.job ? { job: job.job } : {}),
          ...(job.requestedAt ? { requestedAt: job.requestedAt } : {}),
          ...(job.signal ? { signal: job.signal } : {}),
          ...(job.threads === undefined ? {} : { threads: job.threads }),
        });
      } catch (error) {
        tuningError = error;
      }
    } else if (job.search) {
      this.logger.info(`no search space for a ${definition.kind} model; fitted once`, { model: definition.name, h: job.horizon });
    }
    const overrides = { ...pickOverrides(defaults, tuned?.bestParams ?? {}), ...userOverrides };
    return { overrides, parameters: { ...defaults, ...overrides }, tuned, tuningError };
  }

  private async fitAndScore(
    definition: ModelDefinition,
    job: HoldOutJob,
    chosen: ChosenParameters,
    task: ProgressTask,
    log: Logger,
  ): Promise<Scored> {
    const { train, test } = job.split;
    checkMinLength(
      train,
      definition.capabilities.minHistory(job.horizon, chosen.parameters),
      `model ${definition.name} with h=${job.horizon}`,
    );
    const started = Date.now();
    const model = definition.create(job.horizon, train.seasonLength, chosen.overrides);
    await model.fit(train, {
      logger: log,
      ...(job.signal ? { signal: job.signal } : {}),
      ...(job.threads === undefined ? {} : { threads: job.threads }),
      onProgress: (fraction, fields) => {
        task.update(Math.round(fraction * 100), fields);
        job.onProgress?.(fraction, fields as Record<string, number>);
      },
    });
    const fitSeconds = (Date.now() - started) / 1000;
    const forecast = await model.predict(train);
    const evaluation = evaluateForecasts(test, forecast, { train });
    for (const problem of evaluation.nonFinite.slice(0, 20)) log.warn(problem.text, { metric: problem.metric, series: problem.seriesId });
    return { model, forecast, metrics: { ...evaluation.panel, fit_seconds: fitSeconds }, fitSeconds };
  }

  /**
   * Writes the model's files, then completes the run with its registration,
   * predictions and metrics in one transaction; if that fails the files are
   * removed, so no model version or file outlives the failed run. Returns `name@version`.
   */
  private async complete(
    run: RecordedRun,
    kind: ModelDefinition['kind'],
    job: HoldOutJob,
    scored: Scored,
    started: number,
  ): Promise<string> {
    const { model, forecast, metrics } = scored;
    const exported = model.export ? await model.export() : undefined;
    const written = await this.modelStore.write(
      {
        model: model.name,
        kind,
        hyperparameters: { ...model.hyperparameters },
        h: model.h,
        inputSize: exported?.inputSize,
        scaler: exported?.scaler,
        quantiles: exported?.quantiles,
        opset: exported?.opset,
        frequency: job.split.train.frequency,
        seasonLength: job.split.train.seasonLength,
        trainingFingerprint: job.frameFingerprint,
        metrics,
        runId: run.id,
      },
      exported?.onnx,
      job.modelDir === undefined ? {} : { dir: job.modelDir },
    );
    try {
      const completed = await this.recorder.complete(run, {
        metrics,
        predictions: forecastPredictions(forecast),
        model: written.registration,
        durationMs: Date.now() - started,
      });
      return `${model.name}@${completed.model!.version}`;
    } catch (error) {
      await this.modelStore.discard(written);
      throw error;
    }
  }
}

/** What the refit run's parameters record about the search. */
function tuningRecord(tuned: TuningOutcome) {
  return {
    study: tuned.studyName,
    bestTrial: tuned.bestTrial,
    bestValMae: tuned.bestValue,
    finishedTrials: tuned.finishedTrials,
    bestParams: tuned.bestParams,
  };
}

function tuningOf({ studyId: _studyId, ...summary }: TuningOutcome): TuningSummary {
  return summary;
}
