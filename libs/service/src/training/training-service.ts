import { inject, injectable } from 'inversify';
import { formatTimestamp, holdOut, requireMetricName, type MetricName, type SeriesFrame } from '@tsforecast/data';
import { writeRunReport, type LeaderboardRow, type PredictionRow } from '@tsforecast/artifact';
import type { RunDataset } from '../recording/run-recorder';
import type { RunOutcome, TrainRequest, TrainResult } from './train-request';
import type { HoldOutResult } from './hold-out-runner';
import { QueuedHoldOutRuns } from './queued-hold-out-runs';
import { SeriesSource } from '../datasets/series-source';
import { rankLeaderboard } from './rank-leaderboard';
import { TrainRequestChecks } from './train-request-checks';

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
    @inject(TrainRequestChecks) private readonly checks: TrainRequestChecks,
    @inject(SeriesSource) private readonly source: SeriesSource,
    @inject(QueuedHoldOutRuns) private readonly runs: QueuedHoldOutRuns,
  ) {}

  async train(request: TrainRequest): Promise<TrainResult> {
    const rankBy = requireMetricName(request.rankBy ?? 'mae', "'rankBy' (--rank-by)");
    this.checks.names(request);
    const outputDir = await this.checks.outputFolder(request);
    const { frame, dataset } = await this.load(request);

    const splits: Splits = new Map(request.horizons.map((h) => [h, holdOut(frame, h)] as const));
    const outcomes = await this.runs.run(request, specsOf(request), dataset);

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
    this.checks.names(request);
    await this.checks.modelFolder();
    const { dataset } = await this.load(request);
    const specs = specsOf(request);
    return { jobIds: await this.runs.enqueue(request, specs, dataset), specs, dataset };
  }

  /**
   * Every check of the request (names, horizons, experiment, overrides against
   * the data) and the read of its data, before anything is enqueued or stored.
   */
  private async load(request: TrainRequest): Promise<{ frame: SeriesFrame; dataset: RunDataset }> {
    this.checks.names(request);
    const { frame, dataset } = await this.source.load(request.data, {
      frequency: request.frequency,
      seasonLength: request.seasonLength,
    });
    await this.checks.overrides(request, frame);
    return { frame, dataset };
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
