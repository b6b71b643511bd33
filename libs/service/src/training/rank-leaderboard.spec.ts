import { rankLeaderboard, type ScoredRun } from './rank-leaderboard';

const run = (model: string, mae: number | undefined): ScoredRun => ({
  runId: `run-${model}`,
  model,
  metrics: mae === undefined ? {} : { mae },
});

describe('rankLeaderboard', () => {
  it('ranks finite scores best first, ties in the given order', () => {
    const ranked = rankLeaderboard([run('B', 2), run('A', 1), run('C', 2)], 'mae');
    expect(ranked.map((r) => [r.model, r.rank, r.scoreIsFinite])).toEqual([
      ['A', 1, true],
      ['B', 2, true],
      ['C', 3, true],
    ]);
  });

  it('puts NaN, +Infinity, -Infinity and missing scores last, marked, never ahead of a finite score', () => {
    const ranked = rankLeaderboard(
      [
        run('Neg', Number.NEGATIVE_INFINITY),
        run('Nan', Number.NaN),
        run('Good', 5),
        run('Inf', Number.POSITIVE_INFINITY),
        run('None', undefined),
        run('Best', 1),
      ],
      'mae',
    );
    expect(ranked.map((r) => r.model)).toEqual(['Best', 'Good', 'Neg', 'Nan', 'Inf', 'None']);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ranked.map((r) => r.scoreIsFinite)).toEqual([true, true, false, false, false, false]);
  });

  it('ranks by the metric asked for', () => {
    const ranked = rankLeaderboard(
      [
        { ...run('A', 1), metrics: { mae: 1, smape: 9 } },
        { ...run('B', 2), metrics: { mae: 2, smape: 3 } },
      ],
      'smape',
    );
    expect(ranked.map((r) => r.model)).toEqual(['B', 'A']);
  });
});
