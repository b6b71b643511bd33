import type { RunOutcome } from './train-request';

export interface RankedRun {
  model: string;
  runId: string;
  rank: number;
  fitSeconds: number;
  metrics: Record<string, number>;
}

/**
 * Completed runs of one horizon, best first by `metric` (lower is better; NaN
 * last), ranks 1..n. Ties keep the request order.
 */
export function rankLeaderboard(outcomes: RunOutcome[], metric: string): RankedRun[] {
  const score = (o: RunOutcome) => {
    const v = o.metrics?.[metric];
    return v === undefined || Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };
  return outcomes
    .filter((o) => o.status === 'completed' && o.metrics)
    .map((o, i) => ({ o, i }))
    .sort((a, b) => score(a.o) - score(b.o) || a.i - b.i)
    .map(({ o }, i) => ({ model: o.model, runId: o.runId, rank: i + 1, fitSeconds: o.fitSeconds, metrics: o.metrics! }));
}
