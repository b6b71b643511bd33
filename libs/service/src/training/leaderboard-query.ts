import { inject, injectable } from 'inversify';
import { requireMetricName, type MetricName } from '@tsforecast/data';
import { TrackingStore } from '@tsforecast/db';
import { rankLeaderboard, type RankedRun, type ScoredRun } from './rank-leaderboard';

/** One ranked run of an experiment's leaderboard. */
export interface ExperimentLeaderboardRow extends ScoredRun {
  horizon: number;
  /** When the run was recorded. */
  startedAt: Date;
}

/** Options of {@link LeaderboardQuery.get}. */
export interface LeaderboardOptions {
  /** One horizon; all when omitted. */
  horizon?: number;
  /** Metric that ranks (lower is better); default `mae`. Validated against the metric table (exit 2). */
  rankBy?: string;
}

/**
 * An experiment's leaderboard: every completed `train` run ever recorded in
 * it, ranked per horizon by a metric — a query over runs and their metric
 * rows, never a table rewritten per invocation, so a better model trained
 * earlier stays on it.
 *
 * @example
 * const rows = await leaderboards.get('air', { horizon: 12, rankBy: 'smape' });
 */
@injectable()
export class LeaderboardQuery {
  constructor(@inject(TrackingStore) private readonly tracking: TrackingStore) {}

  /** Rows by horizon, then rank. NotFoundError for an unknown experiment. */
  async get(experiment: string, options: LeaderboardOptions = {}): Promise<RankedRun<ExperimentLeaderboardRow>[]> {
    const rankBy: MetricName = requireMetricName(options.rankBy ?? 'mae', "'rankBy' (--rank-by)");
    const { id } = await this.tracking.findExperiment(experiment);
    const scored = await this.tracking.listRunScores({
      experimentId: id,
      kind: 'train',
      ...(options.horizon === undefined ? {} : { horizon: options.horizon }),
    });
    const byHorizon = new Map<number, ExperimentLeaderboardRow[]>();
    for (const { run, metrics } of scored) {
      const rows = byHorizon.get(run.horizon) ?? [];
      rows.push({ horizon: run.horizon, model: run.modelName, runId: run.id, metrics, startedAt: run.startedAt });
      byHorizon.set(run.horizon, rows);
    }
    return [...byHorizon.keys()].sort((a, b) => a - b).flatMap((h) => rankLeaderboard(byHorizon.get(h)!, rankBy));
  }
}
