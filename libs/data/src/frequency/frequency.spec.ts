import { UsageError } from '@tsforecast/config';
import { addPeriods, futureTimestamps } from './calendar';
import { formatTimestamp } from './format-timestamp';
import { inferFrequency } from './infer-frequency';
import { parseFrequency } from './parse-frequency';
import { seasonLength } from './season-length';

const utc = Date.UTC;
const steps = (start: number, count: number, ms: number): Float64Array => Float64Array.from({ length: count }, (_, i) => start + i * ms);

describe('inferFrequency', () => {
  it('finds fixed steps, multiples included', () => {
    expect(inferFrequency(steps(0, 10, 15 * 60_000))).toEqual({ unit: 'minute', step: 15 });
    expect(inferFrequency(steps(0, 10, 3_600_000))).toEqual({ unit: 'hour', step: 1 });
    expect(inferFrequency(steps(0, 10, 86_400_000))).toEqual({ unit: 'day', step: 1 });
    expect(inferFrequency(steps(0, 10, 7 * 86_400_000))).toEqual({ unit: 'week', step: 1 });
    expect(inferFrequency(steps(0, 10, 28 * 86_400_000))).toEqual({ unit: 'week', step: 4 });
  });

  it('steps months, quarters and years on the calendar, at month starts and month ends', () => {
    const months = (day: (y: number, m: number) => number, every: number, n: number): Float64Array =>
      Float64Array.from({ length: n }, (_, i) => day(2019, i * every));
    expect(inferFrequency(months((y, m) => utc(y, m, 1), 1, 30))).toEqual({ unit: 'month', step: 1 });
    expect(inferFrequency(months((y, m) => utc(y, m + 1, 0), 1, 30))).toEqual({ unit: 'month', step: 1 });
    expect(inferFrequency(months((y, m) => utc(y, m, 1), 3, 12))).toEqual({ unit: 'quarter', step: 1 });
    expect(inferFrequency(months((y, m) => utc(y, m, 1), 12, 5))).toEqual({ unit: 'year', step: 1 });
    expect(inferFrequency(months((y, m) => utc(y, m, 1), 2, 6))).toEqual({ unit: 'month', step: 2 });
  });

  it('takes the most common step over all series of a frame', () => {
    const series = [{ ds: steps(0, 3, 3_600_000) }, { ds: Float64Array.of(0, 3_600_000, 3 * 3_600_000) }];
    expect(inferFrequency({ series })).toEqual({ unit: 'hour', step: 1 });
  });

  it('explains when it cannot infer', () => {
    expect(() => inferFrequency(Float64Array.of(0))).toThrow(/cannot infer the frequency: no series has two distinct timestamps/);
    expect(() => inferFrequency(Float64Array.of(0, 1500))).toThrow(/1500 ms, not a whole number of minutes/);
  });
});

describe('seasonLength', () => {
  it.each([
    ['minute', 1, 60],
    ['minute', 15, 4],
    ['minute', 7, 1],
    ['hour', 1, 24],
    ['hour', 2, 12],
    ['day', 1, 7],
    ['week', 1, 52],
    ['month', 1, 12],
    ['month', 3, 4],
    ['quarter', 1, 4],
    ['year', 1, 1],
  ] as const)('%s×%i → %i', (unit, step, m) => {
    expect(seasonLength({ unit, step })).toBe(m);
  });
});

describe('addPeriods / futureTimestamps', () => {
  it('steps calendar months keeping month ends and clamping short months', () => {
    const month = { unit: 'month', step: 1 } as const;
    expect(addPeriods(utc(2020, 0, 31), month, 1)).toBe(utc(2020, 1, 29));
    expect(addPeriods(utc(2020, 1, 29), month, 1)).toBe(utc(2020, 2, 31));
    expect(addPeriods(utc(2021, 0, 15, 6), month, 13)).toBe(utc(2022, 1, 15, 6));
    expect(addPeriods(utc(2021, 2, 1), month, -3)).toBe(utc(2020, 11, 1));
    expect(addPeriods(utc(2020, 1, 29), { unit: 'year', step: 1 }, 1)).toBe(utc(2021, 1, 28));
    expect(addPeriods(utc(2020, 10, 1), { unit: 'quarter', step: 1 }, 2)).toBe(utc(2021, 4, 1));
  });

  it('gives the h dates after the last one', () => {
    expect(Array.from(futureTimestamps(utc(1959, 11, 1), { unit: 'month', step: 1 }, 3))).toEqual([
      utc(1960, 0, 1),
      utc(1960, 1, 1),
      utc(1960, 2, 1),
    ]);
    expect(Array.from(futureTimestamps(0, { unit: 'minute', step: 15 }, 2))).toEqual([900_000, 1_800_000]);
  });
});

describe('formatTimestamp', () => {
  it('writes dates for day and coarser, date-times otherwise', () => {
    expect(formatTimestamp(utc(1960, 0, 1), { unit: 'month', step: 1 })).toBe('1960-01-01');
    expect(formatTimestamp(utc(2020, 4, 3), { unit: 'day', step: 1 })).toBe('2020-05-03');
    expect(formatTimestamp(utc(1970, 0, 2, 5, 30, 9), { unit: 'hour', step: 1 })).toBe('1970-01-02T05:30:09');
  });

  it("writes what Date's UTC fields give, before 1970, in leap years and with milliseconds dropped", () => {
    const viaDate = (ts: number) => new Date(ts).toISOString().slice(0, 19);
    const hour = { unit: 'hour', step: 1 } as const;
    const yearZero = new Date(0).setUTCFullYear(0, 0, 1); // Date.UTC reads years 0-99 as 1900-1999
    const cases = [utc(2000, 1, 29, 23, 59, 59, 999), utc(1900, 2, 1), utc(1969, 11, 31, 23, 0, 0, 1), utc(9999, 11, 31), yearZero];
    // A deterministic spread over years 0-9999 (a linear congruential walk), fractional milliseconds included.
    let seed = 12345;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      cases.push(yearZero + (seed / 2 ** 31) * (utc(9999, 11, 31) - yearZero) + 0.25);
    }
    for (const ts of cases) {
      expect(formatTimestamp(ts, hour)).toBe(viaDate(ts));
      expect(formatTimestamp(ts, { unit: 'day', step: 1 })).toBe(viaDate(ts).slice(0, 10));
    }
  });

  it('falls back to the padded year outside 0-9999, as before', () => {
    expect(formatTimestamp(utc(12345, 0, 1), { unit: 'day', step: 1 })).toBe('12345-01-01');
    expect(formatTimestamp(Number.NaN, { unit: 'day', step: 1 })).toBe('0NaN-NaN-NaN');
  });
});

describe('parseFrequency', () => {
  it.each([
    ['H', { unit: 'hour', step: 1 }],
    ['hourly', { unit: 'hour', step: 1 }],
    ['D', { unit: 'day', step: 1 }],
    ['M', { unit: 'month', step: 1 }],
    ['MS', { unit: 'month', step: 1 }],
    ['15min', { unit: 'minute', step: 15 }],
    ['15T', { unit: 'minute', step: 15 }],
    ['Q', { unit: 'quarter', step: 1 }],
    ['yearly', { unit: 'year', step: 1 }],
    ['2W', { unit: 'week', step: 2 }],
  ])('%s', (text, expected) => {
    expect(parseFrequency(text)).toEqual(expected);
  });

  it('rejects unknown text with a usage error naming the value', () => {
    expect(() => parseFrequency('fortnightly')).toThrow(UsageError);
    expect(() => parseFrequency('0H')).toThrow(/'frequency' must be a frequency such as 15min, H, D, W, M, Q, Y .*got '0H'/);
  });
});
