import { inject, injectable } from 'inversify';
import { Database, TrackingStore, runKinds, runStatuses, type RunKind, type RunStatus } from '@tsforecast/db';
import type { Experiment, ModelVersion, Prediction, Run } from '@tsforecast/db';
import { LeaderboardQuery, type ExperimentLeaderboardRow, type LeaderboardOptions } from '../training/leaderboard-query';
import type { RankedRun } from '../training/rank-leaderboard';
import { checkDatabaseHealth, type DatabaseHealth } from './database-health';

/** Every run kind (`runs list --kind`) and status (`--status`): the database's lists. */
export { runKinds, runStatuses };

/** Filter of {@link TrackingQueries.listRuns}. */
export interface RunFilter {
  /** Experiment name or id. */
  readonly experiment?: string;
  readonly status?: RunStatus;
  /** Model name (any letter case). */
  readonly model?: string;
  readonly kind?: RunKind;
  /** At most this many, newest first (default 50). */
  readonly limit?: number;
  /** Id of the last run of the previous page (keyset pagination, see `RunQuery.after`). */
  readonly after?: string;
}

/** One run with its run-level metrics (`{ mae: 47.8 }`): no training curves, windows or per-series rows. */
export interface RunDetail extends Run {
  readonly metrics: Record<string, number>;
  /** The model version the run registered (`name@version`, stage), if it trained one. */
  readonly modelVersion: { readonly id: string; readonly ref: string; readonly stage: ModelVersion['stage'] } | null;
}

/**
 * Read-only questions about what was tracked — the experiments, runs, model
 * versions and leaderboards that `cli runs|experiments` and the HTTP API show —
 * and whether the database is healthy. Writes belong to the run recorder.
 *
 * @example
 * const runs = await container.get(TrackingQueries).listRuns({ experiment: 'sales', status: 'completed' });
 */
@injectable()
export class TrackingQueries {
  constructor(
    @inject(TrackingStore) private readonly store: TrackingStore,
    @inject(Database) private readonly database: Database,
    @inject(LeaderboardQuery) private readonly leaderboards: LeaderboardQuery,
  ) {}

  /** Every experiment, newest first. */
  listExperiments(): Promise<Experiment[]> {
    return this.store.listExperiments();
  }

  /** Runs matching every given filter, newest first. An unknown status is a UsageError naming the valid ones. */
  listRuns(filter: RunFilter = {}): Promise<Run[]> {
    return this.store.listRuns({ ...filter, limit: filter.limit ?? 50 });
  }

  /** One run and its run-level metrics; NotFoundError (exit 2) naming the id when there is none. */
  async getRun(id: string): Promise<RunDetail> {
    const details = await this.store.getRun(id);
    const runLevel = details.metrics.filter((m) => m.step === null && m.window === null && m.seriesId === null);
    // A run registers its version under its model's name; few versions per name, so a filter is enough.
    const version = (await this.store.listModelVersions(details.run.modelName)).find((v) => v.runId === details.run.id);
    return {
      ...details.run,
      metrics: Object.fromEntries(runLevel.map((m) => [m.name, m.value])),
      modelVersion:
        version === undefined ? null : { id: version.id, ref: `${version.name}@${String(version.version)}`, stage: version.stage },
    };
  }

  /** The run's forecast rows by series, cutoff, then date; NotFoundError naming the id when there is no such run. */
  listPredictions(runId: string): Promise<Prediction[]> {
    return this.store.listPredictions(runId);
  }

  /** Saved model versions, by name then newest first; only `name`'s (any letter case) when given. */
  listModelVersions(name?: string): Promise<ModelVersion[]> {
    return this.store.listModelVersions(name);
  }

  /** A model version by id, `name@version` or name (latest); NotFoundError listing the known models otherwise. */
  findModel(ref: string): Promise<ModelVersion> {
    return this.store.findModel(ref);
  }

  /**
   * The experiment's leaderboard: every completed `train` run ever recorded in it,
   * ranked per horizon (by `mae` unless `rankBy`); NotFoundError for an unknown experiment.
   */
  leaderboard(experiment: string, options: LeaderboardOptions = {}): Promise<RankedRun<ExperimentLeaderboardRow>[]> {
    return this.leaderboards.get(experiment, options);
  }

  /** Whether the database answers and every migration is applied. */
  databaseHealth(): Promise<DatabaseHealth> {
    return checkDatabaseHealth(this.database);
  }
}
