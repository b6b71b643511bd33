import { Prng } from './prng';

describe('Prng', () => {
  it('gives the same sequence for the same seed and stream, another for another stream', () => {
    const a = new Prng(7, 'w');
    const b = new Prng(7, 'w');
    const c = new Prng(7, 'v');
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xs);
  });

  it('fillDropoutMask makes the decisions of uniform() < p, draw for draw, and leaves the state where they would', () => {
    for (const p of [0, 0.2, 0.5, 0.999]) {
      const fast = new Prng(3, 'dropout');
      const slow = new Prng(3, 'dropout');
      const mask = new Float32Array(1000);
      fast.fillDropoutMask(mask, p, 1 / (1 - p));
      const expected = Float32Array.from({ length: 1000 }, () => (slow.uniform() < p ? 0 : 1 / (1 - p)));
      expect(Array.from(mask)).toEqual(Array.from(expected));
      expect(fast.nextUint32()).toBe(slow.nextUint32());
    }
  });

  it('fillDropoutMask drops about a fraction p', () => {
    const mask = new Float32Array(100_000);
    new Prng(1).fillDropoutMask(mask, 0.2, 1.25);
    const dropped = mask.filter((v) => v === 0).length / mask.length;
    expect(dropped).toBeGreaterThan(0.195);
    expect(dropped).toBeLessThan(0.205);
  });
});
