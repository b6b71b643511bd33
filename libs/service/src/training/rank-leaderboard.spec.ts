import { rankLeaderboard } from './rank-leaderboard';
import type { RunOutcome } from './train-request';

const run = (model: string, mae: number | undefined, status: RunOutcome['status'] = 'completed'): RunOutcome => ({
  runId: `run-${model}`,
  model,
  horizon: 12,
  status,
  fitSeconds: 1,
  ...(status === 'completed' ? { metrics: mae === undefined ? {} : { mae } } : { error: 'boom' }),
});

describe('rankLeaderboard', () => {
  it('ranks finite scores best first, ties in request order, failed runs left out', () => {
    const ranked = rankLeaderboard([run('B', 2), run('A', 1), run('C', 2), run('F', 0, 'failed')], 'mae');
    expect(ranked.map((r) => [r.model, r.rank, r.scoreIsFinite])).toEqual([['A', 1, true], ['B', 2, true], ['C', 3, true]]);
  });

  it('puts NaN, +Infinity, -Infinity and missing scores last, marked, never ahead of a finite score', () => {
    const ranked = rankLeaderboard(
      [run('Neg', Number.NEGATIVE_INFINITY), run('Nan', Number.NaN), run('Good', 5), run('Inf', Number.POSITIVE_INFINITY), run('None', undefined), run('Best', 1)],
      'mae',
    );
    expect(ranked.map((r) => r.model)).toEqual(['Best', 'Good', 'Neg', 'Nan', 'Inf', 'None']);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ranked.map((r) => r.scoreIsFinite)).toEqual([true, true, false, false, false, false]);
  });
});
