import { formatTimestamp, type Frequency } from '@tsforecast/data';
import { FormattedTimestamps } from './formatted-timestamps';

const hourly: Frequency = { unit: 'hour', step: 1 };
const hours = (from: number, length: number) => Float64Array.from({ length }, (_, t) => Date.UTC(2024, 0, 1) + (from + t) * 3_600_000);
const expected = (ds: Float64Array, frequency: Frequency) => Array.from(ds, (ts) => formatTimestamp(ts, frequency));

// Copies of the series before must only be given for the very same timestamps.
describe('FormattedTimestamps', () => {
  it('formats each series as formatTimestamp does, shared or not', () => {
    const timestamps = new FormattedTimestamps(hourly);
    for (const ds of [hours(0, 24), hours(0, 24), hours(1, 24), hours(1, 12), hours(1, 24), Float64Array.of(), hours(5, 3)]) {
      expect(timestamps.format(ds)).toEqual(expected(ds, hourly));
    }
  });

  it('finds a difference in the last timestamp only', () => {
    const timestamps = new FormattedTimestamps(hourly);
    const a = hours(0, 24);
    const b = a.slice();
    b[23] = b[23]! + 3_600_000;
    timestamps.format(a);
    expect(timestamps.format(b)).toEqual(expected(b, hourly));
  });

  it('gives every series its own array', () => {
    const timestamps = new FormattedTimestamps({ unit: 'day', step: 1 });
    const first = timestamps.format(hours(0, 3));
    first[0] = 'changed';
    expect(timestamps.format(hours(0, 3))[0]).toBe('2024-01-01');
  });
});
