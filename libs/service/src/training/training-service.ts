import { inject, injectable } from 'inversify';
import { Logger, UsageError, Settings } from '@tsforecast/config';
import { SeriesReader, formatTimestamp, holdOut, requireMetricName, type MetricName, type SeriesFrame } from '@tsforecast/data';
import { ModelRegistry, pickOverrides } from '@tsforecast/model';
import { writeRunReport, type LeaderboardRow, type PredictionRow } from '@tsforecast/artifact';
import { ProgressReporter } from '@tsforecast/logging';
import type { RunDataset } from '../recording/run-recorder';
import type { RunOutcome, TrainRequest, TrainResult } from './train-request';
import type { HoldOutResult } from './hold-out-runner';
import { QueuedHoldOutRuns } from './queued-hold-out-runs';
import { runDatasetOf } from './run-dataset';
import { rankLeaderboard } from './rank-leaderboard';
import { requireExperimentName } from '../validation/experiment-name';
import { checkInputSize } from '../validation/input-size-check';
import { pathInside, prepareWritableDirectory } from '../validation/writable-directory';

type Outcome = HoldOutResult;
type Splits = Map<number, { train: SeriesFrame; test: SeriesFrame }>;

/**
 * The main job: for each model × horizon, fit on the training part, forecast
 * the hold-out (the last `h` points of every series), score it, and record the
 * run, its metrics, predictions and model through the run recorder (see
 * {@link HoldOutRunner}); then rank this invocation's runs per horizon and
 * write the output folder. A failing model marks its run failed with the
 * error; the others go on. Every check of the request (names, horizons,
 * metric, folders, hyperparameter overrides) runs before any run is recorded.
 */
@injectable()
export class TrainingService {
  constructor(
    @inject(SeriesReader) private readonly reader: SeriesReader,
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
    @inject(QueuedHoldOutRuns) private readonly runs: QueuedHoldOutRuns,
    @inject(ProgressReporter) private readonly progress: ProgressReporter,
    @inject(Logger) private readonly logger: Logger,
    @inject(Settings) private readonly settings: Settings,
  ) {}

  async train(request: TrainRequest): Promise<TrainResult> {
    const rankBy = requireMetricName(request.rankBy ?? 'mae', "'rankBy' (--rank-by)");
    const outputDir = await this.prepareOutput(request);
    const { frame, dataset } = await this.load(request);

    const splits: Splits = new Map(request.horizons.map((h) => [h, holdOut(frame, h)] as const));
    const outcomes = await this.runs.run(request, specsOf(request), dataset);
    this.progress.stop();

    const { leaderboard, best } = rankInvocation(outcomes, request.horizons, rankBy);
    const runs: RunOutcome[] = outcomes.map(({ forecast: _f, experimentId: _e, datasetId: _d, ...outcome }) => outcome);
    const { experimentId, datasetId } = outcomes[0]!;
    const summary = {
      experiment: request.experiment,
      experimentId,
      dataset: {
        path: request.data,
        fingerprint: dataset.fingerprint,
        series: frame.series.length,
        rows: dataset.rowCount,
        frequency: frame.frequency,
        seasonLength: frame.seasonLength,
      },
      rankBy,
      // leaderboard.csv and `best` rank the runs of this invocation only; the
      // experiment's leaderboard (every run ever recorded in it) is a database query.
      leaderboardScope: 'invocation',
      best,
      runs,
    };
    const outputs = await writeRunReport(outputDir, { leaderboard, predictions: predictionRows(outcomes, splits, frame), summary });
    return { experiment: request.experiment, experimentId, datasetId, outcomes: runs, outputs, best };
  }

  /**
   * Checks the request and reads its data as {@link train} does, then enqueues
   * its model × horizon `train-run` jobs without waiting for them (workers run
   * them; the API's training jobs poll them). Writes no output folder.
   */
  async enqueue(request: TrainRequest): Promise<EnqueuedTraining> {
    this.checkNames(request);
    await prepareWritableDirectory(this.settings.MODEL_DIR, 'MODEL_DIR', 'setting');
    const { dataset } = await this.load(request);
    const specs = specsOf(request);
    return { jobIds: await this.runs.enqueue(request, specs, dataset), specs, dataset };
  }

  /**
   * Every check of the request (names, horizons, experiment, overrides against
   * the data) and the read of its data, before anything is enqueued or stored.
   */
  private async load(request: TrainRequest): Promise<{ frame: SeriesFrame; dataset: RunDataset }> {
    this.checkNames(request);
    const { frame, report } = await this.reader.read(request.data, { frequency: request.frequency, seasonLength: request.seasonLength });
    for (const warning of report.warnings)
      this.logger.warn(warning.message, { file: warning.file, line: warning.line, code: warning.code });
    await this.checkOverrides(request, frame);
    this.logger.info('dataset loaded', {
      file: request.data,
      series: frame.series.length,
      rows: report.rows,
      frequency: frame.frequency,
      seasonLength: frame.seasonLength,
    });
    return { frame, dataset: runDatasetOf(request.data, frame, { sha256: report.fingerprint.sha256, rows: report.rows }) };
  }

  /** Every check that needs no data, before anything is read or stored: model names, horizons, the experiment name. */
  private checkNames(request: TrainRequest): void {
    if (request.models.length === 0) throw new UsageError("'models' must name at least one model");
    for (const name of request.models) this.registry.get(name);
    if (request.horizons.length === 0) throw new UsageError("'horizons' must name at least one horizon");
    for (const h of request.horizons) {
      if (!Number.isSafeInteger(h) || h < 1) throw new UsageError(`'horizon' must be a positive integer, got ${String(h)}`);
    }
    requireExperimentName(request.experiment);
  }

  /**
   * The output and model folders, created now (after the name checks) so an
   * unwritable path fails before any data is read. Returns the output folder.
   */
  private async prepareOutput(request: TrainRequest): Promise<string> {
    this.checkNames(request);
    const outputDir =
      request.outputDir === undefined ? pathInside(this.settings.OUTPUT_DIR, request.experiment, 'experiment') : request.outputDir;
    await prepareWritableDirectory(this.settings.MODEL_DIR, 'MODEL_DIR', 'setting');
    return prepareWritableDirectory(
      outputDir,
      request.outputDir === undefined ? 'OUTPUT_DIR' : 'outputDir (--output-dir)',
      request.outputDir === undefined ? 'setting' : 'flag',
    );
  }

  /**
   * Checks of the hyperparameter overrides against the data, before any run
   * starts: `inputSize` against the series lengths, and every model × horizon
   * built once with its overrides, so a bad value (`loss: 'quantile'`,
   * `scalerType: 'foo'`) is a usage error (exit 2), not a failed run.
   */
  private async checkOverrides(request: TrainRequest, frame: SeriesFrame): Promise<void> {
    const overrides = request.overrides ?? {};
    for (const name of request.models) {
      const definition = this.registry.get(name);
      for (const h of request.horizons) {
        const model = definition.create(h, frame.seasonLength, pickOverrides(definition.defaults(h, frame.seasonLength), overrides));
        await (model as { dispose?: () => Promise<void> }).dispose?.();
      }
    }
    const inputSize = overrides['inputSize'];
    if (typeof inputSize !== 'number') return;
    const takesInputSize = request.models.some((name) =>
      request.horizons.some((h) => 'inputSize' in pickOverrides(this.registry.get(name).defaults(h, frame.seasonLength), { inputSize })),
    );
    if (takesInputSize) checkInputSize(inputSize, frame, request.horizons, this.logger);
  }
}

/** What {@link TrainingService.enqueue} enqueued: one `train-run` job per model × horizon, in the order of `specs`. */
export interface EnqueuedTraining {
  jobIds: string[];
  specs: { model: string; horizon: number }[];
  dataset: RunDataset;
}

/** Every model × horizon, horizons outer: the order of the jobs and of the outcomes. */
function specsOf(request: TrainRequest): { model: string; horizon: number }[] {
  return request.horizons.flatMap((horizon) => request.models.map((model) => ({ model, horizon })));
}

/** This invocation's leaderboard per horizon and its best run per horizon. */
function rankInvocation(
  outcomes: Outcome[],
  horizons: number[],
  rankBy: MetricName,
): Pick<TrainResult, 'best'> & { leaderboard: LeaderboardRow[] } {
  const leaderboard: LeaderboardRow[] = [];
  const best: TrainResult['best'] = [];
  for (const horizon of horizons) {
    const completed = outcomes.filter((o) => o.horizon === horizon && o.status === 'completed' && o.metrics);
    const ranked = rankLeaderboard(
      completed.map((o) => ({ ...o, metrics: o.metrics! })),
      rankBy,
    );
    for (const r of ranked)
      leaderboard.push({ horizon, model: r.model, runId: r.runId, rank: r.rank, fitSeconds: r.fitSeconds, metrics: r.metrics });
    if (ranked[0]) best.push({ horizon, model: ranked[0].model, runId: ranked[0].runId, score: ranked[0].metrics[rankBy] ?? Number.NaN });
  }
  return { leaderboard, best };
}

/** Each completed run's hold-out forecast beside the actual values, for predictions.csv (in run order). */
function predictionRows(outcomes: Outcome[], splits: Splits, frame: SeriesFrame): PredictionRow[] {
  return outcomes.flatMap(({ forecast, model, horizon }) => {
    if (!forecast) return [];
    const actual = new Map(splits.get(horizon)!.test.series.map((s) => [s.id, s]));
    return forecast.seriesIds.flatMap((uniqueId, i) =>
      Array.from(forecast.mean[i]!, (yHat, k) => ({
        model,
        horizon,
        uniqueId,
        ds: formatTimestamp(forecast.ds[i]![k]!, frame.frequency),
        y: actual.get(uniqueId)?.y[k] ?? null,
        yHat,
      })),
    );
  });
}
