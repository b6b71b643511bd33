import { parseNumber } from './parse-number';
import { parseTimestamp } from './parse-timestamp';

describe('parseTimestamp', () => {
  it.each([
    ['1949-01-01', Date.UTC(1949, 0, 1)],
    ['2020-02-29', Date.UTC(2020, 1, 29)],
    ['2000-03-01 13:45', Date.UTC(2000, 2, 1, 13, 45)],
    ['2000-03-01T13:45:07', Date.UTC(2000, 2, 1, 13, 45, 7)],
    ['2000-03-01T13:45:07Z', Date.UTC(2000, 2, 1, 13, 45, 7)],
    ['1970-01-01T00:00:00', 0],
    ['1600-12-31', Date.UTC(1600, 11, 31)],
    ['2400-02-29 23:59:59', Date.UTC(2400, 1, 29, 23, 59, 59)],
  ])('reads %s as UTC', (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it('matches Date.UTC on every day of 1899-2101', () => {
    for (let t = Date.UTC(1899, 0, 1); t <= Date.UTC(2101, 0, 1); t += 86_400_000) {
      const text = new Date(t).toISOString().slice(0, 10);
      if (parseTimestamp(text) !== t) throw new Error(`${text}: ${parseTimestamp(text)} != ${t}`);
    }
  });

  it.each([
    '',
    '2021-02-29',
    '2020-13-01',
    '2020-00-10',
    '2020-1-01',
    '2020/01/01',
    '2020-01-01T24:00',
    '2020-01-01T10:60',
    '2020-01-01T10',
    '2020-01-01 10:00:0',
    '2020-01-01T10:00:00+01:00',
    'abcd-ef-gh',
    ' 2020-01-01',
  ])('rejects %j', (text) => {
    expect(parseTimestamp(text)).toBeNaN();
  });
});

describe('parseNumber', () => {
  it.each([
    ['12', 12],
    ['-0.5', -0.5],
    ['+3', 3],
    ['1e3', 1000],
    ['2.5E-1', 0.25],
    ['.5', 0.5],
    ['5.', 5],
    [' 42 ', 42],
    ['0', 0],
  ])('reads %j', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  it.each(['', ' ', 'NaN', 'Infinity', '0x10', '1,000', '1e', 'e5', '.', '-', '1.2.3', '1e400', '12abc'])('rejects %j', (text) => {
    expect(parseNumber(text)).toBeNaN();
  });
});
