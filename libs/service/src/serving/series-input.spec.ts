import { DataError } from '@tsforecast/config';
import type { Frequency } from '@tsforecast/data';
import { SeriesInputCheck, type SeriesInput } from './series-input';

const hourly: Frequency = { unit: 'hour', step: 1 };
const start = Date.UTC(2024, 0, 1);
const stamp = (hour: number) => new Date(start + hour * 3_600_000).toISOString().slice(0, 19);
const series = (id: string, from: number, length: number): SeriesInput => ({
  unique_id: id,
  ds: Array.from({ length }, (_, t) => stamp(from + t)),
  y: Array.from({ length }, (_, t) => t + from / 10),
});
const checkAll = (input: readonly SeriesInput[]) => new SeriesInputCheck(input, hourly).part(0, input.length);
const checkAlone = (input: readonly SeriesInput[]) => input.map((s) => new SeriesInputCheck([s], hourly).part(0, 1)[0]!);
const message = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return (error as Error).message;
  }
  throw new Error('expected a DataError');
};

// Timestamps a series shares with the one before it are reused, not parsed again: the frame series must be the
// same as checking each series on its own, and every bad step must still be found.
describe('SeriesInputCheck', () => {
  it.each([
    ['aligned panel', [series('a', 0, 48), series('b', 0, 48), series('c', 0, 48)]],
    ['ends aligned, lengths differ', [series('a', 10, 38), series('b', 0, 48), series('c', 40, 8)]],
    ['starts aligned, lengths differ', [series('a', 0, 48), series('b', 0, 20), series('c', 0, 30)]],
    ['nothing shared', [series('a', 0, 10), series('b', 100, 10), series('c', 5, 3)]],
    ['partly shared', [series('a', 0, 24), series('b', 12, 24), series('c', 11, 2)]],
    ['one point each', [series('a', 0, 1), series('b', 0, 1), series('c', 3, 1)]],
  ])('gives the same series as checking each alone: %s', (_name, input) => {
    expect(checkAll(input)).toEqual(checkAlone(input));
  });

  it('finds a bad step after timestamps shared with the series before', () => {
    const bad = series('b', 0, 48);
    (bad.ds as string[])[30] = stamp(31);
    expect(message(() => checkAll([series('a', 0, 48), bad]))).toBe(
      `series[1] ('b'): 'ds[30]' must be ${stamp(30)} (one step after '${stamp(29)}'; ds must be regular at the model's frequency (1 hour)), got '${stamp(31)}'`,
    );
  });

  it('checks the step into a shared timestamp from one that was not shared', () => {
    // ds[0] is half an hour before ds[1]; ds[1..] are the previous series' strings, ds[0] is not.
    const b = series('b', 1, 10);
    (b.ds as string[])[0] = '2024-01-01T00:30:00';
    expect(message(() => checkAll([series('a', 0, 11), b]))).toMatch(/^series\[1\] \('b'\): 'ds\[1\]' must be 2024-01-01T01:30:00/);
  });

  it('refuses an unparseable timestamp where the series before had a good one', () => {
    const b = series('b', 0, 5);
    (b.ds as string[])[2] = '2024-13-01T02:00:00';
    expect(message(() => checkAll([series('a', 0, 5), b]))).toMatch(/^series\[1\] \('b'\): 'ds\[2\]' must be a timestamp/);
  });

  it('reuses timestamps across parts', () => {
    const input = [series('a', 0, 48), series('b', 0, 48), series('c', 24, 24)];
    const check = new SeriesInputCheck(input, hourly);
    expect([...check.part(0, 1), ...check.part(1, 3)]).toEqual(checkAlone(input));
  });
});
