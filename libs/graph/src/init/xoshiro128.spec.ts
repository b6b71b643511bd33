import { Xoshiro128 } from './xoshiro128';

describe('Xoshiro128', () => {
  it('gives the same sequence for the same seed and stream, another for another stream', () => {
    const a = new Xoshiro128(7, 'w');
    const b = new Xoshiro128(7, 'w');
    const c = new Xoshiro128(7, 'v');
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xs);
  });

  it('fillDropoutMask decides two elements per 32-bit draw (low half, then high half) and leaves the state after ⌈n/2⌉ draws', () => {
    for (const [p, n] of [
      [0, 10],
      [0.2, 1000],
      [0.5, 7],
      [0.999, 1001],
    ] as const) {
      const fast = new Xoshiro128(3, 'dropout');
      const slow = new Xoshiro128(3, 'dropout');
      const mask = new Float32Array(n);
      const keep = 1 / (1 - p);
      fast.fillDropoutMask(mask, p, keep);
      const threshold = Math.round(p * 65536);
      const expected = new Float32Array(n);
      for (let i = 0; i < n; i += 2) {
        const r = slow.nextUint32();
        expected[i] = (r & 0xffff) < threshold ? 0 : keep;
        if (i + 1 < n) expected[i + 1] = r >>> 16 < threshold ? 0 : keep;
      }
      expect(Array.from(mask)).toEqual(Array.from(expected));
      expect(fast.nextUint32()).toBe(slow.nextUint32());
    }
  });

  it('fillDropoutMask drops about a fraction p', () => {
    const mask = new Float32Array(100_000);
    new Xoshiro128(1).fillDropoutMask(mask, 0.2, 1.25);
    const dropped = mask.filter((v) => v === 0).length / mask.length;
    expect(dropped).toBeGreaterThan(0.195);
    expect(dropped).toBeLessThan(0.205);
  });
});
