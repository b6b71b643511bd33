import { inject, injectable, multiInject, optional } from 'inversify';
import { Logger, UsageError, type Settings, SettingsToken } from '@tsforecast/config';
import {
  SeriesReader,
  checkMinLength,
  evaluateForecasts,
  fingerprintFrame,
  formatTimestamp,
  holdOut,
  METRIC_NAMES,
  type SeriesFrame,
} from '@tsforecast/data';
import { ModelRegistry, pickOverrides, type Forecast, type ForecastModel, type ModelDefinition } from '@tsforecast/model';
import { TrackingStore, type JsonObject } from '@tsforecast/db';
import { ModelStore, writeRunReport, type LeaderboardRow, type PredictionRow } from '@tsforecast/artifact';
import { ProgressReporter, RunSink, type FinishedRun } from '@tsforecast/logging';
import { LocalExecutor } from '@tsforecast/execution';
import type { RunOutcome, TrainRequest, TrainResult, TuningSummary } from './train-request';

import { rankLeaderboard } from './rank-leaderboard';
import { requireExperimentName } from '../validation/experiment-name';
import { checkInputSize } from '../validation/input-size-check';
import { pathInside, prepareWritableDirectory } from '../validation/writable-directory';
import { TuningService, type TuningOutcome } from '../tuning/tuning-service';

interface RunSpec {
  model: string;
  horizon: number;
}

/**
 * The main job: for each model × horizon, fit on the training part, forecast
 * the hold-out (the last `h` points of every series), score it, and record the
 * run, its metrics, predictions and model in the database; then rank a
 * leaderboard per horizon and write the output folder. A failing model marks
 * its run failed with the error; the others go on.
 */
@injectable()
export class TrainingService {
  constructor(
    @inject(SeriesReader) private readonly reader: SeriesReader,
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
    @inject(TrackingStore) private readonly tracking: TrackingStore,
    @inject(ModelStore) private readonly modelStore: ModelStore,
    @inject(ProgressReporter) private readonly progress: ProgressReporter,
    @inject(LocalExecutor) private readonly executor: LocalExecutor,
    @inject(Logger) private readonly logger: Logger,
    @inject(SettingsToken) private readonly settings: Settings,
    @inject(TuningService) private readonly tuning: TuningService,
    @multiInject(RunSink) @optional() private readonly sinks: RunSink[] = [],
  ) {}

  async train(request: TrainRequest): Promise<TrainResult> {
    const outputDir = await this.validate(request);
    const { frame, report } = await this.reader.read(request.data, { frequency: request.frequency, seasonLength: request.seasonLength });
    for (const warning of report.warnings) this.logger.warn(warning.message, { file: warning.file, line: warning.line, code: warning.code });
    this.checkOverrides(request, frame);
    this.logger.info('dataset loaded', { file: request.data, series: frame.series.length, rows: report.rows, frequency: frame.frequency, seasonLength: frame.seasonLength });

    const experiment = await this.tracking.ensureExperiment(request.experiment);
    const fingerprint = fingerprintFrame(frame);
    const dataset = await this.tracking.registerDataset({
      name: request.data.split(/[\\/]/).pop() ?? request.data,
      path: request.data,
      // The sha256 of exactly the bytes parsed: the file as read, not as it may be now.
      fingerprint: report.fingerprint.sha256,
      rowCount: report.rows,
      seriesCount: frame.series.length,
      frequency: `${frame.frequency.step}${frame.frequency.unit}`,
      seasonLength: frame.seasonLength,
    });

    const specs: RunSpec[] = request.horizons.flatMap((horizon) => request.models.map((model) => ({ model, horizon })));
    const splits = new Map(request.horizons.map((h) => [h, holdOut(frame, h)] as const));
    const predictions: PredictionRow[] = [];
    const outcomes = await this.executor.runAll(specs, this.settings.MAX_PARALLEL_RUNS, (spec) =>
      this.runOne(spec, splits.get(spec.horizon)!, { experimentId: experiment.id, datasetId: dataset.id, fingerprint, request, predictions }),
    );
    this.progress.stop();

    const leaderboard: LeaderboardRow[] = [];
    const best: TrainResult['best'] = [];
    const rankBy = request.rankBy ?? 'mae';
    for (const horizon of request.horizons) {
      const ranked = rankLeaderboard(outcomes.filter((o) => o.horizon === horizon), rankBy);
      if (ranked.length === 0) continue;
      await this.tracking.saveLeaderboard(
        experiment.id,
        horizon,
        ranked.map((r) => ({ modelName: r.model, runId: r.runId, rank: r.rank, metrics: r.metrics })),
      );
      for (const r of ranked) leaderboard.push({ horizon, model: r.model, runId: r.runId, rank: r.rank, fitSeconds: r.fitSeconds, ...metricColumns(r.metrics) });
      best.push({ horizon, model: ranked[0]!.model, runId: ranked[0]!.runId, score: ranked[0]!.metrics[rankBy] ?? Number.NaN });
    }

    const summary = {
      experiment: request.experiment,
      experimentId: experiment.id,
      dataset: { path: request.data, fingerprint: report.fingerprint.sha256, series: frame.series.length, rows: report.rows, frequency: frame.frequency, seasonLength: frame.seasonLength },
      rankBy,
      best,
      runs: outcomes,
    };
    const outputs = await writeRunReport(outputDir, { leaderboard, predictions, summary });
    return { experiment: request.experiment, experimentId: experiment.id, datasetId: dataset.id, outcomes, outputs, best };
  }

  /**
   * Every check that needs no data, before anything is read or stored: names,
   * horizons, the experiment name, and the output and model folders (created
   * now, so an unwritable path fails before training). Returns the output folder.
   */
  private async validate(request: TrainRequest): Promise<string> {
    if (request.models.length === 0) throw new UsageError("'models' must name at least one model");
    for (const name of request.models) this.registry.get(name);
    for (const h of request.horizons) {
      if (!Number.isSafeInteger(h) || h < 1) throw new UsageError(`'horizon' must be a positive integer, got ${String(h)}`);
    }
    const rankBy: unknown = request.rankBy ?? 'mae';
    if (!(METRIC_NAMES as readonly unknown[]).includes(rankBy)) {
      throw new UsageError(`'rankBy' (--rank-by) must be a metric, one of ${METRIC_NAMES.join(', ')}; got '${String(rankBy)}'`);
    }
    requireExperimentName(request.experiment);
    const outputDir =
      request.outputDir === undefined
        ? pathInside(this.settings.OUTPUT_DIR, request.experiment, 'experiment')
        : request.outputDir;
    await prepareWritableDirectory(this.settings.MODEL_DIR, 'MODEL_DIR', 'setting');
    return prepareWritableDirectory(outputDir, request.outputDir === undefined ? 'OUTPUT_DIR' : 'outputDir (--output-dir)', request.outputDir === undefined ? 'setting' : 'flag');
  }

  /** Checks against the data that need it, before any run starts (`inputSize` of the models that take one). */
  private checkOverrides(request: TrainRequest, frame: SeriesFrame): void {
    const inputSize = request.overrides?.['inputSize'];
    if (typeof inputSize !== 'number') return;
    const takesInputSize = request.models.some((name) =>
      request.horizons.some((h) => 'inputSize' in pickOverrides(this.registry.get(name).defaults(h, frame.seasonLength), { inputSize })),
    );
    if (takesInputSize) checkInputSize(inputSize, frame, request.horizons, this.logger);
  }

  private async runOne(
    spec: RunSpec,
    split: { train: SeriesFrame; test: SeriesFrame },
    context: { experimentId: string; datasetId: string; fingerprint: string; request: TrainRequest; predictions: PredictionRow[] },
  ): Promise<RunOutcome> {
    const definition = this.registry.get(spec.model);
    const defaults = definition.defaults(spec.horizon, split.train.seasonLength);
    const userOverrides = pickOverrides(defaults, context.request.overrides ?? {});
    let tuned: TuningOutcome | undefined;
    let tuningError: unknown;
    if (context.request.search && definition.kind === 'neural') {
      try {
        tuned = await this.tuning.tune(definition.name, spec.horizon, split.train, context.request.search, {
          experiment: context.request.experiment,
          experimentId: context.experimentId,
          datasetId: context.datasetId,
          overrides: context.request.overrides ?? {},
        });
      } catch (error) {
        tuningError = error;
      }
    } else if (context.request.search) {
      this.logger.info(`no search space for a ${definition.kind} model; fitted once`, { model: definition.name, h: spec.horizon });
    }
    // The user's overrides win over the tuned values.
    const overrides = { ...pickOverrides(defaults, tuned?.bestParams ?? {}), ...userOverrides };
    const parameters = { ...defaults, ...overrides };
    const run = await this.tracking.startRun({
      experimentId: context.experimentId,
      datasetId: context.datasetId,
      modelName: definition.name,
      horizon: spec.horizon,
      kind: 'train',
      studyId: tuned?.studyId ?? null,
      // Plain JSON: what the hyperparameter object serialises to.
      parameters: JSON.parse(JSON.stringify(tuned ? { ...parameters, tuning: tuningSummary(tuned) } : parameters)) as JsonObject,
    });
    const log = this.logger.child({ run: run.id, model: definition.name, h: spec.horizon });
    const started = Date.now();
    const task = this.progress.start(`${definition.name} h=${spec.horizon}`, 100);
    try {
      if (tuningError !== undefined) throw tuningError;
      checkMinLength(split.train, definition.capabilities.minHistory(spec.horizon, parameters), `model ${definition.name} with h=${spec.horizon}`);
      const model: ForecastModel = definition.create(spec.horizon, split.train.seasonLength, overrides);
      await model.fit(split.train, { logger: log, onProgress: (fraction, fields) => task.update(Math.round(fraction * 100), fields) });
      const fitSeconds = (Date.now() - started) / 1000;
      const forecast = await model.predict(split.train);
      const evaluation = evaluateForecasts(split.test, forecast, { train: split.train });
      for (const problem of evaluation.nonFinite.slice(0, 20)) log.warn(problem.text, { metric: problem.metric, series: problem.seriesId });
      const metrics: Record<string, number> = { ...evaluation.panel, fit_seconds: fitSeconds };
      const saved = await this.completeWithModel(model, definition.kind, run.id, split.train, context.fingerprint, metrics, forecast, started);
      task.finish({ mae: metrics['mae'] ?? Number.NaN });
      context.predictions.push(...predictionRows(definition.name, spec.horizon, split, forecast));
      await this.report({ experiment: context.request.experiment, runId: run.id, model: definition.name, horizon: spec.horizon, status: 'completed', parameters, metrics, startedAt: new Date(started), endedAt: new Date() });
      log.info('run completed', { mae: metrics['mae'], smape: metrics['smape'], mase: metrics['mase'], fitSeconds, model: `${saved.name}@${saved.version}` });
      return { runId: run.id, model: definition.name, horizon: spec.horizon, status: 'completed', metrics, fitSeconds, modelRef: `${saved.name}@${saved.version}`, ...(tuned ? { tuning: tuningOf(tuned) } : {}) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      task.finish({ failed: 1 });
      await this.tracking.failRun(run.id, message);
      log.error('run failed', { error: message });
      await this.report({ experiment: context.request.experiment, runId: run.id, model: definition.name, horizon: spec.horizon, status: 'failed', parameters, metrics: {}, startedAt: new Date(started), endedAt: new Date(), error: message });
      return { runId: run.id, model: definition.name, horizon: spec.horizon, status: 'failed', error: message, fitSeconds: (Date.now() - started) / 1000 };
    }
  }

  /** External trackers (MLflow); each handles its own failures. */
  private async report(run: FinishedRun): Promise<void> {
    await Promise.all((this.sinks ?? []).map((sink) => sink.runFinished(run)));
  }

  /**
   * Writes the model's files, then registers it, stores the predictions and
   * completes the run in one transaction; if that fails the files are removed
   * and no model version stays registered for the run that is about to fail.
   */
  private async completeWithModel(
    model: ForecastModel,
    kind: ModelDefinition['kind'],
    runId: string,
    train: SeriesFrame,
    fingerprint: string,
    metrics: Record<string, number>,
    forecast: Forecast,
    started: number,
  ): Promise<{ name: string; version: number }> {
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
        frequency: train.frequency,
        seasonLength: train.seasonLength,
        trainingFingerprint: fingerprint,
        metrics,
        runId,
      },
      exported?.onnx,
    );
    try {
      const { model: registered } = await this.tracking.completeRunWithModel(runId, {
        model: written.registration,
        predictions: predictionRecords(forecast),
        metrics,
        durationMs: Date.now() - started,
      });
      return { name: model.name, version: registered.version };
    } catch (error) {
      await this.modelStore.discard(written);
      throw error;
    }
  }
}

/** What the refit run's parameters record about the search. */
function tuningSummary(tuned: TuningOutcome) {
  return { study: tuned.studyName, bestTrial: tuned.bestTrial, bestValMae: tuned.bestValue, finishedTrials: tuned.finishedTrials, bestParams: tuned.bestParams };
}

function tuningOf({ studyId: _studyId, ...summary }: TuningOutcome): TuningSummary {
  return summary;
}

function metricColumns(metrics: Record<string, number>) {
  const get = (k: string) => metrics[k] ?? Number.NaN;
  return { mae: get('mae'), mse: get('mse'), rmse: get('rmse'), mape: get('mape'), smape: get('smape'), mase: get('mase') };
}

function predictionRecords(forecast: Forecast) {
  return forecast.seriesIds.flatMap((seriesId, i) =>
    Array.from(forecast.mean[i]!, (value, k) => ({ seriesId, ds: new Date(forecast.ds[i]![k]!), value })),
  );
}

function predictionRows(model: string, horizon: number, split: { test: SeriesFrame }, forecast: Forecast): PredictionRow[] {
  const actual = new Map(split.test.series.map((s) => [s.id, s]));
  return forecast.seriesIds.flatMap((uniqueId, i) =>
    Array.from(forecast.mean[i]!, (yHat, k) => ({
      model,
      horizon,
      uniqueId,
      ds: formatTimestamp(forecast.ds[i]![k]!, split.test.frequency),
      y: actual.get(uniqueId)?.y[k] ?? null,
      yHat,
    })),
  );
}
