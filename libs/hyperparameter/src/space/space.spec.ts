import { UsageError } from '@tsforecast/config';
import { Sfc32 } from '../random/sfc32';
import { samplePrior } from '../samplers/sample-prior';
import { contains, distributionOf } from './distribution';
import { choice, loguniform, normal, qloguniform, quniform, randint, uniform, type Sampled } from './expressions';
import { flattenSpace } from './flat-space';
import { configFromParams, materialize } from './materialize';

describe('space validation', () => {
  it.each([
    [() => uniform('x', 1, 1), /parameter 'x': 'low' must be < 'high', got low=1, high=1/],
    [() => uniform('x', 2, 1), /parameter 'x': 'low' must be < 'high', got low=2, high=1/],
    [() => loguniform('lr', 0, 1), /parameter 'lr': 'loguniform' needs low > 0 \(log of a non-positive bound\), got low=0/],
    [() => qloguniform('lr', -1, 1, 0.1), /parameter 'lr': 'qloguniform' needs low > 0/],
    [() => randint('n', 0, 9, { log: true }), /parameter 'n': 'randint' with log needs low >= 1/],
    [() => randint('n', 0.5, 9), /parameter 'n': 'randint' bounds must be integers/],
    [() => quniform('d', 0, 1, 0), /parameter 'd': 'q' must be > 0, got 0/],
    [() => normal('z', 0, -1), /parameter 'z': 'sigma' must be > 0, got -1/],
    [() => choice('act', []), /parameter 'act': 'choice' needs at least one option/],
    [() => uniform('', 0, 1), /every expression needs a non-empty 'label'/],
  ])('rejects an invalid expression (%#)', (build, message) => {
    expect(build).toThrow(UsageError);
    expect(build).toThrow(message);
  });

  it('rejects a label used twice, also across branches', () => {
    expect(() => flattenSpace({ a: uniform('x', 0, 1), b: uniform('x', 0, 2) })).toThrow(/parameter 'x': duplicate label/);
    expect(() => flattenSpace(choice('m', [{ x: uniform('x', 0, 1) }, { x: randint('x', 1, 3) }]))).toThrow(
      /parameter 'x': duplicate label/,
    );
  });

  it('validates spaces read back from JSON', () => {
    const stored = JSON.parse('{"lr":{"$hp":"loguniform","label":"lr","low":-1,"high":1}}');
    expect(() => flattenSpace(stored)).toThrow(/parameter 'lr': 'loguniform' needs low > 0/);
  });
});

describe('flattening and typed sampling', () => {
  const space = {
    lr: loguniform('lr', 1e-4, 1e-1),
    model: choice('model', [
      { type: 'a', x: uniform('x', 0, 1) },
      { type: 'b', y: randint('y', 1, 5), layers: [quniform('w0', 16, 64, 16), quniform('w1', 16, 64, 16)] },
    ] as const),
    fixed: 3,
  };

  it('flattens to named distributions with branch conditions', () => {
    const flat = flattenSpace(space);
    expect(flat.params.map((p) => p.name)).toEqual(['lr', 'model', 'x', 'y', 'w0', 'w1']);
    expect(flat.byName.get('lr')!.conditions).toEqual([]);
    expect(flat.byName.get('x')!.conditions).toEqual([{ label: 'model', option: 0 }]);
    expect(flat.byName.get('w1')!.conditions).toEqual([{ label: 'model', option: 1 }]);
    expect(flat.byName.get('w0')!.distribution).toEqual({ kind: 'float', low: 16, high: 64, log: false, step: 16 });
  });

  it('samples only the chosen branch and types the config', () => {
    const flat = flattenSpace(space);
    const rng = new Sfc32(3);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const { config, params } = materialize(space, flat, (_name, d) => samplePrior(d, rng));
      // Compile-time check of Sampled<S>: a discriminated union from the choice.
      const c: Sampled<typeof space> = config;
      expect(c.fixed).toBe(3);
      expect(c.lr).toBeGreaterThanOrEqual(1e-4);
      if (c.model.type === 'a') {
        expect(Object.keys(params).sort()).toEqual(['lr', 'model', 'x']);
        expect(c.model.x).toBeGreaterThanOrEqual(0);
      } else {
        const widths: number[] = [...c.model.layers];
        expect(Object.keys(params).sort()).toEqual(['lr', 'model', 'w0', 'w1', 'y']);
        expect(Number.isInteger(c.model.y) && c.model.y >= 1 && c.model.y <= 5).toBe(true);
        for (const w of widths) expect([16, 32, 48, 64]).toContain(w);
      }
      seen.add(c.model.type);
      expect(configFromParams(space, flat, params)).toEqual(config);
    }
    expect([...seen].sort()).toEqual(['a', 'b']);
  });

  it('draws every domain value inside its domain', () => {
    const rng = new Sfc32(11);
    for (const expr of [
      uniform('a', -2, 3),
      loguniform('b', 1e-3, 10),
      quniform('c', 0, 1, 0.1),
      qloguniform('d', 0.01, 5, 0.05),
      randint('e', 1, 64, { log: true }),
      normal('f', 1, 0.5),
    ]) {
      const d = distributionOf(expr);
      for (let i = 0; i < 200; i++) expect(contains(d, samplePrior(d, rng))).toBe(true);
    }
  });
});
