import { Sfc32 } from './sfc32';

describe('Sfc32', () => {
  it('repeats a stream for the same seed and gives uniform doubles', () => {
    const a = new Sfc32(42);
    const b = new Sfc32(42);
    const xs = Array.from({ length: 1000 }, () => a.uniform());
    expect(Array.from({ length: 1000 }, () => b.uniform())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('derives unrelated streams for every (seed, trial) pair', () => {
    // A linear mix would make (s, n) and (s', n') collide whenever s ^ n = s' ^ n'.
    const firsts = new Set<number>();
    for (let seed = 0; seed < 50; seed++) for (let n = 0; n < 200; n++) firsts.add(Sfc32.derive(seed, n, 1).uniform());
    expect(firsts.size).toBe(50 * 200);
    expect(Sfc32.derive(1, 0, 1).uniform()).not.toBe(Sfc32.derive(0, 1, 1).uniform());
  });
});
