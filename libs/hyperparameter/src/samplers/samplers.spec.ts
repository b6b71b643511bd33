import type { FrozenTrial } from '../frozen-trial';
import { choice, quniform, randint, uniform } from '../space/expressions';
import { flattenSpace } from '../space/flat-space';
import { InMemoryStudyStorage } from '../study/in-memory-study-storage';
import { Study } from '../study/study';
import { GridSampler } from './grid-sampler';
import { RandomSampler } from './random-sampler';
import type { Sampler } from './sampler';
import { ParzenEstimator, type ParzenOptions } from './tpe/parzen-estimator';
import { splitTrials } from './tpe/split-trials';
import { OPTUNA_TPE_OPTIONS, TpeSampler } from './tpe/tpe-sampler';

const quadratic = { x: uniform('x', -10, 10), y: uniform('y', -10, 10) };
const f = (p: { x: number; y: number }): number => (p.x - 3) ** 2 + (p.y + 1) ** 2;

async function run(
  sampler: Sampler,
  trials: number,
  space: unknown = quadratic,
  objective: (p: never) => number = f,
): Promise<{ values: number[]; params: unknown[] }> {
  const study = await Study.create({ name: 's', space, storage: new InMemoryStudyStorage(), sampler });
  const values: number[] = [];
  const params: unknown[] = [];
  for (let i = 0; i < trials; i++) {
    const trial = await study.ask();
    const value = objective(trial.params as never);
    await study.tell(trial, value);
    values.push(value);
    params.push(trial.params);
  }
  return { values, params };
}

describe('grid sampler', () => {
  it('enumerates every configuration of a conditional space once, then stops', async () => {
    const space = {
      m: choice('m', [{ k: randint('k', 1, 3) }, { d: quniform('d', 0, 1, 0.5) }, 'none'] as const),
      c: choice('c', ['a', 'b'] as const),
    };
    // (3 + 3 + 1) branches × 2 = 14 configurations.
    expect(new GridSampler().points(flattenSpace(space))).toHaveLength(14);
    const study = await Study.create({
      name: 'g',
      space,
      storage: new InMemoryStudyStorage(),
      sampler: new GridSampler({ shuffle: true, seed: 4 }),
    });
    const seen = new Set<string>();
    await study.optimize((trial) => {
      seen.add(JSON.stringify(trial.params));
      return 0;
    });
    expect(seen.size).toBe(14);
    expect(await study.trials()).toHaveLength(14);
  });

  it('refuses continuous floats unless given points per float', () => {
    expect(() => new GridSampler().points(flattenSpace(quadratic))).toThrow(/'x' is a continuous float/);
    expect(new GridSampler({ pointsPerFloat: 3 }).points(flattenSpace(quadratic))).toHaveLength(9);
  });
});

describe('reproducibility', () => {
  it.each([
    ['random', (seed: number) => new RandomSampler({ seed })],
    ['tpe', (seed: number) => new TpeSampler({ seed })],
  ])('%s: same seed, same suggestions; other seed, other suggestions', async (_name, make) => {
    const a = await run(make(7), 25);
    const b = await run(make(7), 25);
    const c = await run(make(8), 25);
    expect(b.params).toEqual(a.params);
    expect(c.params).not.toEqual(a.params);
    // Not a permutation of the same points either.
    expect(new Set(c.params.map((p) => JSON.stringify(p)))).not.toEqual(new Set(a.params.map((p) => JSON.stringify(p))));
  });
});

describe('tpe', () => {
  it('beats random search on a quadratic at 50 trials over 8 seeds', async () => {
    const medianBest = async (make: (seed: number) => Sampler): Promise<number> => {
      const bests: number[] = [];
      for (let seed = 0; seed < 8; seed++) bests.push(Math.min(...(await run(make(seed), 50)).values));
      bests.sort((x, y) => x - y);
      return (bests[3] + bests[4]) / 2;
    };
    const tpe = await medianBest((seed) => new TpeSampler({ seed }));
    const random = await medianBest((seed) => new RandomSampler({ seed }));
    // Random search's median best is ~1.5 here; TPE's is several times smaller.
    expect(tpe).toBeLessThan(random / 3);
  });

  it('handles conditional spaces (joint kernels for shared parameters, univariate for branches)', async () => {
    const space = {
      m: choice('m', [
        { type: 'a', x: uniform('x', 0, 1) },
        { type: 'b', y: randint('y', 1, 5) },
      ] as const),
    };
    const objective = (p: { m: { type: 'a'; x: number } | { type: 'b'; y: number } }): number =>
      p.m.type === 'a' ? (p.m.x - 0.3) ** 2 : 1 + p.m.y;
    const { values } = await run(new TpeSampler({ seed: 1 }), 40, space, objective as (p: never) => number);
    expect(Math.min(...values.slice(20))).toBeLessThan(0.01);
  });

  it('gives concurrent asks distinct suggestions (constant liar)', async () => {
    // Six workers ask at once after 12 finished trials; mean number of distinct values over 10 seeds.
    const distinct = async (constantLiar: boolean): Promise<number> => {
      let total = 0;
      for (let seed = 0; seed < 10; seed++) {
        const study = await Study.create({
          name: `cl${seed}`,
          space: { x: randint('x', 0, 30) },
          storage: new InMemoryStudyStorage(),
          sampler: new TpeSampler({ seed, constantLiar }),
        });
        for (let i = 0; i < 12; i++) {
          const t = await study.ask();
          await study.tell(t, (t.params.x - 15) ** 2);
        }
        const running = await Promise.all(Array.from({ length: 6 }, () => study.ask()));
        total += new Set(running.map((t) => t.params.x)).size;
      }
      return total / 10;
    };
    const withLiar = await distinct(true);
    expect(withLiar).toBeGreaterThanOrEqual(5);
    expect(await distinct(false)).toBeLessThan(withLiar - 1);
  });
});

describe('parzen estimator bandwidth floor', () => {
  const options = (bandwidthFloorCap: number): ParzenOptions => ({
    priorWeight: 1,
    bandwidth: 'gap',
    considerMagicClip: true,
    considerEndpoints: false,
    bandwidthScale: 1,
    bandwidthFloorCap,
  });
  const densityAtHalf = (cap: number): number => {
    const [distribution] = flattenSpace({ x: uniform('x', 0, 1) }).params.map((p) => p.distribution);
    return Math.exp(new ParzenEstimator([distribution], [[0.5], [0.5]], [1, 1], options(cap)).logPdf([[0.5]])[0]);
  };

  it('clips two equal observations to the magic floor range/4, or to the cap when that is lower', () => {
    // Kernels N(0.5, σ) truncated to [0, 1] with weight 1/3 each, plus the prior N(0.5, 1) (mass Φ(0.5) − Φ(−0.5) = 0.382925).
    const prior = 0.3989422804014327 / 0.38292492254802624;
    // σ = 1/4 (mass Φ(2) − Φ(−2) = 0.954500): Optuna's floor.
    expect(densityAtHalf(1)).toBeCloseTo((2 * (0.3989422804014327 / 0.25 / 0.9544997361036416) + prior) / 3, 10);
    // σ = 0.05: the cap (mass 1 to 23 digits).
    expect(densityAtHalf(0.05)).toBeCloseTo((2 * (0.3989422804014327 / 0.05) + prior) / 3, 10);
  });
});

describe('tpe options', () => {
  it('names the option, the value and the expected range', () => {
    expect(() => new TpeSampler({ bandwidthFloorCap: 0 })).toThrow("'bandwidthFloorCap' must be in (0, 1], got 0");
    expect(() => new TpeSampler({ goodFraction: 1.5 })).toThrow("'goodFraction' must be in (0, 1], got 1.5");
    expect(() => new TpeSampler({ goodCap: 2.5 })).toThrow("'goodCap' must be an integer >= 1, got 2.5");
  });

  it("records its settings in the study config, and OPTUNA_TPE_OPTIONS restores Optuna 5's values", () => {
    expect(new TpeSampler({ seed: 1 }).config.options).toMatchObject({
      nEiCandidates: 64,
      bandwidthFloorCap: 0.05,
      goodFraction: 0.1,
      goodCap: 25,
    });
    expect(new TpeSampler({ seed: 1, ...OPTUNA_TPE_OPTIONS }).config.options).toMatchObject({ nEiCandidates: 24, bandwidthFloorCap: 1 });
  });
});

describe('splitTrials', () => {
  const trial = (
    number: number,
    state: FrozenTrial['state'],
    value: number | null,
    intermediate: Array<[number, number]> = [],
  ): FrozenTrial => ({ number, state, value, params: {}, distributions: {}, intermediate });

  it('ranks complete trials first, then pruned by depth and last value; running and failed go above or nowhere', () => {
    const trials = [
      trial(0, 'complete', 5),
      trial(1, 'complete', 1),
      trial(2, 'pruned', null, [
        [1, 0.1],
        [4, 3],
      ]),
      trial(3, 'pruned', null, [[1, 0.2]]),
      trial(4, 'pruned', null, [[4, 2]]),
      trial(5, 'running', null),
      trial(6, 'failed', null),
      trial(7, 'pruned', null),
    ];
    const split = (n: number): [number[], number[]] => {
      const { below, above } = splitTrials(trials, 'minimize', n);
      return [below.map((t) => t.number), above.map((t) => t.number)];
    };
    expect(split(1)).toEqual([[1], [0, 2, 3, 4, 5, 7]]);
    expect(split(3)).toEqual([
      [0, 1, 4],
      [2, 3, 5, 7],
    ]);
    expect(split(5)).toEqual([
      [0, 1, 2, 3, 4],
      [5, 7],
    ]);
    const max = splitTrials(trials, 'maximize', 3);
    expect(max.below.map((t) => t.number)).toEqual([0, 1, 2]);
  });
});
