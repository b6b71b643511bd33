import type { FrozenTrial } from '../frozen-trial';
import { HyperbandPruner } from './hyperband-pruner';
import { MedianPruner, PercentilePruner, nanPercentile } from './percentile-pruner';
import { SuccessiveHalvingPruner } from './successive-halving-pruner';

let nextNumber = 0;
function trial(state: FrozenTrial['state'], intermediate: Array<[number, number]>, value: number | null = null): FrozenTrial {
  return { number: nextNumber++, state, value, params: {}, distributions: {}, intermediate };
}

/** Five completed trials; at step 1 they reported 1, 2, 3, 4, 5 (median 3). */
function completedHistory(): FrozenTrial[] {
  return [1, 2, 3, 4, 5].map((v) =>
    trial(
      'complete',
      [
        [0, 10],
        [1, v],
        [2, v],
      ],
      v,
    ),
  );
}

describe('median pruner (Optuna semantics)', () => {
  it('prunes when the best value so far is worse than the median at the step', () => {
    const history = completedHistory();
    const worse = trial('running', [
      [0, 10],
      [1, 3.5],
    ]);
    const better = trial('running', [
      [0, 10],
      [1, 2.5],
    ]);
    const pruner = new MedianPruner();
    expect(pruner.shouldPrune({ trial: worse, trials: [...history, worse], direction: 'minimize' })).toBe(true);
    expect(pruner.shouldPrune({ trial: better, trials: [...history, better], direction: 'minimize' })).toBe(false);
    // Maximising: 3.5 beats the median 3, 2.5 does not.
    expect(pruner.shouldPrune({ trial: worse, trials: history, direction: 'maximize' })).toBe(false);
    expect(pruner.shouldPrune({ trial: better, trials: history, direction: 'maximize' })).toBe(false); // best over steps is 10
  });

  it('waits for startup trials, warm-up steps, the interval and enough trials at the step', () => {
    const history = completedHistory();
    const worse = trial('running', [
      [0, 10],
      [1, 3.5],
    ]);
    expect(new MedianPruner().shouldPrune({ trial: worse, trials: history.slice(0, 4), direction: 'minimize' })).toBe(false);
    expect(new MedianPruner({ nWarmupSteps: 2 }).shouldPrune({ trial: worse, trials: history, direction: 'minimize' })).toBe(false);
    // Interval 2: checks at steps 0, 2, 4…; step 1 follows the check at 0, so no check.
    expect(new MedianPruner({ intervalSteps: 2 }).shouldPrune({ trial: worse, trials: history, direction: 'minimize' })).toBe(false);
    const atTwo = trial('running', [
      [0, 10],
      [2, 3.5],
    ]);
    expect(new MedianPruner({ intervalSteps: 2 }).shouldPrune({ trial: atTwo, trials: history, direction: 'minimize' })).toBe(true);
    const unseenStep = trial('running', [[7, 100]]);
    expect(new MedianPruner().shouldPrune({ trial: unseenStep, trials: history, direction: 'minimize' })).toBe(false);
    expect(new MedianPruner().shouldPrune({ trial: trial('running', [[1, NaN]]), trials: history, direction: 'minimize' })).toBe(true);
  });

  it('percentile uses linear interpolation like numpy', () => {
    expect(nanPercentile([1, 2, 3, 4, 5], 25)).toBe(2);
    expect(nanPercentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(nanPercentile([NaN, 1, 3], 50)).toBe(2);
    const history = completedHistory();
    const t = trial('running', [[1, 2.2]]);
    expect(new PercentilePruner(25).shouldPrune({ trial: t, trials: history, direction: 'minimize' })).toBe(true);
    expect(() => new PercentilePruner(120)).toThrow(/'percentile' must be in \[0, 100\], got 120/);
  });
});

describe('successive halving pruner (Optuna semantics)', () => {
  const sha = (): SuccessiveHalvingPruner => new SuccessiveHalvingPruner({ minResource: 1 });

  it('promotes the top 1/η of a rung, and the best so far while a rung has fewer than η values', () => {
    const others = [trial('complete', [[1, 0.5]], 0.5), trial('complete', [[1, 0.9]], 0.9), trial('running', [[1, 0.3]])];
    const mid = trial('running', [[1, 0.6]]);
    const top = trial('running', [[1, 0.2]]);
    // 4 values at rung 0 (step 1): only the best one (index ⌊4/4⌋−1 = 0) is promoted.
    expect(sha().shouldPrune({ trial: mid, trials: [...others, mid], direction: 'minimize' })).toBe(true);
    expect(sha().shouldPrune({ trial: top, trials: [...others, top], direction: 'minimize' })).toBe(false);
    // 3 values: the best so far is promoted, anything else pruned.
    const few = others.slice(0, 2);
    expect(sha().shouldPrune({ trial: trial('running', [[1, 0.4]]), trials: few, direction: 'minimize' })).toBe(false);
    expect(sha().shouldPrune({ trial: trial('running', [[1, 0.7]]), trials: few, direction: 'minimize' })).toBe(true);
    expect(sha().shouldPrune({ trial: trial('running', [[1, 0.7]]), trials: few, direction: 'maximize' })).toBe(true);
    expect(sha().shouldPrune({ trial: trial('running', [[1, 0.95]]), trials: few, direction: 'maximize' })).toBe(false);
  });

  it('judges a trial once per rung, at rung steps minResource·η^(s+r)', () => {
    const others = [
      trial(
        'complete',
        [
          [1, 0.5],
          [4, 0.1],
        ],
        0.1,
      ),
      trial(
        'complete',
        [
          [1, 0.9],
          [4, 0.2],
        ],
        0.2,
      ),
    ];
    // Step 0 is before rung 0; step 2 is between rungs 0 (step 1) and 1 (step 4), already judged at step 1.
    expect(sha().shouldPrune({ trial: trial('running', [[0, 9]]), trials: others, direction: 'minimize' })).toBe(false);
    expect(
      sha().shouldPrune({
        trial: trial('running', [
          [1, 0.4],
          [2, 9],
        ]),
        trials: others,
        direction: 'minimize',
      }),
    ).toBe(false);
    // At step 4 (rung 1) it meets the others' rung-1 values 0.1 and 0.2.
    expect(
      sha().shouldPrune({
        trial: trial('running', [
          [1, 0.4],
          [4, 0.3],
        ]),
        trials: others,
        direction: 'minimize',
      }),
    ).toBe(true);
    expect(
      sha().shouldPrune({
        trial: trial('running', [
          [1, 0.4],
          [4, 0.05],
        ]),
        trials: others,
        direction: 'minimize',
      }),
    ).toBe(false);
  });

  it("estimates min resource 'auto' from completed trials (last step / 100)", () => {
    const pruner = new SuccessiveHalvingPruner();
    const t = trial('running', [[1, 5]]);
    expect(pruner.shouldPrune({ trial: t, trials: [trial('running', [[1, 0.1]])], direction: 'minimize' })).toBe(false);
    const done = trial(
      'complete',
      [
        [1, 0.1],
        [250, 0.05],
      ],
      0.05,
    );
    // min resource 2: rung 0 is at step 2, so step 1 is not judged; step 2 is.
    expect(pruner.shouldPrune({ trial: t, trials: [done], direction: 'minimize' })).toBe(false);
    const atTwo = trial('running', [[2, 5]]);
    expect(pruner.shouldPrune({ trial: atTwo, trials: [done, trial('running', [[2, 1]])], direction: 'minimize' })).toBe(true);
  });

  it('hyperband assigns brackets deterministically and only compares within a bracket', () => {
    const pruner = new HyperbandPruner({ maxResource: 27 });
    const brackets = Array.from({ length: 200 }, (_, n) => pruner.bracketOf(n));
    expect(new Set(brackets)).toEqual(new Set([0, 1, 2, 3]));
    expect(brackets).toEqual(Array.from({ length: 200 }, (_, n) => new HyperbandPruner({ maxResource: 27 }).bracketOf(n)));
    // Budgets ⌈B/(B−b)·η^(B−1−b)⌉ = 27, 12, 5, 2: bracket 0 gets the most trials.
    expect(brackets.filter((b) => b === 0).length).toBeGreaterThan(brackets.filter((b) => b === 3).length);
  });
});
