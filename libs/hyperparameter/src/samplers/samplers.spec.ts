import type { FrozenTrial } from '../frozen-trial';
import { choice, quniform, randint, uniform } from '../space/expressions';
import { flattenSpace } from '../space/flat-space';
import { InMemoryStudyStorage } from '../study/in-memory-study-storage';
import { Study } from '../study/study';
import { GridSampler } from './grid-sampler';
import { RandomSampler } from './random-sampler';
import type { Sampler } from './sampler';
import { splitTrials } from './tpe/split-trials';
import { TpeSampler } from './tpe/tpe-sampler';

const quadratic = { x: uniform('x', -10, 10), y: uniform('y', -10, 10) };
const f = (p: { x: number; y: number }): number => (p.x - 3) ** 2 + (p.y + 1) ** 2;

async function run(sampler: Sampler, trials: number, space: unknown = quadratic, objective: (p: never) => number = f): Promise<{ values: number[]; params: unknown[] }> {
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
    const space = { m: choice('m', [{ k: randint('k', 1, 3) }, { d: quniform('d', 0, 1, 0.5) }, 'none'] as const), c: choice('c', ['a', 'b'] as const) };
    // (3 + 3 + 1) branches × 2 = 14 configurations.
    expect(new GridSampler().points(flattenSpace(space))).toHaveLength(14);
    const study = await Study.create({ name: 'g', space, storage: new InMemoryStudyStorage(), sampler: new GridSampler({ shuffle: true, seed: 4 }) });
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
    const space = { m: choice('m', [{ type: 'a', x: uniform('x', 0, 1) }, { type: 'b', y: randint('y', 1, 5) }] as const) };
    const objective = (p: { m: { type: 'a'; x: number } | { type: 'b'; y: number } }): number => (p.m.type === 'a' ? (p.m.x - 0.3) ** 2 : 1 + p.m.y);
    const { values } = await run(new TpeSampler({ seed: 1 }), 40, space, objective as (p: never) => number);
    expect(Math.min(...values.slice(20))).toBeLessThan(0.01);
  });

  it('gives concurrent asks distinct suggestions (constant liar)', async () => {
    const study = await Study.create({ name: 'cl', space: { x: randint('x', 0, 30) }, storage: new InMemoryStudyStorage(), sampler: new TpeSampler({ seed: 3 }) });
    for (let i = 0; i < 12; i++) {
      const t = await study.ask();
      await study.tell(t, (t.params.x - 15) ** 2);
    }
    const running = await Promise.all(Array.from({ length: 6 }, () => study.ask()));
    const xs = running.map((t) => t.params.x);
    expect(new Set(xs).size).toBeGreaterThanOrEqual(5);

    const noLiar = await Study.create({ name: 'nl', space: { x: randint('x', 0, 30) }, storage: new InMemoryStudyStorage(), sampler: new TpeSampler({ seed: 3, constantLiar: false }) });
    for (let i = 0; i < 12; i++) {
      const t = await noLiar.ask();
      await noLiar.tell(t, (t.params.x - 15) ** 2);
    }
    const plain = await Promise.all(Array.from({ length: 6 }, () => noLiar.ask()));
    expect(new Set(plain.map((t) => t.params.x)).size).toBeLessThan(new Set(xs).size);
  });
});

describe('splitTrials', () => {
  const trial = (number: number, state: FrozenTrial['state'], value: number | null, intermediate: Array<[number, number]> = []): FrozenTrial => ({ number, state, value, params: {}, distributions: {}, intermediate });

  it('ranks complete trials first, then pruned by depth and last value; running and failed go above or nowhere', () => {
    const trials = [
      trial(0, 'complete', 5), trial(1, 'complete', 1), trial(2, 'pruned', null, [[1, 0.1], [4, 3]]), trial(3, 'pruned', null, [[1, 0.2]]),
      trial(4, 'pruned', null, [[4, 2]]), trial(5, 'running', null), trial(6, 'failed', null), trial(7, 'pruned', null),
    ];
    const split = (n: number): [number[], number[]] => {
      const { below, above } = splitTrials(trials, 'minimize', n);
      return [below.map((t) => t.number), above.map((t) => t.number)];
    };
    expect(split(1)).toEqual([[1], [0, 2, 3, 4, 5, 7]]);
    expect(split(3)).toEqual([[0, 1, 4], [2, 3, 5, 7]]);
    expect(split(5)).toEqual([[0, 1, 2, 3, 4], [5, 7]]);
    const max = splitTrials(trials, 'maximize', 3);
    expect(max.below.map((t) => t.number)).toEqual([0, 1, 2]);
  });
});
