import { DataError, UsageError } from '@tsforecast/config';
import type { SeriesFrame } from '../frame/series-frame';
import { crossValidationWindows } from './cross-validation-windows';
import { holdOut } from './hold-out';

const DAY = 86_400_000;
function frame(lengths: Record<string, number>): SeriesFrame {
  return {
    frequency: { unit: 'day', step: 1 },
    seasonLength: 7,
    exogenousColumns: ['x'],
    series: Object.entries(lengths).map(([id, n]) => ({
      id,
      ds: Float64Array.from({ length: n }, (_, i) => i * DAY),
      y: Float64Array.from({ length: n }, (_, i) => i),
      exogenous: { x: Float64Array.from({ length: n }, (_, i) => -i) },
    })),
  };
}

describe('holdOut', () => {
  it('keeps the last h points of every series as the test part', () => {
    const { train, test } = holdOut(frame({ a: 5, b: 3 }), 2);
    expect(train.series.map((s) => Array.from(s.y))).toEqual([[0, 1, 2], [0]]);
    expect(test.series.map((s) => Array.from(s.y))).toEqual([
      [3, 4],
      [1, 2],
    ]);
    expect(Array.from(test.series[0]!.exogenous['x']!)).toEqual([-3, -4]);
    expect(test.frequency).toEqual({ unit: 'day', step: 1 });
  });

  it('names series that are too short and rejects a bad h', () => {
    expect(() => holdOut(frame({ a: 5, b: 2, c: 1 }), 2)).toThrow(DataError);
    expect(() => holdOut(frame({ a: 5, b: 2, c: 1 }), 2)).toThrow(
      /needs at least 3 points per series; 2 series are shorter: 'b' \(2 points\), 'c' \(1 point\)/,
    );
    expect(() => holdOut(frame({ a: 5 }), 0)).toThrow(UsageError);
    expect(() => holdOut(frame({ a: 5 }), 1.5)).toThrow(/'h' must be an integer >= 1, got 1.5/);
  });
});

describe('crossValidationWindows', () => {
  it('ends the last window at the end of each series and steps back by stepSize', () => {
    const windows = crossValidationWindows(frame({ a: 10, b: 8 }), { h: 2, nWindows: 3, stepSize: 1 });
    expect(windows.map((w) => w.index)).toEqual([0, 1, 2]);
    // series a (10 points): test parts [6,8), [7,9), [8,10)
    expect(windows.map((w) => Array.from(w.test.series[0]!.y))).toEqual([
      [6, 7],
      [7, 8],
      [8, 9],
    ]);
    expect(windows.map((w) => w.train.series[0]!.y.length)).toEqual([6, 7, 8]);
    // series b (8 points): test parts [4,6), [5,7), [6,8)
    expect(windows.map((w) => Array.from(w.test.series[1]!.y))).toEqual([
      [4, 5],
      [5, 6],
      [6, 7],
    ]);
    expect(windows.map((w) => Array.from(w.cutoff))).toEqual([
      [5 * DAY, 3 * DAY],
      [6 * DAY, 4 * DAY],
      [7 * DAY, 5 * DAY],
    ]);
  });

  it('defaults to one window and back-to-back test parts', () => {
    expect(crossValidationWindows(frame({ a: 6 }), { h: 2 }).map((w) => Array.from(w.test.series[0]!.y))).toEqual([[4, 5]]);
    expect(crossValidationWindows(frame({ a: 6 }), { h: 2, nWindows: 2 }).map((w) => Array.from(w.test.series[0]!.y))).toEqual([
      [2, 3],
      [4, 5],
    ]);
  });

  it('names series too short for the windows', () => {
    expect(() => crossValidationWindows(frame({ a: 6, b: 4 }), { h: 2, nWindows: 2 })).toThrow(
      /crossValidationWindows with h=2, nWindows=2, stepSize=2 needs at least 5 points per series; 1 series is shorter: 'b' \(4 points\)/,
    );
    expect(() => crossValidationWindows(frame({ a: 6 }), { h: 2, nWindows: 0 })).toThrow(/'nWindows' must be an integer >= 1, got 0/);
  });
});
