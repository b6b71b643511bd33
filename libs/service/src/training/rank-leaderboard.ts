import type { MetricName } from '@tsforecast/data';

/** A completed run as a leaderboard sees it. */
export interface ScoredRun {
  model: string;
  runId: string;
  metrics: Record<string, number>;
}

/** A run with its place. */
export type RankedRun<T extends ScoredRun = ScoredRun> = T & {
  rank: number;
  /**
   * False when the run's `metric` is NaN, ±Infinity or missing: such runs are
   * ranked after every finite one (in the given order) and must not be shown
   * as a best model.
   */
  scoreIsFinite: boolean;
};

/**
 * Completed runs of one horizon, best first by `metric` (lower is better),
 * ranks 1..n. Runs whose score is not a finite number (NaN, ±Infinity —
 * -Infinity would otherwise win — or missing) come last, marked with
 * `scoreIsFinite: false`. Ties keep the given order (request order for one
 * invocation, recording order for an experiment).
 */
export function rankLeaderboard<T extends ScoredRun>(runs: readonly T[], metric: MetricName): RankedRun<T>[] {
  const score = (run: T): number | undefined => {
    const v = run.metrics[metric];
    return v !== undefined && Number.isFinite(v) ? v : undefined;
  };
  const order = (a: number | undefined, b: number | undefined): number => {
    if (a === undefined || b === undefined) return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
    return a - b;
  };
  return runs
    .map((run, i) => ({ run, i, s: score(run) }))
    .sort((a, b) => order(a.s, b.s) || a.i - b.i)
    .map(({ run, s }, i) => ({ ...run, rank: i + 1, scoreIsFinite: s !== undefined }));
}
