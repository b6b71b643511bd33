import { fingerprintFrame } from './fingerprint-frame';
import type { SeriesFrame } from './series-frame';
import { sliceFrame } from './slice-frame';

const base = (): SeriesFrame => ({
  frequency: { unit: 'hour', step: 1 },
  seasonLength: 24,
  exogenousColumns: [],
  series: [
    { id: 'a', ds: Float64Array.of(0, 3_600_000), y: Float64Array.of(1, 2), exogenous: {} },
    { id: 'b', ds: Float64Array.of(0), y: Float64Array.of(3), exogenous: {} },
  ],
});

describe('fingerprintFrame', () => {
  it('is stable and changes with ids, timestamps and values', () => {
    const print = fingerprintFrame(base());
    expect(print).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintFrame(base())).toBe(print);
    const renamed = base();
    renamed.series[1]!.id = 'c';
    const moved = base();
    moved.series[0]!.ds[1] = 7_200_000;
    const changed = base();
    changed.series[1]!.y[0] = 3.0000001;
    // same numbers, split differently between series
    const regrouped = base();
    regrouped.series = [
      { ...regrouped.series[0]!, ds: Float64Array.of(0), y: Float64Array.of(1) },
      { ...regrouped.series[1]!, ds: Float64Array.of(3_600_000, 0), y: Float64Array.of(2, 3) },
    ];
    const prints = [renamed, moved, changed, regrouped].map(fingerprintFrame);
    expect(new Set([print, ...prints]).size).toBe(5);
  });
});

describe('sliceFrame', () => {
  it('copies the picked range of each series', () => {
    const frame = base();
    const sliced = sliceFrame(frame, (s) => [s.y.length - 1, s.y.length]);
    expect(sliced.series.map((s) => Array.from(s.y))).toEqual([[2], [3]]);
    sliced.series[0]!.y[0] = 99;
    expect(frame.series[0]!.y[1]).toBe(2);
  });
});
