import type { RunOutcome } from './train-request';

export interface RankedRun {
  model: string;
  runId: string;
  rank: number;
  fitSeconds: number;
  metrics: Record<string, number>;
  /**
   * False when the run's `metric` is NaN, ±Infinity or missing: such runs are
   * ranked after every finite one (in request order) and must not be shown
   * as a best model.
   */
  scoreIsFinite: boolean;
}

/**
 * Completed runs of one horizon, best first by `metric` (lower is better),
 * ranks 1..n. Runs whose score is not a finite number (NaN, ±Infinity —
 * -Infinity would otherwise win — or missing) come last, marked with
 * `scoreIsFinite: false`. Ties keep the request order.
 */
export function rankLeaderboard(outcomes: RunOutcome[], metric: string): RankedRun[] {
  const score = (o: RunOutcome): number | undefined => {
    const v = o.metrics?.[metric];
    return v !== undefined && Number.isFinite(v) ? v : undefined;
  };
  const order = (a: number | undefined, b: number | undefined): number => {
    if (a === undefined || b === undefined) return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
    return a - b;
  };
  return outcomes
    .filter((o) => o.status === 'completed' && o.metrics)
    .map((o, i) => ({ o, i, s: score(o) }))
    .sort((a, b) => order(a.s, b.s) || a.i - b.i)
    .map(({ o, s }, i) => ({
      model: o.model, runId: o.runId, rank: i + 1, fitSeconds: o.fitSeconds, metrics: o.metrics!, scoreIsFinite: s !== undefined,
    }));
}
